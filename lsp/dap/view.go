package dap

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	godap "github.com/google/go-dap"

	"github.com/tlals/tlals/checker"
)

// view is what a stop shows: a copy of the point, kept for step back.
type view struct {
	point    checker.DebugPointKind
	state    int32 // the current state; -1: in the initial predicate
	action   int
	next     int32
	nextVals []checker.Value // the successor (PointStep), the next state as assigned so far (PointEval)
	calls    []checker.DebugCall
	callBnd  [][]checker.DebugBinding // the names bound where each call is made
	at       *checker.Range           // PointEval: the conjunct or application
	evKind   checker.DebugEventKind
	held     bool
	text     string // the conjunct's source text (its first line)
	bindName string // EventBind: LET or \E
	bindings []checker.DebugBinding
	// PointViolation
	outcome, message string
	location         *checker.Range
}

// snapshot copies what p shows (s.mu held).
func (s *session) snapshot(p *checker.DebugPoint) *view {
	v := &view{point: p.Kind, state: p.State, action: p.Action, next: p.Next,
		nextVals: p.NextValues(), calls: slices.Clone(p.Calls),
		outcome: p.Outcome, message: p.Message, location: p.Location}
	if p.Kind == checker.PointInit || (p.Kind == checker.PointViolation && p.Action < 0 && p.Next >= 0) {
		// an initial state is the current state
		v.state, v.nextVals = p.Next, nil
	}
	if p.Kind == checker.PointEval {
		v.at, v.evKind, v.held = p.Eval.Location, p.Eval.Kind, p.Eval.Held
		v.bindings = p.Eval.Bindings()
		v.text = sourceText(p.Eval.Text())
		v.bindName = p.Eval.Name
		for i := range p.Calls {
			v.callBnd = append(v.callBnd, p.CallBindings(i))
		}
	}
	return v
}

// sourceText is the first line of text, shortened.
func sourceText(text string) string {
	t, _, cut := strings.Cut(text, "\n")
	t = strings.TrimSpace(t)
	if r := []rune(t); len(r) > 60 {
		t, cut = string(r[:60]), true
	}
	if cut {
		t += " …"
	}
	return t
}

// contextOf is where a breakpoint's condition is evaluated at p.
func (s *session) contextOf(p *checker.DebugPoint) evalCtx {
	ec := evalCtx{next: p.NextValues()}
	if st, ok := s.dbg.State(p.State); ok {
		ec.cur = st.Values()
	}
	if p.Kind == checker.PointEval {
		if p.Action < 0 {
			ec.cur, ec.next = ec.next, nil
		}
		ec.bindings = p.Eval.Bindings()
	}
	return ec
}

// frame is a stack frame of a view.
type frame struct {
	name     string
	at       *checker.Range
	cur      []checker.Value
	next     []checker.Value
	bindings []checker.DebugBinding
}

// buildFrames lists v's stack, innermost first: the conjunct, the
// operators entered, the action, then the states of the behaviour.
func (s *session) buildFrames(v *view) []frame {
	var out []frame
	actions := s.dbg.Actions()
	var cur []checker.Value
	if st, ok := s.dbg.State(v.state); ok {
		cur = st.Values()
	}
	if v.state < 0 && v.point == checker.PointEval {
		cur = v.nextVals // the initial predicate assigns the state itself
	}
	next := v.nextVals
	if v.state < 0 {
		next = nil
	}
	if v.point == checker.PointViolation && v.location != nil {
		name, _, _ := strings.Cut(v.message, "\n")
		out = append(out, frame{name: name, at: v.location, cur: cur, next: next})
	}
	if v.point == checker.PointEval {
		name := "/\\ " + v.text
		switch v.evKind {
		case checker.EventEnter:
			name = v.calls[len(v.calls)-1].Name
		case checker.EventBind:
			name = v.bindName + " … : " + v.text
			if v.bindName == "LET" {
				name = "LET … IN " + v.text
			}
		case checker.EventConjunctDone:
			name += "  (TRUE)"
			if !v.held {
				name = "/\\ " + v.text + "  (FALSE)"
			}
		}
		out = append(out, frame{name: name, at: v.at, cur: cur, next: next, bindings: v.bindings})
		for i := len(v.calls) - 1; i >= 0; i-- {
			if v.evKind == checker.EventEnter && i == len(v.calls)-1 {
				continue // the application itself is on top
			}
			out = append(out, frame{name: v.calls[i].Name, at: v.calls[i].Location, cur: cur, next: next, bindings: v.callBnd[i]})
		}
	}
	if v.action >= 0 && v.action < len(actions) && v.point != checker.PointState {
		name := actions[v.action].Name
		if v.point == checker.PointStep || v.point == checker.PointViolation {
			switch {
			case v.next >= 0:
				name += fmt.Sprintf(" → state #%d", v.next)
			case v.nextVals != nil:
				name += " → a successor"
			}
		}
		out = append(out, frame{name: name, at: actions[v.action].Location, cur: cur, next: next})
	} else if v.state < 0 && v.point == checker.PointEval {
		out = append(out, frame{name: "Initial predicate", cur: cur})
	}
	path := s.dbg.Path(v.state)
	for i := len(path) - 1; i >= 0; i-- {
		st := path[i]
		f := frame{cur: st.Values()}
		if i+1 < len(path) {
			f.next = path[i+1].Values()
		} else if v.point == checker.PointStep || v.point == checker.PointViolation {
			f.next = next
		}
		if st.Action >= 0 && st.Action < len(actions) {
			f.name = fmt.Sprintf("State #%d: %s", st.ID, actions[st.Action].Name)
			f.at = actions[st.Action].Location
		} else {
			f.name = fmt.Sprintf("State #%d: Initial predicate", st.ID)
		}
		out = append(out, f)
	}
	return out
}

