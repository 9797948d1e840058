package checker

import (
	"strings"
	"testing"
)

// TestUnenumerableSetsAsTLC: a set TLC cannot enumerate draws TLC's own
// words, for the construct that enumerates it (x \in S assigning a
// variable, a quantifier's bound, CHOOSE) and for the set's class ([D ->
// R], records, products, {x \in S : p}, \cup, \, UNION, SUBSET). Each want
// is the first message the reference TLC printed (-workers 1) for the
// spec `VARIABLE x` with the Init and Next shown, and where TLC names a
// location, that location.
func TestUnenumerableSetsAsTLC(t *testing.T) {
	natBound := func(n, at string) string {
		return "TLC encountered the non-enumerable quantifier bound\n" + n + "\n" + at + "\nThe set " + n + " contains infinitely many elements. As a result, TLC cannot evaluate expressions that\nuniversally (\\A) or existentially (\\E) quantify over " + n + ", because this would require checking an\ninfinite number of cases. Note that TLC handles set membership like T \\subseteq " + n + " for any finite set T."
	}
	seqBound := func(n, at string) string {
		return "TLC encountered the non-enumerable quantifier bound\n" + n + "\n" + at + "\nIn TLA+, Seq(S) represents the set of all finite sequences whose elements come from the set S. Even when S\nis a finite set, the number of possible sequences in Seq(S) is unbounded because sequences can have any\nfinite length (e.g., length 0, 1, 2, and so on). As a result, TLC cannot evaluate expressions that\nuniversally (\\A) or existentially (\\E) quantify over " + n + ", because this would require checking an\ninfinite number of cases. Note that for a finite set of sequences s, TLC handles s \\subseteq Seq(S).\nSee https://explain.tlapl.us/seq-unenumerable for additional details."
	}
	const unch = "Next == UNCHANGED x"
	tests := []struct {
		name, defs, want, at string // at: TLC's location, "" when it names none
	}{
		{"Init x \\in Nat", "Init == x \\in Nat\n" + unch, "In computing initial states, the right side of \\IN is not enumerable.", "line 4, col 9 to line 4, col 17 of module S"},
		{"Init x \\in Seq", "Init == x \\in Seq({1})\n" + unch, "In computing initial states, the right side of \\IN is not enumerable.", "line 4, col 9 to line 4, col 22 of module S"},
		{"Next x' \\in Nat", "Init == x = 0\nNext == x' \\in Nat", "In computing next states, the right side of \\IN is not enumerable.", "line 5, col 9 to line 5, col 18 of module S"},
		{"\\E over Nat", "Init == x = 0\nNext == \\E y \\in Nat : x' = 1", natBound("Nat", "line 5, col 18 to line 5, col 20 of module S"), "line 5, col 18 to line 5, col 20 of module S"},
		{"\\E over Int in Init", "Init == \\E y \\in Int : x = y\n" + unch, natBound("Int", "line 4, col 18 to line 4, col 20 of module S"), "line 4, col 18 to line 4, col 20 of module S"},
		{"\\E over Seq(1..3)", "Init == x = 0\nNext == \\E y \\in Seq(1..3) : x' = 1", seqBound("Seq(1..3)", "line 5, col 18 to line 5, col 26 of module S"), "line 5, col 18 to line 5, col 26 of module S"},
		{"\\E over STRING", "Init == x = 0\nNext == \\E y \\in STRING : x' = 1", "TLC encountered a non-enumerable quantifier bound\nSTRING.\nline 5, col 18 to line 5, col 23 of module S", "line 5, col 18 to line 5, col 23 of module S"},
		{"set map over Nat", "Init == x \\in {y+1 : y \\in Nat}\n" + unch, natBound("Nat", "line 4, col 28 to line 4, col 30 of module S"), "line 4, col 28 to line 4, col 30 of module S"},
		{"CHOOSE over Nat", "Init == x = 0\nNext == x' = CHOOSE y \\in Nat : y > 3", "Attempted to compute the value of an expression of\nform CHOOSE x \\in S: P, but S was not enumerable.", "line 5, col 14 to line 5, col 37 of module S"},
		{"[D -> Nat]", "Init == x \\in [{1} -> Nat]\n" + unch, "Attempted to enumerate a set of the form [D -> R],but the range R:\nNat\ncannot be enumerated.", ""},
		{"[Nat -> R]", "Init == x = 0\nNext == \\E y \\in [Nat -> {1}] : x' = 1", "Attempted to enumerate a set of the form [D -> R],but the domain D:\nNat\ncannot be enumerated.", ""},
		{"product", "Init == x \\in Nat \\X {1}\n" + unch, "Attempted to enumerate a set of the form s1 \\X s2 ... \\X sn,\nbut can't enumerate s0:\nNat", ""},
		{"record set", "Init == x \\in [a: Nat]\n" + unch, "Attempted to enumerate a set of the form [l1 : v1, ..., ln : vn],\nbut can't enumerate the value of the `a' field:\nNat", ""},
		{"filter", "Init == x = 0\nNext == x' = {y \\in Seq({1,2}) : Len(y) < 2}", "Attempted to enumerate { x \\in S : p(x) } when S:\nSeq({1, 2})\nis not enumerable", ""},
		{"\\cup", "Init == x \\in Nat \\cup {1}\n" + unch, "Attempted to enumerate S \\cup T when S:\n{1}\nand T:\nNat\nare not both enumerable", ""},
		{"\\", "Init == x = 0\nNext == \\E y \\in Nat \\ {1} : x' = 1", "Attempted to enumerate S \\ T when S:\nNat\nis not enumerable.", ""},
		{"UNION", "Init == x \\in UNION {Nat}\n" + unch, "Attempted to enumerate UNION(s), but some element of s is nonenumerable.", ""},
		{"SUBSET Nat", "Init == x \\in SUBSET Nat\n" + unch, "Attempted to compute the number of elements in the overridden value Nat.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, res := runSpec(t, map[string]string{
				"S.tla": "---- MODULE S ----\nEXTENDS Integers, Sequences\nVARIABLE x\n" + tt.defs + "\n====\n",
				"S.cfg": "INIT Init\nNEXT Next\n",
			})
			if res.Message != tt.want {
				t.Fatalf("message:\n%s\nwant\n%s", res.Message, tt.want)
			}
			if tt.at != "" && !strings.Contains(res.TLCText(), tt.at) {
				t.Fatalf("location: got %s, want %s", res.Location.tlc(), tt.at)
			}
		})
	}
}
