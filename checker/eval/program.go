package eval

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Loader finds a module analysis resolved, by name (EXTENDS / INSTANCE):
// its syntax tree, text and resolution (Info).
type Loader func(name string) (*analysis.Module, error)

// ModulesOf is a loader of the modules analysis resolved for prog (by
// name), the root excepted.
func ModulesOf(prog *analysis.Program) Loader {
	mods := make(map[string]*analysis.Module, len(prog.Modules))
	for name, m := range prog.Modules {
		if m.AST != nil && m != prog.Root {
			mods[name] = m
		}
	}
	return func(name string) (*analysis.Module, error) {
		if m, ok := mods[name]; ok {
			return m, nil
		}
		return nil, fmt.Errorf("module %s was not loaded by the analysis", name)
	}
}

// ConstBinding gives a CONSTANT its value (Value), its values on
// particular arguments (Table) or replaces it by a definition of the root
// module (Def). Value and Table also override a definition: under its name
// a root module's (including what the root EXTENDS or INSTANCEs), under
// ScopedName(Mod, name) module Mod's.
type ConstBinding struct {
	Value Value
	Table *OpTable
	Def   string
}

func (b ConstBinding) isValue() bool { return b.Value != nil || b.Table != nil }

// Program is a compiled root module.
type Program struct {
	Root  *modEnv
	cov   *exprCov  // conjunct counts, with EnableCoverage (coverage.go)
	debug DebugHook // SetDebug (debug.go)
	// stateSlots counts the state-level definitions given a slot of
	// Ctx.stateCache (statecache.go)
	stateSlots atomic.Int32
	// memoIDs counts the operators whose calls contexts keep (memo.go)
	memoIDs    atomic.Int32
	showsMu    sync.Mutex
	showsKnown map[*def]bool // showsFrom's answers
	Vars       []string      // state variables in declaration order
	// substInsts are the instances I(args) of actions I(args)!A with
	// their parameters substituted, by call site (action.go)
	substInsts map[substKey]*modEnv
	// PrintOrder are the indices of Vars in the order TLC prints a
	// state's variables (var_order.go).
	PrintOrder []int
	varDecls   []*ast.Ident
	loader     Loader
	loaded     map[string]*loadedMod
	// consts holds the configuration's assignments: "C" for C = v and
	// C(args) = v, ScopedName("Mod", "C") for C = [Mod] v.
	consts map[string]ConstBinding
	// builtinVals are the values the configuration gives constant
	// operators of the standard modules (Nat = {0, 1}), by name
	builtinVals map[string]*def
	// substs holds the configuration's substitutions: "Op" for Op <- Def
	// (the root module's Op) and "Mod!Op" for Op <-[Mod] Def (Op as
	// defined in module Mod, wherever Mod is extended or instantiated).
	substs map[string]string
	// tlcEvals holds the values of TLCEval(e) kept on the expression
	// (compileTLCEval), by node and module instance.
	tlcEvals sync.Map
	// scopedUsed records the module-scoped assignments and substitutions
	// (keys of consts and substs) that met their definition.
	scopedUsed map[string]bool
	tlcRegs    *tlcRegs
	// outerOf is, for a nested module, the module it is written in: its
	// definitions, variables and constants (as far as the nested module's
	// position) are in the nested module's context, as in SANY.
	outerOf map[*ast.Module]*modEnv
	// tupleIns are the compiled parts of each <<e1, ..., en>> \in S,
	// for a set filter over the last element (compile_set.go)
	tupleIns map[*ast.Infix]*tupleIn
	// covTaken is the expression being compiled whose compiler counts it
	// itself (coverage.go: ownCount)
	covTaken ast.Expr
	sels     map[selKey]*ast.OpApp // subexpression names, as applications (selection.go)
	// Op!lab written as an instance reference, as a subexpression name
	labelRefs map[*ast.OpApp]*ast.SubexprRef
	selDefs   map[*modEnv]map[string]*def
	std       stdState // std_core.go: random source, Trace and CounterExample
	errs      []error
	assumes   []Assumption
	// hoistedAt are the closed expressions whose value is kept (hoist.go),
	// in compilation order: what the tests see of the cache.
	hoistedAt []ast.Span
	// interrupt is the reason evaluations stop (interrupt.go)
	interrupt atomic.Pointer[string]

	// infos are the resolutions of the modules compiled (root first).
	infos []*analysis.Info
	// scopedRepl are the definitions Op <-[Mod] Def replaced; raised the
	// entities whose level a replacement raises, raiseMemo raisedBy's
	// results (spec.go).
	scopedRepl []scopedRepl
	raised     map[*analysis.Entity]int
	raiseMemo  map[*analysis.Entity]int
	// made maps the identifiers the checker makes in place of resolved
	// ones (an operator symbol applied as a name) to their resolution
	// (*ast.Ident -> *analysis.Entity; workers compile too).
	made sync.Map
	// warns are the warnings evaluations gave (warnings.go)
	warns warnSet
}

