package lsp

import (
	"fmt"
	"slices"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/checker/config"
	"github.com/tlals/tlals/lsp/cache"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Results of model checking as diagnostics: a violated invariant on its
// name in the .cfg, on its definition and on the failing sub-expression; a
// deadlock on Next (or Spec); an assertion or evaluation error on the
// expression; a run stopped by its bounds as information. Every diagnostic
// lists the trace's steps as related information.

// Diagnostic codes of check results.
const (
	codeCheckInvariant    = "check/invariant"
	codeCheckDeadlock     = "check/deadlock"
	codeCheckError        = "check/error"
	codeCheckBound        = "check/bound"
	codeCheckNeverEnabled = "check/never-enabled"
)

// withCheckDiagnostics adds the diagnostics of the latest runs to what is
// published for snap. A .cfg document is not TLA+: its analysis
// diagnostics are replaced by the configuration's own.
func (s *Server) withCheckDiagnostics(snap *cache.Snapshot, diags []protocol.Diagnostic, enc source.Encoding) []protocol.Diagnostic {
	if isCfg(snap.Path) {
		diags = s.cfgDiagnostics(snap, enc)
	}
	h := hashText(snap.File.Text)
	for _, run := range s.diag.checks.lastRuns() {
		var mine []analysis.Diagnostic
		for _, d := range run.Diags {
			if d.Path == snap.Path {
				mine = append(mine, d)
			}
		}
		// A run of other texts has stale positions: the next run covers it.
		if len(mine) == 0 || run.Deps[snap.Path] != h {
			continue
		}
		diags = append(diags, toDiagnostics(snap, &cache.Result{Diagnostics: mine, Files: run.Files}, enc)...)
	}
	return diags
}

// republish publishes again the open documents at paths (their analysis is
// unchanged, their check diagnostics are not).
func (s *Server) republish(paths map[string]bool) {
	if s.client == nil {
		return
	}
	enc := s.encoding()
	d := &s.diag
	for _, snap := range s.session.Snapshots() {
		if !paths[snap.Path] {
			continue
		}
		res := snap.Result()
		if res == nil {
			continue // not analysed yet: its first publication includes the run
		}
		d.pubMu.Lock()
		delete(d.published, snap.URI)
		d.pubMu.Unlock()
		d.publish(snap, res, enc)
	}
}

// runDiagnostics turns a finished run into diagnostics.
func runDiagnostics(run *checkRun) []analysis.Diagnostic {
	res := run.Result
	if res == nil {
		return nil
	}
	if res.Outcome == checker.OutcomeOK {
		return neverEnabled(run)
	}
	related := traceRelated(run)
	var out []analysis.Diagnostic
	add := func(path string, sp source.Span, sev analysis.Severity, code, msg string) {
		out = append(out, analysis.Diagnostic{Path: path, Span: sp, Severity: sev, Code: code, Message: msg, Related: related})
	}
	root := run.Model.TLAPath
	behaviour := behaviourName(run)
	switch res.Outcome {
	case checker.OutcomeBound:
		msg := fmt.Sprintf("%s: no error found before the bounds: %s distinct states, depth %d, %.1f s (%s states left on the queue)",
			run.Model.Name, thousands(res.DistinctStates), res.Depth, res.Duration.Seconds(), thousands(res.QueueLeft))
		if res.Message != "" { // which bound: states, time, memory
			msg += "; " + res.Message
		}
		if res.Simulation != nil {
			msg += "; then simulation: " + res.Simulation.Summary()
		}
		if id := defName(run.Module, behaviour); id != nil {
			add(root, id.Span, analysis.Information, codeCheckBound, msg)
		}
		if n := cfgBehaviour(run); n != nil && run.Model.CfgPath != "" {
			add(run.Model.CfgPath, nameSpan(*n), analysis.Information, codeCheckBound, msg)
		}
	case checker.OutcomeInvariant, checker.OutcomeActionProperty:
		msg := fmt.Sprintf("%s %s is violated after %d steps", propertyKind(res), res.Property, len(res.Trace))
		if res.Simulation != nil {
			msg += " (found by simulation: the state space is beyond the check's bounds)"
		}
		if run.Config != nil && run.Model.CfgPath != "" {
			for _, n := range append(slices.Clone(run.Config.Invariants), run.Config.Properties...) {
				if n.Text == res.Property {
					add(run.Model.CfgPath, nameSpan(n), analysis.Error, codeCheckInvariant, msg)
				}
			}
		}
		if id := defName(run.Module, res.Property); id != nil {
			add(root, id.Span, analysis.Error, codeCheckInvariant, msg)
		} else if path, sp, ok := spanOf(run.Files, res.Location); ok {
			add(path, sp, analysis.Error, codeCheckInvariant, msg)
		}
		if f := res.Failing; f != nil {
			if path, sp, ok := spanOf(run.Files, f.Location); ok {
				add(path, sp, analysis.Error, codeCheckInvariant, failingMessage(f, len(res.Trace)))
			}
		}
	case checker.OutcomeDeadlock:
		msg := fmt.Sprintf("Deadlock reached after %d steps: no action of %s is enabled", len(res.Trace), behaviour)
		if id := defName(run.Module, behaviour); id != nil {
			add(root, id.Span, analysis.Error, codeCheckDeadlock, msg)
		}
	default:
		msg := res.Message
		if len(res.Trace) > 0 {
			msg = fmt.Sprintf("%s (after %d steps)", msg, len(res.Trace))
		}
		path, sp, ok := spanOf(run.Files, res.Location)
		if !ok {
			path, sp = root, source.Span{}
			if run.Module != nil && run.Module.Name != nil {
				sp = run.Module.Name.Span
			}
		}
		add(path, sp, analysis.Error, codeCheckError, msg)
		if path, sp, ok := spanOf(run.Files, plusCalOf(res.Location)); ok {
			add(path, sp, analysis.Error, codeCheckError, msg)
		}
		// The call chain (outermost first): each call site, e.g.
		// UploadWith(msg[self].id) in Create, and its PlusCal statement.
		for _, call := range res.Calls {
			for _, r := range []*checker.Range{call, plusCalOf(call)} {
				if path, sp, ok := spanOf(run.Files, r); ok {
					add(path, sp, analysis.Error, codeCheckError, msg+" (in this call)")
				}
			}
		}
	}
	return out
}

// plusCalOf is the PlusCal text r was translated from, if any (see
// checker.MapPlusCal).
func plusCalOf(r *checker.Range) *checker.Range {
	if r == nil {
		return nil
	}
	return r.PlusCal
}

func propertyKind(res *checker.Result) string {
	if res.Outcome == checker.OutcomeActionProperty {
		return "Property"
	}
	return "Invariant"
}

// traceRelated lists every step: its number, action and where it happens
// (a PlusCal step's label, with its translation as a second entry).
func traceRelated(run *checkRun) []analysis.Related {
	var out []analysis.Related
	for i, st := range run.Result.Trace {
		msg := fmt.Sprintf("step %d: %s", i+1, st.Action)
		if path, sp, ok := stepSpan(run, i); ok {
			out = append(out, analysis.Related{Path: path, Span: sp, Message: msg})
		}
		if st.Location != nil && st.Location.PlusCal != nil {
			if path, sp, ok := spanOf(run.Files, st.Location); ok {
				out = append(out, analysis.Related{Path: path, Span: sp, Message: msg + " (translation)"})
			}
		}
	}
	return out
}

// behaviourName is the definition that says how the system moves: NEXT,
// else SPECIFICATION, else Next.
func behaviourName(run *checkRun) string {
	if n := cfgBehaviour(run); n != nil {
		return n.Text
	}
	return "Next"
}

func cfgBehaviour(run *checkRun) *config.Name {
	if run.Config == nil {
		return nil
	}
	if run.Config.Next != nil {
		return run.Config.Next
	}
	return run.Config.Specification
}

func nameSpan(n config.Name) source.Span { return source.Span{Start: n.Pos.Offset, End: n.End.Offset} }

// initName is the initial predicate's name: INIT, else Init.
func initName(run *checkRun) string {
	if run.Config != nil && run.Config.Init != nil {
		return run.Config.Init.Text
	}
	return "Init"
}

// defName finds the name of a top-level definition of mod.
func defName(mod *ast.Module, name string) *ast.Ident {
	if mod == nil {
		return nil
	}
	for _, u := range mod.Units {
		if d, ok := u.(*ast.OpDef); ok && d.Name != nil && d.Name.Name == name {
			return d.Name
		}
	}
	return nil
}

// spanOf is a checker range as the byte span of one of files: the span
// the checker computed its lines and columns from.
func spanOf(files map[string]*source.File, r *checker.Range) (string, source.Span, bool) {
	if r == nil {
		return "", source.Span{}, false
	}
	f := files[r.File]
	if f == nil || r.Start < 0 || r.End > len(f.Text) || r.End < r.Start {
		return "", source.Span{}, false
	}
	return r.File, source.Span{Start: r.Start, End: r.End}, true
}

// isCfg reports whether a path (or URI) names a model configuration.
func isCfg(path string) bool { return strings.HasSuffix(path, ".cfg") }

// failingMessage says that the failing part of an invariant is FALSE in
// the last state, and with which values.
func failingMessage(f *checker.Failing, steps int) string {
	msg := fmt.Sprintf("FALSE in the last state (step %d): %s", steps, strings.Join(strings.Fields(f.Text), " "))
	for i, v := range f.Values {
		sep := ", "
		if i == 0 {
			sep = ", where "
		}
		msg += sep + v.Name + " = " + v.Value
	}
	return msg
}

// neverEnabled warns on each action that had no successor in any state of
// a complete search: its guard may be unreachable.
func neverEnabled(run *checkRun) []analysis.Diagnostic {
	cov := run.Result.Coverage
	if cov == nil || run.Module == nil {
		return nil
	}
	var out []analysis.Diagnostic
	for _, a := range cov.NeverEnabled() {
		id := defName(run.Module, a.Name)
		if id == nil {
			continue
		}
		out = append(out, analysis.Diagnostic{Path: run.Model.TLAPath, Span: id.Span, Severity: analysis.Warning, Code: codeCheckNeverEnabled,
			Message: fmt.Sprintf("%s: action %s is never enabled in %s states: unreachable?", run.Model.Name, a.Name, thousands(cov.Expanded))})
	}
	return out
}
