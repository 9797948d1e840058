package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"
)

// wire is a raw client: it writes frames by hand and collects every
// message the server sends.
type wire struct {
	t    *testing.T
	conn net.Conn
	srv  *Server
	done chan error

	mu    sync.Mutex
	resps map[string]map[string]any // by raw id
	nulls int                       // responses with a null id
	calls map[string]int            // the server's requests and notifications, by method
	cond  *sync.Cond
}

func newWire(t *testing.T, s *Server) *wire {
	cEnd, sEnd := net.Pipe()
	w := &wire{t: t, conn: cEnd, srv: s, done: make(chan error, 1), resps: map[string]map[string]any{}, calls: map[string]int{}}
	w.cond = sync.NewCond(&w.mu)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { w.done <- s.ServeConn(ctx, sEnd) }()
	go w.read()
	t.Cleanup(func() { cancel(); cEnd.Close() })
	return w
}

func (w *wire) read() {
	r := bufio.NewReader(w.conn)
	for {
		n := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				n, _ = strconv.Atoi(v)
			}
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			w.t.Errorf("server sent invalid JSON: %q", body)
			return
		}
		if id, ok := m["id"]; ok && m["method"] != nil {
			// A request from the server: answer off the read loop (a
			// write here could wait for the server, which waits for us).
			idJSON, _ := json.Marshal(id)
			answer := `{"jsonrpc":"2.0","id":` + string(idJSON) + `,"result":null}`
			if m["method"] == "workspace/applyEdit" {
				answer = `{"jsonrpc":"2.0","id":` + string(idJSON) + `,"result":{"applied":false}}`
			}
			go fmt.Fprintf(w.conn, "Content-Length: %d\r\n\r\n%s", len(answer), answer)
		}
		w.mu.Lock()
		if method, ok := m["method"].(string); ok {
			w.calls[method]++
		}
		if id, ok := m["id"]; ok && m["method"] == nil {
			if id == nil {
				w.nulls++
			} else {
				w.resps[fmt.Sprint(id)] = m
			}
		}
		w.cond.Broadcast()
		w.mu.Unlock()
	}
}

func (w *wire) raw(s string) {
	if _, err := io.WriteString(w.conn, s); err != nil {
		w.t.Fatalf("write: %v", err)
	}
}

func (w *wire) send(body string) {
	w.raw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
}

// await waits for the response with the given raw id.
func (w *wire) await(id string) map[string]any {
	w.t.Helper()
	timer := time.AfterFunc(10*time.Second, func() { w.mu.Lock(); w.cond.Broadcast(); w.mu.Unlock() })
	defer timer.Stop()
	deadline := time.Now().Add(10 * time.Second)
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.resps[id] == nil {
		if time.Now().After(deadline) {
			w.t.Fatalf("no response for id %s", id)
		}
		w.cond.Wait()
	}
	return w.resps[id]
}

func errCode(m map[string]any) int {
	e, ok := m["error"].(map[string]any)
	if !ok {
		return 0
	}
	c, _ := e["code"].(float64)
	return int(c)
}

const initMsg = `{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"capabilities":{}}}`