type scopedRepl struct {
	orig *def
	to   string
}

type loadedMod struct {
	mod  *ast.Module
	file *source.File
	info *analysis.Info
}

// modEnv is a module as seen from one instantiation.
type modEnv struct {
	prog   *Program
	name   string
	file   *source.File
	info   *analysis.Info // resolution of the module's own units
	defs   map[string]*def
	insts  map[string]*modEnv // named instances (Inst == INSTANCE M)
	parent *modEnv            // the instantiating module (for substitutions)
	// WITH substitutions, by the declaration of the CONSTANT or VARIABLE
	subst map[*ast.Ident]*def
	// ids and instIDs hold the definitions and named instances by their
	// declaring identifier: what analysis resolves each use to
	// (Entity.Ident). defs and insts hold them by name, for the names the
	// configuration gives.
	ids     map[*ast.Ident]*def
	instIDs map[*ast.Ident]*modEnv
	// fallback is searched when a name is not found (parameter scopes of
	// parameterized instances)
	fallback *modEnv
	// instKey identifies a parameterized instance (its parameter values
	// live on the context's instance stack)
	instKey *modEnv
	nparams int
	// instance is the INSTANCE this environment is
	instance *ast.Instance
	// instLoc is where TLC locates an action it does not split because
	// it is in this instance (the INSTANCE statement, the whole
	// I == INSTANCE M for a named one); instName is I (empty: unnamed)
	instLoc  *Loc
	instName string
	// recursive holds the operators declared RECURSIVE, by the
	// identifier their definition declares
	recursive map[*ast.Ident]bool
}

type defKind int

const (
	dOp defKind = iota
	dFunc
	dConst
	dVar
	dBuiltin
	dSubst // substitution of an instance parameter: expression in parent env
	dModelConst
	dInstParam // parameter of a parameterized instance P(x) == INSTANCE M
)

// def is a module-level name.
type def struct {
	kind defKind
	name string
	// a selection's head whose arguments were omitted (F!1 for F(a)):
	// SANY's error when it is not used as an operator names it
	selHead  *ast.Ident
	selHeadN int
	env      *modEnv
	params   []*ast.Param
	body     ast.Expr
	fdef     *ast.FuncDef
	opdef    *ast.OpDef
	loc      *Loc
	varIdx   int
	bi       *builtin
	std      string // standard module for builtins
	// substitution: expression compiled in env.parent
	sexpr ast.Expr
	senv  *modEnv
	// constant value, or the configuration's table of an operator
	cval  Value
	table *OpTable
	// cfg: the configuration replaced the definition (scoped substitution
	// or value), so an unnamed INSTANCE imports it as a definition
	cfg bool
	// compiled forms
	fs         *fscope
	e          expr
	compiling  bool
	act        map[bool]*actDef
	level      int // -1 unknown, 0 constant, 1 state/action
	levelBusy  bool
	primes     int8 // usesNext: 0 unknown, 1 no, 2 yes, 3 being computed
	cache      atomic.Pointer[cachedVal]
	implicit   bool // implicit substitution x <- x
	cfgConst   bool // a constant the configuration replaces by a definition (C <- Def)
	reeval     int8 // cfgConst: 0 unknown, 1 C is Def's cached value, 2 Def's body evaluated at each use
	missing    bool // constant without a value in the config
	substArity int
	instKey    *modEnv
	stSlot     int32 // stateSlot: 0 undecided, -1 none, else the slot + 1
	pure       int8  // pureDef: 0 unknown, 1 yes, 2 no, 3 being computed
	// plan: how calls pass the value arguments (lazyargs.go), once planDone
	plan     *argPlan
	planDone bool
}

