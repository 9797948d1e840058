package parser

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
	"github.com/tlals/tlals/parser/testkit"
)

// TestShiftMatchesReflection checks the per-type shifter against a
// reflective deep copy that moves every source.Span field, on every unit
// of the corpus and of testdata: a field or node type the shifter misses
// shows up here. It also checks that no unit shares a node, which the
// shifter relies on.
func TestShiftMatchesReflection(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.tla")
	if root := testkit.FindCorpus(); root != "" {
		filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && filepath.Ext(path) == ".tla" {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) == 0 {
		t.Skip("no modules")
	}
	units := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res := Parse(context.Background(), f, src)
		if res.Module == nil {
			continue
		}
		var all []ast.Unit
		var collect func(us []ast.Unit)
		collect = func(us []ast.Unit) {
			for _, u := range us {
				all = append(all, u)
				if m, ok := u.(*ast.Module); ok && m != nil {
					collect(m.Units)
				}
			}
		}
		collect(res.Module.Units)
		for _, u := range all {
			if m, ok := u.(*ast.Module); ok && m.Algorithm != nil {
				continue
			}
			units++
			if p := sharedPointer(reflect.ValueOf(u), map[uintptr]bool{}); p != "" {
				t.Fatalf("%s: a unit shares a %s node", f, p)
			}
			got := shifter{delta: 7}.unit(u)
			want := reflectShift(reflect.ValueOf(&u).Elem(), 7).Interface()
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: shifting %T at %v differs from the reflective copy", f, u, u.Pos())
			}
			if sharedPointer(reflect.ValueOf([]ast.Unit{u, got}), map[uintptr]bool{}) != "" {
				t.Fatalf("%s: the shifted copy of %T at %v shares a node with the original", f, u, u.Pos())
			}
		}
	}
	t.Logf("%d units of %d files", units, len(files))
}

var shiftSpanType = reflect.TypeFor[source.Span]()

// reflectShift is a deep copy of v with every span moved by delta.
func reflectShift(v reflect.Value, delta int) reflect.Value {
	c := reflect.New(v.Type()).Elem()
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == shiftSpanType {
			sp := v.Interface().(source.Span)
			sp.Start += delta
			sp.End += delta
			c.Set(reflect.ValueOf(sp))
			return c
		}
		for i := range v.NumField() {
			c.Field(i).Set(reflectShift(v.Field(i), delta))
		}
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(reflectShift(v.Elem(), delta))
		c.Set(p)
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c.Set(reflectShift(v.Elem(), delta))
	case reflect.Slice:
		if v.Len() == 0 {
			return v
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			s.Index(i).Set(reflectShift(v.Index(i), delta))
		}
		c.Set(s)
	case reflect.Map, reflect.Array, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		panic("reflectShift: unexpected kind " + v.Kind().String())
	default:
		c.Set(v)
	}
	return c
}

// sharedPointer names the type of a node reached twice from v, or "".
func sharedPointer(v reflect.Value, seen map[uintptr]bool) string {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return ""
		}
		if seen[v.Pointer()] {
			return v.Type().String()
		}
		seen[v.Pointer()] = true
		return sharedPointer(v.Elem(), seen)
	case reflect.Interface:
		if !v.IsNil() {
			return sharedPointer(v.Elem(), seen)
		}
	case reflect.Slice:
		for i := range v.Len() {
			if p := sharedPointer(v.Index(i), seen); p != "" {
				return p
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if p := sharedPointer(v.Field(i), seen); p != "" {
				return p
			}
		}
	}
	return ""
}
