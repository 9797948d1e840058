package checker

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestSeveralPropertiesText: with several temporal properties, or one
// that is a conjunction, TLC names every property the counterexample
// violates (in the configuration's order), prints no position with that
// message, and warns about stuttering once, by the clause of the property
// it found first ([]<> needs fairness, <> alone does not). Each expected
// text is the reference TLC's output (tla2tools, -deadlock -workers 1)
// on this spec and configuration, its "Checking temporal properties" line
// left out.
func TestSeveralPropertiesText(t *testing.T) {
	const spec = `---- MODULE S ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 2 /\ x' = x + 1
Spec == Init /\ [][Next]_x
P1 == <>(x = 5)
P2 == []<>(x = 7)
P3 == <>(x = 5) /\ []<>(x = 7)
P4 == [](x < 3) /\ <>(x = 9)
Safe == [](x < 5)
P5 == []<>(x = 7) /\ <>(x = 5)
====
`
	cases := []struct{ cfg, want string }{
		{`INIT Init
NEXT Next
PROPERTIES P1 P2
`, `Error: Temporal properties P1 and P2 were violated.

Error: The following behavior constitutes a counter-example:

State 1: <Initial predicate>
x = 0

State 2: <Next line 5, col 9 to line 5, col 27 of module S>
x = 1

State 3: <Next line 5, col 9 to line 5, col 27 of module S>
x = 2

State 4: Stuttering
3 states generated, 3 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 3.
`},
		{`SPECIFICATION Spec
PROPERTIES P2 P1
`, `Error: Temporal properties P2 and P1 were violated.

Error: The following behavior constitutes a counter-example:

State 1: <Initial predicate>
x = 0

State 2: <Next line 5, col 9 to line 5, col 27 of module S>
x = 1

State 3: <Next line 5, col 9 to line 5, col 27 of module S>
x = 2

State 4: Stuttering
Warning: The stuttering counterexample above may be caused by the absence of a fairness constraint in the behavior specification Spec defined at line 6, col 1 to line 6, col 26 of module S. To rule out such counterexamples, conjoin a suitable fairness constraint to Spec (compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html).
(Use the -nowarning option to disable this warning.)
3 states generated, 3 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 3.
`},
		{`SPECIFICATION Spec
PROPERTY P3
`, `Error: Temporal property P3 was violated.

Error: The following behavior constitutes a counter-example:

State 1: <Initial predicate>
x = 0

State 2: <Next line 5, col 9 to line 5, col 27 of module S>
x = 1

State 3: <Next line 5, col 9 to line 5, col 27 of module S>
x = 2

State 4: Stuttering
3 states generated, 3 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 3.
`},
		{`INIT Init
NEXT Next
PROPERTY P4
`, `Error: Temporal property P4 was violated.

Error: The following behavior constitutes a counter-example:

State 1: <Initial predicate>
x = 0

State 2: <Next line 5, col 9 to line 5, col 27 of module S>
x = 1

State 3: <Next line 5, col 9 to line 5, col 27 of module S>
x = 2

State 4: Stuttering
3 states generated, 3 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 3.
`},
		{`SPECIFICATION Spec
PROPERTIES Safe P1
`, `Error: Temporal property P1 was violated.

Error: The following behavior constitutes a counter-example:

State 1: <Initial predicate>
x = 0

State 2: <Next line 5, col 9 to line 5, col 27 of module S>
x = 1

State 3: <Next line 5, col 9 to line 5, col 27 of module S>
x = 2

State 4: Stuttering
3 states generated, 3 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 3.
`},
		{`SPECIFICATION Spec
PROPERTIES P1 P2
`, `Error: Temporal properties P1 and P2 were violated.

Error: The following behavior constitutes a counter-example:

State 1: <Initial predicate>
x = 0

State 2: <Next line 5, col 9 to line 5, col 27 of module S>
x = 1

State 3: <Next line 5, col 9 to line 5, col 27 of module S>
x = 2

State 4: Stuttering
3 states generated, 3 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 3.
`},
		{`INIT Init
NEXT Next
PROPERTY P2
`, `Error: Temporal property P2 was violated.

Error: The following behavior constitutes a counter-example:

State 1: <Initial predicate>
x = 0

State 2: <Next line 5, col 9 to line 5, col 27 of module S>
x = 1

State 3: <Next line 5, col 9 to line 5, col 27 of module S>
x = 2

State 4: Stuttering
Warning: The stuttering counterexample above may be caused by the absence of a behavior specification (SPECIFICATION). Only INIT and NEXT have been provided, so TLC permits infinite stuttering. To rule out such counterexamples, use SPECIFICATION Spec, with Spec asserting a suitable fairness constraint (compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html).
(Use the -nowarning option to disable this warning.)
3 states generated, 3 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 3.
`},
		{`INIT Init
NEXT Next
PROPERTIES P2 P1
`, `Error: Temporal properties P2 and P1 were violated.

Error: The following behavior constitutes a counter-example:

State 1: <Initial predicate>
x = 0

State 2: <Next line 5, col 9 to line 5, col 27 of module S>
x = 1

State 3: <Next line 5, col 9 to line 5, col 27 of module S>
x = 2

State 4: Stuttering
Warning: The stuttering counterexample above may be caused by the absence of a behavior specification (SPECIFICATION). Only INIT and NEXT have been provided, so TLC permits infinite stuttering. To rule out such counterexamples, use SPECIFICATION Spec, with Spec asserting a suitable fairness constraint (compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html).
(Use the -nowarning option to disable this warning.)
3 states generated, 3 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 3.
`},
		{`SPECIFICATION Spec
PROPERTY P5
`, `Error: Temporal property P5 was violated.

Error: The following behavior constitutes a counter-example:

State 1: <Initial predicate>
x = 0

State 2: <Next line 5, col 9 to line 5, col 27 of module S>
x = 1

State 3: <Next line 5, col 9 to line 5, col 27 of module S>
x = 2

State 4: Stuttering
Warning: The stuttering counterexample above may be caused by the absence of a fairness constraint in the behavior specification Spec defined at line 6, col 1 to line 6, col 26 of module S. To rule out such counterexamples, conjoin a suitable fairness constraint to Spec (compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html).
(Use the -nowarning option to disable this warning.)
3 states generated, 3 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 3.
`},
	}
	off := false
	for _, c := range cases {
		dir := t.TempDir()
		for name, text := range map[string]string{"S.tla": spec, "S.cfg": c.cfg} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		m, err := LoadModel(filepath.Join(dir, "S.tla"), filepath.Join(dir, "S.cfg"), nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Check(context.Background(), m, Options{Workers: 1, CheckDeadlock: &off})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.TLCText(); got != c.want {
			t.Errorf("%q:\n%s\nwant (TLC):\n%s", c.cfg, got, c.want)
		}
	}
}
