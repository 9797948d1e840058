------------------------------- MODULE Reals --------------------------------
\* The real numbers: everything in Integers (whose operators all apply to
\* reals too), plus the set Real, division and Infinity.
\*
\* TLC does not support real numbers: it reports an error if it has to
\* evaluate Real, /, Infinity, or an arithmetic operator applied to a number
\* that is not an integer.  The module is for specifications that are only
\* proved or type-checked, or whose real-valued parts TLC never evaluates.
EXTENDS Integers

\* Real is the set of real numbers; Int is a subset of it.
\*
\* Example: 1 \in Real is TRUE.
\* TLC: not supported; evaluating Real is an error.
\* Primitive: the body is a placeholder, the meaning is built in.
Real == CHOOSE R : Int \subseteq R


\* a / b is the real quotient of a by b: the real q such that q * b = a.
\* It is unspecified when b = 0.  For integer division use \div.
\*
\* Example: 1 / 2 is one half, 6 / 3 = 2.
\* TLC: not supported; evaluating a / b is an error, even for integers.
a / b == CHOOSE q \in Real : q * b = a

\* Infinity is a value that is not a real number and is greater than every
\* real number.
\*
\* Example: \A r \in Real : r < Infinity.
\* TLC: not supported; evaluating Infinity is an error.
Infinity == CHOOSE inf : (inf \notin Real) /\ (\A r \in Real : inf > r)
=============================================================================
