// Package dap is tlals's debugger: a Debug Adapter Protocol server over the
// checker's debugging engine (checker.Debugger). The debuggee is the
// model's exploration: its one thread walks the state graph breadth-first,
// the call stack is the behaviour that reached the current state (the
// action being evaluated, the operators it entered and the conjunct on
// top), and the variables are the state, the successor's primed values and
// the names bound where the evaluation stopped.
//
// The messages are github.com/google/go-dap's: the protocol's types
// generated from its JSON schema and its framing (the library delve uses),
// so that no hand-written copy of the schema drifts from it.
package dap

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	godap "github.com/google/go-dap"
	"go.uber.org/zap"

	"github.com/tlals/tlals/checker"
)

// Exception breakpoint filters.
const (
	FilterInvariant = "invariant" // an invariant or action property violated
	FilterDeadlock  = "deadlock"
	FilterError     = "error" // an evaluation error or a failed Assert
)

// GotoStateCommand is the custom request that shows a state of the explored
// graph: arguments {"state": N}, N as in the stack frames' "State #N".
const GotoStateCommand = "gotoState"

// GotoStateRequest is the custom request GotoStateCommand.
type GotoStateRequest struct {
	godap.Request
	Arguments GotoStateArguments `json:"arguments"`
}

// GotoStateArguments are GotoStateRequest's arguments.
type GotoStateArguments struct {
	State int `json:"state"`
}

// GotoStateResponse answers GotoStateRequest.
type GotoStateResponse struct {
	godap.Response
}

// LaunchArguments are the launch request's arguments.
type LaunchArguments struct {
	Spec        string   `json:"spec"`  // the .tla file
	Model       string   `json:"model"` // the .cfg file; default: the spec's with .cfg
	StopOnEntry bool     `json:"stopOnEntry"`
	SearchPath  []string `json:"searchPath"` // folders of further modules
	NoDebug     bool     `json:"noDebug"`
}

const threadID = 1

// Serve runs a debug session on r and w until the client disconnects or r
// ends. Only DAP frames are written to w; the log goes to log.
func Serve(ctx context.Context, r io.Reader, w io.Writer, log *zap.Logger) error {
	if log == nil {
		log = zap.NewNop()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := newSession(ctx, w, log)
	defer s.shutdown()
	br := bufio.NewReader(r)
	for {
		data, err := godap.ReadBaseMessage(br)
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return nil
			}
			var bpe *godap.BaseProtocolError
			if errors.As(err, &bpe) {
				log.Warn("malformed frame", zap.Error(err))
				continue
			}
			return err
		}
		if !s.dispatch(data) {
			return nil
		}
	}
}

// session is one debug session.
type session struct {
	ctx   context.Context
	log   *zap.Logger
	codec *godap.Codec

	wmu sync.Mutex
	w   io.Writer
	seq int

	mu        sync.Mutex
	dbg       *checker.Debugger
	cancel    context.CancelFunc
	start     chan struct{} // closed by configurationDone
	started   bool
	resume    chan mode // the engine waits on it while stopped
	quit      chan struct{}
	quitOnce  sync.Once
	done      chan struct{} // closed when the exploration has ended
	mode      mode
	stopped   *view // the engine's stop, nil while it runs
	cur       *view // the view shown: stopped, an earlier stop, or a state
	history   []*view
	hpos      int // cur's index in history; -1: a state shown by gotoState
	frames    []frame
	refs      map[int]*container
	bps       map[string][]*breakpoint // by cleaned path
	nextBP    int
	filters   map[string]bool
	evals     *evaluator
	exception *view
	noDebug   bool // run without stopping (the client's "run without debugging")
	sources   sourceTexts
}

type mode int

const (
	modeContinue mode = iota
	modeEntry         // stopOnEntry: stop at the first point
	modeNext          // the next successor
	modeStepIn        // the next point of any kind
	modeStepOut       // out of the action's evaluation
	modePause
)

func newSession(ctx context.Context, w io.Writer, log *zap.Logger) *session {
	codec := godap.NewCodec()
	_ = codec.RegisterRequest(GotoStateCommand,
		func() godap.Message { return &GotoStateRequest{} },
		func() godap.Message { return &GotoStateResponse{} })
	return &session{ctx: ctx, w: w, log: log, codec: codec, resume: make(chan mode), quit: make(chan struct{}),
		bps: map[string][]*breakpoint{}, filters: map[string]bool{FilterInvariant: true, FilterDeadlock: true, FilterError: true},
		refs: map[int]*container{}}
}

