package parser

import (
	"reflect"

	"github.com/tlals/tlals/parser/source"
)

var sourceSpanType = reflect.TypeOf(source.Span{})

// clampSpans moves every span of v (a pointer into the AST) that reaches
// past n back to n. The parser lowers the text with the `====` lines it
// added for modules left open (closeModules); the module nodes, and at most
// a node or two beside them, end in those lines, which the file does not
// have. Reflection keeps this to one place for every node type; it runs
// only on such texts (a new file being typed), which are small.
func clampSpans(v reflect.Value, n int, seen map[uintptr]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		clampSpans(v.Elem(), n, seen)
	case reflect.Interface:
		if !v.IsNil() {
			clampSpans(v.Elem(), n, seen)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			clampSpans(v.Index(i), n, seen)
		}
	case reflect.Struct:
		if v.Type() == sourceSpanType {
			if v.CanSet() {
				sp := v.Addr().Interface().(*source.Span)
				sp.Start, sp.End = min(sp.Start, n), min(sp.End, n)
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.CanSet() || f.Kind() == reflect.Pointer || f.Kind() == reflect.Slice || f.Kind() == reflect.Interface {
				clampSpans(f, n, seen)
			}
		}
	}
}
