package analysis

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// TestModuleCacheReuse loads a root module again after each step of a
// session of edits, with a ModuleCache, and checks which imported modules
// were reused (the very same *Module) and that the diagnostics equal those
// of a Load without any cache.
func TestModuleCacheReuse(t *testing.T) {
	dir := t.TempDir()
	path := func(name string) string { return filepath.Join(dir, name+".tla") }
	files := map[string]string{
		"A": "---- MODULE A ----\nEXTENDS B\nA1 == B1 + 1\n====\n",
		"B": "---- MODULE B ----\nEXTENDS Naturals\nB1 == 1\n====\n",
		"C": "---- MODULE C ----\nEXTENDS Nowhere\nC1 == 1\n====\n",
	}
	overlay := func(p string) ([]byte, bool) {
		for name, text := range files {
			if path(name) == p {
				return []byte(text), true
			}
		}
		return nil, false
	}
	newLoader := func(modules *ModuleCache) *Loader {
		l := NewLoader()
		l.Overlay = overlay
		l.Modules = modules
		return l
	}
	cached := newLoader(NewModuleCache())
	root := func(body string) []byte {
		return []byte("---- MODULE R ----\nEXTENDS A, C\n" + body + "\n====\n")
	}
	earlier := map[*Module]bool{} // every module of the earlier loads
	steps := []struct {
		name   string
		edit   func()
		body   string
		reused []string // modules that must come from an earlier load
		fresh  []string // modules that must have been analysed again
	}{
		{"first load", func() {}, "R1 == A1", nil, []string{"A", "B", "C", "Naturals"}},
		{"root edited", func() {}, "R1 == A1 + undefined", []string{"A", "B", "Naturals"}, []string{"C"}},
		{"B edited", func() { files["B"] = "---- MODULE B ----\nEXTENDS Naturals\nB1 == 2\n====\n" }, "R1 == A1", []string{"Naturals"}, []string{"A", "B", "C"}},
		{"B now cycles back to A", func() { files["B"] = "---- MODULE B ----\nEXTENDS A\nB1 == 2\n====\n" }, "R1 == A1", nil, []string{"A", "B", "C"}},
		// B's text is back to the first one: its first analysis is reused.
		{"cycle removed", func() { files["B"] = "---- MODULE B ----\nEXTENDS Naturals\nB1 == 1\n====\n" }, "R1 == A1", []string{"Naturals", "B"}, []string{"A", "C"}},
		{"same again", func() {}, "R1 == A1", []string{"A", "B", "Naturals"}, []string{"C"}},
	}
	for _, st := range steps {
		st.edit()
		src := root(st.body)
		prog := cached.Load(context.Background(), path("R"), src)
		fresh := newLoader(nil).Load(context.Background(), path("R"), src)
		if got, want := fmt.Sprint(prog.Diagnostics()), fmt.Sprint(fresh.Diagnostics()); got != want {
			t.Fatalf("%s: diagnostics differ from a load without cache:\n  %s\n  %s", st.name, got, want)
		}
		if got, want := len(prog.ModuleList()), len(fresh.ModuleList()); got != want {
			t.Fatalf("%s: %d modules, want %d", st.name, got, want)
		}
		for _, name := range st.reused {
			if prog.Modules[name] == nil || !earlier[prog.Modules[name]] {
				t.Errorf("%s: module %s was analysed again", st.name, name)
			}
		}
		for _, name := range st.fresh {
			if prog.Modules[name] == nil || earlier[prog.Modules[name]] {
				t.Errorf("%s: module %s was reused", st.name, name)
			}
		}
		for _, m := range prog.Modules {
			earlier[m] = true
		}
	}
}
