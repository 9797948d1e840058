// Package lsptest drives a tlals language server from tests: a real
// jsonrpc2 client connection over net.Pipe, with typed helpers for the
// lifecycle, document synchronisation, and waiting for diagnostics.
package lsptest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp"
)

// Timeout bounds every wait of a test client.
var Timeout = 10 * time.Second

// Client is the client end of a session with an in-process server.
type Client struct {
	t      testing.TB
	Conn   jsonrpc2.Conn
	Server *lsp.Server

	served chan error // Serve's result

	mu      sync.Mutex
	changed chan struct{} // closed and replaced whenever something arrives
	diags   []*protocol.PublishDiagnosticsParams
	regs    []protocol.Registration
	// Config is the "tlals" section returned to workspace/configuration.
	Config   json.RawMessage
	configN  int
	versions map[uri.URI]int32
	// applied are the workspace/applyEdit requests received, in order;
	// each is answered applied: true (the test applies it if it wants).
	applied []*protocol.ApplyWorkspaceEditParams
	// others are the server's other requests and notifications, in order.
	others []message
}

// New connects a client to s over net.Pipe and starts serving. The server
// is stopped when the test ends.
func New(t testing.TB, s *lsp.Server) *Client {
	t.Helper()
	cEnd, sEnd := net.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	c := &Client{t: t, Server: s, served: make(chan error, 1), changed: make(chan struct{}), versions: map[uri.URI]int32{}}
	go func() { c.served <- s.ServeConn(ctx, sEnd) }()
	c.Conn = jsonrpc2.NewConn(jsonrpc2.NewHeaderStream(cEnd), jsonrpc2.WithCodec(lsp.Codec{}))
	c.Conn.Go(ctx, c.handle)
	t.Cleanup(func() {
		cancel()
		cEnd.Close()
		select {
		case <-c.served:
		case <-time.After(Timeout):
			t.Errorf("server did not stop")
		}
		c.Conn.Close()
	})
	return c
}

// handle serves the server's requests and notifications to the client.
func (c *Client) handle(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	if req.IsCall() {
		// Answer off the read loop: net.Pipe does not buffer, so a reply
		// written while the server writes its own reply would deadlock
		// both read loops.
		jsonrpc2.Async(ctx)
	}
	switch req.Method() {
	case protocol.MethodTextDocumentPublishDiagnostics:
		var p protocol.PublishDiagnosticsParams
		if err := protocol.Unmarshal(req.Params(), &p); err != nil {
			c.t.Errorf("bad publishDiagnostics: %v", err)
			return nil, nil
		}
		c.record(func() { c.diags = append(c.diags, &p) })
		return nil, nil
	case protocol.MethodClientRegisterCapability:
		var p protocol.RegistrationParams
		if err := protocol.Unmarshal(req.Params(), &p); err != nil {
			return nil, err
		}
		c.record(func() { c.regs = append(c.regs, p.Registrations...) })
		return nil, nil
	case protocol.MethodWorkspaceConfiguration:
		var p protocol.ConfigurationParams
		if err := protocol.Unmarshal(req.Params(), &p); err != nil {
			return nil, err
		}
		c.mu.Lock()
		cfg := c.Config
		c.configN++
		c.mu.Unlock()
		out := make([]json.RawMessage, len(p.Items))
		for i, it := range p.Items {
			out[i] = json.RawMessage("null")
			if it.Section != nil && *it.Section == lsp.ConfigSection && cfg != nil {
				out[i] = cfg
			}
		}
		c.record(func() {})
		return out, nil
	}
	if req.Method() == protocol.MethodWorkspaceApplyEdit {
		var p protocol.ApplyWorkspaceEditParams
		if err := protocol.Unmarshal(req.Params(), &p); err != nil {
			return nil, err
		}
		c.record(func() { c.applied = append(c.applied, &p) })
		return &protocol.ApplyWorkspaceEditResult{Applied: true}, nil
	}
	// Other messages are recorded for Messages; the requests a server
	// makes while stepping and checking get the answer a client gives.
	// The request's frame is reused after the handler returns: copy.
	msg := message{strings.Clone(req.Method()), json.RawMessage(bytes.Clone(req.Params()))}
	c.record(func() { c.others = append(c.others, msg) })
	switch req.Method() {
	case protocol.MethodWindowShowDocument:
		return protocol.ShowDocumentResult{Success: true}, nil
	case protocol.MethodWindowWorkDoneProgressCreate, protocol.MethodWorkspaceInlayHintRefresh, protocol.MethodWorkspaceCodeLensRefresh:
		return nil, nil
	}
	return jsonrpc2.MethodNotFoundHandler(ctx, req)
}

