package ast

// Inspect traverses the tree rooted at n in depth-first order, calling f for
// each node before its children; f returning false skips the children.
// Nil children are not visited.
func Inspect(n Node, f func(Node) bool) {
	if isNil(n) || !f(n) {
		return
	}
	for _, c := range Children(n) {
		Inspect(c, f)
	}
}

// isNil catches typed nil pointers stored in interfaces.
func isNil(n Node) bool {
	if n == nil {
		return true
	}
	switch v := n.(type) {
	case *Module:
		return v == nil
	case *Proof:
		return v == nil
	case *Block:
		return v == nil
	case *Algorithm:
		return v == nil
	case *Instance:
		return v == nil
	case *Bound:
		return v == nil
	case *Ident:
		return v == nil
	case *StmtLabel:
		return v == nil
	case *OpApp:
		return v == nil
	}
	return false
}

type kids []Node

func (k *kids) add(ns ...Node) {
	for _, n := range ns {
		if !isNil(n) {
			*k = append(*k, n)
		}
	}
}

func (k *kids) exprs(es []Expr) {
	for _, e := range es {
		if e != nil {
			*k = append(*k, e)
		}
	}
}

func (k *kids) idents(is []*Ident) {
	for _, i := range is {
		k.add(i)
	}
}

func (k *kids) bounds(bs []*Bound) {
	for _, b := range bs {
		k.add(b)
	}
}

func (k *kids) units(us []Unit) {
	for _, u := range us {
		k.add(u)
	}
}

func (k *kids) params(ps []*Param) {
	for _, p := range ps {
		k.add(p)
	}
}

func (k *kids) vars(vs []*PVarDecl) {
	for _, v := range vs {
		k.add(v)
	}
}

func (k *kids) path(ps []*PathStep) {
	for _, p := range ps {
		k.add(p)
	}
}

func (k *kids) expr(e Expr) {
	if e != nil {
		k.add(e)
	}
}

func (k *kids) label(s Stmt) {
	if l := s.StmtLabel(); l != nil {
		k.add(l)
	}
}