// shutdown stops the exploration and waits for it.
func (s *session) shutdown() {
	s.quitOnce.Do(func() { close(s.quit) })
	s.mu.Lock()
	cancel, done := s.cancel, s.done
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	if done != nil {
		<-done
	}
}

func (s *session) send(m godap.Message) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.seq++
	switch x := m.(type) {
	case godap.ResponseMessage:
		x.GetResponse().Seq = s.seq
	case godap.EventMessage:
		x.GetEvent().Seq = s.seq
	}
	if err := godap.WriteProtocolMessage(s.w, m); err != nil {
		s.log.Warn("write failed", zap.Error(err))
	}
}

func response(req *godap.Request) godap.Response {
	return godap.Response{ProtocolMessage: godap.ProtocolMessage{Type: "response"}, Command: req.Command, RequestSeq: req.Seq, Success: true}
}

func event(name string) godap.Event {
	return godap.Event{ProtocolMessage: godap.ProtocolMessage{Type: "event"}, Event: name}
}

// errorResponse answers the request seq (command) with an error.
func (s *session) errorResponse(seq int, command, msg string) {
	s.send(&godap.ErrorResponse{
		Response: godap.Response{ProtocolMessage: godap.ProtocolMessage{Type: "response"}, Command: command, RequestSeq: seq, Success: false, Message: msg},
		Body:     godap.ErrorResponseBody{Error: &godap.ErrorMessage{Id: 1, Format: msg}},
	})
}

// dispatch handles one message; false ends the session.
func (s *session) dispatch(data []byte) (more bool) {
	msg, err := s.codec.DecodeMessage(data)
	if err != nil {
		// answer what can be answered: a request gets an error response
		var head struct {
			Seq     int    `json:"seq"`
			Type    string `json:"type"`
			Command string `json:"command"`
		}
		if json.Unmarshal(data, &head) == nil && head.Type == "request" {
			s.errorResponse(head.Seq, head.Command, "malformed or unsupported request: "+err.Error())
		} else {
			s.log.Warn("malformed message", zap.Error(err))
		}
		return true
	}
	req, ok := msg.(godap.RequestMessage)
	if !ok {
		return true // responses and events from the client: nothing to do
	}
	r := req.GetRequest()
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("request failed", zap.String("command", r.Command), zap.Any("panic", p))
			s.errorResponse(r.Seq, r.Command, fmt.Sprintf("internal error: %v", p))
			more = true
		}
	}()
	return s.handle(msg, r)
}

