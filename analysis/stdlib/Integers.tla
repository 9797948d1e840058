------------------------------ MODULE Integers ------------------------------
\* The integers ..., -2, -1, 0, 1, 2, ...: everything in Naturals (whose
\* operators all apply to negative numbers too), plus the set Int and
\* prefix minus.
\*
\* Model checkers implement these operators natively (TLC on 32-bit, tlals
\* on 64-bit signed integers) and report overflow as an error.
EXTENDS Naturals

\* Int is the set of all integers: the naturals and their negations.
\*
\* Example: -5 \in Int and 5 \in Int are TRUE, "5" \in Int is FALSE.
\* TLC: membership is fine, but Int is infinite, so TLC reports an error
\* when it must enumerate it, as in \E i \in Int : P(i).  Bound such
\* quantifiers by an interval such as -10..10 instead.
Int == Nat \cup {0 - n : n \in Nat}


\* -a is the negation of a, the number that added to a gives 0.
\*
\* This is prefix minus; it is written -a in expressions, and -. where
\* the operator itself is named: in its definition or as an argument, as
\* in F(-.) for an operator F(Op(_)).
\* Example: -(3) = 0 - 3, -(-2) = 2.
\* TLC: overflow (negating -2147483648) is an error.
-. a == 0 - a
=============================================================================