func (d *def) arity() int {
	switch d.kind {
	case dOp:
		return len(d.params)
	case dBuiltin:
		return d.bi.arity
	case dConst:
		if d.table != nil {
			return d.table.Arity()
		}
	}
	return 0
}

// NewProgram compiles the analysed module root under the given constants.
func NewProgram(root *analysis.Module, load Loader, consts map[string]ConstBinding, substs map[string]string) (p *Program, err error) {
	defer Catch(&err)
	p = &Program{loader: load, loaded: map[string]*loadedMod{}, consts: consts, substs: substs, scopedUsed: map[string]bool{}, tlcRegs: newTLCRegs(), outerOf: map[*ast.Module]*modEnv{}, substInsts: map[substKey]*modEnv{}}
	// TLC's string order: the texts of every module, in SANY's order,
	// before any value exists
	InternSpec(root.AST, root.File, load)
	p.addInfo(root.Info)
	p.Root = p.buildEnv(root.AST, root.File, root.Info, nil, nil)
	p.printOrder(root.AST, load)
	p.findRaised()
	if len(p.errs) > 0 {
		return p, p.errs[0]
	}
	return p, nil
}

func (p *Program) load(name string, from *Loc) *loadedMod {
	if m, ok := p.loaded[name]; ok {
		return m
	}
	if p.loader == nil {
		throw(from, "cannot find module %s", name)
	}
	am, err := p.loader(name)
	if err != nil || am == nil || am.AST == nil {
		msg := "cannot find module " + name
		if err != nil {
			msg += ": " + err.Error()
		}
		throw(from, "%s", msg)
	}
	m := &loadedMod{am.AST, am.File, am.Info}
	p.addInfo(am.Info)
	p.loaded[name] = m
	return m
}

// buildEnv creates the environment of module mod. parent and in are set
// for instances.
func (p *Program) buildEnv(mod *ast.Module, file *source.File, info *analysis.Info, parent *modEnv, in *ast.Instance) *modEnv {
	env := &modEnv{prog: p, name: mod.Name.Name, file: file, info: info, defs: map[string]*def{}, insts: map[string]*modEnv{}, parent: parent, subst: map[*ast.Ident]*def{}}
	env.fallback = p.outerOf[mod]
	var substs []*ast.Subst
	if in != nil {
		env.instance, substs = in, in.Substs
	}
	isRoot := parent == nil && p.Root == nil
	if isRoot {
		p.Root = env
	}
	loc := func(n ast.Node) *Loc { return &Loc{File: file, Span: n.Pos()} }
	// WITH substitutions first: they replace the constants and variables
	// the module declares and those it gets through EXTENDS alike
	for _, s := range substs {
		if c := p.useOf(s.Name); c != nil && c.Ident != nil {
			env.subst[c.Ident] = &def{kind: dSubst, name: s.Name.Name, sexpr: s.Expr, senv: parent, loc: loc(s), level: -1}
		}
	}
	// One seen set for the whole EXTENDS list: a module reached along two
	// paths (A and B both extending Base) is imported once, as SANY does,
	// so its variables are declared once.
	seen := map[string]bool{}
	for _, ext := range mod.Extends {
		p.extend(env, ext.Name, loc(ext), isRoot, seen)
	}
	for _, u := range mod.Units {
		p.addUnit(env, u, file, mod.Name.Name, isRoot)
	}
	return env
}

// extend imports the definitions of module name into env.
func (p *Program) extend(env *modEnv, name string, at *Loc, isRoot bool, seen map[string]bool) {
	if seen[name] {
		return
	}
	seen[name] = true
	if std, ok := stdModules[name]; ok {
		for _, dep := range std.extends {
			p.extend(env, dep, at, isRoot, seen)
		}
		for opName, bi := range std.ops {
			if _, exists := env.defs[opName]; !exists || env.defs[opName].kind == dBuiltin {
				env.defs[opName] = p.stdDef(env, name, opName, bi, at)
			}
		}
		return
	}
	m := p.load(name, at)
	for _, ext := range m.mod.Extends {
		p.extend(env, ext.Name, &Loc{File: m.file, Span: ext.Span}, isRoot, seen)
	}
	for _, u := range m.mod.Units {
		p.addUnit(env, u, m.file, name, isRoot)
	}
}

