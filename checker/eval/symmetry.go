package eval

import (
	"sync"
	"unsafe"
)

// Permutation is a symmetry permutation: a function from model values to
// model values.
type Permutation struct {
	f *FcnV
	// byRank[r] is the image of the model value of rank r (nil: not
	// renamed), so renaming a value is an index, not a search.
	byRank []mvImage
}

type mvImage struct {
	from, to *ModelValue
}

// Permutations evaluates a SYMMETRY set into permutations.
func Permutations(v Value) ([]Permutation, error) {
	elems, err := enumerate(v)
	if err != nil {
		return nil, err
	}
	out := make([]Permutation, 0, len(elems))
	for _, e := range elems {
		n, err := normalize(e)
		if err != nil {
			return nil, err
		}
		f, ok := n.(*FcnV)
		if !ok {
			return nil, verr("a symmetry set must contain permutations (functions), not " + Pretty(e))
		}
		out = append(out, Permutation{f: f})
	}
	for _, p := range out {
		if !injective(p.f) {
			return nil, verr("a symmetry set must contain permutations, but " + Pretty(p.f) + " maps two values to one")
		}
	}
	group := closeGroup(out)
	for i := range group {
		group[i].index()
	}
	return group, nil
}

func injective(f *FcnV) bool {
	img := append([]Value(nil), f.Vals...)
	return len(mkSet(img).elems) == len(f.Vals)
}

// index builds byRank. Model values of one run have distinct ranks.
func (p *Permutation) index() {
	for i, to := range p.f.Vals {
		from, ok1 := p.f.DomainAt(i).(*ModelValue)
		img, ok2 := to.(*ModelValue)
		if !ok1 || !ok2 || from.Rank <= 0 || from.Rank > 1<<16 {
			p.byRank = nil // not model values: Apply searches f
			return
		}
		for int(from.Rank) >= len(p.byRank) {
			p.byRank = append(p.byRank, mvImage{})
		}
		if from.Name != img.Name {
			p.byRank[from.Rank] = mvImage{from, img}
		}
	}
}

// closeGroup closes perms under composition, as TLC uses the subgroup the
// symmetry set generates.
func closeGroup(perms []Permutation) []Permutation {
	var dom []Value
	seenDom := map[string]bool{}
	for _, p := range perms {
		for i := range p.f.Vals {
			d := p.f.DomainAt(i)
			if k := Format(d); !seenDom[k] {
				seenDom[k] = true
				dom = append(dom, d)
			}
		}
	}
	norm := func(apply func(Value) Value) Permutation {
		vals := make([]Value, len(dom))
		for i, d := range dom {
			vals[i] = apply(d)
		}
		return Permutation{f: mkFcn(append([]Value(nil), dom...), vals)}
	}
	seen := map[string]bool{}
	var group []Permutation
	add := func(p Permutation) bool {
		k := Format(p.f)
		if seen[k] {
			return false
		}
		seen[k] = true
		group = append(group, p)
		return true
	}
	for _, p := range perms {
		add(norm(p.Apply))
	}
	for i := 0; i < len(group) && len(group) < 1<<16; i++ {
		for j := 0; j < len(perms); j++ {
			a, b := group[i], perms[j]
			add(norm(func(v Value) Value { return a.Apply(b.Apply(v)) }))
		}
	}
	return group
}

// LeastImage is the image of the state vals, over perms and the identity,
// that TLC's value order makes smallest, comparing variable by variable in
// declaration order (TLC's representative of the symmetry orbit: with a
// VIEW, TLC evaluates the view on this state).
func LeastImage(vals []Value, perms []Permutation) []Value {
	best := vals
	img := make([]Value, len(vals))
	for k := range perms {
		c := 0
		for i, v := range vals {
			img[i] = perms[k].Apply(v)
			if c == 0 {
				if c = compare(img[i], best[i]); c > 0 {
					break
				}
			}
		}
		if c < 0 {
			best, img = img, make([]Value, len(vals))
		}
	}
	return best
}

// Apply renames the model values in v.
func (p Permutation) Apply(v Value) Value {
	img, _ := p.apply(v)
	return img
}

