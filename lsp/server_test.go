package lsp_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/lsptest"
)

// summary renders diagnostics as "line:char-line:char code: message"
// (0-based LSP positions), checking the fields every diagnostic must have.
func summary(t *testing.T, p *protocol.PublishDiagnosticsParams) []string {
	t.Helper()
	out := []string{}
	for _, d := range p.Diagnostics {
		if src, _ := d.Source.Get(); src != "tlals" {
			t.Errorf("diagnostic source = %q, want tlals", src)
		}
		code, _ := d.Code.(protocol.String)
		msg, _ := d.Message.(protocol.String)
		r := d.Range
		s := fmt.Sprintf("%d:%d-%d:%d %s: %s", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character, code, msg)
		for _, rel := range d.RelatedInformation {
			lr := rel.Location.Range
			s += fmt.Sprintf(" [%s %d:%d-%d:%d %s]", filepath.Base(rel.Location.URI.FsPath()), lr.Start.Line, lr.Start.Character, lr.End.Line, lr.End.Character, rel.Message)
		}
		out = append(out, s)
	}
	return out
}

func check(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot  %q\nwant %q", what, got, want)
	}
}

const spec = `---- MODULE Spec ----
EXTENDS Naturals
VARIABLE x
\* a comment with 𝔸 astral
Init == x = 0
Next == x' = y + 1
====
`

func newClient(t *testing.T) *lsptest.Client {
	return lsptest.New(t, lsp.NewServer(lsp.Options{}))
}

