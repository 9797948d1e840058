// Package marker runs the language server's marker tests, in the style of
// gopls's: each txtar archive under a directory holds TLA+ files whose line
// comments carry markers, e.g.
//
//	Next == x' = y + 1 \*@diag("y", re"unknown operator `y`")
//
// The archive's files are written to a temporary workspace, every .tla file
// is opened in a fresh server, and each marker checks one fact about the
// server's answers. See lsp/testdata/markers/README.md for the syntax and
// the list of markers; new markers register with Register.
package marker

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/txtar"

	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/lsptest"
	"github.com/tlals/tlals/parser/source"
)

// Marker is one @name(args) annotation.
type Marker struct {
	Name string
	Args []any // string, *regexp.Regexp, Ident, int
	File string
	Line int    // 0-based line of the marker
	Code string // the line's text before the comment holding the marker
}

// Ident is a bare identifier argument (a name for later markers).
type Ident string

func (m *Marker) String() string { return fmt.Sprintf("%s:%d: @%s", m.File, m.Line+1, m.Name) }

// Func checks one marker.
type Func func(r *Run, m *Marker)

var kinds = map[string]Func{}

// Register adds a marker kind. It panics on a duplicate name.
func Register(name string, f Func) {
	if _, dup := kinds[name]; dup {
		panic("marker: duplicate " + name)
	}
	kinds[name] = f
}

func init() {
	Register("diag", diagMarker)
}

// Run is the state of one archive's test.
type Run struct {
	T      testing.TB
	Client *lsptest.Client
	Dir    string
	Files  map[string]*source.File // by archive name
	// diags holds, per file, the diagnostics not yet claimed by a marker.
	diags map[string][]protocol.Diagnostic
	// all holds every diagnostic of the first publication, per file.
	all map[string][]protocol.Diagnostic
}

// URI is the URI of an archive file.
func (r *Run) URI(name string) uri.URI { return uri.File(filepath.Join(r.Dir, name)) }

// Range is the UTF-16 range of the first occurrence of text in the code
// part of the marker's line.
func (r *Run) Range(m *Marker, text string) (protocol.Range, bool) {
	f := r.Files[m.File]
	i := strings.Index(m.Code, text)
	if i < 0 {
		return protocol.Range{}, false
	}
	start := f.LineStart(m.Line) + i
	sp := func(off int) protocol.Position {
		p := f.Position(off, source.UTF16)
		return protocol.Position{Line: uint32(p.Line), Character: uint32(p.Character)}
	}
	return protocol.Range{Start: sp(start), End: sp(start + len(text))}, true
}

// RunDir runs every *.txtar archive of dir as a subtest, each against the
// server returned by newServer.
func RunDir(t *testing.T, dir string, newServer func() *lsp.Server) {
	names, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no marker tests in %s (%v)", dir, err)
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			RunArchive(t, ar, newServer())
		})
	}
}

