package comment

import "testing"

func TestEnd(t *testing.T) {
	for _, tt := range []struct {
		src    string
		i, end int // end < 0: len(src)
		next   int
		closed bool
	}{
		{`x \* note` + "\n" + `y`, 2, -1, 9, true},
		{`\* to the end`, 0, -1, 13, true},
		{`(* a *) b`, 0, -1, 7, true},
		{`(* a (* nested *) still *) b`, 0, -1, 26, true},
		{`(*)`, 0, -1, 3, false},
		{`(* open`, 0, -1, 7, false},
		{`(* a *) b`, 0, 5, 5, false},  // end cuts the comment
		{`x (* a *)`, 0, -1, 0, false}, // no comment at i
		{`\`, 0, -1, 0, false},
		{`(`, 0, -1, 0, false},
		{`*)`, 0, -1, 0, false},
	} {
		end := tt.end
		if end < 0 {
			end = len(tt.src)
		}
		next, closed := End([]byte(tt.src), tt.i, end)
		if at := At([]byte(tt.src), tt.i, end); at != (next != tt.i) {
			t.Errorf("At(%q, %d, %d) = %v, End moved to %d", tt.src, tt.i, end, at, next)
		}
		if next != tt.next || closed != tt.closed {
			t.Errorf("End(%q, %d, %d) = %d, %v; want %d, %v", tt.src, tt.i, end, next, closed, tt.next, tt.closed)
		}
	}
}
