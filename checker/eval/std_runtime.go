package eval

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tlals/tlals/parser/ast"
)

// TLC's run-time features: the registers of TLCGet/TLCSet, the values
// TLCGet reads of the running search, and where Print/PrintT write. They
// belong to one run of a Program (SetRun), never to the process: two runs
// in one process (the language server) neither share registers nor print
// into each other's output.

// Print is one line the specification printed (Print, PrintT, a failed
// _POSSIBLE's counts).
type Print struct {
	Text string
	// Level is TLCGet("level") where it was printed: 0 in ASSUME, the
	// initial predicate and POSTCONDITION, else the depth of the state
	// being explored (1 for an initial state).
	Level int
}

// Stats are the search's counters as TLCGet reads them.
type Stats struct {
	Generated, Distinct, Queue int64
	Initial                    int64 // distinct initial states
	Diameter                   int   // the depth of the deepest state found
	// Sim is set in simulation mode, where TLCGet reads other counters.
	Sim *SimStats
}

// SimStats are the counters of a simulation as TLCGet reads them
// (TLC's Simulator.getStatistics).
type SimStats struct {
	Traces int64 // behaviours begun, the current one included (its id)
	// Actions counts each action's steps in the current behaviour, in
	// the order they first occur.
	Actions []ActionCount
	// LevelMean and LevelVariance are of the lengths of the behaviours
	// completed, as TLC's integer running estimate.
	LevelMean, LevelVariance int64
}

// ActionCount is an action's name and a number of steps.
type ActionCount struct {
	Name  string
	Count int64
}

// SimConfig is TLCGet("config") of a simulation.
type SimConfig struct {
	Traces int64 // -num (TLC's maximum when unbounded)
	Depth  int   // -depth
}

// Run configures the run-time features of one run.
type Run struct {
	// Output receives what the specification prints, in order (calls are
	// serialised). Nil discards it.
	Output  func(Print)
	Workers int   // the search's workers: each has its own registers
	Seed    int64 // TLC's -seed, for random choices (Ctx.Seed)
	// Deadlock and Install fill TLCGet("config").
	Deadlock bool
	Install  string
	// Stop is called by TLCSet("exit", TRUE): the search stops.
	Stop func()
	// Spec is TLCGet("spec"); nil: undefined.
	Spec func() Value
	// Simulate is set for a simulation (TLC's -simulate): TLCGet's
	// "config", "stats" and "action" read it.
	Simulate *SimConfig
}

// tlcRegs is a run's run-time state (Program.tlcRegs).
type tlcRegs struct {
	mu    sync.Mutex
	run   Run
	start time.Time
	// stats reads the search's counters; nil until the search exists (a
	// configuration's C <- Def is evaluated before it, and TLC reports
	// TLCGet("distinct") there as undefined).
	stats func() Stats
	// workers[i] are worker i+1's registers; the main thread (ASSUME, the
	// initial predicate, POSTCONDITION) sets all of them and reads the
	// first, as TLC's.
	workers []registers
}

type registers struct {
	ints  map[int64]Value
	named map[string]Value // "s:..." keys
}

func newRegisters(n int) []registers {
	rs := make([]registers, max(n, 1))
	for i := range rs {
		rs[i] = registers{ints: map[int64]Value{}, named: map[string]Value{}}
	}
	return rs
}

func newTLCRegs() *tlcRegs { return &tlcRegs{start: time.Now(), workers: newRegisters(1)} }

// ctxRun is where an evaluation stands in the search, for TLCGet.
type ctxRun struct {
	worker int // 1-based; 0: the main thread
	level  int
}

// SetRun configures the run-time features of a run and clears the
// registers. Call it before evaluating anything of the run.
func (p *Program) SetRun(r Run) {
	t := p.tlcRegs
	t.mu.Lock()
	defer t.mu.Unlock()
	t.run = r
	t.start = time.Now()
	t.workers = newRegisters(r.Workers)
	p.SetSeed(r.Seed) // RandomElement and Randomization draw from the run's seed
}

// SetStats gives TLCGet the search's counters; before it, TLCGet of
// "distinct", "generated", "queue", "diameter" and "stats" is undefined.
func (p *Program) SetStats(f func() Stats) {
	p.tlcRegs.mu.Lock()
	p.tlcRegs.stats = f
	p.tlcRegs.mu.Unlock()
}