// apply renames the model values in v; changed is false (and img is v)
// when v has none the permutation moves, so unchanged parts of a state are
// shared, not rebuilt.
func (p *Permutation) apply(v Value) (img Value, changed bool) {
	switch x := v.(type) {
	case Bool, Int, Str:
		return v, false
	case *ModelValue:
		if p.byRank != nil {
			if int(x.Rank) < len(p.byRank) {
				if m := p.byRank[x.Rank]; m.from != nil && m.from.Name == x.Name {
					return m.to, true
				}
			}
			return x, false
		}
		if i, ok := p.f.lookup(x); ok {
			to := p.f.Vals[i]
			return to, !equal(to, x)
		}
		return x, false
	case *SetV:
		var out []Value
		for i, e := range x.elems {
			ie, ch := p.apply(e)
			if ch && out == nil {
				out = make([]Value, len(x.elems))
				copy(out, x.elems[:i])
			}
			if out != nil {
				out[i] = ie
			}
		}
		if out == nil {
			return x, false
		}
		return sortedSet(out), true
	case *FcnV:
		vals := p.applyAll(x.Vals)
		var dom []Value
		if !x.Seq {
			dom = p.applyAll(x.Dom)
		}
		switch {
		case vals == nil && dom == nil:
			return x, false
		case dom == nil:
			return &FcnV{Dom: x.Dom, Vals: vals, Seq: x.Seq, Rep: x.Rep}, true
		}
		if vals == nil {
			vals = append([]Value(nil), x.Vals...)
		}
		return sortedFcn(dom, vals), true
	case *OpValue:
		return v, false
	}
	// lazy values: rename their canonical form
	return p.apply(mustNorm(v))
}

// applyAll renames each of vs; nil when none changes.
func (p *Permutation) applyAll(vs []Value) []Value {
	var out []Value
	for i, e := range vs {
		ie, ch := p.apply(e)
		if ch && out == nil {
			out = make([]Value, len(vs))
			copy(out, vs[:i])
		}
		if out != nil {
			out[i] = ie
		}
	}
	return out
}

// The symmetric fingerprint of a state is the smallest, over the
// permutations and the identity, of a hash of the renamed state. It need
// not be the state's ordinary fingerprint, only the same for states of one
// orbit and different otherwise (see symVec).

// vecSlot caches, for one value (by address), its hashes under every
// permutation: vec (the identity last), or h alone when no permutation
// moves a model value in it (fixed).
type vecSlot struct {
	p     unsafe.Pointer
	fixed bool
	h     uint64
	vec   []uint64
}

const symCacheBits = 12

var symPool = sync.Pool{New: func() any { return new(FPCache) }}

// SymmetricFingerprint identifies the state's orbit under perms.
func SymmetricFingerprint(vals []Value, perms []Permutation) uint64 {
	return (*FPCache)(nil).Symmetric(vals, perms)
}

// Symmetric is SymmetricFingerprint with the cache (nil: none).
func (fc *FPCache) Symmetric(vals []Value, perms []Permutation) uint64 {
	if fc == nil {
		fc = symPool.Get().(*FPCache)
		defer symPool.Put(fc)
	}
	fc.symFor(perms)
	n := len(perms) + 1 // the identity last
	if cap(fc.symRows) < n*len(vals) {
		fc.symRows = make([]uint64, n*len(vals))
	}
	rows := fc.symRows[:n*len(vals)]
	for i, v := range vals {
		row := rows[i*n : (i+1)*n]
		if h, vec := fc.symVec(v); vec == nil {
			for k := range row {
				row[k] = h
			}
		} else {
			copy(row, vec)
		}
	}
	var best uint64
	for k := 0; k < n; k++ {
		h := fpWord(fpWord(fpSeed, tagFcn), uint64(len(vals)))
		for i := range vals {
			h = fpWord(h, rows[i*n+k])
		}
		if fp := finish(h); k == 0 || fp < best {
			best = fp
		}
	}
	return best
}

// symFor readies the cache for perms: the values' hashes depend on them.
func (fc *FPCache) symFor(perms []Permutation) {
	var first *Permutation
	if len(perms) > 0 {
		first = &perms[0]
	}
	if fc.sym != nil && fc.symPerms == first && fc.symN == len(perms)+1 {
		return
	}
	if fc.sym == nil {
		fc.sym = make([]vecSlot, 1<<symCacheBits)
	}
	for i := range fc.sym {
		fc.sym[i].p = nil
	}
	fc.symPerms, fc.symN, fc.perms = first, len(perms)+1, perms
}

// rename is x's image under p (nil: the identity).
func (p *Permutation) rename(x *ModelValue) Value {
	if p == nil {
		return x
	}
	if p.byRank != nil {
		if int(x.Rank) < len(p.byRank) {
			if m := p.byRank[x.Rank]; m.from != nil && m.from.Name == x.Name {
				return m.to
			}
		}
		return x
	}
	if i, ok := p.f.lookup(x); ok {
		return p.f.Vals[i]
	}
	return x
}

