package analysis

import (
	"github.com/tlals/tlals/analysis/pluscal"
	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// PlusCal names are resolved in the scope the translator creates: the
// module's definitions that precede the translation, then the algorithm's
// variables with pc (and stack when there are procedures), then the define
// block, then per process or procedure its variables and self. The
// translation itself declares the same variables again as VARIABLES; those
// declarations are not visible here, so they never clash.

type pcalCtx struct {
	procs   map[string]*Entity
	macros  map[string]*Entity
	labels  map[string]*Entity // labels of the body being resolved
	inMacro bool
	foreign bool // resolving a process or procedure body (foreignLocals)
	// locals are every procedure/process variable name: a macro body may
	// use them, since it is expanded where they are visible.
	locals map[string]*Entity
	// macroUses tells, per macro and parameter, whether the body uses the
	// parameter: pcal substitutes the arguments into the body, so the
	// argument of an unused one is dropped and never resolved.
	macroUses map[*Entity][]bool
}

func (r *resolver) algorithm(a *ast.Algorithm, base *Scope) {
	saved := r.scope
	defer func() { r.scope = saved }()
	before := len(r.m.Diagnostics)
	defer func() { r.translation(a, len(r.m.Diagnostics) > before) }()
	r.scope = newScope(base)
	pc := &pcalCtx{procs: map[string]*Entity{}, macros: map[string]*Entity{}, locals: map[string]*Entity{}, macroUses: map[*Entity][]bool{}}
	if len(a.Processes) > 0 {
		// The translation defines ProcSet before Init, where the initial
		// values are evaluated.
		r.implicit("ProcSet", Operator, ConstantLevel)
	}
	r.declarePcalVars(a.Vars)
	r.implicit("pc", PlusCalVar, StateLevel)
	if len(a.Procedures) > 0 {
		r.implicit("stack", PlusCalVar, StateLevel)
	}
	if len(a.Defines) > 0 {
		r.scope = newScope(r.scope)
		for _, u := range a.Defines {
			r.prescan(u)
		}
		for _, u := range a.Defines {
			r.unit(u)
		}
	}
	// The translation's Init, which holds the initial values, follows the
	// VARIABLES and the define block: it sees every variable and definition.
	r.pcalInits(a.Vars)
	global := r.scope
	for _, p := range a.Procedures {
		if p == nil || p.Name == nil {
			continue
		}
		e := r.newEntity(p.Name, PlusCalProc, p)
		e.Arity, e.levelDone = len(p.Params), true
		r.pcalDeclare(pc.procs, e)
		for _, v := range append(append([]*ast.PVarDecl(nil), p.Params...), p.Vars...) {
			if v != nil && v.Name != nil {
				pc.locals[v.Name.Name] = nil
			}
		}
	}
	for _, p := range a.Processes {
		for _, v := range p.Vars {
			if v != nil && v.Name != nil {
				pc.locals[v.Name.Name] = nil
			}
		}
	}
	for _, m := range a.Macros {
		if m == nil || m.Name == nil {
			continue
		}
		e := r.newEntity(m.Name, PlusCalMacro, m)
		e.Arity, e.levelDone = len(m.Params), true
		r.pcalDeclare(pc.macros, e)
	}
	multi := len(a.Processes) > 0
	for _, m := range a.Macros {
		if m == nil {
			continue
		}
		r.scope = newScope(global)
		if multi {
			r.implicit("self", PlusCalSelf, ConstantLevel)
		}
		params := make([]*Entity, len(m.Params))
		for i, id := range m.Params {
			if id == nil {
				continue
			}
			p := r.newEntity(id, Param, m)
			p.levelDone = true
			// pcal substitutes macro arguments textually, so a parameter
			// may share its name with a variable or definition.
			if r.scope.get(p.Name) == nil && r.scope.lookup(p.Name) != nil {
				r.scope.set(p.Name, &binding{ent: p})
			} else {
				r.declare(p)
			}
			params[i] = p
		}
		pc.inMacro = true
		pc.labels = map[string]*Entity{}
		r.lenient = pc.locals
		r.block(m.Body, pc)
		r.lenient = nil
		pc.inMacro = false
		if m.Name != nil {
			used := map[*Entity]bool{}
			for _, e := range r.info.Uses {
				used[e] = true
			}
			uses := make([]bool, len(params))
			for i, p := range params {
				uses[i] = p == nil || used[p]
			}
			if e := pc.macros[m.Name.Name]; e != nil && e.Decl == ast.Node(m) {
				pc.macroUses[e] = uses
			}
		}
	}
	for _, p := range a.Procedures {
		if p == nil {
			continue
		}
		r.scope = newScope(global)
		if multi {
			r.implicit("self", PlusCalSelf, ConstantLevel)
		}
		r.pcalVars(p.Params)
		r.pcalVars(p.Vars)
		r.foreignLocals(pc, func() { r.body(p.Body, pc) })
	}
	for _, p := range a.Processes {
		if p == nil {
			continue
		}
		r.scope = global
		if p.ID != nil {
			r.expr(p.ID)
		}
		r.scope = newScope(global)
		r.implicit("self", PlusCalSelf, ConstantLevel)
		r.pcalVars(p.Vars)
		r.foreignLocals(pc, func() { r.body(p.Body, pc) })
	}
	if a.Body != nil {
		r.scope = newScope(global)
		r.foreignLocals(pc, func() { r.body(a.Body, pc) })
	}
}

// foreignLocals runs resolve with the variables of every process and
// procedure usable: the translator leaves a name that is not a variable of
// the current process or procedure as written, and the translation declares
// all of them, so a process may read and assign another's variable (pcal,
// SANY and TLC accept it). Such a use is a warning, not an error.
func (r *resolver) foreignLocals(pc *pcalCtx, resolve func()) {
	saved, savedIn, savedWarn := r.lenient, pc.foreign, r.lenientWarn
	r.lenient, pc.foreign, r.lenientWarn = pc.locals, true, true
	defer func() { r.lenient, pc.foreign, r.lenientWarn = saved, savedIn, savedWarn }()
	resolve()
}

// foreignWarning reports a use of another process's or procedure's variable.
func (r *resolver) foreignWarning(id *ast.Ident) {
	d := r.errorf(id.Span, "pluscal", "`%s` is a variable of another process or procedure: the translation uses it as written, not indexed by self", id.Name)
	d.Severity = Warning
}

// implicit declares a name the translator introduces (pc, stack, self).
func (r *resolver) implicit(name string, kind EntityKind, level Level) {
	e := &Entity{Name: name, Kind: kind, Module: r.m, Level: level, levelDone: true}
	if old := r.scope.lookup(name); old != nil {
		if old.ent.Ident != nil {
			d := r.errorf(old.ent.Ident.Span, "pluscal", "`%s` is reserved by the PlusCal translation", name)
			relate(d, old.ent, "")
		}
	}
	r.scope.set(name, &binding{ent: e})
}

func (r *resolver) pcalDeclare(table map[string]*Entity, e *Entity) {
	if old, ok := table[e.Name]; ok {
		d := r.errorf(e.Ident.Span, "pluscal", "%s `%s` is already defined", e.Kind, e.Name)
		relate(d, old, "previous definition")
		return
	}
	table[e.Name] = e
}

// pcalVars declares variables, then resolves their initial values: the
// translation declares them all before its Init.
func (r *resolver) pcalVars(vs []*ast.PVarDecl) {
	r.declarePcalVars(vs)
	r.pcalInits(vs)
}

func (r *resolver) pcalInits(vs []*ast.PVarDecl) {
	for _, v := range vs {
		if v != nil && v.Init != nil {
			r.expr(v.Init)
		}
	}
}

func (r *resolver) declarePcalVars(vs []*ast.PVarDecl) {
	for _, v := range vs {
		if v == nil || v.Name == nil {
			continue
		}
		e := r.newEntity(v.Name, PlusCalVar, v)
		e.Level, e.levelDone = StateLevel, true
		e.Doc = r.docFor(v)
		if old := r.scope.lookup(e.Name); old != nil && old.ent.Kind != PlusCalVar {
			d := r.errorf(v.Name.Span, "pluscal", "variable `%s` clashes with %s `%s`", e.Name, old.ent.Kind, e.Name)
			relate(d, old.ent, "the other definition")
		}
		r.scope.set(e.Name, &binding{ent: e})
	}
}

// body resolves a procedure, process or main body with its own labels.
func (r *resolver) body(b *ast.Block, pc *pcalCtx) {
	pc.labels = map[string]*Entity{}
	r.collectLabels(b, pc)
	r.block(b, pc)
}

func (r *resolver) collectLabels(n ast.Node, pc *pcalCtx) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.StmtLabel:
			if n.Name == nil {
				return false
			}
			e := r.newEntity(n.Name, PlusCalLabel, n)
			e.levelDone = true
			if old, ok := pc.labels[e.Name]; ok {
				d := r.errorf(n.Name.Span, "pluscal", "label `%s` is already defined", e.Name)
				relate(d, old, "previous label")
				return false
			}
			pc.labels[e.Name] = e
			return false
		case ast.Expr:
			return false
		}
		return true
	})
}

