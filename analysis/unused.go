package analysis

import (
	"strings"

	"github.com/tlals/tlals/analysis/stdlib"
	"github.com/tlals/tlals/parser/ast"
)

// UnusedExtends returns the names in the root module's EXTENDS that
// denote standard modules nothing in the root's file uses: no name or
// operator resolved there is declared in the module or in one it extends.
// Only standard modules are judged: a user's module may be extended for
// the definitions its model (.cfg) names, which no TLA+ text refers to.
// A module with a PlusCal algorithm but no translation yet is not judged
// either: the algorithm's expressions will use what the translation does.
func (p *Program) UnusedExtends() []*ast.Ident {
	root := p.Root
	if root == nil || root.AST == nil || root.Info == nil {
		return nil
	}
	if root.AST.Algorithm != nil && root.AST.Translation == nil {
		return nil
	}
	used := map[*Module]bool{}
	for _, m := range p.Modules {
		if m.File != root.File || m.Info == nil {
			continue
		}
		for _, e := range m.Info.Uses {
			if e != nil && e.Module != nil {
				used[e.Module] = true
			}
		}
		for _, e := range m.Info.Ops {
			if e != nil && e.Module != nil {
				used[e.Module] = true
			}
		}
	}
	var out []*ast.Ident
	for _, id := range root.AST.Extends {
		var ext *Module
		for _, m := range root.Extends {
			if m.Name == id.Name {
				ext = m
			}
		}
		if ext == nil || !strings.HasPrefix(ext.Path, stdlib.Scheme+":") {
			continue
		}
		if !usesAny(ext, used, map[*Module]bool{}) {
			out = append(out, id)
		}
	}
	return out
}

// usesAny reports whether m, or a module m extends, is in used.
func usesAny(m *Module, used, seen map[*Module]bool) bool {
	if seen[m] {
		return false
	}
	seen[m] = true
	if used[m] {
		return true
	}
	for _, e := range m.Extends {
		if usesAny(e, used, seen) {
			return true
		}
	}
	return false
}
