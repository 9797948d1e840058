---- MODULE LiveCounter ----
EXTENDS Naturals
VARIABLE x
vars == <<x>>
Init == x = 0
Inc == x < 3 /\ x' = x + 1
Reset == x = 3 /\ x' = 0
Next == Inc \/ Reset
Spec == Init /\ [][Next]_vars
FairSpec == Spec /\ WF_vars(Next)
Reaches3 == <>(x = 3)
InfOften == []<>(x = 0)
Stays == <>[](x > 0)
LeadsTo == (x = 1) ~> (x = 3)
ResetsForever == []<><<Reset>>_vars
IncEnabledForever == <>[](ENABLED Inc)
Both == Reaches3 /\ InfOften /\ LeadsTo /\ ResetsForever
Weird == []<>(x = 1 /\ [](x > 0))
Unbounded == \A n \in Nat : <>(x = n)
FairProp == WF_vars(Inc)
IfProp == IF x = 0 THEN <>(x = 3) ELSE <>(x = 1)
====