// SetWorker makes c the context of worker w (1-based; 0: the main thread).
func (c *Ctx) SetWorker(w int) { c.run.worker = w }

// SetLevel sets TLCGet("level") for what c evaluates next.
func (c *Ctx) SetLevel(l int) { c.run.level = l }

// Seed is the run's seed (TLC's -seed) for random choices.
func (c *Ctx) Seed() int64 { return c.prog.tlcRegs.run.Seed }

// print sends a line of the specification's output to the run's sink.
func (c *Ctx) print(text string) {
	t := c.prog.tlcRegs
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.run.Output != nil {
		t.run.Output(Print{Text: text, Level: c.run.level})
	}
}

// own returns the registers c reads: its worker's, or the first worker's
// in the main thread. Callers hold t.mu.
func (t *tlcRegs) own(c *Ctx) *registers {
	w := c.run.worker - 1
	if w < 0 || w >= len(t.workers) {
		w = 0
	}
	return &t.workers[w]
}

// set stores v in c's worker's registers, or in every worker's from the
// main thread.
func (t *tlcRegs) set(c *Ctx, put func(r *registers)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if c.run.worker == 0 {
		for i := range t.workers {
			put(&t.workers[i])
		}
		return
	}
	put(t.own(c))
}

const namedPrefix = "s:" // TLC's named registers

func tlcGet(c *Ctx, args []Value, l *Loc) Value {
	t := c.prog.tlcRegs
	switch k := args[0].(type) {
	case Int:
		if k >= 0 {
			t.mu.Lock()
			v, ok := t.own(c).ints[int64(k)]
			t.mu.Unlock()
			if !ok {
				throw(l, "TLCGet(%d) was undefined.", int64(k))
			}
			return v
		}
	case Str:
		return tlcGetNamed(c, string(k), l)
	}
	throw(l, "The argument of TLCGet should be a nonnegative integer, but instead it is:\n%s", Pretty(args[0]))
	return nil
}

func tlcGetNamed(c *Ctx, key string, l *Loc) Value {
	t := c.prog.tlcRegs
	undefined := func() Value {
		throw(l, "TLCGet(%s) was undefined.", key)
		return nil
	}
	if strings.HasPrefix(key, namedPrefix) {
		t.mu.Lock()
		v, ok := t.own(c).named[key]
		t.mu.Unlock()
		if !ok {
			return undefined()
		}
		return v
	}
	if strings.HasPrefix(key, "-D") {
		// TLC answers a Java system property's value, or the key itself
		// when the property is unset; no property is set here.
		return Str(key)
	}
	t.mu.Lock()
	stats, run, start := t.stats, t.run, t.start
	t.mu.Unlock()
	searchStat := func() Stats {
		if stats == nil {
			undefined()
		}
		return stats()
	}
	diameter := func(s Stats) Value { return Int(max(s.Diameter, 1)) }
	if run.Simulate != nil {
		if v, ok := simGet(c, key, run, searchStat, start, undefined); ok {
			return v
		}
	}
	switch key {
	case "level":
		return Int(c.run.level)
	case "duration":
		return Int(int64(time.Since(start) / time.Second))
	case "generated":
		return Int(searchStat().Generated)
	case "distinct":
		return Int(searchStat().Distinct)
	case "queue":
		return Int(searchStat().Queue)
	case "diameter":
		return diameter(searchStat())
	case "stats":
		s := searchStat()
		return mkRecord(
			[]string{"distinct", "generated", "queue", "diameter", "worker", "duration", "initial"},
			[]Value{Int(s.Distinct), Int(s.Generated), Int(s.Queue), diameter(s), Int(max(c.run.worker-1, 0)), Int(int64(time.Since(start) / time.Second)), Int(s.Initial)})
	case "config":
		if stats == nil {
			return undefined()
		}
		return mkRecord(
			[]string{"install", "mode", "deadlock", "seed", "fingerprint", "worker"},
			[]Value{Str(run.Install), Str("bfs"), Bool(run.Deadlock), Str(strconv.FormatInt(run.Seed, 10)), Str("0"), Int(max(run.Workers, 1))})
	case "revision":
		return mkRecord(
			[]string{"timestamp", "date", "count", "tag", "calver"},
			[]Value{Int(0), Str("1970-01-01T00:00:00.0Z"), Int(0), Str("development"), Str("tlals")})
	case "spec":
		if run.Spec == nil {
			return undefined()
		}
		return run.Spec()
	case "action":
		// TLC knows the action only with -debugger or -simulate; in
		// breadth-first search it answers with its unknown action.
		loc := mkRecord([]string{"beginLine", "beginColumn", "endLine", "endColumn", "module"},
			[]Value{Int(0), Int(0), Int(0), Int(0), Str("UnknownModule")})
		return mkRecord([]string{"name", "location"}, []Value{Str("UnnamedAction"), loc})
	case "all":
		return allRegisters(c, l, func(r *registers) ([]Value, func(k Value) (Value, bool)) {
			keys := make([]Value, 0, len(r.ints))
			for k := range r.ints {
				keys = append(keys, Int(k))
			}
			return keys, func(k Value) (Value, bool) { v, ok := r.ints[int64(k.(Int))]; return v, ok }
		})
	case "all:named":
		return allRegisters(c, l, func(r *registers) ([]Value, func(k Value) (Value, bool)) {
			keys := make([]Value, 0, len(r.named))
			for k := range r.named {
				keys = append(keys, Str(k))
			}
			return keys, func(k Value) (Value, bool) { v, ok := r.named[string(k.(Str))]; return v, ok }
		})
	}
	return undefined()
}

