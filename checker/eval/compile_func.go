package eval

import (
	"sort"

	"github.com/tlals/tlals/parser/ast"
)

// Functions and records: constructors, recursive function definitions,
// application, and EXCEPT.

// domainOf builds the domain set of a function constructor.
func (bd *binder) domain(c *Ctx, f *frame) Value {
	if len(bd.bounds) == 1 {
		return bd.bounds[0].set(c, f)
	}
	var sets []Value
	for i, b := range bd.bounds {
		if b.same { // `a, b \in S`: S evaluated once
			sets = append(sets, sets[i-1])
			continue
		}
		sets = append(sets, b.set(c, f))
	}
	return &ProductV{sets}
}

func (p *Program) compileFuncLit(sc cscope, x *ast.FuncLit) expr {
	sc.fs.snapshots = true
	sc.fs.up.markCaptured() // a lazy result keeps the frames above its own
	sc2, bd := p.compileBounds(sc, x.Bounds)
	body := p.compile(sc2, x.Body)
	l := sc.loc(x)
	single := len(bd.bounds) == 1 && !bd.bounds[0].tuple
	fs := sc.fs
	var hint sizeHint
	// coverage: TLC's cost of a function built, its domain's elements, and
	// of a domain written {a, b}, its elements and one
	cost, domCost := p.secCounter(x), covID(0)
	if len(x.Bounds) == 1 {
		domCost = p.enumCounter(x.Bounds[0].Set)
	}
	// the bound sets are evaluated twice below (domain, each), by TLC once
	var twice []covID
	if cost != 0 && !sc.covOff { // (inside a kept value they count as a whole)
		for _, b := range x.Bounds {
			if e := unparen(b.Set); covCounted(e) {
				twice = append(twice, p.counter(e))
			}
		}
	}
	form := lambdaOf(x, bd, sc.loc(ast.Unparen(x.Body))) // TLC locates the body inside its parentheses
	lazy := func(c *Ctx, f *frame, dom Value) Value {
		cf := newFrame(fs.size, f.up)
		detachArgs(c, f.s)
		copy(cf.s, f.s)
		c.lazyMade++ // (statecache.go)
		return &LazyFcnV{Dom: dom, prog: c.prog, home: homeOf(c), lambda: form.at(dom), Apply: func(c *Ctx, arg Value) Value {
			nf := copyFrame(cf.s, cf.up)
			bindArg(bd, nf, arg, single, l)
			return body(c, nf)
		}}
	}
	eager := func(c *Ctx, f *frame, dom Value) Value {
		keys, vals := hint.slice(), hint.slice()
		bd.each(c, f, func() bool {
			keys = append(keys, bd.key(f))
			vals = append(vals, body(c, f))
			return true
		})
		hint.set(len(keys))
		if cost != 0 && c.covOn {
			for _, n := range twice {
				c.count(n, -1)
			}
			c.count(cost, int64(len(keys)))
			if domCost != 0 {
				c.count(domCost, int64(len(keys))+1)
			}
		}
		if single {
			// keys come out in canonical order of the domain set
			return withDomRep(canonFcn(keys, vals), dom)
		}
		return mkFcn(keys, vals)
	}
	return func(c *Ctx, f *frame) Value {
		dom := bd.domain(c, f)
		if c.keepLazy || isInfinite(dom) {
			// infinite domain, or only applied: lazy
			return lazy(c, f, dom)
		}
		return eager(c, f, dom)
	}
}

func bindArg(bd *binder, f *frame, arg Value, single bool, l *Loc) {
	bindOne := func(b *boundC, v Value) {
		if !b.tuple {
			f.s[b.slots[0]] = v
			return
		}
		t, ok := v.(*FcnV)
		if !ok || !t.Seq || len(t.Vals) != len(b.slots) {
			throw(l, "function argument %s does not match the bound tuple", Pretty(v))
		}
		for k, s := range b.slots {
			f.s[s] = t.Vals[k]
		}
	}
	if len(bd.bounds) == 1 {
		bindOne(&bd.bounds[0], arg)
		return
	}
	t, ok := arg.(*FcnV)
	if !ok || !t.Seq || len(t.Vals) != len(bd.bounds) {
		throw(l, "function argument %s does not match the function's bound variables", Pretty(arg))
	}
	for i := range bd.bounds {
		bindOne(&bd.bounds[i], t.Vals[i])
	}
}

