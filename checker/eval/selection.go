package eval

import (
	"strconv"
	"strings"
	"sync"

	"github.com/tlals/tlals/parser/ast"
)

// Subexpression names (`F(2)!3!1`, `Thm!:`, `Op!<<`, `R!(1, 2)!>>`,
// `V!@`, `U!1!Op(42)`) select a part of a definition's body, as SANY's
// Generator does. A selection is turned into an application of a
// definition made for it: its parameters are the head definition's, then
// the bound names a `!(a, b)` or `!@` step goes past (and the parameters
// of a LET operator or label named on the way), its body the part
// selected, inside the LETs passed through. Every part of the checker
// that handles applications then handles selections alike.

// selKey identifies a selection in the environment its head is found in.
type selKey struct {
	env *modEnv
	ref *ast.SubexprRef
}

var (
	selMu    sync.Mutex   // guards Program.sels and labelRefs
	selDefMu sync.RWMutex // guards Program.selDefs
)

// selApp is the application standing for the subexpression name x, whose
// head is resolved in env (the application is resolved there too).
func (p *Program) selApp(sc cscope, x *ast.SubexprRef) *ast.OpApp {
	selMu.Lock()
	defer selMu.Unlock()
	if p.sels == nil {
		p.sels = map[selKey]*ast.OpApp{}
	}
	k := selKey{sc.env, x}
	if app, ok := p.sels[k]; ok {
		return app
	}
	app := p.selection(sc, x)
	p.sels[k] = app
	return app
}

// selDef is the definition made for the selection named name in env.
func (p *Program) selDef(env *modEnv, name string) *def {
	selDefMu.RLock()
	defer selDefMu.RUnlock()
	return p.selDefs[env][name]
}

// trySelApp is selApp for env, nil when the selection is in error.
func (p *Program) trySelApp(env *modEnv, x *ast.SubexprRef) (app *ast.OpApp) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(*Error); !ok {
				panic(r)
			}
			app = nil
		}
	}()
	return p.selApp(cscope{env: env}, x)
}

// selState is a selection under way: the expression reached, the
// parameters in scope and the arguments given for them, the LETs passed.
type selState struct {
	cur    ast.Expr
	params []*ast.Param
	args   []ast.Expr
	lets   []*ast.Let // outermost first
	ops    int        // trailing parameters given no argument: the selection is an operator
}

func (p *Program) selection(sc cscope, x *ast.SubexprRef) *ast.OpApp {
	l := sc.loc(x)
	head := x.Head
	if head == nil || len(x.Sels) == 0 || len(x.Sels) != len(x.Path) {
		compileErr(l, "this subexpression name is not supported by the checker")
	}
	if len(head.Prefix) == 0 {
		if b, _ := sc.findUse(head.Name); b != nil {
			compileErr(l, "a subexpression of %s, which is not a module-level definition, is not supported by the checker", head.Name.Name)
		}
	}
	env := sc.env
	for i, pp := range head.Prefix {
		ie := env.inst(pp)
		if ie == nil {
			if d := env.resolve(pp.Name); d != nil && d.kind == dOp {
				// Op!lab!...: the rest of the prefix and the head name
				// labels (or LET definitions) inside Op
				x = labelsAsSels(x, i)
				head = x.Head
				break
			}
			compileErr(sc.loc(pp), "unknown instance %s", pp.Name.Name)
		}
		env = ie
	}
	d := env.resolve(head.Name)
	if d == nil || d.kind != dOp || d.body == nil || d.opdef == nil {
		compileErr(l, "Cannot take subexpression of `%s'.", head.Name.Name)
	}
	st := &selState{cur: d.body, params: append([]*ast.Param(nil), d.params...), args: append([]ast.Expr(nil), head.Args...)}
	if head.Args == nil && len(d.params) > 0 {
		// SOp!@ as an operator argument: the head's parameters are the
		// selected operator's first ones (as in SANY)
		st.ops = len(d.params)
	} else if len(head.Args) != len(d.params) {
		compileErr(l, "The operator %s requires %d arguments.", head.Name.Name, len(d.params))
	}
	for i := 0; i < len(x.Sels); i++ {
		s := x.Sels[i]
		sl := sc.loc(s)
		if st.ops > 0 && len(st.args) > 0 {
			compileErr(sl, "a subexpression name cannot go past an operator")
		}
		switch s.Kind {
		case ast.SelColon:
			// the body of the definition named last: what was reached
			continue
		case ast.SelName:
			p.selName(st, s, sl)
			continue
		}
		p.selOperand(st, s, x.Sels[i+1:], sl, &i)
	}
	key := selDefName(head, x)
	body := st.cur
	for i := len(st.lets) - 1; i >= 0; i-- {
		body = &ast.Let{Span: body.Pos(), Defs: st.lets[i].Defs, Body: body}
	}
	nd := &def{kind: dOp, name: key, env: d.env, params: st.params, body: body,
		opdef: &ast.OpDef{Span: body.Pos(), Name: &ast.Ident{Span: head.Span, Name: key}, Params: st.params, Body: body},
		loc:   &Loc{File: d.loc.File, Span: body.Pos()}, level: -1}
	if head.Args == nil && len(d.params) > 0 {
		nd.selHead, nd.selHeadN = head.Name, len(d.params)
	}
	if st.ops > 0 && len(st.args) > 0 {
		compileErr(l, "an operator selected with arguments given to its definition is not supported by the checker")
	}
	// kept beside env.defs (which the workers read) and found by lookup
	selDefMu.Lock()
	defer selDefMu.Unlock()
	if p.selDefs == nil {
		p.selDefs = map[*modEnv]map[string]*def{}
	}
	if p.selDefs[env] == nil {
		p.selDefs[env] = map[string]*def{}
	}
	p.selDefs[env][key] = nd
	app := &ast.OpApp{Span: x.Span, Prefix: head.Prefix, Name: &ast.Ident{Span: x.Span, Name: key}}
	if len(st.args) > 0 {
		app.Args = st.args
	}
	return app
}

