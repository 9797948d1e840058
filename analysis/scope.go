package analysis

import "sort"

// binding is one name in a scope. inst is set when the entity was imported
// by an unnamed INSTANCE, whose substitutions change its level.
type binding struct {
	ent  *Entity
	inst *instance
}

// Scope maps names to entities; lookups fall back to the parent. Most
// scopes hold a few parameters or bound variables: those stay in a slice,
// searched linearly, and only a scope that grows past smallScope names (a
// module's) gets a map.
type Scope struct {
	parent *Scope
	small  []scopeEntry
	names  map[string]*binding // all the names once there are more than smallScope
}

type scopeEntry struct {
	name string
	b    *binding
}

const smallScope = 8

func newScope(parent *Scope) *Scope { return &Scope{parent: parent} }

// get finds name in s itself.
func (s *Scope) get(name string) *binding {
	if s.names != nil {
		return s.names[name]
	}
	for i := range s.small {
		if s.small[i].name == name {
			return s.small[i].b
		}
	}
	return nil
}

// set binds name in s itself, replacing an earlier binding.
func (s *Scope) set(name string, b *binding) {
	if s.names != nil {
		s.names[name] = b
		return
	}
	for i := range s.small {
		if s.small[i].name == name {
			s.small[i].b = b
			return
		}
	}
	if len(s.small) < smallScope {
		s.small = append(s.small, scopeEntry{name, b})
		return
	}
	s.names = make(map[string]*binding, 2*smallScope)
	for _, e := range s.small {
		s.names[e.name] = e.b
	}
	s.small = nil
	s.names[name] = b
}

// each calls f for every name bound in s itself.
func (s *Scope) each(f func(name string, b *binding)) {
	for _, e := range s.small {
		f(e.name, e.b)
	}
	for n, b := range s.names {
		f(n, b)
	}
}

func (s *Scope) lookup(name string) *binding {
	for ; s != nil; s = s.parent {
		if b := s.get(name); b != nil {
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
		s.each(func(n string, _ *binding) {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		})
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
		chain[i].each(out.set)
	}
	return out
}
