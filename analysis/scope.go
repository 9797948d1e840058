package analysis

import "sort"

// binding is one name in a scope. inst is set when the entity was imported
// by an unnamed INSTANCE, whose substitutions change its level.
type binding struct {
	ent  *Entity
	inst *instance
}

// Scope maps names to entities; lookups fall back to the parent.
type Scope struct {
	parent *Scope
	names  map[string]*binding
}

func newScope(parent *Scope) *Scope { return &Scope{parent: parent, names: map[string]*binding{}} }

func (s *Scope) lookup(name string) *binding {
	for ; s != nil; s = s.parent {
		if b, ok := s.names[name]; ok {
			return b
		}
	}
	return nil
}

// Lookup returns the entity a name denotes here, or nil.
func (s *Scope) Lookup(name string) *Entity {
	if b := s.lookup(name); b != nil {
		return b.ent
	}
	return nil
}

// Names lists every name visible in s, sorted (for completion).
func (s *Scope) Names() []string {
	seen := map[string]bool{}
	var out []string
	for ; s != nil; s = s.parent {
		for n := range s.names {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

// flatten copies every visible binding into one scope, so that later
// additions to s do not show through (used for the PlusCal and nested
// module snapshots).
func (s *Scope) flatten() *Scope {
	out := newScope(nil)
	var chain []*Scope
	for c := s; c != nil; c = c.parent {
		chain = append(chain, c)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		for n, b := range chain[i].names {
			out.names[n] = b
		}
	}
	return out
}
