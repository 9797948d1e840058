package eval

import "unsafe"

// Frames are allocated per operator call and per action run: a small frame
// and its slots share one allocation (half the allocations of
// &frame{s: make(...)}).
type (
	frame2 struct {
		frame
		a [2]Value
	}
	frame4 struct {
		frame
		a [4]Value
	}
	frame8 struct {
		frame
		a [8]Value
	}
)

// newFrame returns a frame of n nil slots over up (nil when it would be
// empty).
func newFrame(n int, up *frame) *frame {
	switch {
	case n == 0 && up == nil:
		return nil
	case n == 0:
		return &frame{up: up}
	case n <= 2:
		x := &frame2{}
		x.s, x.up = x.a[:n], up
		return &x.frame
	case n <= 4:
		x := &frame4{}
		x.s, x.up = x.a[:n], up
		return &x.frame
	case n <= 8:
		x := &frame8{}
		x.s, x.up = x.a[:n], up
		return &x.frame
	}
	return &frame{s: make([]Value, n), up: up}
}

// copyFrame returns a new frame over up holding a copy of slots (lazy
// values' evaluations, each in its own frame): one allocation when small.
func copyFrame(slots []Value, up *frame) *frame {
	if len(slots) == 0 {
		return &frame{up: up}
	}
	nf := newFrame(len(slots), up)
	copy(nf.s, slots)
	return nf
}

// frameStack hands out the frames of action runs and operator calls whose
// scope no closure or lazy value keeps (fscope.reusable): such a frame is
// dead when the call returns, so calls reuse its memory in stack order. A
// call releases to the mark it took, so frames left by a recovered panic
// are reclaimed by the enclosing call.
type frameStack struct {
	frames []frame
	slots  []Value
	// the LET cells of frames handed out here (letCells)
	cells      []lazyCell
	nf, ns, nc int // in use
}

type frameMark struct{ nf, ns, nc int }

func (st *frameStack) mark() frameMark { return frameMark{st.nf, st.ns, st.nc} }

func (st *frameStack) release(m frameMark) { st.nf, st.ns, st.nc = m.nf, m.ns, m.nc }

// maxStackCells bounds the LET cells taken from the stack: a LET evaluated
// in a long loop within one call takes its cells from the heap past it,
// where the collector reclaims those of finished iterations.
const maxStackCells = 4096

// letCells returns n cleared cells for a LET evaluated in frame f. Cells
// are reachable only through their frame's slots, so the cells of a frame
// of this stack (a call's whose scope nothing keeps) are dead when the
// frame is, and come from the stack; any other frame's from the heap.
func (st *frameStack) letCells(f *frame, n int) []lazyCell {
	if !st.holds(f) {
		return make([]lazyCell, n)
	}
	return st.tempCells(n)
}

// tempCells returns n cleared cells that are dead when the enclosing call
// releases its mark: the arguments passed unevaluated to a call whose frame
// nothing keeps (lazyargs.go).
func (st *frameStack) tempCells(n int) []lazyCell {
	if st.nc+n > maxStackCells {
		return make([]lazyCell, n)
	}
	if st.nc+n > len(st.cells) {
		// growing starts a new array: cells in use keep the old one
		st.cells = make([]lazyCell, max(64, 2*len(st.cells), n))
		st.nc = 0
	}
	cells := st.cells[st.nc : st.nc+n : st.nc+n]
	st.nc += n
	clear(cells)
	return cells
}

// holds reports whether f is a frame in use from the stack's current array.
func (st *frameStack) holds(f *frame) bool {
	if f == nil || st.nf == 0 {
		return false
	}
	off := uintptr(unsafe.Pointer(f)) - uintptr(unsafe.Pointer(&st.frames[0]))
	return off < uintptr(st.nf)*unsafe.Sizeof(frame{})
}

