package analysis

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Marker tests (see doc.go for the syntax): each testdata/*.txtar archive
// holds .tla files; the first is the root. Markers in line comments state
// every diagnostic expected on their line, and definition/use and level
// facts. Reported diagnostics and @diag/@warn markers must match 1:1.

type marker struct {
	kind string // diag, warn, decl, use, level
	path string
	line int // 0-based
	args []string
	span source.Span // the range of args[0] on the line
	used bool
}

// markerRE finds @kind(args) items after a `\*` on a line.
var markerRE = regexp.MustCompile(`@(diag|warn|decl|use|level)\(((?:[^()"]|"(?:[^"\\]|\\.)*")*)\)`)
var argRE = regexp.MustCompile(`re"((?:[^"\\]|\\.)*)"|"((?:[^"\\]|\\.)*)"(?:#([0-9]+))?|([A-Za-z0-9_]+)`)

func parseMarkers(t *testing.T, path string, text []byte) []*marker {
	var out []*marker
	f := source.NewFile(path, text)
	for line := 0; line < f.LineCount(); line++ {
		start := f.LineStart(line)
		end := len(text)
		if line+1 < f.LineCount() {
			end = f.LineStart(line+1) - 1
		}
		lt := string(text[start:end])
		ci := strings.Index(lt, `\*@`)
		if ci < 0 {
			continue
		}
		code := lt[:ci]
		for _, m := range markerRE.FindAllStringSubmatch(lt[ci:], -1) {
			mk := &marker{kind: m[1], path: path, line: line}
			nth := 1
			for i, a := range argRE.FindAllStringSubmatch(m[2], -1) {
				switch {
				case strings.HasPrefix(a[0], `re"`):
					mk.args = append(mk.args, unquote(a[1]))
				case strings.HasPrefix(a[0], `"`):
					mk.args = append(mk.args, unquote(a[2]))
					if a[3] != "" && (i == 0 || mk.kind == "decl") {
						nth, _ = strconv.Atoi(a[3])
					}
				default:
					mk.args = append(mk.args, a[4])
				}
			}
			if len(mk.args) == 0 {
				t.Fatalf("%s:%d: marker without arguments", path, line+1)
			}
			at := nthIndex(code, mk.args[0], nth)
			if mk.kind == "decl" { // @decl(id, "text")
				if len(mk.args) != 2 {
					t.Fatalf("%s:%d: @decl needs (id, \"text\")", path, line+1)
				}
				at = nthIndex(code, mk.args[1], nth)
				if at >= 0 {
					mk.span = source.Span{Start: start + at, End: start + at + len(mk.args[1])}
				}
			} else if at >= 0 {
				mk.span = source.Span{Start: start + at, End: start + at + len(mk.args[0])}
			}
			if at < 0 {
				t.Fatalf("%s:%d: marker text not found on its line: %q", path, line+1, m[0])
			}
			out = append(out, mk)
		}
	}
	return out
}

// unquote undoes the only escape of marker strings, \"; backslashes are
// otherwise literal, as TLA+ text and regexps need them.
func unquote(s string) string { return strings.ReplaceAll(s, `\"`, `"`) }

// nthIndex is the offset of the n-th (1-based) occurrence of sub in s, or -1.
func nthIndex(s, sub string, n int) int {
	off := 0
	for ; n > 0; n-- {
		i := strings.Index(s[off:], sub)
		if i < 0 || sub == "" {
			return -1
		}
		if n == 1 {
			return off + i
		}
		off += i + 1
	}
	return -1
}

func TestMarkers(t *testing.T) {
	archives, _ := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if len(archives) == 0 {
		t.Fatal("no testdata/*.txtar")
	}
	for _, a := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(a), ".txtar"), func(t *testing.T) { runMarkerArchive(t, a) })
	}
}

func runMarkerArchive(t *testing.T, archive string) {
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var root string
	var markers []*marker
	for _, f := range ar.Files {
		path := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if root == "" {
			root = path
		}
		markers = append(markers, parseMarkers(t, path, f.Data)...)
	}
	l := NewLoader()
	l.RecordLevels = true
	l.SearchPath = []string{filepath.Join(dir, "lib")}
	prog := l.Load(context.Background(), root, nil)
	files := map[string]*source.File{}
	for _, m := range prog.ModuleList() {
		files[m.Path] = m.File
	}
	where := func(path string, span source.Span) string {
		if f := files[path]; f != nil {
			l, c := f.LineCol(span.Start)
			return fmt.Sprintf("%s:%d:%d", filepath.Base(path), l, c)
		}
		return path
	}

	// Diagnostics against @diag / @warn.
	for _, d := range prog.Diagnostics() {
		if strings.HasPrefix(d.Path, "tlals-std:") {
			continue // the standard modules are checked by TestStdlibClean
		}
		var found bool
		for _, mk := range markers {
			if mk.used || (mk.kind != "diag" && mk.kind != "warn") || mk.path != d.Path || mk.span != d.Span {
				continue
			}
			if (mk.kind == "warn") != (d.Severity == Warning) {
				continue
			}
			if len(mk.args) > 1 && !regexp.MustCompile(mk.args[1]).MatchString(d.Message) {
				continue
			}
			mk.used, found = true, true
			break
		}
		if !found {
			t.Errorf("%s: unexpected %s: %s [%s]", where(d.Path, d.Span), d.Severity, d.Message, d.Code)
		}
	}
	for _, mk := range markers {
		if (mk.kind == "diag" || mk.kind == "warn") && !mk.used {
			t.Errorf("%s: expected %s %q matching %q, got none", where(mk.path, mk.span), mk.kind, mk.args[0], strings.Join(mk.args[1:], " "))
		}
	}

	// @decl(id, "text") names a declaring identifier; @use("text", id)
	// requires the identifier at text to resolve to it.
	decls := map[string]*marker{}
	for _, mk := range markers {
		if mk.kind == "decl" {
			decls[mk.args[0]] = mk
		}
	}
	byModulePath := map[string][]*Module{}
	for _, m := range prog.ModuleList() {
		byModulePath[m.Path] = append(byModulePath[m.Path], m)
	}
	for _, mk := range markers {
		switch mk.kind {
		case "decl":
			if defEntity(byModulePath[mk.path], mk.span) == nil {
				t.Errorf("%s: @decl(%s): no declaring identifier at %q", where(mk.path, mk.span), mk.args[0], mk.args[1])
			}
		case "use":
			if len(mk.args) != 2 {
				t.Fatalf("%s: @use needs (\"text\", id)", where(mk.path, mk.span))
			}
			want := decls[mk.args[1]]
			if want == nil {
				t.Fatalf("%s: @use names unknown @decl %q", where(mk.path, mk.span), mk.args[1])
			}
			got := useEntity(byModulePath[mk.path], mk.span)
			if got == nil {
				t.Errorf("%s: %q resolves to nothing, want the declaration at %s", where(mk.path, mk.span), mk.args[0], where(want.path, want.span))
				continue
			}
			if got.Ident == nil || got.Module == nil || got.Module.Path != want.path || got.Ident.Span != want.span {
				gw := "a built-in or implicit name"
				if got.Ident != nil && got.Module != nil {
					gw = where(got.Module.Path, got.Ident.Span)
				}
				t.Errorf("%s: %q resolves to %s %s, want the declaration at %s", where(mk.path, mk.span), mk.args[0], got.Kind, gw, where(want.path, want.span))
			}
		case "level":
			if len(mk.args) != 2 {
				t.Fatalf("%s: @level needs (\"text\", level)", where(mk.path, mk.span))
			}
			got, ok := levelAt(byModulePath[mk.path], mk.span)
			if !ok {
				t.Errorf("%s: no expression exactly at %q", where(mk.path, mk.span), mk.args[0])
			} else if got.String() != mk.args[1] {
				t.Errorf("%s: level of %q is %s, want %s", where(mk.path, mk.span), mk.args[0], got, mk.args[1])
			}
		}
	}
}

func defEntity(mods []*Module, span source.Span) *Entity {
	for _, m := range mods {
		for id, e := range m.Info.Defs {
			if id.Span == span {
				return e
			}
		}
	}
	return nil
}

func useEntity(mods []*Module, span source.Span) *Entity {
	for _, m := range mods {
		for id, e := range m.Info.Uses {
			if id.Span == span {
				return e
			}
		}
	}
	return nil
}

func levelAt(mods []*Module, span source.Span) (Level, bool) {
	var found []Level
	for _, m := range mods {
		for e, l := range m.Info.Levels() {
			if e.Pos() == span {
				if _, paren := e.(*ast.Paren); !paren {
					found = append(found, l)
				}
			}
		}
	}
	if len(found) == 0 {
		return 0, false
	}
	sort.Slice(found, func(i, j int) bool { return found[i] > found[j] })
	return found[0], true
}