// RunArchive runs one archive against s.
func RunArchive(t testing.TB, ar *txtar.Archive, s *lsp.Server) {
	r := &Run{T: t, Dir: t.TempDir(), Files: map[string]*source.File{}, diags: map[string][]protocol.Diagnostic{}, all: map[string][]protocol.Diagnostic{}}
	var markers []*Marker
	var config string
	for _, f := range ar.Files {
		path := filepath.Join(r.Dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		if f.Name == "settings.json" {
			config = string(f.Data)
			continue
		}
		if !strings.HasSuffix(f.Name, ".tla") {
			continue
		}
		r.Files[f.Name] = source.NewFile(f.Name, f.Data)
		ms, err := Parse(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		markers = append(markers, ms...)
	}

	r.Client = lsptest.New(t, s)
	params := &protocol.InitializeParams{WorkspaceFoldersInitializeParams: protocol.WorkspaceFoldersInitializeParams{
		WorkspaceFolders: protocol.NewNullable([]protocol.WorkspaceFolder{{URI: uri.File(r.Dir), Name: "markers"}}),
	}}
	if config != "" {
		yes := true
		r.Client.SetConfig(config)
		params.Capabilities.Workspace = &protocol.WorkspaceClientCapabilities{Configuration: &yes}
	}
	r.Client.Initialize(params)
	if config != "" {
		r.Client.ConfigurationRequests(1)
		// The answer is applied asynchronously: wait for it.
		deadline := time.Now().Add(lsptest.Timeout)
		for reflect.DeepEqual(s.Settings(), lsp.Settings{}) {
			if time.Now().After(deadline) {
				t.Fatalf("settings.json was not applied")
			}
			time.Sleep(time.Millisecond)
		}
	}
	names := sortedKeys(r.Files)
	for _, n := range names {
		r.Client.Open(r.URI(n), string(r.Files[n].Text))
	}
	for _, n := range names {
		r.all[n] = r.Client.Diagnostics(r.URI(n), 1).Diagnostics
		r.diags[n] = append([]protocol.Diagnostic(nil), r.all[n]...)
	}

	for _, m := range markers {
		f, ok := kinds[m.Name]
		if !ok {
			t.Errorf("%v: unknown marker", m)
			continue
		}
		f(r, m)
	}
	for _, n := range names {
		for _, d := range r.diags[n] {
			t.Errorf("%s: unexpected diagnostic %s", n, fmtDiag(d))
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func fmtDiag(d protocol.Diagnostic) string {
	msg, _ := d.Message.(protocol.String)
	code, _ := d.Code.(protocol.String)
	return fmt.Sprintf("%d:%d-%d:%d [%s] %s", d.Range.Start.Line+1, d.Range.Start.Character+1, d.Range.End.Line+1, d.Range.End.Character+1, code, msg)
}

// diagMarker: @diag("text", re"message") claims the diagnostic whose range
// is exactly "text" on the marker's line and whose message matches.
func diagMarker(r *Run, m *Marker) {
	text, ok1 := arg[string](m, 0)
	rx, ok2 := arg[*regexp.Regexp](m, 1)
	if !ok1 || !ok2 || len(m.Args) != 2 {
		r.T.Errorf(`%v: want @diag("text", re"message")`, m)
		return
	}
	rng, ok := r.Range(m, text)
	if !ok {
		r.T.Errorf("%v: %q does not occur on the line", m, text)
		return
	}
	ds := r.diags[m.File]
	for i, d := range ds {
		msg, _ := d.Message.(protocol.String)
		if d.Range == rng && rx.MatchString(string(msg)) {
			r.diags[m.File] = append(ds[:i:i], ds[i+1:]...)
			return
		}
	}
	var near []string
	for _, d := range ds {
		if int(d.Range.Start.Line) == m.Line {
			near = append(near, fmtDiag(d))
		}
	}
	r.T.Errorf("%v: no diagnostic at %d:%d-%d:%d matching %q; on this line: %q", m,
		rng.Start.Line+1, rng.Start.Character+1, rng.End.Line+1, rng.End.Character+1, rx, near)
}

func arg[T any](m *Marker, i int) (T, bool) {
	var zero T
	if i >= len(m.Args) {
		return zero, false
	}
	v, ok := m.Args[i].(T)
	return v, ok
}

// Parse finds the markers of a file: in a line comment (`\*`), every
// `@name(args)` after the `\*`. A marker comment must be the last thing on
// its line.
func Parse(name string, text []byte) ([]*Marker, error) {
	var out []*Marker
	for i, line := range strings.Split(string(text), "\n") {
		c := strings.Index(line, `\*@`)
		if c < 0 {
			continue
		}
		code := line[:c]
		rest := strings.TrimSpace(line[c+2:])
		for rest != "" {
			m, tail, err := parseOne(rest)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, i+1, err)
			}
			m.File, m.Line, m.Code = name, i, code
			out = append(out, m)
			rest = strings.TrimSpace(tail)
		}
	}
	return out, nil
}

var nameRx = regexp.MustCompile(`^@([A-Za-z_][A-Za-z0-9_]*)\(`)

// parseOne parses `@name(arg, ...)` at the start of s.
func parseOne(s string) (*Marker, string, error) {
	loc := nameRx.FindStringSubmatchIndex(s)
	if loc == nil {
		return nil, "", fmt.Errorf("bad marker at %q", s)
	}
	m := &Marker{Name: s[loc[2]:loc[3]]}
	s = s[loc[1]:]
	for {
		s = strings.TrimLeft(s, " \t")
		if strings.HasPrefix(s, ")") {
			return m, s[1:], nil
		}
		if len(m.Args) > 0 {
			if !strings.HasPrefix(s, ",") {
				return nil, "", fmt.Errorf("@%s: want , or ) at %q", m.Name, s)
			}
			s = strings.TrimLeft(s[1:], " \t")
		}
		v, tail, err := parseArg(s)
		if err != nil {
			return nil, "", fmt.Errorf("@%s: %v", m.Name, err)
		}
		m.Args = append(m.Args, v)
		s = tail
	}
}

var (
	identRx = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*`)
	intRx   = regexp.MustCompile(`^-?[0-9]+`)
)

func parseArg(s string) (any, string, error) {
	switch {
	case strings.HasPrefix(s, `re"`) || strings.HasPrefix(s, "re`"):
		lit, tail, err := quoted(s[2:])
		if err != nil {
			return nil, "", err
		}
		rx, err := regexp.Compile(lit)
		if err != nil {
			return nil, "", err
		}
		return rx, tail, nil
	case strings.HasPrefix(s, `"`) || strings.HasPrefix(s, "`"):
		return quoted(s)
	case intRx.MatchString(s):
		lit := intRx.FindString(s)
		n, err := strconv.Atoi(lit)
		return n, s[len(lit):], err
	case identRx.MatchString(s):
		lit := identRx.FindString(s)
		return Ident(lit), s[len(lit):], nil
	}
	return nil, "", fmt.Errorf("bad argument at %q", s)
}

// quoted reads a Go string literal ("..." or `...`) at the start of s.
func quoted(s string) (string, string, error) {
	if s == "" {
		return "", "", fmt.Errorf("missing string")
	}
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q:
			v, err := strconv.Unquote(s[:i+1])
			return v, s[i+1:], err
		}
	}
	return "", "", fmt.Errorf("unterminated string %q", s)
}
