package cache

import (
	"fmt"

	"github.com/tlals/tlals/parser/source"
)

// Change is one content change of a didChange notification: a replacement
// of Range (when Range is non-nil) or of the whole text.
type Change struct {
	Range *Range
	Text  string
}

// Range is an LSP range in the session's position encoding.
type Range struct{ Start, End source.Position }

// ApplyChanges applies changes in order to text and returns the new text;
// text itself is never modified. Positions are resolved against the text as
// it is after the preceding changes, as the specification requires.
// Positions past the end of a line clamp to the end of that line and lines
// past the end of the text clamp to the end of the text (the LSP rule); an
// end before the start is treated as the start. Only negative positions,
// which the protocol cannot express, are an error.
func ApplyChanges(text []byte, changes []Change, enc source.Encoding) ([]byte, error) {
	return resolveChanges(text, changes, enc, replace)
}

// replace returns text with [start, end) replaced by newText; text itself
// is not modified. A start of -1 replaces the whole text.
func replace(text []byte, start, end int, newText string) []byte {
	if start < 0 {
		return []byte(newText)
	}
	out := make([]byte, 0, len(text)-(end-start)+len(newText))
	out = append(out, text[:start]...)
	out = append(out, newText...)
	return append(out, text[end:]...)
}

// resolveChanges turns each change in order into a byte-offset replacement
// of [start, end) of the current text (start -1 for a whole-text change)
// and has apply make it, returning the next text: later positions refer to
// the text after the earlier changes. Positions resolve as ApplyChanges
// describes.
func resolveChanges(text []byte, changes []Change, enc source.Encoding, apply func(text []byte, start, end int, newText string) []byte) ([]byte, error) {
	for i, c := range changes {
		if c.Range == nil {
			text = apply(text, -1, -1, c.Text)
			continue
		}
		f := source.NewFile("", text)
		start, err := f.Offset(c.Range.Start, enc)
		if err != nil {
			return nil, fmt.Errorf("change %d: %w", i, err)
		}
		end, err := f.Offset(c.Range.End, enc)
		if err != nil {
			return nil, fmt.Errorf("change %d: %w", i, err)
		}
		if end < start {
			end = start
		}
		text = apply(text, start, end, c.Text)
	}
	return text, nil
}