func (r *resolver) block(b *ast.Block, pc *pcalCtx) {
	if b == nil {
		return
	}
	for _, s := range b.Stmts {
		r.stmt(s, pc)
	}
}

func (r *resolver) stmt(s ast.Stmt, pc *pcalCtx) {
	switch s := s.(type) {
	case *ast.Assign:
		for _, p := range s.Parts {
			if p == nil {
				continue
			}
			r.assignTarget(p.Var, pc)
			for _, st := range p.Path {
				if st != nil {
					r.exprs(st.Index)
				}
			}
			r.expr(p.Rhs)
		}
	case *ast.PIf:
		r.expr(s.Cond)
		r.block(s.Then, pc)
		r.block(s.Else, pc)
	case *ast.While:
		r.expr(s.Cond)
		r.block(s.Body, pc)
	case *ast.Either:
		for _, b := range s.Branches {
			r.block(b, pc)
		}
	case *ast.With:
		saved := r.scope
		r.scope = newScope(saved)
		for _, v := range s.Binds {
			if v == nil || v.Name == nil {
				continue
			}
			r.expr(v.Init)
			e := r.newEntity(v.Name, BoundVar, v)
			e.levelDone = true
			r.scope.set(e.Name, &binding{ent: e})
		}
		r.block(s.Body, pc)
		r.scope = saved
	case *ast.Await:
		r.expr(s.Cond)
	case *ast.Print:
		r.expr(s.Expr)
	case *ast.Assert:
		r.expr(s.Expr)
	case *ast.Goto:
		if s.Target == nil {
			return
		}
		name := s.Target.Name
		if e, ok := pc.labels[name]; ok {
			r.info.Uses[s.Target] = e
		} else if name != "Done" && !pc.inMacro {
			r.errorf(s.Target.Span, "pluscal", "goto to unknown label `%s`", name)
		}
	case *ast.Call:
		r.pcalCall("procedure", s.Proc, s.Args, pc.procs, pc)
	case *ast.MacroCall:
		r.pcalCall("macro", s.Name, s.Args, pc.macros, pc)
	case *ast.BlockStmt:
		r.block(s.Block, pc)
	}
}

