#!/bin/bash
# engines-diff.sh: the built-in engine and the TLC engine (-engine tlc) on
# the same models must give the same `tlals check -json -workers 1`, but
# for timings ("seconds") and the seed of random choices. For each model
# it runs both and prints "same" or the JSON fields that differ; at the
# end the figure "N same of M".
#
#   scripts/engines-diff.sh                    # the seed demo + every model of examples/tlc.tsv
#   scripts/engines-diff.sh btree/kvstore.cfg  # some models (relative to examples, or absolute)
#
# The models of examples/tlc.tsv run fastest first (its seconds column).
# OUT (default: a temporary folder) keeps each model's two JSON results.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "${SHARED:-$root/../shared}" && pwd)
corpus=$shared/corpus/examples
jar=${TLA2TOOLS_JAR:-$shared/tools/tla2tools.jar}
[ -f "$jar" ] || { echo "engines-diff: no tla2tools.jar at $jar" >&2; exit 2; }
command -v java >/dev/null || { echo "engines-diff: java not found" >&2; exit 2; }
bin=$root/bin/tlals
(cd "$root" && go build -o bin/tlals ./cmd/tlals) || exit 2
libs=$shared/corpus/community:$shared/corpus/tlaps
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"

models=("$@")
if [ ${#models[@]} -eq 0 ]; then
  # the seed demo, translated (checker/testdata), and the demo
  models=("$root/checker/testdata/Uploader_translated.cfg" "$root/checker/testdata/Uploader2_translated.cfg" "$root/testdata/demo/DoubleUpload.cfg")
  while IFS= read -r m; do models+=("$m"); done < <(awk -F'\t' 'NR>1 {print $7 "\t" $1}' "$corpus/tlc.tsv" | sort -g | cut -f2)
fi

# module_of CFG: the module a config checks (models.tsv when it lists it).
module_of() {
  local cfg=$1 rel=${1#$corpus/} m
  m=$(awk -F'\t' -v c="$rel" '$1==c {print $2}' "$corpus/models.tsv" 2>/dev/null | head -1)
  if [ -n "$m" ]; then echo "$corpus/$m"; else echo "${cfg%.cfg}.tla"; fi
}

same=0 total=0
for m in "${models[@]}"; do
  case $m in /*) cfg=$m ;; *) cfg=$corpus/$m ;; esac
  tla=$(module_of "$cfg"); dir=$(dirname "$tla")
  name=$(echo "${cfg#$shared/corpus/}" | sed "s|^$root/||" | tr "/" "_")
  (cd "$dir" && "$bin" check -json -workers 1 -path "$libs" -config "$cfg" "$(basename "$tla")" >"$out/$name.tlals.json" 2>"$out/$name.tlals.err")
  (cd "$dir" && "$bin" check -json -workers 1 -engine tlc -tlc-jar "$jar" -path "$libs" -config "$cfg" "$(basename "$tla")" >"$out/$name.tlc.json" 2>"$out/$name.tlc.err")
  total=$((total + 1))
  verdict=$(python3 - "$out/$name.tlals.json" "$out/$name.tlc.json" <<'EOF'
import json, sys
def load(p):
    try:
        with open(p) as f:
            d = json.load(f)
    except Exception as e:
        return {"(no JSON)": str(e)}
    d.pop("seconds", None); d.pop("seed", None)
    return d
a, b = load(sys.argv[1]), load(sys.argv[2])
diff = []
for k in sorted(set(a) | set(b)):
    if a.get(k) != b.get(k):
        sa, sb = json.dumps(a.get(k))[:300], json.dumps(b.get(k))[:300]
        diff.append(f"  {k}:\n    tlals {sa}\n    tlc   {sb}")
print("same" if not diff else "DIFF\n" + "\n".join(diff))
EOF
)
  [ "$verdict" = same ] && same=$((same + 1))
  echo "${cfg#$shared/corpus/}: $verdict"
done
echo "engines-diff: $same same of $total (results in $out)"
