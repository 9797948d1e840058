package format

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/tlals/tlals/parser/ast"
)

var (
	spanType    = reflect.TypeOf(ast.Span{})
	spanPtrType = reflect.TypeOf(&ast.Span{})
	commentType = reflect.TypeOf(ast.Comment{})
)

// shapeValue prints v with every position left out: spans, and the
// column of a junction's bullets (their alignment is what the tree's
// structure already says).
func shapeValue(b *bytes.Buffer, v reflect.Value) {
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		if v.Kind() == reflect.Interface {
			v = v.Elem()
			continue
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		b.WriteString(t.Name())
		b.WriteByte('{')
		for i := 0; i < t.NumField(); i++ {
			fl := t.Field(i)
			if fl.Type == spanType || fl.Type == spanPtrType || (t.Name() == "Junction" && fl.Name == "Column") {
				continue
			}
			b.WriteString(fl.Name)
			b.WriteByte(':')
			switch {
			case t == commentType && fl.Name == "Text":
				fmt.Fprintf(b, "%q", trimLines(v.Field(i).String()))
			case t.Name() == "SubexprRef" && fl.Name == "Path":
				// The path is kept as written: `!(1,2)` and `!(1, 2)`.
				p := v.Field(i)
				for j := 0; j < p.Len(); j++ {
					fmt.Fprintf(b, "%q,", strings.Join(strings.Fields(p.Index(j).String()), ""))
				}
			default:
				shapeValue(b, v.Field(i))
			}
			b.WriteByte(' ')
		}
		b.WriteByte('}')
	case reflect.Slice:
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			shapeValue(b, v.Index(i))
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case reflect.String:
		b.Write(strconv.AppendQuote(b.AvailableBuffer(), v.String()))
	case reflect.Int:
		b.Write(strconv.AppendInt(b.AvailableBuffer(), v.Int(), 10))
	case reflect.Bool:
		b.Write(strconv.AppendBool(b.AvailableBuffer(), v.Bool()))
	default:
		fmt.Fprint(b, v.Interface())
	}
}

// trimLines drops the trailing whitespace of every line.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	return strings.Join(lines, "\n")
}
