package dap

import (
	"strings"
	"testing"
)

// wide has characters outside the BMP (two UTF-16 code units each) and
// one inside it before the call of Bump on line 9: the DAP counts columns in
// UTF-16 code units, so the call's frame starts at UTF-16 column 40
// (byte 45, rune 38) and ends after `Bump(k)` at 47.
const wide = `---- MODULE Wide ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Bump(n) ==
  /\ x' = x + n
  /\ x' < 3
Step ==
  /\ \E k \in {1, 2} : "😀é😀" # "" /\ Bump(k)
  /\ y' = 0
Next == Step
====
`

func TestDebugFrameColumnsUTF16(t *testing.T) {
	line := strings.Split(wide, "\n")[8]
	if i := strings.Index(line, "Bump(k)"); i != 44 {
		t.Fatalf("fixture: Bump(k) at byte %d of its line", i)
	}
	c := newClient(t)
	spec := writeSpec(t, "Wide", wide, "INIT Init\nNEXT Next\n")
	c.call("initialize", map[string]any{"adapterID": "tlals", "linesStartAt1": true, "columnsStartAt1": true})
	c.call("launch", map[string]any{"spec": spec})
	c.event("initialized")
	c.call("setBreakpoints", map[string]any{"source": map[string]any{"path": spec}, "breakpoints": []any{
		map[string]any{"line": 7},
	}})
	c.call("configurationDone", nil)
	st := c.stopped()
	wantEqual(t, "reason", st.Reason, "breakpoint")
	fs := c.stack()
	wantEqual(t, "frames", strings.Join(frameNames(fs), "|"), `/\ x' < 3|Bump|Step|State #0: Initial predicate`)
	wantEqual(t, "conjunct line", fs[0].Line, 7)
	wantEqual(t, "conjunct column", fs[0].Column, 6)
	wantEqual(t, "call line", fs[1].Line, 9)
	wantEqual(t, "call column", fs[1].Column, 40)
	wantEqual(t, "call end line", fs[1].EndLine, 9)
	wantEqual(t, "call end column", fs[1].EndColumn, 47)
}