// frameFor returns a frame of nil slots for a call or action run in scope
// fs (no enclosing frame).
func (st *frameStack) frameFor(fs *fscope) *frame {
	n := fs.size
	if !fs.reusable() {
		return newFrame(n, nil)
	}
	if n == 0 {
		return nil
	}
	// Growing starts new arrays: frames in use keep the old ones.
	if st.nf == len(st.frames) {
		st.frames = make([]frame, max(64, 2*len(st.frames)))
		st.nf = 0
	}
	if st.ns+n > len(st.slots) {
		st.slots = make([]Value, max(256, 2*len(st.slots), n))
		st.ns = 0
	}
	f := &st.frames[st.nf]
	st.nf++
	f.s, f.up = st.slots[st.ns:st.ns+n:st.ns+n], nil
	st.ns += n
	clear(f.s)
	return f
}

// Small functions (tuples, records, EXCEPT's copies) likewise share one
// allocation with their values. Vals is capped at its length: an append to
// it copies rather than writing into the spare slots.
type (
	fcn1 struct {
		f FcnV
		a [1]Value
	}
	fcn2 struct {
		f FcnV
		a [2]Value
	}
	fcn3 struct {
		f FcnV
		a [3]Value
	}
	fcn4 struct {
		f FcnV
		a [4]Value
	}
	fcn6 struct {
		f FcnV
		a [6]Value
	}
	fcn8 struct {
		f FcnV
		a [8]Value
	}
	fcn12 struct {
		f FcnV
		a [12]Value
	}
	fcn16 struct {
		f FcnV
		a [16]Value
	}
)

// newFcn returns a function whose Vals has n nil values, for the caller
// to fill (and to set Dom or Seq) before it is shared.
func newFcn(n int) *FcnV {
	switch {
	case n == 0:
		return &FcnV{}
	case n == 1:
		x := &fcn1{}
		x.f.Vals = x.a[:n:n]
		return &x.f
	case n == 2:
		x := &fcn2{}
		x.f.Vals = x.a[:n:n]
		return &x.f
	case n == 3:
		x := &fcn3{}
		x.f.Vals = x.a[:n:n]
		return &x.f
	case n == 4:
		x := &fcn4{}
		x.f.Vals = x.a[:n:n]
		return &x.f
	case n <= 6:
		x := &fcn6{}
		x.f.Vals = x.a[:n:n]
		return &x.f
	case n <= 8:
		x := &fcn8{}
		x.f.Vals = x.a[:n:n]
		return &x.f
	case n <= 12:
		x := &fcn12{}
		x.f.Vals = x.a[:n:n]
		return &x.f
	case n <= 16:
		x := &fcn16{}
		x.f.Vals = x.a[:n:n]
		return &x.f
	}
	return &FcnV{Vals: make([]Value, n)}
}

// Small set literals ({x}, {a, b}) likewise.
type (
	set1 struct {
		s SetV
		a [1]Value
	}
	set2 struct {
		s SetV
		a [2]Value
	}
	set4 struct {
		s SetV
		a [4]Value
	}
	set6 struct {
		s SetV
		a [6]Value
	}
	set8 struct {
		s SetV
		a [8]Value
	}
	set12 struct {
		s SetV
		a [12]Value
	}
	set16 struct {
		s SetV
		a [16]Value
	}
)

// newSet returns a set whose elems are n nil values, for the caller to
// fill and put in canonical order (canonElems) before it is shared.
func newSet(n int) *SetV {
	switch {
	case n == 0:
		return &SetV{}
	case n == 1:
		x := &set1{}
		x.s.elems = x.a[:n:n]
		return &x.s
	case n == 2:
		x := &set2{}
		x.s.elems = x.a[:n:n]
		return &x.s
	case n <= 4:
		x := &set4{}
		x.s.elems = x.a[:n:n]
		return &x.s
	case n <= 6:
		x := &set6{}
		x.s.elems = x.a[:n:n]
		return &x.s
	case n <= 8:
		x := &set8{}
		x.s.elems = x.a[:n:n]
		return &x.s
	case n <= 12:
		x := &set12{}
		x.s.elems = x.a[:n:n]
		return &x.s
	case n <= 16:
		x := &set16{}
		x.s.elems = x.a[:n:n]
		return &x.s
	}
	return &SetV{elems: make([]Value, n)}
}
