package analysis

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Expected-arity markers for references: a value, or any operator (facts
// and DEF lists of proofs, subexpression heads).
const (
	wantValue = -1
	wantAny   = -2
)

// instance is one INSTANCE: the module and the level of what replaces each
// of its CONSTANTs (explicitly or by the implicit same-name substitution).
type instance struct {
	target *Module
	subst  map[*Entity]lv
}

// resolver analyses one module.
type resolver struct {
	p        *program
	m        *Module
	info     *Info
	modScope *Scope
	scope    *Scope
	// later holds the names the module and the LETs being analysed define
	// (a use that finds no declaration but one of these is a use before the
	// definition, explained as missing RECURSIVE). Names stay after their
	// declaration: the scope finds them first.
	// analysed, to explain a use before the definition as recursion.
	later *laterNames
	// ents is the free part of the current slab of entities: one
	// allocation for many, the resolver's most frequent one.
	ents []Entity
	// recursive holds RECURSIVE declarations awaiting their definition.
	recursive map[*Scope]map[string]*Entity
	comments  []*ast.Comment
	// lenient names are not reported when unknown: procedure and process
	// variables inside a macro body, which is expanded where they exist.
	lenient map[string]*Entity
	// lenientWarn: a lenient name is reported as a warning (foreignLocals)
	lenientWarn bool
	// shadowable holds the NEW names of a SUFFICES step while its own
	// proof is resolved: visible there, but (as in SANY) a declaration of
	// the same name inside that proof is no clash.
	shadowable map[*Entity]bool
	// argMins collects, per operator parameter of the definitions being
	// analysed, paramInfo.argMin.
	argMins map[*Entity][]Level
	// records are the fields of the record and record-set constructors
	// met, checked against the module's names at its end
	// (fieldNameClashes)
	records [][]*ast.Field
}

func newResolver(p *program, m *Module, parent *Scope) *resolver {
	m.Info = newInfo()
	m.Info.recordLevels = p.loader.RecordLevels
	if m.AST != nil {
		// Growing these tables one entry at a time costs a third of the
		// resolution of a large module; size them from the text (ratios
		// of definition-dense modules, so rarely too small).
		n := m.AST.Span.Len()
		m.Info.Defs = make(map[*ast.Ident]*Entity, n/32)
		m.Info.Uses = make(map[*ast.Ident]*Entity, n/8)
		m.Info.Ops = make(map[ast.Expr]*Entity, n/16)
	}
	m.exports = map[string]*binding{}
	s := newScope(parent)
	m.Scope = s
	r := &resolver{p: p, m: m, info: m.Info, modScope: s, scope: s,
		later:     &laterNames{},
		recursive: map[*Scope]map[string]*Entity{}}
	root := m
	for root.Parent != nil {
		root = root.Parent
	}
	if root.AST != nil {
		r.comments = root.AST.Comments
	}
	return r
}

// ---------------------------------------------------------------- diagnostics

func (r *resolver) errorf(span source.Span, code, format string, args ...any) *Diagnostic {
	r.m.Diagnostics = append(r.m.Diagnostics, Diagnostic{Path: r.m.Path, Span: span, Severity: Error, Code: code, Message: fmt.Sprintf(format, args...)})
	return &r.m.Diagnostics[len(r.m.Diagnostics)-1]
}

// relate adds the declaration of e as related information.
func relate(d *Diagnostic, e *Entity, msg string) {
	if d == nil || e == nil || e.Ident == nil || e.Module == nil {
		return
	}
	d.Related = append(d.Related, Related{Path: e.Module.Path, Span: e.Ident.Span, Message: msg})
}

// ---------------------------------------------------------------- declaring

func (r *resolver) newEntity(id *ast.Ident, kind EntityKind, decl ast.Node) *Entity {
	e := r.entity()
	*e = Entity{Name: canon(id.Name), Kind: kind, Module: r.m, Ident: id, Decl: decl}
	e.self[0] = e
	r.info.Defs[id] = e
	return e
}

// entity allocates a zero Entity from the current slab.
func (r *resolver) entity() *Entity {
	if len(r.ents) == 0 {
		r.ents = make([]Entity, 64)
	}
	e := &r.ents[0]
	r.ents = r.ents[1:]
	return e
}

// declare adds e to the current scope (and to the module's exports when at
// module level and not LOCAL), reporting a clash with a visible name.
func (r *resolver) declare(e *Entity) {
	r.bind(e.Name, &binding{ent: e}, e.Ident, e.Local)
}

func (r *resolver) bind(name string, b *binding, at *ast.Ident, local bool) {
	if old := r.scope.lookup(name); old != nil {
		if old.ent == b.ent {
			return // the same definition reached twice, e.g. through two EXTENDS
		}
		if r.shadowable[old.ent] {
			r.scope.set(name, b)
			return
		}
		if at != nil {
			r.clash(name, old.ent, b.ent, at)
		}
		return
	}
	r.scope.set(name, b)
	if r.scope == r.modScope && !local {
		r.m.exports[name] = b
	}
}

// clash reports a second definition of name, following SANY's rule: a
// parameter or bound variable, a definition of another kind or arity, or an
// operator or function defined here (module level or LET) over any visible
// name is an error; another second declaration of the same kind and arity
// (a CONSTANT, a VARIABLE, a named INSTANCE, a name imported twice) is a
// warning.
func (r *resolver) clash(name string, old, new *Entity, at *ast.Ident) {
	if at.Span.Start == at.Span.End {
		return // a name tree-sitter's error recovery made up, not the user's
	}
	sev := Warning
	span := at.Span
	if new.Kind == Param || new.Kind == BoundVar || sanyKind(old.Kind) != sanyKind(new.Kind) || old.Arity != new.Arity {
		sev = Error
	}
	if new.Module == r.m {
		// SANY reports these at the whole definition, LOCAL included.
		switch d := new.Decl.(type) {
		case *ast.OpDef:
			sev, span = Error, d.Span
		case *ast.FuncDef:
			sev, span = Error, d.Span
		}
	}
	msg := fmt.Sprintf("`%s` is already defined", name)
	if old.Module != nil && old.Module != r.m {
		msg = fmt.Sprintf("`%s` is already defined in module `%s`", name, old.Module.Name)
	}
	if sev == Warning {
		msg = fmt.Sprintf("multiple definitions of `%s`", name)
		if old.Module != nil && old.Module != r.m {
			msg += fmt.Sprintf(" (the other is in module `%s`)", old.Module.Name)
		}
	}
	d := r.errorf(span, "redefinition", "%s", msg)
	d.Severity = sev
	relate(d, old, "previous definition of `"+name+"`")
}

// sanyKind folds entity kinds the way SANY compares them for redefinitions.
func sanyKind(k EntityKind) EntityKind {
	switch k {
	case Function:
		return Operator
	case Assumption:
		return Theorem
	}
	return k
}

// docFor returns the comments directly above a declaration.
func (r *resolver) docFor(n ast.Node) string {
	if r.m.File == nil || len(r.comments) == 0 {
		return ""
	}
	text := r.m.File.Text
	start := n.Pos().Start
	var parts []string
	// Comments are in text order: start from the last one ending before n.
	last := sort.Search(len(r.comments), func(i int) bool { return r.comments[i].End > start }) - 1
	for i := last; i >= 0; i-- {
		c := r.comments[i]
		if c.End > len(text) || start > len(text) {
			break
		}
		gap := text[c.End:start]
		if strings.TrimSpace(string(gap)) != "" || strings.Count(string(gap), "\n") > 1 {
			break
		}
		// A comment after code on its line belongs to that code, not to
		// the definition below it.
		ls := r.m.File.LineStart(r.m.File.Line(c.Start))
		if strings.TrimSpace(string(text[ls:c.Start])) != "" {
			break
		}
		parts = append([]string{strings.TrimSpace(c.Text)}, parts...)
		start = c.Start
	}
	return strings.Join(parts, "\n")
}

// ---------------------------------------------------------------- modules

func (r *resolver) module() {
	a := r.m.AST
	for _, id := range a.Extends {
		em := r.p.lookupModule(id, r.m, r)
		if em == nil {
			continue
		}
		r.m.Extends = append(r.m.Extends, em)
		r.importAll(em, nil, id, false, true)
	}
	for _, u := range a.Units {
		r.prescan(u)
	}
	var algScope *Scope
	cut := -1
	if a.Algorithm != nil {
		cut = a.Algorithm.End
		if a.Translation != nil {
			cut = a.Translation.Start
		}
	}
	for _, u := range a.Units {
		if cut >= 0 && algScope == nil && u.Pos().Start >= cut {
			algScope = r.scope.flatten()
		}
		r.unit(u)
	}
	r.undefinedRecursive()
	r.fieldNameClashes()
	if a.Algorithm != nil {
		if algScope == nil {
			algScope = r.scope.flatten()
		}
		r.algorithm(a.Algorithm, algScope)
	}
}

// importAll brings the exported names of mod into scope: for EXTENDS
// (withDecls) or an unnamed INSTANCE (definitions only).
func (r *resolver) importAll(mod *Module, inst *instance, at *ast.Ident, local, withDecls bool) {
	for name, b := range mod.exports {
		if !withDecls && (b.ent.Kind == Constant || b.ent.Kind == Variable) {
			continue
		}
		nb := b
		if inst != nil {
			nb = &binding{ent: b.ent, inst: inst}
		}
		r.bind(name, nb, at, local)
	}
	if withDecls {
		for _, d := range mod.declared {
			r.addDeclared(d)
		}
	}
}

func (r *resolver) addDeclared(e *Entity) {
	for _, d := range r.m.declared {
		if d == e {
			return
		}
	}
	r.m.declared = append(r.m.declared, e)
}

// laterNames is one list of definitions (a module's or a LET's) and the
// lists enclosing it.
type laterNames struct {
	names map[string]*ast.Ident
	outer *laterNames
}

func (l *laterNames) add(name string, id *ast.Ident) {
	if l.names == nil {
		l.names = map[string]*ast.Ident{}
	}
	l.names[name] = id
}

func (l *laterNames) find(name string) (*ast.Ident, bool) {
	for ; l != nil; l = l.outer {
		if id, ok := l.names[name]; ok {
			return id, true
		}
	}
	return nil, false
}

// prescan records the names a unit list defines, for recursion messages.
func (r *resolver) prescan(u ast.Unit) {
	switch u := u.(type) {
	case *ast.OpDef:
		if u.Name != nil {
			r.later.add(canon(u.Name.Name), u.Name)
		}
	case *ast.FuncDef:
		if u.Name != nil {
			r.later.add(u.Name.Name, u.Name)
		}
	case *ast.ModuleDef:
		if u.Name != nil {
			r.later.add(u.Name.Name, u.Name)
		}
	}
}

func (r *resolver) unit(u ast.Unit) {
	switch u := u.(type) {
	case *ast.VarDecl:
		for _, id := range u.Names {
			e := r.newEntity(id, Variable, u)
			e.Level, e.levelDone = StateLevel, true
			e.Doc = r.docFor(u)
			r.declare(e)
			if r.scope == r.modScope {
				r.addDeclared(e)
			}
		}
	case *ast.ConstDecl:
		for _, d := range u.Decls {
			if d == nil || d.Name == nil {
				continue
			}
			e := r.newEntity(d.Name, Constant, d)
			e.Arity, e.Fixity, e.levelDone = d.Arity, d.Fixity, true
			e.params = newParams(d.Arity)
			e.Doc = r.docFor(u)
			r.declare(e)
			if r.scope == r.modScope {
				r.addDeclared(e)
			}
		}
	case *ast.RecursiveDecl:
		for _, d := range u.Decls {
			if d == nil || d.Name == nil {
				continue
			}
			e := r.newEntity(d.Name, Operator, d)
			e.Arity, e.Fixity = d.Arity, d.Fixity
			e.params = newParams(d.Arity)
			r.declare(e)
			rs := r.recursive[r.scope]
			if rs == nil {
				rs = map[string]*Entity{}
				r.recursive[r.scope] = rs
			}
			rs[e.Name] = e
		}
	case *ast.OpDef:
		r.opDef(u)
	case *ast.FuncDef:
		r.funcDef(u)
	case *ast.Instance:
		inst := r.instance(u, nil, u.Span)
		if inst != nil {
			r.importAll(inst.target, inst, u.Module, u.Local, false)
		}
	case *ast.ModuleDef:
		r.moduleDef(u)
	case *ast.Assume:
		if u.Expr == nil {
			break
		}
		l := r.expr(u.Expr)
		if l.L > ConstantLevel {
			r.errorf(u.Span, "level", "ASSUME requires a constant-level formula, but this one has %s level", l.L)
		}
		if u.Name != nil {
			e := r.newEntity(u.Name, Assumption, u)
			e.Level, e.levelDone = l.L, true
			e.Doc = r.docFor(u)
			r.declare(e)
		}
	case *ast.Theorem:
		saved := r.scope
		r.scope = newScope(saved)
		var l lv
		if ap, ok := u.Body.(*ast.AssumeProve); ok {
			l = r.assumeProve(ap) // its NEW names stay visible in the proof
		} else if u.Body != nil {
			l = r.expr(u.Body)
		}
		r.scope = saved
		// The theorem's name is visible in its own proof (Thm!(x) there
		// instantiates the statement being proved).
		if u.Name != nil {
			e := r.newEntity(u.Name, Theorem, u)
			e.Level, e.levelDone = l.L, true
			e.Doc = r.docFor(u)
			r.declare(e)
		}
		if u.Proof != nil {
			inner := newScope(saved)
			if ap, ok := u.Body.(*ast.AssumeProve); ok {
				r.scope = inner
				r.rebindNew(ap)
			}
			r.scope = inner
			r.proof(u.Proof)
			r.scope = saved
		}
	case *ast.UseOrHide:
		r.facts(u.Facts)
		r.facts(u.Defs)
		if u.Hide {
			r.hideFacts(u.Facts)
		}
	case *ast.Module:
		r.nestedModule(u)
	}
}

func (r *resolver) nestedModule(a *ast.Module) {
	if a == nil || a.Name == nil {
		return
	}
	child := &Module{Name: a.Name.Name, Path: r.m.Path, File: r.m.File, AST: a, Parent: r.m, fromStdlib: r.m.fromStdlib}
	r.p.analyzeModule(child, r.scope.flatten())
	r.p.registerNested(child)
}

// undefinedRecursive reports the operators of the current scope declared
// RECURSIVE and never defined there, as SANY does.
func (r *resolver) undefinedRecursive() {
	rs := r.recursive[r.scope]
	names := make([]string, 0, len(rs))
	for name := range rs {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool { return rs[names[i]].Decl.Pos().Start < rs[names[j]].Decl.Pos().Start })
	for _, name := range names {
		r.errorf(rs[name].Decl.Pos(), "recursive", "`%s` is declared RECURSIVE but not defined", name)
	}
	delete(r.recursive, r.scope)
}

// opDef analyses `Op(p) == body` and declares Op after its body, so that a
// use of Op inside its own body is a recursion error unless RECURSIVE.
func (r *resolver) opDef(d *ast.OpDef) *Entity {
	if d.Name == nil {
		return nil
	}
	name := canon(d.Name.Name)
	e := r.recursive[r.scope][name]
	if e != nil {
		delete(r.recursive[r.scope], name)
		if e.Arity != len(d.Params) {
			dg := r.errorf(d.Name.Span, "arity", "`%s` is declared RECURSIVE with %d arguments but defined with %d", name, e.Arity, len(d.Params))
			relate(dg, e, "RECURSIVE declaration")
		}
		r.info.Defs[d.Name] = e
		e.Ident, e.Decl = d.Name, d
	} else {
		e = r.entity()
		*e = Entity{Name: name, Kind: Operator, Module: r.m, Ident: d.Name, Decl: d}
		r.info.Defs[d.Name] = e
	}
	e.Arity, e.Fixity, e.Local = len(d.Params), d.Fixity, d.Local
	e.Doc = r.docFor(d)
	saved := r.scope
	r.scope = newScope(saved)
	params := r.declareParams(d.Params)
	e.params = newParams(len(params))
	for i, p := range params {
		e.params[i].arity = p.Arity
	}
	var body lv
	if d.Body != nil {
		body = r.expr(d.Body)
	}
	r.scope = saved
	r.finishLevel(e, params, body)
	if b := r.scope.get(name); b == nil || b.ent != e {
		r.declare(e)
	} else {
	}
	return e
}

func (r *resolver) declareParams(ps []*ast.Param) []*Entity {
	var out []*Entity
	for _, p := range ps {
		if p == nil || p.Name == nil {
			continue
		}
		pe := r.newEntity(p.Name, Param, p)
		pe.Arity, pe.Fixity, pe.levelDone = p.Arity, p.Fixity, true
		pe.params = newParams(p.Arity)
		r.declare(pe)
		out = append(out, pe)
	}
	return out
}

// finishLevel records a definition's level data from its body.
func (r *resolver) finishLevel(e *Entity, params []*Entity, body lv) {
	e.Level = body.L
	for i, p := range params {
		// Standard-module bodies may be placeholders for built-in meaning:
		// their result always follows their arguments' levels.
		e.params[i].dependsLevel = body.has(p) || r.m.fromStdlib
		e.params[i].maxLevel = TemporalLevel
		if p.argMaxSet {
			e.params[i].maxLevel = p.argMax
		}
		e.params[i].nonLeibniz = p.nonLeibniz
		if m, ok := r.argMins[p]; ok {
			e.params[i].argMin = m
			delete(r.argMins, p)
		}
	}
	e.levelByVars = body.byVars
	e.freeDeps = nil
	for _, d := range body.deps {
		if !slices.Contains(params, d) {
			e.freeDeps = append(e.freeDeps, d)
		}
	}
	e.levelDone = true
}

// funcDef analyses `f[x \in S] == body`; f is visible in its own body.
func (r *resolver) funcDef(d *ast.FuncDef) {
	if d.Name == nil {
		return
	}
	e := r.newEntity(d.Name, Function, d)
	e.Local = d.Local
	e.Doc = r.docFor(d)
	sets := r.boundSets(d.Bounds)
	r.declare(e)
	saved := r.scope
	r.scope = newScope(saved)
	r.bindBounds(d.Bounds, ConstantLevel)
	body := sets
	if d.Body != nil {
		body = body.join(r.expr(d.Body))
	}
	r.scope = saved
	r.finishLevel(e, nil, body)
}

// moduleDef analyses `I(p) == INSTANCE M WITH ...`.
func (r *resolver) moduleDef(d *ast.ModuleDef) {
	if d.Name == nil {
		return
	}
	e := r.newEntity(d.Name, ModuleInst, d)
	e.Local, e.Arity = d.Local, len(d.Params)
	e.Doc = r.docFor(d)
	saved := r.scope
	r.scope = newScope(saved)
	params := r.declareParams(d.Params)
	e.params = newParams(len(params))
	for i, p := range params {
		e.params[i].arity = p.Arity // I(A(_, _)) == INSTANCE M: I(Op)!F
	}
	if d.Instance != nil {
		e.inst = r.instance(d.Instance, params, d.Span)
		for i, p := range params {
			e.params[i].nonLeibniz = p.nonLeibniz
		}
		if e.inst != nil {
			e.Target = e.inst.target
		}
	}
	r.scope = saved
	e.levelDone = true
	r.declare(e)
}

// instance resolves an INSTANCE: loads the module, checks and levels the
// explicit substitutions, and finds the implicit ones in the current scope.
//
// at is the instantiating unit, where SANY reports a bad substitution.
func (r *resolver) instance(in *ast.Instance, params []*Entity, at source.Span) *instance {
	if in.Module == nil {
		return nil
	}
	target := r.p.lookupModule(in.Module, r.m, r)
	for _, s := range in.Substs { // resolve even when the module is missing
		if s == nil || s.Expr == nil {
			continue
		}
		if target == nil {
			r.expr(s.Expr)
		}
	}
	if target == nil {
		return nil
	}
	r.m.Instances = append(r.m.Instances, target)
	inst := &instance{target: target, subst: map[*Entity]lv{}}
	decl := map[string]*Entity{}
	for _, d := range target.declared {
		decl[d.Name] = d
	}
	done := map[*Entity]bool{}
	for _, s := range in.Substs {
		if s == nil || s.Name == nil {
			continue
		}
		name := canon(s.Name.Name)
		c := decl[name]
		want := wantValue
		if c != nil && c.Arity > 0 {
			want = c.Arity
		}
		var l lv
		if s.Expr != nil {
			l = r.arg(s.Expr, want, nil, 0)
		}
		if c == nil {
			r.errorf(s.Name.Span, "instance", "module `%s` declares no CONSTANT or VARIABLE `%s`", target.Name, name)
			continue
		}
		r.info.Uses[s.Name] = c
		if done[c] {
			r.errorf(s.Name.Span, "instance", "`%s` is substituted twice", name)
		}
		if c.Kind == Variable && l.L > StateLevel {
			r.errorf(at, "level", "level error in instantiating module `%s`: the expression substituted for VARIABLE `%s` must have at most state level, but has %s level", target.Name, name, l.L)
		}
		if c.Kind == Constant && c.Arity > 0 && s.Expr != nil && r.nonLeibnizOp(s.Expr) {
			r.errorf(at, "instance", "error in instantiating module `%s`: a non-Leibniz operator substituted for `%s` (a CONSTANT operator must give equal results for equal arguments; this one primes an argument or applies ENABLED to it)", target.Name, name)
		}
		done[c] = true
		inst.subst[c] = l
	}
	for _, c := range target.declared {
		if done[c] {
			continue
		}
		b := r.scope.lookup(c.Name)
		if b == nil {
			d := r.errorf(at, "instance", "module `%s` declares %s `%s`, which is neither substituted (WITH %s <- ...) nor defined here", target.Name, c.Kind, c.Name, c.Name)
			relate(d, c, "declaration of `"+c.Name+"`")
			continue
		}
		if b.ent.Arity != c.Arity {
			d := r.errorf(at, "arity", "`%s` takes %d arguments here but module `%s` declares it with %d", c.Name, b.ent.Arity, target.Name, c.Arity)
			relate(d, c, "declaration of `"+c.Name+"`")
		}
		inst.subst[c] = r.apply(b.ent, b.inst, nil, nil)
		if r.info.Implicit == nil {
			r.info.Implicit = map[*ast.Instance]map[*Entity]*Entity{}
		}
		if r.info.Implicit[in] == nil {
			r.info.Implicit[in] = map[*Entity]*Entity{}
		}
		r.info.Implicit[in][c] = b.ent
	}
	return inst
}

// ---------------------------------------------------------------- proofs

func (r *resolver) facts(es []ast.Expr) {
	for _, e := range es {
		if e == nil {
			continue
		}
		if app, ok := e.(*ast.OpApp); ok {
			r.opApp(app, wantAny)
			continue
		}
		r.expr(e)
	}
}

// hideFacts reports the facts of a HIDE that are not the name of a
// theorem, assumption or proof step (SANY: USE may cite any expression,
// HIDE only such names).
func (r *resolver) hideFacts(es []ast.Expr) {
	for _, e := range es {
		switch x := e.(type) {
		case nil, *ast.StepRef, *ast.BadExpr:
			continue
		case *ast.OpApp:
			if ent := r.info.Uses[x.Name]; x.Args == nil && (ent == nil || ent.Kind == Theorem || ent.Kind == Assumption) {
				continue // an unknown name is reported as such
			}
		}
		r.errorf(e.Pos(), "proof", "the only expression allowed as a fact in a HIDE is the name of a theorem, assumption, or step")
	}
}

// assumeProve resolves ASSUME ... PROVE, declaring its NEW names in the
// current scope (the caller decides how long they live).
func (r *resolver) assumeProve(ap *ast.AssumeProve) lv {
	var l lv
	for _, a := range ap.Assumes {
		switch a := a.(type) {
		case *ast.NewDecl:
			if a.Set != nil {
				r.expr(a.Set)
			}
			if a.Name == nil {
				continue
			}
			e := r.newEntity(a.Name, ProofDecl, a)
			e.Arity, e.levelDone = a.Arity, true
			e.params = newParams(a.Arity)
			switch a.Level {
			case "VARIABLE", "STATE":
				e.Level = StateLevel
			case "ACTION":
				e.Level = ActionLevel
			case "TEMPORAL":
				e.Level = TemporalLevel
			} // NEW x \in S declares a constant: S is only an assumption about it
			r.declareProof(e)
		case *ast.AssumeProve:
			saved := r.scope
			r.scope = newScope(saved)
			l = l.join(r.assumeProve(a))
			r.scope = saved
		case ast.Expr:
			l = l.join(r.expr(a))
		}
	}
	if ap.Prove != nil {
		l = l.join(r.expr(ap.Prove))
	}
	return l
}

// rebindNew makes the NEW names of a theorem's ASSUME visible again (in
// the proof's scope), reusing the entities made when the statement was
// resolved.
func (r *resolver) rebindNew(ap *ast.AssumeProve) {
	for _, a := range ap.Assumes {
		if nd, ok := a.(*ast.NewDecl); ok && nd.Name != nil {
			if e := r.info.Defs[nd.Name]; e != nil {
				r.scope.set(e.Name, &binding{ent: e})
			}
		}
	}
}

// declareProof binds a proof-introduced name. TLAPS reports clashes itself;
// we never flag proof-only constructs.
func (r *resolver) declareProof(e *Entity) {
	if r.scope.lookup(e.Name) != nil {
		r.scope.set(e.Name, &binding{ent: e})
		return
	}
	r.scope.set(e.Name, &binding{ent: e})
}

func (r *resolver) proof(p *ast.Proof) {
	if p == nil {
		return
	}
	r.facts(p.Facts)
	r.facts(p.Defs)
	saved := r.scope
	r.scope = newScope(saved) // names of PICK/TAKE/DEFINE/SUFFICES live until the end of the proof
	for _, s := range p.Steps {
		r.step(s)
	}
	r.scope = saved
}

func (r *resolver) step(s *ast.ProofStep) {
	if s == nil {
		return
	}
	switch s.Kind {
	case "PICK":
		sets := r.boundSets(s.Bounds)
		_ = sets
		inner := newScope(r.scope)
		saved := r.scope
		r.scope = inner
		r.bindProofBounds(s.Bounds)
		for _, e := range s.Exprs {
			r.expr(e)
		}
		r.scope = saved
		r.proof(s.Proof)
		inner.each(r.scope.set)
		return
	case "TAKE":
		r.boundSets(s.Bounds)
		r.bindProofBounds(s.Bounds)
		for _, e := range s.Exprs {
			r.facts([]ast.Expr{e})
		}
		r.proof(s.Proof)
		return
	case "USE", "HIDE":
		r.facts(s.Exprs)
		if s.Kind == "HIDE" {
			r.hideFacts(s.Exprs)
		}
		for _, u := range s.Units {
			r.unit(u)
		}
		r.proof(s.Proof)
		return
	case "DEFINE", "INSTANCE":
		for _, u := range s.Units {
			r.unit(u)
		}
		r.proof(s.Proof)
		return
	}
	r.boundSets(s.Bounds)
	if len(s.Bounds) > 0 {
		r.bindProofBounds(s.Bounds)
	}
	for _, u := range s.Units {
		r.unit(u)
	}
	// ASSUME/PROVE of SUFFICES binds for the rest of the proof; of an
	// ordinary step only for the step's own proof.
	saved := r.scope
	if s.Kind != "SUFFICES" {
		r.scope = newScope(saved)
	}
	var news []*Entity
	for _, e := range s.Exprs {
		if ap, ok := e.(*ast.AssumeProve); ok {
			r.assumeProve(ap)
			if s.Kind == "SUFFICES" {
				news = r.newEntities(ap, news)
			}
			continue
		}
		if s.Kind == "WITNESS" || s.Kind == "HAVE" || s.Kind == "QED" {
			r.facts([]ast.Expr{e})
			continue
		}
		r.expr(e)
	}
	if len(news) > 0 {
		if r.shadowable == nil {
			r.shadowable = map[*Entity]bool{}
		}
		for _, e := range news {
			r.shadowable[e] = true
		}
	}
	r.proof(s.Proof)
	for _, e := range news {
		delete(r.shadowable, e)
	}
	r.scope = saved
}

// newEntities appends the entities of the NEW declarations of ap to out.
func (r *resolver) newEntities(ap *ast.AssumeProve, out []*Entity) []*Entity {
	for _, a := range ap.Assumes {
		if nd, ok := a.(*ast.NewDecl); ok && nd.Name != nil {
			if e := r.info.Defs[nd.Name]; e != nil {
				out = append(out, e)
			}
		}
	}
	return out
}

func (r *resolver) bindProofBounds(bs []*ast.Bound) {
	for _, b := range bs {
		if b == nil {
			continue
		}
		for _, id := range b.Names {
			e := r.newEntity(id, BoundVar, b)
			e.levelDone = true
			r.declareProof(e)
		}
	}
}
