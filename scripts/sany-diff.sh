#!/usr/bin/env bash
# Differential lint: every .tla of the corpus through `tlals lint` and the
# reference SANY, outputs kept per file under OUT; then sany-diff.py OUT
# lists the disagreements. Not part of the test suite (SANY is Java, and
# the run takes minutes).
#   scripts/sany-diff.sh BIN OUT      (NOSANY=1 reuses OUT/sany)
set -u
BIN=$(realpath "$1"); OUT=$(realpath -m "$2")
C=$(realpath "$(dirname "$0")/../../shared/corpus")
SANY=$(realpath "$C/../tools/sany")
mkdir -p "$OUT/sany" "$OUT/lint"
export TLC_JAVA_OPTS="-DTLA-Library=$C/community:$C/tlaps"
cd "$C"
find examples tlc-tests community tlaps seed -name '*.tla' | sort > "$OUT/files"
while read -r f; do
	key=$(echo "$f" | tr '/' '%')
	d=$(dirname "$f"); b=$(basename "$f")
	if [ -z "${NOSANY:-}" ]; then
		(cd "$d" && timeout 60 "$SANY" "$b" > "$OUT/sany/$key" 2>&1)
	fi
	(cd "$d" && timeout 60 "$BIN" lint -path "$C/$d:$C/community:$C/tlaps" "$b" > "$OUT/lint/$key" 2>&1)
done < "$OUT/files"
