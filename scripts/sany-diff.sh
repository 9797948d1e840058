#!/usr/bin/env bash
# Differential lint: every .tla of the corpus through `tlals lint` and the
# reference SANY, outputs kept per file under OUT; then sany-diff.py OUT
# lists the disagreements. Not part of the test suite (SANY is Java, and
# the run takes minutes).
#   scripts/sany-diff.sh BIN OUT [DIR…]   (NOSANY=1 reuses OUT/sany)
# Each extra DIR (e.g. /work/heldback/*/) adds its .tla files, named by
# absolute path; each is checked from its own folder, with the folder on
# the search path. The corpus is $TLALS_CORPUS (default ../shared/corpus
# beside the repository). SANY runs once per folder (one JVM for all its
# files, whose reports it separates by its banner); when a folder's
# reports do not split into one per file, its files are run one by one.
set -u
BIN=$(realpath "$1"); OUT=$(realpath -m "$2"); shift 2
C=$(realpath "${TLALS_CORPUS:-$(dirname "$0")/../../shared/corpus}")
SANY=$(realpath "$C/../tools/sany")
mkdir -p "$OUT/sany" "$OUT/lint"
export TLC_JAVA_OPTS="-DTLA-Library=$C/community:$C/tlaps"
cd "$C"
{
	find examples tlc-tests community tlaps seed adversarial -name '*.tla'
	for x in "$@"; do find "$(realpath "$x")" -name '*.tla'; done
} | sort > "$OUT/files"
absdir() { case "$1" in /*) echo "$1" ;; *) echo "$C/$1" ;; esac; }
key() { echo "$1" | tr '/' '%'; }
if [ -z "${NOSANY:-}" ]; then
	while read -r d; do
		ad=$(absdir "$d")
		mapfile -t fs < <(grep -F "$d/" "$OUT/files" | awk -F/ -v d="$d" '{ x=$0; sub("/[^/]*$","",x); if (x==d) print }')
		names=(); for f in "${fs[@]}"; do names+=("$(basename "$f")"); done
		(cd "$ad" && timeout 600 "$SANY" "${names[@]}" > "$OUT/batch.txt" 2>&1)
		n=$(grep -c '^\*\*\*\*\*\* SANY2' "$OUT/batch.txt")
		if [ "$n" -eq "${#fs[@]}" ]; then
			awk -v out="$OUT/sany" -v list="$(for f in "${fs[@]}"; do key "$f"; done)" '
				BEGIN { n = split(list, k, "\n"); i = 0 }
				/^\*\*\*\*\*\* SANY2/ { i++; f = out "/" k[i] }
				i > 0 { print > f }' "$OUT/batch.txt"
		else
			for f in "${fs[@]}"; do
				(cd "$ad" && timeout 60 "$SANY" "$(basename "$f")" > "$OUT/sany/$(key "$f")" 2>&1)
			done
		fi
	done < <(sed 's|/[^/]*$||' "$OUT/files" | sort -u)
fi
while read -r f; do
	ad=$(absdir "$(dirname "$f")")
	(cd "$ad" && timeout 60 "$BIN" lint -path "$ad:$C/community:$C/tlaps" "$(basename "$f")" > "$OUT/lint/$(key "$f")" 2>&1)
done < "$OUT/files"