// stdDef is operator opName of the standard module modName as env sees
// it: built in, unless the configuration substitutes it in that module
// (Nat <-[Naturals] MyNat) as it would a definition of a module of the
// spec. TLC ignores a value for it (Nat = [Naturals] {0, 1}).
func (p *Program) stdDef(env *modEnv, modName, opName string, bi *builtin, at *Loc) *def {
	key := modName + "!" + opName
	if to, ok := p.substs[key]; ok {
		p.scopedUsed[key] = true
		return p.scopedSubst(&ast.Ident{Span: at.Span, Name: opName}, bi.arity, to, at)
	}
	return &def{kind: dBuiltin, name: opName, bi: bi, std: modName, env: env, level: 0}
}

func (p *Program) addUnit(env *modEnv, u ast.Unit, file *source.File, modName string, isRoot bool) {
	loc := func(n ast.Node) *Loc { return &Loc{File: file, Span: n.Pos()} }
	switch x := u.(type) {
	case *ast.VarDecl:
		for _, id := range x.Names {
			if env.parent != nil || (p.Root != env) {
				// instance variables are substituted
				env.define(id, p.paramDef(env, id, loc(id)))
				continue
			}
			env.define(id, &def{kind: dVar, name: id.Name, varIdx: len(p.Vars), env: env, loc: loc(id), level: 1})
			p.Vars = append(p.Vars, id.Name)
			p.varDecls = append(p.varDecls, id)
		}
	case *ast.ConstDecl:
		for _, d := range x.Decls {
			if env != p.Root {
				env.define(d.Name, p.paramDef(env, d.Name, loc(d)))
				continue
			}
			env.define(d.Name, p.constDef(env, d, loc(d)))
		}
	case *ast.OpDef:
		if d := p.override(env, modName, x.Name.Name, loc(x)); d != nil {
			env.define(x.Name, d)
			return
		}
		if to, ok := p.substs[modName+"!"+x.Name.Name]; ok {
			p.scopedUsed[modName+"!"+x.Name.Name] = true
			env.define(x.Name, p.scopedSubst(x.Name, len(x.Params), to, loc(x)))
			p.scopedRepl = append(p.scopedRepl, scopedRepl{&def{opdef: x}, to})
			return
		}
		if d := nativeOverride(env, modName, x, loc(x)); d != nil { // std_override.go
			env.define(x.Name, d)
			return
		}
		env.define(x.Name, &def{kind: dOp, name: x.Name.Name, params: x.Params, body: x.Body, opdef: x, env: env, loc: loc(x), level: -1})
	case *ast.FuncDef:
		if d := p.override(env, modName, x.Name.Name, loc(x)); d != nil {
			env.define(x.Name, d)
			return
		}
		if to, ok := p.substs[modName+"!"+x.Name.Name]; ok {
			p.scopedUsed[modName+"!"+x.Name.Name] = true
			env.define(x.Name, p.scopedSubst(x.Name, 0, to, loc(x)))
			p.scopedRepl = append(p.scopedRepl, scopedRepl{&def{fdef: x}, to})
			return
		}
		env.define(x.Name, &def{kind: dFunc, name: x.Name.Name, fdef: x, body: x.Body, env: env, loc: loc(x), level: -1})
	case *ast.Instance:
		if _, std := stdModules[x.Module.Name]; std {
			p.extend(env, x.Module.Name, loc(x), false, map[string]bool{})
			return
		}
		m := p.load(x.Module.Name, loc(x.Module))
		ienv := p.buildEnv(m.mod, m.file, m.info, env, x)
		ienv.instLoc = loc(x)
		imported := map[*def]*def{}
		for n, d := range ienv.defs {
			if d.kind == dOp || d.kind == dFunc || d.kind == dBuiltin || d.cfg {
				if _, exists := env.defs[n]; !exists {
					d0 := d
					if b, ok := p.consts[n]; ok && b.isValue() && env == p.Root && d.kind != dBuiltin {
						// the root's C = v also overrides what it instantiates
						d = &def{kind: dConst, name: n, cval: b.Value, table: b.Table, env: env, loc: d.loc, level: 0, cfg: true}
					}
					env.defs[n] = d
					imported[d0] = d
				}
			}
		}
		// analysis resolves an imported name to the instantiated module's
		// declaration
		for id, d := range ienv.ids {
			if nd := imported[d]; nd != nil {
				env.setID(id, nd)
			}
		}
		// its named instances (I == INSTANCE N) come along, I!Op
		for n, ie := range ienv.insts {
			if _, exists := env.insts[n]; !exists {
				env.insts[n] = ie
			}
		}
		for id, ie := range ienv.instIDs {
			if env.instIDs[id] == nil {
				env.defineInst(id, ie)
			}
		}
	case *ast.ModuleDef:
		ie := p.instanceEnv(env, x, file)
		env.insts[x.Name.Name] = ie
		env.defineInst(x.Name, ie)
	case *ast.Module:
		// nested module: make it loadable by name
		p.loaded[x.Name.Name] = &loadedMod{x, file, p.nestedInfo(x)}
		p.outerOf[x] = env
	case *ast.Assume:
		if x.Name != nil && x.Expr != nil {
			env.define(x.Name, &def{kind: dOp, name: x.Name.Name, body: x.Expr, opdef: &ast.OpDef{Span: x.Span, Name: x.Name, Body: x.Expr}, env: env, loc: loc(x), level: -1})
		}
		if env == p.Root && x.Expr != nil && x.Keyword != "AXIOM" { // TLC does not check axioms
			p.assumes = append(p.assumes, Assumption{Loc: loc(x), E: ExprIn{E: x.Expr, env: env, Loc: loc(x.Expr)}})
		}
	case *ast.Theorem:
		if x.Name != nil && x.Body != nil {
			if _, isAP := x.Body.(*ast.AssumeProve); !isAP {
				env.define(x.Name, &def{kind: dOp, name: x.Name.Name, body: x.Body, opdef: &ast.OpDef{Span: x.Span, Name: x.Name, Body: x.Body}, env: env, loc: loc(x), level: -1})
			}
		}
	case *ast.RecursiveDecl:
		if env.recursive == nil {
			env.recursive = map[*ast.Ident]bool{}
		}
		for _, d := range x.Decls {
			env.recursive[p.recursiveDef(d.Name)] = true
		}
	case *ast.UseOrHide, *ast.Separator, *ast.BadUnit:
	}
}

