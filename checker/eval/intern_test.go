package eval

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/parser"
)

// TestBeginSpecRun: a run starts beside another only when the table already
// orders its texts as TLC would; otherwise it waits for the other to end,
// so that it sees the order it would see alone.
func TestBeginSpecRun(t *testing.T) {
	ctx := context.Background()
	a := []string{"x", "b", "a", "x"}
	endA, err := BeginSpecRun(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	// the same texts, or the same ones followed by new ones: at once
	for _, order := range [][]string{a, {"x", "a", "new"}, {"b", "new2"}} {
		end, err := BeginSpecRun(ctx, order)
		if err != nil {
			t.Fatal(err)
		}
		end()
	}
	// an order the table contradicts waits for A
	started := make(chan func())
	go func() {
		end, err := BeginSpecRun(ctx, []string{"a", "b"})
		if err != nil {
			t.Error(err)
		}
		started <- end
	}()
	select {
	case <-started:
		t.Fatal("a run ordering a before b started beside a run ordering b before a")
	case <-time.After(50 * time.Millisecond):
	}
	// and gives up when its context ends
	cctx, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	if _, err := BeginSpecRun(cctx, []string{"new3", "x"}); err == nil {
		t.Fatal("a run with a new text before a known one started beside A")
	}
	endA()
	endB := <-started
	defer endB()
	if compareStrings("a", "b") != -1 || InternedCount() != 2 {
		t.Fatalf("B after A: a vs b = %d, %d strings", compareStrings("a", "b"), InternedCount())
	}
}

// TestTokens: the images of SANY's tokens.
func TestTokens(t *testing.T) {
	src := `text before "pre" ---- MODULE M ----
EXTENDS Naturals
x == <<1, 2.5, \b101>> \o "a\"b" \* comment
(* block (* nested *) *) y == [][x' = 1..2]_x /\ WF_x(x) /\ <<x>>_x
lbl:: z == [a |-> {}] (+) a -+-> b
THEOREM TRUE
<1>1. TRUE OBVIOUS
<1> QED BY <1>1
=========
after "post"`
	got := strings.Join(tokenTexts(tlaTokens([]byte(src), true)), " ")
	want := `---- MODULE M ---- EXTENDS Naturals x == << 1 , 2.5 , \b101 >> \o "a\"b" y == [] [ x ' = 1 .. 2 ]_ x /\ WF_ x ( x ) /\ << x >>_ x lbl :: z == [ a |-> { } ] (+) a -+-> b THEOREM TRUE <1>1. TRUE OBVIOUS <1> QED BY <1>1 =========`
	if got != want {
		t.Errorf("tokens\n%s\nwant\n%s", got, want)
	}
}

// TestConfigValues: the values of a configuration's constants, in order;
// names of definitions are not values.
func TestConfigValues(t *testing.T) {
	cfg := "CONSTANTS\n  A = {m2, \"s\", 3, TRUE}\n  B <- Def\n  C = C\n  D <- [Mod] Other\n  E = -1\n  G = [Mod] mvg\nINIT Init\nCONSTANT F = \"t\\\"u\"\n"
	got := strings.Join(cfgValues([]byte(cfg)), "|")
	if want := `m2|s|C|mvg|t"u`; got != want {
		t.Errorf("values %s, want %s", got, want)
	}
}

// TestSpecTextsCycle: modules that refer to each other (which SANY
// rejects) do not make the order recurse forever.
func TestSpecTextsCycle(t *testing.T) {
	files := map[string]string{
		"A": "---- MODULE A ----\nEXTENDS B\na == \"sa\"\n====\n",
		"B": "---- MODULE B ----\nI == INSTANCE A\n---- MODULE In ----\nJ == INSTANCE B\n====\nb == \"sb\"\n====\n",
	}
	load := func(name string) (*analysis.Module, error) {
		text, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("no module %s", name)
		}
		res := parser.Parse(context.Background(), name+".tla", []byte(text))
		return &analysis.Module{AST: res.Module, File: res.File}, nil
	}
	root, _ := load("A")
	got := specTexts(root.AST, root.File, load)
	var lits []string
	for _, s := range got {
		if s == "sa" || s == "sb" {
			lits = append(lits, s)
		}
	}
	if strings.Join(lits, " ") != "sb sa" {
		t.Errorf("literals in order %q, want B's before A's", lits)
	}
}