// allRegisters is TLCGet("all") and TLCGet("all:named"): each register of
// the first worker mapped to the tuple of every worker's value.
func allRegisters(c *Ctx, l *Loc, view func(r *registers) ([]Value, func(Value) (Value, bool))) Value {
	t := c.prog.tlcRegs
	t.mu.Lock()
	keys, _ := view(&t.workers[0])
	vals := make([]Value, len(keys))
	var missing Value
	lacking := 0
	for i, k := range keys {
		per := make([]Value, len(t.workers))
		for w := range t.workers {
			_, get := view(&t.workers[w])
			v, ok := get(k)
			if !ok && missing == nil {
				missing, lacking = k, w+1
			}
			per[w] = v
		}
		vals[i] = mkTuple(per)
	}
	t.mu.Unlock()
	if missing != nil {
		// TLC fails with a NullPointerException here
		throw(l, "TLCGet: the register %s has a value in worker 1 but not in worker %d", Pretty(missing), lacking)
	}
	return mkFcn(keys, vals)
}

func tlcSet(c *Ctx, args []Value, l *Loc) Value {
	t := c.prog.tlcRegs
	v := args[1]
	switch k := args[0].(type) {
	case Int:
		if k >= 0 {
			t.set(c, func(r *registers) { r.ints[int64(k)] = v })
			return Bool(true)
		}
	case Str:
		switch key := string(k); {
		case strings.HasPrefix(key, namedPrefix):
			t.set(c, func(r *registers) { r.named[key] = v })
			return Bool(true)
		case key == "exit":
			if v == Bool(true) && t.run.Stop != nil {
				t.run.Stop()
			}
			return Bool(true)
		case key == "pause":
			// TLC waits for a key press on its console; a run here has none.
			return Bool(true)
		}
	}
	throwModule(l, "The first argument of TLCSet should be a nonnegative integer, but instead it is:\n%s", Pretty(args[0]))
	return nil
}

// possibleKey is the named register in which _POSSIBLE counts, as TLC's
// _Possible module.
const possibleKey = "s:_possible"

// TrackPossible counts, for the configuration's _POSSIBLE name, one
// evaluation of its predicate (true: b), in c's worker's register
// "s:_possible" (TLC's _Possible!_Track).
func (c *Ctx) TrackPossible(name string, b bool) {
	c.prog.tlcRegs.set(c, func(r *registers) {
		old, _ := r.named[possibleKey].(*FcnV)
		var dom, vals []Value
		if old != nil {
			for i := range old.Vals {
				dom = append(dom, old.DomainAt(i))
				vals = append(vals, old.Vals[i])
			}
		}
		k := Str(name)
		i := 0
		for i < len(dom) && compare(dom[i], k) != 0 {
			i++
		}
		if i == len(dom) {
			dom, vals = append(dom, k), append(vals, Int(0))
		}
		if b {
			vals[i] = vals[i].(Int) + 1
		}
		r.named[possibleKey] = mkFcn(dom, vals)
	})
}