// addInfo adds a module's resolution, which must have the level of every
// expression: the checker takes levels from it.
func (p *Program) addInfo(info *analysis.Info) {
	if info == nil {
		return
	}
	if !info.RecordsLevels() {
		throw(nil, "internal error: the modules were analysed without levels (analysis.Loader.RecordLevels)")
	}
	if slices.Contains(p.infos, info) {
		return // a nested module of a module instantiated again
	}
	p.infos = append(p.infos, info)
}

// nestedInfo is the resolution of the nested module x, as the loader has
// it (analysis registers nested modules by name).
func (p *Program) nestedInfo(x *ast.Module) *analysis.Info {
	if p.loader == nil {
		return nil
	}
	if am, err := p.loader(x.Name.Name); err == nil && am != nil && am.AST == x {
		p.addInfo(am.Info)
		return am.Info
	}
	return nil
}

// instanceEnv is the environment of I == INSTANCE M WITH ... or
// I(p, ...) == INSTANCE M WITH ..., defined in env (at module level or in
// a LET).
func (p *Program) instanceEnv(env *modEnv, x *ast.ModuleDef, file *source.File) *modEnv {
	loc := func(n ast.Node) *Loc { return &Loc{File: file, Span: n.Pos()} }
	name := x.Instance.Module.Name
	if len(x.Params) > 0 {
		// The parameters are looked up first, then env's names.
		penv := &modEnv{prog: p, name: env.name, file: env.file, info: env.info, defs: map[string]*def{}, insts: env.insts, parent: env.parent, subst: env.subst, fallback: env}
		key := &modEnv{}
		for i, prm := range x.Params {
			penv.define(prm.Name, &def{kind: dInstParam, name: prm.Name.Name, varIdx: i, instKey: key, env: penv, loc: loc(prm), level: 0})
		}
		var ienv *modEnv
		if _, std := stdModules[name]; std {
			ienv = &modEnv{prog: p, name: name, file: file, defs: map[string]*def{}, insts: map[string]*modEnv{}, parent: penv, subst: map[*ast.Ident]*def{}}
			p.extend(ienv, name, loc(x), false, map[string]bool{})
		} else {
			m := p.load(name, loc(x.Instance.Module))
			ienv = p.buildEnv(m.mod, m.file, m.info, penv, x.Instance)
		}
		ienv.instKey = key
		ienv.nparams = len(x.Params)
		return ienv
	}
	if _, std := stdModules[name]; std {
		ienv := &modEnv{prog: p, name: name, file: file, defs: map[string]*def{}, insts: map[string]*modEnv{}, parent: env, subst: map[*ast.Ident]*def{}}
		p.extend(ienv, name, loc(x), false, map[string]bool{})
		return ienv
	}
	m := p.load(name, loc(x.Instance.Module))
	ienv := p.buildEnv(m.mod, m.file, m.info, env, x.Instance)
	ienv.instLoc, ienv.instName = loc(x), x.Name.Name
	return ienv
}

