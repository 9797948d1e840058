#!/usr/bin/env bash
# The long soak of the language server: TestSoak (lsp/soak_test.go) with
# 1,000 cycles of edit, save and check on the translated seed Uploader and
# a 3,000-line module in one server (make test runs 200). It prints the heap
# after cycle 100 and after the last cycle, and the goroutine counts.
#   scripts/soak.sh [cycles]
set -euo pipefail
cd "$(dirname "$0")/.."
go test -count=1 -run '^TestSoak$' -v -timeout 60m ./lsp -soak.cycles="${1:-1000}"
