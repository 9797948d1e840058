package parser

import (
	"strconv"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/scan"
)

// opOrExpr lowers an argument that may be an operator symbol or a LAMBDA.
func (l *lowerer) opOrExpr(n *sitter.Node) ast.Expr {
	switch l.typ(n) {
	case "prefix_op_symbol", "infix_op_symbol", "postfix_op_symbol":
		return &ast.OpApp{Span: l.span(n), Name: l.opName(n)}
	case "lambda":
		if !l.enter(n) {
			l.leave()
			return &ast.BadExpr{Span: l.span(n)}
		}
		defer l.leave()
		lam := &ast.Lambda{Span: l.span(n)}
		kids := l.named(n)
		for i, k := range kids {
			if l.typ(k) == "identifier" && i < len(kids)-1 {
				lam.Params = append(lam.Params, l.ident(k))
			}
		}
		if len(kids) > 0 {
			lam.Body = l.expr(kids[len(kids)-1])
		} else {
			lam.Body = &ast.BadExpr{Span: ast.Span{Start: lam.End, End: lam.End}}
		}
		return lam
	}
	return l.expr(n)
}

func (l *lowerer) exprs(ns []*sitter.Node) []ast.Expr {
	out := make([]ast.Expr, 0, len(ns))
	for _, n := range ns {
		if l.typ(n) == "ERROR" {
			continue
		}
		out = append(out, l.expr(n))
	}
	return out
}

// bound lowers quantifier_bound: `x, y \in S` or `<<x, y>> \in S`.
func (l *lowerer) bound(n *sitter.Node) *ast.Bound {
	b := &ast.Bound{Span: l.span(n)}
	for _, in := range l.fieldKids(n, "intro") {
		if l.typ(in) == "tuple_of_identifiers" {
			b.Tuple = true
			for _, id := range l.named(in) {
				if l.typ(id) == "identifier" {
					b.Names = append(b.Names, l.ident(id))
				}
			}
		} else if l.typ(in) == "identifier" {
			b.Names = append(b.Names, l.ident(in))
		}
	}
	if s := l.field(n, "set"); s != nil {
		b.Set = l.expr(s)
	} else {
		b.Set = &ast.BadExpr{Span: ast.Span{Start: b.End, End: b.End}}
	}
	return b
}

