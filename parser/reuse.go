package parser

import (
	"bytes"
	"reflect"
	"slices"
	"sync"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Reusing lowered units. Tree-sitter's incremental parse re-creates the
// units around an edit and, TLA+ definitions being delimited by GLR
// ambiguities (fragile subtrees), usually every unit after it too; their
// text, however, is unchanged. A Document remembers the lowered AST of each
// unit of a top-level module by its text (from the start of its first line,
// so the column and everything lowering reads are included); the next parse
// neither reads the subtrees of units with the same text through cgo nor
// lowers them again, and shifts a copy of their AST when they moved. Only
// error-free units are remembered (error recovery may depend on context),
// and none whose lowering depended on state outside it (the once-only
// nesting error); TestIncrementalMatchesFresh compares with fresh parses.

// loweredUnit is one lowered unit of a previous parse.
type loweredUnit struct {
	key    string // the text from the start of the unit's first line
	unit   ast.Unit
	meta   nodeMeta // the node's facts when lowered
	rawEnd int      // the node's end before trailing comments were cut
	errors []Error  // lowering errors inside the unit
}

// unitCache is what a Document keeps of one parse for the next.
type unitCache struct {
	units map[string]*loweredUnit // by key
	// reused counts the units this parse took from the previous one
	// (for tests).
	reused int
}

// unitKey is the text of the unit spanning [start, end) from the start of
// its line.
func unitKey(src []byte, start, end int) []byte {
	return src[bytes.LastIndexByte(src[:start], '\n')+1 : end]
}

// reusable finds the top units of tree that c lowered before: the sorted
// ids of their nodes (whose subtrees need not be read) and the lowering
// of each by id.
func (c *unitCache) reusable(tree *sitter.Tree, src []byte) ([]uint64, map[uintptr]*loweredUnit) {
	if c == nil || len(c.units) == 0 {
		return nil, nil
	}
	var skip []uint64
	reuse := map[uintptr]*loweredUnit{}
	for _, t := range topNodes(tree) {
		start, end := int(t.start), int(t.end)
		if t.has_error != 0 || start > end || end > len(src) {
			continue
		}
		// The node type too: a top node that is not a unit is lowered
		// elsewhere, from its children.
		if u := c.units[string(unitKey(src, start, end))]; u != nil && u.meta.typ == grammarNames().symbol(uint16(t.symbol)) {
			skip = append(skip, uint64(t.id))
			reuse[uintptr(t.id)] = u
		}
	}
	slices.Sort(skip)
	return skip, reuse
}

// reuseUnit returns the remembered lowering of f, shifted to where f is
// now, and records it for the next parse.
func (l *lowerer) reuseUnit(f *flatNode) ast.Unit {
	r := f.reused
	delta := f.meta.start - r.meta.start
	if delta != 0 {
		if l.shift == nil {
			l.shift = &shifter{seen: map[unsafe.Pointer]reflect.Value{}, plans: map[reflect.Type][]int{}}
		}
		// The memo is per unit: two units with the same text share one
		// remembered lowering, and each needs its own copy.
		s := l.shift
		if len(s.seen) > 256 {
			s.seen = map[unsafe.Pointer]reflect.Value{} // clearing a large map is slow
		} else {
			clear(s.seen)
		}
		s.delta = delta
		shifted := &loweredUnit{
			key:    r.key,
			unit:   s.unit(r.unit),
			meta:   f.meta,
			rawEnd: r.rawEnd + delta,
			errors: make([]Error, len(r.errors)),
		}
		for i, e := range r.errors {
			e.Span.Start += delta
			e.Span.End += delta
			shifted.errors[i] = e
		}
		r = shifted
	}
	l.errors = append(l.errors, r.errors...)
	l.reused++
	if l.lowered != nil {
		l.lowered[r.key] = r
	}
	return r.unit
}

// remember records the fresh lowering of the unit f.
func (l *lowerer) remember(f *flatNode, u ast.Unit, errorsBefore int) {
	if l.lowered == nil || l.tooDeep || f.hasError {
		return
	}
	key := string(unitKey(l.src, f.meta.start, f.rawEnd))
	l.lowered[key] = &loweredUnit{key: key, unit: u, meta: f.meta, rawEnd: f.rawEnd, errors: slices.Clone(l.errors[errorsBefore:])}
}

// shifter deep-copies AST nodes, moving every span by delta. Nodes shared
// within a unit stay shared in the copy (analysis keys tables by node).
// Each struct is copied whole, then only the fields that hold spans or
// lead to them are fixed up in place.
type shifter struct {
	delta int
	seen  map[unsafe.Pointer]reflect.Value
	plans map[reflect.Type][]int // a local copy of fixPlans, without locking
}

var astSpanType = reflect.TypeFor[source.Span]()

// unit returns the shifted copy of u.
func (s *shifter) unit(u ast.Unit) ast.Unit {
	v := reflect.New(reflect.TypeFor[ast.Unit]()).Elem()
	v.Set(reflect.ValueOf(u))
	s.fix(v)
	return v.Interface().(ast.Unit)
}

// pointer returns the shifted copy of what the non-nil pointer v points to.
func (s *shifter) pointer(v reflect.Value) reflect.Value {
	if c, ok := s.seen[v.UnsafePointer()]; ok {
		return c
	}
	c := reflect.New(v.Type().Elem())
	c.Elem().Set(v.Elem())
	s.seen[v.UnsafePointer()] = c
	s.fix(c.Elem())
	return c
}

// fix shifts the addressable value v, a shallow copy, in place.
func (s *shifter) fix(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == astSpanType {
			sp := (*source.Span)(v.Addr().UnsafePointer())
			sp.Start += s.delta
			sp.End += s.delta
			return
		}
		t := v.Type()
		plan, ok := s.plans[t]
		if !ok {
			plan = fieldsToFix(t)
			s.plans[t] = plan
		}
		for _, i := range plan {
			s.fix(v.Field(i))
		}
	case reflect.Pointer:
		if !v.IsNil() && needsFix(v.Type().Elem()) {
			v.Set(s.pointer(v))
		}
	case reflect.Slice:
		if v.Len() > 0 && needsFix(v.Type().Elem()) {
			c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			reflect.Copy(c, v)
			for i := range c.Len() {
				s.fix(c.Index(i))
			}
			v.Set(c)
		}
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		e := v.Elem()
		if e.Kind() == reflect.Pointer {
			if !e.IsNil() && needsFix(e.Type().Elem()) {
				v.Set(s.pointer(e))
			}
			return
		}
		c := reflect.New(e.Type()).Elem()
		c.Set(e)
		s.fix(c)
		v.Set(c)
	case reflect.Map, reflect.Array, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		// The AST has none of these; a new field of such a kind must be
		// taught here rather than shared with a stale position.
		panic("parser: cannot shift AST field of kind " + v.Kind().String())
	}
}

// fixPlans caches, per struct type, the fields fix must visit.
var fixPlans sync.Map // reflect.Type -> []int

func fieldsToFix(t reflect.Type) []int {
	if p, ok := fixPlans.Load(t); ok {
		return p.([]int)
	}
	var plan []int
	for i := range t.NumField() {
		if needsFix(t.Field(i).Type) {
			plan = append(plan, i)
		}
	}
	fixPlans.Store(t, plan)
	return plan
}

// needsFix reports whether a value of type t may hold a span. Pointers
// and interfaces may (AST types are recursive through them).
func needsFix(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		return true
	case reflect.Slice:
		return needsFix(t.Elem())
	case reflect.Struct:
		return t == astSpanType || len(fieldsToFix(t)) > 0
	case reflect.Map, reflect.Array, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return true // fix reports them
	default:
		return false
	}
}
