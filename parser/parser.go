// Package parser parses TLA+ source with tree-sitter and lowers the
// concrete syntax tree to the typed AST of package ast. Tree-sitter nodes
// never leave this package except through Result.Tree, which the LSP may
// use for incremental reparsing (see Document).
//
// Every parse is bounded: tree-sitter-tlaplus can take minutes and gigabytes
// on some damaged inputs (the GLR parser forks without limit), so each parse
// runs under a time budget, which also bounds the memory it can allocate.
package parser

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"sync/atomic"
	"time"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/grammar"
	"github.com/tlals/tlals/parser/source"
)

// Error is a syntax error at a precise range.
type Error struct {
	Span source.Span
	Msg  string
	// PlusCal marks a syntax error of a PlusCal algorithm: the algorithm
	// sits in a comment, so TLC reports it and checks the module anyway.
	PlusCal bool
}

func (e Error) String() string { return fmt.Sprintf("%d-%d: %s", e.Span.Start, e.Span.End, e.Msg) }

// Result is the outcome of one parse.
type Result struct {
	File   *source.File
	Module *ast.Module // never nil; best effort when the text is damaged
	Errors []Error
	// Tree is the tree-sitter tree; nil when the parse was abandoned.
	Tree *sitter.Tree
	// Damaged is set when the parse was abandoned (time budget, cancellation
	// or size limit); Module then holds only what could be recovered cheaply.
	Damaged bool
}

// Limits bound a parse. The zero value of a field means its default.
var (
	// ParseBudget is the time budget of tree-sitter's parse (lowering is
	// linear and not counted) when the context has no earlier deadline.
	// The largest corpus module (260 KB) parses in about 40 ms; the budget
	// leaves a wide margin for loaded machines while bounding the worst
	// case: on token soup the GLR parser forks without limit, and 2 s
	// costs about 60 MB of peak RSS (corpus adversarial/parser-blowup-8k).
	ParseBudget = 2 * time.Second
	// budgetPerMB is added to ParseBudget per megabyte of text: tree-sitter
	// parses real modules at about 0.4 MB/s on a loaded machine.
	budgetPerMB = 5 * time.Second
	// wallSlack is how much longer than its CPU budget a parse may take in
	// wall time (waiting for a core on a loaded machine).
	wallSlack = time.Duration(20)
	// cpuPoll is how often the parser's CPU time is read.
	cpuPoll = 20 * time.Millisecond
	// MaxSourceBytes is the largest text parsed at all. Larger files get a
	// single error: no TLA+ module is anywhere near this size.
	MaxSourceBytes = 8 << 20
)

var language = grammar.Language()

// errTooLarge marks a text rejected before parsing.
var errTooLarge = errors.New("file too large")

// parseTree runs tree-sitter on src under the time budget, reusing old
// (already edited to match src) when non-nil. A fresh parser is used every
// time: an abandoned parse leaves state in a TSParser that the next call
// would otherwise resume, and smacker's cancellation goroutine may set the
// flag after a parse has finished.
func parseTree(ctx context.Context, old *sitter.Tree, src []byte) (tree *sitter.Tree, text []byte, err error) {
	return parseTreeEnds(ctx, old, src, moduleEnds(src))
}

// parseTreeEnds is parseTree given moduleEnds(src). The tree's positions
// refer to text: src followed by a `====` for each module left open.
// Tree-sitter also reads the text from ends.tail on, and ends.quiet, as
// blanks.
func parseTreeEnds(ctx context.Context, old *sitter.Tree, src []byte, ends modules) (tree *sitter.Tree, text []byte, err error) {
	text = closeModules(src, ends.open)
	if ends.open > 0 && ends.tail == len(src) {
		// the `====` lines added are the modules' ends, not text after
		// them to be read as blanks
		ends.tail = len(text)
	}
	tree, err = parseText(ctx, old, text, ends)
	return tree, text, err
}

