-------------------------------- MODULE TLC ---------------------------------
\* Operators for working with the TLC model checker: printing, assertions,
\* counters, building functions, and a few values only TLC can compute.
\*
\* TLC implements every operator here natively.  Most of them have no
\* interesting mathematical meaning (printing is invisible to the logic), so
\* their bodies below only state the value they equal.

\* Naturals, Sequences and FiniteSets are used by the definitions below but
\* not exported.
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSets

\* Print(out, val) equals val; as a side effect TLC prints the values of out
\* and val on one line when it evaluates the expression.
\*
\* Example: x' = Print(<<"x is now", x + 1>>, x + 1).
\* TLC: printing happens each time TLC evaluates the expression, which may
\* be more or less often than you expect (e.g. once per successor state).
Print(out, val) == val

\* PrintT(out) equals TRUE; as a side effect TLC prints the value of out
\* when it evaluates the expression.  Handy as a conjunct.
\*
\* Example: Next == /\ x' = x + 1 /\ PrintT(<<"step", x>>).
PrintT(out) == TRUE

\* Assert(val, out) equals TRUE when val is TRUE.  When val is FALSE, TLC
\* stops with an error that reports the value of out; the logic leaves the
\* value of Assert(FALSE, out) unspecified.
\*
\* Example: Assert(Len(queue) \leq 10, <<"queue too long", queue>>).
Assert(val, out) == IF val = TRUE THEN TRUE ELSE CHOOSE undefined : TRUE

\* JavaTime is a natural number derived from the wall-clock time at which
\* TLC evaluates it.  It is not a constant: two evaluations may differ.
\*
\* Example: Print(JavaTime, TRUE) to time parts of a run roughly.
JavaTime == CHOOSE t \in Nat : TRUE

\* TLCGet(i) is the value of TLC's register i, set earlier with
\* TLCSet(i, v); i is a positive integer or a string.  Some strings name
\* TLC's statistics instead: TLCGet("level") is the length of the current
\* behavior prefix, and TLCGet("distinct"), TLCGet("generated"),
\* TLCGet("queue"), TLCGet("diameter") and TLCGet("duration") report the
\* progress of the run.
\*
\* Example: the state constraint TLCGet("level") < 20 limits behaviors to
\*          at most 20 states.
\* TLC: each worker thread has its own registers, so counts kept with
\* TLCSet/TLCGet are per worker when TLC runs with several workers.
TLCGet(i) == CHOOSE v : TRUE

\* TLCSet(i, v) equals TRUE; as a side effect TLC sets its register i (a
\* positive integer or a string) to v, so that a later TLCGet(i) yields v.
\* TLCSet("exit", TRUE) makes TLC stop the run, e.g. in a state constraint
\* TLCSet("exit", TLCGet("distinct") > 10000).
\*
\* Example: IF TLCSet(1, TLCGet(1) + 1) THEN e ELSE 0 counts how often e
\*          is evaluated.
\* TLC: registers set before the workers start (in ASSUME or Init) are
\* copied to every worker; later sets are seen by one worker only.
TLCSet(i, v) == TRUE

\* d :> e is the function whose domain is the single value d and that maps
\* d to e.  Combined with @@ it writes functions by listing their pairs.
\*
\* Example: (1 :> "a") @@ (2 :> "b") = [i \in 1..2 |-> IF i = 1 THEN "a"
\*          ELSE "b"] = <<"a", "b">>.
d :> e == [x \in {d} |-> e]

\* f @@ g merges the functions f and g: its domain is the union of their
\* domains, and it agrees with f on DOMAIN f and with g elsewhere.  Where
\* both are defined, f wins.
\*
\* Example: (1 :> "a") @@ (1 :> "z") @@ (2 :> "b") maps 1 to "a" and 2 to
\*          "b".  Use f @@ (k :> v) to add k to a map only if it is absent.
f @@ g ==
    [x \in (DOMAIN f) \cup (DOMAIN g) |-> IF x \in DOMAIN f THEN f[x] ELSE g[x]]

\* Permutations(S) is the set of all permutations of the finite set S: the
\* functions from S onto S.  It has n! elements when S has n.
\*
\* Example: Permutations({1, 2}) = {<<1, 2>>, <<2, 1>>}.
\* Commonly used in a model's SYMMETRY declaration: Perms ==
\* Permutations(Procs), to let TLC identify states that differ only by a
\* renaming of the model values in Procs.
Permutations(S) == {f \in [S -> S] : \A y \in S : \E x \in S : f[x] = y}

\* SortSeq(s, Op) is the sequence s sorted by the order Op: a reordering of
\* s in which no element e comes after an element d with Op(e, d).  Op is
\* an operator of two arguments that should be a strict order, like <.
\*
\* Example: SortSeq(<<3, 1, 2>>, <) = <<1, 2, 3>>,
\*          SortSeq(<<1, 3, 2>>, LAMBDA x, y : x > y) = <<3, 2, 1>>.
SortSeq(s, Op(_, _)) ==
    LET Positions == 1 .. Len(s)
        Reorder(p) == [i \in Positions |-> s[p[i]]]
        IsSorted(t) ==
            \A i, j \in Positions : i < j => ~Op(t[j], t[i])
    IN  Reorder(CHOOSE p \in Permutations(Positions) : IsSorted(Reorder(p)))

\* RandomElement(S) is an element of the finite non-empty set S chosen at
\* random, each element being equally likely.
\*
\* Example: x' = RandomElement(1..10).
\* TLC: in breadth-first model checking the choice is determined by the
\* state being explored, so runs are reproducible and error traces can be
\* replayed; in simulation mode choices are independent.  Logically,
\* RandomElement(S) is just some fixed element of S, so a spec should not
\* rely on it producing different values.
RandomElement(S) == CHOOSE x \in S : TRUE

\* Any is a special value for which TLC evaluates v \in Any to TRUE for
\* every value v.  It is kept for old specs that used it as the domain of
\* a recursively defined function; write RECURSIVE operators instead.
Any == CHOOSE x : TRUE

\* ToString(v) is the string that TLC prints for the value v, in TLA+
\* syntax.
\*
\* Example: ToString(<<1, "a">>) = "<<1, \"a\">>", ToString(3) = "3".
\* Useful to build names: TLCModelValue("p_" \o ToString(i)).
ToString(v) == (CHOOSE r \in [val : {v}, str : STRING] : TRUE).str

\* TLCEval(v) equals v; it makes TLC evaluate v completely at once instead
\* of lazily.  TLC sometimes keeps an expression such as {x \in S : P(x)}
\* or a function unevaluated and then recomputes it each time it is used;
\* wrapping it in TLCEval can make a recursive definition much faster.
\*
\* Example: LET big == TLCEval({x \in S : Expensive(x)}) IN ...
TLCEval(v) == v
=============================================================================
