package dap

import (
	"os"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/parser/source"
)

// sourceTexts keeps the text of each file a frame points into: the DAP
// counts columns in UTF-16 code units, the checker's ranges in runes (as TLC
// prints them) and bytes, so a frame's columns are recomputed from the byte
// span and the text. Guarded by the session's mu, like the frames.
type sourceTexts map[string]*source.File

// frameRange is r as a stack frame's 1-based line, column, end line and
// end column (exclusive), columns in UTF-16 code units. A file that cannot
// be read (deleted since the launch) keeps the checker's rune columns.
func (st *sourceTexts) frameRange(r *checker.Range) (line, col, endLine, endCol int) {
	f := st.file(r.File)
	if f == nil || r.End < r.Start || r.End > len(f.Text) {
		return r.StartLine, r.StartColumn, r.EndLine, r.EndColumn + 1
	}
	start, end := f.Position(r.Start, source.UTF16), f.Position(r.End, source.UTF16)
	return start.Line + 1, start.Character + 1, end.Line + 1, end.Character + 1
}

func (st *sourceTexts) file(name string) *source.File {
	if f, ok := (*st)[name]; ok {
		return f
	}
	if *st == nil {
		*st = sourceTexts{}
	}
	text, err := os.ReadFile(name)
	var f *source.File
	if err == nil {
		f = source.NewFile(name, text)
	}
	(*st)[name] = f // a failed read is remembered too: one attempt per file
	return f
}
