#!/usr/bin/env bash
# The whole test suite: what README's `make test` and CI's .ci/run execute.
set -euo pipefail
cd "$(dirname "$0")/.."
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.cache/*' -not -path '*/node_modules/*'))
if [ -n "$unformatted" ]; then
	echo "not gofmt'ed:" $unformatted >&2
	exit 1
fi
go vet ./...
go test -count=1 -timeout 30m ./...
# runs of different specs at once keep their own string orders (issue 14)
go test -count=1 -race -timeout 10m -run 'TestConcurrentSpecsKeepTheirStringOrder|TestBeginSpecRun' ./checker ./checker/eval