// scopedSubst replaces a definition of a module by the configuration's
// Op <-[Mod] Def: Def is the root module's definition, resolved when first
// used (the root's own units are added after its EXTENDS).
func (p *Program) scopedSubst(name *ast.Ident, arity int, to string, l *Loc) *def {
	return &def{kind: dSubst, name: name.Name, sexpr: &ast.OpApp{Span: name.Span, Name: &ast.Ident{Span: name.Span, Name: to}}, senv: p.Root, loc: l, level: -1, substArity: arity, cfg: true}
}

// override is the configuration's value for the definition name of module
// modName as env sees it, or nil: C = v (or C(args) = v) for the root
// module's definitions, C = [modName] v for modName's wherever it is
// extended or instantiated (TLC's ModelConfig modConstants). As in TLC,
// the root's assignment wins where both apply.
func (p *Program) override(env *modEnv, modName, name string, l *Loc) *def {
	b, ok := p.consts[name]
	if !ok || !b.isValue() || env != p.Root {
		key := ScopedName(modName, name)
		b, ok = p.consts[key]
		if !ok || !b.isValue() {
			return nil
		}
		p.scopedUsed[key] = true
	}
	return &def{kind: dConst, name: name, cval: b.Value, table: b.Table, env: env, loc: l, level: 0, cfg: true}
}

// paramDef is a CONSTANT or VARIABLE of an instantiated module: an explicit
// substitution or the same name in the instantiating module.
func (p *Program) paramDef(env *modEnv, id *ast.Ident, l *Loc) *def {
	if s, ok := env.subst[id]; ok {
		return s
	}
	if env.parent == nil {
		throw(l, "%s is not substituted", id.Name)
	}
	// the same name in the instantiating module: what analysis found there
	use := &ast.Ident{Span: id.Span, Name: id.Name}
	if r := p.implicitOf(env.instance, id); r != nil {
		p.made.Store(use, r)
	}
	return &def{kind: dSubst, name: id.Name, sexpr: &ast.OpApp{Span: id.Span, Name: use}, senv: env.parent, loc: l, level: -1, implicit: true}
}

// implicitOf is what replaces the CONSTANT or VARIABLE that id declares
// in the INSTANCE in when its WITH leaves it out (Info.Implicit), or nil.
func (p *Program) implicitOf(in *ast.Instance, id *ast.Ident) *analysis.Entity {
	c := p.entityOf(id)
	if in == nil || c == nil {
		return nil
	}
	for _, info := range p.infos {
		if r := info.Implicit[in][c]; r != nil {
			return r
		}
	}
	return nil
}

func (p *Program) constDef(env *modEnv, d *ast.OpDecl, l *Loc) *def {
	b, ok := p.consts[d.Name.Name]
	if !ok {
		return &def{kind: dConst, name: d.Name.Name, env: env, loc: l, level: 0, missing: true}
	}
	if b.Def != "" {
		return &def{kind: dSubst, name: d.Name.Name, sexpr: &ast.OpApp{Span: d.Name.Span, Name: &ast.Ident{Span: d.Name.Span, Name: b.Def}}, senv: env, loc: l, level: -1, substArity: d.Arity, cfgConst: true}
	}
	return &def{kind: dConst, name: d.Name.Name, cval: b.Value, table: b.Table, env: env, loc: l, level: 0}
}

