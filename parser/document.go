package parser

/*
#include <stdint.h>

// The layout of TSPoint and TSInputEdit from tree_sitter/api.h (stable
// since tree-sitter 0.14).
typedef struct { uint32_t row; uint32_t column; } tlals_point;
typedef struct {
	uint32_t start_byte, old_end_byte, new_end_byte;
	tlals_point start_point, old_end_point, new_end_point;
} tlals_input_edit;

// Declared here and linked from go-tree-sitter's compiled runtime.
void ts_tree_edit(void *self, const tlals_input_edit *edit);
*/
import "C"

import (
	"context"
	"fmt"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// Document is one open file that changes by edits and is reparsed
// incrementally. It is not safe for concurrent use; the Results it returns
// are immutable and may be shared.
type Document struct {
	name string
	text []byte
	// tree is the document's own copy of the last tree, edited to match
	// text; nil before the first successful parse. Results hold other
	// copies, so editing it never changes a published Result.
	tree   *sitter.Tree
	edited bool // edits were applied since the last parse
	// rewroteEnd: tree-sitter read the end of the last parsed text
	// rewritten (moduleEnds).
	rewroteEnd bool
	result     *Result
	lastGood   *Result
	// units is the lowering of the last parse's units, for the next one.
	units *unitCache
	// edits are those applied since the last parse.
	edits []textEdit
}

// NewDocument makes a document; nothing is parsed until Reparse.
func NewDocument(name string, src []byte) *Document {
	return &Document{name: name, text: append([]byte(nil), src...), edited: true}
}

// Text is the current text (do not modify).
func (d *Document) Text() []byte { return d.text }

// Result is the result of the last Reparse, or nil before the first one.
func (d *Document) Result() *Result { return d.result }

// LastGood is the last Result that was not Damaged (its File is the text it
// was parsed from, which may be older than Text), or nil.
func (d *Document) LastGood() *Result { return d.lastGood }

// Edit replaces the bytes [start, end) of the text with newText. Offsets
// out of range, or a start after end, are an error and change nothing.
func (d *Document) Edit(start, end int, newText []byte) error {
	if start < 0 || end < start || end > len(d.text) {
		return fmt.Errorf("edit range %d-%d outside the text (length %d)", start, end, len(d.text))
	}
	startPt, oldEndPt := pointAt(d.text, start), pointAt(d.text, end)
	text := make([]byte, 0, len(d.text)-(end-start)+len(newText))
	text = append(text, d.text[:start]...)
	text = append(text, newText...)
	text = append(text, d.text[end:]...)
	newEnd := start + len(newText)
	newEndPt := pointAt(text, newEnd)
	d.text = text
	d.edited = true
	d.edits = append(d.edits, textEdit{start: start, oldEnd: end, newEnd: newEnd})
	if d.tree != nil {
		edit := C.tlals_input_edit{
			start_byte: C.uint32_t(start), old_end_byte: C.uint32_t(end), new_end_byte: C.uint32_t(newEnd),
			start_point:   C.tlals_point{row: C.uint32_t(startPt.Row), column: C.uint32_t(startPt.Column)},
			old_end_point: C.tlals_point{row: C.uint32_t(oldEndPt.Row), column: C.uint32_t(oldEndPt.Column)},
			new_end_point: C.tlals_point{row: C.uint32_t(newEndPt.Row), column: C.uint32_t(newEndPt.Column)},
		}
		// smacker's Tree.Edit copies the old end point into the new end
		// point (a bug since 2019), which corrupts the rows and columns of
		// everything after a multi-line edit; the indentation-sensitive
		// scanner of TLA+ bullet lists reads those columns. So the edit is
		// applied through tree-sitter's C API directly.
		C.ts_tree_edit(treePtr(d.tree), &edit)
	}
	return nil
}

// treePtr is the C TSTree of a smacker Tree: the first field of BaseTree.
func treePtr(t *sitter.Tree) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(t.BaseTree))
}

// pointAt is the tree-sitter point (0-based row, byte column) of off.
func pointAt(text []byte, off int) sitter.Point {
	row, lineStart := 0, 0
	for i := 0; i < off; i++ {
		if text[i] == '\n' {
			row++
			lineStart = i + 1
		}
	}
	return sitter.Point{Row: uint32(row), Column: uint32(off - lineStart)}
}

// Reparse parses the current text, reusing the previous tree, and lowers
// it. When nothing changed since the last call it returns the same Result.
// When the parse is abandoned (time budget, cancellation) the Result is
// Damaged and the document keeps its edited tree for the next attempt;
// LastGood still holds the last usable AST.
func (d *Document) Reparse(ctx context.Context) *Result {
	if !d.edited && d.result != nil {
		return d.result
	}
	text := d.text
	old := d.tree
	if old != nil && old.RootNode().HasError() {
		// Tree-sitter's error recovery depends on the old tree, so a
		// damaged tree reused as the base can give a different damaged
		// tree than a fresh parse would; start afresh instead, so that
		// a document's state depends only on its text. (HasError reads
		// a flag, not positions, so it is safe on an edited tree.)
		old = nil
	}
	// Tree-sitter reads the end of the text rewritten (moduleEnds): an old
	// tree that read it otherwise would be reused wrongly there.
	ends := moduleEnds(text)
	rewrote := ends.tail < len(text) || ends.open > 0 || len(ends.quiet) > 0
	if rewrote || d.rewroteEnd {
		old = nil
	}
	var preshift chan map[*loweredUnit]*loweredUnit
	if d.units != nil && len(d.edits) == 1 {
		// A keystroke: move the units behind it while tree-sitter parses.
		preshift = make(chan map[*loweredUnit]*loweredUnit, 1)
		go func(units *unitCache, e textEdit) { preshift <- units.preshift(e) }(d.units, d.edits[0])
	}
	tree, parsed, err := parseTreeEnds(ctx, old, text, ends)
	if err == nil && old != nil && tree.RootNode().HasError() {
		// Likewise when the edit broke the text: the errors must be the
		// ones a fresh parse reports.
		tree, parsed, err = parseTreeEnds(ctx, nil, text, ends)
	}
	var res *Result
	if err != nil {
		res = build(d.name, text, parsed, nil, err)
	} else {
		if preshift != nil {
			d.units.shifted = <-preshift
		}
		// The Result gets its own copy of the tree: the document edits
		// d.tree in place on the next Edit.
		res, d.units = buildReusing(d.name, text, parsed, tree.Copy(), nil, d.units, true)
		d.tree = tree
		d.rewroteEnd = rewrote
		d.edited = false
		d.edits = d.edits[:0]
	}
	d.result = res
	if !res.Damaged {
		d.lastGood = res
	}
	return res
}