func (s *session) handle(msg godap.Message, r *godap.Request) bool {
	switch m := msg.(type) {
	case *godap.InitializeRequest:
		s.send(&godap.InitializeResponse{Response: response(r), Body: godap.Capabilities{
			SupportsConfigurationDoneRequest:  true,
			SupportsConditionalBreakpoints:    true,
			SupportsHitConditionalBreakpoints: true,
			SupportsEvaluateForHovers:         true,
			SupportsStepBack:                  true,
			SupportsExceptionInfoRequest:      true,
			SupportsTerminateRequest:          true,
			ExceptionBreakpointFilters: []godap.ExceptionBreakpointsFilter{
				{Filter: FilterInvariant, Label: "Invariant violated", Default: true},
				{Filter: FilterDeadlock, Label: "Deadlock", Default: true},
				{Filter: FilterError, Label: "Evaluation error", Default: true},
			},
		}})
	case *godap.LaunchRequest:
		s.launch(m)
	case *godap.SetBreakpointsRequest:
		s.setBreakpoints(m)
	case *godap.SetExceptionBreakpointsRequest:
		s.mu.Lock()
		for k := range s.filters {
			s.filters[k] = false
		}
		for _, f := range m.Arguments.Filters {
			s.filters[f] = true
		}
		s.mu.Unlock()
		s.send(&godap.SetExceptionBreakpointsResponse{Response: response(r)})
	case *godap.ConfigurationDoneRequest:
		s.mu.Lock()
		if s.start != nil && !s.started {
			s.started = true
			close(s.start)
		}
		s.mu.Unlock()
		s.send(&godap.ConfigurationDoneResponse{Response: response(r)})
	case *godap.ThreadsRequest:
		s.send(&godap.ThreadsResponse{Response: response(r), Body: godap.ThreadsResponseBody{Threads: []godap.Thread{{Id: threadID, Name: "model checker"}}}})
	case *godap.StackTraceRequest:
		s.stackTrace(m)
	case *godap.ScopesRequest:
		s.scopes(m)
	case *godap.VariablesRequest:
		s.variables(m)
	case *godap.EvaluateRequest:
		s.evaluate(m)
	case *godap.ExceptionInfoRequest:
		s.exceptionInfo(m)
	case *godap.ContinueRequest:
		if s.forward(r, modeContinue) {
			s.send(&godap.ContinueResponse{Response: response(r), Body: godap.ContinueResponseBody{AllThreadsContinued: true}})
			s.resumeEngine(modeContinue)
		}
	case *godap.NextRequest:
		if s.forward(r, modeNext) {
			s.send(&godap.NextResponse{Response: response(r)})
			s.resumeEngine(modeNext)
		}
	case *godap.StepInRequest:
		if s.forward(r, modeStepIn) {
			s.send(&godap.StepInResponse{Response: response(r)})
			s.resumeEngine(modeStepIn)
		}
	case *godap.StepOutRequest:
		if s.forward(r, modeStepOut) {
			s.send(&godap.StepOutResponse{Response: response(r)})
			s.resumeEngine(modeStepOut)
		}
	case *godap.StepBackRequest:
		if s.stepBack(r) {
			s.send(&godap.StepBackResponse{Response: response(r)})
			s.sendStopped(s.current(), "step", "step back")
		}
	case *godap.ReverseContinueRequest:
		if s.reverseContinue(r) {
			s.send(&godap.ReverseContinueResponse{Response: response(r)})
			s.sendStopped(s.current(), "step", "initial state of the behaviour")
		}
	case *GotoStateRequest:
		if s.gotoState(r, m.Arguments.State) {
			s.send(&GotoStateResponse{Response: response(r)})
			s.sendStopped(s.current(), "goto", fmt.Sprintf("state #%d", m.Arguments.State))
		}
	case *godap.PauseRequest:
		s.mu.Lock()
		if s.stopped == nil {
			s.mode = modePause
		}
		s.mu.Unlock()
		s.send(&godap.PauseResponse{Response: response(r)})
	case *godap.TerminateRequest:
		s.send(&godap.TerminateResponse{Response: response(r)})
		s.shutdown()
		s.send(&godap.TerminatedEvent{Event: event("terminated")})
	case *godap.DisconnectRequest:
		s.shutdown()
		s.send(&godap.DisconnectResponse{Response: response(r)})
		return false
	default:
		s.errorResponse(r.Seq, r.Command, "unsupported request "+r.Command)
	}
	return true
}

// launch loads the model and starts its exploration, which waits at
// PointReady for configurationDone.
func (s *session) launch(m *godap.LaunchRequest) {
	r := &m.Request
	var args LaunchArguments
	if err := json.Unmarshal(m.Arguments, &args); err != nil {
		s.errorResponse(r.Seq, r.Command, "launch: bad arguments: "+err.Error())
		return
	}
	if args.Spec == "" {
		s.errorResponse(r.Seq, r.Command, "launch: no spec (the .tla file to check)")
		return
	}
	s.mu.Lock()
	busy := s.dbg != nil
	s.mu.Unlock()
	if busy {
		s.errorResponse(r.Seq, r.Command, "launch: a model is already being debugged")
		return
	}
	if args.Model == "" {
		args.Model = strings.TrimSuffix(args.Spec, ".tla") + ".cfg"
	}
	// frames name absolute paths, which editors open
	args.Spec, args.Model = cleanPath(args.Spec), cleanPath(args.Model)
	model, err := checker.LoadModel(args.Spec, args.Model, args.SearchPath)
	if err != nil {
		s.errorResponse(r.Seq, r.Command, err.Error())
		return
	}
	// what the spec prints goes to the debug console
	printed := func(p checker.Print) {
		s.send(&godap.OutputEvent{Event: event("output"), Body: godap.OutputEventBody{Category: "stdout", Output: p.Text + "\n"}})
	}
	dbg := checker.NewDebugger(model, checker.Options{Workers: 1, Output: printed})
	ctx, cancel := context.WithCancel(s.ctx)
	ready := make(chan struct{})
	s.mu.Lock()
	s.dbg, s.cancel = dbg, cancel
	s.start, s.done = make(chan struct{}), make(chan struct{})
	s.evals = newEvaluator(model)
	if args.StopOnEntry {
		s.mode = modeEntry
	}
	s.noDebug = args.NoDebug
	done := s.done
	s.mu.Unlock()
	var res *checker.Result
	var runErr error
	go func() {
		defer close(done)
		res, runErr = dbg.Run(ctx, func(p *checker.DebugPoint) {
			if p.Kind == checker.PointReady {
				close(ready)
				select {
				case <-s.start:
				case <-s.quit:
				}
				return
			}
			s.safePoint(p)
		})
		select {
		case <-ready:
			s.finished(res, runErr)
		default:
		}
	}()
	select {
	case <-ready:
	case <-done:
		msg := "the model could not be explored"
		if runErr != nil {
			msg = runErr.Error()
		} else if res != nil && res.Message != "" {
			msg = res.Message
			if res.Location != nil {
				msg = fmt.Sprintf("%s:%d:%d: %s", res.Location.File, res.Location.StartLine, res.Location.StartColumn, msg)
			}
		}
		s.mu.Lock()
		s.dbg = nil
		s.mu.Unlock()
		s.errorResponse(r.Seq, r.Command, msg)
		return
	}
	s.send(&godap.LaunchResponse{Response: response(r)})
	s.send(&godap.InitializedEvent{Event: event("initialized")})
}

