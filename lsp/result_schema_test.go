package lsp_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.lsp.dev/uri"
)

// TestCheckResultSchema validates what the server sends for a run, with
// the editor's extras, against checker/result.schema.json: the
// tlals/checkResult notification of the seed demo's run with a pinned
// expression, and tlals/trace once a step is current.
func TestCheckResultSchema(t *testing.T) {
	schema, err := jsonschema.NewCompiler().Compile("../checker/result.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	validate := func(what string, b []byte) map[string]any {
		t.Helper()
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if err := schema.Validate(v); err != nil {
			t.Fatalf("%s does not match result.schema.json: %v\n%s", what, err, b)
		}
		return v.(map[string]any)
	}
	dir := t.TempDir()
	copyFiles(t, dir, map[string]string{
		"Uploader_translated.tla": "../checker/testdata/Uploader_translated.tla",
		"Uploader_translated.cfg": "../checker/testdata/Uploader_translated.cfg",
	})
	c := checkClient(t, `{"pinnedExpressions": ["Len(queue)"]}`)
	u := uri.File(filepath.Join(dir, "Uploader_translated.tla"))
	text, _ := os.ReadFile(filepath.Join(dir, "Uploader_translated.tla"))
	c.Open(u, string(text))
	c.Diagnostics(u, 1)
	save(c, u)

	var note struct {
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(c.Messages("tlals/checkResult", 1)[0], &note); err != nil {
		t.Fatal(err)
	}
	res := validate("tlals/checkResult", note.Result)
	steps := res["trace"].([]any)
	last := steps[len(steps)-1].(map[string]any)
	if res["model"] != "Uploader_translated.cfg" || res["outcome"] != "error" || last["pinned"] == nil || last["changed"] == nil {
		t.Fatalf("tlals/checkResult lacks the run or its extras: %s", note.Result)
	}

	command(t, c, "tlals.trace.last", u)
	var tr json.RawMessage
	if err := c.Call("tlals/trace", map[string]any{"textDocument": map[string]any{"uri": u}}, &tr); err != nil {
		t.Fatal(err)
	}
	if res := validate("tlals/trace", tr); res["current"] != json.Number("3") {
		t.Fatalf("tlals/trace: current %v, want 3", res["current"])
	}
}
