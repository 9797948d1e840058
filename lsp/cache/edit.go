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
	for i, c := range changes {
		if c.Range == nil {
			text = []byte(c.Text)
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
		out := make([]byte, 0, len(text)-(end-start)+len(c.Text))
		out = append(out, text[:start]...)
		out = append(out, c.Text...)
		out = append(out, text[end:]...)
		text = out
	}
	return text, nil
}
