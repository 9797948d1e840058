package lsp

import (
	"context"
	"math"
	"sort"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/lsp/cache"
	"github.com/tlals/tlals/parser/source"
)

// The heat map of evaluation cost: the conjuncts of the initial predicate
// and of the actions, each with the number of times the last run
// evaluated it (its coverage, checker.Coverage), graded so that every
// editor shades them alike.

const methodHeatMap = "tlals/heatMap"

// heatLevels is the number of shades: level 1 is the cheapest evaluated
// conjunct, heatLevels the costliest; 0 is never evaluated.
const heatLevels = 5

type heatMapReply struct {
	Model string      `json:"model"`
	Max   int64       `json:"max"`   // the largest count of the run
	Stale bool        `json:"stale"` // the document changed since the run: no entries
	Spots []heatEntry `json:"spots"` // in the order of the text
}

type heatEntry struct {
	Range protocol.Range `json:"range"`
	Count int64          `json:"count"`
	Level int            `json:"level"`
	// Action is the definition holding the conjunct (Init, Next's actions).
	Action string `json:"action"`
	// Part numbers the pieces of a spot's own text (ownText) from 0: an
	// editor lists a spot's count once, at part 0.
	Part int `json:"part,omitempty"`
}

// heatMapRequest is tlals/heatMap {textDocument} → heatMapReply | null
// (null: no run with coverage read the document).
func (s *Server) heatMapRequest(ctx context.Context, p *textDocumentParams) (any, error) {
	path := cache.PathOf(p.TextDocument.URI)
	run := s.lastRunOf(path)
	if run == nil || run.Result == nil || run.Result.Coverage == nil {
		return nil, nil
	}
	reply := heatMapReply{Model: run.Model.Name, Spots: []heatEntry{}}
	cov := run.Result.Coverage.Complete()
	groups := append([]checker.ActionCoverage{cov.Init}, cov.Actions...)
	for _, g := range groups {
		for _, e := range g.Exprs {
			reply.Max = max(reply.Max, e.Count)
		}
	}
	f := run.Files[path]
	snap, ok := s.session.Snapshot(p.TextDocument.URI)
	if f == nil || ok && hashText(snap.File.Text) != run.Deps[path] {
		reply.Stale = f != nil
		return reply, nil
	}
	enc := s.encoding()
	var spans []source.Span // of every spot in the file, for ownText
	for _, g := range groups {
		for _, e := range g.Exprs {
			if e.Location != nil && e.Location.File == path {
				spans = append(spans, source.Span{Start: e.Location.Start, End: e.Location.End})
			}
		}
	}
	for _, g := range groups {
		for _, e := range g.Exprs {
			if e.Location == nil || e.Location.File != path {
				continue
			}
			for i, sp := range ownText(f.Text, source.Span{Start: e.Location.Start, End: e.Location.End}, spans) {
				reply.Spots = append(reply.Spots, heatEntry{
					Part:   i,
					Range:  toRange(f, sp, enc),
					Count:  e.Count,
					Level:  heatLevel(e.Count, reply.Max),
					Action: g.Name,
				})
			}
		}
	}
	sort.SliceStable(reply.Spots, func(i, j int) bool {
		a, b := reply.Spots[i].Range.Start, reply.Spots[j].Range.Start
		return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
	})
	return reply, nil
}

// heatLevel grades count against the run's largest on a logarithmic scale
// (counts span orders of magnitude): 1..heatLevels, 0 for never.
func heatLevel(count, most int64) int {
	if count <= 0 || most <= 0 {
		return 0
	}
	l := int(math.Ceil(heatLevels * math.Log1p(float64(count)) / math.Log1p(float64(most))))
	return min(max(l, 1), heatLevels)
}

// ownText is the text of the spot at sp that no spot nested in it covers,
// as pieces without their surrounding blanks: an expression's shade never
// covers the shades of its parts (nested expressions each show their own
// count, and decorations drawn over each other would hide the inner).
func ownText(text []byte, sp source.Span, all []source.Span) []source.Span {
	var inner []source.Span
	for _, o := range all {
		if sp.Start <= o.Start && o.End <= sp.End && o != sp {
			inner = append(inner, o)
		}
	}
	sort.Slice(inner, func(i, j int) bool { return inner[i].Start < inner[j].Start })
	var out []source.Span
	piece := func(a, b int) {
		for a < b && isBlank(text[a]) {
			a++
		}
		for b > a && isBlank(text[b-1]) {
			b--
		}
		if a < b {
			out = append(out, source.Span{Start: a, End: b})
		}
	}
	at := sp.Start
	for _, o := range inner {
		if o.Start > at {
			piece(at, o.Start)
		}
		at = max(at, o.End)
	}
	piece(at, sp.End)
	return out
}

func isBlank(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }
