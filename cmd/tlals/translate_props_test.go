package main

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The algorithms the property test translates.
var propAlgorithms = []string{
	"(* --algorithm A\nvariables x = 0;\nbegin\n  L: x := x + 1;\nend algorithm; *)",
	"(* --algorithm B\nvariables q = <<>>, n = 0;\nprocess w \\in {1, 2}\nbegin\n  Put: q := Append(q, self);\n  Count: n := n + 1;\nend process;\nend algorithm; *)",
}

// Lines around the algorithm: comments, definitions, tabs, trailing blanks,
// non-ASCII text, blank lines.
var propLines = []string{
	"", "\\* a note", "(* a block comment *)", "Foo == 1", "Bar ==\t2", "Baz == 3   ",
	"\t\\* tabbed comment", "\\* café ∀x : x", "Qux == Foo + Bar", "(* two\nlines *)",
}

const beginMarker, endMarker = "\\* BEGIN TRANSLATION", "\\* END TRANSLATION"

// TestTranslateFileProperties: over random files (BOM or not, LF, CRLF or
// mixed line endings, random lines around the algorithm and markers,
// present or missing markers, a stale translation, random modes),
// translate leaves every byte outside the marker lines unchanged, keeps the
// BOM and the mode, gives the translation the file's dominant line ending,
// writes the same translation whatever surrounds it, leaves no temporary
// file, and changes nothing when run again.
func TestTranslateFileProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(14))
	// The translation of each algorithm alone, LF: what every file's
	// region must hold once its carriage returns are removed.
	want := make([]string, len(propAlgorithms))
	for i, alg := range propAlgorithms {
		dir := t.TempDir()
		p := filepath.Join(dir, "M.tla")
		os.WriteFile(p, []byte("---- MODULE M ----\nEXTENDS Naturals, Sequences\n"+alg+"\n====\n"), 0o644)
		var out, errb bytes.Buffer
		if code := run([]string{"translate", p}, &out, &errb); code != exitOK {
			t.Fatalf("translate: %d %s", code, errb.String())
		}
		b, _ := os.ReadFile(p)
		_, body, endLine, _, ok := region(b)
		if !ok {
			t.Fatalf("no region in\n%s", b)
		}
		want[i] = string(b[body:endLine])
	}
	for iter := range 150 {
		style := rng.Intn(3) // 0 LF, 1 CRLF, 2 mixed
		var lines []string
		add := func(ls ...string) {
			for _, l := range ls {
				lines = append(lines, strings.Split(l, "\n")...)
			}
		}
		some := func() {
			for range rng.Intn(4) {
				add(propLines[rng.Intn(len(propLines))])
			}
		}
		some()
		add("---- MODULE M ----", "EXTENDS Naturals, Sequences")
		some()
		alg := rng.Intn(len(propAlgorithms))
		add(propAlgorithms[alg])
		markers := rng.Intn(3) > 0
		if markers {
			some()
			add(beginMarker)
			if rng.Intn(2) == 0 {
				add("VARIABLES stale", "Stale == TRUE")
			}
			add(endMarker)
		}
		some()
		add("====")
		some()
		var b strings.Builder
		if rng.Intn(2) == 0 {
			b.WriteString("\ufeff")
		}
		crlfs := 0
		for i, l := range lines {
			b.WriteString(l)
			if i == len(lines)-1 && rng.Intn(4) == 0 {
				break // no final line break
			}
			if style == 1 || (style == 2 && rng.Intn(2) == 0) {
				b.WriteString("\r\n")
				crlfs++
			} else {
				b.WriteString("\n")
			}
		}
		in := []byte(b.String())
		mode := []os.FileMode{0o644, 0o600, 0o640, 0o755}[rng.Intn(4)]
		name := fmt.Sprintf("iter %d (style %d, markers %v, mode %v)", iter, style, markers, mode)

		dir := t.TempDir()
		p := filepath.Join(dir, "M.tla")
		if err := os.WriteFile(p, in, 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, mode)
		var out, errb bytes.Buffer
		if code := run([]string{"translate", p}, &out, &errb); code != exitOK {
			t.Fatalf("%s: translate exit %d: %s\n%q", name, code, errb.String(), in)
		}
		got, _ := os.ReadFile(p)
		s, body, endLine, e, ok := region(got)
		if !ok {
			t.Fatalf("%s: no translation region in\n%q", name, got)
		}
		// Outside: the text before the BEGIN line and from the END line on
		// is the input's; without markers, the input continues after the
		// inserted END line.
		if markers {
			is, _, ie, _, _ := region(in)
			if !bytes.Equal(got[:s], in[:is]) || !bytes.Equal(got[endLine:], in[ie:]) {
				t.Fatalf("%s: text outside the markers changed:\nin  %q\nout %q", name, in, got)
			}
		} else if !bytes.Equal(got[:s], in[:s]) || !bytes.Equal(got[e:], in[s:]) {
			t.Fatalf("%s: text around the inserted translation changed:\nin  %q\nout %q", name, in, got)
		}
		// The marker lines keep their own endings; what is written takes
		// the file's dominant one.
		written := string(got[body:endLine])
		if !markers {
			written = string(got[s:e])
		}
		crlf := crlfs > 0 && 2*crlfs >= strings.Count(string(in), "\n")
		if n, r := strings.Count(written, "\n"), strings.Count(written, "\r\n"); (crlf && r != n) || (!crlf && r != 0) {
			t.Errorf("%s: %d of the %d line breaks written are CRLF, want the file's (CRLF: %v)", name, r, n, crlf)
		}
		if reg := string(got[body:endLine]); strings.ReplaceAll(reg, "\r\n", "\n") != want[alg] {
			t.Errorf("%s: translation\n%s\nwant\n%s", name, reg, want[alg])
		}
		if st, _ := os.Stat(p); st.Mode().Perm() != mode {
			t.Errorf("%s: mode %v, want %v", name, st.Mode().Perm(), mode)
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			t.Errorf("%s: %d files in the directory, want 1", name, len(ents))
		}
		if code := run([]string{"translate", p}, &out, &errb); code != exitOK {
			t.Fatalf("%s: second translate: exit %d", name, code)
		}
		if again, _ := os.ReadFile(p); !bytes.Equal(again, got) {
			t.Errorf("%s: translating again changed the file", name)
		}
	}
}