// finished reports the end of the exploration.
func (s *session) finished(res *checker.Result, err error) {
	select {
	case <-s.quit:
		return // the client ended the session
	default:
	}
	var b strings.Builder
	if err != nil && res == nil {
		fmt.Fprintf(&b, "tlals: %v\n", err)
	} else {
		switch res.Outcome {
		case checker.OutcomeOK:
			b.WriteString("Model checking completed. No error has been found.\n")
		default:
			fmt.Fprintf(&b, "Error: %s\n", res.Message)
		}
		fmt.Fprintf(&b, "%d states generated, %d distinct states found. The depth of the explored graph is %d.\n", res.GeneratedStates, res.DistinctStates, res.Depth)
	}
	s.send(&godap.OutputEvent{Event: event("output"), Body: godap.OutputEventBody{Category: "console", Output: b.String()}})
	code := 0
	if res != nil {
		code = res.ExitCode
	}
	s.send(&godap.ExitedEvent{Event: event("exited"), Body: godap.ExitedEventBody{ExitCode: code}})
	s.send(&godap.TerminatedEvent{Event: event("terminated")})
}

// current is the view shown.
func (s *session) current() *view {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}

// forward handles a forward step: through the history when an earlier
// stop is shown (it answers r then), else it reports that the engine is to
// be resumed (by resumeEngine, once r is answered).
func (s *session) forward(r *godap.Request, md mode) bool {
	s.mu.Lock()
	if s.stopped == nil {
		s.mu.Unlock()
		s.errorResponse(r.Seq, r.Command, "the model checker is not stopped")
		return false
	}
	if md != modeContinue && s.cur != s.stopped {
		// walk forward through what was seen before running on
		if s.hpos >= 0 && s.hpos+1 < len(s.history) {
			s.hpos++
			s.cur = s.history[s.hpos]
		} else {
			s.cur, s.hpos = s.stopped, len(s.history)-1
		}
		v := s.cur
		s.setView(v)
		s.mu.Unlock()
		s.send(&godap.NextResponse{Response: response(r)})
		s.sendStopped(v, "step", "")
		return false
	}
	s.stopped = nil
	s.mu.Unlock()
	return true
}

// resumeEngine lets the stopped engine run on in mode md.
func (s *session) resumeEngine(md mode) {
	select {
	case s.resume <- md:
	case <-s.quit:
	}
}

func (s *session) stepBack(r *godap.Request) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped == nil {
		s.errorResponse(r.Seq, r.Command, "the model checker is not stopped")
		return false
	}
	switch {
	case s.hpos > 0:
		s.hpos--
		s.setView(s.history[s.hpos])
	case s.cur != nil && s.cur.state >= 0:
		// before the first stop remembered: the state's predecessor
		st, _ := s.dbg.State(s.cur.state)
		if st.Parent < 0 {
			s.errorResponse(r.Seq, r.Command, "this is an initial state: there is no step back")
			return false
		}
		s.hpos = -1
		s.setView(s.stateView(st.Parent, s.cur.state))
	default:
		s.errorResponse(r.Seq, r.Command, "no earlier state")
		return false
	}
	return true
}