// labelsAsSels rewrites x, whose head's prefix names a definition at
// index i (Op!lab!1), so that the definition is the head and the names
// after it are name steps.
func labelsAsSels(x *ast.SubexprRef, i int) *ast.SubexprRef {
	h := x.Head
	pp := h.Prefix[i]
	nh := &ast.OpApp{Span: ast.Span{Start: h.Start, End: pp.End}, Prefix: h.Prefix[:i], Name: pp.Name, Args: pp.Args}
	var sels []*ast.Selector
	var path []string
	for _, q := range h.Prefix[i+1:] {
		sels = append(sels, &ast.Selector{Span: q.Span, Kind: ast.SelName, Name: q.Name, Args: q.Args})
		path = append(path, q.Name.Name)
	}
	sels = append(sels, &ast.Selector{Span: h.Name.Span, Kind: ast.SelName, Name: h.Name, Args: h.Args})
	path = append(path, h.Name.Name)
	return &ast.SubexprRef{Span: x.Span, Head: nh, Path: append(path, x.Path...), Sels: append(sels, x.Sels...)}
}

// labelRef is x as a subexpression name when its prefix names a
// definition rather than an instance (Op!lab, Op!lab(a)); nil otherwise.
func (p *Program) labelRef(env *modEnv, x *ast.OpApp) *ast.SubexprRef {
	for _, pp := range x.Prefix {
		if ie := env.inst(pp); ie != nil {
			env = ie
			continue
		}
		if d := env.resolve(pp.Name); d != nil && d.kind == dOp {
			selMu.Lock()
			defer selMu.Unlock()
			if p.labelRefs == nil {
				p.labelRefs = map[*ast.OpApp]*ast.SubexprRef{}
			}
			if r, ok := p.labelRefs[x]; ok {
				return r
			}
			r := labelsAsSels(&ast.SubexprRef{Span: x.Span, Head: &ast.OpApp{Span: x.Span, Prefix: x.Prefix, Name: x.Name, Args: x.Args}}, len(x.Prefix)-1)
			p.labelRefs[x] = r
			return r
		}
		return nil
	}
	return nil
}

// selDefName is the name of the definition made for a selection: the head
// and the steps, with argument counts (no identifier contains "!").
func selDefName(head *ast.OpApp, x *ast.SubexprRef) string {
	var b strings.Builder
	b.WriteString(head.Name.Name)
	if head.Args != nil {
		b.WriteString("(" + strconv.Itoa(len(head.Args)) + ")")
	}
	for _, s := range x.Sels {
		b.WriteByte('!')
		switch s.Kind {
		case ast.SelName:
			b.WriteString(s.Name.Name)
			if s.Args != nil {
				b.WriteString("(" + strconv.Itoa(len(s.Args)) + ")")
			}
		case ast.SelNum:
			b.WriteString(strconv.Itoa(s.Num))
		case ast.SelFirst:
			b.WriteString("<<")
		case ast.SelSecond:
			b.WriteString(">>")
		case ast.SelColon:
			b.WriteString(":")
		case ast.SelAt:
			b.WriteString("@")
		case ast.SelArgs:
			b.WriteString("(" + strconv.Itoa(len(s.Args)) + ")")
		}
	}
	return b.String()
}

