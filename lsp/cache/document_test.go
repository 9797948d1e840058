package cache

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/tlals/tlals/parser/source"
)

func rng(l1, c1, l2, c2 int) *Range {
	return &Range{source.Position{Line: l1, Character: c1}, source.Position{Line: l2, Character: c2}}
}

// TestIncrementalSession edits an open document through Session.Change
// (several changes per notification, a whole-text change, a rejected
// change) and checks after each step that the text is the expected one and
// that the snapshot's analysis, parsed incrementally, has the diagnostics
// of a fresh session opened on the same text.
func TestIncrementalSession(t *testing.T) {
	const start = "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nA == x + 1\nB == A * 2\n====\n"
	u := uri.File(filepath.Join(t.TempDir(), "M.tla"))
	s := NewSession(NewAnalysis())
	analyze(t, s.Open(u, "tlaplus", 1, []byte(start)))
	steps := []struct {
		name    string
		changes []Change
		want    string // the text after the step
		wantErr bool
	}{
		{"rename A's use", []Change{{rng(4, 5, 4, 6), "Z"}},
			"---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nA == x + 1\nB == Z * 2\n====\n", false},
		{"two changes in order", []Change{{rng(4, 5, 4, 6), "A"}, {rng(3, 9, 3, 10), "+ y"}},
			"---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nA == x + + y\nB == A * 2\n====\n", false},
		{"rejected change leaves the text", []Change{{rng(3, 9, 3, 11), ""}, {rng(-1, 0, 0, 0), "!"}},
			"---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nA == x + + y\nB == A * 2\n====\n", true},
		{"repair", []Change{{rng(3, 7, 3, 12), "+ 1"}},
			"---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nA == x + 1\nB == A * 2\n====\n", false},
		{"whole text then a range", []Change{{nil, "---- MODULE M ----\nC == 1\n====\n"}, {rng(1, 5, 1, 6), "w"}},
			"---- MODULE M ----\nC == w\n====\n", false},
		{"new line in the middle", []Change{{rng(1, 0, 1, 0), "D == TRUE\n"}},
			"---- MODULE M ----\nD == TRUE\nC == w\n====\n", false},
	}
	for i, st := range steps {
		snap, err := s.Change(u, int32(i+2), st.changes, source.UTF16)
		if (err != nil) != st.wantErr {
			t.Fatalf("%s: error %v, want error %v", st.name, err, st.wantErr)
		}
		if err != nil {
			snap, _ = s.Snapshot(u)
		}
		if got := string(snap.File.Text); got != st.want {
			t.Fatalf("%s: text %q, want %q", st.name, got, st.want)
		}
		got := diagnostics(analyze(t, snap))
		fresh := NewSession(NewAnalysis())
		want := diagnostics(analyze(t, fresh.Open(u, "tlaplus", 1, []byte(st.want))))
		if got != want {
			t.Fatalf("%s: diagnostics\n  %s\nwant (fresh session)\n  %s", st.name, got, want)
		}
	}
}

// TestOlderSnapshotParsesItsOwnText: a snapshot analysed after the
// document moved on is parsed from its own text, not the newest one.
func TestOlderSnapshotParsesItsOwnText(t *testing.T) {
	u := uri.File(filepath.Join(t.TempDir(), "M.tla"))
	s := NewSession(ParseOnly)
	s.Open(u, "tlaplus", 1, []byte("---- MODULE M ----\nA == 1\n====\n"))
	old, err := s.Change(u, 2, []Change{{rng(1, 5, 1, 6), "(2"}}, source.UTF16)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := s.Change(u, 3, []Change{{rng(1, 6, 1, 7), "3)"}}, source.UTF16)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		snap  *Snapshot
		text  string
		diags string
	}{
		{cur, "---- MODULE M ----\nA == (3)\n====\n", "[]"},
		{old, "---- MODULE M ----\nA == (2\n====\n", "[24-25 unbalanced `(`: missing `)`]"},
	} {
		r := analyze(t, tc.snap)
		if got := string(r.Parse.File.Text); got != tc.text {
			t.Errorf("version %d parsed %q, want %q", tc.snap.Version, got, tc.text)
		}
		if got := diagnostics(r); got != tc.diags {
			t.Errorf("version %d: diagnostics %s, want %s", tc.snap.Version, got, tc.diags)
		}
	}
}

