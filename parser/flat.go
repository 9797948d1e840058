package parser

/*
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

// The layouts of TSNode and TSTreeCursor from tree_sitter/api.h of the
// runtime that smacker's module compiles (ABI 14); the functions are
// linked from that runtime.
typedef struct { uint32_t context[4]; const void *id; const void *tree; } tlals_ts_node;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } tlals_ts_cursor;

tlals_ts_node ts_tree_root_node(const void *tree);
uint32_t ts_node_descendant_count(tlals_ts_node node);

// tlals_node_count is the number of nodes a walk of tree visits.
static size_t tlals_node_count(const void *tree) {
	return ts_node_descendant_count(ts_tree_root_node(tree));
}
tlals_ts_cursor ts_tree_cursor_new(tlals_ts_node node);
void ts_tree_cursor_delete(tlals_ts_cursor *cursor);
bool ts_tree_cursor_goto_first_child(tlals_ts_cursor *cursor);
bool ts_tree_cursor_goto_next_sibling(tlals_ts_cursor *cursor);
bool ts_tree_cursor_goto_parent(tlals_ts_cursor *cursor);
tlals_ts_node ts_tree_cursor_current_node(const tlals_ts_cursor *cursor);
uint16_t ts_tree_cursor_current_field_id(const tlals_ts_cursor *cursor);
uint16_t ts_node_symbol(tlals_ts_node node);
uint32_t ts_node_start_byte(tlals_ts_node node);
uint32_t ts_node_end_byte(tlals_ts_node node);
uint32_t ts_node_child_count(tlals_ts_node node);
bool ts_node_is_named(tlals_ts_node node);
bool ts_node_is_missing(tlals_ts_node node);
bool ts_node_has_error(tlals_ts_node node);

// One node of a flattened tree. Pointers are stored as integers so that
// the Go buffer holds no pointers (no cgo pointer checks over it).
typedef struct {
	uint32_t context[4];
	uint64_t id, tree;
	uint32_t start, end, child_count;
	uint16_t symbol, field;
	uint8_t named, missing;
	// top: a child of a top-level module (a unit, usually); skipped: such
	// a node whose id is in the skip set, recorded without its subtree;
	// has_error: set for top nodes only.
	uint8_t top, skipped, has_error;
} tlals_flat_node;

// tlals_top_nodes writes the children of the top-level modules of tree
// (at most cap) into out and returns how many there are.
static size_t tlals_top_nodes(const void *tree, tlals_flat_node *out, size_t cap, uint16_t module_sym) {
	tlals_ts_cursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
	size_t n = 0;
	if (ts_tree_cursor_goto_first_child(&c)) {
		do {
			if (ts_node_symbol(ts_tree_cursor_current_node(&c)) != module_sym || !ts_tree_cursor_goto_first_child(&c)) continue;
			do {
				tlals_ts_node node = ts_tree_cursor_current_node(&c);
				if (n < cap) {
					tlals_flat_node *f = &out[n];
					f->id = (uint64_t)(uintptr_t)node.id;
					f->symbol = ts_node_symbol(node);
					f->start = ts_node_start_byte(node);
					f->end = ts_node_end_byte(node);
					f->has_error = ts_node_has_error(node);
				}
				n++;
			} while (ts_tree_cursor_goto_next_sibling(&c));
			ts_tree_cursor_goto_parent(&c);
		} while (ts_tree_cursor_goto_next_sibling(&c));
	}
	ts_tree_cursor_delete(&c);
	return n;
}

static bool tlals_contains(const uint64_t *sorted, size_t n, uint64_t id) {
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sorted[mid] < id) lo = mid + 1; else hi = mid;
	}
	return lo < n && sorted[lo] == id;
}

// tlals_flatten writes the nodes of tree in preorder into out (at most cap
// of them) and returns how many there are. One call replaces the several
// cgo calls per node that walking with the Go API costs. The subtrees of
// the children of a top-level module (symbol module_sym) whose ids are in
// skip (sorted) are not entered: their lowering is reused.
static size_t tlals_flatten(const void *tree, tlals_flat_node *out, size_t cap,
		const uint64_t *skip, size_t nskip, uint16_t module_sym) {
	tlals_ts_cursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
	size_t n = 0;
	uint32_t depth = 0;
	uint16_t top_sym = 0; // symbol of the current child of the root
	for (;;) {
		tlals_ts_node node = ts_tree_cursor_current_node(&c);
		bool top = depth == 2 && top_sym == module_sym;
		bool skipped = top && nskip > 0 && tlals_contains(skip, nskip, (uint64_t)(uintptr_t)node.id);
		if (depth == 1) top_sym = ts_node_symbol(node);
		if (n < cap) {
			tlals_flat_node *f = &out[n];
			for (int i = 0; i < 4; i++) f->context[i] = node.context[i];
			f->id = (uint64_t)(uintptr_t)node.id;
			f->tree = (uint64_t)(uintptr_t)node.tree;
			f->start = ts_node_start_byte(node);
			f->end = ts_node_end_byte(node);
			f->child_count = skipped ? 0 : ts_node_child_count(node);
			f->top = top;
			f->skipped = skipped;
			f->has_error = top && ts_node_has_error(node);
			f->symbol = ts_node_symbol(node);
			f->field = ts_tree_cursor_current_field_id(&c);
			f->named = ts_node_is_named(node);
			f->missing = ts_node_is_missing(node);
		}
		n++;
		if (!skipped && ts_tree_cursor_goto_first_child(&c)) {
			depth++;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				return n;
			}
			depth--;
		}
	}
}
*/
import "C"

