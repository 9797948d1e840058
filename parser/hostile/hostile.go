// Package hostile holds the hostile specifications every surface (tlals
// lint, tlals check, the language server) is tested on: each must end with
// a clear error at a position or a bounded result, promptly, never a
// panic, a hang, a stack overflow or unbounded memory.
package hostile

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Spec is a module M, checked with INIT Init / NEXT Next.
type Spec struct {
	Name string
	Text string
	// Lint is the first error lint reports ("" for none), at Line:Col
	// (1-based; the column in bytes).
	Lint      string
	Line, Col int
	// Outcome and Message are what a check gives; CheckLine is the line
	// of its location (0: none).
	Outcome   string
	Message   string
	CheckLine int
}

const header = "---- MODULE M ----\nEXTENDS Naturals, FiniteSets\nVARIABLE x\n"

func module(body string) string { return header + body + "Next == x' = x\n====\n" }

// Cfg is the configuration of every spec.
const Cfg = "INIT Init\nNEXT Next\n"

// Specs lists the hostile specs: the corpus's adversarial inputs (kept in
// testdata) and generated ones.
func Specs() []Spec {
	_, here, _, _ := runtime.Caller(0)
	blowup, err := os.ReadFile(filepath.Join(filepath.Dir(here), "testdata", "parser-blowup-8k.tla"))
	if err != nil {
		panic(err)
	}
	const damaged = "file too damaged to parse: the parser gave up after its time budget"
	var big strings.Builder
	for i := range 100000 {
		fmt.Fprintf(&big, "D%d == %d + 1\n", i, i)
	}
	return []Spec{
		{Name: "adversarial parser-blowup-8k", Text: string(blowup), Lint: damaged, Line: 1, Col: 1, Outcome: "error", Message: damaged},
		{Name: "100,000-line module", Text: module(big.String() + "Init == x = D99999\n"), Outcome: "ok"},
		{Name: "10 MB string literal", Text: module(`S == "` + strings.Repeat("a", 10<<20) + "\"\nInit == x = S\n"),
			Lint: "file too damaged to parse: file too large (over 8 MB)", Line: 1, Col: 1, Outcome: "error", Message: "file too large (over 8 MB)"},
		{Name: "7 MB string literal", Text: module(`S == "` + strings.Repeat("a", 7<<20) + "\"\nInit == x = S\n"),
			Lint: "string literal too long (more than 1 MB)", Line: 4, Col: 6, Outcome: "error", Message: "string literal too long (more than 1 MB)"},
		{Name: "SUBSET (1..40)", Text: module("Init == x \\in SUBSET (1..40)\n"),
			Outcome: "error", Message: "SUBSET of a set too large to enumerate", CheckLine: 4},
		{Name: "f(n) == f(n+1)", Text: module("f(n) == f(n+1)\nInit == x = f(0)\n"),
			Lint: "`f` is used before its definition is complete; a recursive operator needs a RECURSIVE declaration", Line: 4, Col: 9,
			Outcome: "error", Message: "`f` is used before its definition is complete"},
		{Name: "RECURSIVE without base case", Text: module("RECURSIVE g(_)\ng(n) == g(n + 1)\nInit == x = g(0)\n"),
			Outcome: "error", Message: "recursion too deep (more than 20000 nested calls): infinite recursion?", CheckLine: 5},
		{Name: "CHOOSE over Nat", Text: module("Init == x = CHOOSE n \\in Nat : n > 5\n"),
			Outcome: "error", Message: "but S was not enumerable", CheckLine: 4},
		{Name: "100,000 nested parentheses", Text: module("Init == x = " + strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000) + "\n"),
			Lint: "expression nested too deeply (more than 256 brackets)", Line: 4, Col: 269, Outcome: "error", Message: "expression nested too deeply"},
		{Name: "10,000 nested IF", Text: module("Init == x = " + strings.Repeat("IF TRUE THEN ", 10000) + "1" + strings.Repeat(" ELSE 0", 10000) + "\n"),
			Lint: damaged, Line: 1, Col: 1, Outcome: "error", Message: damaged},
		{Name: "cross product of 10^9 tuples", Text: module("Init == x \\in (1..1000) \\X (1..1000) \\X (1..1000)\n"),
			Outcome: "error", Message: "cartesian product too large to enumerate", CheckLine: 4},
	}
}