// symVec hashes v renamed by each permutation of fc.perms (the identity
// last): vec, or h alone (vec nil) when no permutation changes the hash.
// A set hashes the sum of its elements' hashes and a function that of its
// (argument, value) pairs', which renaming cannot change, so the renamed
// value is never built; the hashes of all permutations are made at once,
// element by element. vec is valid until the next call.
func (fc *FPCache) symVec(v Value) (h uint64, vec []uint64) {
	var ptr unsafe.Pointer
	switch x := v.(type) {
	case *ModelValue:
		ptr = unsafe.Pointer(x)
	case *FcnV:
		ptr = unsafe.Pointer(x)
	case *SetV:
		ptr = unsafe.Pointer(x)
	case Bool, Int, Str, *OpValue:
		return Fingerprint(v), nil
	default: // lazy values: their canonical form
		return fc.symVec(mustNorm(v))
	}
	s := &fc.sym[((uint64(uintptr(ptr))>>3)*0x9E3779B97F4A7C15)>>(64-symCacheBits)]
	if s.p == ptr {
		if s.fixed {
			return s.h, nil
		}
		return 0, s.vec
	}
	n := fc.symN
	acc := fc.push(n)
	defer fc.pop(n)
	varies := false
	switch x := v.(type) {
	case *ModelValue:
		h = Fingerprint(x)
		for k := range fc.perms {
			acc[k] = Fingerprint(fc.perms[k].rename(x))
			varies = varies || acc[k] != h
		}
		acc[n-1] = h
	case *SetV:
		// the elements' (finished, well mixed) hashes are summed
		var sum uint64
		for _, e := range x.elems {
			eh, ev := fc.symVec(e)
			switch {
			case ev == nil:
				sum += eh
			case !varies:
				varies = true
				copy(acc, ev)
			default:
				for k := range acc {
					acc[k] += ev[k]
				}
			}
		}
		base := fpWord(fpWord(fpSeed, tagSet), uint64(len(x.elems)))
		h = finish(fpWord(base, sum))
		if varies {
			for k := range acc {
				acc[k] = finish(fpWord(base, acc[k]+sum))
			}
		}
	case *FcnV:
		base := fpWord(fpWord(fpSeed, tagFcn), uint64(len(x.Vals)))
		if x.Seq {
			h = base
			for _, e := range x.Vals {
				eh, ev := fc.symVec(e)
				switch {
				case !varies && ev == nil:
					h = fpWord(h, eh)
					continue
				case !varies:
					varies = true
					for k := range acc {
						acc[k] = h
					}
				}
				if ev == nil {
					for k := range acc {
						acc[k] = fpWord(acc[k], eh)
					}
				} else {
					for k := range acc {
						acc[k] = fpWord(acc[k], ev[k])
					}
				}
			}
			h = finish(h)
			if varies {
				for k := range acc {
					acc[k] = finish(acc[k])
				}
			}
			break
		}
		var sum uint64
		for i, e := range x.Vals {
			dh, dv := fc.symVec(x.Dom[i])
			if dv != nil {
				dv = append(fc.push(n)[:0], dv...)
			}
			vh, vv := fc.symVec(e)
			if dv == nil && vv == nil {
				sum += finish(fpWord(fpWord(fpSeed, dh), vh))
				continue
			}
			if !varies {
				varies = true
				clear(acc)
			}
			for k := range acc {
				d, w := dh, vh
				if dv != nil {
					d = dv[k]
				}
				if vv != nil {
					w = vv[k]
				}
				acc[k] += finish(fpWord(fpWord(fpSeed, d), w))
			}
			if dv != nil {
				fc.pop(n)
			}
		}
		h = finish(fpWord(base, sum))
		if varies {
			for k := range acc {
				acc[k] = finish(fpWord(base, acc[k]+sum))
			}
		}
	}
	s.p, s.fixed, s.h = ptr, !varies, h
	if !varies {
		return h, nil
	}
	s.vec = append(s.vec[:0], acc...)
	return 0, s.vec
}

// push takes n words of scratch from fc's stack; pop gives them back.
func (fc *FPCache) push(n int) []uint64 {
	if fc.symTop+n > len(fc.symStack) {
		// callers keep their slices of the old stack
		fc.symStack = make([]uint64, 2*(fc.symTop+n))
	}
	out := fc.symStack[fc.symTop : fc.symTop+n : fc.symTop+n]
	fc.symTop += n
	return out
}

func (fc *FPCache) pop(n int) { fc.symTop -= n }

// sortedFcn builds the function dom -> vals (both fresh, dom free of
// duplicates as a permutation's image is), sorting small domains in place:
// the renamed domains of symmetric states are small, and mkFcn's general
// sort dominated the cost of SYMMETRY.
func sortedFcn(dom, vals []Value) *FcnV {
	if len(dom) > 16 {
		return mkFcn(dom, vals)
	}
	for i := 1; i < len(dom); i++ {
		for j := i; j > 0 && compare(dom[j-1], dom[j]) > 0; j-- {
			dom[j-1], dom[j] = dom[j], dom[j-1]
			vals[j-1], vals[j] = vals[j], vals[j-1]
		}
	}
	return canonFcn(dom, vals)
}

// sortedSet is mkSet for the fresh, duplicate-free image of a set.
func sortedSet(elems []Value) *SetV {
	if len(elems) > 16 {
		return mkSet(elems)
	}
	for i := 1; i < len(elems); i++ {
		for j := i; j > 0 && compare(elems[j-1], elems[j]) > 0; j-- {
			elems[j-1], elems[j] = elems[j], elems[j-1]
		}
	}
	return &SetV{elems: elems}
}