// message is a request or notification from the server that the client
// does not handle itself.
type message struct {
	method string
	params json.RawMessage
}

// Messages waits until the server has sent at least n messages of method
// (window/showDocument, $/progress, tlals/checkResult, ...) and returns
// the params of all of them, in order.
func (c *Client) Messages(method string, n int) []json.RawMessage {
	c.t.Helper()
	var out []json.RawMessage
	c.waitFor(fmt.Sprintf("%d %s messages", n, method), func() bool {
		out = out[:0]
		for _, m := range c.others {
			if m.method == method {
				out = append(out, m.params)
			}
		}
		return len(out) >= n
	})
	return out
}

func (c *Client) record(f func()) {
	c.mu.Lock()
	f()
	close(c.changed)
	c.changed = make(chan struct{})
	c.mu.Unlock()
}

// waitFor polls cond (under the client's lock) until it holds.
func (c *Client) waitFor(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.After(Timeout)
	for {
		c.mu.Lock()
		ok := cond()
		ch := c.changed
		c.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case err := <-c.served:
			c.served <- err
			c.t.Fatalf("server stopped (%v) while waiting for %s", err, what)
		case <-deadline:
			c.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// Call sends a request and decodes its result into result (may be nil).
func (c *Client) Call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	_, err := c.Conn.Call(ctx, method, params, result)
	return err
}

// Notify sends a notification.
func (c *Client) Notify(method string, params any) {
	c.t.Helper()
	if err := c.Conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("notify %s: %v", method, err)
	}
}

// Initialize sends initialize (with caps, or a client that offers UTF-16
// only and supports configuration when caps is nil) and initialized.
func (c *Client) Initialize(params *protocol.InitializeParams) *protocol.InitializeResult {
	c.t.Helper()
	if params == nil {
		params = &protocol.InitializeParams{}
	}
	var res protocol.InitializeResult
	if err := c.Call(protocol.MethodInitialize, params, &res); err != nil {
		c.t.Fatalf("initialize: %v", err)
	}
	c.Notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	return &res
}

// Open opens a document with version 1.
func (c *Client) Open(u uri.URI, text string) {
	c.t.Helper()
	c.mu.Lock()
	c.versions[u] = 1
	c.mu.Unlock()
	c.Notify(protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: u, LanguageID: "tlaplus", Version: 1, Text: text,
	}})
}

// Change sends one didChange with the given changes and returns the new
// version.
func (c *Client) Change(u uri.URI, changes ...protocol.TextDocumentContentChangeEvent) int32 {
	c.t.Helper()
	c.mu.Lock()
	c.versions[u]++
	v := c.versions[u]
	c.mu.Unlock()
	c.Notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: v},
		ContentChanges: changes,
	})
	return v
}

// Edit is a ranged content change.
func Edit(startLine, startChar, endLine, endChar uint32, text string) protocol.TextDocumentContentChangeEvent {
	return &protocol.TextDocumentContentChangePartial{
		Range: protocol.Range{Start: protocol.Position{Line: startLine, Character: startChar}, End: protocol.Position{Line: endLine, Character: endChar}},
		Text:  text,
	}
}

// Whole is a full-text content change.
func Whole(text string) protocol.TextDocumentContentChangeEvent {
	return &protocol.TextDocumentContentChangeWholeDocument{Text: text}
}

// Close closes a document.
func (c *Client) Close(u uri.URI) {
	c.t.Helper()
	c.Notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
}

