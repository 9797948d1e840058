#!/bin/sh
# Differential testing against the reference TLC, for long runs:
#   scripts/difftest.sh [DURATION] [SEED]      (default 20m, seed from the clock)
# Generates random expressions and specs (checker/difftest), evaluates them
# with tlals and TLC (java, ../shared/tools/tla2tools.jar or $TLALS_TLC_JAR),
# and records each new class of disagreement (up to 3 cases each) in
# checker/difftest/testdata, which TestDiffReplay replays without Java.
# The log ends with every class seen, its count and an example.
set -e
cd "$(dirname "$0")/.."
dur=${1:-20m}
seed=${2:-}
TLALS_DIFFTEST_DURATION=$dur TLALS_DIFFTEST_SEED=$seed TLALS_DIFFTEST_RECORD=1 \
	go test -run 'TestDiffLong$' -v -timeout 0 ./checker/difftest
