package eval

import (
	"sort"
	"unicode/utf16"
)

// TLCVarOrder returns the indexes of the state variables (p.Vars) in the
// order TLC keeps them in its states: the order it prints them in traces
// and compares them in when it picks the least state of a symmetry orbit.
// TLC takes the variables from the root module's symbol table (SANY's
// Context, a java.util.Hashtable keyed by the names) and reverses its
// enumeration (ModuleNode.getVariableDecls). A Hashtable enumerates its
// buckets from the last to the first, a bucket being the Java hash of the
// name modulo the table's capacity, which grows 11, 23, 47, ... as the
// table fills past three quarters; so TLC's order is by bucket, ascending.
// The capacity depends on how many names the module's table holds (its
// definitions, declarations and those of the modules it extends): counted
// here from the root's definitions, which can stray from SANY's count near
// a capacity's bound. Variables in one bucket keep their declaration
// order (the table's chains can reverse it after a rehash).
func (p *Program) TLCVarOrder() []int {
	n := sanyBuiltins
	if p.Root != nil {
		n += len(p.Root.defs) + len(p.Root.insts)
		for _, in := range p.Root.insts {
			n += len(in.defs) // I!D for each definition D of the instance
		}
	}
	return tlcOrder(p.Vars, n)
}

// tlcOrder orders the variables vars as the enumeration of a Hashtable of n
// names, reversed (see TLCVarOrder).
func tlcOrder(vars []string, n int) []int {
	capacity, threshold := 11, 8
	for n > threshold {
		capacity = 2*capacity + 1
		threshold = capacity * 3 / 4
	}
	bucket := func(name string) int {
		return int(javaHash(name)&0x7FFFFFFF) % capacity
	}
	order := make([]int, len(vars))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return bucket(vars[order[a]]) < bucket(vars[order[b]])
	})
	return order
}

// sanyBuiltins is the number of names in the symbol table of a module that
// declares and extends nothing: TLA+'s built-in operators.
const sanyBuiltins = 72

// javaHash is Java's String.hashCode: s[0]*31^(n-1) + ... over the UTF-16
// code units, in 32 bits.
func javaHash(s string) uint32 {
	var h uint32
	for _, u := range utf16.Encode([]rune(s)) {
		h = 31*h + uint32(u)
	}
	return h
}