func (s *session) reverseContinue(r *godap.Request) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped == nil || s.cur == nil || s.cur.state < 0 {
		s.errorResponse(r.Seq, r.Command, "no behaviour to go back along")
		return false
	}
	path := s.dbg.Path(s.cur.state)
	next := int32(-1)
	if len(path) > 1 {
		next = path[1].ID
	}
	s.hpos = -1
	s.setView(s.stateView(path[0].ID, next))
	return true
}

func (s *session) gotoState(r *godap.Request, id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped == nil {
		s.errorResponse(r.Seq, r.Command, "the model checker is not stopped")
		return false
	}
	if _, ok := s.dbg.State(int32(id)); !ok {
		s.errorResponse(r.Seq, r.Command, fmt.Sprintf("no state #%d: %d states are explored", id, s.dbg.NumStates()))
		return false
	}
	s.hpos = -1
	s.setView(s.stateView(int32(id), -1))
	return true
}

// stateView shows the state id of the graph (with next, a successor on its
// path, or -1).
func (s *session) stateView(id, next int32) *view {
	v := &view{point: checker.PointState, state: id, action: -1, next: next}
	if st, ok := s.dbg.State(next); ok {
		v.nextVals, v.action = st.Values(), st.Action
		v.point = checker.PointStep
	}
	return v
}

// setView shows v (s.mu held): frame and variable ids start again.
func (s *session) setView(v *view) {
	s.cur = v
	s.frames = s.buildFrames(v)
	s.refs = map[int]*container{}
}

func (s *session) sendStopped(v *view, reason, desc string) {
	if v == nil {
		return
	}
	s.send(&godap.StoppedEvent{Event: event("stopped"), Body: godap.StoppedEventBody{Reason: reason, Description: desc, ThreadId: threadID, AllThreadsStopped: true}})
}

// point is called by the engine at each point; it stops there when a
// breakpoint, the stepping mode or an exception filter says so, and waits
// for the client to resume.
func (s *session) point(p *checker.DebugPoint) {
	v, reason, desc, hits := s.decide(p)
	if v == nil {
		return
	}
	s.send(&godap.StoppedEvent{Event: event("stopped"), Body: godap.StoppedEventBody{Reason: reason, Description: desc, Text: desc,
		ThreadId: threadID, AllThreadsStopped: true, HitBreakpointIds: hits}})
	select {
	case md := <-s.resume:
		s.mu.Lock()
		s.mode = md
		s.mu.Unlock()
	case <-s.quit:
	}
}

// decide makes p the stop shown when the engine is to stop there (nil
// otherwise), with the stopped event's reason, description and hits.
func (s *session) decide(p *checker.DebugPoint) (*view, string, string, []int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	reason, desc, hits := s.shouldStop(p)
	if reason == "" {
		return nil, "", "", nil
	}
	v := s.snapshot(p)
	s.stopped = v
	s.history = append(s.history, v)
	if len(s.history) > maxHistory {
		s.history = s.history[len(s.history)-maxHistory:]
	}
	s.hpos = len(s.history) - 1
	if reason == "exception" {
		s.exception = v
	}
	s.setView(v)
	return v, reason, desc, hits
}

// safePoint is point, a panic in it logged: the exploration goes on
// without stopping there rather than ending the adapter.
func (s *session) safePoint(p *checker.DebugPoint) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("debugger point failed", zap.Any("panic", r))
		}
	}()
	s.point(p)
}

// maxHistory bounds the stops remembered for step back.
const maxHistory = 10000