func (r *resolver) assignTarget(id *ast.Ident, pc *pcalCtx) {
	if id == nil {
		return
	}
	b := r.scope.lookup(id.Name)
	if b != nil && (b.ent.Kind == PlusCalVar || (pc.inMacro && b.ent.Kind == Param)) {
		if b.ent.Ident != nil || b.ent.Name != "pc" {
			r.info.Uses[id] = b.ent
			return
		}
	}
	if _, ok := pc.locals[id.Name]; ok {
		if pc.inMacro {
			return // a procedure or process variable, visible where the macro expands
		}
		if pc.foreign {
			r.foreignWarning(id)
			return
		}
	}
	if b != nil {
		d := r.errorf(id.Span, "pluscal", "cannot assign to %s `%s`: it is not a variable of the algorithm", b.ent.Kind, id.Name)
		relate(d, b.ent, "definition of `"+id.Name+"`")
		return
	}
	r.errorf(id.Span, "pluscal", "assignment to unknown variable `%s`", id.Name)
}

// StaleCode is the code of the warning that a module's translation is
// missing or out of date (the editor offers to translate).
const StaleCode = "pluscal-stale"

// ChecksumCode is the code of the warning that the checksums on the BEGIN
// TRANSLATION line no longer match the algorithm or the translation (what
// SANY, TLC and the Toolbox warn of).
const ChecksumCode = "pluscal-checksum"

// translation reports the translator's errors (code "pluscal"), a stale
// translation (StaleCode, a warning at the algorithm's header) and recorded
// checksums that no longer match (ChecksumCode, a warning at the BEGIN
// TRANSLATION line), unless the
// algorithm has syntax errors or resolved with errors: those are reported
// already and the translator would only repeat them.
func (r *resolver) translation(a *ast.Algorithm, resolveErrors bool) {
	if resolveErrors || r.m.File == nil || r.m.AST == nil || r.m.AST.Algorithm != a || a.Name == nil {
		return
	}
	for _, e := range r.m.SyntaxErrors {
		if e.Span.End >= a.Start && e.Span.Start <= a.End {
			return
		}
	}
	errs, stale, diverged := pluscal.DiagnoseAll(&parser.Result{File: r.m.File, Module: r.m.AST})
	for _, e := range errs {
		r.errorf(e.Span, "pluscal", "%s", e.Msg)
	}
	if stale {
		d := r.errorf(source.Span{Start: a.Start, End: a.Name.End}, StaleCode, "the PlusCal translation is missing or out of date")
		d.Severity = Warning
	}
	if diverged != nil {
		d := r.errorf(diverged.Span, ChecksumCode, "%s", diverged.Msg)
		d.Severity = Warning
	}
}

// pcalCall resolves the callee of a procedure call or a macro call (kind)
// in table and checks its number of arguments.
func (r *resolver) pcalCall(kind string, name *ast.Ident, args []ast.Expr, table map[string]*Entity, pc *pcalCtx) {
	var e *Entity
	if name != nil {
		e = table[name.Name]
	}
	for i, a := range args {
		if uses, ok := pc.macroUses[e]; ok && i < len(uses) && !uses[i] {
			continue // dropped by the expansion
		}
		r.expr(a)
	}
	if name == nil {
		return
	}
	if e == nil {
		r.errorf(name.Span, "pluscal", "call of unknown %s `%s`", kind, name.Name)
		return
	}
	r.info.Uses[name] = e
	if len(args) != e.Arity {
		d := r.errorf(name.Span, "arity", "%s `%s` takes %s but is given %d", kind, e.Name, plural(e.Arity, "argument"), len(args))
		relate(d, e, "definition of `"+e.Name+"`")
	}
}
