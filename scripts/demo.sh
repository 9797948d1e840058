#!/usr/bin/env bash
# The demo: lint the bundled spec, then model-check it and print the
# counterexample (two workers store the same upload twice). The checker
# exits 12 on an invariant violation, as TLC does; that is the expected end.
set -uo pipefail
cd "$(dirname "$0")/.."
spec=testdata/demo/DoubleUpload.tla
echo "\$ tlals lint $spec"
./bin/tlals lint "$spec" || exit 1
echo "(no problems)"
echo
echo "\$ tlals check $spec"
./bin/tlals check "$spec"
rc=$?
if [ "$rc" -ne 12 ]; then
	echo "demo: expected the invariant violation (exit 12), got exit $rc" >&2
	exit 1
fi