// shouldStop decides whether the engine stops at p (s.mu held): the
// reason, a description and the breakpoints hit.
func (s *session) shouldStop(p *checker.DebugPoint) (string, string, []int) {
	select {
	case <-s.quit:
		return "", "", nil
	default:
	}
	if s.noDebug {
		return "", "", nil
	}
	if p.Kind == checker.PointViolation {
		f := FilterError
		switch p.Outcome {
		case checker.OutcomeInvariant, checker.OutcomeActionProperty:
			f = FilterInvariant
		case checker.OutcomeDeadlock:
			f = FilterDeadlock
		}
		if s.filters[f] {
			return "exception", p.Message, nil
		}
		return "", "", nil
	}
	if hits := s.breakpointsHit(p); len(hits) > 0 {
		return "breakpoint", describe(s.dbg, p), hits
	}
	inEval := p.Kind == checker.PointEval
	switch s.mode {
	case modeEntry:
		if p.Kind == checker.PointInit {
			return "entry", describe(s.dbg, p), nil
		}
	case modePause:
		return "pause", describe(s.dbg, p), nil
	case modeStepIn:
		if !inEval || stops(p.Eval) || (p.Eval.Kind == checker.EventConjunctDone && !p.Eval.Held) {
			return "step", describe(s.dbg, p), nil
		}
	case modeNext:
		if p.Kind == checker.PointStep || p.Kind == checker.PointInit {
			return "step", describe(s.dbg, p), nil
		}
	case modeStepOut:
		if !inEval {
			return "step", describe(s.dbg, p), nil
		}
	}
	return "", "", nil
}

// stops reports whether ev is a place where stepping in and breakpoints
// stop: before a conjunct, an application, or the body of a LET or \E.
func stops(ev *checker.DebugEvent) bool {
	return ev.Kind == checker.EventConjunct || ev.Kind == checker.EventEnter || ev.Kind == checker.EventBind
}

// describe says in words where the exploration is.
func describe(d *checker.Debugger, p *checker.DebugPoint) string {
	action := "the initial predicate"
	if p.Action >= 0 {
		action = d.Actions()[p.Action].Name
	}
	switch p.Kind {
	case checker.PointInit:
		return fmt.Sprintf("initial state #%d", p.Next)
	case checker.PointState:
		return fmt.Sprintf("expanding state #%d", p.State)
	case checker.PointStep:
		if p.Next < 0 {
			return fmt.Sprintf("%s: a successor outside the state constraints", action)
		}
		if p.New {
			return fmt.Sprintf("%s: new state #%d", action, p.Next)
		}
		return fmt.Sprintf("%s: state #%d, seen before", action, p.Next)
	case checker.PointEval:
		switch p.Eval.Kind {
		case checker.EventEnter:
			return fmt.Sprintf("%s: entering %s", action, p.Eval.Name)
		case checker.EventBind:
			return fmt.Sprintf("%s: %s bound", action, p.Eval.Name)
		case checker.EventConjunctDone:
			if !p.Eval.Held {
				return fmt.Sprintf("%s: the conjunct is FALSE (the action is not enabled here)", action)
			}
			return fmt.Sprintf("%s: the conjunct holds", action)
		}
		return fmt.Sprintf("%s: evaluating a conjunct", action)
	}
	return ""
}

// ---------------------------------------------------------------- breakpoints

type breakpoint struct {
	id        int
	path      string
	line      int
	condition string
	hitCond   string
	hits      int
	invalid   bool // its hit condition does not parse: it never stops
}

func cleanPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		p = a
	}
	return filepath.Clean(p)
}

func (s *session) setBreakpoints(m *godap.SetBreakpointsRequest) {
	r := &m.Request
	path := cleanPath(m.Arguments.Source.Path)
	s.mu.Lock()
	var bps []*breakpoint
	var out []godap.Breakpoint
	lines := s.lines(path)
	for _, sb := range m.Arguments.Breakpoints {
		s.nextBP++
		bp := &breakpoint{id: s.nextBP, path: path, line: sb.Line, condition: sb.Condition, hitCond: sb.HitCondition}
		bps = append(bps, bp)
		b := godap.Breakpoint{Id: bp.id, Verified: true, Line: sb.Line, Source: &m.Arguments.Source}
		if _, _, err := parseHitCondition(sb.HitCondition); err != nil {
			b.Verified, b.Message = false, err.Error()
			bp.invalid = true
		} else if k, ok := lines[sb.Line]; !ok {
			b.Verified, b.Message = false, "no action or conjunct of an action starts on this line"
		} else {
			b.Message = k
		}
		out = append(out, b)
	}
	s.bps[path] = bps
	s.mu.Unlock()
	s.send(&godap.SetBreakpointsResponse{Response: response(r), Body: godap.SetBreakpointsResponseBody{Breakpoints: out}})
}

