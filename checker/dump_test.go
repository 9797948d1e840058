package checker

import (
	"strings"
	"testing"
)

// The expected tla and json outputs are TLC's -dumpTrace files for the
// same models, byte for byte.
func TestWriteTrace(t *testing.T) {
	d := inline(t, "D", `---- MODULE D ----
EXTENDS Naturals, Sequences
VARIABLES x, s, r
Init == x = 0 /\ s = <<>> /\ r = [a |-> 1, b |-> {1,2}]
Next == x < 2 /\ x' = x + 1 /\ s' = Append(s, "m") /\ r' = [r EXCEPT !.a = @ + 1]
Inv == x < 2
====
`, "INIT Init\nNEXT Next\nINVARIANT Inv\n")
	e := inline(t, "E", `---- MODULE E ----
EXTENDS Naturals, Sequences, TLC
CONSTANT M
VARIABLES z, a, m
Init == z = 0 /\ a = [i \in 2..3 |-> TRUE] /\ m = M
Next == z < 1 /\ z' = z + 1 /\ a' = (5 :> "q") /\ m' = [k \in {"x", "y"} |-> <<k, 1>>]
Live == <>(z = 5)
Spec == Init /\ [][Next]_<<z,a,m>> /\ WF_<<z,a,m>>(Next)
====
`, "CONSTANT M = M\nSPECIFICATION Spec\nPROPERTY Live\nCHECK_DEADLOCK FALSE\n")
	cases := []struct {
		name   string
		m      *Model
		format string
		file   string
		want   string
	}{
		{"invariant tla", d, "tla", "DTrace.tla", `---- MODULE DTrace ----
LOCAL INSTANCE TLC

CounterExample == 
	[action |-> {<<<<1, [r |-> [a |-> 1, b |-> {1, 2}], s |-> <<>>, x |-> 0]>>, [name |-> "Next", location |-> [beginLine |-> 5, beginColumn |-> 9, endLine |-> 5, endColumn |-> 81, module |-> "D"]], <<2, [r |-> [a |-> 2, b |-> {1, 2}], s |-> <<"m">>, x |-> 1]>>>>, <<<<2, [r |-> [a |-> 2, b |-> {1, 2}], s |-> <<"m">>, x |-> 1]>>, [name |-> "Next", location |-> [beginLine |-> 5, beginColumn |-> 9, endLine |-> 5, endColumn |-> 81, module |-> "D"]], <<3, [r |-> [a |-> 3, b |-> {1, 2}], s |-> <<"m", "m">>, x |-> 2]>>>>}, state |-> {<<1, [r |-> [a |-> 1, b |-> {1, 2}], s |-> <<>>, x |-> 0]>>, <<2, [r |-> [a |-> 2, b |-> {1, 2}], s |-> <<"m">>, x |-> 1]>>, <<3, [r |-> [a |-> 3, b |-> {1, 2}], s |-> <<"m", "m">>, x |-> 2]>>}]

====`},
		{"invariant json", d, "json", "D.json", `{"counterexample":{"action":[[[1,{"r":{"a":1,"b":[1,2]},"s":[],"x":0}],{"name":"Next","location":{"beginLine":5,"beginColumn":9,"endLine":5,"endColumn":81,"module":"D"}},[2,{"r":{"a":2,"b":[1,2]},"s":["m"],"x":1}]],[[2,{"r":{"a":2,"b":[1,2]},"s":["m"],"x":1}],{"name":"Next","location":{"beginLine":5,"beginColumn":9,"endLine":5,"endColumn":81,"module":"D"}},[3,{"r":{"a":3,"b":[1,2]},"s":["m","m"],"x":2}]]],"state":[[1,{"r":{"a":1,"b":[1,2]},"s":[],"x":0}],[2,{"r":{"a":2,"b":[1,2]},"s":["m"],"x":1}],[3,{"r":{"a":3,"b":[1,2]},"s":["m","m"],"x":2}]]},"vars":["x","s","r"]}`},
		{"liveness tla", e, "tla", "/some/dir/ETrace.tla", `---- MODULE ETrace ----
LOCAL INSTANCE TLC

CounterExample == 
	[action |-> {<<<<1, [a |-> (2 :> TRUE @@ 3 :> TRUE), m |-> M, z |-> 0]>>, [name |-> "Next", location |-> [beginLine |-> 6, beginColumn |-> 9, endLine |-> 6, endColumn |-> 86, module |-> "E"]], <<2, [a |-> (5 :> "q"), m |-> [x |-> <<"x", 1>>, y |-> <<"y", 1>>], z |-> 1]>>>>, <<<<2, [a |-> (5 :> "q"), m |-> [x |-> <<"x", 1>>, y |-> <<"y", 1>>], z |-> 1]>>, [name |-> "Next", location |-> [beginLine |-> 6, beginColumn |-> 9, endLine |-> 6, endColumn |-> 86, module |-> "E"]], <<2, [a |-> (5 :> "q"), m |-> [x |-> <<"x", 1>>, y |-> <<"y", 1>>], z |-> 1]>>>>}, state |-> {<<1, [a |-> (2 :> TRUE @@ 3 :> TRUE), m |-> M, z |-> 0]>>, <<2, [a |-> (5 :> "q"), m |-> [x |-> <<"x", 1>>, y |-> <<"y", 1>>], z |-> 1]>>}]

====`},
		{"liveness json", e, "json", "E.json", `{"counterexample":{"action":[[[1,{"a":{"2":true,"3":true},"m":"M","z":0}],{"name":"Next","location":{"beginLine":6,"beginColumn":9,"endLine":6,"endColumn":86,"module":"E"}},[2,{"a":{"5":"q"},"m":{"x":["x",1],"y":["y",1]},"z":1}]],[[2,{"a":{"5":"q"},"m":{"x":["x",1],"y":["y",1]},"z":1}],{"name":"Next","location":{"beginLine":6,"beginColumn":9,"endLine":6,"endColumn":86,"module":"E"}},[2,{"a":{"5":"q"},"m":{"x":["x",1],"y":["y",1]},"z":1}]]],"state":[[1,{"a":{"2":true,"3":true},"m":"M","z":0}],[2,{"a":{"5":"q"},"m":{"x":["x",1],"y":["y",1]},"z":1}]]},"vars":["z","a","m"]}`},
		{"invariant itf", d, "itf", "D.itf.json", `{"#meta":{"format":"ITF","format-description":"https://apalache-mc.org/docs/adr/015adr-trace.html","source":"D.tla","description":"Created by tlals: Invariant Inv is violated."},"vars":["x","s","r"],"states":[{"#meta":{"index":0},"x":{"#bigint":"0"},"s":[],"r":{"a":{"#bigint":"1"},"b":{"#set":[{"#bigint":"1"},{"#bigint":"2"}]}}},{"#meta":{"index":1},"x":{"#bigint":"1"},"s":["m"],"r":{"a":{"#bigint":"2"},"b":{"#set":[{"#bigint":"1"},{"#bigint":"2"}]}}},{"#meta":{"index":2},"x":{"#bigint":"2"},"s":["m","m"],"r":{"a":{"#bigint":"3"},"b":{"#set":[{"#bigint":"1"},{"#bigint":"2"}]}}}]}
`},
		{"liveness itf", e, "itf", "E.itf.json", `{"#meta":{"format":"ITF","format-description":"https://apalache-mc.org/docs/adr/015adr-trace.html","source":"E.tla","description":"Created by tlals: Temporal property Live was violated."},"vars":["z","a","m"],"states":[{"#meta":{"index":0},"z":{"#bigint":"0"},"a":{"#map":[[{"#bigint":"2"},true],[{"#bigint":"3"},true]]},"m":"M"},{"#meta":{"index":1},"z":{"#bigint":"1"},"a":{"#map":[[{"#bigint":"5"},"q"]]},"m":{"x":["x",{"#bigint":"1"}],"y":["y",{"#bigint":"1"}]}}],"loop":1}
`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := run(t, c.m, 1)
			var b strings.Builder
			if err := res.WriteTrace(&b, c.format, c.file); err != nil {
				t.Fatal(err)
			}
			if b.String() != c.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), c.want)
			}
		})
	}
	// no violation, no trace
	ok := inline(t, "D", `---- MODULE D ----
EXTENDS Naturals, Sequences
VARIABLES x, s, r
Init == x = 0 /\ s = <<>> /\ r = [a |-> 1, b |-> {1,2}]
Next == x < 2 /\ x' = x + 1 /\ s' = Append(s, "m") /\ r' = [r EXCEPT !.a = @ + 1]
Inv == x < 2
====
`, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")
	res := run(t, ok, 1)
	if err := res.WriteTrace(&strings.Builder{}, "json", "x.json"); err == nil || !strings.Contains(err.Error(), "no trace") {
		t.Errorf("got %v, want an error: no trace", err)
	}
	res = run(t, d, 1)
	if err := res.WriteTrace(&strings.Builder{}, "xml", "x.xml"); err == nil || err.Error() != `unknown trace format "xml" (known: tla, json, itf)` {
		t.Errorf("got %v", err)
	}
}