// expr lowers any expression node.
func (l *lowerer) expr(n *sitter.Node) ast.Expr {
	if n == nil {
		return &ast.BadExpr{}
	}
	sp := l.span(n)
	if !l.enter(n) {
		l.leave()
		return &ast.BadExpr{Span: sp}
	}
	defer l.leave()
	if l.info(n).missing {
		return &ast.BadExpr{Span: sp}
	}
	switch l.typ(n) {
	case "nat_number":
		t := l.text(n)
		return &ast.Number{Span: sp, Text: t, Digits: t, Base: 10}
	case "real_number":
		t := l.text(n)
		return &ast.Number{Span: sp, Text: t, Digits: t, Base: 10, Decimal: true}
	case "binary_number", "octal_number", "hex_number":
		num := &ast.Number{Span: sp, Text: l.text(n), Base: map[string]int{"binary_number": 2, "octal_number": 8, "hex_number": 16}[l.typ(n)]}
		for _, k := range l.named(n) {
			if l.typ(k) == "value" {
				num.Digits = l.text(k)
			}
		}
		return num
	case "string":
		return &ast.String{Span: sp, Value: l.stringValue(n)}
	case "boolean":
		return &ast.Bool{Span: sp, Value: l.text(n) == "TRUE"}
	case "string_set", "boolean_set", "nat_number_set", "int_number_set", "real_number_set":
		return &ast.OpApp{Span: sp, Name: &ast.Ident{Span: sp, Name: canonicalSet[l.typ(n)]}}
	case "parentheses":
		return &ast.Paren{Span: sp, X: l.only(n)}
	case "label":
		lb := &ast.Labeled{Span: sp, Name: l.nameOf(n)}
		for _, p := range l.fieldKids(n, "parameter") {
			if l.typ(p) == "identifier_ref" || l.typ(p) == "identifier" {
				lb.Params = append(lb.Params, l.ident(p))
			}
		}
		lb.Body = l.exprOrBad(l.field(n, "expression"), sp)
		return lb
	case "subexpression":
		return l.subexpression(n)
	case "proof_step_ref":
		return &ast.StepRef{Span: sp, Label: l.text(n)}
	case "identifier_ref", "identifier":
		return &ast.OpApp{Span: sp, Name: l.ident(n)}
	case "bound_op":
		return l.boundOp(n, nil)
	case "bound_nonfix_op":
		return l.nonfixOp(n)
	case "prefixed_op":
		return l.prefixedOp(n)
	case "bound_prefix_op":
		sym := l.field(n, "symbol")
		op := l.opName(sym)
		return &ast.PrefixExpr{Span: sp, Op: op.Name, OpAt: op.Span, X: l.exprOrBad(l.field(n, "rhs"), sp)}
	case "bound_infix_op":
		return l.infix(n)
	case "bound_postfix_op":
		sym := l.field(n, "symbol")
		op := l.opName(sym)
		return &ast.PostfixExpr{Span: sp, Op: op.Name, OpAt: op.Span, X: l.exprOrBad(l.field(n, "lhs"), sp)}
	case "bounded_quantification", "unbounded_quantification":
		return l.quant(n)
	case "choose":
		c := &ast.Choose{Span: sp}
		b := &ast.Bound{}
		if in := l.field(n, "intro"); in != nil {
			b.Span = l.span(in)
			if l.typ(in) == "tuple_of_identifiers" {
				b.Tuple = true
				for _, id := range l.named(in) {
					if l.typ(id) == "identifier" {
						b.Names = append(b.Names, l.ident(id))
					}
				}
			} else {
				b.Names = []*ast.Ident{l.ident(in)}
			}
		}
		if s := l.field(n, "set"); s != nil {
			b.Set = l.expr(s)
			b.End = l.span(s).End
		}
		c.Bound = b
		c.Body = l.exprOrBad(l.field(n, "expression"), sp)
		return c
	case "finite_set_literal":
		return &ast.SetEnum{Span: sp, Elems: l.exprs(l.named(n))}
	case "set_filter":
		f := &ast.SetFilter{Span: sp}
		if g := l.field(n, "generator"); g != nil {
			f.Bound = l.bound(g)
		} else {
			f.Bound = &ast.Bound{Span: sp}
		}
		f.Pred = l.exprOrBad(l.field(n, "filter"), sp)
		return f
	case "set_map":
		m := &ast.SetMap{Span: sp, Elem: l.exprOrBad(l.field(n, "map"), sp)}
		for _, g := range l.fieldKids(n, "generator") {
			if l.typ(g) == "quantifier_bound" {
				m.Bounds = append(m.Bounds, l.bound(g))
			}
		}
		return m
	case "function_evaluation":
		kids := l.named(n)
		app := &ast.FuncApp{Span: sp}
		if len(kids) > 0 {
			app.Fn = l.expr(kids[0])
			app.Args = l.exprs(kids[1:])
		} else {
			app.Fn = &ast.BadExpr{Span: sp}
		}
		return app
	case "function_literal":
		f := &ast.FuncLit{Span: sp}
		for _, k := range l.named(n) {
			switch l.typ(k) {
			case "quantifier_bound":
				f.Bounds = append(f.Bounds, l.bound(k))
			case "all_map_to", "ERROR":
			default:
				f.Body = l.expr(k)
			}
		}
		if f.Body == nil {
			f.Body = &ast.BadExpr{Span: ast.Span{Start: sp.End, End: sp.End}}
		}
		return f
	case "set_of_functions":
		var parts []ast.Expr
		for _, k := range l.named(n) {
			if l.typ(k) != "maps_to" && l.typ(k) != "ERROR" {
				parts = append(parts, l.expr(k))
			}
		}
		for len(parts) < 2 {
			parts = append(parts, &ast.BadExpr{Span: ast.Span{Start: sp.End, End: sp.End}})
		}
		return &ast.FuncSet{Span: sp, Domain: parts[0], Range: parts[1]}
	case "record_literal":
		return &ast.Record{Span: sp, Fields: l.fields(n)}
	case "set_of_records":
		return &ast.RecordSet{Span: sp, Fields: l.fields(n)}
	case "record_value":
		kids := l.named(n)
		sel := &ast.Select{Span: sp}
		if len(kids) >= 2 {
			sel.Rec, sel.Field = l.expr(kids[0]), l.ident(kids[len(kids)-1])
		} else {
			sel.Rec, sel.Field = &ast.BadExpr{Span: sp}, &ast.Ident{Span: ast.Span{Start: sp.End, End: sp.End}}
		}
		return sel
	case "except":
		return l.except(n)
	case "prev_func_val":
		return &ast.At{Span: sp}
	case "tuple_literal":
		var elems []ast.Expr
		for _, k := range l.named(n) {
			if l.typ(k) != "langle_bracket" && l.typ(k) != "rangle_bracket" && l.typ(k) != "ERROR" {
				elems = append(elems, l.expr(k))
			}
		}
		return &ast.Tuple{Span: sp, Elems: elems}
	case "step_expr_or_stutter", "step_expr_no_stutter":
		b := &ast.BoxAction{Span: sp, Angle: l.typ(n) == "step_expr_no_stutter"}
		var parts []ast.Expr
		for _, k := range l.named(n) {
			switch l.typ(k) {
			case "langle_bracket", "rangle_bracket_sub", "ERROR":
			default:
				parts = append(parts, l.expr(k))
			}
		}
		for len(parts) < 2 {
			parts = append(parts, &ast.BadExpr{Span: ast.Span{Start: sp.End, End: sp.End}})
		}
		b.Action, b.Sub = parts[0], parts[1]
		return b
	case "fairness":
		f := &ast.Fairness{Span: sp, Strong: l.firstToken(n) == "SF_"}
		parts := l.exprs(l.named(n))
		for len(parts) < 2 {
			parts = append(parts, &ast.BadExpr{Span: ast.Span{Start: sp.End, End: sp.End}})
		}
		f.Sub, f.Action = parts[0], parts[1]
		return f
	case "if_then_else":
		return &ast.If{Span: sp,
			Cond: l.exprOrBad(l.field(n, "if"), sp),
			Then: l.exprOrBad(l.field(n, "then"), sp),
			Else: l.exprOrBad(l.field(n, "else"), sp)}
	case "case":
		c := &ast.Case{Span: sp}
		for _, k := range l.named(n) {
			switch l.typ(k) {
			case "case_arm":
				arm := &ast.CaseArm{Span: l.span(k)}
				var parts []ast.Expr
				for _, e := range l.named(k) {
					if l.typ(e) != "case_arrow" && l.typ(e) != "ERROR" {
						parts = append(parts, l.expr(e))
					}
				}
				for len(parts) < 2 {
					parts = append(parts, &ast.BadExpr{Span: ast.Span{Start: arm.End, End: arm.End}})
				}
				arm.Cond, arm.Val = parts[0], parts[1]
				c.Arms = append(c.Arms, arm)
			case "other_arm":
				c.Other = l.lastNamedExpr(k)
			}
		}
		return c
	case "let_in":
		let := &ast.Let{Span: sp}
		for _, d := range l.fieldKids(n, "definitions") {
			if l.typ(d) != "ERROR" {
				let.Defs = append(let.Defs, l.unit(d))
			}
		}
		let.Body = l.exprOrBad(l.field(n, "expression"), sp)
		return let
	case "conj_list", "disj_list":
		return l.junction(n)
	case "assume_prove":
		return l.assumeProve(n)
	case "lambda", "prefix_op_symbol", "infix_op_symbol", "postfix_op_symbol":
		return l.opOrExpr(n)
	}
	return &ast.BadExpr{Span: sp}
}

