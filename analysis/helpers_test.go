package analysis

import "fmt"

// formatDiag renders a diagnostic as path:line:col: message [code].
func formatDiag(p *Program, d Diagnostic) string {
	for _, m := range p.order {
		if m.Path == d.Path && m.File != nil {
			l, c := m.File.LineCol(d.Span.Start)
			return fmt.Sprintf("%s:%d:%d: %s [%s] %q", d.Path, l, c, d.Message, d.Code, m.File.Text[d.Span.Start:d.Span.End])
		}
	}
	return d.String()
}
