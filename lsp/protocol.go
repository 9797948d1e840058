package lsp

import (
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/parser/source"
)

// Codec is the payload codec of tlals connections: the protocol package's
// union-aware JSON (protocol.Marshal/Unmarshal), with raw messages passed
// through. Test clients use it too.
type Codec struct{}

var _ jsonrpc2.Codec = Codec{}

// Marshal implements jsonrpc2.Codec.
func (Codec) Marshal(v any) ([]byte, error) {
	switch m := v.(type) {
	case jsonrpc2.RawMessage:
		if m == nil {
			return []byte("null"), nil
		}
		return m, nil
	case *jsonrpc2.RawMessage:
		if m == nil || *m == nil {
			return []byte("null"), nil
		}
		return *m, nil
	}
	return protocol.Marshal(v)
}

// Unmarshal implements jsonrpc2.Codec.
func (Codec) Unmarshal(data []byte, v any) error {
	if p, ok := v.(*jsonrpc2.RawMessage); ok {
		*p = append(jsonrpc2.RawMessage(nil), data...)
		return nil
	}
	return protocol.Unmarshal(data, v)
}

// LSP error codes that jsonrpc2 does not name.
const (
	codeServerNotInitialized jsonrpc2.Code = -32002
	codeRequestCancelled     jsonrpc2.Code = -32800
)

// toPosition converts a byte offset in f to an LSP position.
func toPosition(f *source.File, off int, enc source.Encoding) protocol.Position {
	p := f.Position(off, enc)
	return protocol.Position{Line: uint32(p.Line), Character: uint32(p.Character)}
}

// toRange converts a byte span in f to an LSP range.
func toRange(f *source.File, sp source.Span, enc source.Encoding) protocol.Range {
	return protocol.Range{Start: toPosition(f, sp.Start, enc), End: toPosition(f, sp.End, enc)}
}

// fromPosition converts an LSP position into the mapper's type. Values
// above the int range cannot occur: uint32 fits.
func fromPosition(p protocol.Position) source.Position {
	return source.Position{Line: int(p.Line), Character: int(p.Character)}
}
