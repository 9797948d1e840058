#!/usr/bin/env bash
# Runs every fuzz target of the repository (or of the given packages) for a
# given time each, one after the other, and prints the executions and the
# outcome of each. A failing input is written by `go test` to the package's
# testdata/fuzz/<Target>/ directory: fix the bug and commit the input, which
# `go test` then runs as a regression case.
#   scripts/fuzz.sh [-t 10m] [-p workers] [-m minimize] [packages...]   (default ./...)
# -m bounds the minimization of each new input (default 5s; go's own 60s
# can stall a run on one large input).
set -uo pipefail
cd "$(dirname "$0")/.."
fuzztime=10m
parallel=${FUZZ_PARALLEL:-}
minimize=5s
while getopts "t:p:m:" opt; do
	case $opt in
	t) fuzztime=$OPTARG ;;
	p) parallel=$OPTARG ;;
	m) minimize=$OPTARG ;;
	*) echo "usage: $0 [-t duration] [-p workers] [-m minimize] [packages...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] && set -- ./...

summary=()
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for pkg in $(go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' "$@"); do
	targets=$(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true)
	for target in $targets; do
		echo "== $pkg $target for $fuzztime"
		args=(-run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize")
		[ -n "$parallel" ] && args+=(-parallel "$parallel")
		go test "${args[@]}" "$pkg" 2>&1 | tee "$log"
		status=${PIPESTATUS[0]}
		execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
		if [ "$status" -eq 0 ]; then
			result=ok
		else
			result="FAILED (input kept under $(go list -f '{{.Dir}}' "$pkg")/testdata/fuzz/$target/)"
			failed=1
		fi
		summary+=("$(printf '%-45s %-16s %12s execs  %s' "$pkg" "$target" "${execs:-?}" "$result")")
	done
done
echo
echo "== fuzz summary ($fuzztime per target)"
printf '%s\n' "${summary[@]}"
exit $failed
