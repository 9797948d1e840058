package eval

import (
	"github.com/tlals/tlals/parser/ast"
)

// TLC's order of the variables in a printed state.
//
// TLC prints a state's variables in the order of its variable array,
// tlc2.tool.impl.SpecProcessor's copy of the root module's
// ModuleNode.getVariableDecls(). SANY builds that array from the module's
// symbol table, a java.util.Hashtable (the reference jar's
// tla2sany.semantic.Context), enumerated and then reversed: the order is
// neither the declaration order nor alphabetical, it follows the names'
// String.hashCode and the table's size when each name was added. For a
// variable u added before v: in the final table, the one in the lower
// bucket comes first; in the same bucket, the chain order (newest first,
// reversed by each rehash that keeps them together) decides.
//
// The table holds every name of the module's context: SANY's built-in
// operators, the non-LOCAL names of each EXTENDS module (skipping those
// already present), then the module's own declarations and definitions,
// LOCAL ones too, with the definitions an INSTANCE imports (I!Op for a
// named one), named theorems and assumptions, and nested modules. Only the
// number of names matters besides the variables' own hashes, but the names
// are kept to count a name imported twice once.

// sanyKind is what a name of SANY's context is.
type sanyKind uint8

const (
	skDecl   sanyKind = iota // CONSTANT or VARIABLE
	skDef                    // operator or function definition
	skInst                   // I == INSTANCE M (ModuleInstanceKind)
	skThm                    // named THEOREM, ASSUME, AXIOM, ...
	skModule                 // a nested module
	skBuiltin
)

type sanyName struct {
	name     string
	kind     sanyKind
	local    bool
	variable bool
}

// sanyCtx is a module's context, names in the order added.
type sanyCtx struct {
	names []sanyName
	at    map[string]int
}

// put adds n, or replaces the name's meaning (a definition after its
// RECURSIVE declaration) as Hashtable.put does, without adding a name.
func (c *sanyCtx) put(n sanyName) {
	if i, ok := c.at[n.name]; ok {
		c.names[i] = n
		return
	}
	c.at[n.name] = len(c.names)
	c.names = append(c.names, n)
}

// merge adds n unless the name is present (Context.mergeExtendContext).
func (c *sanyCtx) merge(n sanyName) {
	if _, ok := c.at[n.name]; !ok {
		c.put(n)
	}
}

// sanyBuiltins is the number of SANY's built-in operators every module's
// context starts with (tlcBuiltins up to $Suffices).
func sanyBuiltins() []string {
	for i, s := range tlcBuiltins {
		if s == "$Suffices" {
			return tlcBuiltins[:i+1]
		}
	}
	return nil
}

type sanyOrder struct {
	std    func(name string) ([]string, bool) // a standard module's exported names
	load   func(name string) *ast.Module      // a module of the spec
	nested map[string]*ast.Module
	memo   map[*ast.Module]*sanyCtx
	busy   map[*ast.Module]bool
}

// moduleCtx is the context of the module named name; nil when unknown.
func (o *sanyOrder) moduleCtx(name string) *sanyCtx {
	if m := o.nested[name]; m != nil {
		return o.ctxOf(m)
	}
	if names, ok := o.std(name); ok {
		c := &sanyCtx{at: map[string]int{}}
		for _, n := range names {
			c.put(sanyName{name: n, kind: skDef})
		}
		return c
	}
	if o.load != nil {
		if m := o.load(name); m != nil {
			return o.ctxOf(m)
		}
	}
	return nil
}

func (o *sanyOrder) ctxOf(m *ast.Module) *sanyCtx {
	if c := o.memo[m]; c != nil {
		return c
	}
	c := &sanyCtx{at: map[string]int{}}
	if o.busy[m] { // a circular EXTENDS, which SANY rejects
		return c
	}
	o.busy[m] = true
	defer delete(o.busy, m)
	for _, b := range sanyBuiltins() {
		c.put(sanyName{name: b, kind: skBuiltin})
	}
	for _, ext := range m.Extends {
		if e := o.moduleCtx(ext.Name); e != nil {
			for _, n := range e.names {
				if !n.local && n.kind != skBuiltin {
					c.merge(n)
				}
			}
		}
	}
	for _, u := range m.Units {
		switch x := u.(type) {
		case *ast.VarDecl:
			for _, id := range x.Names {
				c.put(sanyName{name: id.Name, kind: skDecl, variable: true})
			}
		case *ast.ConstDecl:
			for _, d := range x.Decls {
				c.put(sanyName{name: d.Name.Name, kind: skDecl})
			}
		case *ast.RecursiveDecl:
			for _, d := range x.Decls {
				c.put(sanyName{name: d.Name.Name, kind: skDef})
			}
		case *ast.OpDef:
			c.put(sanyName{name: x.Name.Name, kind: skDef, local: x.Local})
		case *ast.FuncDef:
			c.put(sanyName{name: x.Name.Name, kind: skDef, local: x.Local})
		case *ast.Instance:
			// INSTANCE M: M's definitions and theorems, not its named
			// instances themselves
			if e := o.moduleCtx(x.Module.Name); e != nil {
				for _, n := range e.names {
					if !n.local && (n.kind == skDef || n.kind == skThm) {
						c.merge(sanyName{name: n.name, kind: n.kind, local: x.Local})
					}
				}
			}
		case *ast.ModuleDef:
			// I == INSTANCE M: I!Op for each definition, named instance
			// and theorem of M, then I
			if x.Instance != nil {
				if e := o.moduleCtx(x.Instance.Module.Name); e != nil {
					for _, n := range e.names {
						if !n.local && (n.kind == skDef || n.kind == skInst || n.kind == skThm) {
							c.put(sanyName{name: x.Name.Name + "!" + n.name, kind: n.kind, local: x.Local})
						}
					}
				}
			}
			c.put(sanyName{name: x.Name.Name, kind: skInst, local: x.Local})
		case *ast.Assume:
			if x.Name != nil {
				c.put(sanyName{name: x.Name.Name, kind: skThm})
			}
		case *ast.Theorem:
			if x.Name != nil {
				c.put(sanyName{name: x.Name.Name, kind: skThm})
			}
		case *ast.Module:
			if x.Name != nil {
				// a module name is a key of its own kind (SymbolTable.ModuleName)
				c.put(sanyName{name: "\x00module " + x.Name.Name, kind: skModule})
			}
		}
	}
	o.memo[m] = c
	return c
}