// key is the function argument the current binding denotes.
func (bd *binder) key(f *frame) Value {
	one := func(b *boundC) Value {
		if !b.tuple {
			return f.s[b.slots[0]]
		}
		vs := make([]Value, len(b.slots))
		for i, s := range b.slots {
			vs[i] = f.s[s]
		}
		return mkTuple(vs)
	}
	if len(bd.bounds) == 1 {
		return one(&bd.bounds[0])
	}
	ks := make([]Value, len(bd.bounds))
	for i := range bd.bounds {
		ks[i] = one(&bd.bounds[i])
	}
	return mkTuple(ks)
}

// compileFuncDef compiles `f[x \in S] == body` into a lazy function value.
func (p *Program) compileFuncDef(sc cscope, d *def) expr {
	sc2, bd := p.compileBounds(sc, d.fdef.Bounds)
	body := p.compile(sc2, d.fdef.Body)
	bodyAct := p.compileAct(sc2, d.fdef.Body, actMode{})
	l := d.loc
	single := len(bd.bounds) == 1 && !bd.bounds[0].tuple
	fs := sc.fs
	return func(c *Ctx, f *frame) Value {
		if f == nil {
			f = newFrame(fs.size, nil)
		}
		dom := bd.domain(c, f)
		c.lazyMade++ // (statecache.go)
		return &LazyFcnV{Dom: dom, prog: c.prog, home: homeOf(c), Apply: func(c *Ctx, arg Value) Value {
			// a frame of the stack when nothing keeps it, as a call's
			mark := c.frames.mark()
			nf := c.frames.frameFor(fs)
			bindArg(bd, nf, arg, single, l)
			v := body(c, nf)
			c.frames.release(mark)
			return v
		}, ActApply: func(c *Ctx, arg Value, k func()) {
			nf := newFrame(fs.size, nil)
			bindArg(bd, nf, arg, single, l)
			bodyAct(c, nf, k)
		}}
	}
}

func (p *Program) compileFuncApp(sc cscope, x *ast.FuncApp) expr {
	fn := p.compile(sc, x.Fn)
	l := sc.loc(x)
	// the function is evaluated keeping constructors lazy (keepLazy)
	// (a panic leaves it set: harmless, lazy functions equal the others)
	lazyFn := func(c *Ctx, f *frame) Value {
		saved := c.keepLazy
		c.keepLazy = true
		v := fn(c, f)
		c.keepLazy = saved
		return v
	}
	if !p.mayConstruct(sc, x.Fn) {
		lazyFn = fn
	}
	if d := p.keptFuncDef(sc, x.Fn); d != nil {
		return p.compileKeptFuncApp(sc, x, d, lazyFn, l)
	}
	if len(x.Args) == 1 {
		a := p.compile(sc, x.Args[0])
		if n := p.ownCount(sc, x); n != 0 {
			return func(c *Ctx, f *frame) Value {
				c.count(n, 1)
				return applyFcn(c, lazyFn(c, f), a(c, f), l, false)
			}
		}
		return func(c *Ctx, f *frame) Value { return applyFcn(c, lazyFn(c, f), a(c, f), l, false) }
	}
	args := p.compileList(sc, x.Args)
	return func(c *Ctx, f *frame) Value {
		vs := make([]Value, len(args))
		for i, a := range args {
			vs[i] = a(c, f)
		}
		return applyFcn(c, lazyFn(c, f), mkTuple(vs), l, false)
	}
}

// keptFuncDef is, with coverage, the function definition f that e names
// (f[a] applies it): its value may be kept for the state and each use
// seen through a view of it (statecache.go), which an application needs
// not make. nil otherwise.
func (p *Program) keptFuncDef(sc cscope, e ast.Expr) *def {
	if p.cov == nil {
		return nil
	}
	app, ok := ast.Unparen(e).(*ast.OpApp)
	if !ok || app.Args != nil || len(app.Prefix) > 0 || app.Name == nil {
		return nil
	}
	if b, _ := sc.findUse(app.Name); b != nil {
		return nil
	}
	if d := sc.env.resolve(app.Name); d != nil && d.kind == dFunc {
		return d
	}
	return nil
}

