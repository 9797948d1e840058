------------------------------ MODULE Counter ------------------------------
(* A scratch spec for the editing checks: its translation is missing. *)
EXTENDS Naturals

Limit == 3
Below(n) == n < Limit

(* --algorithm counter
variables x = 0;
begin
  Count:
    while Below(x) do
      x := x + 1;
    end while;
end algorithm; *)
\* BEGIN TRANSLATION
\* END TRANSLATION

AtMost == Below(x) \/ x = Limit
=============================================================================
