package eval

import "testing"

// TestPrettyGolden: values wider than 80 columns break over lines exactly as
// TLC prints them with Print, PrintT and in error messages (expected texts
// from the reference TLC's PrintT).
func TestPrettyGolden(t *testing.T) {
	tests := []struct{ expr, want string }{
		{`<<1, 2>>`, `<<1, 2>>`},
		{`{<<i, "abcdefghijklmnopqrstuvwxyz">> : i \in 1..3}`,
			"{ <<1, \"abcdefghijklmnopqrstuvwxyz\">>,\n" +
				"  <<2, \"abcdefghijklmnopqrstuvwxyz\">>,\n" +
				"  <<3, \"abcdefghijklmnopqrstuvwxyz\">> }"},
		{`[i \in -1..0 |-> [j \in {"xxxxxxxx", "yyyyyyyyy", "zzzzzzzzzzzzzz"} |-> <<i, i, i, i, i, i, i, i, i>>]]`,
			"( -1 :>\n" +
				"      [ xxxxxxxx |-> <<-1, -1, -1, -1, -1, -1, -1, -1, -1>>,\n" +
				"        yyyyyyyyy |-> <<-1, -1, -1, -1, -1, -1, -1, -1, -1>>,\n" +
				"        zzzzzzzzzzzzzz |-> <<-1, -1, -1, -1, -1, -1, -1, -1, -1>> ] @@\n" +
				"  0 :>\n" +
				"      [ xxxxxxxx |-> <<0, 0, 0, 0, 0, 0, 0, 0, 0>>,\n" +
				"        yyyyyyyyy |-> <<0, 0, 0, 0, 0, 0, 0, 0, 0>>,\n" +
				"        zzzzzzzzzzzzzz |-> <<0, 0, 0, 0, 0, 0, 0, 0, 0>> ] )"},
		// an argument too wide for its line: the value goes below it
		{`[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa |-> 1, b |-> 2]`,
			"[ aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa |->\n" +
				"      1,\n" +
				"  b |-> 2 ]"},
		{`("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" :> 1 @@ "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" :> 2)`,
			"[ aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa |-> 1,\n" +
				"  bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb |-> 2 ]"},
		{`{1..2, 3..4, 5..6, 7..8, 9..10, 11..12, 13..14, 15..16, 17..18, 19..20, 21..22, 23..24}`,
			"{ 1..2,\n  3..4,\n  5..6,\n  7..8,\n  9..10,\n  11..12,\n  13..14,\n  15..16,\n  17..18,\n  19..20,\n  21..22,\n  23..24 }"},
		{`{[a |-> 1..2, b |-> {1..3}, c |-> "sssssssssssssssssssssssssssssss"], [a |-> 1..3, b |-> {}, c |-> "tttttttttttttttttttttttttttttttttt"]}`,
			"{ [a |-> 1..2, b |-> {1..3}, c |-> \"sssssssssssssssssssssssssssssss\"],\n" +
				"  [a |-> 1..3, b |-> {}, c |-> \"tttttttttttttttttttttttttttttttttt\"] }"},
		// text TLC's reader does not understand stays on one line: an
		// interval with a negative bound, a string with an escaped quote
		{`{-3..2, 1..40, 2..50, 3..60, 4..70, 5..80}`, `{-3..2, 1..40, 2..50, 3..60, 4..70, 5..80}`},
		{`<<"a\"b", "ccccccccccccccccccccccccccccc", "dddddddddddddddddddddddddddddd", "eeeeeeeeeeeeeeeeeeeeee">>`,
			`<<"a\"b", "ccccccccccccccccccccccccccccc", "dddddddddddddddddddddddddddddd", "eeeeeeeeeeeeeeeeeeeeee">>`},
	}
	for _, tt := range tests {
		end := BeginRun() // a fresh string order, as a TLC process has
		v, err := evalExpr(t, "", tt.expr)
		if err != nil {
			t.Fatalf("%s: %v", tt.expr, err)
		}
		if got := Pretty(v); got != tt.want {
			t.Errorf("Pretty(%s) =\n%s\nwant\n%s", tt.expr, got, tt.want)
		}
		if got := PrettyText(Format(v)); got != tt.want {
			t.Errorf("PrettyText(Format(%s)) differs from Pretty", tt.expr)
		}
		end()
	}
}

// TestPrettyTextMalformed: text that is not a whole printed value is left
// as it is, never a panic.
func TestPrettyTextMalformed(t *testing.T) {
	long := "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24"
	for _, s := range []string{long, long + "} \\cup Nat", "<<" + long[1:], "[a |-> " + long + "}, b", "(1 :> " + long + "}", "\"" + long, long + ", -", long + ", 1.."} {
		if got := PrettyText(s); got != s {
			t.Errorf("PrettyText(%q) = %q", s, got)
		}
	}
}
