package eval

import "github.com/tlals/tlals/parser/ast"

// LET: local definitions, lazy or compiled once per evaluation.

func (p *Program) compileLetDefs(sc cscope, defs []ast.Unit) (cscope, func(*Ctx, *frame)) {
	sc.fs.lets = true
	type letDef struct {
		slot  int
		lazy  bool
		e     expr    // zero-arity body
		fs    *fscope // for operators with params
		body  expr    // operator body
		arity int
		name  string
		dyn   bool
	}
	var lds []*letDef
	var pending []func()
	for _, u := range defs {
		switch d := u.(type) {
		case *ast.OpDef:
			if len(d.Params) == 0 {
				var slot int
				sc, slot = sc.with(d.Name, bLazy, 0)
				ld := &letDef{slot: slot, lazy: true, name: d.Name.Name}
				lds = append(lds, ld)
				body := d.Body
				scAt := sc
				// a definition depending on the state is recomputed when
				// the state changes (a prime, an assignment)
				ld.dyn = p.scopeLevel(sc, body, 0) >= LevelState
				sc.b.body = body
				sc.b.bsc = &scAt
				pending = append(pending, func() { ld.e = p.compile(scAt, body) })
			} else {
				var slot int
				sc, slot = sc.with(d.Name, bOp, len(d.Params))
				ld := &letDef{slot: slot, arity: len(d.Params), name: d.Name.Name}
				lds = append(lds, ld)
				dd := d
				scAt := sc
				sc.b.letOp, sc.b.bsc = d, &scAt
				// its calls pass arguments unevaluated (lazyargs.go),
				// unless it uses the next state
				fs := &fscope{up: scAt.fs}
				var pl *argPlan
				if !p.nodeUsesNext(sc.env, d.Body) {
					pl = p.makePlan(sc.env, d.Params, d.Body)
				}
				sc.b.plan, sc.b.opFS = pl, fs
				pending = append(pending, func() {
					sc2 := cscope{env: scAt.env, fs: fs, b: scAt.b, file: scAt.file}
					for i, prm := range dd.Params {
						k := bVar
						if prm.Arity > 0 {
							k = bOp
						}
						sc2, _ = sc2.with(prm.Name, k, prm.Arity)
						sc2.b.cellArg = pl != nil && pl.lazy[i]
					}
					ld.fs = fs
					ld.body = p.compile(sc2, dd.Body)
				})
			}
		case *ast.FuncDef:
			var slot int
			sc, slot = sc.with(d.Name, bLazy, 0)
			ld := &letDef{slot: slot, lazy: true, name: d.Name.Name}
			lds = append(lds, ld)
			dd := d
			scAt := sc
			scAt.fs.snapshots = true // the function copies the frame
			scAt.fs.up.markCaptured()
			pending = append(pending, func() {
				sc2, bd := p.compileBounds(scAt, dd.Bounds)
				body := p.compile(sc2, dd.Body)
				bodyAct := p.compileAct(sc2, dd.Body, actMode{})
				single := len(bd.bounds) == 1 && !bd.bounds[0].tuple
				l := scAt.loc(dd)
				fs := scAt.fs
				ld.e = func(c *Ctx, f *frame) Value {
					dom := bd.domain(c, f)
					detachArgs(c, f.s)
					snapshot := append([]Value(nil), f.s...)
					up := f.up
					_ = fs
					c.lazyMade++ // (statecache.go)
					return &LazyFcnV{Dom: dom, prog: c.prog, home: homeOf(c), Apply: func(c *Ctx, arg Value) Value {
						nf := copyFrame(snapshot, up)
						bindArg(bd, nf, arg, single, l)
						return body(c, nf)
					}, ActApply: func(c *Ctx, arg Value, k func()) {
						nf := copyFrame(snapshot, up)
						bindArg(bd, nf, arg, single, l)
						bodyAct(c, nf, k)
					}}
				}
			})
		case *ast.RecursiveDecl:
			// names are declared by their definitions
		case *ast.ModuleDef:
			// LET M == INSTANCE N WITH ...: substitutions are resolved at
			// module level
			ienv := p.instanceEnv(sc.env, d, sc.loc(d).File)
			ne := *sc.env
			ne.insts = make(map[string]*modEnv, len(sc.env.insts)+1)
			for k, v := range sc.env.insts {
				ne.insts[k] = v
			}
			ne.insts[d.Name.Name] = ienv
			ne.instIDs = make(map[*ast.Ident]*modEnv, len(sc.env.instIDs)+1)
			for k, v := range sc.env.instIDs {
				ne.instIDs[k] = v
			}
			ne.defineInst(d.Name, ienv)
			sc.env = &ne
		case *ast.Instance:
			compileErr(sc.loc(u), "INSTANCE inside LET is not supported by the checker yet")
		}
	}
	for _, fn := range pending {
		fn()
	}
	nLazy := 0
	for _, ld := range lds {
		if ld.lazy {
			nLazy++
		}
	}
	return sc, func(c *Ctx, f *frame) {
		var cells []lazyCell // one allocation for all the LET's cells
		if nLazy > 0 {
			cells = c.frames.letCells(f, nLazy)
		}
		for _, ld := range lds {
			if ld.lazy {
				cell := &cells[0]
				cells = cells[1:]
				cell.e, cell.f, cell.dyn = ld.e, f, ld.dyn
				f.s[ld.slot] = cell
				continue
			}
			ld := ld
			captured := f
			f.s[ld.slot] = &OpValue{Name: ld.name, Arity: ld.arity, Call: func(c *Ctx, args []Value) Value {
				nf := newFrame(ld.fs.size, captured)
				copy(nf.s, args)
				c.enter(nil)
				v := ld.body(c, nf)
				c.depth--
				return v
			}}
		}
	}
}