func (l *lowerer) exprOrBad(n *sitter.Node, parent ast.Span) ast.Expr {
	if n == nil {
		return &ast.BadExpr{Span: ast.Span{Start: parent.End, End: parent.End}}
	}
	return l.expr(n)
}

// only lowers the single expression child of a wrapper node.
func (l *lowerer) only(n *sitter.Node) ast.Expr {
	for _, k := range l.named(n) {
		if l.typ(k) != "ERROR" {
			return l.expr(k)
		}
	}
	sp := l.span(n)
	return &ast.BadExpr{Span: ast.Span{Start: sp.End, End: sp.End}}
}

func (l *lowerer) lastNamedExpr(n *sitter.Node) ast.Expr {
	kids := l.named(n)
	for i := len(kids) - 1; i >= 0; i-- {
		switch l.typ(kids[i]) {
		case "ERROR", "case_arrow":
			continue
		}
		return l.expr(kids[i])
	}
	sp := l.span(n)
	return &ast.BadExpr{Span: ast.Span{Start: sp.End, End: sp.End}}
}

// infix lowers bound_infix_op; `\X` chains become one n-ary Product.
func (l *lowerer) infix(n *sitter.Node) ast.Expr {
	sp := l.span(n)
	sym := l.field(n, "symbol")
	lhs, rhs := l.field(n, "lhs"), l.field(n, "rhs")
	if sym == nil {
		return &ast.BadExpr{Span: sp}
	}
	op := l.opName(sym)
	if op.Name == "\\X" {
		// Collect the left spine of unparenthesized products iteratively,
		// so that a long chain costs no extra nesting.
		var rights []*sitter.Node
		left := n
		for left != nil && l.typ(left) == "bound_infix_op" {
			s := l.field(left, "symbol")
			if s == nil || l.opName(s).Name != "\\X" {
				break
			}
			rights = append(rights, l.field(left, "rhs"))
			left = l.field(left, "lhs")
		}
		p := &ast.Product{Span: sp}
		p.Sets = append(p.Sets, l.exprOrBad(left, sp))
		for i := len(rights) - 1; i >= 0; i-- {
			p.Sets = append(p.Sets, l.exprOrBad(rights[i], sp))
		}
		return p
	}
	return &ast.Infix{Span: sp, Op: op.Name, OpAt: op.Span, X: l.exprOrBad(lhs, sp), Y: l.exprOrBad(rhs, sp)}
}