// Children returns n's direct children in source order.
func Children(n Node) []Node {
	var k kids
	switch n := n.(type) {
	case *Module:
		k.add(n.Name)
		k.idents(n.Extends)
		k.units(n.Units)
		if n.Algorithm != nil {
			k.add(n.Algorithm)
		}
	case *VarDecl:
		k.idents(n.Names)
	case *OpDecl:
		k.add(n.Name)
	case *ConstDecl:
		for _, d := range n.Decls {
			k.add(d)
		}
	case *RecursiveDecl:
		for _, d := range n.Decls {
			k.add(d)
		}
	case *Param:
		k.add(n.Name)
	case *OpDef:
		k.add(n.Name)
		k.params(n.Params)
		k.expr(n.Body)
	case *FuncDef:
		k.add(n.Name)
		k.bounds(n.Bounds)
		k.expr(n.Body)
	case *Instance:
		k.add(n.Module)
		for _, s := range n.Substs {
			k.add(s)
		}
	case *Subst:
		k.add(n.Name)
		k.expr(n.Expr)
	case *ModuleDef:
		k.add(n.Name)
		k.params(n.Params)
		if n.Instance != nil {
			k.add(n.Instance)
		}
	case *Assume:
		k.add(n.Name)
		k.expr(n.Expr)
	case *Theorem:
		k.add(n.Name)
		k.expr(n.Body)
		if n.Proof != nil {
			k.add(n.Proof)
		}
	case *UseOrHide:
		k.exprs(n.Facts)
		k.exprs(n.Defs)
	case *Proof:
		k.exprs(n.Facts)
		k.exprs(n.Defs)
		for _, s := range n.Steps {
			k.add(s)
		}
	case *ProofStep:
		k.bounds(n.Bounds)
		k.exprs(n.Exprs)
		k.units(n.Units)
		if n.Proof != nil {
			k.add(n.Proof)
		}
	case *AssumeProve:
		k.add(n.Assumes...)
		k.expr(n.Prove)
	case *NewDecl:
		k.add(n.Name)
		k.expr(n.Set)
	case *OpApp:
		for _, p := range n.Prefix {
			k.add(p)
		}
		k.add(n.Name)
		k.exprs(n.Args)
	case *PrefixPart:
		k.add(n.Name)
		k.exprs(n.Args)
	case *Infix:
		k.expr(n.X)
		k.expr(n.Y)
	case *PrefixExpr:
		k.expr(n.X)
	case *PostfixExpr:
		k.expr(n.X)
	case *Product:
		k.exprs(n.Sets)
	case *Paren:
		k.expr(n.X)
	case *Bound:
		k.idents(n.Names)
		k.expr(n.Set)
	case *Quant:
		k.bounds(n.Bounds)
		k.expr(n.Body)
	case *Choose:
		k.add(n.Bound)
		k.expr(n.Body)
	case *SetEnum:
		k.exprs(n.Elems)
	case *SetFilter:
		k.add(n.Bound)
		k.expr(n.Pred)
	case *SetMap:
		k.expr(n.Elem)
		k.bounds(n.Bounds)
	case *FuncLit:
		k.bounds(n.Bounds)
		k.expr(n.Body)
	case *FuncApp:
		k.expr(n.Fn)
		k.exprs(n.Args)
	case *FuncSet:
		k.expr(n.Domain)
		k.expr(n.Range)
	case *Field:
		k.add(n.Name)
		k.expr(n.Expr)
	case *Record:
		for _, f := range n.Fields {
			k.add(f)
		}
	case *RecordSet:
		for _, f := range n.Fields {
			k.add(f)
		}
	case *Select:
		k.expr(n.Rec)
		k.add(n.Field)
	case *Except:
		k.expr(n.Fn)
		for _, u := range n.Updates {
			k.add(u)
		}
	case *ExceptUpdate:
		k.path(n.Path)
		k.expr(n.Val)
	case *PathStep:
		k.add(n.Field)
		k.exprs(n.Index)
	case *Tuple:
		k.exprs(n.Elems)
	case *If:
		k.expr(n.Cond)
		k.expr(n.Then)
		k.expr(n.Else)
	case *Case:
		for _, a := range n.Arms {
			k.add(a)
		}
		k.expr(n.Other)
	case *CaseArm:
		k.expr(n.Cond)
		k.expr(n.Val)
	case *Let:
		k.units(n.Defs)
		k.expr(n.Body)
	case *Junction:
		k.exprs(n.Items)
	case *Lambda:
		k.idents(n.Params)
		k.expr(n.Body)
	case *Labeled:
		k.add(n.Name)
		k.idents(n.Params)
		k.expr(n.Body)
	case *BoxAction:
		k.expr(n.Action)
		k.expr(n.Sub)
	case *Fairness:
		k.expr(n.Sub)
		k.expr(n.Action)
	case *SubexprRef:
		k.add(n.Head)
	// PlusCal
	case *Algorithm:
		k.add(n.Name)
		k.vars(n.Vars)
		k.units(n.Defines)
		for _, m := range n.Macros {
			k.add(m)
		}
		for _, p := range n.Procedures {
			k.add(p)
		}
		for _, p := range n.Processes {
			k.add(p)
		}
		if n.Body != nil {
			k.add(n.Body)
		}
	case *PVarDecl:
		k.add(n.Name)
		k.expr(n.Init)
	case *Macro:
		k.add(n.Name)
		k.idents(n.Params)
		k.add(n.Body)
	case *Procedure:
		k.add(n.Name)
		k.vars(n.Params)
		k.vars(n.Vars)
		k.add(n.Body)
	case *Process:
		k.add(n.Name)
		k.expr(n.ID)
		k.vars(n.Vars)
		k.add(n.Body)
	case *Block:
		for _, s := range n.Stmts {
			k.add(s)
		}
	case *StmtLabel:
		k.add(n.Name)
	case *Assign:
		k.label(n)
		for _, p := range n.Parts {
			k.add(p)
		}
	case *AssignPart:
		k.add(n.Var)
		k.path(n.Path)
		k.expr(n.Rhs)
	case *PIf:
		k.label(n)
		k.expr(n.Cond)
		k.add(n.Then)
		k.add(n.Else)
	case *While:
		k.label(n)
		k.expr(n.Cond)
		k.add(n.Body)
	case *Either:
		k.label(n)
		for _, b := range n.Branches {
			k.add(b)
		}
	case *With:
		k.label(n)
		k.vars(n.Binds)
		k.add(n.Body)
	case *Await:
		k.label(n)
		k.expr(n.Cond)
	case *Print:
		k.label(n)
		k.expr(n.Expr)
	case *Assert:
		k.label(n)
		k.expr(n.Expr)
	case *Skip:
		k.label(n)
	case *Return:
		k.label(n)
	case *Goto:
		k.label(n)
		k.add(n.Target)
	case *Call:
		k.label(n)
		k.add(n.Proc)
		k.exprs(n.Args)
	case *MacroCall:
		k.label(n)
		k.add(n.Name)
		k.exprs(n.Args)
	case *BlockStmt:
		k.label(n)
		k.add(n.Block)
	case *BadStmt:
		k.label(n)
	}
	return k
}
