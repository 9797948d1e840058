package parser

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/tlals/tlals/parser/ast"
)

// dumpAST prints an AST compactly, one node per line with its byte range
// and source text (shortened), for golden files:
//
//	OpDef 10-25 Local=false Name=Foo Fixity=0
//	  Body: Infix 17-25 Op="+" OpAt=19-20
func dumpAST(n ast.Node, src []byte) string {
	var b strings.Builder
	dumpValue(&b, reflect.ValueOf(n), src, 0, "")
	return b.String()
}

var (
	spanType  = reflect.TypeOf(ast.Span{})
	identType = reflect.TypeOf(&ast.Ident{})
)

func dumpValue(b *strings.Builder, v reflect.Value, src []byte, depth int, label string) {
	indent := strings.Repeat("  ", depth)
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if !v.IsValid() || (v.Kind() == reflect.Pointer && v.IsNil()) {
		return
	}
	if v.Type() == identType {
		id := v.Interface().(*ast.Ident)
		fmt.Fprintf(b, "%s%sIdent %d-%d %q\n", indent, label, id.Start, id.End, id.Name)
		return
	}
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	t := v.Type()
	var scalars []string
	var children []func()
	var sp ast.Span
	for i := 0; i < t.NumField(); i++ {
		f, fv := t.Field(i), v.Field(i)
		if f.Anonymous && f.Type == spanType {
			sp = fv.Interface().(ast.Span)
			continue
		}
		name := f.Name
		switch {
		case f.Type == spanType:
			s := fv.Interface().(ast.Span)
			scalars = append(scalars, fmt.Sprintf("%s=%d-%d", name, s.Start, s.End))
		case f.Type == reflect.TypeOf(&ast.Span{}):
			if !fv.IsNil() {
				s := fv.Interface().(*ast.Span)
				scalars = append(scalars, fmt.Sprintf("%s=%d-%d", name, s.Start, s.End))
			}
		case f.Type == identType:
			if !fv.IsNil() {
				id := fv.Interface().(*ast.Ident)
				scalars = append(scalars, fmt.Sprintf("%s=%q@%d-%d", name, id.Name, id.Start, id.End))
			}
		case fv.Kind() == reflect.String:
			if fv.String() != "" {
				scalars = append(scalars, fmt.Sprintf("%s=%q", name, fv.String()))
			}
		case fv.Kind() == reflect.Bool:
			if fv.Bool() {
				scalars = append(scalars, name)
			}
		case fv.Kind() == reflect.Int:
			if fv.Int() != 0 {
				scalars = append(scalars, fmt.Sprintf("%s=%d", name, fv.Int()))
			}
		case fv.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
			if fv.Len() > 0 {
				scalars = append(scalars, fmt.Sprintf("%s=%q", name, fv.Interface()))
			}
		case fv.Kind() == reflect.Slice:
			if name == "Comments" {
				continue // listed separately
			}
			if fv.IsNil() {
				continue
			}
			fv := fv
			children = append(children, func() {
				fmt.Fprintf(b, "%s  %s: [%d]\n", indent, name, fv.Len())
				for j := 0; j < fv.Len(); j++ {
					dumpValue(b, fv.Index(j), src, depth+2, "")
				}
			})
		default:
			fv := fv
			children = append(children, func() { dumpValue(b, fv, src, depth+1, name+": ") })
		}
	}
	text := ""
	if sp.End <= len(src) && sp.Start <= sp.End && sp.Start >= 0 {
		text = string(src[sp.Start:sp.End])
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			text = text[:i] + "…"
		}
		if len(text) > 40 {
			text = text[:40] + "…"
		}
	}
	fmt.Fprintf(b, "%s%s%s %d-%d %s  # %s\n", indent, label, t.Name(), sp.Start, sp.End, strings.Join(scalars, " "), text)
	for _, c := range children {
		c()
	}
}
