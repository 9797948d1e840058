package lsp

import (
	"context"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/tlals/tlals/lsp/cache"
	"github.com/tlals/tlals/parser/source"
)

// state is the lifecycle state of a server.
type state int

const (
	stateCreated     state = iota // waiting for initialize
	stateInitialized              // initialize answered
	stateShutdown                 // shutdown answered; only exit is served
)

// Server is one language server session over one connection.
type Server struct {
	opts    Options
	log     *zap.Logger
	session *cache.Session

	conn   jsonrpc2.Conn
	client protocol.Client
	bg     context.Context // lives as long as the connection
	exit   chan struct{}
	exitMu sync.Once

	mu         sync.Mutex
	state      state
	enc        source.Encoding
	clientCaps protocol.ClientCapabilities
	folders    []protocol.WorkspaceFolder
	settings   Settings

	diag diagnoser

	inflightMu sync.Mutex
	inflight   map[jsonrpc2.ID]context.CancelFunc

	// handlers maps a method to its handler; tests may add methods.
	handlers map[string]handler

	// tasks are the goroutines started beside the handlers (check runs,
	// calls to the client); Run waits for them before it returns.
	tasks tasks
}

// tasks tracks background goroutines so that a stopping server can wait
// for them; once closed it starts no more.
type tasks struct {
	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

// goTask runs f on its own goroutine, tracked, with panics recovered and
// logged; it reports false (and does not run f) once the server stops.
func (s *Server) goTask(name string, f func()) bool {
	t := &s.tasks
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return false
	}
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("panic in "+name, zap.Any("panic", r), zap.ByteString("stack", debug.Stack()))
			}
		}()
		f()
	}()
	return true
}

// wait closes t and waits up to timeout for its goroutines.
func (t *tasks) wait(timeout time.Duration) bool {
	t.mu.Lock()
	t.closed = true
	t.mu.Unlock()
	done := make(chan struct{})
	go func() { t.wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(timeout):
		return false
	}
}

// handler serves one method. Notifications return no result; their errors
// are logged and never reach the connection.
type handler struct {
	fn func(s *Server, ctx context.Context, params jsonrpc2.RawMessage) (any, error)
	// early marks methods served before initialize.
	early bool
}

// NewServer returns a server that is not yet connected (see Run).
func NewServer(opts Options) *Server {
	log := opts.Logger
	if log == nil {
		log = zap.NewNop()
	}
	a := opts.Analyzer
	if a == nil {
		a = cache.NewAnalysis()
	}
	s := &Server{
		opts:     opts,
		log:      log,
		session:  cache.NewSession(a),
		exit:     make(chan struct{}),
		handlers: map[string]handler{},
		settings: defaultSettings(),
		inflight: map[jsonrpc2.ID]context.CancelFunc{},
	}
	s.diag.init(s, opts.DiagnosticsDelay)
	for m, h := range methods {
		s.handlers[m] = h
	}
	return s
}

// decoded builds a handler that decodes params into P before calling f.
func decoded[P any](f func(s *Server, ctx context.Context, p *P) (any, error)) func(*Server, context.Context, jsonrpc2.RawMessage) (any, error) {
	return func(s *Server, ctx context.Context, raw jsonrpc2.RawMessage) (any, error) {
		p := new(P)
		if len(raw) == 0 {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, "missing params")
		}
		if err := protocol.Unmarshal(raw, p); err != nil {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %v", err)
		}
		return f(s, ctx, p)
	}
}

// Run serves the connection over st until exit, end of input or ctx.
func (s *Server) Run(ctx context.Context, st jsonrpc2.Stream) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.bg = ctx
	s.conn = jsonrpc2.NewConn(st, jsonrpc2.WithCodec(Codec{}), jsonrpc2.WithPreempter(cancelPreempter{s}))
	s.client = protocol.ClientDispatcher(s.conn)
	s.conn.Go(ctx, s.handle)

	var err error
	select {
	case <-s.exit:
		s.mu.Lock()
		if s.state != stateShutdown {
			err = ErrExitWithoutShutdown
		}
		s.mu.Unlock()
	case <-s.conn.Done():
		if cerr := s.conn.Err(); cerr != nil {
			s.log.Info("connection ended", zap.Error(cerr))
		}
	case <-ctx.Done():
		err = ctx.Err()
	}
	cancel()
	// Close waits for running handlers, the diagnostics run and the
	// background tasks; they all honour ctx.
	s.diag.checks.stop()
	closed := make(chan struct{})
	go func() {
		s.diag.stop(true)
		s.conn.Close()
		if !s.tasks.wait(stopTimeout) {
			s.log.Warn("background tasks did not stop in time")
		}
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(stopTimeout):
		s.log.Warn("connection did not close in time")
	}
	return err
}

// stopTimeout bounds how long a stopping server waits for its work; the
// work honours cancellation, so this is only reached by a bug.
const stopTimeout = 5 * time.Second