// region finds the translation in b: the starts of the BEGIN marker's
// line (s), of the line after it (body) and of the END marker's line
// (endLine), and the end of the END line (e).
func region(b []byte) (s, body, endLine, e int, ok bool) {
	i := bytes.Index(b, []byte(beginMarker))
	j := bytes.Index(b, []byte(endMarker))
	if i < 0 || j < i {
		return 0, 0, 0, 0, false
	}
	s = bytes.LastIndexByte(b[:i], '\n') + 1
	body = i + bytes.IndexByte(b[i:], '\n') + 1
	endLine = bytes.LastIndexByte(b[:j], '\n') + 1
	e = len(b)
	if k := bytes.IndexByte(b[j:], '\n'); k >= 0 {
		e = j + k + 1
	}
	return s, body, endLine, e, true
}

// TestTranslateRefusesReadOnly: a read-only file is left as it is, with a
// clear error; through a symbolic link, the linked file is translated and
// the link stays a link.
func TestTranslateRefusesReadOnly(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "M.tla")
	src := []byte("---- MODULE M ----\nEXTENDS Naturals\n" + propAlgorithms[0] + "\n====\n")
	os.WriteFile(p, src, 0o444)
	var out, errb bytes.Buffer
	if code := run([]string{"translate", p}, &out, &errb); code != exitFindings || errb.String() != "tlals translate: "+p+" is read-only: not changed (make it writable, or use -stdout)\n" {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
	if b, _ := os.ReadFile(p); !bytes.Equal(b, src) {
		t.Errorf("the read-only file changed")
	}
	os.Chmod(p, 0o644)
	link := filepath.Join(dir, "L.tla")
	if err := os.Symlink("M.tla", link); err != nil {
		t.Fatal(err)
	}
	errb.Reset()
	if code := run([]string{"translate", link}, &out, &errb); code != exitOK {
		t.Fatalf("through a link: exit %d %s", code, errb.String())
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", st.Mode(), err)
	}
	if b, _ := os.ReadFile(p); !bytes.Contains(b, []byte(beginMarker)) {
		t.Errorf("the linked file was not translated")
	}
}
