package lsp

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/uri"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"
)

var chaosSeed = flag.Int64("chaos.seed", 1, "seed of TestChaos")

// chaosCounter is a small spec with a model beside it: the documents the
// chaos edits and saves (so checks start, are cancelled and cached), and
// the one checked at the end.
const chaosCounter = `---- MODULE Counter ----
EXTENDS Naturals
VARIABLE x
\* The counter counts to Max.
Max == 9
Init == x = 0
Next == x' = IF x < Max THEN x + 1 ELSE 0
====
`

// TestChaos drives one server with 10,000 seeded hostile messages:
// requests before initialize, then (after initialize) malformed frames
// and JSON, absurd and lying Content-Lengths, wrong parameter types,
// unknown methods, stale didChange versions, ranges past the end,
// requests on unopened documents, cancel storms and saves interleaved
// with edits and checks, then a hover and a check that must give their
// exact answers, then requests after shutdown. Every request in a
// well-formed frame is answered (with the error code expected when it is
// known), nothing panics, and the server stops only at exit.
func TestChaos(t *testing.T) {
	total := 10000
	if raceEnabled {
		total = 1500 // the race detector slows JSON decoding some 40 times
	}
	rng := rand.New(rand.NewSource(*chaosSeed))
	core, logs := observer.New(zap.WarnLevel)
	s := NewServer(Options{Logger: zap.New(core), DiagnosticsDelay: time.Millisecond, MaxMessageBytes: 1 << 20})
	w := newWire(t, s)

	dir := t.TempDir()
	for name, text := range map[string]string{"Counter.tla": chaosCounter, "Counter.cfg": "INIT Init\nNEXT Next\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fileURI := func(name string) string { return "file://" + filepath.ToSlash(filepath.Join(dir, name)) }
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	counter := fileURI("Counter.tla")
	uris := []string{counter, fileURI("Counter.cfg"), fileURI("Other.tla"), fileURI("Never.tla"), "untitled:Untitled-1", "not a uri", ""}

	want := map[string]int{} // request ids that must be answered, with the error code (-1: any answer)
	sent := 0
	nextID := 0
	// request sends a call and records what its answer must be.
	request := func(method, params string, code int) string {
		nextID++
		id := strconv.Itoa(nextID)
		if rng.Intn(3) == 0 {
			id = q("s" + id) // string ids too
		}
		want[strings.Trim(id, `"`)] = code
		body := `{"jsonrpc":"2.0","id":` + id + `,"method":` + q(method)
		if params != "" {
			body += `,"params":` + params
		}
		w.send(body + "}")
		sent++
		return strings.Trim(id, `"`)
	}
	notify := func(method, params string) {
		w.send(`{"jsonrpc":"2.0","method":` + q(method) + `,"params":` + params + `}`)
		sent++
	}
	pos := func() string {
		// Mostly inside the document, sometimes far past its end or
		// negative.
		line, char := rng.Intn(12), rng.Intn(50)
		switch rng.Intn(10) {
		case 0:
			line = 1 << 30
		case 1:
			char = 1 << 30
		case 2:
			line = -1
		}
		return fmt.Sprintf(`{"line":%d,"character":%d}`, line, char)
	}
	rangeJSON := func() string { return `{"start":` + pos() + `,"end":` + pos() + `}` }
	docPos := func(u string) string {
		return `{"textDocument":{"uri":` + q(u) + `},"position":` + pos() + `}`
	}
	snippets := []string{"x == 1\n", "\\* c\n", "====\n", "(*", "\r\n", "é𝔸", "<<", "Init == x = 0\n", "---- MODULE Other ----\n", "\x00", "\"", "\t"}
	text := func() string {
		var b strings.Builder
		for range rng.Intn(6) {
			b.WriteString(snippets[rng.Intn(len(snippets))])
		}
		return b.String()
	}
	versions := map[string]int{}
	positional := []string{"textDocument/hover", "textDocument/definition", "textDocument/completion", "textDocument/signatureHelp",
		"textDocument/documentHighlight", "textDocument/references", "textDocument/prepareRename"}
	whole := []string{"textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full", "textDocument/codeLens"}
	known := append(append([]string{"textDocument/rename", "textDocument/codeAction", "workspace/symbol", "workspace/executeCommand",
		"textDocument/inlayHint", "textDocument/selectionRange", "textDocument/semanticTokens/range", "tlals/evaluate", "tlals/trace"},
		positional...), whole...)
	var commandNames []string
	for name := range commands {
		commandNames = append(commandNames, name)
	}
	sort.Strings(commandNames)

	// Before initialize: requests are refused, notifications ignored.
	for range 50 {
		if rng.Intn(2) == 0 {
			request(known[rng.Intn(len(known))], docPos(counter), int(codeServerNotInitialized))
		} else {
			notify("textDocument/didOpen", `{"textDocument":{"uri":`+q(counter)+`,"languageId":"tlaplus","version":1,"text":"x"}}`)
		}
	}
	request("shutdown", "", int(codeServerNotInitialized))
	request("initialize", `{"capabilities":{},"rootUri":`+q("file://"+filepath.ToSlash(dir))+`}`, 0)
	notify("initialized", `{}`)
	if _, ok := s.session.IsOpen(uri.URI(counter)); ok {
		t.Fatal("a didOpen before initialize opened a document")
	}

	start := time.Now()
	for sent < total-20 {
		u := uris[rng.Intn(len(uris))]
		switch k := rng.Intn(20); k {
		case 0: // broken JSON in a good frame
			full := `{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{`
			w.send(full[:1+rng.Intn(len(full)-1)])
			sent++
		case 1: // valid JSON that is not a request
			w.send([]string{`42`, `"x"`, `[]`, `[{"jsonrpc":"2.0","id":1,"method":"x"}]`, `{}`, `{"jsonrpc":"1.0","id":3,"method":"x"}`, `null`, `{"id":{},"method":3}`, `{"jsonrpc":"2.0","id":99999999,"result":null}`}[rng.Intn(9)])
			sent++
		case 2: // broken frames, each followed by a good one
			short := `{"jsonrpc":"2.0","method":"x"}`
			bad := []string{
				"Content-Length: abc\r\n\r\n",
				"Content-Length: -5\r\n\r\n",
				"Content-Length: 99999999999999999999999999\r\n\r\n",
				"Content-Length: 9223372036854775807\r\n\r\n",
				"Content-Length: 1000000000\r\n\r\n", // absurd: beyond 4 times the limit
				"garbage line\r\n",
				"Content-Type: x\r\n\r\n",
				"\r\n",
				// A length shorter than the body: the rest is garbage.
				"Content-Length: 5\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}",
				// A length longer than the body, the difference padded.
				fmt.Sprintf("Content-Length: %d\r\n\r\n%s%s", len(short)+30, short, strings.Repeat("z", 30)),
			}[rng.Intn(10)]
			w.raw(bad)
			sent++
			request("tlals/afterDamage", "", int(jsonrpc2.MethodNotFound))
		case 3: // a body over the limit, read and refused
			if rng.Intn(20) == 0 {
				w.send(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///big.tla","languageId":"tlaplus","version":1,"text":` + q(strings.Repeat("x", 1<<20)) + `}}}`)
				sent++
			}
		case 4: // open (also twice, also odd URIs)
			versions[u] = rng.Intn(3)
			notify("textDocument/didOpen", `{"textDocument":{"uri":`+q(u)+`,"languageId":"tlaplus","version":`+strconv.Itoa(versions[u])+`,"text":`+q(chaosCounter+text())+`}}`)
		case 5, 6: // edits: ranges anywhere, versions sometimes stale
			v := versions[u] + 1
			if rng.Intn(4) == 0 {
				v = versions[u] - rng.Intn(3)
			}
			versions[u] = max(versions[u], v)
			changes := `{"range":` + rangeJSON() + `,"text":` + q(text()) + `}`
			if rng.Intn(5) == 0 {
				changes += `,{"text":` + q(chaosCounter) + `}`
			}
			notify("textDocument/didChange", `{"textDocument":{"uri":`+q(u)+`,"version":`+strconv.Itoa(v)+`},"contentChanges":[`+changes+`]}`)
		case 7: // saves, interleaved with everything (they start checks)
			notify("textDocument/didSave", `{"textDocument":{"uri":`+q(u)+`}}`)
		case 8: // close, also of unopened documents
			notify("textDocument/didClose", `{"textDocument":{"uri":`+q(u)+`}}`)
		case 9, 10: // position requests, on open and unopened documents
			request(positional[rng.Intn(len(positional))], docPos(u), -1)
		case 11: // whole-document requests
			request(whole[rng.Intn(len(whole))], `{"textDocument":{"uri":`+q(u)+`}}`, -1)
		case 12: // wrong parameter types
			if rng.Intn(2) == 0 {
				request(known[rng.Intn(len(known))], []string{`5`, `"s"`, `[]`, `true`}[rng.Intn(4)], int(jsonrpc2.InvalidParams))
			} else {
				request(known[rng.Intn(len(known))], []string{`{"textDocument":5,"position":"x"}`, `{"textDocument":{"uri":5},"position":{"line":"a"}}`}[rng.Intn(2)], -1)
			}
		case 13: // wrong parameter types in notifications
			m := []string{"textDocument/didOpen", "textDocument/didChange", "textDocument/didSave", "textDocument/didClose",
				"workspace/didChangeConfiguration", "workspace/didChangeWatchedFiles", "workspace/didChangeWorkspaceFolders", "$/cancelRequest", "$/setTrace"}[rng.Intn(9)]
			notify(m, []string{`5`, `"s"`, `[]`, `{"textDocument":"x"}`, `{"settings":{"tlals":{"searchPath":"x","checkTimeout":"y"}}}`, `{"changes":[{"uri":5}]}`, `{"id":{}}`}[rng.Intn(7)])
		case 14: // unknown methods
			if rng.Intn(2) == 0 {
				request(fmt.Sprintf("tlals/unknown%d", rng.Intn(100)), `{}`, int(jsonrpc2.MethodNotFound))
			} else {
				notify(fmt.Sprintf("$/unknown%d", rng.Intn(100)), `{"a":[1,2]}`)
			}
		case 15: // commands with good and bad arguments; checks among them
			args := []string{`[` + q(u) + `]`, `[]`, `[5]`, `[` + q(u) + `,{"model":5}]`, `[` + q(u) + `,{"path":` + q(filepath.Join(dir, "graph.dot")) + `}]`}[rng.Intn(5)]
			id := request("workspace/executeCommand", `{"command":`+q(commandNames[rng.Intn(len(commandNames))])+`,"arguments":`+args+`}`, -1)
			if rng.Intn(2) == 0 { // and sometimes cancel it at once
				idJSON := id
				if _, err := strconv.Atoi(id); err != nil {
					idJSON = q(id)
				}
				notify("$/cancelRequest", `{"id":`+idJSON+`}`)
			}
		case 16: // a cancel storm: ids in flight, done, unknown and malformed
			for range 5 + rng.Intn(20) {
				notify("$/cancelRequest", `{"id":`+[]string{strconv.Itoa(rng.Intn(nextID + 1)), q("s" + strconv.Itoa(rng.Intn(nextID+1))), `true`, `{}`, `null`}[rng.Intn(5)]+`}`)
			}
		case 17: // initialize again
			request("initialize", `{"capabilities":{}}`, int(jsonrpc2.InvalidRequest))
		case 18: // settings and workspace changes
			notify("workspace/didChangeConfiguration", `{"settings":{"tlals":{"checkTimeout":`+strconv.Itoa(rng.Intn(3))+`,"checkMaxStates":`+strconv.Itoa(rng.Intn(1000))+`}}}`)
		case 19: // requests of the custom protocol with odd parameters
			request([]string{"tlals/evaluate", "tlals/trace", "workspace/symbol", "textDocument/rename"}[rng.Intn(4)],
				`{"textDocument":{"uri":`+q(u)+`},"position":`+pos()+`,"query":`+q(text())+`,"expression":`+q(text())+`,"newName":"y"}`, -1)
		}
	}

	// The server still works: a fresh document is hovered and checked
	// with exact answers.
	notify("workspace/didChangeConfiguration", `{"settings":{"tlals":{"checkTimeout":30,"checkMaxStates":100000}}}`)
	final := fileURI("Final.tla")
	if err := os.WriteFile(filepath.Join(dir, "Final.cfg"), []byte("INIT Init\nNEXT Next\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	finalText := strings.Replace(chaosCounter, "Counter", "Final", 1)
	notify("textDocument/didOpen", `{"textDocument":{"uri":`+q(final)+`,"languageId":"tlaplus","version":1,"text":`+q(finalText)+`}}`)
	hoverID := request("textDocument/hover", `{"textDocument":{"uri":`+q(final)+`},"position":{"line":6,"character":21}}`, 0)
	checkID := request("workspace/executeCommand", `{"command":"tlals.check","arguments":[`+q(final)+`]}`, 0)
	hover, _ := json.Marshal(w.await(hoverID)["result"])
	if !strings.Contains(string(hover), "Max == 9") || !strings.Contains(string(hover), "The counter counts to Max.") {
		t.Errorf("hover on Max after the chaos: %s", hover)
	}
	res, _ := w.await(checkID)["result"].(map[string]any)
	if res["outcome"] != "ok" || res["distinctStates"] != 10.0 {
		t.Errorf("check after the chaos: %v", res)
	}

	// After shutdown, requests are refused; exit ends the server cleanly.
	w.await(request("shutdown", "", 0))
	for range 10 {
		request(known[rng.Intn(len(known))], docPos(counter), int(jsonrpc2.InvalidRequest))
	}
	for id, code := range want {
		if m := w.await(id); code != -1 && errCode(m) != code {
			t.Errorf("request %s: want error code %d, got %v", id, code, m)
		}
	}
	notify("exit", `{}`)
	select {
	case err := <-w.done:
		if err != nil {
			t.Errorf("server returned %v after shutdown and exit", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop at exit")
	}
	w.mu.Lock()
	nulls, results, published := w.nulls, w.calls["tlals/checkResult"], w.calls["textDocument/publishDiagnostics"]
	w.mu.Unlock()
	if results < 10 {
		t.Errorf("%d check results during the chaos: the saves did not check", results)
	}
	for _, e := range logs.All() {
		if strings.Contains(e.Message, "panic") {
			t.Errorf("logged %q: %v", e.Message, e.ContextMap())
		}
	}
	t.Logf("seed %d: %d messages (%d requests answered, %d null-id errors for unreadable messages) in %v; %d check results, %d diagnostics publications, %d warnings logged",
		*chaosSeed, sent, len(want), nulls, time.Since(start).Round(time.Millisecond), results, published, logs.Len())
}