// define adds the definition d that id declares.
func (env *modEnv) define(id *ast.Ident, d *def) {
	env.defs[id.Name] = d
	env.setID(id, d)
}

func (env *modEnv) setID(id *ast.Ident, d *def) {
	if env.ids == nil {
		env.ids = map[*ast.Ident]*def{}
	}
	env.ids[id] = d
}

// defineInst adds the named instance ie that id declares.
func (env *modEnv) defineInst(id *ast.Ident, ie *modEnv) {
	if env.instIDs == nil {
		env.instIDs = map[*ast.Ident]*modEnv{}
	}
	env.instIDs[id] = ie
}

// recursiveDef is the identifier of the definition of the operator that
// RECURSIVE declares at id: analysis makes them one entity.
func (p *Program) recursiveDef(id *ast.Ident) *ast.Ident {
	if e := p.entityOf(id); e != nil && e.Ident != nil {
		return e.Ident
	}
	return id
}

// useOf is the entity analysis resolved the identifier use to (Info.Uses;
// Program.made for an identifier the checker made in place of a resolved
// one), nil for one analysis never saw.
func (p *Program) useOf(use *ast.Ident) *analysis.Entity {
	for _, info := range p.infos {
		if e := info.Uses[use]; e != nil {
			return e
		}
	}
	if e, ok := p.made.Load(use); ok {
		return e.(*analysis.Entity)
	}
	return nil
}

// declOf is the declaring identifier of what use names, as analysis
// resolved it: use itself when analysis never saw it (the checker made it
// and declares it too), nil for a built-in.
func (p *Program) declOf(use *ast.Ident) *ast.Ident {
	if ent := p.useOf(use); ent != nil {
		return ent.Ident
	}
	return use
}

// opOf is the definition analysis resolved the operator symbol of x (an
// Infix, PrefixExpr or PostfixExpr) to (Info.Ops), nil for TLA+'s own.
func (p *Program) opOf(x ast.Expr) *analysis.Entity {
	for _, info := range p.infos {
		if e := info.Ops[x]; e != nil {
			return e
		}
	}
	return nil
}

// byName reports whether the checker finds what ent denotes by its name:
// TLA+'s built-in constants (BOOLEAN, STRING) and the operators of the
// standard modules it implements natively (their table is keyed by the
// standard module's definitions, stdModules).
func byName(ent *analysis.Entity) bool {
	if ent.Ident == nil || ent.Module == nil {
		return true
	}
	_, std := stdModules[ent.Module.Name]
	return std
}

// resolve is the module-level definition the identifier use names in env:
// the one declared by what analysis resolved it to; nil when there is none.
func (env *modEnv) resolve(use *ast.Ident) *def {
	ent := env.prog.useOf(use)
	if ent == nil {
		// a name the checker made (the configuration's, a rewriting's)
		return env.lookup(use.Name)
	}
	return env.resolveEnt(ent, use.Name)
}

// resolveOp is the definition of the operator symbol op of x (an Infix,
// PrefixExpr or PostfixExpr) in env, as analysis resolved it (opOf); nil
// for TLA+'s own operators.
func (env *modEnv) resolveOp(x ast.Expr, op string) *def {
	ent := env.prog.opOf(x)
	if ent == nil {
		return env.lookup(op) // TLA+'s own, or a symbol the checker applies
	}
	return env.resolveEnt(ent, op)
}

// resolveEnt is the definition of ent in env, written name.
func (env *modEnv) resolveEnt(ent *analysis.Entity, name string) *def {
	if byName(ent) {
		return env.lookup(name)
	}
	for e := env; e != nil; e = e.fallback {
		if d := e.ids[ent.Ident]; d != nil {
			return e.configured(d.name, d)
		}
	}
	return nil
}

// inst is the named instance the prefix part pp names in env, as analysis
// resolved it; nil when there is none.
func (env *modEnv) inst(pp *ast.PrefixPart) *modEnv {
	ent := env.prog.useOf(pp.Name)
	for e := env; e != nil; e = e.fallback {
		if ent == nil {
			// a prefix the checker made, or one analysis could not
			// resolve (an error it reported): by name
			if ie := e.insts[pp.Name.Name]; ie != nil {
				return ie
			}
		} else if ie := e.instIDs[ent.Ident]; ie != nil {
			return ie
		}
	}
	return nil
}

