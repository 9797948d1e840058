package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// runMainEnv makes the test binary behave as tlals (see TestMain), so that
// a test can run the real command in a child process.
const runMainEnv = "TLALS_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// chattySpec prints on every initial state and every step.
const chattySpec = `---- MODULE Chatty ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x \in 0..2 /\ PrintT(<<"init", x>>)
Next == x' = (x + 1) % 5 /\ PrintT(<<"next", x'>>) /\ PrintT("Content-Length: 2")
====
`

// TestLSPStdoutHoldsOnlyFrames runs "tlals lsp" in a child process, opens
// and saves a spec that prints on every state (the save checks it), checks
// it again by command, and shuts down: stdout must hold nothing but
// well-formed frames, while the spec's output reaches stderr.
func TestLSPStdoutHoldsOnlyFrames(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Chatty.tla")
	if err := os.WriteFile(path, []byte(chattySpec), 0o644); err != nil {
		t.Fatal(err)
	}
	uri := "file://" + filepath.ToSlash(path)

	cmd := exec.Command(os.Args[0], "lsp", "-debounce", "1ms")
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdoutPipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	// The reader keeps every byte of stdout and hands each body over.
	var raw bytes.Buffer
	bodies := make(chan []byte, 64)
	frameErr := make(chan error, 1)
	go func() {
		defer close(bodies)
		frameErr <- readFrames(io.TeeReader(stdoutPipe, &raw), bodies)
	}()

	send := func(msg string) {
		if _, err := fmt.Fprintf(stdin, "Content-Length: %d\r\n\r\n%s", len(msg), msg); err != nil {
			t.Fatalf("write: %v", err)
		}
	}
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	// await answers the server's requests (with null) and returns the
	// first message that satisfies pred.
	await := func(what string, pred func(m map[string]any) bool) map[string]any {
		t.Helper()
		timeout := time.After(60 * time.Second)
		for {
			select {
			case b, ok := <-bodies:
				if !ok {
					t.Fatalf("stdout ended while waiting for %s: %v\nstderr:\n%s", what, <-frameErr, stderr.String())
				}
				var m map[string]any
				if err := json.Unmarshal(b, &m); err != nil {
					t.Fatalf("frame body is not JSON: %q", b)
				}
				if id, ok := m["id"]; ok && m["method"] != nil {
					idJSON, _ := json.Marshal(id)
					send(`{"jsonrpc":"2.0","id":` + string(idJSON) + `,"result":null}`)
				}
				if pred(m) {
					return m
				}
			case <-timeout:
				t.Fatalf("timed out waiting for %s", what)
			}
		}
	}
	response := func(id string) func(map[string]any) bool {
		return func(m map[string]any) bool { return m["method"] == nil && fmt.Sprint(m["id"]) == id }
	}

	send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"rootUri":` + q("file://"+filepath.ToSlash(dir)) + `}}`)
	await("initialize", response("1"))
	send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	send(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":` + q(uri) + `,"languageId":"tlaplus","version":1,"text":` + q(chattySpec) + `}}}`)
	send(`{"jsonrpc":"2.0","method":"textDocument/didSave","params":{"textDocument":{"uri":` + q(uri) + `}}}`)
	res := await("tlals/checkResult", func(m map[string]any) bool { return m["method"] == "tlals/checkResult" })
	if outcome := res["params"].(map[string]any)["result"].(map[string]any)["outcome"]; outcome != "ok" {
		t.Errorf("check on save: outcome %v, want ok", outcome)
	}
	// An edit makes the next check a new run, which prints again.
	send(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":` + q(uri) + `,"version":2},"contentChanges":[{"range":{"start":{"line":5,"character":0},"end":{"line":5,"character":0}},"text":"\\* edited\n"}]}}`)
	send(`{"jsonrpc":"2.0","id":2,"method":"workspace/executeCommand","params":{"command":"tlals.check","arguments":[` + q(uri) + `]}}`)
	if m := await("tlals.check", response("2")); m["error"] != nil {
		t.Errorf("tlals.check: %v", m["error"])
	}
	send(`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`)
	await("shutdown", response("3"))
	send(`{"jsonrpc":"2.0","method":"exit"}`)
	stdin.Close()
	for range bodies {
	}
	if err := <-frameErr; err != nil {
		t.Errorf("stdout is not a sequence of frames: %v\nstdout:\n%q", err, raw.String())
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("tlals lsp: %v\nstderr:\n%s", err, stderr.String())
	}
	// Both runs printed: 3 initial states and 5 distinct successors each,
	// each line logged (quoted) as the run's output.
	for _, want := range []string{`<<"init", 0>>`, `<<"init", 2>>`, `<<"next", 4>>`, `"Content-Length: 2`} {
		logged := strings.ReplaceAll(want, `"`, `\"`)
		if n := strings.Count(stderr.String(), logged); n < 2 {
			t.Errorf("stderr holds %q %d times, want at least 2 (one per run):\n%s", want, n, stderr.String())
		}
	}
}

// readFrames reads LSP frames until the end of r: each a Content-Length
// header (other headers allowed), a blank line and a JSON body. Anything
// else is an error.
func readFrames(r io.Reader, bodies chan<- []byte) error {
	br := bufio.NewReader(r)
	for {
		length := -1
		for first := true; ; first = false {
			line, err := br.ReadString('\n')
			if err == io.EOF && first && line == "" {
				return nil
			}
			if err != nil {
				return fmt.Errorf("header: %v (read %q)", err, line)
			}
			if !strings.HasSuffix(line, "\r\n") {
				return fmt.Errorf("header line not ended by CRLF: %q", line)
			}
			line = strings.TrimSuffix(line, "\r\n")
			if line == "" {
				break
			}
			k, v, ok := strings.Cut(line, ": ")
			if !ok {
				return fmt.Errorf("malformed header line %q", line)
			}
			if k == "Content-Length" {
				if length, err = strconv.Atoi(v); err != nil || length < 0 {
					return fmt.Errorf("bad Content-Length %q", v)
				}
			}
		}
		if length < 0 {
			return fmt.Errorf("frame without Content-Length")
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(br, body); err != nil {
			return fmt.Errorf("body: %v", err)
		}
		if !json.Valid(body) {
			return fmt.Errorf("body is not JSON: %q", body)
		}
		bodies <- body
	}
}