// TestCancelAndPanic: $/cancelRequest cancels a running request by numeric
// and by string id (answered with RequestCancelled), a panicking handler
// (before or after it released the read loop) is answered with
// InternalError and logged with its stack, a panicking notification and
// background task are logged, and the server goes on serving.
func TestCancelAndPanic(t *testing.T) {
	core, logs := observer.New(zap.ErrorLevel)
	s := NewServer(Options{Logger: zap.New(core)})
	started := make(chan struct{}, 2)
	s.handlers["test/block"] = handler{fn: func(s *Server, ctx context.Context, _ jsonrpc2.RawMessage) (any, error) {
		s.async(ctx)
		started <- struct{}{}
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	s.handlers["test/panic"] = handler{fn: func(s *Server, ctx context.Context, _ jsonrpc2.RawMessage) (any, error) {
		var m map[string]int
		m["boom"]++ // nil map: panics
		return nil, nil
	}}
	s.handlers["test/panicAsync"] = handler{fn: func(s *Server, ctx context.Context, _ jsonrpc2.RawMessage) (any, error) {
		s.async(ctx)
		panic("after async")
	}}
	s.handlers["test/panicNote"] = handler{fn: func(s *Server, ctx context.Context, _ jsonrpc2.RawMessage) (any, error) {
		panic("in a notification")
	}}
	s.handlers["test/panicTask"] = handler{fn: func(s *Server, ctx context.Context, _ jsonrpc2.RawMessage) (any, error) {
		s.goTask("test task", func() { panic("in a task") })
		return nil, nil
	}}
	w := newWire(t, s)
	w.send(initMsg)
	w.await(`init`)

	w.send(`{"jsonrpc":"2.0","id":7,"method":"test/block"}`)
	w.send(`{"jsonrpc":"2.0","id":"s7","method":"test/block"}`)
	<-started
	<-started
	w.send(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":7}}`)
	if got := errCode(w.await("7")); got != int(codeRequestCancelled) {
		t.Errorf("cancelled numeric id: code %d", got)
	}
	w.send(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"s7"}}`)
	if got := errCode(w.await("s7")); got != int(codeRequestCancelled) {
		t.Errorf("cancelled string id: code %d", got)
	}

	w.send(`{"jsonrpc":"2.0","id":8,"method":"test/panic"}`)
	if got := errCode(w.await("8")); got != int(jsonrpc2.InternalError) {
		t.Errorf("panic: code %d", got)
	}
	w.send(`{"jsonrpc":"2.0","id":"a","method":"test/panicAsync"}`)
	if got := errCode(w.await("a")); got != int(jsonrpc2.InternalError) {
		t.Errorf("panic after async: code %d", got)
	}
	w.send(`{"jsonrpc":"2.0","method":"test/panicNote"}`)
	w.send(`{"jsonrpc":"2.0","method":"test/panicTask"}`)
	for deadline := time.Now().Add(10 * time.Second); logs.FilterMessage("panic in test task").Len() == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the task's panic was not logged")
		}
	}
	w.send(`{"jsonrpc":"2.0","id":"h","method":"workspace/symbol","params":{"query":"x"}}`)
	if m := w.await("h"); errCode(m) != 0 {
		t.Errorf("workspace/symbol after panics: %v", m)
	}
	w.send(`{"jsonrpc":"2.0","id":9,"method":"shutdown"}`)
	if m := w.await("9"); errCode(m) != 0 {
		t.Errorf("shutdown after panics: %v", m)
	}
	// Each panic is logged once, with its value and a stack through the
	// code that panicked.
	var got []string
	for _, e := range logs.All() {
		f := e.ContextMap()
		stack, _ := f["stack"].(string)
		where := "no stack"
		if strings.Contains(stack, "lsp.TestCancelAndPanic.func") {
			where = "stack"
		}
		got = append(got, fmt.Sprintf("%s %v %v %s", e.Message, f["method"], f["panic"], where))
	}
	sort.Strings(got)
	want := []string{
		"panic in handler test/panic assignment to entry in nil map stack",
		"panic in handler test/panicAsync after async stack",
		"panic in handler test/panicNote in a notification stack",
		"panic in test task <nil> in a task stack",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("logged:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRobustness sends thousands of random and malformed messages, then a
// valid request that must be answered, then broken framing. Every
// well-framed request is answered, and the server never crashes.
func TestRobustness(t *testing.T) {
	s := NewServer(Options{DiagnosticsDelay: 5 * time.Millisecond, MaxMessageBytes: 16 << 20})
	w := newWire(t, s)
	w.send(initMsg)
	w.await("init")
	w.send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)

	rng := rand.New(rand.NewSource(1))
	uris := []string{"file:///r/A.tla", "file:///r/B.tla", "untitled:Untitled-1", "file:///r/Big.tla", "not a uri", ""}
	text := func() string {
		parts := []string{"---- MODULE A ----\n", "x == 1\n", "𝔸", "\\* c\n", "====\n", "(*", "\r\n", "é", "<<", "\x00"}
		var b strings.Builder
		for range rng.Intn(8) {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		return b.String()
	}
	pos := func() string {
		return fmt.Sprintf(`{"line":%d,"character":%d}`, rng.Intn(12)-rng.Intn(2), rng.Intn(40))
	}
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	methods := []string{"textDocument/didOpen", "textDocument/didChange", "textDocument/didClose", "textDocument/didSave",
		"workspace/didChangeWatchedFiles", "workspace/didChangeConfiguration", "workspace/didChangeWorkspaceFolders",
		"textDocument/hover", "initialize", "$/cancelRequest", "$/setTrace", "unknown/method", "initialized"}
	want := map[string]int{} // ids that must be answered, with the error code (-1: any answer)
	start := time.Now()
	bigSent := false
	big := strings.Repeat("x == 1 \\* 𝔸\n", 10<<20/16)
	n := 3000
	if raceEnabled {
		n = 500 // the race detector slows JSON decoding some 40 times
	}
	for i := range n {
		u := uris[rng.Intn(len(uris))]
		var body string
		switch k := rng.Intn(14); k {
		case 0: // broken JSON
			full := `{"jsonrpc":"2.0","id":` + strconv.Itoa(i) + `,"method":"textDocument/hover","params":{`
			body = full[:1+rng.Intn(len(full)-1)]
		case 1: // valid JSON that is not a request
			body = []string{`42`, `"x"`, `[]`, `[{"jsonrpc":"2.0","id":1,"method":"x"}]`, `{}`, `{"jsonrpc":"1.0","id":3,"method":"x"}`, `null`, `{"id":{},"method":3}`}[rng.Intn(8)]
		case 2: // response to nothing
			body = fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"result":null}`, 100000+i)
		case 3: // cancel of random ids
			body = fmt.Sprintf(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":%s}}`, []string{"1", `"x"`, "true", "{}"}[rng.Intn(4)])
		case 4: // open
			body = fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":%s,"languageId":"tlaplus","version":%d,"text":%s}}}`, q(u), rng.Intn(5), q(text()))
		case 5, 6: // incremental change, positions anywhere
			body = fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":%s,"version":%d},"contentChanges":[{"range":{"start":%s,"end":%s},"text":%s},{"text":%s}]}}`,
				q(u), rng.Intn(100), pos(), pos(), q(text()), q(text()))
			if rng.Intn(2) == 0 {
				body = strings.Replace(body, `,{"text":`, `,{"range":{"start":`+pos()+`,"end":`+pos()+`},"text":`, 1)
			}
		case 7: // close
			body = fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":%s}}}`, q(u))
		case 8: // wrong param types for a known method, as request or notification
			m := methods[rng.Intn(len(methods))]
			p := []string{`5`, `"s"`, `[]`, `{"textDocument":"x"}`, `{"textDocument":{"uri":5,"version":"a"}}`, `{"settings":{"tlals":{"searchPath":"x","logLevel":7}}}`, `{"changes":[{"uri":"file:///r/A.tla","type":2}]}`, `{"event":{"added":[{"uri":"file:///w","name":"w"}],"removed":[]}}`}[rng.Intn(8)]
			if rng.Intn(2) == 0 {
				id := fmt.Sprintf("w%d", i)
				want[id] = -1
				body = fmt.Sprintf(`{"jsonrpc":"2.0","id":%q,"method":%q,"params":%s}`, id, m, p)
			} else {
				body = fmt.Sprintf(`{"jsonrpc":"2.0","method":%q,"params":%s}`, m, p)
			}
		case 9: // unknown method request with a numeric id
			want[strconv.Itoa(i)] = int(jsonrpc2.MethodNotFound)
			body = fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"tlals/unknown%d"}`, i, i)
		case 10: // unknown notification
			body = fmt.Sprintf(`{"jsonrpc":"2.0","method":"$/unknown%d","params":{"a":[1,2]}}`, i)
		case 11: // random bytes
			b := make([]byte, rng.Intn(50))
			rng.Read(b)
			body = string(b)
		case 12: // a 10 MB document, once
			if bigSent {
				continue
			}
			bigSent = true
			body = fmt.Sprintf(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///r/Huge.tla","languageId":"tlaplus","version":1,"text":%s}}}`, q(big))
		case 13: // framing damage in the middle, followed by a good frame
			w.raw([]string{"Content-Length: abc\r\n\r\n", "garbage line\r\n", "Content-Length: 0\r\n\r\n", "\r\n"}[rng.Intn(4)])
			body = fmt.Sprintf(`{"jsonrpc":"2.0","method":"$/after%d"}`, i)
		}
		w.send(body)
	}
	// A final valid request must be answered.
	t.Logf("sent everything in %v", time.Since(start))
	w.send(`{"jsonrpc":"2.0","id":"final","method":"shutdown"}`)
	if m := w.await("final"); errCode(m) != 0 {
		t.Fatalf("final request: %v", m)
	}
	for id, code := range want {
		if m := w.await(id); code != -1 && errCode(m) != code {
			t.Errorf("request %s: want error code %d, got %v", id, code, m)
		}
	}
	if !bigSent {
		t.Fatal("the 10 MB document was not sent")
	}
	if snap, ok := s.session.Snapshot("file:///r/Huge.tla"); !ok || string(snap.File.Text) != big {
		t.Errorf("the 10 MB document was not received intact")
	}
	w.mu.Lock()
	nulls := w.nulls
	w.mu.Unlock()
	if nulls == 0 {
		t.Errorf("malformed messages got no null-id error responses")
	}
	// Broken framing at the end: a truncated body, then the end of input.
	w.raw("Content-Length: 1000\r\n\r\n{\"jsonrpc\":")
	w.conn.Close()
	select {
	case err := <-w.done:
		t.Logf("server returned %v after %v; %d null-id errors", err, time.Since(start), nulls)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop at the end of the input")
	}
}
