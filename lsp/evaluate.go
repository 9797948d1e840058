package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/lsp/cache"
	"github.com/tlals/tlals/parser/source"
)

// Evaluate selection / Evaluate expression: tlals.evaluate evaluates a
// TLA+ expression in the context of a document's model (its constants),
// in a step of the trace shown, or without a state.

// evaluateArgs are tlals.evaluate's second argument.
type evaluateArgs struct {
	Expression string          `json:"expression"` // or Range
	Range      *protocol.Range `json:"range"`      // the selection: the expression is its text
	Step       *int            `json:"step"`       // 0-based step of the last run's trace; absent: no state
	Model      string          `json:"model"`      // the .cfg (as tlals.check's); absent: the setting's, else the first model
}

// evaluateReply is tlals.evaluate's result: a value, or an error with its
// position (in the document for a selection, else in the expression).
type evaluateReply struct {
	Expression string             `json:"expression"`
	Value      *string            `json:"value,omitempty"`
	Error      string             `json:"error,omitempty"`
	Location   *protocol.Location `json:"location,omitempty"` // where the error is, when in a document
	Step       *int               `json:"step,omitempty"`
	Model      string             `json:"model"` // the model's name ("Spec.cfg", "no model")
}

// evaluateCommand is tlals.evaluate [uri, evaluateArgs].
func (s *Server) evaluateCommand(ctx context.Context, args []protocol.LSPAny) (any, error) {
	u, rest, err := uriArg(args)
	if err != nil {
		return nil, err
	}
	var a evaluateArgs
	if len(rest) > 0 && string(rest[0]) != "null" {
		if err := json.Unmarshal(rest[0], &a); err != nil {
			return nil, errf(jsonrpc2.InvalidParams, "tlals.evaluate: %v", err)
		}
	}
	snap, ok := s.session.Snapshot(u)
	if !ok {
		return nil, errf(jsonrpc2.InvalidParams, "document %s is not open", u)
	}
	expr, base := a.Expression, -1
	if a.Range != nil {
		enc := s.encoding()
		start, err1 := snap.File.Offset(fromPosition(a.Range.Start), enc)
		end, err2 := snap.File.Offset(fromPosition(a.Range.End), enc)
		if err := errors.Join(err1, err2); err != nil || end < start {
			return nil, errf(jsonrpc2.InvalidParams, "tlals.evaluate: bad range: %v", err)
		}
		expr, base = string(snap.File.Text[start:end]), start
	}
	if strings.TrimSpace(expr) == "" {
		return nil, errf(jsonrpc2.InvalidParams, "tlals.evaluate: no expression (select one, or pass expression)")
	}
	s.async(ctx) // loading the model and evaluating may take a while
	reply := evaluateReply{Expression: expr, Step: a.Step}
	var ev *checker.Evaluator
	var trace []checker.Step
	var files map[string]*source.File // the texts evaluated, for an error's place
	if a.Step != nil {
		t := s.traceOf(snap.Path)
		if t == nil || t.run.Result == nil || len(t.run.Result.Trace) == 0 {
			return nil, errf(codeRequestFailed, "no trace for %s: check the model first", u)
		}
		trace = t.run.Result.Trace
		if *a.Step < 0 || *a.Step >= len(trace) {
			return nil, errf(jsonrpc2.InvalidParams, "step %d is outside the trace (0..%d)", *a.Step, len(trace)-1)
		}
		reply.Model, files = t.run.Model.Name, t.run.Files
		ev, err = newEvaluator(t.run, []string{expr})
	} else {
		m := s.evalModel(snap, a.Model)
		reply.Model = m.Name
		var in *modelInput
		if in, err = loadInput(snap, m, s.searchDirs(), checker.Options{}); err == nil {
			ev, err = checker.NewEvaluator(in.model, []string{expr})
			in.mu.Lock()
			files = in.files
			in.mu.Unlock()
		}
	}
	if err == nil {
		var v string
		if a.Step != nil {
			v, err = ev.Eval(0, trace, *a.Step)
		} else {
			v, err = ev.EvalIn(0, nil, nil)
		}
		if err == nil {
			reply.Value = &v
			return reply, nil
		}
	}
	reply.Error, reply.Location = s.evalError(err, u, snap.File, base, files)
	return reply, nil
}

// evalModel is the model an evaluation takes its constants from: the one
// a check of the document would use, else the document alone (its
// constants then have no value).
func (s *Server) evalModel(snap *cache.Snapshot, chosen string) checkModel {
	if chosen == "" {
		chosen = s.Settings().Check.Model
	}
	if models := s.modelsFor(snap, chosen); len(models) > 0 {
		return models[0]
	}
	return checkModel{Name: "no model", TLAPath: snap.Path, CfgText: []byte{}}
}

// evalError is err's message and location: an error in the expression is
// at its place in the document when the expression is the text at byte
// base of f (base < 0: a typed expression, the message says line:column in
// it); an error in a definition of the spec is where that definition is,
// in the text of files that the evaluation read.
func (s *Server) evalError(err error, u uri.URI, f *source.File, base int, files map[string]*source.File) (string, *protocol.Location) {
	enc := s.encoding()
	var xe *checker.ExprError
	if errors.As(err, &xe) {
		if base < 0 {
			return xe.Error(), nil
		}
		off := base + xe.Offset
		l, c := f.LineCol(off)
		loc := &protocol.Location{URI: u, Range: toRange(f, source.Span{Start: off, End: off}, enc)}
		return fmt.Sprintf("%s:%d:%d: %s", filepath.Base(f.Name), l, c, xe.Msg), loc
	}
	r, msg := checker.EvalErrorAt(err)
	if r == nil {
		return err.Error(), nil
	}
	var rng protocol.Range
	if r.File == f.Name {
		rng = toRange(f, source.Span{Start: r.Start, End: r.End}, enc)
	} else if path, sp, ok := spanOf(files, r); ok { // another module: the checker's span, in the client's encoding
		rng = toRange(files[path], sp, enc)
	} else { // a text the evaluation did not record: its lines and columns (in characters)
		rng = protocol.Range{
			Start: protocol.Position{Line: uint32(max(r.StartLine-1, 0)), Character: uint32(max(r.StartColumn-1, 0))},
			End:   protocol.Position{Line: uint32(max(r.EndLine-1, 0)), Character: uint32(max(r.EndColumn, 0))},
		}
	}
	return fmt.Sprintf("%s:%d:%d: %s", filepath.Base(r.File), r.StartLine, r.StartColumn, msg), &protocol.Location{URI: uri.File(r.File), Range: rng}

}