// javaStringHash is java.lang.String.hashCode of s.
func javaStringHash(s string) int32 {
	var h int32
	for _, r := range s {
		if r >= 0x10000 { // a surrogate pair in UTF-16
			r -= 0x10000
			h = 31*h + int32(0xD800+(r>>10))
			r = 0xDC00 + r&0x3FF
		}
		h = 31*h + int32(r)
	}
	return h
}

// javaHashtableOrder is the order java.util.Hashtable (initial capacity
// 11, load factor 0.75) enumerates keys put in the given order (all
// distinct): buckets from the last, each chain from its head.
func javaHashtableOrder(keys []string) []string {
	type entry struct {
		key  string
		hash int32
		next *entry
	}
	tab := make([]*entry, 11)
	threshold := 8
	count := 0
	index := func(h int32, n int) int { return int(h&0x7FFFFFFF) % n }
	for _, k := range keys {
		h := javaStringHash(k)
		if count >= threshold { // Hashtable.rehash
			old := tab
			tab = make([]*entry, 2*len(old)+1)
			threshold = int(float64(len(tab)) * 0.75)
			for i := len(old) - 1; i >= 0; i-- {
				for e := old[i]; e != nil; {
					next := e.next
					j := index(e.hash, len(tab))
					e.next, tab[j] = tab[j], e
					e = next
				}
			}
		}
		j := index(h, len(tab))
		tab[j] = &entry{key: k, hash: h, next: tab[j]}
		count++
	}
	out := make([]string, 0, count)
	for i := len(tab) - 1; i >= 0; i-- {
		for e := tab[i]; e != nil; e = e.next {
			out = append(out, e.key)
		}
	}
	return out
}

// sanyVarOrder is the order in which TLC prints the variables of the root
// module m: each a variable's name.
func (o *sanyOrder) varOrder(m *ast.Module) []string {
	c := o.ctxOf(m)
	keys := make([]string, len(c.names))
	isVar := map[string]bool{}
	for i, n := range c.names {
		keys[i] = n.name
		if n.variable {
			isVar[n.name] = true
		}
	}
	enum := javaHashtableOrder(keys)
	var out []string
	for i := len(enum) - 1; i >= 0; i-- { // ModuleNode.getVariableDecls reverses
		if isVar[enum[i]] {
			out = append(out, enum[i])
		}
	}
	return out
}

// printOrder sets p.PrintOrder: the indices of p.Vars in TLC's order.
func (p *Program) printOrder(root *ast.Module, load Loader) {
	o := &sanyOrder{
		std: func(name string) ([]string, bool) {
			s, ok := tlcStdModules[name]
			return s.exports, ok
		},
		nested: map[string]*ast.Module{},
		memo:   map[*ast.Module]*sanyCtx{},
		busy:   map[*ast.Module]bool{},
	}
	if load != nil {
		o.load = func(name string) *ast.Module {
			if m, err := load(name); err == nil && m != nil {
				return m.AST
			}
			return nil
		}
	}
	for _, u := range root.Units {
		if x, ok := u.(*ast.Module); ok && x.Name != nil {
			o.nested[x.Name.Name] = x
		}
	}
	at := make(map[string]int, len(p.Vars))
	for i, v := range p.Vars {
		at[v] = i
	}
	order := make([]int, 0, len(p.Vars))
	done := make([]bool, len(p.Vars))
	for _, v := range o.varOrder(root) {
		if i, ok := at[v]; ok && !done[i] {
			order = append(order, i)
			done[i] = true
		}
	}
	for i := range p.Vars { // any the walk missed keeps its place after
		if !done[i] {
			order = append(order, i)
		}
	}
	p.PrintOrder = order
}