// selName follows a name step: a label or a LET definition inside the
// expression reached.
func (p *Program) selName(st *selState, s *ast.Selector, l *Loc) {
	name := s.Name.Name
	var found ast.Expr
	var params []*ast.Param
	var lets []*ast.Let
	// the innermost labels and LETs first reached from cur, not entering
	// nested definitions
	var walk func(e ast.Expr, lets []*ast.Let) bool
	walk = func(e ast.Expr, outer []*ast.Let) bool {
		done := false
		ast.Inspect(e, func(n ast.Node) bool {
			if done {
				return false
			}
			switch y := n.(type) {
			case *ast.Labeled:
				if y.Name != nil && y.Name.Name == name {
					found = y.Body
					// a label's parameters name bound identifiers of
					// the expression around it (SANY checks they are
					// exactly those): bind the declarations the body uses
					for _, id := range y.Params {
						params = append(params, &ast.Param{Span: id.Span, Name: p.declOf(id)})
					}
					lets, done = outer, true
					return false
				}
			case *ast.Let:
				for _, u := range y.Defs {
					if od, ok := u.(*ast.OpDef); ok && od.Name != nil && od.Name.Name == name {
						found, params = od.Body, od.Params
						lets, done = append(append([]*ast.Let(nil), outer...), y), true
						return false
					}
				}
				inner := append(append([]*ast.Let(nil), outer...), y)
				for _, u := range y.Defs {
					if od, ok := u.(*ast.OpDef); ok && od.Body != nil && walk(od.Body, inner) {
						done = true
						return false
					}
				}
				if walk(y.Body, inner) {
					done = true
				}
				return false
			}
			return true
		})
		return done
	}
	if !walk(st.cur, nil) || found == nil {
		compileErr(l, "Unknown operator: `%s'.", name)
	}
	st.lets = append(st.lets, lets...)
	st.cur = found
	st.params = append(st.params, params...)
	if s.Args != nil {
		if len(s.Args) != len(params) {
			compileErr(l, "The operator %s requires %d arguments.", name, len(params))
		}
		st.args = append(st.args, s.Args...)
	} else {
		st.ops += len(params)
	}
}

