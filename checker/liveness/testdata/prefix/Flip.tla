---- MODULE Flip ----
VARIABLE y
Init == y = "a"
Next == y' \in {"a", "b"}
Spec == Init /\ [][Next]_y /\ WF_y(Next)
Back == [](y = "b" => [](y = "a" => [](y = "a")))
LeadsTo == y = "a" ~> [](y = "b" => [](y = "b"))
====
