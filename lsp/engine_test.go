package lsp_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/checker/tlcengine"
	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/lsptest"
)

// editorView is what the editor shows of a check of the seed demo: the
// result (timings and seed aside), the checker's diagnostics with their
// related steps, the trace cursor and the selection of each step, and the
// hover of a variable at a step.
func editorView(t *testing.T, opts lsp.Options, settings string) []string {
	t.Helper()
	dir := t.TempDir()
	copyFiles(t, dir, map[string]string{
		"Uploader_translated.tla": "../checker/testdata/Uploader_translated.tla",
		"Uploader_translated.cfg": "../checker/testdata/Uploader_translated.cfg",
	})
	c := lsptest.New(t, lsp.NewServer(opts))
	c.Config = json.RawMessage(settings)
	yes := true
	params := &protocol.InitializeParams{}
	params.Capabilities.Window = &protocol.WindowClientCapabilities{WorkDoneProgress: &yes}
	params.Capabilities.Workspace = &protocol.WorkspaceClientCapabilities{Configuration: &yes}
	c.Initialize(params)
	c.ConfigurationRequests(1)
	deadline := time.Now().Add(lsptest.Timeout)
	for reflect.DeepEqual(c.Server.Settings().Check, lsp.CheckSettings{}) {
		if time.Now().After(deadline) {
			t.Fatalf("settings %s not applied", settings)
		}
		time.Sleep(time.Millisecond)
	}
	u := uri.File(filepath.Join(dir, "Uploader_translated.tla"))
	text, _ := os.ReadFile(filepath.Join(dir, "Uploader_translated.tla"))
	c.Open(u, string(text))
	c.Diagnostics(u, 1)
	save(c, u)
	res := checkResults(t, c, 1)[0]
	delete(res, "seconds")
	delete(res, "seed")
	// the built-in engine's coverage counts (the lenses' numbers): TLC's
	// run has none
	delete(res, "coverage")
	rb, _ := json.Marshal(res)
	out := []string{strings.ReplaceAll(string(rb), dir, "DIR")}
	p := c.DiagnosticsWhere(u, "the check error", withCode("check/error"))
	out = append(out, checkSummary(t, p)...)
	for _, name := range []string{"tlals.trace.first", "tlals.trace.next", "tlals.trace.next", "tlals.trace.last"} {
		cur := command(t, c, name, u)
		out = append(out, fmt.Sprintf("%s %d/%d", name, cur.Step, cur.Total))
	}
	out = append(out, showDocuments(t, c, 4, 0)...)
	command(t, c, "tlals.trace.goto", u, 2)
	line := uint32(strings.Count(string(text[:strings.Index(string(text), "VARIABLES uploads")]), "\n"))
	return append(out, hoverText(t, c, u, line, 12))
}

// TestCheckEngineTLC: with checkEngine "tlc" the editor shows the seed
// demo's counterexample exactly as with the built-in engine.
func TestCheckEngineTLC(t *testing.T) {
	if testing.Short() {
		t.Skip("runs TLC")
	}
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("no java on the PATH")
	}
	jar, _ := filepath.Abs("../../shared/tools/tla2tools.jar")
	if _, err := os.Stat(jar); err != nil {
		t.Skipf("no reference TLC: %v", err)
	}
	tlc := lsp.Options{TLCEngine: func(jar string) checker.Engine { return tlcengine.Engine(tlcengine.Config{Jar: jar}) }}
	// TLC's JVM takes seconds to start, many on a loaded machine
	defer func(d time.Duration) { lsptest.Timeout = d }(lsptest.Timeout)
	lsptest.Timeout = 3 * time.Minute
	jb, _ := json.Marshal(jar)
	got := editorView(t, tlc, `{"checkWorkers": 1, "checkEngine": {"Uploader_translated.cfg": "tlc"}, "tlcJar": `+string(jb)+`}`)
	want := editorView(t, lsp.Options{}, `{"checkWorkers": 1, "checkTimeout": 60}`)
	check(t, "editor view", got, want)
	if !strings.Contains(got[0], `"outcome":"error"`) || len(got) < 8 {
		t.Errorf("the TLC engine's result: %v", got)
	}
}

// TestCheckEngineSettings: checkEngine takes a name or a per-model object;
// a name other than tlals or tlc is a settings error.
func TestCheckEngineSettings(t *testing.T) {
	for _, tc := range []struct {
		settings string
		want     lsp.EngineSettings
	}{
		{`{"checkEngine": "tlc", "tlcJar": "/opt/tla2tools.jar"}`, lsp.EngineSettings{Default: "tlc", TLCJar: "/opt/tla2tools.jar"}},
		{`{"checkEngine": {"*": "tlc", "Small.cfg": "tlals"}}`, lsp.EngineSettings{Default: "tlc", Models: map[string]string{"Small.cfg": "tlals"}}},
	} {
		c := checkClient(t, tc.settings)
		if got := c.Server.Settings().Check.Engine; !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.settings, got, tc.want)
		}
	}
}

// TestCheckEngineTLCMissingJar: a model whose engine is TLC without a jar
// gets one clear message as its result.
func TestCheckEngineTLCMissingJar(t *testing.T) {
	t.Setenv(tlcengine.JarEnv, "")
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("no java: the message is about Java first")
	}
	tlc := lsp.Options{TLCEngine: func(jar string) checker.Engine { return tlcengine.Engine(tlcengine.Config{Jar: jar}) }}
	dir := t.TempDir()
	copyFiles(t, dir, map[string]string{
		"Uploader_translated.tla": "../checker/testdata/Uploader_translated.tla",
		"Uploader_translated.cfg": "../checker/testdata/Uploader_translated.cfg",
	})
	c := lsptest.New(t, lsp.NewServer(tlc))
	c.Config = json.RawMessage(`{"checkEngine": "tlc"}`)
	params := &protocol.InitializeParams{}
	yes := true
	params.Capabilities.Workspace = &protocol.WorkspaceClientCapabilities{Configuration: &yes}
	params.Capabilities.Window = &protocol.WindowClientCapabilities{WorkDoneProgress: &yes}
	c.Initialize(params)
	c.ConfigurationRequests(1)
	for deadline := time.Now().Add(lsptest.Timeout); c.Server.Settings().Check.Engine.Default != "tlc"; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("settings not applied")
		}
	}
	u := uri.File(filepath.Join(dir, "Uploader_translated.tla"))
	text, _ := os.ReadFile(filepath.Join(dir, "Uploader_translated.tla"))
	c.Open(u, string(text))
	c.Diagnostics(u, 1)
	save(c, u)
	// The progress names the engine: the user sees that TLC runs.
	if p := progressMessages(t, c, 1)[0]; p.Value.Kind != "begin" || p.Value.Title != "Checking Uploader_translated.cfg with TLC" {
		t.Errorf("first progress: %+v", p)
	}
	res := checkResults(t, c, 1)[0]
	if res["outcome"] != "error" || res["message"] != "the TLC engine needs tla2tools.jar: pass -tlc-jar FILE, set TLA2TOOLS_JAR, or set the editor's tlcJar setting" {
		t.Errorf("result %v: %v", res["outcome"], res["message"])
	}
}
