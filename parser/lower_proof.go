package parser

import (
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/ast"
)

func (l *lowerer) theorem(n *sitter.Node) *ast.Theorem {
	t := &ast.Theorem{Span: l.span(n), Keyword: l.firstToken(n)}
	if nm := l.field(n, "name"); nm != nil {
		t.Name = l.ident(nm)
	}
	if st := l.field(n, "statement"); st != nil {
		t.Body = l.expr(st)
	} else {
		t.Body = &ast.BadExpr{Span: ast.Span{Start: t.End, End: t.End}}
	}
	if pr := l.field(n, "proof"); pr != nil {
		t.Proof = l.proof(pr)
	}
	return t
}

func (l *lowerer) assumeProve(n *sitter.Node) *ast.AssumeProve {
	ap := &ast.AssumeProve{Span: l.span(n)}
	for _, k := range l.fieldKids(n, "assumption") {
		switch l.typ(k) {
		case "new":
			ap.Assumes = append(ap.Assumes, l.newDecl(k))
		case "inner_assume_prove":
			ap.Assumes = append(ap.Assumes, l.innerAssumeProve(k))
		default:
			ap.Assumes = append(ap.Assumes, l.expr(k))
		}
	}
	if c := l.field(n, "conclusion"); c != nil {
		ap.Prove = l.expr(c)
	} else {
		ap.Prove = &ast.BadExpr{Span: ast.Span{Start: ap.End, End: ap.End}}
	}
	return ap
}

// innerAssumeProve is a nested ASSUME/PROVE, possibly labelled `lbl ::`.
func (l *lowerer) innerAssumeProve(n *sitter.Node) ast.Node {
	var name *sitter.Node
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "identifier":
			name = k
		case "assume_prove":
			ap := l.assumeProve(k)
			if name == nil {
				return ap
			}
			return &ast.Labeled{Span: l.span(n), Name: l.ident(name), Body: ap}
		}
	}
	return &ast.BadExpr{Span: l.span(n)}
}

func (l *lowerer) newDecl(n *sitter.Node) *ast.NewDecl {
	d := &ast.NewDecl{Span: l.span(n)}
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "statement_level":
			d.Level = l.text(k)
		case "identifier":
			d.Name = l.ident(k)
		case "operator_declaration":
			p := l.param(k)
			d.Name, d.Arity = p.Name, p.Arity
		case "set_in":
		default:
			if d.Name != nil && l.typ(k) != "ERROR" {
				d.Set = l.expr(k)
			}
		}
	}
	if d.Name == nil {
		d.Name = &ast.Ident{Span: ast.Span{Start: d.End, End: d.End}}
	}
	return d
}

func (l *lowerer) proof(n *sitter.Node) *ast.Proof {
	p := &ast.Proof{Span: l.span(n)}
	switch l.typ(n) {
	case "terminal_proof":
		switch {
		case l.hasToken(n, "BY"):
			p.Kind = "BY"
			p.Only = l.hasToken(n, "ONLY")
			for _, k := range l.named(n) {
				if l.typ(k) == "use_body" {
					p.Facts, p.Defs = l.useBody(k)
				}
			}
		case l.hasToken(n, "OBVIOUS"):
			p.Kind = "OBVIOUS"
		default:
			p.Kind = "OMITTED"
		}
	default: // non_terminal_proof
		p.Kind = "PROOF"
		for _, k := range l.named(n) {
			switch l.typ(k) {
			case "proof_step", "qed_step":
				p.Steps = append(p.Steps, l.proofStep(k))
			}
		}
	}
	return p
}

func (l *lowerer) proofStep(n *sitter.Node) *ast.ProofStep {
	s := &ast.ProofStep{Span: l.span(n)}
	if l.typ(n) == "qed_step" {
		s.Kind = "QED"
	}
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "proof_step_id":
			s.Label = strings.TrimRight(l.text(k), ".")
		case "terminal_proof", "non_terminal_proof":
			s.Proof = l.proof(k)
		case "definition_proof_step":
			s.Kind = "DEFINE"
			for _, d := range l.named(k) {
				s.Units = append(s.Units, l.unit(d))
			}
		case "have_proof_step", "witness_proof_step", "case_proof_step":
			s.Kind = strings.ToUpper(strings.TrimSuffix(l.typ(k), "_proof_step"))
			for _, e := range l.named(k) {
				switch l.typ(e) {
				case "terminal_proof", "non_terminal_proof":
					s.Proof = l.proof(e)
				default:
					s.Exprs = append(s.Exprs, l.expr(e))
				}
			}
		case "suffices_proof_step":
			s.Kind = "ASSERT"
			if l.hasToken(k, "SUFFICES") {
				s.Kind = "SUFFICES"
			}
			for _, e := range l.named(k) {
				switch l.typ(e) {
				case "terminal_proof", "non_terminal_proof":
					s.Proof = l.proof(e)
				default:
					s.Exprs = append(s.Exprs, l.expr(e))
				}
			}
		case "take_proof_step", "pick_proof_step":
			s.Kind = "TAKE"
			if l.typ(k) == "pick_proof_step" {
				s.Kind = "PICK"
			}
			for _, e := range l.named(k) {
				switch l.typ(e) {
				case "quantifier_bound":
					s.Bounds = append(s.Bounds, l.bound(e))
				case "identifier":
					s.Bounds = append(s.Bounds, &ast.Bound{Span: l.span(e), Names: []*ast.Ident{l.ident(e)}})
				case "terminal_proof", "non_terminal_proof":
					s.Proof = l.proof(e)
				default:
					s.Exprs = append(s.Exprs, l.expr(e))
				}
			}
		case "use_or_hide":
			u := l.useOrHide(k)
			s.Kind = "USE"
			if u.Hide {
				s.Kind = "HIDE"
			}
			s.Units = append(s.Units, u)
		case "instance":
			s.Kind = "INSTANCE"
			s.Units = append(s.Units, l.instance(k))
		}
	}
	return s
}

func (l *lowerer) useOrHide(n *sitter.Node) *ast.UseOrHide {
	u := &ast.UseOrHide{Span: l.span(n), Hide: l.firstToken(n) == "HIDE"}
	for _, k := range l.named(n) {
		if l.typ(k) == "use_body" {
			u.Facts, u.Defs = l.useBody(k)
		}
	}
	return u
}

// useBody lowers `facts DEF defs`. A `MODULE M` item becomes an OpApp whose
// name is "MODULE M" (with a space, so that it never resolves as an
// operator name by accident).
func (l *lowerer) useBody(n *sitter.Node) (facts, defs []ast.Expr) {
	items := func(part *sitter.Node) []ast.Expr {
		var out []ast.Expr
		for _, k := range l.named(part) {
			if l.typ(k) == "module_ref" {
				var name *sitter.Node
				if kn := l.named(k); len(kn) > 0 {
					name = kn[0]
				}
				id := &ast.Ident{Span: l.span(k), Name: "MODULE"}
				if name != nil {
					id.Name = "MODULE " + l.text(name)
				}
				out = append(out, &ast.OpApp{Span: l.span(k), Name: id})
				continue
			}
			out = append(out, l.opOrExpr(k))
		}
		return out
	}
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "use_body_expr":
			facts = items(k)
		case "use_body_def":
			defs = items(k)
		}
	}
	return facts, defs
}