// lines are the lines of path where a breakpoint can stop: the first lines
// of actions (stop at each step the action takes) and of conjuncts and
// operator applications in actions (stop when evaluated).
func (s *session) lines(path string) map[int]string {
	out := map[int]string{}
	if s.dbg == nil {
		return out
	}
	for _, site := range s.dbg.Sites() {
		if l := site.Location; l != nil && cleanPath(l.File) == path {
			switch site.Kind {
			case checker.EventEnter:
				out[l.StartLine] = "an operator applied in an action"
			case checker.EventBind:
				if _, ok := out[l.StartLine]; !ok {
					out[l.StartLine] = "the body of a LET or \\E in an action"
				}
			default:
				out[l.StartLine] = "a conjunct of an action"
			}
		}
	}
	for _, a := range s.dbg.Actions() {
		if l := a.Location; l != nil && cleanPath(l.File) == path {
			out[l.StartLine] = "action " + a.Name
		}
		if l := plusCal(a); l != nil && cleanPath(l.File) == path {
			out[l.StartLine] = "action " + a.Name + " (PlusCal)"
		}
	}
	return out
}

// plusCal is the PlusCal range a's translation comes from (nil if none).
func plusCal(a checker.DebugAction) *checker.Range {
	if a.Location == nil {
		return nil
	}
	return a.Location.PlusCal
}

// actionLine reports whether line of path starts an action (or the
// PlusCal label an action was translated from).
func (s *session) actionLine(path string, line int) bool {
	for _, a := range s.dbg.Actions() {
		for _, l := range []*checker.Range{a.Location, plusCal(a)} {
			if l != nil && l.StartLine == line && cleanPath(l.File) == path {
				return true
			}
		}
	}
	return false
}

// breakpointsHit are the breakpoints that stop at p (s.mu held): an action
// breakpoint at each step its action takes, a conjunct breakpoint when its
// conjunct is about to be evaluated; the condition must hold and then the
// hit condition.
func (s *session) breakpointsHit(p *checker.DebugPoint) []int {
	var ats []*checker.Range
	switch {
	case p.Kind == checker.PointStep:
		a := s.dbg.Actions()[p.Action]
		ats = []*checker.Range{a.Location, plusCal(a)}
	case p.Kind == checker.PointEval && stops(p.Eval):
		ats = []*checker.Range{p.Eval.Location}
	default:
		return nil
	}
	var hits []int
	for _, at := range ats {
		if at != nil {
			hits = append(hits, s.hitsAt(p, at)...)
		}
	}
	return hits
}

// hitsAt are the breakpoints on at's first line that stop at p.
func (s *session) hitsAt(p *checker.DebugPoint, at *checker.Range) []int {
	path := cleanPath(at.File)
	var hits []int
	for _, bp := range s.bps[path] {
		if bp.line != at.StartLine || bp.invalid {
			continue
		}
		if p.Kind == checker.PointEval && s.actionLine(path, bp.line) {
			continue // the line's action breakpoint stops at its steps
		}
		if bp.condition != "" {
			v, err := s.evals.eval(bp.condition, s.contextOf(p))
			if err == nil && !v.IsTrue() {
				continue
			}
			// an error stops, so that the user sees it (evaluate it in the console)
		}
		bp.hits++
		op, n, _ := parseHitCondition(bp.hitCond)
		if !hitMatches(op, n, bp.hits) {
			continue
		}
		hits = append(hits, bp.id)
	}
	return hits
}

// parseHitCondition parses "N", "= N", "== N" (the N-th hit), ">= N", "> N"
// and "% N" (every N-th hit).
func parseHitCondition(h string) (string, int, error) {
	h = strings.TrimSpace(h)
	if h == "" {
		return "", 0, nil
	}
	op := ""
	for _, o := range []string{">=", "==", "%", ">", "="} {
		if rest, ok := strings.CutPrefix(h, o); ok {
			op, h = o, strings.TrimSpace(rest)
			break
		}
	}
	n, err := strconv.Atoi(h)
	if err != nil || n < 0 || (op == "%" && n == 0) {
		return "", 0, fmt.Errorf("hit condition: want N, == N, >= N, > N or %% N")
	}
	if op == "" || op == "=" {
		op = "=="
	}
	return op, n, nil
}

func hitMatches(op string, n, hits int) bool {
	switch op {
	case "":
		return true
	case "==":
		return hits == n
	case ">=":
		return hits >= n
	case ">":
		return hits > n
	case "%":
		return hits%n == 0
	}
	return false
}