// cancelPreempter serves $/cancelRequest on the read loop, ahead of the
// requests that follow it.
type cancelPreempter struct{ s *Server }

func (p cancelPreempter) Preempt(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	if req.Method() != protocol.MethodCancelRequest {
		return nil, jsonrpc2.ErrNotHandled
	}
	var params protocol.CancelParams
	if err := protocol.Unmarshal(req.Params(), &params); err != nil {
		p.s.log.Debug("malformed $/cancelRequest", zap.Error(err))
		return struct{}{}, nil
	}
	switch id := params.ID.(type) {
	case protocol.Integer:
		p.s.cancelRequest(jsonrpc2.NewNumberID(int64(id)))
	case protocol.String:
		p.s.cancelRequest(jsonrpc2.NewStringID(string(id)))
	}
	return struct{}{}, nil // handled; a notification gets no answer
}

// cancelRequest cancels the context of the running request with that id.
func (s *Server) cancelRequest(id jsonrpc2.ID) {
	s.inflightMu.Lock()
	cancel := s.inflight[id]
	s.inflightMu.Unlock()
	if cancel != nil {
		s.log.Debug("request cancelled by the client", zap.Any("id", id))
		cancel()
	}
}

// requestContext is the context handlers see. jsonrpc2 hands handlers a
// pooled context that is recycled when a synchronous handler returns; a
// context.WithCancel child of it starts a goroutine that may touch it after
// recycling (and crash on its nil parent). So handlers get a context of
// their own: cancelled by $/cancelRequest, by the end of the connection and
// by the handler's return, with values (jsonrpc2's Async token) looked up
// in the request context only while the handler runs.
type requestContext struct {
	context.Context // derived from the server's background context

	mu  sync.Mutex
	req context.Context // nil once the handler has returned
}

func (c *requestContext) Value(key any) any {
	c.mu.Lock()
	req := c.req
	var v any
	if req != nil {
		v = req.Value(key)
	}
	c.mu.Unlock()
	if v != nil {
		return v
	}
	return c.Context.Value(key)
}

func (c *requestContext) release() {
	c.mu.Lock()
	c.req = nil
	c.mu.Unlock()
}

// handle is the middleware around every method: lifecycle checks, dispatch,
// panic recovery, cancellation errors, and the rule that a notification
// never fails the connection.
func (s *Server) handle(rawCtx context.Context, req *jsonrpc2.Request) (result any, err error) {
	// The request's bytes are reused for the next message once the handler
	// releases the read loop; the method outlives that in the log.
	method := strings.Clone(req.Method())
	isCall := req.IsCall()
	start := time.Now()
	cctx, cancel := context.WithCancel(s.bg)
	ctx := &requestContext{Context: cctx, req: rawCtx}
	var id jsonrpc2.ID
	if isCall {
		id = req.ID()
		s.inflightMu.Lock()
		s.inflight[id] = cancel
		s.inflightMu.Unlock()
	}
	defer func() {
		if isCall {
			s.inflightMu.Lock()
			delete(s.inflight, id)
			s.inflightMu.Unlock()
		}
		ctx.release()
		cancel()
	}()
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic in handler", zap.String("method", method), zap.Any("panic", r), zap.ByteString("stack", debug.Stack()))
			result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "internal error in %s: %v", method, r)
		}
		if err != nil && isCall && ctx.Err() != nil {
			err = jsonrpc2.NewError(codeRequestCancelled, "request cancelled")
		}
		if !isCall {
			if err != nil {
				s.log.Warn("notification failed", zap.String("method", method), zap.Error(err))
			}
			result, err = nil, nil
		}
		if ce := s.log.Check(zap.DebugLevel, "handled"); ce != nil {
			ce.Write(zap.String("method", method), zap.Bool("call", isCall), zap.Duration("took", time.Since(start)), zap.Error(err))
		}
	}()

	h, ok := s.handlers[method]
	s.mu.Lock()
	st := s.state
	s.mu.Unlock()
	switch {
	case st == stateCreated && !h.early:
		if isCall {
			return nil, jsonrpc2.NewError(codeServerNotInitialized, "server not initialized")
		}
		return nil, nil
	case st == stateShutdown && method != protocol.MethodExit:
		if isCall {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "server is shut down")
		}
		return nil, nil
	case !ok:
		if isCall {
			return nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "method not found: %s", method)
		}
		return nil, nil // unknown notifications ($/... included) are ignored
	}
	return h.fn(s, ctx, req.Params())
}

// async releases the read loop so that the messages after this request are
// read while it runs. Call it at most once per request, after the request
// has taken what it needs from the session (its snapshot).
func (s *Server) async(ctx context.Context) { jsonrpc2.Async(ctx) }

// encoding is the negotiated position encoding.
func (s *Server) encoding() source.Encoding {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enc
}

// errf is a shorthand for handler errors.
func errf(code jsonrpc2.Code, format string, args ...any) error {
	return jsonrpc2.Errorf(code, format, args...)
}
