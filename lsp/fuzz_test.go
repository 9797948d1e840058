package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"
)

// frame is one well-formed message in a fuzz seed.
func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

// fuzzSeeds are client inputs: a normal session and the damage the chaos
// test sends.
func fuzzSeeds() []string {
	open := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:A","languageId":"tlaplus","version":1,"text":"---- MODULE A ----\nx == 1\ny == x\n====\n"}}}`
	session := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`) +
		frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`) + frame(open) +
		frame(`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"untitled:A"},"position":{"line":2,"character":5}}}`) +
		frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:A","version":2},"contentChanges":[{"range":{"start":{"line":9,"character":0},"end":{"line":1,"character":99}},"text":"z"}]}}`) +
		frame(`{"jsonrpc":"2.0","id":"s","method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"untitled:A"}}}`) +
		frame(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"s"}}`) +
		frame(`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`) + frame(`{"jsonrpc":"2.0","method":"exit"}`)
	return []string{
		session,
		frame(`{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}`) + frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":5}`),
		"Content-Length: abc\r\n\r\n" + frame(`{"jsonrpc":"2.0","id":7,"method":"x"}`),
		"Content-Length: 5\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}" + frame(`[1]`),
		"content-length: 9223372036854775807\r\n\r\ngarbage\r\n" + frame(`{"jsonrpc":"2.0","id":null,"method":"x"}`),
		"Content-Length: 10\r\nContent-Type: x\r\n\r\n{\"id\":1}  " + frame(`{"jsonrpc":"2.0","id":{},"result":1}`),
		"\r\n\r\nContent-Length: 0\r\n\r\n" + frame(`{"jsonrpc":"2.0","id":2,"error":{"code":1,"message":"m"}}`),
	}
}

// parseFrames splits the server's output into frame bodies, checking that
// it is nothing but well-formed frames with JSON bodies.
func parseFrames(out []byte) ([][]byte, error) {
	var bodies [][]byte
	for len(out) > 0 {
		end := bytes.Index(out, []byte("\r\n\r\n"))
		if end < 0 {
			return nil, fmt.Errorf("unterminated header %q", out)
		}
		length := -1
		for _, line := range strings.Split(string(out[:end]), "\r\n") {
			k, v, ok := strings.Cut(line, ": ")
			if !ok {
				return nil, fmt.Errorf("malformed header line %q", line)
			}
			if k == "Content-Length" {
				n, err := strconv.Atoi(v)
				if err != nil || n < 0 {
					return nil, fmt.Errorf("bad Content-Length %q", v)
				}
				length = n
			}
		}
		out = out[end+4:]
		if length < 0 || length > len(out) {
			return nil, fmt.Errorf("Content-Length %d, %d bytes left", length, len(out))
		}
		body := out[:length]
		if !json.Valid(body) {
			return nil, fmt.Errorf("body is not JSON: %q", body)
		}
		bodies = append(bodies, body)
		out = out[length:]
	}
	return bodies, nil
}

// FuzzFrames reads arbitrary bytes as the client's side of the stream:
// the reader never panics, returns only bodies that decode as JSON-RPC
// messages, always makes progress, and answers what it rejects with
// well-formed frames.
func FuzzFrames(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var out bytes.Buffer
		st := newStream(bytes.NewReader(data), &out, nil, 1<<10, zap.NewNop())
		for n := 0; ; n++ {
			if n > len(data) {
				t.Fatalf("%d frames from %d bytes", n, len(data))
			}
			body, _, err := st.ReadFrame(context.Background())
			if err != nil {
				if err != io.EOF && err != io.ErrUnexpectedEOF {
					t.Fatalf("ReadFrame: %v", err)
				}
				break
			}
			if e := checkMessage(body); e != nil {
				t.Fatalf("ReadFrame returned an undecodable body %q: %v", body, e)
			}
		}
		if _, err := parseFrames(out.Bytes()); err != nil {
			t.Fatalf("replies: %v", err)
		}
	})
}

// lockedBuffer is the server's output in FuzzDispatch.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// FuzzDispatch serves arbitrary bytes as a whole client session: the
// server stops at the end of the input (or at exit) without panicking or
// hanging, and writes nothing but well-formed frames of JSON-RPC messages.
func FuzzDispatch(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var out lockedBuffer
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		done := make(chan error, 1)
		go func() {
			done <- Serve(ctx, bytes.NewReader(data), &out, Options{MaxMessageBytes: 1 << 16})
		}()
		select {
		case err := <-done:
			if err != nil && err != ErrExitWithoutShutdown {
				t.Fatalf("Serve: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("Serve did not return at the end of the input")
		}
		out.mu.Lock()
		defer out.mu.Unlock()
		bodies, err := parseFrames(out.b.Bytes())
		if err != nil {
			t.Fatalf("output: %v", err)
		}
		for _, b := range bodies {
			if _, err := jsonrpc2.DecodeMessage(b); err != nil {
				t.Fatalf("output message %q: %v", b, err)
			}
		}
	})
}
