// Package cache holds the language server's state: the open documents (the
// overlay that wins over the disk), and the immutable snapshots that every
// feature reads. A snapshot is one version of one document seen together
// with the rest of the workspace at one moment (the other open documents,
// the search path, a generation of the files on disk); its analysis is
// computed at most once, on demand, and may be cancelled.
//
// The parser and the analysis are reached through the Analyzer interface so
// that the server can be tested on its own, and so that the whole pipeline
// (parse, resolve EXTENDS/INSTANCE, check) stays a library call.
package cache

import (
	"context"
	"os"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/parser"

	"github.com/tlals/tlals/parser/source"
)

// Request is what an analysis needs: the root document and a view of the
// workspace at the snapshot's moment.
type Request struct {
	Path string // file path (or the URI for documents that are not files)
	Text []byte
	// ReadFile returns the contents of another module: the open document
	// when there is one, else the file on disk.
	ReadFile func(path string) ([]byte, error)
	// Overlay returns the text of an open document only.
	Overlay    func(path string) ([]byte, bool)
	SearchPath []string
	// Parse, when non-nil, returns the parse of Text, derived incrementally
	// from the previous version's; nil from it means parse Text afresh.
	Parse func(ctx context.Context) *parser.Result
}

// Result is the outcome of analysing one snapshot.
type Result struct {
	// Diagnostics are the analysis' own, in byte spans: positions of the
	// protocol are computed only when they are published.
	Diagnostics []analysis.Diagnostic
	// Files holds every file the analysis read, by path, the root included.
	// Diagnostics and related information are mapped through them.
	Files map[string]*source.File
	// Program is the analysis program, for features that need more than
	// diagnostics; nil from an Analyzer that only parses (ParseOnly).
	Program *analysis.Program
	// Parse is the root document's parse when the Analyzer only parses.
	Parse *parser.Result
}

// Analyzer computes a Result. It must not retain Request.Text beyond the
// result, must honour ctx, and must not panic (the cache recovers anyway).
type Analyzer interface {
	Analyze(ctx context.Context, req Request) *Result
}

// AnalyzerFunc adapts a function to the Analyzer interface.
type AnalyzerFunc func(ctx context.Context, req Request) *Result

// Analyze implements Analyzer.
func (f AnalyzerFunc) Analyze(ctx context.Context, req Request) *Result { return f(ctx, req) }

// readDisk is the default way to read a file that is not open.
var readDisk = os.ReadFile