func parseText(ctx context.Context, old *sitter.Tree, src []byte, ends modules) (*sitter.Tree, error) {
	if len(src) > MaxSourceBytes {
		return nil, errTooLarge
	}
	if !ends.header {
		return nil, errNoModule
	}
	if e := nestingError(src); e != nil {
		return nil, &nestingErr{err: *e}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p := sitter.NewParser()
	defer p.Close()
	p.SetLanguage(language)
	// Large generated modules (a 3 MB trace) parse in seconds: the
	// budget grows with the text, while small token soup stays bounded.
	budget := ParseBudget + time.Duration(len(src))*budgetPerMB/(1<<20)
	// The budget is CPU time where the parsing thread's can be read: on a
	// loaded machine a module that parses in 1 s of CPU may take 20 s of
	// wall time, and it is the CPU the parser spends that bounds the
	// memory token soup can take. Wall time, far larger, stays a backstop.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu, start := threadCPU()
	wall := budget
	if cpu != nil {
		wall = budget * wallSlack
	}
	if dl, ok := ctx.Deadline(); ok {
		if d := time.Until(dl); d < wall {
			wall = d
		}
	}
	if wall <= 0 {
		return nil, context.DeadlineExceeded
	}
	p.SetOperationLimit(int(wall / time.Microsecond))
	parseCtx := ctx
	var overBudget atomic.Bool
	if cpu != nil {
		var cancel context.CancelFunc
		parseCtx, cancel = context.WithCancel(ctx)
		defer cancel()
		done := make(chan struct{})
		defer close(done)
		go func() {
			t := time.NewTicker(cpuPoll)
			defer t.Stop()
			for {
				select {
				case <-done:
					return
				case <-t.C:
					if cpu()-start > budget {
						overBudget.Store(true)
						cancel()
						return
					}
				}
			}
		}()
	}
	rewritten, merged := pcalRewritesLines(blankRanges(blankFrom(src, ends.tail), ends.quiet))
	if merged {
		old = nil // its rows are the rewritten text's, not the edits'
	}
	final := rewriteOpSelectors(blankSemicolonsBeforeElse(rewritten))
	if old != nil && mayHoldOpSelector(src) {
		// an edit may have changed which symbols are rewritten away from
		// the edited range, where the old tree's tokens would be reused
		old = nil
	}
	tree, err := p.ParseCtx(parseCtx, old, final)
	if overBudget.Load() && ctx.Err() == nil {
		return nil, ErrAbandoned
	}
	if err != nil {
		return nil, err
	}
	if tree == nil {
		return nil, ErrAbandoned
	}
	return tree, nil
}

// errNoModule marks a text without the two tokens of a module header
// (modules.header). Tree-sitter has no module to find there, and its error
// recovery on such text is exponential: a 16-byte `Init == /\ x = 1` in a
// new, still headerless buffer used the whole time budget on every
// keystroke. The grammar also takes a bare PlusCal
// algorithm as a file, but SANY and pcal.trans reject one ("Algorithm not
// in properly terminated comment"), and a few stray tokens after
// `--algorithm` took the whole time budget.
var errNoModule = errors.New("no module header")

// nestingErr carries a nesting error found before parsing.
type nestingErr struct{ err Error }

func (e *nestingErr) Error() string { return e.err.Msg }

// ErrAbandoned is returned (wrapped) when tree-sitter gives up without a tree.
var ErrAbandoned = errors.New("parse abandoned")

// Parse parses one file. It never panics and is bounded in time and memory
// (see ParseBudget and MaxSourceBytes).
func Parse(ctx context.Context, name string, src []byte) *Result {
	tree, text, err := parseTree(ctx, nil, src)
	return build(name, src, text, tree, err)
}

// build lowers a parsed tree, or reports why there is none.
func build(name string, src, text []byte, tree *sitter.Tree, parseErr error) *Result {
	res, _ := buildReusing(name, src, text, tree, parseErr, nil, false)
	return res
}

// buildReusing is build for a Document: it reuses the units of prev (the
// previous parse, or nil) that tree still shares, and when collect is set
// returns what the next parse may reuse (nil after a failure). The tree's
// positions refer to text, src followed by the `====` lines the parser
// added for modules left open (parseTreeEnds); spans are cut back to src.
func buildReusing(name string, src, text []byte, tree *sitter.Tree, parseErr error, prev *unitCache, collect bool) (res *Result, next *unitCache) {
	res = &Result{File: source.NewFile(name, src), Tree: tree}
	if tree == nil {
		res.Damaged = true
		res.Module = &ast.Module{Span: ast.Span{Start: 0, End: len(src)}}
		res.Module.Comments, res.Module.Translation = scanComments(src)
		var nest *nestingErr
		if errors.Is(parseErr, errNoModule) {
			// Not damaged: the text simply holds no module, as a new
			// buffer does before its header is typed.
			res.Damaged = false
			res.Errors = lexicalErrors(src)
		} else if errors.As(parseErr, &nest) {
			res.Errors = []Error{nest.err}
		} else {
			res.Errors = []Error{{Span: damagedSpan(src), Msg: damagedMessage(parseErr)}}
		}
		return res, nil
	}
	defer func() {
		// Lowering is plain Go over a finished tree; a panic here is a bug
		// in this package, but one damaged file must not take down the
		// server.
		if r := recover(); r != nil {
			res.Damaged = true
			res.Module = &ast.Module{Span: ast.Span{Start: 0, End: len(src)}}
			res.Errors = append(res.Errors, Error{Span: damagedSpan(src),
				Msg: fmt.Sprintf("internal error while reading the syntax tree: %v\n%s", r, debug.Stack())})
			next = nil
		}
	}()
	closed := len(text) > len(src)
	if closed {
		// The units of a text with added lines are not worth keeping.
		prev, collect = nil, false
	}
	l := &lowerer{src: text, flat: flatten(tree, text, prev)}
	if collect && l.flat != nil {
		n := 0
		if prev != nil {
			n = len(prev.units)
		}
		l.lowered = make(map[string]*loweredUnit, n)
	}
	if prev != nil {
		l.preshifted = prev.shifted
	}
	defer l.close()
	root := tree.RootNode()
	if l.flat != nil {
		res.Module = l.file(l.flat.root())
	} else {
		res.Module = l.file(root)
	}
	res.Errors = syntaxErrors(root, src, text)
	for _, e := range l.errors {
		// once: a PlusCal algorithm's syntax error is found both in the
		// tree (an ERROR node inside its comment) and by its lowering,
		// whose range is the offending token's and whose message (the
		// lowering knows the statement) may say more than the tree's
		if i := slices.IndexFunc(res.Errors, func(o Error) bool {
			return o.Span.Start == e.Span.Start && (o.Msg == e.Msg || o.PlusCal && e.PlusCal)
		}); i >= 0 {
			res.Errors[i] = e
			continue
		}
		res.Errors = append(res.Errors, e)
	}
	if closed {
		clampSpans(reflect.ValueOf(res.Module), len(src), map[uintptr]bool{})
		clampSpans(reflect.ValueOf(res.Errors), len(src), map[uintptr]bool{})
	}
	sortErrors(res.Errors)
	if l.lowered != nil {
		next = &unitCache{units: l.lowered, reused: l.reused, preshifted: l.preshiftUsed}
	}
	return res, next
}

func damagedMessage(err error) string {
	switch {
	case errors.Is(err, errTooLarge):
		return fmt.Sprintf("file too damaged to parse: file too large (over %d MB)", MaxSourceBytes>>20)
	case errors.Is(err, context.Canceled):
		return "file too damaged to parse: parse cancelled"
	default:
		return "file too damaged to parse: the parser gave up after its time budget; look for unbalanced brackets or stray operators"
	}
}

// damagedSpan is where a whole-file failure is reported: the first line,
// so that editors show it without flooding the file with a squiggle.
func damagedSpan(src []byte) source.Span {
	end := 0
	for end < len(src) && src[end] != '\n' {
		end++
	}
	return source.Span{Start: 0, End: end}
}
