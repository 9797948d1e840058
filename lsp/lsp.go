// Package lsp is tlals's language server: JSON-RPC over a byte stream
// (go.lsp.dev/jsonrpc2 with the LSP Content-Length framing), the protocol
// lifecycle, document synchronisation and diagnostics.
//
// The layering follows gopls: one file per group of LSP methods
// (general.go, text_synchronization.go, workspace.go, diagnostics.go), each
// handler decoding its parameters and delegating to a pure function of an
// immutable snapshot from package cache. Every handler runs behind a recover
// middleware, so a bug in one request costs that request only.
//
// Ordering: notifications and requests are started in the order they
// arrive. Document notifications run to completion before the next message
// is read, so edits are applied in order. A request that may take time
// releases the read loop (see Server.async) after it has taken its
// snapshot, so that later messages, $/cancelRequest among them, are read
// while it runs.
package lsp

import (
	"context"
	"errors"
	"github.com/tlals/tlals/checker"
	"io"
	"time"

	"go.uber.org/zap"

	"github.com/tlals/tlals/lsp/cache"
)

// DefaultDiagnosticsDelay is the debounce of DefaultOptions.
const DefaultDiagnosticsDelay = 50 * time.Millisecond

// Options configure a server. The zero value is usable: no logging, no
// debounce, the full analysis.
type Options struct {
	// Logger receives the server's log; nil discards it. It must never
	// write to the protocol's output.
	Logger *zap.Logger
	// Level, when non-nil, is the level of Logger that the tlals.logLevel
	// setting adjusts at run time.
	Level *zap.AtomicLevel
	// DiagnosticsDelay is how long the server waits after a change before
	// it analyses (edits arriving meanwhile restart the wait).
	DiagnosticsDelay time.Duration
	// Analyzer computes diagnostics; nil means a new cache.Analysis (the
	// analysis package's Loader).
	Analyzer cache.Analyzer
	// MaxMessageBytes bounds one incoming message; 0 means
	// DefaultMaxMessageBytes.
	MaxMessageBytes int
	// Version is reported in the initialize result's serverInfo.
	Version string
	// TLCEngine is the engine that runs TLC from tla2tools.jar jar ("": the
	// engine's default), for models whose checkEngine is "tlc"; nil: such
	// models fail to check (checker/tlcengine makes it; the server does
	// not import it).
	TLCEngine func(jar string) checker.Engine
}

// DefaultOptions are the options of the tlals lsp command.
func DefaultOptions() Options {
	return Options{DiagnosticsDelay: DefaultDiagnosticsDelay}
}

// ErrExitWithoutShutdown is returned by Serve when the client sent exit
// without shutdown first; the process should then exit with status 1.
var ErrExitWithoutShutdown = errors.New("exit notification received before shutdown")

// Serve runs a language server over in/out until the client sends exit, the
// input ends, or ctx is cancelled. It returns nil after an orderly
// shutdown+exit and when the input ends, ErrExitWithoutShutdown after an
// exit without shutdown, and ctx.Err() on cancellation.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	var closer io.Closer
	if c, ok := in.(io.Closer); ok {
		closer = c
	}
	s := NewServer(opts)
	return s.Run(ctx, newStream(in, out, closer, opts.MaxMessageBytes, s.log))
}

// ServeConn is Serve over one bidirectional connection (a socket or a
// net.Pipe end); the connection is closed when the server stops.
func ServeConn(ctx context.Context, rwc io.ReadWriteCloser, opts Options) error {
	return NewServer(opts).ServeConn(ctx, rwc)
}

// ServeConn runs s over one bidirectional connection; see Run.
func (s *Server) ServeConn(ctx context.Context, rwc io.ReadWriteCloser) error {
	return s.Run(ctx, newStream(rwc, rwc, rwc, s.opts.MaxMessageBytes, s.log))
}
