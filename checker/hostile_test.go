package checker

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hostileModel writes module M (header, then body) with INIT Init / NEXT
// Next and loads it.
func hostileModel(t *testing.T, body string) *Model {
	t.Helper()
	dir := t.TempDir()
	tla := "---- MODULE M ----\nEXTENDS Naturals, FiniteSets, TLC\nVARIABLE x\n" + body + "Next == x' = x\n====\n"
	if err := os.WriteFile(filepath.Join(dir, "M.tla"), []byte(tla), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "M.cfg"), []byte("INIT Init\nNEXT Next\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := LoadModel(filepath.Join(dir, "M.tla"), filepath.Join(dir, "M.cfg"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestHostileSpecs: specs that would run without end, grow without bound
// or recurse forever end with an error at a position, or with a bound
// outcome saying which bound, promptly.
func TestHostileSpecs(t *testing.T) {
	chain := func(n int) string { // Op0 .. Op{n-1}, each using the one before
		var b strings.Builder
		b.WriteString("Op0 == 0\n")
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, "Op%d == Op%d + 1\n", i, i-1)
		}
		return b.String() + fmt.Sprintf("Init == x = Op%d\n", n-1)
	}
	tests := []struct {
		name    string
		body    string
		opt     Options
		outcome string
		msg     string
		line    int // of the error's location; 0: none
		within  time.Duration
	}{
		{"SUBSET (1..40)", "Init == x \\in SUBSET (1..40)\n", Options{}, OutcomeError, "SUBSET of a set too large to enumerate", 4, 5 * time.Second},
		{"RECURSIVE without base", "RECURSIVE g(_)\ng(n) == g(n) + 1\nInit == x = g(0)\n", Options{}, OutcomeError, "recursion too deep (more than 20000 nested calls)", 5, 10 * time.Second},
		// a recovering defer in each frame (to place comparison errors) made
		// unwinding the 20000 frames quadratic: minutes, not milliseconds
		{"RECURSIVE through #", "RECURSIVE g(_)\ng(n) == 0 # g(n + 1)\nInit == x = g(0)\n", Options{}, OutcomeError, "recursion too deep (more than 20000 nested calls)", 5, 10 * time.Second},
		{"RECURSIVE through \\in", "RECURSIVE g(_)\ng(n) == g(n + 1) \\in {TRUE}\nInit == x = g(0)\n", Options{}, OutcomeError, "recursion too deep (more than 20000 nested calls)", 5, 10 * time.Second},
		{"RECURSIVE through a tuple =", "RECURSIVE g(_)\ng(n) == <<n, g(n + 1)>> = <<0, 0>>\nInit == x = g(0)\n", Options{}, OutcomeError, "recursion too deep (more than 20000 nested calls)", 5, 10 * time.Second},
		{"RECURSIVE through a tuple \\in", "RECURSIVE g(_)\ng(n) == <<n, g(n + 1)>> \\in {<<0, 0>>}\nInit == x = g(0)\n", Options{}, OutcomeError, "recursion too deep (more than 20000 nested calls)", 5, 10 * time.Second},
		{"CHOOSE over Nat", "Init == x = CHOOSE n \\in Nat : n > 5\n", Options{}, OutcomeError, "but S was not enumerable", 4, 5 * time.Second},
		{"cross product of 10^9 tuples", "Init == x \\in (1..1000) \\X (1..1000) \\X (1..1000)\n", Options{}, OutcomeError, "cartesian product too large to enumerate", 4, 5 * time.Second},
		// TLC multiplies the sizes: 1000000000
		{"Cardinality of a cross product", "Init == x = Cardinality((1..1000) \\X (1..1000) \\X (1..1000)) /\\ x = 1000000000\n", Options{}, OutcomeOK, "", 0, 5 * time.Second},
		// 30,000 definitions, each using the one before: finding the ones
		// that print must not walk the chain once per definition
		{"chain of 30000 definitions", chain(30000), Options{}, OutcomeError, "recursion too deep", 10004, 30 * time.Second},
		{"chain of 4000 definitions", chain(4000), Options{}, OutcomeOK, "", 0, 10 * time.Second},
		// one evaluation of 16 * 10^12 bindings, stopped by the time bound
		{"quantifier over 10^13 pairs, time bound", "Init == x = IF \\A a \\in 1..4000000, b \\in 1..4000000 : a + b > 0 THEN 1 ELSE 0\n",
			Options{Timeout: 300 * time.Millisecond}, OutcomeBound, "time bound reached", 0, 10 * time.Second},
		// one evaluation that builds 16 million tuples, stopped by the
		// memory bound
		{"set of 16M tuples, memory bound", "Init == x = {<<a, b>> : a \\in 1..4000, b \\in 1..4000}\n",
			Options{MaxMemory: 200 << 20}, OutcomeBound, "memory bound of 200 MB reached", 0, 20 * time.Second},
		// the same stopped by the CLI's default ceiling, which also holds
		// under a larger budget that would spill
		{"set of 16M tuples, memory ceiling", "Init == x = {<<a, b>> : a \\in 1..4000, b \\in 1..4000}\n",
			Options{MemoryCeiling: 150 << 20, MaxMemory: 1 << 30}, OutcomeBound, "memory bound of 150 MB reached (the default, half of this machine's memory", 0, 20 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := hostileModel(t, tt.body)
			tt.opt.Workers = 1
			start := time.Now()
			res, err := Check(context.Background(), m, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > tt.within {
				t.Errorf("took %v, want at most %v", d, tt.within)
			}
			if res.Outcome != tt.outcome || !strings.Contains(res.Message, tt.msg) {
				t.Fatalf("outcome %q %q, want %q containing %q", res.Outcome, res.Message, tt.outcome, tt.msg)
			}
			line := 0
			if res.Location != nil {
				line = res.Location.StartLine
			}
			if line != tt.line {
				t.Errorf("location %+v, want line %d", res.Location, tt.line)
			}
		})
	}
}

