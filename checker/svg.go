package checker

import (
	"fmt"
	"html"
	"io"
	"strings"
)

// WriteSVG draws the graph as a self-contained SVG picture, so that no
// Graphviz is needed to look at it: states in rows by their distance from
// an initial state (the breadth-first layers the search explored), each a
// box listing its variables; transitions as arrows labelled with their
// action; the counterexample's states and steps in red, as in WriteDOT.
func (g *Graph) WriteSVG(w io.Writer) error {
	const (
		charW    = 7.2 // monospace advance at font-size 12
		lineH    = 15
		padX     = 8
		padY     = 6
		gapX     = 40
		gapY     = 70
		marginX  = 20
		marginY  = 20
		bendRoom = 50 // right of the widest row: back edges and self-loops bend there
	)
	depth := g.layers()
	var rows [][]int
	for id, d := range depth {
		for len(rows) <= d {
			rows = append(rows, nil)
		}
		rows[d] = append(rows[d], id)
	}
	type box struct{ x, y, w, h float64 }
	boxes := make([]box, len(g.States))
	width, y := 0.0, float64(marginY)
	for _, row := range rows {
		x, rowH := float64(marginX), 0.0
		for _, id := range row {
			st := g.States[id]
			cols := 0
			for _, v := range st.State {
				cols = max(cols, len([]rune(v.Name))+len([]rune(v.Value))+6)
			}
			b := box{x, y, float64(cols)*charW + 2*padX, float64(max(len(st.State), 1))*lineH + 2*padY}
			boxes[id] = b
			x += b.w + gapX
			rowH = max(rowH, b.h)
		}
		width = max(width, x-gapX+marginX+bendRoom)
		y += rowH + gapY
	}
	height := y - gapY + marginY

	onPath, pathEdge := g.pathSets()
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" font-family="monospace" font-size="12">`+"\n", width, height)
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>` + "\n")
	for _, e := range g.Edges {
		from, to := boxes[e.From], boxes[e.To]
		x1, y1 := from.x+from.w/2, from.y+from.h
		x2, y2 := to.x+to.w/2, to.y
		color, wdt := "#555", 1
		if pathEdge[[2]int{e.From, e.To}] {
			color, wdt = "red", 2
		}
		var d string
		switch {
		case e.From == e.To: // a self-loop on the box's right side
			x1, y1 = from.x+from.w, from.y+from.h/3
			d = fmt.Sprintf("M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", x1, y1, x1+35, y1-20, x1+35, y1+30, x1, y1+from.h/3)
		case to.y <= from.y: // back or sideways: bend around on the right
			x1, y1 = from.x+from.w, from.y+from.h/2
			x2, y2 = to.x+to.w, to.y+to.h/2
			bend := max(x1, x2) + 40
			d = fmt.Sprintf("M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f", x1, y1, bend, y1, bend, y2, x2, y2)
		default:
			d = fmt.Sprintf("M%.1f,%.1f L%.1f,%.1f", x1, y1, x2, y2)
		}
		fmt.Fprintf(&b, `<g class="edge"><path d="%s" fill="none" stroke="%s" stroke-width="%d" marker-end="url(#arrow)"/>`, d, color, wdt)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" fill="%s" font-size="10">%s</text></g>`+"\n", (x1+x2)/2+4, (y1+y2)/2, color, html.EscapeString(e.Action))
	}
	for id, st := range g.States {
		bx := boxes[id]
		fill, stroke, wdt := "white", "#333", 1
		if st.Initial {
			fill = "#ddd"
		}
		if onPath[id] {
			stroke, wdt = "red", 2
		}
		fmt.Fprintf(&b, `<g class="state" id="s%d"><rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="4" fill="%s" stroke="%s" stroke-width="%d"/>`, id, bx.x, bx.y, bx.w, bx.h, fill, stroke, wdt)
		for i, v := range st.State {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f">%s</text>`, bx.x+padX, bx.y+padY+float64(i+1)*lineH-3, html.EscapeString("/\\ "+v.Name+" = "+v.Value))
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// layers returns each state's distance from the nearest initial state
// (states no transition reaches from one are put in the first row).
func (g *Graph) layers() []int {
	depth := make([]int, len(g.States))
	succ := make([][]int, len(g.States))
	for _, e := range g.Edges {
		succ[e.From] = append(succ[e.From], e.To)
	}
	var queue []int
	for id := range depth {
		depth[id] = -1
		if g.States[id].Initial {
			depth[id] = 0
			queue = append(queue, id)
		}
	}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		for _, t := range succ[id] {
			if depth[t] < 0 {
				depth[t] = depth[id] + 1
				queue = append(queue, t)
			}
		}
	}
	for id, d := range depth {
		if d < 0 {
			depth[id] = 0
		}
	}
	return depth
}

// pathSets are the counterexample's states and steps.
func (g *Graph) pathSets() (map[int]bool, map[[2]int]bool) {
	onPath := map[int]bool{}
	pathEdge := map[[2]int]bool{}
	for i, id := range g.Path {
		onPath[id] = true
		if i > 0 {
			pathEdge[[2]int{g.Path[i-1], id}] = true
		}
	}
	return onPath, pathEdge
}
