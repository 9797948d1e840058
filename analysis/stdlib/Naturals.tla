------------------------------ MODULE Naturals ------------------------------
\* The natural numbers 0, 1, 2, ... with the usual arithmetic and order.
\*
\* Integers extends this module with negative numbers and prefix minus.
\* Model checkers implement every operator here natively.  TLC works on
\* 32-bit signed integers and tlals on 64-bit ones; both report a result
\* outside their range as an overflow error, never silently wrapped around.  The bodies below state what each
\* operator means; Nat and + are the primitive notions the others are
\* built from, so their bodies are only placeholders.  The bodies of the
\* order and division operators are written for integers; with Reals the
\* operators keep their usual meaning on all real numbers.

\* Nat is the set of natural numbers {0, 1, 2, ...}.
\*
\* Example: 3 \in Nat is TRUE, -1 \in Nat is FALSE.
\* TLC: membership (x \in Nat, S \subseteq Nat for a finite S) is fine, but
\* Nat is infinite, so TLC reports an error when it must enumerate it, as in
\* \E n \in Nat : P(n) or \A n \in Nat : P(n).  Bound such quantifiers by an
\* interval such as 0..10 instead.
\* Primitive: the body is a placeholder, the meaning is built in.
Nat == CHOOSE N : 0 \in N


\* a + b is the sum of the numbers a and b.
\*
\* Example: 2 + 3 = 5.
\* TLC: both arguments must be integers; a sum outside the 32-bit range is
\* an overflow error.
\* Primitive: the body is a placeholder, the meaning is built in.
a + b == CHOOSE sum : TRUE

\* a - b is the difference of a and b: the number c such that b + c = a.
\*
\* Example: 5 - 3 = 2.  The difference of two naturals need not be a
\* natural: 3 - 5 is the integer -2 (use the Integers module to write
\* negative numbers and to reason about them).
\* TLC: both arguments must be integers; overflow is an error.
a - b == CHOOSE c : b + c = a

\* a * b is the product of a and b.
\*
\* For a natural number b it is a added to itself b times; for a negative
\* b it is the negation of a * (0 - b).
\* Example: 4 * 3 = 12, 0 * 7 = 0.
\* TLC: both arguments must be integers; overflow is an error.
a * b ==
    LET Times[n \in Nat] == IF n = 0 THEN 0 ELSE Times[n - 1] + a
    IN  IF b \in Nat THEN Times[b]
                     ELSE CHOOSE p : p + Times[0 - b] = 0

\* a ^ b is a raised to the power b: a multiplied by itself b times, for a
\* natural number b.
\*
\* Example: 2 ^ 10 = 1024, 5 ^ 0 = 1.
\* TLC: b must be a natural number; 0 ^ 0 is reported as an error
\* (mathematically its value is left unspecified); overflow is an error.
a ^ b ==
    LET Power[n \in Nat] == IF n = 0 THEN 1 ELSE Power[n - 1] * a
    IN  Power[b]

\* a \leq b (also written a <= b or a =< b) is TRUE iff a is less than or
\* equal to b, that is, iff b can be reached from a by adding a natural.
\*
\* Example: 2 \leq 2 and 2 \leq 3 are TRUE, 3 \leq 2 is FALSE.
\* TLC: both arguments must be integers, otherwise it reports an error.
a \leq b == \E n \in Nat : a + n = b

\* a \geq b (also written a >= b) is TRUE iff a is greater than or equal
\* to b; it is the same as b \leq a.
\*
\* Example: 3 \geq 3 is TRUE, 2 \geq 3 is FALSE.
\* TLC: both arguments must be integers, otherwise it reports an error.
a \geq b == b \leq a

\* a < b is TRUE iff a is strictly less than b.
\*
\* Example: 1 < 2 is TRUE, 2 < 2 is FALSE.
\* TLC: both arguments must be integers, otherwise it reports an error.
a < b == (a \leq b) /\ (a # b)

\* a > b is TRUE iff a is strictly greater than b; it is the same as b < a.
\*
\* Example: 3 > 1 is TRUE, 1 > 1 is FALSE.
\* TLC: both arguments must be integers, otherwise it reports an error.
a > b == b < a

\* a .. b is the interval of integers from a to b, both included: the set
\* {i \in Int : a \leq i /\ i \leq b}.  It is empty when a > b.
\*
\* Example: 1..3 = {1, 2, 3}, 0..0 = {0}, 3..1 = {}.
\* TLC: a and b must be integers; TLC keeps an interval as a pair of
\* bounds, so membership tests on large intervals are cheap.
a .. b == {a + n : n \in {k \in Nat : a + k \leq b}}

\* a \div b is the integer quotient of a by b, rounded down: the integer q
\* such that a = b * q + r for some r in 0 .. b - 1.
\*
\* Example: 7 \div 2 = 3, -7 \div 2 = -4.
\* TLC: division by zero is an error.  For a negative divisor, where the
\* definition says nothing, TLC also rounds towards negative infinity.
a \div b == CHOOSE q : \E r \in 0 .. (b - 1) : a = b * q + r

\* a % b is the remainder of dividing a by b: the r in 0 .. b - 1 with
\* a = b * (a \div b) + r.  It is never negative.
\*
\* Example: 7 % 3 = 1, -7 % 3 = 2, 6 % 3 = 0.
\* TLC: b must be positive; b \leq 0 is reported as an error.
a % b == a - b * (a \div b)
=============================================================================