// TestSession drives a whole session: initialize, open a spec with an
// error, incremental edits with UTF-16 positions across an astral-plane
// character, close, shutdown and exit.
func TestSession(t *testing.T) {
	for _, enc := range []string{"utf-16", "utf-8"} {
		t.Run(enc, func(t *testing.T) {
			c := newClient(t)
			params := &protocol.InitializeParams{}
			if enc == "utf-8" {
				params.Capabilities.General = &protocol.GeneralClientCapabilities{
					PositionEncodings: []protocol.PositionEncodingKind{protocol.PositionEncodingKindUTF8, protocol.PositionEncodingKindUTF16},
				}
			}
			res := c.Initialize(params)
			if got := string(res.Capabilities.PositionEncoding); got != enc {
				t.Fatalf("positionEncoding = %q, want %q", got, enc)
			}
			if res.ServerInfo.Name != "tlals" {
				t.Errorf("serverInfo.name = %q", res.ServerInfo.Name)
			}

			u := uri.File(filepath.Join(t.TempDir(), "Spec.tla"))
			c.Open(u, spec)
			check(t, "version 1", summary(t, c.Diagnostics(u, 1)), []string{"5:13-5:14 undefined: unknown operator `y`"})

			// Line 3 is `\* a comment with 𝔸 astral`: 𝔸 is two UTF-16
			// code units and four UTF-8 bytes.
			astral := uint32(21) // start of "astral" in UTF-16
			ins := uint32(13)    // start of y on line 5
			yStart := uint32(22) // y after inserting "(* 𝔸 *) " (9 UTF-16 units)
			if enc == "utf-8" {
				astral, yStart = 23, 24
			}
			v := c.Change(u,
				lsptest.Edit(3, astral, 3, astral+6, "plane"),
				lsptest.Edit(5, ins, 5, ins, "(* 𝔸 *) "),
			)
			want2 := strings.Replace(strings.Replace(spec, "astral", "plane", 1), "x' = y", "x' = (* 𝔸 *) y", 1)
			check(t, "version 2", summary(t, c.Diagnostics(u, v)),
				[]string{fmt.Sprintf("5:%d-5:%d undefined: unknown operator `y`", yStart, yStart+1)})
			snapText(t, c, u, want2)

			// Fix the error; positions past the end of the line and of the
			// file clamp.
			v = c.Change(u, lsptest.Edit(5, yStart, 5, yStart+1, "x"), lsptest.Edit(6, 100, 99, 0, "\\* end\n"))
			// 6:100 clamps to the end of "====", 99:0 to the end of the text.
			want3 := strings.TrimSuffix(strings.Replace(want2, "(* 𝔸 *) y", "(* 𝔸 *) x", 1), "\n") + "\\* end\n"
			check(t, "version 3", summary(t, c.Diagnostics(u, v)), []string{})
			snapText(t, c, u, want3)

			// Full-text sync works too.
			v = c.Change(u, lsptest.Whole(spec))
			check(t, "version 4", summary(t, c.Diagnostics(u, v)), []string{"5:13-5:14 undefined: unknown operator `y`"})
			snapText(t, c, u, spec)

			c.Close(u)
			c.Cleared(u)
			if _, open := c.Server.Session().IsOpen(u); open {
				t.Errorf("document still open after didClose")
			}
			c.Shutdown()
		})
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(lsptest.Timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func snapText(t *testing.T, c *lsptest.Client, u uri.URI, want string) {
	t.Helper()
	snap, ok := c.Server.Session().Snapshot(u)
	if !ok {
		t.Fatalf("%s is not open", u)
	}
	if got := string(snap.File.Text); got != want {
		t.Errorf("server text:\n%q\nwant\n%q", got, want)
	}
}

// TestDependencies checks that modules named by EXTENDS are read from disk,
// that open documents win over the disk, and that a change on disk
// reported by didChangeWatchedFiles re-analyses the open module.
func TestDependencies(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "Base.tla")
	write := func(text string) {
		if err := os.WriteFile(base, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("---- MODULE Base ----\nFoo == 1\n====\n")

	c := newClient(t)
	yes := true
	c.Initialize(&protocol.InitializeParams{Capabilities: protocol.ClientCapabilities{Workspace: &protocol.WorkspaceClientCapabilities{
		DidChangeWatchedFiles: &protocol.DidChangeWatchedFilesClientCapabilities{DynamicRegistration: &yes},
	}}})
	regs := c.Registrations(1)
	if regs[0].Method != protocol.MethodWorkspaceDidChangeWatchedFiles || !strings.Contains(string(regs[0].RegisterOptions), `"**/*.tla"`) {
		t.Errorf("registration = %+v %s", regs[0], regs[0].RegisterOptions)
	}

	u := uri.File(filepath.Join(dir, "Spec.tla"))
	c.Open(u, "---- MODULE Spec ----\nEXTENDS Base\nA == <<Foo, Bar>>\n====\n")
	check(t, "initial", summary(t, c.Diagnostics(u, 1)), []string{"2:12-2:15 undefined: unknown operator `Bar`"})

	// Bar appears on disk.
	write("---- MODULE Base ----\nFoo == 1\nBar == 2\n====\n")
	c.Notify(protocol.MethodWorkspaceDidChangeWatchedFiles, &protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{
		{URI: uri.File(base), Type: protocol.FileChangeTypeChanged},
	}})
	c.DiagnosticsWhere(u, "no diagnostics after the disk change", func(p *protocol.PublishDiagnosticsParams) bool {
		v, _ := p.Version.Get()
		return v == 1 && len(p.Diagnostics) == 0
	})

	// The open Base.tla wins over the disk: Foo disappears.
	bu := uri.File(base)
	c.Open(bu, "---- MODULE Base ----\nBar == 2\n====\n")
	got := c.DiagnosticsWhere(u, "Foo undefined", func(p *protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) > 0 })
	check(t, "overlay", summary(t, got), []string{"2:7-2:10 undefined: unknown operator `Foo`"})

	// Closing Base.tla goes back to the disk.
	c.Close(bu)
	c.DiagnosticsWhere(u, "no diagnostics after closing Base", func(p *protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })
	c.Shutdown()
}

// TestConfiguration checks that tlals.searchPath is pulled with
// workspace/configuration after initialized and again on
// didChangeConfiguration, and takes effect.
func TestConfiguration(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "lib"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "lib", "Lib.tla"), []byte("---- MODULE Lib ----\nL == 1\n====\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := newClient(t)
	yes := true
	c.SetConfig(`{"searchPath": 7, "logLevel": "debug"}`) // a bad value is ignored
	c.Initialize(&protocol.InitializeParams{
		WorkspaceFoldersInitializeParams: protocol.WorkspaceFoldersInitializeParams{
			WorkspaceFolders: protocol.NewNullable([]protocol.WorkspaceFolder{{URI: uri.File(dir), Name: "w"}}),
		},
		Capabilities: protocol.ClientCapabilities{Workspace: &protocol.WorkspaceClientCapabilities{Configuration: &yes}},
	})
	c.ConfigurationRequests(1)

	u := uri.File(filepath.Join(dir, "Spec.tla"))
	c.Open(u, "---- MODULE Spec ----\nEXTENDS Lib\nA == L\n====\n")
	c.DiagnosticsWhere(u, "Lib not found", func(p *protocol.PublishDiagnosticsParams) bool {
		return len(p.Diagnostics) > 0 && strings.Contains(string(p.Diagnostics[0].Message.(protocol.String)), "cannot find module `Lib`")
	})
	waitUntil(t, "logLevel applied", func() bool { return c.Server.Settings().LogLevel == "debug" })
	if st := c.Server.Settings(); len(st.SearchPath) != 0 {
		t.Errorf("settings = %+v", st)
	}

	c.SetConfig(`{"searchPath": ["lib"]}`)
	c.Notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: []byte("null")})
	c.ConfigurationRequests(2)
	c.DiagnosticsWhere(u, "Lib found", func(p *protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })
	if st := c.Server.Settings(); len(st.SearchPath) != 1 || st.SearchPath[0] != "lib" {
		t.Errorf("settings = %+v", st)
	}
	c.Shutdown()
}

