package eval

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/checker/config"
	"github.com/tlals/tlals/parser"
)

// TestBeginSpecRun: a run shares the table of a run in progress that
// already orders its texts as TLC would; a run whose order the table
// contradicts gets a table of its own at once, without waiting, and each
// goroutine compares in its own run's order.
func TestBeginSpecRun(t *testing.T) {
	ctx := context.Background()
	a := []string{"x", "b", "a", "x"}
	endA, err := BeginSpecRun(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	defer endA()
	// the same texts, or the same ones followed by new ones: A's table
	for _, order := range [][]string{a, {"x", "a", "new"}, {"b", "new2"}} {
		end, err := BeginSpecRun(ctx, order)
		if err != nil {
			t.Fatal(err)
		}
		if n := ActiveStringOrders(); n != 1 {
			t.Errorf("%q: %d tables in use, want A's alone", order, n)
		}
		end()
	}
	// an order A's table contradicts starts at once on a table of its own
	got := make(chan [2]int)
	release := make(chan struct{})
	go func() {
		end, err := BeginSpecRun(ctx, []string{"a", "b"})
		if err != nil {
			t.Error(err)
		}
		defer end()
		got <- [2]int{compareStrings("a", "b"), ActiveStringOrders()}
		<-release
	}()
	select {
	case g := <-got:
		if g != [2]int{-1, 2} {
			t.Errorf("B: a vs b = %d with %d tables in use, want -1 with 2", g[0], g[1])
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a run ordering a before b waited for a run ordering b before a")
	}
	// meanwhile A still orders b before a, on a goroutine it starts too
	if c := compareStrings("a", "b"); c != 1 {
		t.Errorf("A: a vs b = %d, want 1", c)
	}
	done := make(chan int)
	go func() { done <- compareStrings("a", "b") }()
	if c := <-done; c != 1 {
		t.Errorf("a goroutine of A: a vs b = %d, want 1", c)
	}
	close(release)
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

// TestTokenImages: where SANY's image of a token differs from
// parser/scan's (which the tokens are built on), and what is outside the
// module.
func TestTokenImages(t *testing.T) {
	for _, tc := range []struct {
		src    string
		module bool
		want   string
	}{
		{`\in1 \b12 \o17x \hFF \_x \X\/`, false, `\in 1 \b1 2 \o17 x \hFF \ _x \X \/`},
		{`WF_vars SF_x WF_ <<a>>_b [A]_c ]_ >>_`, false, `WF_ vars SF_ x WF_ << a >>_ b [ A ]_ c ]_ >>_`},
		{`<2>3. <*> <+>a.. <1>x`, false, `<2>3. <*> <+>a .. <1>x`},
		{"----- ==== -------MODULE  M", false, "----- ==== -------MODULE M"},
		// before the module: skipped, comments whole (a header in one is
		// none), strings not
		{"x (* ---- MODULE A *) \"---- MODULE B ----\nc == 1\n====\n---- MODULE C ----\n====\n", true, "---- MODULE B ---- c == 1 ===="},
		{"---- MODULE A ----\n---- MODULE In ----\n====\n====\n---- MODULE Later ----\n====", true, "---- MODULE A ---- ---- MODULE In ---- ==== ===="},
	} {
		if got := strings.Join(tokenTexts(tlaTokens([]byte(tc.src), tc.module)), " "); got != tc.want {
			t.Errorf("tokens of %q:\n%s\nwant\n%s", tc.src, got, tc.want)
		}
	}
}

// TestConfigValues: the values of a configuration's constants, in order
// (a table's arguments before its value); names of definitions are not
// values; strings keep their escapes, as TLC's configuration does.
func TestConfigValues(t *testing.T) {
	text := "CONSTANTS\n  A = {m2, \"s\", 3, TRUE}\n  B <- Def\n  C = C\n  D <- [Mod] Other\n  E = -1\n  G = [Mod] mvg\nINIT Init\nCONSTANT F = \"t\\\"u\"\n  H(\"h\", mvh) = \"v\"\n"
	cfg, errs := config.Parse("M.cfg", []byte(text))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := strings.Join(cfgValues(cfg), "|")
	if want := `m2|s|C|mvg|t\"u|h|mvh|v`; got != want {
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