// lookup finds a module-level name the configuration gives or the checker
// made (the module's own names are resolved by resolve).
func (env *modEnv) lookup(name string) *def {
	d := env.defs[name]
	if d == nil && strings.IndexByte(name, '!') > 0 {
		// a subexpression name's definition (selection.go)
		if sd := env.prog.selDef(env, name); sd != nil {
			return sd
		}
	}
	if d == nil && env.fallback != nil {
		return env.fallback.lookup(name)
	}
	return env.configured(name, d)
}

// configured is d, the definition of name in env, or what the
// configuration's substitution Op <- Def puts in its place: it replaces
// the operator everywhere it is the same definition as the root module's,
// as TLC replaces the definition itself.
func (env *modEnv) configured(name string, d *def) *def {
	p := env.prog
	if d != nil && d.kind == dBuiltin && d.bi != nil && d.bi.arity == 0 {
		// Nat = {0, 1, 2}: a value for a constant operator of a standard
		// module replaces it everywhere, as TLC sets the value of the
		// definition itself (not so Nat = [Naturals] v, see stdDef)
		if b, ok := p.consts[name]; ok && b.isValue() && p.Root != nil {
			if rd := p.Root.defs[name]; rd == nil || rd.kind == dBuiltin {
				if p.builtinVals == nil {
					p.builtinVals = map[string]*def{}
				}
				if v := p.builtinVals[name]; v != nil {
					return v
				}
				v := &def{kind: dConst, name: name, cval: b.Value, table: b.Table, env: p.Root, level: 0, cfg: true}
				p.builtinVals[name] = v
				return v
			}
		}
	}
	if to, ok := p.substs[name]; ok && p.Root != nil {
		rd := p.Root.defs[name]
		// (not a LOCAL definition of a module the root extends that the
		// root's hides: TLC replaces the root's)
		if d == nil || d == rd || (d.kind == dBuiltin && (rd == nil || rd.kind == dBuiltin)) {
			if t := p.Root.defs[to]; t != nil {
				if rd != nil && rd.cfgConst && p.reevaluated(rd, t) {
					return rd // compiled by constSubstBody
				}
				return t
			}
		}
	}
	return d
}

// Def describes a module-level definition for the checker.
type DefInfo struct {
	Name   string
	Arity  int
	Loc    *Loc
	IsOp   bool
	Module string
}

// Lookup finds a definition of the root module by name.
func (p *Program) Lookup(name string) (DefInfo, bool) {
	d := p.Root.lookup(name) // a name the configuration (or the caller) gives
	if d == nil {
		return DefInfo{}, false
	}
	return DefInfo{Name: d.name, Arity: d.arity(), Loc: d.loc, IsOp: d.kind == dOp || d.kind == dFunc, Module: d.env.name}, true
}

// MissingConstants lists declared constants of the root module with no value.
// ScopedUsed reports whether the configuration's module-scoped assignment
// or substitution with this key (ScopedName(Mod, C) for C = [Mod] v,
// "Mod!Op" for Op <-[Mod] Def) met a definition C or Op of module Mod.
func (p *Program) ScopedUsed(key string) bool { return p.scopedUsed[key] }

func (p *Program) MissingConstants() []string {
	var miss []*def
	for _, d := range p.Root.defs {
		if d.kind == dConst && d.missing {
			miss = append(miss, d)
		}
	}
	// in declaration order (the defs map has none), so that the same spec
	// always names the same constant first
	slices.SortFunc(miss, func(a, b *def) int {
		if a.loc == nil || b.loc == nil || a.loc.File == nil || b.loc.File == nil {
			return strings.Compare(a.name, b.name)
		}
		if c := strings.Compare(a.loc.File.Name, b.loc.File.Name); c != 0 {
			return c
		}
		return a.loc.Span.Start - b.loc.Span.Start
	})
	out := make([]string, len(miss))
	for i, d := range miss {
		out[i] = d.name
	}
	return out
}

func (p *Program) String() string {
	return fmt.Sprintf("Program(%s; vars %s)", p.Root.name, strings.Join(p.Vars, ", "))
}