// Diagnostics waits for diagnostics of u published for version and returns
// the last such publication.
func (c *Client) Diagnostics(u uri.URI, version int32) *protocol.PublishDiagnosticsParams {
	c.t.Helper()
	var got *protocol.PublishDiagnosticsParams
	c.waitFor(fmt.Sprintf("diagnostics of %s version %d", u, version), func() bool {
		for i := len(c.diags) - 1; i >= 0; i-- {
			d := c.diags[i]
			if v, ok := d.Version.Get(); d.URI == u && ok && v == version {
				got = d
				return true
			}
		}
		return false
	})
	return got
}

// DiagnosticsWhere waits for a publication for u that satisfies pred (the
// latest one for u is tested first) and returns it.
func (c *Client) DiagnosticsWhere(u uri.URI, what string, pred func(*protocol.PublishDiagnosticsParams) bool) *protocol.PublishDiagnosticsParams {
	c.t.Helper()
	var got *protocol.PublishDiagnosticsParams
	c.waitFor(fmt.Sprintf("diagnostics of %s: %s", u, what), func() bool {
		for i := len(c.diags) - 1; i >= 0; i-- {
			if d := c.diags[i]; d.URI == u {
				if pred(d) {
					got = d
					return true
				}
				return false
			}
		}
		return false
	})
	return got
}

// Cleared waits for an empty, unversioned publication for u (the one sent
// on close) that comes after every other publication for u.
func (c *Client) Cleared(u uri.URI) {
	c.t.Helper()
	c.waitFor(fmt.Sprintf("cleared diagnostics of %s", u), func() bool {
		for i := len(c.diags) - 1; i >= 0; i-- {
			d := c.diags[i]
			if d.URI != u {
				continue
			}
			_, versioned := d.Version.Get()
			return !versioned && len(d.Diagnostics) == 0
		}
		return false
	})
}

// Published returns every publication received so far.
func (c *Client) Published() []*protocol.PublishDiagnosticsParams {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*protocol.PublishDiagnosticsParams(nil), c.diags...)
}

// Forget drops the diagnostics and messages received so far (later waits
// count from here), so that a long session, such as a memory benchmark,
// measures the server rather than the client's record of it.
func (c *Client) Forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.diags, c.others = nil, nil
}

// Registrations waits until n registrations have arrived and returns them.
func (c *Client) Registrations(n int) []protocol.Registration {
	c.t.Helper()
	c.waitFor(fmt.Sprintf("%d registrations", n), func() bool { return len(c.regs) >= n })
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]protocol.Registration(nil), c.regs...)
}

// ConfigurationRequests waits until the server has pulled the
// configuration n times.
func (c *Client) ConfigurationRequests(n int) {
	c.t.Helper()
	c.waitFor(fmt.Sprintf("%d configuration requests", n), func() bool { return c.configN >= n })
}

// SetConfig sets the "tlals" section answered to workspace/configuration.
func (c *Client) SetConfig(cfg string) {
	c.mu.Lock()
	c.Config = json.RawMessage(cfg)
	c.mu.Unlock()
}

// Shutdown sends shutdown and exit and waits for the server to return,
// which it must do with a nil error.
func (c *Client) Shutdown() {
	c.t.Helper()
	if err := c.Call(protocol.MethodShutdown, nil, nil); err != nil {
		c.t.Fatalf("shutdown: %v", err)
	}
	c.Notify(protocol.MethodExit, nil)
	select {
	case err := <-c.served:
		c.served <- err
		if err != nil {
			c.t.Fatalf("server returned %v after shutdown+exit", err)
		}
	case <-time.After(Timeout):
		c.t.Fatalf("server did not stop after exit")
	}
}

// Served waits for the server to return and gives its error.
func (c *Client) Served() error {
	c.t.Helper()
	select {
	case err := <-c.served:
		c.served <- err
		return err
	case <-time.After(Timeout):
		c.t.Fatalf("server did not stop")
		return nil
	}
}

// AppliedEdits waits until the server has asked to apply n workspace edits
// and returns all it asked so far.
func (c *Client) AppliedEdits(n int) []*protocol.ApplyWorkspaceEditParams {
	c.t.Helper()
	c.waitFor(fmt.Sprintf("%d workspace/applyEdit", n), func() bool { return len(c.applied) >= n })
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]*protocol.ApplyWorkspaceEditParams(nil), c.applied...)
}
