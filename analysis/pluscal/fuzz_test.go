package pluscal

import (
	"strings"
	"testing"
)

// FuzzTranslate: translating any algorithm text neither panics nor hangs,
// and a successful translation is stable (translating the result again
// gives the same module).
func FuzzTranslate(f *testing.F) {
	for _, alg := range []string{
		"variables x = 0;\nbegin\n  x := 1;",
		"variables x = 0;\nbegin\na: while x < 3 do x := x + 1; end while;",
		"variables x = 0;\nprocess P \\in 1..2\nbegin\np: either x := 1; or skip; end either;\nend process;",
		"variables x = 0;\nprocedure Q(a)\nbegin\nq: x := a;\n   return;\nend procedure;\nprocess P = 1\nbegin\np: call Q(2);\nend process;",
		"variables x = 0;\nmacro M(v) begin v := v + 1; end macro;\nbegin\na: M(x); with i \\in {1, 2}, j = i do x := j; end with;",
		"variable x = [i \\in 1..2 |-> 0];\nbegin\na: x[1] := 2 || x[2] := 3;\nb: if x[1] = 2 then goto a; else print x; end if;",
		"{ variables x = 0; { a: while (TRUE) { x := x + 1 } } }",
	} {
		f.Add(alg)
	}
	f.Fuzz(func(t *testing.T, alg string) {
		src := module(alg)
		out, _, errs := Translate([]byte(src), Options{Label: true})
		for _, e := range errs {
			if strings.HasPrefix(e.Msg, "internal translator error") {
				t.Fatalf("panic: %s\n%s", e.Msg, src)
			}
		}
		if len(errs) > 0 {
			return
		}
		again, _, errs := Translate(out, Options{Label: true})
		if len(errs) > 0 {
			t.Fatalf("retranslation failed: %v\n%s", errs[0], out)
		}
		if string(again) != string(out) {
			t.Fatalf("translation not stable:\n%s\n----\n%s", out, again)
		}
	})
}