// PossibleCounts is the sum over the workers of the _POSSIBLE counts
// (TLC's _Possible!_Counts): name -> number of states or steps that
// satisfied it; a name never evaluated is missing.
func (p *Program) PossibleCounts() *FcnV {
	t := p.tlcRegs
	t.mu.Lock()
	defer t.mu.Unlock()
	totals := map[string]int64{}
	var names []Value
	for _, r := range t.workers {
		f, ok := r.named[possibleKey].(*FcnV)
		if !ok {
			continue
		}
		for i, v := range f.Vals {
			s, ok1 := f.DomainAt(i).(Str)
			n, ok2 := v.(Int)
			if !ok1 || !ok2 {
				continue
			}
			if _, seen := totals[string(s)]; !seen {
				names = append(names, s)
			}
			totals[string(s)] += int64(n)
		}
	}
	vals := make([]Value, len(names))
	for i, n := range names {
		vals[i] = Int(totals[string(n.(Str))])
	}
	return mkFcn(names, vals)
}

// CheckPossible is TLC's _Possible!_CheckName(name): false, after printing
// the counts, when name was never satisfied.
func (c *Ctx) CheckPossible(name string) bool {
	counts := c.prog.PossibleCounts()
	if i, ok := counts.lookup(Str(name)); ok && counts.Vals[i] != Int(0) {
		return true
	}
	c.print(Pretty(counts))
	return false
}

// runtimeOps are TLC's operators of the run: TLCGet, TLCSet, Print and
// PrintT.
func runtimeOps() map[string]*builtin {
	ops := map[string]*builtin{
		// Print, PrintT and TLCSet are constant-level for TLC, which
		// evaluates a constant definition using them once (see
		// EvalPrintingConstants); TLCGet reads the search.
		"Print": {arity: 2, fn: func(c *Ctx, args []Value, l *Loc) Value {
			c.print(Pretty(args[0]) + "  " + Pretty(args[1]))
			return args[1]
		}},
		"PrintT": {arity: 1, fn: func(c *Ctx, args []Value, l *Loc) Value {
			c.print(Pretty(args[0]))
			return Bool(true)
		}},
		"TLCGet": {arity: 1, impure: true, fn: tlcGet},
		"TLCSet": {arity: 2, fn: tlcSet},
	}
	for _, name := range []string{"Print", "PrintT", "TLCSet"} {
		sideEffects[ops[name]] = true
	}
	return ops
}

// sideEffects are the builtins whose evaluation TLC's output or registers
// show.
var sideEffects = map[*builtin]bool{}

// EvalPrintingConstants evaluates, as TLC does before the search, the
// constant definitions of no argument whose evaluation prints or sets a
// register: TLC evaluates every constant definition once, so such output
// appears at the start and not again where the definition is used. (The
// others are evaluated when first used: only the time differs.) Errors
// are left for the use to report, as TLC ignores them there.
func (p *Program) EvalPrintingConstants() {
	type entry struct {
		name string
		d    *def
	}
	var ds []entry
	var cands []*def
	for _, d := range p.Root.defs {
		if d.kind == dOp && len(d.params) == 0 && d.body != nil && d.loc != nil {
			cands = append(cands, d)
		}
	}
	printing := p.sideEffectDefs(cands)
	for name, d := range p.Root.defs {
		switch {
		case d.kind == dOp && len(d.params) == 0 && d.body != nil && d.loc != nil:
			if printing[d] && p.isConstant(d) {
				ds = append(ds, entry{name, d})
			}
		case d.kind == dBuiltin && d.bi.special != nil && sideEffects[d.bi]: // _PrintCounts
			ds = append(ds, entry{name, d})
		}
	}
	// the modules a specification extends first, then its own, each in
	// the order of its text
	key := func(e entry) (int, string, int) {
		if e.d.loc == nil || e.d.loc.File == nil {
			return 0, "", 0
		}
		root := 1
		if e.d.env.file != p.Root.file || e.d.loc.File != p.Root.file {
			root = 0
		}
		return root, e.d.loc.File.Name, e.d.loc.Span.Start
	}
	sort.Slice(ds, func(i, j int) bool {
		ri, fi, oi := key(ds[i])
		rj, fj, oj := key(ds[j])
		if ri != rj {
			return ri < rj
		}
		if fi != fj {
			return fi < fj
		}
		if oi != oj {
			return oi < oj
		}
		return ds[i].name < ds[j].name
	})
	for _, e := range ds {
		_, _ = p.EvalConstant(e.name)
	}
}