func (l *lowerer) quant(n *sitter.Node) ast.Expr {
	sp := l.span(n)
	q := &ast.Quant{Span: sp}
	if qn := l.field(n, "quantifier"); qn != nil {
		switch l.typ(qn) {
		case "exists":
			q.Kind = ast.Exists
		case "temporal_forall":
			q.Kind = ast.TemporalForall
		case "temporal_exists":
			q.Kind = ast.TemporalExists
		}
	}
	if l.typ(n) == "bounded_quantification" {
		for _, b := range l.fieldKids(n, "bound") {
			if l.typ(b) == "quantifier_bound" {
				q.Bounds = append(q.Bounds, l.bound(b))
			}
		}
	} else {
		b := &ast.Bound{}
		for i, id := range l.fieldKids(n, "intro") {
			if l.typ(id) != "identifier" {
				continue
			}
			if i == 0 {
				b.Start = l.span(id).Start
			}
			b.End = l.span(id).End
			b.Names = append(b.Names, l.ident(id))
		}
		q.Bounds = []*ast.Bound{b}
	}
	q.Body = l.exprOrBad(l.field(n, "expression"), sp)
	return q
}

func (l *lowerer) fields(n *sitter.Node) []*ast.Field {
	var out []*ast.Field
	var cur *ast.Field
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "identifier":
			cur = &ast.Field{Span: l.span(k), Name: l.ident(k)}
			out = append(out, cur)
		case "all_map_to", "ERROR":
		default:
			if cur != nil && cur.Expr == nil {
				cur.Expr = l.expr(k)
				cur.End = l.span(k).End
			}
		}
	}
	for _, f := range out {
		if f.Expr == nil {
			f.Expr = &ast.BadExpr{Span: ast.Span{Start: f.End, End: f.End}}
		}
	}
	return out
}