func diagnostics(r *Result) string {
	var out []string
	for _, d := range r.Diagnostics {
		out = append(out, fmt.Sprintf("%d-%d %s", d.Span.Start, d.Span.End, d.Message))
	}
	return fmt.Sprint(out)
}

// TestOpenedTextParsedByTheDocument: the first analysis of an opened
// document already takes its parse from the document's incremental parser
// (whose next reparse then reuses it), not from the shared parse cache.
func TestOpenedTextParsedByTheDocument(t *testing.T) {
	u := uri.File(filepath.Join(t.TempDir(), "M.tla"))
	a := NewAnalysis()
	s := NewSession(a)
	snap := s.Open(u, "tlaplus", 1, []byte("---- MODULE M ----\nEXTENDS Naturals\nA == 1\n====\n"))
	analyze(t, snap)
	if r := snap.parser.doc.Result(); r == nil || string(r.File.Text) != string(snap.File.Text) {
		t.Fatal("the document's parser did not parse the opened text")
	}
	for key := range a.cache {
		if key.path == snap.Path {
			t.Errorf("the open document's parse is in the shared parse cache")
		}
	}
}

// TestManyChangesAndConcurrentParses: changes keep arriving while other
// goroutines analyse snapshots (run with -race), more changes than
// maxPending arrive between two parses, and at the end the newest
// snapshot's analysis equals a fresh session's.
func TestManyChangesAndConcurrentParses(t *testing.T) {
	const text = "---- MODULE M ----\nEXTENDS Naturals\nA == 1\nB == A + 1\n====\n"
	u := uri.File(filepath.Join(t.TempDir(), "M.tla"))
	s := NewSession(NewAnalysis())
	s.Open(u, "tlaplus", 1, []byte(text))
	done := make(chan struct{})
	analysed := make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-done:
				analysed <- n
				return
			default:
				if snap, ok := s.Snapshot(u); ok {
					analyze(t, snap)
					n++
				}
			}
		}
	}()
	version := int32(1)
	change := func(c Change) {
		version++
		if _, err := s.Change(u, version, []Change{c}, source.UTF16); err != nil {
			t.Fatal(err)
		}
	}
	// Grow A's value digit by digit, then shrink it back: A == 1 again.
	for i := 0; i < 300; i++ {
		change(Change{rng(2, 5, 2, 5), "9"})
	}
	for i := 0; i < 300; i++ {
		change(Change{rng(2, 5, 2, 6), ""})
	}
	close(done)
	if n := <-analysed; n == 0 {
		t.Log("no analysis ran during the changes")
	}
	// More changes than maxPending with no parse in between.
	for i := 0; i < maxPending+10; i++ {
		change(Change{rng(3, 9, 3, 9), " "})
	}
	snap, _ := s.Snapshot(u)
	want := "---- MODULE M ----\nEXTENDS Naturals\nA == 1\nB == A + " + strings.Repeat(" ", maxPending+10) + "1\n====\n"
	if got := string(snap.File.Text); got != want {
		t.Fatalf("text %q, want %q", got, want)
	}
	fresh := NewSession(NewAnalysis())
	if got, want := diagnostics(analyze(t, snap)), diagnostics(analyze(t, fresh.Open(u, "tlaplus", 1, []byte(want)))); got != want {
		t.Fatalf("diagnostics %s, want %s", got, want)
	}
	if r := snap.parser.doc.Result(); r == nil || string(r.File.Text) != want {
		t.Fatal("the newest snapshot was not parsed by the document's parser")
	}
}