// sideEffectDefs lists the definitions among ds whose evaluation may call
// a builtin with side effects (sideEffects), directly or through the
// definitions it uses. The call graph is walked once for all of them and
// the answer propagated back from the side effects, so a long chain of
// definitions costs linear time, not a walk per definition.
func (p *Program) sideEffectDefs(ds []*def) map[*def]bool {
	callers := map[*def][]*def{}
	done := map[*def]bool{}
	var reached []*def
	work := append([]*def(nil), ds...)
	for len(work) > 0 {
		d := work[len(work)-1]
		work = work[:len(work)-1]
		if done[d] {
			continue
		}
		done[d] = true
		if d.kind == dBuiltin && sideEffects[d.bi] {
			reached = append(reached, d)
		}
		p.callees(d, func(c *def) {
			callers[c] = append(callers[c], d)
			if !done[c] {
				work = append(work, c)
			}
		})
	}
	out := map[*def]bool{}
	for len(reached) > 0 {
		d := reached[len(reached)-1]
		reached = reached[:len(reached)-1]
		if out[d] {
			continue
		}
		out[d] = true
		reached = append(reached, callers[d]...)
	}
	return out
}

// callees calls f with each definition d's body names.
func (p *Program) callees(d *def, f func(*def)) {
	var env *modEnv
	var n ast.Node
	switch d.kind {
	case dOp:
		env, n = d.env, d.body
	case dFunc:
		env, n = d.env, d.fdef
	case dSubst:
		env, n = d.senv, d.sexpr
	default:
		return
	}
	p.namesIn(env, n, f)
}

// reaches reports whether evaluating n in env may call a builtin that
// pred accepts, through the definitions it uses (seen: those visited).
func (p *Program) reaches(env *modEnv, n ast.Node, seen map[*def]bool, pred func(*builtin) bool) bool {
	found := false
	var visit func(d *def)
	visit = func(d *def) {
		if found || seen[d] {
			return
		}
		seen[d] = true
		if d.kind == dBuiltin {
			found = pred(d.bi)
			return
		}
		p.callees(d, visit)
	}
	p.namesIn(env, n, visit)
	return found
}

// namesIn calls f with the definition of each name n uses in env.
func (p *Program) namesIn(env *modEnv, n ast.Node, f func(*def)) {
	if n == nil || env == nil {
		return
	}
	visit := func(c *def) {
		if c != nil {
			f(c)
		}
	}
	ast.Inspect(n, func(m ast.Node) bool {
		switch x := m.(type) {
		case *ast.OpApp:
			e := env
			for _, pp := range x.Prefix {
				if e = e.inst(pp); e == nil {
					return true
				}
			}
			visit(e.resolve(x.Name))
		case *ast.Infix:
			visit(env.resolveOp(x, x.Op))
		case *ast.PrefixExpr:
			visit(env.resolveOp(x, x.Op))
		}
		return true
	})
}

