package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	godap "github.com/google/go-dap"
)

// TestDAPStdoutHoldsOnlyFrames runs "tlals dap" in a child process and
// debugs a spec that prints on every state to its end: stdout must hold
// nothing but well-formed frames, the spec's output coming as output
// events.
func TestDAPStdoutHoldsOnlyFrames(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "Chatty.tla")
	if err := os.WriteFile(spec, []byte(chattySpec), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Chatty.cfg"), []byte("INIT Init\nNEXT Next\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "dap")
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	send := func(seq int, command string, args any) {
		data, _ := json.Marshal(map[string]any{"seq": seq, "type": "request", "command": command, "arguments": args})
		if err := godap.WriteBaseMessage(stdin, data); err != nil {
			t.Error(err) // also called from the reading goroutine
		}
	}
	send(1, "initialize", map[string]any{"adapterID": "tlals"})
	send(2, "launch", map[string]any{"spec": spec})
	send(3, "configurationDone", nil)
	// read the frames as they come; once the run has ended, disconnect
	type result struct {
		printed    []string
		terminated bool
		err        error
	}
	res := make(chan result, 1)
	go func() {
		var rs result
		r := bufio.NewReader(out)
		for {
			data, err := godap.ReadBaseMessage(r)
			if err == io.EOF {
				break
			}
			if err != nil {
				rs.err = err
				break
			}
			m, err := godap.DecodeProtocolMessage(data)
			if err != nil {
				rs.err = err
				break
			}
			switch x := m.(type) {
			case *godap.OutputEvent:
				if x.Body.Category == "stdout" {
					rs.printed = append(rs.printed, strings.TrimSuffix(x.Body.Output, "\n"))
				}
			case *godap.TerminatedEvent:
				rs.terminated = true
				send(4, "disconnect", nil)
				stdin.Close()
			case godap.ResponseMessage:
				if !x.GetResponse().Success {
					t.Errorf("%s failed: %s", x.GetResponse().Command, x.GetResponse().Message)
				}
			}
		}
		res <- rs
	}()
	var rs result
	select {
	case rs = <-res:
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("tlals dap did not end")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("tlals dap: %v\n%s", err, stderr.String())
	}
	if rs.err != nil {
		t.Fatalf("stdout holds something else than DAP frames: %v", rs.err)
	}
	printed, terminated := rs.printed, rs.terminated
	if !terminated {
		t.Error("no terminated event")
	}
	// 3 initial states, then each of the 5 values' successor, with the
	// frame-like line after each
	if len(printed) != 3+2*5 || printed[0] != `<<"init", 0>>` || printed[4] != `"Content-Length: 2"` {
		t.Errorf("printed %q", printed)
	}
}
