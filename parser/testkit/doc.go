// Package testkit is the repository's test helper package: what tests and
// benchmarks of several packages share. It finds the shared corpus of real
// specs beside the repository and lists its files (corpus.go), generates the
// large modules and the keystroke the keystroke benchmarks repeat (bench.go),
// and measures the CPU time a benchmark or a test row uses (cputime_*.go).
// Only tests import it.
package testkit
