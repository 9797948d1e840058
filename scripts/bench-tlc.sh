#!/bin/bash
# bench-tlc.sh: tlals against the reference TLC, side by side, on one
# machine. For each model it runs `tlals check` and TLC alternately
# (ROUNDS times each, default 1, with -workers $WORKERS, default 1), and
# prints per model the best wall time and peak memory of each, the ratio
# TLC/tlals (higher: tlals faster) and, at the end, the geometric mean.
# A model whose outcome or state counts differ is flagged, not averaged.
#
#   scripts/bench-tlc.sh                      # the issue's corpus models
#   ROUNDS=3 WORKERS=2 scripts/bench-tlc.sh btree/btree.cfg other/dir/M.cfg
#
# Model paths are relative to ../shared/corpus/examples or absolute; the
# module is the .tla of the same name, or MC.tla/the config's sibling
# named in the corpus's models.tsv.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
corpus=$shared/corpus/examples
tlc=$shared/tools/tlc
rounds=${ROUNDS:-1}
workers=${WORKERS:-1}
[ -x "$tlc" ] || { echo "bench-tlc: no reference TLC at $tlc" >&2; exit 2; }
command -v java >/dev/null || { echo "bench-tlc: java not found" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-tlc: /usr/bin/time (GNU time) is needed for peak memory" >&2; exit 2; }
models=("$@")
if [ ${#models[@]} -eq 0 ]; then
  models=(GameOfLife/GameOfLife.cfg TeachingConcurrency/SimpleRegular.cfg SimplifiedFastPaxos/FastPaxos.cfg
    dag-consensus/TLCSailfish1.cfg allocator/AllocatorImplementation.cfg LoopInvariance/MCQuicksort.cfg
    btree/btree.cfg byzpaxos/VoteProof.cfg CoffeeCan/CoffeeCan1000Beans.cfg)
fi
bin=$root/bin/tlals
(cd "$root" && go build -o bin/tlals ./cmd/tlals)
libs=$shared/corpus/community:$shared/corpus/tlaps
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# module_of CFG: the module a config checks (models.tsv when it lists it).
module_of() {
  local cfg=$1 rel=${1#$corpus/} m
  m=$(awk -F'\t' -v c="$rel" '$1==c {print $2}' "$corpus/models.tsv" 2>/dev/null | head -1)
  if [ -n "$m" ]; then echo "$corpus/$m"; else echo "${cfg%.cfg}.tla"; fi
}

printf '%-42s %9s %9s %7s %9s %9s %s\n' model tlals_s TLC_s ratio tlals_MB TLC_MB note
ratios=()
for m in "${models[@]}"; do
  case $m in /*) cfg=$m ;; *) cfg=$corpus/$m ;; esac
  tla=$(module_of "$cfg"); dir=$(dirname "$tla")
  best_t=; best_j=; mem_t=0; mem_j=0; note=
  for ((r = 0; r < rounds; r++)); do
    (cd "$dir" && /usr/bin/time -f '%e %M' -o "$out/t.time" "$bin" check -json -workers "$workers" -path "$libs" \
      -config "$cfg" "$(basename "$tla")" >"$out/t.json" 2>/dev/null) || true
    (cd "$dir" && TLC_JAVA_OPTS="-DTLA-Library=$libs ${TLC_JAVA_OPTS:-}" /usr/bin/time -f '%e %M' -o "$out/j.time" \
      "$tlc" -workers "$workers" -metadir "$out/meta$r" -noGenerateSpecTE -config "$cfg" "$(basename "$tla")" >"$out/j.txt" 2>&1) || true
    read -r tt tm < <(tail -1 "$out/t.time"); read -r jt jm < <(tail -1 "$out/j.time")
    best_t=$(python3 -c "print(min(float('$tt'), float('${best_t:-inf}')))")
    best_j=$(python3 -c "print(min(float('$jt'), float('${best_j:-inf}')))")
    ((tm > mem_t)) && mem_t=$tm; ((jm > mem_j)) && mem_j=$jm
  done
  # the same answer, or the ratio means nothing
  ours=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("outcome"), d.get("distinctStates"))' "$out/t.json" 2>/dev/null || echo "none")
  theirs=$(grep -oE '([0-9,]+) distinct states found' "$out/j.txt" | tail -1 | tr -d , | cut -d' ' -f1)
  if ! grep -q "No error has been found" "$out/j.txt"; then theirs="violation/error"; fi
  if [ "$ours" != "ok $theirs" ]; then note="DIFFERENT: tlals '$ours', TLC '$theirs'"; fi
  ratio=$(python3 -c "print(f'{$best_j/$best_t:.2f}')")
  [ -z "$note" ] && ratios+=("$ratio")
  printf '%-42s %9.2f %9.2f %7s %9d %9d %s\n' "$m" "$best_t" "$best_j" "$ratio" $((mem_t / 1024)) $((mem_j / 1024)) "$note"
done
if [ ${#ratios[@]} -gt 0 ]; then
  python3 -c "import math,sys; r=[float(x) for x in sys.argv[1:]]; print(f'geometric mean TLC/tlals over {len(r)} models: {math.exp(sum(map(math.log,r))/len(r)):.2f}')" "${ratios[@]}"
fi