func (l *lowerer) except(n *sitter.Node) ast.Expr {
	sp := l.span(n)
	e := &ast.Except{Span: sp, Fn: l.exprOrBad(l.field(n, "expr_to_update"), sp)}
	for _, u := range l.named(n) {
		if l.typ(u) != "except_update" {
			continue
		}
		up := &ast.ExceptUpdate{Span: l.span(u)}
		if spec := l.firstOfType(u, "except_update_specifier"); spec != nil {
			for _, st := range l.named(spec) {
				ps := &ast.PathStep{Span: l.span(st)}
				switch l.typ(st) {
				case "except_update_record_field":
					if id := l.firstOfType(st, "identifier_ref"); id != nil {
						ps.Field = l.ident(id)
					} else {
						ps.Field = &ast.Ident{Span: ast.Span{Start: ps.End, End: ps.End}}
					}
				case "except_update_fn_appl":
					ps.Index = l.exprs(l.named(st))
				default:
					continue
				}
				up.Path = append(up.Path, ps)
			}
		}
		up.Val = l.exprOrBad(l.field(u, "new_val"), up.Span)
		e.Updates = append(e.Updates, up)
	}
	return e
}

func (l *lowerer) firstOfType(n *sitter.Node, typ string) *sitter.Node {
	for _, k := range l.named(n) {
		if l.typ(k) == typ {
			return k
		}
	}
	return nil
}

// boundOp lowers `Op(a, b)` with an optional instance prefix.
func (l *lowerer) boundOp(n *sitter.Node, prefix []*ast.PrefixPart) *ast.OpApp {
	app := &ast.OpApp{Span: l.span(n), Prefix: prefix, Name: l.ident(l.field(n, "name"))}
	if app.Name == nil {
		app.Name = &ast.Ident{Span: ast.Span{Start: app.Start, End: app.Start}}
	}
	app.Args = []ast.Expr{}
	for _, a := range l.fieldKids(n, "parameter") {
		if l.typ(a) != "ERROR" {
			app.Args = append(app.Args, l.opOrExpr(a))
		}
	}
	return app
}

// prefixPath lowers the `A!B(x)!` components of a subexpr_prefix that name
// modules or operators; rest gets the textual path after the first
// component that is not a name (a tree navigation like `1`, `<<`, `:`).
func (l *lowerer) prefixPath(n *sitter.Node) (parts []*ast.PrefixPart, rest []string, sels []*ast.Selector) {
	for _, c := range l.named(n) {
		if len(rest) == 0 && l.typ(c) == "subexpr_component" {
			innerKids := l.named(c)
			if len(innerKids) == 0 {
				continue
			}
			inner := innerKids[0]
			p := &ast.PrefixPart{Span: l.span(c)}
			switch l.typ(inner) {
			case "bound_op":
				op := l.boundOp(inner, nil)
				p.Name, p.Args = op.Name, op.Args
			case "bound_nonfix_op":
				op := l.nonfixOp(inner)
				p.Name, p.Args = op.Name, op.Args
			case "prefix_op_symbol", "infix_op_symbol", "postfix_op_symbol":
				p.Name = l.opName(inner)
			default:
				p.Name = l.ident(inner)
			}
			parts = append(parts, p)
			continue
		}
		if l.typ(c) == "ERROR" {
			continue
		}
		rest = append(rest, l.text(c))
		sels = append(sels, l.selector(c))
	}
	return parts, rest, sels
}

// selector lowers one step of a subexpression name after the first that
// is not a name: a subexpr_component, a subexpr_tree_nav or the name
// ending a prefixed_op.
func (l *lowerer) selector(c *sitter.Node) *ast.Selector {
	sel := &ast.Selector{Span: l.span(c)}
	inner := c
	if t := l.typ(c); t == "subexpr_component" || t == "subexpr_tree_nav" {
		if kids := l.named(c); len(kids) > 0 {
			inner = kids[0]
		}
	}
	switch l.typ(inner) {
	case "child_id":
		sel.Kind = ast.SelNum
		sel.Num, _ = strconv.Atoi(l.text(inner))
	case "langle_bracket":
		sel.Kind = ast.SelFirst
	case "rangle_bracket":
		sel.Kind = ast.SelSecond
	case "colon":
		sel.Kind = ast.SelColon
	case "address":
		sel.Kind = ast.SelAt
	case "operator_args":
		sel.Kind = ast.SelArgs
		sel.Args = []ast.Expr{}
		for _, a := range l.named(inner) {
			if l.typ(a) != "ERROR" {
				sel.Args = append(sel.Args, l.opOrExpr(a))
			}
		}
	case "bound_op":
		op := l.boundOp(inner, nil)
		sel.Name, sel.Args = op.Name, op.Args
	case "bound_nonfix_op":
		op := l.nonfixOp(inner)
		sel.Name, sel.Args = op.Name, op.Args
	case "prefix_op_symbol", "infix_op_symbol", "postfix_op_symbol":
		sel.Name = l.opName(inner)
	default:
		sel.Name = l.ident(inner)
	}
	return sel
}

