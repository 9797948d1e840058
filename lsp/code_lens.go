package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/lsp/cache"
	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Code lenses: "▶ Check" and the last result on Init, Next and Spec and on
// each model; on each action of the current trace, its step numbers.

func lensCommand(title, name string, args ...any) protocol.Command {
	cmd := protocol.Command{Title: title, Command: name}
	for _, a := range args {
		if b, err := json.Marshal(a); err == nil {
			cmd.Arguments = append(cmd.Arguments, b)
		}
	}
	return cmd
}

func (s *Server) codeLenses(ctx context.Context, p *protocol.CodeLensParams) (any, error) {
	u := p.TextDocument.URI
	snap, ok := s.session.Snapshot(u)
	out := []protocol.CodeLens{}
	if !ok {
		return out, nil
	}
	enc := s.encoding()
	f := snap.File
	lastOf := map[string]*checkRun{}
	for _, r := range s.diag.checks.lastRuns() {
		lastOf[r.Model.key()] = r
	}
	resultLens := func(r protocol.Range, run *checkRun) {
		if run == nil {
			return
		}
		cmd := lensCommand(summaryText(run.Result), "tlals.check", u)
		if len(run.Result.Trace) > 0 {
			cmd = lensCommand(summaryText(run.Result), "tlals.trace.first", u)
		}
		out = append(out, protocol.CodeLens{Range: r, Command: cmd})
	}
	models := s.modelsFor(snap, s.Settings().Check.Model)
	top := toRange(f, source.Span{}, enc)
	if isCfg(snap.Path) {
		for _, m := range models {
			out = append(out, protocol.CodeLens{Range: top, Command: lensCommand("▶ Check", "tlals.check", u)})
			resultLens(top, lastOf[m.key()])
		}
		return out, nil
	}
	mod := parser.Parse(ctx, snap.Path, f.Text).Module
	if len(models) == 0 {
		return append(out, newModelLens(mod, u, top, strings.TrimSuffix(filepath.Base(snap.Path), ".tla")+".cfg")...), nil
	}
	// The primary model's lenses sit on the definitions it checks.
	primary := lastOf[models[0].key()]
	for _, name := range []string{"Init", "Next", "Spec"} {
		if id := defName(mod, name); id != nil {
			r := toRange(f, id.Span, enc)
			out = append(out, protocol.CodeLens{Range: r, Command: lensCommand("▶ Check", "tlals.check", u)})
			resultLens(r, primary)
		}
	}
	// Every model on the module's first line, when there is a choice.
	if len(models) > 1 {
		for _, m := range models {
			out = append(out, protocol.CodeLens{Range: top, Command: lensCommand("▶ Check "+m.Name, "tlals.check", u, map[string]string{"model": m.CfgPath})})
			resultLens(top, lastOf[m.key()])
		}
	}
	out = append(out, actionLenses(mod, primary, f, enc, u)...)
	out = append(out, s.stepLenses(snap, enc)...)
	return out, nil
}

// actionLenses label each action of the primary model's last run with its
// coverage: "Receive: 3,212 distinct / 9,847 generated".
func actionLenses(mod *ast.Module, run *checkRun, f *source.File, enc source.Encoding, u any) []protocol.CodeLens {
	// a run stopped by an error counted part of the actions only: its
	// trace is what matters then
	if run == nil || run.Result == nil || run.Result.Coverage == nil || (run.Result.Outcome != checker.OutcomeOK && run.Result.Outcome != checker.OutcomeBound) {
		return nil
	}
	var out []protocol.CodeLens
	for _, a := range run.Result.Coverage.Actions {
		id := defName(mod, a.Name)
		if id == nil {
			continue
		}
		title := fmt.Sprintf("%s: %s distinct / %s generated", a.Name, thousands(a.Distinct), thousands(a.Generated))
		out = append(out, protocol.CodeLens{Range: toRange(f, id.Span, enc), Command: lensCommand(title, "tlals.check", u)})
	}
	return out
}

// stepLenses label each action of the current trace in this document with
// its steps: "step 2 · step 5 of 11".
func (s *Server) stepLenses(snap *cache.Snapshot, enc source.Encoding) []protocol.CodeLens {
	t := s.traceOf(snap.Path)
	if t == nil || t.run.Deps[snap.Path] != hashText(snap.File.Text) {
		return nil
	}
	trace := t.run.Result.Trace
	steps := map[source.Span][]int{}
	for i := range trace {
		if path, sp, ok := stepSpan(t.run, i); ok && path == snap.Path {
			steps[sp] = append(steps[sp], i)
		}
	}
	var spans []source.Span
	for sp := range steps {
		spans = append(spans, sp)
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var out []protocol.CodeLens
	for _, sp := range spans {
		var parts []string
		for _, i := range steps[sp] {
			parts = append(parts, fmt.Sprintf("step %d", i+1))
		}
		title := fmt.Sprintf("%s of %d", strings.Join(parts, " · "), len(trace))
		out = append(out, protocol.CodeLens{
			Range:   toRange(snap.File, source.Span{Start: sp.Start, End: sp.Start}, enc),
			Command: lensCommand(title, "tlals.trace.goto", snap.URI, steps[sp][0]),
		})
	}
	return out
}

// codeLensCaps declares the capability of this file's method.
func codeLensCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.CodeLensProvider = &protocol.CodeLensOptions{}
}