// TestCancelInsideEvaluation: cancelling the context stops an evaluation
// that runs long inside one state (here, computing the initial states).
func TestCancelInsideEvaluation(t *testing.T) {
	m := hostileModel(t, "Init == x = IF \\A a \\in 1..4000000, b \\in 1..4000000 : a + b > 0 THEN 1 ELSE 0\n")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	res, err := Check(ctx, m, Options{Workers: 1})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v after cancelling at 200ms", d)
	}
	if !errors.Is(err, context.Canceled) && (res == nil || res.Outcome != OutcomeBound || !strings.HasPrefix(res.Message, "cancelled")) {
		t.Fatalf("err %v, result %+v; want cancelled", err, res)
	}
}

// TestTimeBoundInsideNext: the time bound stopping an evaluation of the
// next-state relation in a state some steps deep gives a bounded result
// without a trace and without a warning about one (rebuilding the steps
// to that state would be interrupted too).
func TestTimeBoundInsideNext(t *testing.T) {
	m := inline(t, "N", `---- MODULE N ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = IF x < 3 THEN CHOOSE y \in 0..1000 : y = x + 1 ELSE IF \A a \in 1..4000000, b \in 1..4000000 : a + b > 0 THEN 9 ELSE 8
====
`, "INIT Init\nNEXT Next\n")
	// in memory and spilling to disk (whose trace is rebuilt from the
	// trace file by evaluating the actions again)
	for _, opt := range []Options{{}, {SpillDir: t.TempDir()}} {
		opt.Workers, opt.Timeout = 1, 300*time.Millisecond
		res, err := Check(context.Background(), m, opt)
		if err != nil {
			t.Fatal(err)
		}
		if res.Outcome != OutcomeBound || res.Message != "time bound reached" || len(res.Trace) != 0 || len(res.Warnings) != 0 {
			t.Errorf("spilling %v: %s %q, %d steps, warnings %q; want bound, no trace, no warning", opt.SpillDir != "", res.Outcome, res.Message, len(res.Trace), res.Warnings)
		}
	}
}