// TestPushedConfiguration: without workspace/configuration support the
// settings come with didChangeConfiguration.
func TestPushedConfiguration(t *testing.T) {
	c := newClient(t)
	c.Initialize(nil)
	c.Notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{
		Settings: []byte(`{"tlals": {"searchPath": ["/abs/dir"], "unknown": 1}}`),
	})
	// Requests are served in order after notifications: once this answers,
	// the settings are applied.
	if err := c.Call("tlals/noSuchMethod", nil, nil); err == nil || !strings.Contains(err.Error(), "method not found") {
		t.Fatalf("unknown method: err = %v", err)
	}
	if st := c.Server.Settings(); len(st.SearchPath) != 1 || st.SearchPath[0] != "/abs/dir" {
		t.Errorf("settings = %+v", st)
	}
}

// TestLifecycleErrors: requests before initialize, a second initialize,
// requests after shutdown, and exit without shutdown.
func TestLifecycleErrors(t *testing.T) {
	c := newClient(t)
	err := c.Call(protocol.MethodShutdown, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "not initialized") {
		t.Errorf("shutdown before initialize: %v", err)
	}
	c.Initialize(nil)
	if err := c.Call(protocol.MethodInitialize, &protocol.InitializeParams{}, nil); err == nil {
		t.Errorf("second initialize succeeded")
	}
	if err := c.Call(protocol.MethodShutdown, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Call("textDocument/hover", map[string]any{}, nil); err == nil || !strings.Contains(err.Error(), "shut down") {
		t.Errorf("request after shutdown: %v", err)
	}
	c.Notify(protocol.MethodExit, nil)
	if err := c.Served(); err != nil {
		t.Errorf("Serve = %v after shutdown+exit", err)
	}

	c2 := newClient(t)
	c2.Initialize(nil)
	c2.Notify(protocol.MethodExit, nil)
	if err := c2.Served(); err != lsp.ErrExitWithoutShutdown {
		t.Errorf("Serve = %v after exit without shutdown", err)
	}
}

// TestDiagnosticSeverities: the analysis' severities and the unused
// EXTENDS hint's tag reach the protocol as LSP numbers them.
func TestDiagnosticSeverities(t *testing.T) {
	c := newClient(t)
	c.Initialize(nil)
	u := uri.File(filepath.Join(t.TempDir(), "Sev.tla"))
	c.Open(u, `---- MODULE Sev ----
EXTENDS Naturals, Sequences
VARIABLE x
r == [x |-> 1]
Init == x = y + 1
====
`)
	type diag struct {
		rng  string
		code string
		sev  protocol.DiagnosticSeverity
		tags []protocol.DiagnosticTag
	}
	var got []diag
	for _, d := range c.Diagnostics(u, 1).Diagnostics {
		code, _ := d.Code.(protocol.String)
		tags := d.Tags.Slice()
		r := d.Range
		got = append(got, diag{fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character), string(code), d.Severity, tags})
	}
	want := []diag{
		{"3:6-3:7", "record-field-name", protocol.DiagnosticSeverityWarning, nil},
		{"4:12-4:13", "undefined", protocol.DiagnosticSeverityError, nil},
		{"1:18-1:27", "unused-extends", protocol.DiagnosticSeverityHint, []protocol.DiagnosticTag{protocol.DiagnosticTagUnnecessary}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("diagnostics:\ngot  %v\nwant %v", got, want)
	}
}