// selOperand follows a positional step (`!3`, `!<<`, `!>>`, `!(a)`,
// `!@`) into the expression reached, numbering operands as SANY does.
func (p *Program) selOperand(st *selState, s *ast.Selector, rest []*ast.Selector, l *Loc, i *int) {
	e := st.cur
	for {
		switch y := e.(type) {
		case *ast.Paren:
			e = y.X
			continue
		case *ast.Labeled:
			e = y.Body
			continue
		}
		break
	}
	// binders: !(a, b) and !@ enter the body, a number selects a bound set
	var bounds []*ast.Bound
	var body ast.Expr
	binder := true
	switch y := e.(type) {
	case *ast.Quant:
		bounds, body = y.Bounds, y.Body
	case *ast.Choose:
		bounds, body = []*ast.Bound{y.Bound}, y.Body
	case *ast.SetFilter:
		bounds, body = []*ast.Bound{y.Bound}, y.Pred
	case *ast.SetMap:
		bounds, body = y.Bounds, y.Elem
	case *ast.FuncLit:
		bounds, body = y.Bounds, y.Body
	default:
		binder = false
	}
	if binder {
		var names []*ast.Ident
		var sets []ast.Expr
		for _, bd := range bounds {
			names = append(names, bd.Names...)
			if bd.Set != nil {
				sets = append(sets, bd.Set)
			}
		}
		switch s.Kind {
		case ast.SelArgs, ast.SelAt:
			for _, id := range names {
				st.params = append(st.params, &ast.Param{Span: id.Span, Name: id})
			}
			if s.Kind == ast.SelArgs {
				if len(s.Args) != len(names) {
					compileErr(l, "Selector with %d argument(s) used for quantifier with %d bound identifier(s).", len(s.Args), len(names))
				}
				st.args = append(st.args, s.Args...)
			} else {
				st.ops += len(names)
			}
			st.cur = body
			return
		}
		n := argNum(s, len(sets))
		if n < 0 {
			compileErr(l, "Nonexistent operand specified by `%s'.", selText(s))
		}
		st.cur = sets[n]
		return
	}
	if s.Kind == ast.SelArgs || s.Kind == ast.SelAt {
		compileErr(l, "`%s' selects the body of a quantifier, which this expression is not", selText(s))
	}
	var ops []ast.Expr
	switch y := e.(type) {
	case *ast.Let:
		if argNum(s, 1) != 0 {
			compileErr(l, "A LET/IN expression has only one operand.")
		}
		st.lets = append(st.lets, y)
		st.cur = y.Body
		return
	case *ast.Case:
		if len(rest) == 0 {
			compileErr(l, "Subexpression of CASE must have form !i!j.")
		}
		n := len(y.Arms)
		if y.Other != nil {
			n++
		}
		a := argNum(s, n)
		if a < 0 {
			compileErr(l, "Nonexistent operand specified by `%s'.", selText(s))
		}
		*i++
		j := argNum(rest[0], 2)
		if j < 0 {
			compileErr(l, "Second selector for CASE subexpression must specify one of two operands.")
		}
		if a == len(y.Arms) { // OTHER
			if j == 0 {
				compileErr(l, "Selecting OTHER in a CASE statement.")
			}
			st.cur = y.Other
			return
		}
		st.cur = []ast.Expr{y.Arms[a].Cond, y.Arms[a].Val}[j]
		return
	case *ast.Except:
		if argNum(s, 1+len(y.Updates)) != 0 {
			compileErr(l, "Selecting subexpression of an EXCEPT not yet implemented.")
		}
		st.cur = y.Fn
		return
	case *ast.OpApp:
		ops = y.Args
	case *ast.Infix:
		ops = []ast.Expr{y.X, y.Y}
	case *ast.PrefixExpr:
		ops = []ast.Expr{y.X}
	case *ast.PostfixExpr:
		ops = []ast.Expr{y.X}
	case *ast.Product:
		ops = y.Sets
	case *ast.SetEnum:
		ops = y.Elems
	case *ast.Tuple:
		ops = y.Elems
	case *ast.Junction:
		ops = y.Items
	case *ast.FuncApp:
		arg := y.Args[0]
		if len(y.Args) > 1 {
			arg = &ast.Tuple{Span: y.Span, Elems: y.Args}
		}
		ops = []ast.Expr{y.Fn, arg}
	case *ast.FuncSet:
		ops = []ast.Expr{y.Domain, y.Range}
	case *ast.Record:
		for _, f := range y.Fields {
			ops = append(ops, f.Expr)
		}
	case *ast.RecordSet:
		for _, f := range y.Fields {
			ops = append(ops, f.Expr)
		}
	case *ast.Select:
		ops = []ast.Expr{y.Rec, &ast.String{Span: y.Field.Span, Value: y.Field.Name}}
	case *ast.If:
		ops = []ast.Expr{y.Cond, y.Then, y.Else}
	case *ast.BoxAction:
		ops = []ast.Expr{y.Action, y.Sub}
	case *ast.Fairness:
		ops = []ast.Expr{y.Sub, y.Action}
	default:
		compileErr(l, "Choosing operand `%s' of subexpression with no operands.", selText(s))
	}
	n := argNum(s, len(ops))
	if n < 0 {
		compileErr(l, "Nonexistent operand specified by `%s'.", selText(s))
	}
	st.cur = ops[n]
}

// argNum is the 0-based operand a positional step selects among n, or -1.
func argNum(s *ast.Selector, n int) int {
	switch s.Kind {
	case ast.SelNum:
		if s.Num >= 1 && s.Num <= n {
			return s.Num - 1
		}
	case ast.SelFirst:
		if n >= 1 {
			return 0
		}
	case ast.SelSecond:
		if n >= 2 {
			return 1
		}
	}
	return -1
}

func selText(s *ast.Selector) string {
	switch s.Kind {
	case ast.SelNum:
		return strconv.Itoa(s.Num)
	case ast.SelFirst:
		return "<<"
	case ast.SelSecond:
		return ">>"
	case ast.SelColon:
		return ":"
	case ast.SelAt:
		return "@"
	case ast.SelArgs:
		return "(...)"
	}
	return s.Name.Name
}
