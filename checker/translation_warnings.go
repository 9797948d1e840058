package checker

import (
	"fmt"
	"strings"

	"github.com/tlals/tlals/analysis"
)

// ParseWarning is a warning SANY gives while parsing, before any checking:
// that the checksums on a module's BEGIN TRANSLATION line no longer match
// its PlusCal algorithm or its translation.
type ParseWarning struct {
	Module  string `json:"module"`
	Message string `json:"message"`
}

// parseWarnings are the checksum warnings of root and the modules it
// EXTENDS, in SANY's order (SpecObj.loadSpec validates the root, then each
// module as an EXTENDS loads it: all of a module's extendees, then theirs,
// depth first; an INSTANCE'd module is not validated). A module extended
// twice is warned of once, as SANY's Errors drops a repeated warning.
func parseWarnings(root *analysis.Module) []ParseWarning {
	if root == nil {
		return nil
	}
	var out []ParseWarning
	seen := map[*analysis.Module]bool{}
	validate := func(m *analysis.Module) {
		seen[m] = true
		for _, d := range m.Diagnostics {
			if d.Code == analysis.ChecksumCode {
				out = append(out, ParseWarning{Module: m.Name, Message: d.Message})
			}
		}
	}
	var visit func(m *analysis.Module)
	visit = func(m *analysis.Module) {
		var loaded []*analysis.Module
		for _, e := range m.Extends {
			if e != nil && !seen[e] {
				validate(e)
				loaded = append(loaded, e)
			}
		}
		for _, e := range loaded {
			visit(e)
		}
	}
	validate(root)
	visit(root)
	return out
}

// parseWarningsText is SANY's report of the warnings (SANY.frontEndParse:
// the header, then each warning, ErrorDetails' "In module M\n\n" and its
// message, followed by three empty lines).
func parseWarningsText(root string, ws []ParseWarning) string {
	if len(ws) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Warnings (%d) during syntax parsing of %s:\n\n\n", len(ws), root)
	for _, w := range ws {
		fmt.Fprintf(&b, "In module %s\n\n%s\n\n\n\n", w.Module, w.Message)
	}
	return b.String()
}