// compileKeptFuncApp compiles f[a] for the function definition d (keptFuncDef):
// when the use of d gives the kept function rather than a view of it
// (lazyUse: viewOnce asks for it), the application is applyOnce's, as the
// view's would be; otherwise applyFcn's.
func (p *Program) compileKeptFuncApp(sc cscope, x *ast.FuncApp, d *def, fn expr, l *Loc) expr {
	if len(x.Args) == 1 {
		a := p.compile(sc, x.Args[0])
		n := p.ownCount(sc, x) // (0 where compile does not count x)
		return func(c *Ctx, f *frame) Value {
			if n != 0 {
				c.count(n, 1)
			}
			fv, b := c.useKept(d, fn, f) // the function first, then its argument (applyFcn's order)
			if b != nil {
				return c.applyOnce(b, a(c, f), l)
			}
			return applyFcn(c, fv, a(c, f), l, false)
		}
	}
	args := p.compileList(sc, x.Args)
	return func(c *Ctx, f *frame) Value {
		vs := make([]Value, len(args)) // the arguments first, then the function
		for i, a := range args {
			vs[i] = a(c, f)
		}
		fv, b := c.useKept(d, fn, f)
		if b != nil {
			return c.applyOnce(b, mkTuple(vs), l)
		}
		return applyFcn(c, fv, mkTuple(vs), l, false)
	}
}

// useKept is the value of fn, a use of the function definition d
// (keptFuncDef) to be applied once: b is the kept function when the use
// gave it rather than a view of it (lazyUse), nil otherwise.
func (c *Ctx) useKept(d *def, fn expr, f *frame) (fv Value, b *LazyFcnV) {
	c.viewOnce = d
	fv = fn(c, f)
	c.viewOnce = nil
	b, c.onceBase = c.onceBase, nil
	if b != fv {
		b = nil
	}
	return fv, b
}

// mayConstruct reports whether evaluating e may evaluate a function
// constructor: not when e is a variable, a bound variable or a constant.
func (p *Program) mayConstruct(sc cscope, e ast.Expr) bool {
	app, ok := ast.Unparen(e).(*ast.OpApp)
	if !ok || app.Args != nil || len(app.Prefix) > 0 {
		return true
	}
	if b, _ := sc.findUse(app.Name); b != nil {
		return b.kind != bVar || b.lazyArg || b.cellArg
	}
	d := sc.env.resolve(app.Name)
	return d == nil || (d.kind != dVar && d.kind != dConst)
}

func applyFcn(c *Ctx, fv, arg Value, l *Loc, field bool) Value {
	switch fn := fv.(type) {
	case *FcnV:
		if i, ok := fn.lookup(arg); ok {
			return fn.Vals[i]
		}
		if !isNormal(arg) {
			if i, ok := fn.lookup(mustNorm(arg)); ok {
				return fn.Vals[i]
			}
		}
		if !field {
			checkAt(l, func() { fn.checkMiss(mustNorm(arg)) })
		}
		switch s, isStr := arg.(Str); {
		case field:
			throw(l, "Attempted to select nonexistent field \"%s\" from the record\n%s", string(s), Pretty(fv))
		// TupleValue's and RecordValue's own errors (their apply): TLC
		// prints no position with them
		case fn.Seq:
			if i, ok := arg.(Int); ok {
				throw(l.unprinted(), "Attempted to access index %d of tuple\n%s\nwhich is out of bounds.", int64(i), Pretty(fv))
			}
			throw(l.unprinted(), "Attempted to access tuple at a non integral index: %s", Pretty(arg))
		case isStr && isRecord(fn):
			throw(l.unprinted(), "Attempted to access nonexistent field '%s' of record\n%s", string(s), Pretty(fv))
		}
		throw(l, "Attempted to apply function:\n%s\nto argument %s, which is not in the domain of the function.", Pretty(fv), Pretty(arg))
	case *LazyFcnV:
		fn.mu.Lock()
		m := fn.memo
		fn.mu.Unlock()
		if m != nil {
			return applyFcn(c, m, arg, l, field)
		}
		ok, err := member(arg, fn.Dom)
		check(l, err)
		if !ok {
			// FcnLambdaValue.apply's error: TLC prints no position with it
			throw(l.unprinted(), "%s", lazyDomainMsg(fn, arg))
		}
		c.enter(l)
		v := fn.apply(c, arg)
		c.depth--
		return v
	}
	if field {
		throw(l, "Attempted to select field \"%s\" from a non-record value %s", string(arg.(Str)), Pretty(fv))
	}
	throw(l, "A non-function (%s) was applied as a function.", aKind(fv))
	return nil
}

// lazyDomainMsg is TLC's error for applying a function constructor not
// yet turned into a value (FcnLambdaValue) outside its domain.
func lazyDomainMsg(fn *LazyFcnV, arg Value) string {
	return "In applying the function\n" + Pretty(fn) + ",\nthe first argument is:\n" + Pretty(arg) + "\nwhich is not in its domain.\n"
}

