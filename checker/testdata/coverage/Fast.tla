---- MODULE Fast ----
\* Expressions that tlals evaluates by fast paths (no set or tuple made):
\* S \cup {e}, {e1, e2} \subseteq S, t = <<a, b>> and <<a, b>> = t, and a
\* filter {y \in V : <<x, y>> \in E} over a set of 8 edges or more; with
\* coverage each must count as the general path would (an IF in each makes
\* the report show the literal's own count beside its parts').
EXTENDS Naturals, FiniteSets
VARIABLES s, p, v
V == 0..5
E == {<<i, j>> \in V \X V : j = i + 1 \/ j = i + 2}
Succ(x) == {y \in V : <<IF x > 2 THEN x ELSE x + 0, y>> \in E}
Small == {<<0, 1>>, <<1, 2>>}
Init == s = {} /\ p = <<0, 0>> /\ v = 0
Add == /\ Cardinality(s) < 3
       /\ \E x \in Succ(v) :
            /\ s' = s \cup {IF x > 3 THEN x ELSE x + 10}
            /\ v' = x
            /\ p' = <<v, x>>
Back == /\ \/ p = <<1, IF v > 1 THEN v ELSE v + 1>>
           \/ <<0, IF v > 0 THEN v ELSE v + 2>> = p
           \/ p # <<v, v>>
        /\ {p[1], IF v > 1 THEN p[2] ELSE v} \subseteq V
        /\ {y \in V : <<v, y>> \in Small} = {}
        /\ Cardinality(s \cup {IF v > 2 THEN v ELSE v + 1}) < 5
        /\ v' = 0
        /\ p' = <<0, 0>>
        /\ s' = s \cup {v + 10}
Next == Add \/ Back
Inv == /\ {v, IF v > 2 THEN v - 1 ELSE v + 1} \subseteq V
       /\ <<p[2], IF v > 3 THEN v ELSE v + 2>> /= <<7, 7>>
       /\ Succ(5) = {}
====
