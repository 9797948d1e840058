package parser

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"
)

// treeDump prints every node of a tree with its byte range and points,
// iteratively (a damaged tree can be deep).
func treeDump(root *sitter.Node) string {
	var b strings.Builder
	type item struct {
		n     *sitter.Node
		depth int
	}
	stack := []item{{root, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := it.n
		sp, ep := n.StartPoint(), n.EndPoint()
		fmt.Fprintf(&b, "%d %s %d-%d %d:%d-%d:%d miss=%v\n", it.depth, n.Type(), n.StartByte(), n.EndByte(), sp.Row, sp.Column, ep.Row, ep.Column, n.IsMissing())
		for i := int(n.ChildCount()) - 1; i >= 0; i-- {
			stack = append(stack, item{n.Child(i), it.depth + 1})
		}
	}
	return b.String()
}

var editSnippets = []string{"∧", "≜", "𝔸", "x", " ", "\n", "/\\ ", "\\/ ", "(", ")", "==", "\"", "(*", "*)", "<<", ">>", "\n  /\\ y' = y", "IF a THEN b ELSE c", "é", "\\in ", "1", ",", "[", "]"}

// randomEdit picks an edit on rune boundaries: an insertion, a deletion or
// a replacement of up to a few runes.
func randomEdit(rng *rand.Rand, text []byte) (start, end int, ins []byte) {
	boundary := func(off int) int {
		for off > 0 && off < len(text) && !utf8.RuneStart(text[off]) {
			off--
		}
		return off
	}
	start = boundary(rng.Intn(len(text) + 1))
	end = start
	if rng.Intn(3) > 0 {
		end = boundary(min(len(text), start+rng.Intn(12)))
		if end < start {
			end = start
		}
	}
	if rng.Intn(4) > 0 {
		ins = []byte(editSnippets[rng.Intn(len(editSnippets))])
	}
	return start, end, ins
}

// TestIncrementalMatchesFresh applies thousands of random edits (including
// multi-byte UTF-8 and multi-line ones) to corpus modules and checks after
// each incremental reparse that the tree and the AST equal a fresh parse's.
func TestIncrementalMatchesFresh(t *testing.T) {
	files := corpusModules(t)
	// Small modules keep the test fast; sort for a reproducible choice.
	var small []string
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.Size() > 300 && st.Size() < 2500 {
			small = append(small, f)
		}
	}
	sort.Strings(small)
	if len(small) < 5 {
		t.Skip("not enough small corpus modules")
	}
	rng := rand.New(rand.NewSource(1))
	const modules, editsPerModule = 8, 110
	total, clean, reused := 0, 0, 0
	check := func(f string, doc *Document, step string) {
		total++
		inc := doc.Reparse(context.Background())
		if doc.units != nil {
			reused += doc.units.reused
		}
		fresh := Parse(context.Background(), f, doc.Text())
		if inc.Damaged != fresh.Damaged {
			t.Fatalf("%s %s: Damaged %v vs fresh %v", f, step, inc.Damaged, fresh.Damaged)
		}
		if inc.Tree == nil {
			return
		}
		if !fresh.Tree.RootNode().HasError() {
			clean++
		}
		if got, want := treeDump(inc.Tree.RootNode()), treeDump(fresh.Tree.RootNode()); got != want {
			t.Fatalf("%s %s: incremental tree differs from a fresh parse\ntext:\n%s\n%s", f, step, doc.Text(), firstDiff(got, want))
		}
		if got, want := dumpAST(inc.Module, doc.Text()), dumpAST(fresh.Module, doc.Text()); got != want {
			t.Fatalf("%s %s: AST differs\n%s", f, step, firstDiff(got, want))
		}
		if fmt.Sprint(inc.Errors) != fmt.Sprint(fresh.Errors) {
			t.Fatalf("%s %s: errors differ: %v vs %v", f, step, inc.Errors, fresh.Errors)
		}
	}
	for m := 0; m < modules; m++ {
		f := small[rng.Intn(len(small))]
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := NewDocument(f, src)
		doc.Reparse(context.Background())
		for e := 0; e < editsPerModule; e++ {
			// An edit, then its inverse: the document alternates between
			// the (valid) module and a one-edit variant, so that most
			// reparses reuse a clean tree. Some edits that leave the
			// module valid are kept, so the text drifts as in a session.
			s, en, ins := randomEdit(rng, doc.Text())
			removed := append([]byte(nil), doc.Text()[s:en]...)
			if err := doc.Edit(s, en, ins); err != nil {
				t.Fatal(err)
			}
			check(f, doc, fmt.Sprintf("edit %d (%d-%d %q)", e, s, en, ins))
			if e%3 == 2 && doc.Result().Tree != nil && !doc.Result().Tree.RootNode().HasError() {
				continue
			}
			if err := doc.Edit(s, s+len(ins), removed); err != nil {
				t.Fatal(err)
			}
			check(f, doc, fmt.Sprintf("undo %d", e))
		}
	}
	if clean < total/4 {
		t.Errorf("only %d of %d reparses had a clean tree: the test hardly exercises reuse", clean, total)
	}
	if reused < total {
		t.Errorf("only %d units reused in %d reparses: the test hardly exercises the reuse of lowered units", reused, total)
	}
	t.Logf("%d reparses compared, %d with a clean tree, %d units reused", total, clean, reused)
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n  incremental: %s\n  fresh:       %s", i, g[i], w[i])
		}
	}
	return fmt.Sprintf("lengths %d vs %d", len(g), len(w))
}

