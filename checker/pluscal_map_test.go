package checker

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlals/tlals/analysis/pluscal"
	"github.com/tlals/tlals/parser/source"
	"github.com/tlals/tlals/parser/testkit"
)

// at renders a range as "L:C-L2:C2" (end inclusive, as Range).
func at(r *Range) string {
	if r == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%d:%d-%d:%d", r.StartLine, r.StartColumn, r.EndLine, r.EndColumn)
}

// textAt is the text of f a range covers; its byte span and its first
// line agree.
func textAt(t *testing.T, f *source.File, r *Range) string {
	t.Helper()
	if r.Start < 0 || r.End > len(f.Text) || r.End < r.Start || r.StartLine < 1 || r.StartLine > f.LineCount() {
		t.Fatalf("range %s (bytes %d-%d) is not in %s", at(r), r.Start, r.End, f.Name)
	}
	if ls := f.LineStart(r.StartLine - 1); r.Start < ls || bytes.IndexByte(f.Text[ls:r.Start], '\n') >= 0 {
		t.Fatalf("range %s starts at byte %d, outside line %d", at(r), r.Start, r.StartLine)
	}
	return string(f.Text[r.Start:r.End])
}

// bytesAt is the JSON of the byte span from line l1, column c1 to line l2,
// column c2 (inclusive) of an ASCII file.
func bytesAt(f *source.File, l1, c1, l2, c2 int) string {
	return fmt.Sprintf(`"start":%d,"end":%d`, f.LineStart(l1-1)+c1-1, f.LineStart(l2-1)+c2)
}