func (l *lowerer) prefixedOp(n *sitter.Node) ast.Expr {
	sp := l.span(n)
	parts, rest, sels := l.prefixPath(l.field(n, "prefix"))
	op := l.field(n, "op")
	if len(rest) > 0 || op == nil {
		if op != nil {
			sels = append(sels, l.selector(op))
		}
		return &ast.SubexprRef{Span: sp, Head: l.headOf(parts), Path: append(rest, l.textOrEmpty(op)), Sels: sels}
	}
	var app *ast.OpApp
	switch l.typ(op) {
	case "bound_op":
		app = l.boundOp(op, parts)
	case "bound_nonfix_op":
		app = l.nonfixOp(op)
		app.Prefix = parts
	default:
		app = &ast.OpApp{Prefix: parts, Name: l.ident(op)}
		if c, ok := canonicalSet[l.typ(op)]; ok {
			app.Name.Name = c
		}
	}
	app.Span = sp
	return app
}

// nonfixOp lowers `+(a, b)`: an operator symbol applied like a name.
func (l *lowerer) nonfixOp(n *sitter.Node) *ast.OpApp {
	app := &ast.OpApp{Span: l.span(n)}
	if sym := l.field(n, "symbol"); sym != nil {
		app.Name = l.opName(sym)
	} else {
		app.Name = &ast.Ident{Span: ast.Span{Start: app.Start, End: app.Start}}
	}
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "prefix_op_symbol", "infix_op_symbol", "postfix_op_symbol", "ERROR":
		default:
			app.Args = append(app.Args, l.expr(k))
		}
	}
	return app
}

func (l *lowerer) textOrEmpty(n *sitter.Node) string {
	if n == nil {
		return ""
	}
	return l.text(n)
}

// headOf turns prefix parts into the OpApp naming the operator a
// subexpression reference starts from: all parts but the last are its
// instance path.
func (l *lowerer) headOf(parts []*ast.PrefixPart) *ast.OpApp {
	if len(parts) == 0 {
		return nil // a path from a proof step (`<1>4!1`): no name to resolve
	}
	last := parts[len(parts)-1]
	head := &ast.OpApp{Span: ast.Span{Start: parts[0].Start, End: last.End}, Name: last.Name, Args: last.Args}
	if len(parts) > 1 {
		head.Prefix = parts[:len(parts)-1]
	}
	// The component's span includes its `!`? No: subexpr_component ends
	// before the `!`, so the head ends at the last name.
	return head
}

func (l *lowerer) subexpression(n *sitter.Node) ast.Expr {
	sp := l.span(n)
	var parts []*ast.PrefixPart
	var rest []string
	var sels []*ast.Selector
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "subexpr_prefix":
			parts, rest, sels = l.prefixPath(k)
		case "subexpr_tree_nav":
			rest = append(rest, l.text(k))
			sels = append(sels, l.selector(k))
		}
	}
	return &ast.SubexprRef{Span: sp, Head: l.headOf(parts), Path: rest, Sels: sels}
}

// stringValue resolves the escapes of a string literal. TLA+ knows \" \\
// \n \t \r \f; any other escape keeps its character and is reported.
func (l *lowerer) stringValue(n *sitter.Node) string {
	sp := l.span(n)
	raw := string(l.src[sp.Start:sp.End])
	return scan.Unquote(raw, func(at int) {
		l.errorf(ast.Span{Start: sp.Start + at, End: sp.Start + at + 2}, "unknown escape `\\%c` in a string (TLA+ knows \\\" \\\\ \\n \\t \\r \\f)", raw[at+1])
	})
}
