package cache

import (
	"bytes"
	"context"
	"sync"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/source"
)

// docParser is the incremental parser of one open document, shared by the
// snapshots of its versions: the parse of the newest version reuses the
// tree of the last parse, edited by the changes since. It is safe for
// concurrent use. Changes are only recorded (change never waits for a
// parse in progress); the parser.Document, whose tree tree-sitter does not
// let two threads touch, is reached under parseMu only, and the Results it
// hands out are immutable.
type docParser struct {
	path string

	mu      sync.Mutex // guards text and pending
	text    []byte     // the newest text
	pending []byteEdit // changes not yet applied to doc, in order
	restart bool       // drop doc and pending: the next parse starts afresh

	parseMu sync.Mutex // guards doc; held while parsing
	doc     *parser.Document
}

// byteEdit replaces the bytes [start, end) with text.
type byteEdit struct {
	start, end int
	text       string
}

// maxPending bounds the changes kept between two parses; beyond them the
// next parse starts afresh.
const maxPending = 1024

func newDocParser(path string, text []byte) *docParser {
	return &docParser{path: path, text: text, doc: parser.NewDocument(path, text)}
}

// change applies changes to the newest text, which must be text, and
// returns the new text. On an error nothing changes.
func (dp *docParser) change(text []byte, changes []Change, enc source.Encoding) ([]byte, error) {
	dp.mu.Lock()
	defer dp.mu.Unlock()
	if !sameText(dp.text, text) {
		// Never happens (the session hands back the text it got from
		// here); stay exact if it does.
		dp.restart = true
	}
	n := len(dp.pending)
	out, err := resolveChanges(text, changes, enc, func(cur []byte, start, end int, newText string) []byte {
		if start < 0 {
			start, end = 0, len(cur)
		}
		dp.pending = append(dp.pending, byteEdit{start, end, newText})
		return replace(cur, start, end, newText)
	})
	if err != nil {
		dp.pending = dp.pending[:n]
		return nil, err
	}
	if len(dp.pending) > maxPending {
		dp.restart = true
	}
	if dp.restart {
		dp.pending = nil
	}
	dp.text = out
	return out, nil
}

// parse returns the parse of text when text is the document's newest
// version (reparsing incrementally if needed), else nil: an older
// snapshot's text is parsed afresh by the caller.
func (dp *docParser) parse(ctx context.Context, text []byte) *parser.Result {
	dp.parseMu.Lock()
	defer dp.parseMu.Unlock()
	dp.mu.Lock()
	pending, newest, restart := dp.pending, dp.text, dp.restart
	dp.pending, dp.restart = nil, false
	dp.mu.Unlock()
	if restart {
		dp.doc = parser.NewDocument(dp.path, newest)
	}
	for _, e := range pending {
		// Each edit was resolved against the text left by the previous
		// one, as the document's text now is: Edit cannot fail.
		_ = dp.doc.Edit(e.start, e.end, []byte(e.text))
	}
	if !sameText(newest, text) {
		return nil
	}
	if !bytes.Equal(dp.doc.Text(), text) {
		// A bug in applying the edits must not go unnoticed as a wrong
		// parse: start afresh from the snapshot's text.
		dp.doc = parser.NewDocument(dp.path, text)
	}
	return dp.doc.Reparse(ctx)
}
