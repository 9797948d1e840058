package tlcengine

import (
	"regexp"
	"strings"

	"github.com/tlals/tlals/checker"
)

// TLC's -coverage report (tlc2.tool.coverage): between a 2201 and a 2202,
// the initial predicate (2773) and each action (2772) as
// "<Name line a, col b to line c, col d of module M>: distinct:generated",
// each followed by the counts of its expressions (2221, or 2775 with a
// cost: "  ||line ... of module M: count[:cost]", a "|" for each
// expression around it). Properties (2774), constraints (2778) and
// variables (2779) have lines of their own, which the built-in engine's
// report (checker.Coverage) has not.
const (
	codeCoverageStart      = 2201
	codeCoverageEnd        = 2202
	codeCoverageValue      = 2221
	codeCoverageNext       = 2772
	codeCoverageInit       = 2773
	codeCoverageProperty   = 2774
	codeCoverageValueCost  = 2775
	codeCoverageConstraint = 2778
	codeCoverageVar        = 2779
)

var (
	coverageActionRE = regexp.MustCompile(`^<(\S+?)(?: line (\d+), col (\d+) to line (\d+), col (\d+) of module (\S+?))?>: (\d+):(\d+)`)
	coverageExprRE   = regexp.MustCompile(`^(\|*)line (\d+), col (\d+) to line (\d+), col (\d+) of module (\S+): (\d+)`)
)

// coverageLine is one line of TLC's report as read, before its ranges are
// placed in the model's text.
type coverageLine struct {
	code int
	text string
}

// addCoverage collects a coverage message; a new report (TLC reports
// every -coverage minutes, and at the end) replaces the last.
func (c *collector) addCoverage(m message) {
	switch m.code {
	case codeCoverageStart:
		c.covLines, c.covDone = nil, false
	case codeCoverageEnd:
		c.covDone = true
	default:
		c.covLines = append(c.covLines, coverageLine{m.code, m.text})
	}
}

// isCoverage tells the message codes of TLC's coverage report.
func isCoverage(code int) bool {
	switch code {
	case codeCoverageStart, codeCoverageEnd, codeCoverageValue, codeCoverageNext, codeCoverageInit,
		codeCoverageProperty, codeCoverageValueCost, codeCoverageConstraint, codeCoverageVar:
		return true
	}
	return false
}

// coverage is TLC's last complete report as the built-in engine's: the
// initial predicate's and each action's counts, their expressions' counts
// with the nesting TLC marks. TLC reports neither the states in which an
// action was enabled nor the states expanded: Enabled stays 0 and
// Expanded is the states found and no longer queued, which every state of
// a completed run is.
func (c *collector) coverage(m *checker.Model) *checker.Coverage {
	if !c.covDone {
		return nil
	}
	cov := &checker.Coverage{Expanded: max(c.res.DistinctStates-c.res.QueueLeft, 0)}
	var cur *checker.ActionCoverage // the line the expressions that follow belong to
	for _, l := range c.covLines {
		text := strings.TrimSpace(l.text)
		switch l.code {
		case codeCoverageInit, codeCoverageNext:
			s := coverageActionRE.FindStringSubmatch(text)
			if s == nil {
				cur = nil
				continue
			}
			a := checker.ActionCoverage{Name: s[1], Distinct: atoi(s[7]), Generated: atoi(s[8])}
			if s[2] != "" {
				a.Location = m.RangeAt(s[6], int(atoi(s[2])), int(atoi(s[3])), int(atoi(s[4])), int(atoi(s[5])))
			}
			if l.code == codeCoverageInit {
				cov.Init = a
				cur = &cov.Init
			} else {
				cov.Actions = append(cov.Actions, a)
				cur = &cov.Actions[len(cov.Actions)-1]
			}
		case codeCoverageValue, codeCoverageValueCost:
			s := coverageExprRE.FindStringSubmatch(text)
			if cur == nil || s == nil {
				continue
			}
			r := m.RangeAt(s[6], int(atoi(s[2])), int(atoi(s[3])), int(atoi(s[4])), int(atoi(s[5])))
			if r == nil {
				continue
			}
			cur.Exprs = append(cur.Exprs, checker.ExprCoverage{Location: r, Count: atoi(s[7]), Depth: len(s[1])})
		default: // a property's, a constraint's or a variable's line
			cur = nil
		}
	}
	return cov
}