func TestDocumentEditErrors(t *testing.T) {
	doc := NewDocument("d.tla", []byte("---- MODULE D ----\n====\n"))
	for _, r := range [][2]int{{-1, 0}, {3, 2}, {0, 100}} {
		if err := doc.Edit(r[0], r[1], nil); err == nil {
			t.Errorf("Edit(%d, %d) accepted", r[0], r[1])
		}
	}
	if string(doc.Text()) != "---- MODULE D ----\n====\n" {
		t.Errorf("a rejected edit changed the text")
	}
}

// TestDocumentKeepsLastGood: an abandoned reparse keeps the last good
// result, and the next good text parses again.
func TestDocumentKeepsLastGood(t *testing.T) {
	src := []byte("---- MODULE D ----\nA == 1\n====\n")
	doc := NewDocument("d.tla", src)
	first := doc.Reparse(context.Background())
	if first.Damaged || doc.LastGood() != first {
		t.Fatal("first parse damaged")
	}
	if doc.Reparse(context.Background()) != first {
		t.Error("reparse without edits did not return the same result")
	}
	doc.Edit(26, 26, []byte(" + 2"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	bad := doc.Reparse(ctx)
	if !bad.Damaged || doc.LastGood() != first {
		t.Fatalf("Damaged=%v, LastGood changed", bad.Damaged)
	}
	good := doc.Reparse(context.Background())
	if good.Damaged || doc.LastGood() != good {
		t.Fatal("reparse after a cancelled one failed")
	}
	if got := dumpAST(good.Module.Units[0], doc.Text()); !strings.Contains(got, `Infix 24-30 Op="+"`) {
		t.Errorf("unit after edit:\n%s", got)
	}
	// The first result is immutable: its tree still describes its text.
	if first.Tree.RootNode().EndByte() != uint32(len(src)) {
		t.Errorf("an edit changed a published tree")
	}
}

// TestReparseReusesUnits: after an edit inside one definition, every other
// unit's lowering is reused (shifted when it moved), the edited one is
// lowered again, and the AST and errors equal a fresh parse's.
func TestReparseReusesUnits(t *testing.T) {
	const src = "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nA == /\\ x = 1\n     /\\ x' = 2\nB(p) == p + 1\nC == {y \\in 1..3 : y > 1}\nD == /\\ (1\n)\n====\n"
	edits := []struct {
		name       string
		at, del    int
		ins        string
		wantReused int
		// wantPreshifted are the reused units moved beside the reparse.
		wantPreshifted int
	}{
		{"insert in B moves D and its error", strings.Index(src, "p + 1"), 0, "2 * ", 4, 2},
		{"edit in A", strings.Index(src, "= 1") + 2, 0, "0", 4, 3},
		{"edit in D", strings.Index(src, "D =="), 1, "E", 4, 0},
		{"no change", 0, 0, "", 5, 0},
	}
	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			doc := NewDocument("m.tla", []byte(src))
			doc.Reparse(context.Background())
			if err := doc.Edit(e.at, e.at+e.del, []byte(e.ins)); err != nil {
				t.Fatal(err)
			}
			inc := doc.Reparse(context.Background())
			if got := doc.units.reused; got != e.wantReused {
				t.Errorf("%d units reused, want %d", got, e.wantReused)
			}
			if got := doc.units.preshifted; got != e.wantPreshifted {
				t.Errorf("%d units taken already shifted, want %d", got, e.wantPreshifted)
			}
			fresh := Parse(context.Background(), "m.tla", doc.Text())
			if got, want := dumpAST(inc.Module, doc.Text()), dumpAST(fresh.Module, doc.Text()); got != want {
				t.Fatalf("AST differs from a fresh parse\n%s", firstDiff(got, want))
			}
			if got, want := fmt.Sprint(inc.Errors), fmt.Sprint(fresh.Errors); got != want {
				t.Fatalf("errors differ: %s vs fresh %s", got, want)
			}
			if len(inc.Errors) != 1 {
				t.Fatalf("errors %v, want D's layout error", inc.Errors)
			}
		})
	}
}