func isNormal(v Value) bool {
	switch v.(type) {
	case Int, Str, Bool, *ModelValue, *SetV, *FcnV:
		return true
	}
	return false
}

func (p *Program) compileRecord(sc cscope, x *ast.Record) expr {
	type fld struct {
		name string
		e    expr
	}
	flds := make([]fld, len(x.Fields))
	for i, fd := range x.Fields {
		flds[i] = fld{fd.Name.Name, p.compile(sc, fd.Expr)}
	}
	sort.SliceStable(flds, func(i, j int) bool { return compareStrings(flds[i].name, flds[j].name) < 0 })
	dom := make([]Value, len(flds))
	for i := range flds {
		dom[i] = Str(flds[i].name)
	}
	return func(c *Ctx, f *frame) Value {
		r := newFcn(len(flds))
		for i := range flds {
			r.Vals[i] = flds[i].e(c, f)
		}
		r.Dom = dom
		return r
	}
}

// ---------------------------------------------------------------- EXCEPT

type exceptUpd struct {
	path  [][]expr // each step: field (one const expr) or index args
	field []bool
	val   expr
	atSl  int
	loc   *Loc
	fnLoc *Loc // the function's, for the warning on a key outside it
}

func (p *Program) compileExcept(sc cscope, x *ast.Except) expr {
	fn := p.compile(sc, x.Fn)
	var upds []exceptUpd
	for _, u := range x.Updates {
		var eu exceptUpd
		eu.loc = sc.loc(u)
		eu.fnLoc = sc.loc(x.Fn)
		for _, st := range u.Path {
			if st.Field != nil {
				var v Value = Str(st.Field.Name) // boxed once, not per evaluation
				eu.path = append(eu.path, []expr{func(*Ctx, *frame) Value { return v }})
				eu.field = append(eu.field, true)
			} else {
				eu.path = append(eu.path, p.compileList(sc, st.Index))
				eu.field = append(eu.field, false)
			}
		}
		sc2, slot := sc.with(atIdent, bVar, 0)
		eu.atSl = slot
		eu.val = p.compile(sc2, u.Val)
		upds = append(upds, eu)
	}
	return func(c *Ctx, f *frame) Value {
		cur := fn(c, f)
		for i := range upds {
			u := &upds[i]
			keys := make([]Value, len(u.path))
			for k, st := range u.path {
				if len(st) == 1 {
					keys[k] = normV(st[0](c, f))
				} else {
					vs := make([]Value, len(st))
					for j, e := range st {
						vs[j] = normV(e(c, f))
					}
					keys[k] = mkTuple(vs)
				}
			}
			cur = exceptAt(c, f, cur, keys, u, 0)
		}
		return cur
	}
}

func exceptAt(c *Ctx, f *frame, fv Value, keys []Value, u *exceptUpd, k int) Value {
	if k == len(keys) {
		f.s[u.atSl] = fv
		return u.val(c, f)
	}
	if lf, ok := fv.(*LazyFcnV); ok && isInfinite(lf.Dom) {
		// as TLC's FcnLambdaValue: the function stays lazy, the updated
		// argument answered first
		in, err := member(keys[k], lf.Dom)
		check(u.loc, err)
		if !in {
			c.exceptUnknown(u.fnLoc)
			return lf
		}
		key := keys[k]
		nv := exceptAt(c, f, applyFcn(c, lf, key, u.loc, false), keys, u, k+1)
		c.lazyMade++ // (statecache.go)
		return &LazyFcnV{Dom: lf.Dom, prog: lf.prog, home: lf.home, Apply: func(c *Ctx, arg Value) Value {
			if equal(arg, key) {
				return nv
			}
			return lf.apply(c, arg)
		}}
	}
	fn, ok := normV(fv).(*FcnV)
	if !ok {
		// TLC's Value.takeExcept, which it prints with no location
		throw(u.loc.unprinted(), "Attempted to apply EXCEPT construct to the value %s.", Pretty(fv))
	}
	i, ok := fn.lookup(keys[k])
	if !ok {
		// TLC leaves the function unchanged when the key is outside the
		// domain, unless it cannot compare the key with the domain's
		// elements
		checkAt(u.loc, func() { fn.checkMiss(keys[k]) })
		c.exceptUnknown(u.fnLoc)
		return fn
	}
	nv := exceptAt(c, f, fn.Vals[i], keys, u, k+1)
	out := newFcn(len(fn.Vals))
	copy(out.Vals, fn.Vals)
	out.Vals[i] = nv
	out.Dom, out.Seq, out.Rep = fn.Dom, fn.Seq, fn.Rep
	return out
}