// possibleOps are the operators of TLC's standard module _Possible, which
// the configuration's _POSSIBLE uses and a specification may EXTEND.
func possibleOps() map[string]*builtin {
	// _Counts and _PrintCounts take no argument but read the run: they are
	// compiled to closures rather than folded to constants.
	runtime0 := func(fn func(c *Ctx, l *Loc) Value) *builtin {
		return &builtin{impure: true, special: func(p *Program, sc cscope, args []ast.Expr, l *Loc) expr {
			if len(args) != 0 {
				compileErr(l, "this operator takes no arguments, got %d", len(args))
			}
			return func(c *Ctx, f *frame) Value { return fn(c, l) }
		}}
	}
	ops := map[string]*builtin{
		"_Track": {arity: 2, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			name, ok := args[1].(Str)
			if !ok {
				throw(l, "The second argument of _Track should be a string, but instead it is:\n%s", Pretty(args[1]))
			}
			c.TrackPossible(string(name), toBool(args[0], l))
			return Bool(true)
		}},
		"_Counts": runtime0(func(c *Ctx, l *Loc) Value { return c.prog.PossibleCounts() }),
		"_CheckName": {arity: 1, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			name, ok := args[0].(Str)
			if !ok {
				throw(l, "The argument of _CheckName should be a string, but instead it is:\n%s", Pretty(args[0]))
			}
			return Bool(c.CheckPossible(string(name)))
		}},
	}
	ops["_PrintCounts"] = runtime0(func(c *Ctx, l *Loc) Value {
		c.print(Pretty(c.prog.PossibleCounts()))
		return Bool(true)
	})
	sideEffects[ops["_PrintCounts"]] = true
	return ops
}

// addRuntimeOps adds the run's operators to the TLC module and the
// module _Possible to the natively implemented modules.
func addRuntimeOps(mods map[string]*stdModule) {
	for name, b := range runtimeOps() {
		mods["TLC"].ops[name] = b
	}
	mods["_Possible"] = &stdModule{ops: possibleOps()}
}

// MakeRecord builds the record [names[i] |-> vals[i]].
func MakeRecord(names []string, vals []Value) Value { return mkRecord(names, vals) }

// SetSpec gives TLCGet("spec") the behaviour spec, once it is compiled.
func (p *Program) SetSpec(f func() Value) {
	p.tlcRegs.mu.Lock()
	p.tlcRegs.run.Spec = f
	p.tlcRegs.mu.Unlock()
}

// simGet is TLCGet of the keys a simulation answers otherwise than a
// breadth-first search (TLC's TLCGetSet in simulation mode): "diameter"
// is the id of the current behaviour, "distinct" and "queue" are
// undefined, "stats", "config" and "action" describe the simulation.
func simGet(c *Ctx, key string, run Run, stat func() Stats, start time.Time, undefined func() Value) (Value, bool) {
	switch key {
	case "diameter":
		return Int(stat().Sim.Traces), true
	case "distinct", "queue":
		return undefined(), true
	case "stats":
		s := stat()
		names := make([]string, len(s.Sim.Actions))
		counts := make([]Value, len(s.Sim.Actions))
		for i, a := range s.Sim.Actions {
			names[i], counts[i] = a.Name, Int(a.Count)
		}
		behavior := mkRecord([]string{"id", "actions"}, []Value{Int(s.Sim.Traces), mkRecord(names, counts)})
		return mkRecord(
			[]string{"behavior", "worker", "traces", "actions", "duration", "generated", "distinct", "retries", "distinctvalues", "levelmean", "levelvariance"},
			[]Value{behavior, Int(max(c.run.worker-1, 0)), Int(s.Sim.Traces), mkRecord(nil, nil), Int(int64(time.Since(start) / time.Second)), Int(s.Generated), Int(-1), Int(-1), Int(-1), Int(s.Sim.LevelMean), Int(s.Sim.LevelVariance)}), true
	case "config":
		return mkRecord(
			[]string{"install", "mode", "deadlock", "seed", "worker", "traces", "depth", "aril", "sched"},
			[]Value{Str(run.Install), Str("simulate"), Bool(run.Deadlock), Str(strconv.FormatInt(run.Seed, 10)), Int(max(run.Workers, 1)), Int(run.Simulate.Traces), Int(int64(run.Simulate.Depth)), Str("0"), Str("random")}), true
	case "action":
		if a := c.running; a != nil {
			sl, sc, el, ec := a.Loc.Range()
			loc := mkRecord([]string{"beginLine", "beginColumn", "endLine", "endColumn", "module"},
				[]Value{Int(int64(sl)), Int(int64(sc)), Int(int64(el)), Int(int64(ec)), Str(a.Loc.Module())})
			return mkRecord([]string{"name", "location"}, []Value{Str(a.Name), loc}), true
		}
	}
	return nil, false
}