import (
	"sync"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// nodeLayout has the memory layout of sitter.Node (a TSNode and the tree
// it belongs to), so that a flattened node can be handed to code that
// takes a *sitter.Node and may call its methods.
type nodeLayout struct {
	context  [4]uint32
	id, tree uintptr // C memory, owned by the tree
	t        *sitter.Tree
}

// useFlat guards the conversion: should smacker's Node change shape,
// lowering falls back to asking tree-sitter node by node (tests compare
// the two ways).
var useFlat = unsafe.Sizeof(nodeLayout{}) == unsafe.Sizeof(sitter.Node{}) &&
	unsafe.Sizeof(C.tlals_ts_node{}) == unsafe.Offsetof(nodeLayout{}.t)

// flatNode is one node of a flattened tree with everything lowering asks
// of it, computed up front.
type flatNode struct {
	node nodeLayout // first: a *flatNode is a valid *sitter.Node
	meta nodeMeta
	kids kidList
	// top marks a child of a top-level module; reused, when set, is the
	// lowering of such a node from the previous parse (its subtree was not
	// flattened).
	top      bool
	hasError bool // set for top nodes only
	reused   *loweredUnit
	rawEnd   int // the end before trailing comments are cut
}

// flatTree is a whole tree flattened in preorder by one cgo call.
type flatTree struct {
	nodes []flatNode
	base  uintptr // address of nodes[0], to recognise our own nodes
}

// flatBufs holds buffers for tlals_flatten and tlals_top_nodes: each
// keystroke would otherwise allocate (and zero) them anew.
var flatBufs sync.Pool

// flatten reads tree in one pass; nil when the layout guard fails. The
// units of top-level modules that prev (the previous parse of the same
// document, or nil) lowered from the same text are not read again: their
// flat nodes carry the lowered unit instead (see reuse.go).
func flatten(tree *sitter.Tree, src []byte, prev *unitCache) *flatTree {
	if !useFlat || tree == nil {
		return nil
	}
	names := grammarNames()
	ptr := treePtr(tree)
	skip, reuse := prev.reusable(tree, src)
	var buf []C.tlals_flat_node
	walk := func() int {
		var skipPtr *C.uint64_t
		if len(skip) > 0 {
			skipPtr = (*C.uint64_t)(unsafe.Pointer(&skip[0]))
		}
		return int(C.tlals_flatten(ptr, &buf[0], C.size_t(len(buf)), skipPtr, C.size_t(len(skip)), C.uint16_t(names.module)))
	}
	// Most of the tree is skipped, usually: reuse the last buffer, and
	// walk again with the exact size when it was short.
	if b, _ := flatBufs.Get().(*[]C.tlals_flat_node); b != nil {
		buf = *b
	}
	if len(skip) == 0 {
		if n := int(C.tlals_node_count(ptr)); n > len(buf) {
			buf = make([]C.tlals_flat_node, n)
		}
	} else if len(buf) == 0 {
		buf = make([]C.tlals_flat_node, 4096)
	}
	n := walk()
	if n > len(buf) {
		buf = make([]C.tlals_flat_node, n)
		n = walk()
	}
	defer func(full []C.tlals_flat_node) { flatBufs.Put(&full) }(buf)
	buf = buf[:n]

	ft := &flatTree{nodes: make([]flatNode, n)}
	ft.base = uintptr(unsafe.Pointer(&ft.nodes[0]))
	kidNodes := make([]*sitter.Node, n)
	kidFields := make([]string, n)
	// Children follow their parent in preorder; a stack of open parents
	// assigns each node to the list of the parent it belongs to.
	type open struct{ idx, left int }
	var stack []open
	next := 0 // next free place in kidNodes/kidFields
	for i := range buf {
		c := &buf[i]
		f := &ft.nodes[i]
		f.node = nodeLayout{
			context: [4]uint32{uint32(c.context[0]), uint32(c.context[1]), uint32(c.context[2]), uint32(c.context[3])},
			id:      uintptr(c.id), tree: uintptr(c.tree), t: tree,
		}
		start, end := int(c.start), int(c.end)
		if end < start {
			end = start // see info: an AST range is never inverted
		}
		f.meta = nodeMeta{typ: names.symbol(uint16(c.symbol)), start: start, end: end, named: c.named != 0, missing: c.missing != 0}
		f.top, f.hasError = c.top != 0, c.has_error != 0
		f.rawEnd = end
		if c.skipped != 0 {
			f.reused = reuse[uintptr(c.id)]
			f.meta.end, f.meta.trimmed = f.reused.meta.end+start-f.reused.meta.start, f.reused.meta.trimmed
		}
		for len(stack) > 0 && stack[len(stack)-1].left == 0 {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			top := &stack[len(stack)-1]
			top.left--
			p := &ft.nodes[top.idx].kids
			p.nodes = append(p.nodes, f.sitter())
			p.fields = append(p.fields, names.field(uint16(c.field)))
		}
		if cnt := int(c.child_count); cnt > 0 {
			f.kids.nodes = kidNodes[next : next : next+cnt]
			f.kids.fields = kidFields[next : next : next+cnt]
			next += cnt
			stack = append(stack, open{i, cnt})
		}
	}
	// Trailing comments are cut from ranges bottom-up, as info does:
	// every descendant comes after its node in preorder.
	for i := len(ft.nodes) - 1; i >= 0; i-- {
		m := &ft.nodes[i].meta
		if m.typ == "comment" || m.typ == "block_comment" {
			continue
		}
		kids := ft.nodes[i].kids.nodes
		skipped := false
		for j := len(kids) - 1; j >= 0; j-- {
			ci := &(*flatNode)(unsafe.Pointer(kids[j])).meta
			if ci.typ == "comment" || ci.typ == "block_comment" {
				skipped = true
				continue
			}
			if skipped || ci.trimmed {
				m.end, m.trimmed = ci.end, true
			}
			break
		}
	}
	return ft
}

// topNodes lists the children of the top-level modules of tree, in a
// buffer from flatBufs that release returns (after the last use of nodes).
func topNodes(tree *sitter.Tree) (nodes []C.tlals_flat_node, release func()) {
	ptr := treePtr(tree)
	module := C.uint16_t(grammarNames().module)
	var buf []C.tlals_flat_node
	if b, _ := flatBufs.Get().(*[]C.tlals_flat_node); b != nil {
		buf = *b
	}
	if len(buf) == 0 {
		buf = make([]C.tlals_flat_node, 256)
	}
	n := int(C.tlals_top_nodes(ptr, &buf[0], C.size_t(len(buf)), module))
	if n > len(buf) {
		buf = make([]C.tlals_flat_node, n)
		n = int(C.tlals_top_nodes(ptr, &buf[0], C.size_t(len(buf)), module))
	}
	return buf[:n], func() { flatBufs.Put(&buf) }
}

// sitter is f seen as a smacker node.
func (f *flatNode) sitter() *sitter.Node { return (*sitter.Node)(unsafe.Pointer(f)) }

// root is the flattened root node.
func (ft *flatTree) root() *sitter.Node { return ft.nodes[0].sitter() }

// lookup returns the flattened node n points to, or nil when n came from
// elsewhere (smacker's own node cache, another tree).
func (ft *flatTree) lookup(n *sitter.Node) *flatNode {
	if ft == nil || n == nil {
		return nil
	}
	off := uintptr(unsafe.Pointer(n)) - ft.base
	size := unsafe.Sizeof(flatNode{})
	if off >= uintptr(len(ft.nodes))*size || off%size != 0 {
		return nil
	}
	return &ft.nodes[off/size]
}

// names maps the grammar's symbol and field ids to their names, read once.
type names struct {
	symbols []string
	fields  []string
	module  uint16 // the symbol of a module node
}

var grammarNames = sync.OnceValue(func() *names {
	nm := &names{symbols: make([]string, language.SymbolCount())}
	for i := range nm.symbols {
		nm.symbols[i] = language.SymbolName(sitter.Symbol(i))
		if nm.symbols[i] == "module" && nm.module == 0 && language.SymbolType(sitter.Symbol(i)) == sitter.SymbolTypeRegular {
			nm.module = uint16(i)
		}
	}
	for i := 0; ; i++ {
		name := language.FieldName(i)
		if i > 0 && name == "" {
			break
		}
		nm.fields = append(nm.fields, name)
	}
	return nm
})

func (nm *names) symbol(s uint16) string {
	if int(s) < len(nm.symbols) {
		return nm.symbols[s]
	}
	return language.SymbolName(sitter.Symbol(s)) // ERROR and other builtins
}

func (nm *names) field(f uint16) string {
	if int(f) < len(nm.fields) {
		return nm.fields[f]
	}
	return ""
}
