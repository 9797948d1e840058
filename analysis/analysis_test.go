package analysis

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/tlals/tlals/analysis/stdlib"
	"github.com/tlals/tlals/parser/testkit"
)

// TestStdlibClean: every standard module analyses without errors.
func TestStdlibClean(t *testing.T) {
	l := NewLoader()
	for _, name := range stdlib.Names() {
		src, _ := stdlib.Source(name)
		prog := l.Load(context.Background(), stdlib.Path(name), src)
		for _, d := range prog.Diagnostics() {
			if d.Severity == Error {
				t.Errorf("%s: %s", name, formatDiag(prog, d))
			}
		}
	}
}

// TestOverlayAndSearchPath: an open document overrides the disk, the
// importing file's directory comes before the search path, and each text is
// parsed once per loader.
func TestOverlayAndSearchPath(t *testing.T) {
	dir := t.TempDir()
	lib := filepath.Join(dir, "lib")
	os.MkdirAll(lib, 0o755)
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "Main.tla"), "---- MODULE Main ----\nEXTENDS Dep, Far\nX == DepOp = FarOp\n====\n")
	write(filepath.Join(dir, "Dep.tla"), "---- MODULE Dep ----\nDepOp == 1\n====\n")
	write(filepath.Join(lib, "Far.tla"), "---- MODULE Far ----\nFarOp == 2\n====\n")
	write(filepath.Join(lib, "Dep.tla"), "---- MODULE Dep ----\nWrong == 1\n====\n")

	parses := 0
	l := NewLoader(lib)
	inner := l.Parse
	l.Parse = func(ctx context.Context, path string, src []byte) *Parsed { parses++; return inner(ctx, path, src) }
	prog := l.Load(context.Background(), filepath.Join(dir, "Main.tla"), nil)
	if ds := prog.Diagnostics(); len(ds) != 0 {
		t.Fatalf("unexpected diagnostics: %v", ds)
	}
	if got := prog.Modules["Dep"].Path; got != filepath.Join(dir, "Dep.tla") {
		t.Errorf("Dep loaded from %s, want the importing file's directory", got)
	}
	if parses != 3 {
		t.Errorf("parsed %d files, want 3", parses)
	}
	l.Load(context.Background(), filepath.Join(dir, "Main.tla"), nil)
	if parses != 3 {
		t.Errorf("second load parsed again: %d parses", parses)
	}

	// The overlay replaces Dep's text on disk: DepOp disappears.
	l.Overlay = func(p string) ([]byte, bool) {
		if p == filepath.Join(dir, "Dep.tla") {
			return []byte("---- MODULE Dep ----\nOther == 1\n====\n"), true
		}
		return nil, false
	}
	prog = l.Load(context.Background(), filepath.Join(dir, "Main.tla"), nil)
	ds := prog.Diagnostics()
	if len(ds) != 1 || ds[0].Code != "undefined" || !strings.Contains(ds[0].Message, "`DepOp`") {
		t.Fatalf("with overlay: got %v, want one unknown `DepOp`", ds)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "Main.tla"))
	if want := strings.Index(string(src), "DepOp ="); ds[0].Span.Start != want || ds[0].Span.End != want+len("DepOp") {
		t.Errorf("span %v, want [%d,%d)", ds[0].Span, want, want+5)
	}
}

// TestTLAPath: directories of $TLA_PATH are searched.
func TestTLAPath(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Lib.tla"), []byte("---- MODULE Lib ----\nL == 1\n====\n"), 0o644)
	t.Setenv("TLA_PATH", "/nonexistent"+string(os.PathListSeparator)+dir)
	prog := NewLoader().Load(context.Background(), "Root.tla", []byte("---- MODULE Root ----\nEXTENDS Lib\nX == L\n====\n"))
	if ds := prog.Diagnostics(); len(ds) != 0 {
		t.Fatalf("unexpected diagnostics: %v", ds)
	}
}

// TestDocAndEntity checks the entity data hover uses.
func TestDocAndEntity(t *testing.T) {
	tests := []struct {
		name, units, want string
	}{
		{"line comment above", "\\* Adds one.\nInc(n) == n + 1", "Adds one."},
		{"two line comments", "\\* Adds\n\\* one.\nInc(n) == n + 1", "Adds\none."},
		{"block comment above", "(* Adds one. *)\nInc(n) == n + 1", "Adds one."},
		{"comment ending the previous line is not doc", "K == 1 \\* about K\nInc(n) == n + 1", ""},
		{"blank line ends the doc", "\\* Adds one.\n\nInc(n) == n + 1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---- MODULE D ----\nEXTENDS Naturals\n" + tt.units + "\nUse == Inc(2)\n====\n"
			prog := NewLoader().Load(context.Background(), "D.tla", []byte(src))
			if ds := prog.Diagnostics(); len(ds) != 0 {
				t.Fatalf("unexpected diagnostics: %v", ds)
			}
			e := prog.Root.Scope.Lookup("Inc")
			if e == nil {
				t.Fatal("Inc not in module scope")
			}
			if e.Kind != Operator || e.Arity != 1 || e.Doc != tt.want || e.Module != prog.Root {
				t.Errorf("Inc = kind %v arity %d doc %q, want doc %q", e.Kind, e.Arity, e.Doc, tt.want)
			}
			if prog.Root.Scope.Lookup("Nat") == nil {
				t.Error("Nat from Naturals not visible at module level")
			}
		})
	}
}

// TestSyntaxErrorsReported: parse errors come out as code "syntax".
func TestSyntaxErrorsReported(t *testing.T) {
	prog := NewLoader().Load(context.Background(), "S.tla", []byte("---- MODULE S ----\nX == (1 +\n====\n"))
	var syntax int
	for _, d := range prog.Diagnostics() {
		if d.Code == "syntax" {
			syntax++
		}
	}
	if syntax == 0 {
		t.Fatalf("no syntax diagnostic in %v", prog.Diagnostics())
	}
}

func FuzzAnalyze(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	for _, s := range seeds {
		ar, err := txtar.ParseFile(s)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			f.Add(string(file.Data))
		}
	}
	f.Add("---- MODULE F ----\nEXTENDS F\nA == A\n====\n")
	f.Add("---- MODULE F ----\nI == INSTANCE F\nX == I!X\n====\n")
	l := NewLoader()
	l.SearchPath = nil
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<12 {
			return
		}
		// Only in-memory modules: never touch the disk around the fuzzer.
		l.Overlay = func(string) ([]byte, bool) { return nil, false }
		prog := l.Load(context.Background(), "", []byte(text))
		for _, d := range prog.Diagnostics() {
			if d.Span.Start < 0 || d.Span.End < d.Span.Start {
				t.Fatalf("bad span %v", d)
			}
		}
	})
}

func BenchmarkAnalyzeLargest(b *testing.B) {
	corpus := testkit.CorpusDir(b)
	var largest string
	var size int64
	for _, f := range testkit.Files(corpus, ".tla", "examples", "community", "tlaps") {
		if st, err := os.Stat(f); err == nil && st.Size() > size {
			largest, size = f, st.Size()
		}
	}
	src, err := os.ReadFile(largest)
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		// A fresh loader each time: parse + analysis of every module reached.
		l := NewLoader(filepath.Join(corpus, "community"), filepath.Join(corpus, "tlaps"))
		l.Load(context.Background(), largest, src)
	}
}