func (s *session) stackTrace(m *godap.StackTraceRequest) {
	r := &m.Request
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		s.errorResponse(r.Seq, r.Command, "the model checker is not stopped")
		return
	}
	var out []godap.StackFrame
	for i, f := range s.frames {
		sf := godap.StackFrame{Id: i + 1, Name: f.name}
		if f.at != nil {
			sf.Source = &godap.Source{Name: filepathBase(f.at.File), Path: f.at.File}
			sf.Line, sf.Column, sf.EndLine, sf.EndColumn = s.sources.frameRange(f.at)
		}
		out = append(out, sf)
	}
	total := len(out)
	if start := m.Arguments.StartFrame; start > 0 {
		out = out[min(start, len(out)):]
	}
	if lv := m.Arguments.Levels; lv > 0 && lv < len(out) {
		out = out[:lv]
	}
	s.send(&godap.StackTraceResponse{Response: response(r), Body: godap.StackTraceResponseBody{StackFrames: out, TotalFrames: total}})
}

func filepathBase(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// frameOf is the frame with DAP id id (s.mu held); 0: the top one.
func (s *session) frameOf(id int) (frame, bool) {
	if id == 0 && len(s.frames) > 0 {
		return s.frames[0], true
	}
	if id < 1 || id > len(s.frames) {
		return frame{}, false
	}
	return s.frames[id-1], true
}

// container is what a variables reference lists.
type container struct {
	items []item
}

type item struct {
	name string
	v    checker.Value
	text string // when v is not valid
}

func (s *session) ref(c *container) int {
	id := len(s.refs) + 1
	s.refs[id] = c
	return id
}

func (s *session) scopes(m *godap.ScopesRequest) {
	r := &m.Request
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.frameOf(m.Arguments.FrameId)
	if !ok {
		s.errorResponse(r.Seq, r.Command, fmt.Sprintf("no frame %d", m.Arguments.FrameId))
		return
	}
	vars := s.dbg.Vars()
	var out []godap.Scope
	if len(f.bindings) > 0 {
		c := &container{}
		for _, b := range f.bindings {
			it := item{name: b.Name, v: b.Value}
			if b.Err != nil {
				it.text = "error: " + b.Err.Error()
			}
			c.items = append(c.items, it)
		}
		out = append(out, godap.Scope{Name: "Bound", PresentationHint: "locals", VariablesReference: s.ref(c), NamedVariables: len(c.items)})
	}
	if f.cur != nil {
		c := &container{}
		for i, name := range vars {
			c.items = append(c.items, item{name: name, v: at(f.cur, i), text: "(not assigned yet)"})
		}
		sc := godap.Scope{Name: "State", VariablesReference: s.ref(c), NamedVariables: len(c.items)}
		if len(out) == 0 {
			sc.PresentationHint = "locals" // the first scope: editors expand it
		}
		out = append(out, sc)
	}
	if f.next != nil {
		c := &container{}
		for i, name := range vars {
			c.items = append(c.items, item{name: name + "'", v: at(f.next, i), text: "(not assigned yet)"})
		}
		out = append(out, godap.Scope{Name: "Successor", VariablesReference: s.ref(c), NamedVariables: len(c.items)})
	}
	s.send(&godap.ScopesResponse{Response: response(r), Body: godap.ScopesResponseBody{Scopes: out}})
}

func at(vals []checker.Value, i int) checker.Value {
	if i < len(vals) {
		return vals[i]
	}
	return checker.Value{}
}

func (s *session) variables(m *godap.VariablesRequest) {
	r := &m.Request
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.refs[m.Arguments.VariablesReference]
	if !ok {
		s.errorResponse(r.Seq, r.Command, fmt.Sprintf("no variables reference %d", m.Arguments.VariablesReference))
		return
	}
	out := []godap.Variable{}
	for _, it := range c.items {
		v := godap.Variable{Name: it.name, Value: it.text}
		if it.v.IsValid() {
			v.Value = it.v.String()
			if kids := children(it.v); kids != nil {
				v.VariablesReference = s.ref(kids)
				v.NamedVariables = len(kids.items)
			}
		}
		out = append(out, v)
	}
	s.send(&godap.VariablesResponse{Response: response(r), Body: godap.VariablesResponseBody{Variables: out}})
}

// children are the parts of a structured value (checker.Value.Parts),
// nil for a scalar or an empty value.
func children(v checker.Value) *container {
	parts := v.Parts()
	if len(parts) == 0 {
		return nil
	}
	c := &container{items: make([]item, len(parts))}
	for i, p := range parts {
		c.items[i] = item{name: p.Name, v: p.Value}
	}
	return c
}

func (s *session) exceptionInfo(m *godap.ExceptionInfoRequest) {
	r := &m.Request
	s.mu.Lock()
	v := s.exception
	s.mu.Unlock()
	if v == nil {
		s.errorResponse(r.Seq, r.Command, "no exception")
		return
	}
	desc := v.message
	if l := v.location; l != nil {
		desc += fmt.Sprintf("\n%s:%d:%d", l.File, l.StartLine, l.StartColumn)
	}
	s.send(&godap.ExceptionInfoResponse{Response: response(r), Body: godap.ExceptionInfoResponseBody{
		ExceptionId: v.outcome, Description: desc, BreakMode: "always"}})
}

// ---------------------------------------------------------------- evaluate

func (s *session) evaluate(m *godap.EvaluateRequest) {
	r := &m.Request
	s.mu.Lock()
	if s.cur == nil || s.evals == nil {
		s.mu.Unlock()
		s.errorResponse(r.Seq, r.Command, "the model checker is not stopped")
		return
	}
	f, ok := s.frameOf(m.Arguments.FrameId)
	s.mu.Unlock()
	if !ok {
		s.errorResponse(r.Seq, r.Command, fmt.Sprintf("no frame %d", m.Arguments.FrameId))
		return
	}
	v, err := s.evals.eval(m.Arguments.Expression, evalCtx{cur: f.cur, next: f.next, bindings: f.bindings})
	if err != nil {
		s.errorResponse(r.Seq, r.Command, err.Error())
		return
	}
	body := godap.EvaluateResponseBody{Result: v.String()}
	if kids := children(v); kids != nil {
		s.mu.Lock()
		body.VariablesReference = s.ref(kids)
		s.mu.Unlock()
		body.NamedVariables = len(kids.items)
	}
	s.send(&godap.EvaluateResponse{Response: response(r), Body: body})
}

// evalCtx is where an expression is evaluated: a state, its successor (for
// primes) and the names bound there.
type evalCtx struct {
	cur, next []checker.Value
	bindings  []checker.DebugBinding
}

// evaluator evaluates TLA+ expressions typed by the user: each becomes an
// operator appended to the root module (checker.NewOpEvaluator), whose
// parameters are the names bound where the debugger stopped, compiled with
// the model's constants; an error is at its place in the expression
// ("1:5: ...") or in the spec.
type evaluator struct {
	m     *checker.Model
	mu    sync.Mutex
	cache map[string]*compiled
}

type compiled struct {
	ev  *checker.Evaluator
	err error
}

func newEvaluator(m *checker.Model) *evaluator {
	return &evaluator{m: m, cache: map[string]*compiled{}}
}

func (e *evaluator) eval(expr string, ec evalCtx) (checker.Value, error) {
	if strings.TrimSpace(expr) == "" {
		return checker.Value{}, errors.New("no expression")
	}
	var names []string
	var args []checker.Value
	for _, b := range ec.bindings {
		if !b.Value.IsValid() || slices.Contains(names, b.Name) || e.defined(b.Name) {
			continue
		}
		names = append(names, b.Name)
		args = append(args, b.Value)
	}
	c := e.compile(expr, names)
	if c.err != nil {
		return checker.Value{}, c.err
	}
	return c.ev.Value(0, ec.cur, ec.next, args)
}

// defined reports whether the module defines name (a bound name of the same
// spelling cannot be a parameter of the appended operator).
func (e *evaluator) defined(name string) bool {
	return e.m.Root.Scope != nil && e.m.Root.Scope.Lookup(name) != nil
}

func (e *evaluator) compile(expr string, names []string) *compiled {
	key := expr + "\x00" + strings.Join(names, ",")
	e.mu.Lock()
	defer e.mu.Unlock()
	if c, ok := e.cache[key]; ok {
		return c
	}
	c := &compiled{}
	c.ev, c.err = checker.NewOpEvaluator(e.m, expr, names)
	e.cache[key] = c
	return c
}