// seedChecked checks the seed demo, translated by us, with its text
// rewritten by edit (nil: as translated).
func seedChecked(t *testing.T, edit func([]byte) []byte) (*Result, *Model) {
	t.Helper()
	seed := filepath.Join(testkit.CorpusDir(t), "seed")
	m := translatedModel(t, seed, filepath.Join(seed, "Uploader.tla"), "Uploader.cfg", edit)
	res, err := Check(context.Background(), m, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	return res, m
}

// The seed demo's CHOOSE failure in UploadWith, reached from the Create
// step, is shown at the CHOOSE of the define block and at the call in the
// `with' of Create:, and each trace step at its label's statement.
func TestMapPlusCalSeed(t *testing.T) {
	reindent := func(src []byte) []byte {
		// A translation laid out differently (as another translator
		// might) is still current: its locations map to the same PlusCal.
		b, e := bytes.Index(src, []byte("BEGIN TRANSLATION")), bytes.Index(src, []byte("\\* END TRANSLATION"))
		mid := bytes.ReplaceAll(src[b:e], []byte("\n\n"), []byte("\n\n\n"))
		mid = bytes.ReplaceAll(mid, []byte("\n"), []byte("\n  "))
		return append(append(append([]byte{}, src[:b]...), mid...), src[e:]...)
	}
	for _, tc := range []struct {
		name string
		edit func([]byte) []byte
	}{{"as translated", nil}, {"reindented", reindent}} {
		t.Run(tc.name, func(t *testing.T) {
			res, m := seedChecked(t, tc.edit)
			if err := MapPlusCal(res, m.Root.File); err != nil {
				t.Fatal(err)
			}
			type want struct{ pluscal, text string }
			check := func(what string, r *Range, w want) {
				t.Helper()
				if r == nil || at(r.PlusCal) != w.pluscal {
					t.Errorf("%s: PlusCal %s, want %s", what, at(r.PlusCal), w.pluscal)
					return
				}
				if got := textAt(t, m.Root.File, r.PlusCal); got != w.text {
					t.Errorf("%s: PlusCal text %q, want %q", what, got, w.text)
				}
			}
			if res.Outcome != OutcomeError || !strings.Contains(res.Message, "CHOOSE x \\in S: P, but no element of S satisfied P.") {
				t.Fatalf("outcome %s %q", res.Outcome, res.Message)
			}
			if got := textAt(t, m.Root.File, res.Location); got != `CHOOSE u \in uploads : u.id = id` {
				t.Errorf("TLA location text %q", got)
			}
			check("location", res.Location, want{"18:21-18:52", `CHOOSE u \in uploads : u.id = id`})
			if len(res.Calls) != 1 {
				t.Fatalf("calls %d, want 1", len(res.Calls))
			}
			if got := textAt(t, m.Root.File, res.Calls[0]); got != "UploadWith(msg[self].id)" {
				t.Errorf("TLA call text %q", got)
			}
			check("call", res.Calls[0], want{"64:25-64:42", "UploadWith(msg.id)"})
			steps := []struct {
				action string
				want
			}{
				{"Initial predicate", want{"<nil>", ""}},
				{"User(u1)", want{"29:3-51:13", ""}},
				{"User(u1)", want{"29:3-51:13", ""}},
				{"Receive(w1)", want{"57:3-82:13", ""}},
			}
			if len(res.Trace) != len(steps) {
				t.Fatalf("trace of %d steps, want %d", len(res.Trace), len(steps))
			}
			for i, st := range steps {
				got := res.Trace[i]
				if got.Action != st.action {
					t.Errorf("step %d: action %s, want %s", i+1, got.Action, st.action)
				}
				if got.Location == nil {
					if st.pluscal != "<nil>" {
						t.Errorf("step %d: no location", i+1)
					}
					continue
				}
				if at(got.Location.PlusCal) != st.pluscal {
					t.Errorf("step %d: PlusCal %s, want %s", i+1, at(got.Location.PlusCal), st.pluscal)
				} else if label := strings.SplitN(st.action, "(", 2)[0] + ":"; !strings.HasPrefix(textAt(t, m.Root.File, got.Location.PlusCal), label) {
					t.Errorf("step %d: PlusCal text does not start with %s", i+1, label)
				}
			}
		})
	}
}

// The CLI's renderings carry the PlusCal ranges and the call chain (the
// text does not claim TLC's nested expressions, which it cannot follow
// here, into a LET definition: it lists the calls under words of its own;
// see TestNestedExpressions).
func TestMapPlusCalRendering(t *testing.T) {
	res, m := seedChecked(t, nil)
	if err := MapPlusCal(res, m.Root.File); err != nil {
		t.Fatal(err)
	}
	text := res.TLCText()
	for _, line := range []string{
		"line 89, col 19 to line 89, col 50 of module Uploader\nPlusCal: line 18, col 21 to line 18, col 52 of module Uploader\n",
		"State 4: <Receive(w1) line 131, col 18 to line 142, col 68 of module Uploader>\n\\* PlusCal: line 57, col 3 to line 82, col 13 of module Uploader\n",
		// tlals's own list: the failing call, in the `with`, then the CHOOSE
		"The error was reached through the calls at the following positions:\n0. Line 145, column 34 to line 145, column 57 in Uploader\n   PlusCal: line 64, col 25 to line 64, col 42 of module Uploader\n1. Line 89, column 19 to line 89, column 50 in Uploader\n",
	} {
		if !strings.Contains(text, line) {
			t.Errorf("TLC text lacks %q:\n%s", line, text)
		}
	}
	if strings.Contains(text, "nested") {
		t.Errorf("TLC text lists nested expressions it cannot know:\n%s", text)
	}
	js, err := res.JSON()
	if err != nil {
		t.Fatal(err)
	}
	f := m.Root.File
	for _, frag := range []string{
		`"location":{"file":"` + m.Root.File.Name + `","startLine":89,"startColumn":19,"endLine":89,"endColumn":50,` + bytesAt(f, 89, 19, 89, 50) +
			`,"pluscal":{"file":"` + m.Root.File.Name + `","startLine":18,"startColumn":21,"endLine":18,"endColumn":52,` + bytesAt(f, 18, 21, 18, 52) + `}}`,
		`"calls":[{"file":"` + m.Root.File.Name + `","startLine":145,"startColumn":34,"endLine":145,"endColumn":57,` + bytesAt(f, 145, 34, 145, 57) +
			`,"pluscal":{"file":"` + m.Root.File.Name + `","startLine":64,"startColumn":25,"endLine":64,"endColumn":42,` + bytesAt(f, 64, 25, 64, 42) + `}}]`,
	} {
		if !bytes.Contains(js, []byte(frag)) {
			t.Errorf("JSON lacks %s:\n%s", frag, js)
		}
	}
}

// A stale translation maps nothing: its TLA+ is not the algorithm's.
func TestMapPlusCalStale(t *testing.T) {
	res, m := seedChecked(t, nil)
	for _, tc := range []struct {
		name string
		edit func([]byte) []byte
		want error
	}{
		{"algorithm changed", func(b []byte) []byte {
			return bytes.Replace(b, []byte("next_id := next_id + 1"), []byte("next_id := next_id + 2"), 1)
		}, pluscal.ErrStale},
		{"translation edited", func(b []byte) []byte {
			return bytes.Replace(b, []byte("next_id' = next_id + 1"), []byte("next_id' = next_id + 3"), 1)
		}, pluscal.ErrStale},
		{"no algorithm", func(b []byte) []byte {
			return bytes.Replace(b, []byte("--algorithm"), []byte("algorithm"), 1)
		}, pluscal.ErrNoAlgorithm},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.edit(m.Root.File.Text)
			if bytes.Equal(src, m.Root.File.Text) {
				t.Fatal("edit changed nothing")
			}
			err := MapPlusCal(res, source.NewFile(m.Root.File.Name, src))
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if res.Location.PlusCal != nil || res.Calls[0].PlusCal != nil || res.Trace[1].Location.PlusCal != nil {
				t.Error("locations mapped despite the error")
			}
		})
	}
}
