------------------------------ MODULE Sequences -----------------------------
\* Finite sequences.  A sequence of length n is a function whose domain is
\* 1..n; <<a, b, c>> is the sequence with s[1] = a, s[2] = b, s[3] = c, and
\* << >> is the empty sequence.  Tuples are sequences, so every operator here
\* also applies to tuples.
\*
\* TLC implements all of these operators natively.

\* Naturals is used by the definitions below but not exported: a module
\* that extends Sequences must still extend Naturals to write 1 + 1.
LOCAL INSTANCE Naturals

\* Seq(S) is the set of all finite sequences whose elements are in S,
\* including the empty sequence.  It is infinite unless S is empty.
\*
\* Example: <<1, 2, 1>> \in Seq({1, 2}) is TRUE; Seq({}) = {<< >>}.
\* TLC: membership (s \in Seq(S)) is fine, but enumerating Seq(S) is an
\* error.  To enumerate bounded sequences use
\* UNION {[1..n -> S] : n \in 0..Max} instead.
Seq(S) == UNION {[1..n -> S] : n \in Nat}

\* Len(s) is the length of the sequence s: the n with DOMAIN s = 1..n.
\*
\* Example: Len(<<"a", "b">>) = 2, Len(<< >>) = 0.
\* TLC: s must be a sequence (a function with domain 1..n), otherwise it
\* reports an error.
Len(s) == CHOOSE n \in Nat : DOMAIN s = 1..n

\* s \o t (also written s \circ t) is the concatenation of the sequences s
\* and t: the elements of s followed by the elements of t.
\*
\* Example: <<1, 2>> \o <<3>> = <<1, 2, 3>>, s \o << >> = s.
\* TLC: both arguments must be sequences.
s \o t ==
    [i \in 1 .. (Len(s) + Len(t)) |->
        IF i \leq Len(s) THEN s[i] ELSE t[i - Len(s)]]

\* Append(s, e) is the sequence s with the element e added at its end.
\*
\* Example: Append(<<1, 2>>, 3) = <<1, 2, 3>>, Append(<< >>, "x") = <<"x">>.
\* Append is the usual way to add to a queue or a log variable:
\* log' = Append(log, msg).
Append(s, e) == s \o <<e>>

\* Head(s) is the first element of the non-empty sequence s, that is s[1].
\*
\* Example: Head(<<"a", "b">>) = "a".
\* TLC: Head(<< >>) is an error (its value is unspecified).  Guard with
\* s # << >> before taking the Head of a queue.
Head(s) == s[1]

\* Tail(s) is the non-empty sequence s without its first element.
\*
\* Example: Tail(<<1, 2, 3>>) = <<2, 3>>, Tail(<<1>>) = << >>.
\* TLC: Tail(<< >>) is an error (its value is unspecified).  Together with
\* Head it pops a queue: /\ msg = Head(q) /\ q' = Tail(q).
Tail(s) == CASE s # << >> -> [i \in 1 .. (Len(s) - 1) |-> s[i + 1]]

\* SubSeq(s, m, n) is the part of s from position m to position n, both
\* included: <<s[m], s[m+1], ..., s[n]>>.  It is << >> when m > n.
\*
\* Example: SubSeq(<<"a", "b", "c", "d">>, 2, 3) = <<"b", "c">>,
\*          SubSeq(<<1, 2>>, 2, 1) = << >>.
\* TLC: when m \leq n, both m and n must lie in 1..Len(s), otherwise it
\* reports an error.
SubSeq(s, m, n) == [i \in 1 .. (n - m + 1) |-> s[m + i - 1]]

\* SelectSeq(s, Test) is the subsequence of the elements e of s for which
\* Test(e) is TRUE, in their original order.  Test is an operator of one
\* argument, often written as a LAMBDA.
\*
\* Example: SelectSeq(<<1, 2, 3, 4>>, LAMBDA x : x % 2 = 0) = <<2, 4>>.
SelectSeq(s, Test(_)) ==
    LET \* Kept[k] is the selection made from the first k elements of s.
        Kept[k \in 0 .. Len(s)] ==
            IF k = 0 THEN << >>
            ELSE IF Test(s[k]) THEN Append(Kept[k - 1], s[k])
                               ELSE Kept[k - 1]
    IN  Kept[Len(s)]
=============================================================================
