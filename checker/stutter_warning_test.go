package checker

import (
	"strings"
	"testing"
)

// TestStutteringFairnessWarning: after a stuttering counterexample TLC
// warns that missing fairness may explain it
// (Liveness.printStutteringCounterExampleWarning), when the clause of the
// negated property violated needs more than a prefix to fail (a []<> or
// <>[] condition, a promise with a [] inside) and the SPECIFICATION has no
// fairness, or there is no SPECIFICATION (INIT and NEXT), with words of
// its own. Which rows warn, the texts and where they are printed (after
// "State 2: Stuttering", with the -nowarning hint) are the reference
// TLC's on this spec.
func TestStutteringFairnessWarning(t *testing.T) {
	const noFair = "The stuttering counterexample above may be caused by the absence of a fairness constraint in the behavior specification Spec defined at line 6, col 1 to line 6, col 26 of module S. To rule out such counterexamples, conjoin a suitable fairness constraint to Spec (compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html)."
	const noSpec = "The stuttering counterexample above may be caused by the absence of a behavior specification (SPECIFICATION). Only INIT and NEXT have been provided, so TLC permits infinite stuttering. To rule out such counterexamples, use SPECIFICATION Spec, with Spec asserting a suitable fairness constraint (compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html)."
	cfgs := map[string]string{
		"spec":     "SPECIFICATION Spec\nPROPERTY Prop\n",
		"initnext": "INIT Init\nNEXT Next\nPROPERTY Prop\n",
		"fair":     "SPECIFICATION FSpec\nPROPERTY Prop\n",
	}
	cases := []struct {
		prop, cfg, want string
	}{
		{"<>(x = 1)", "spec", ""},
		{"<>(x = 1)", "initnext", ""},
		{"[]<>(x = 1)", "spec", noFair},
		{"[]<>(x = 1)", "initnext", noSpec},
		{"[]<>(x = 1)", "fair", ""},
		{"<>[](x = 1)", "spec", noFair},
		{"<>[](x = 1)", "initnext", noSpec},
		{"<>[](x = 1)", "fair", ""},
		{"[](x = 0 => <>(x = 1))", "spec", noFair},
		{"[](x = 0 => <>(x = 1))", "initnext", noSpec},
		{"[](x = 0 => <>(x = 1))", "fair", ""},
		{"<>(x = 1) /\\ []<>(x = 0)", "spec", ""}, // the clause [](x # 1) fails
	}
	for _, c := range cases {
		_, res := runSpec(t, map[string]string{
			"S.tla": `---- MODULE S ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = 1 - x
Spec == Init /\ [][Next]_x
FSpec == Spec /\ WF_x(x' = x)
Prop == ` + c.prop + `
====
`,
			"S.cfg": cfgs[c.cfg],
		})
		if res.Outcome != OutcomeLiveness || res.Lasso == nil || !res.Lasso.Stuttering {
			t.Errorf("%s [%s]: %s, want a stuttering counterexample", c.prop, c.cfg, res.Outcome)
			continue
		}
		var got []string
		for _, w := range res.Warnings {
			if strings.HasPrefix(w, "The stuttering counterexample") {
				got = append(got, w)
			}
		}
		if c.want == "" {
			if len(got) > 0 {
				t.Errorf("%s [%s]: warned %q", c.prop, c.cfg, got)
			}
			continue
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%s [%s]: warnings %q, want %q", c.prop, c.cfg, got, c.want)
			continue
		}
		text := res.TLCText()
		if !strings.Contains(text, "State 2: Stuttering\nWarning: "+c.want+"\n(Use the -nowarning option to disable this warning.)\n") || strings.Count(text, c.want) != 1 {
			t.Errorf("%s [%s]: text:\n%s", c.prop, c.cfg, text)
		}
	}
}
