package pluscal

import (
	"regexp"
	"testing"
)

// referenceAlgorithms: small algorithms of our own and the checksums
// pcal.trans (tla2tools.jar, class pcal.trans, -nocfg; pcal.trans Version
// 1.12 of 01 July 2024) wrote for them, each in the module
//
//	---- MODULE T ----
//	EXTENDS Naturals, Sequences, TLC
//	<opts>(* --algorithm T        (--fair algorithm T when fair)
//	<alg>\* BEGIN TRANSLATION (chksum(pcal) = "0" /\ chksum(tla) = "0")
//	\* END TRANSLATION
//	====
//
// chksum(tla) checks the translation byte for byte; chksum(pcal) the
// algorithm as pcal.trans parsed, renamed and exploded it.
var referenceAlgorithms = []struct {
	name, opts string
	fair       bool
	alg        string
	pcal, tla  string
}{
	{"uni", "", false, `variables x = 0, y \in {1, 2};
begin
a: x := x + 1;
   y := x;
b: if x > 1 then x := 0; end if;
end algorithm; *)
`, "b98826f9", "1da45d57"},
	{"while", "", false, `variables i = 0, s = <<>>;
begin
l: while i < 3 do
     s := Append(s, i); i := i + 1;
   end while;
   print s;
end algorithm; *)
`, "2cfb430e", "dff3d2e9"},
	{"procs", "", false, `variables x = 0;
procedure Inc(n = 1)
variable t = 0;
begin
i1: t := x + n;
i2: x := t;
    return;
end procedure;
process P \in 1..2
variable loc = 0;
begin
p1: call Inc(self);
p2: loc := x;
end process;
end algorithm; *)
`, "1dbfaa39", "f9818f31"},
	{"macro", "", false, `variables q = <<>>, r = 0;
macro Send(m) begin q := Append(q, m); end macro;
macro Recv(v) begin await q # <<>>; v := Head(q); q := Tail(q); end macro;
process Prod = "p"
begin
s: Send(1);
t: Send(2);
end process;
process Cons = "c"
begin
c: Recv(r);
end process;
end algorithm; *)
`, "736bc654", "24a031f8"},
	{"either_with", "", false, `variables x = 0, y = 0;
begin
a: either x := 1;
   or with i \in 1..3, j = i + 1 do y := j; end with;
   or skip;
   end either;
b: with k \in {x, y} do x := k || y := k + 1; end with;
end algorithm; *)
`, "ca91d395", "132a4ccc"},
	{"labels_inside", "", false, `variables x = 0;
begin
a: if x = 0 then
     b: x := 1;
     c: x := 2;
   else
     x := 3;
   end if;
d: either e: x := 4; or x := 5; end either;
end algorithm; *)
`, "111fa7dd", "2dc7a4f4"},
	{"fairplus", "", false, `variables flag = [i \in 1..2 |-> FALSE], turn = 1;
fair+ process Proc \in 1..2
begin
a1: while TRUE do
a2:   flag[self] := TRUE;
a3:   turn := 3 - self;
a4:   await ~flag[3 - self] \/ turn = self;
cs:   skip;
a5:   flag[self] := FALSE;
    end while;
end process;
end algorithm; *)
`, "2fd2f650", "67880e63"},
	{"fair_labels", "", false, `variables x = 0;
fair process A = 1
begin
a1:+ x := x + 1;
a2:- x := x - 1;
a3: goto a1;
end process;
process B = 2
begin
b1: await x > 0;
end process;
end algorithm; *)
`, "2a7b3dbc", "365a3234"},
	{"comments", "", false, `variables (* block *) x = 0, \* line
          y = "a\"b";
begin
a: (* before *) x := (* mid *) x + 1; \* after
   y := "c" \* no semicolon before end
end algorithm; *)
`, "c940bb18", "76b20451"},
	{"csyntax", "", false, `{
  variables x = 0;
  {
    a: while (x < 3) { x := x + 1; if (x = 2) { b: skip } };
    c: assert x = 3;
  }
}
*)
`, "bfb4e2a0", "4e615abc"},
	{"define", "", false, `variables x = 0, y = 1;
define
  Sum == x + y
  Inv == /\ x >= 0
         /\ y >= 0
end define;
begin
a: x := Sum;
   y := IF x > 1 THEN 0 ELSE 1;
end algorithm; *)
`, "61b88c16", "1714fa3e"},
	{"callreturn", "", false, `variables res = 0;
procedure F(n)
begin
f1: if n > 0 then res := res + n; call F(n - 1); return;
    else return; end if;
end procedure;
procedure G()
begin
g1: call F(3); goto g2;
g2: return;
end procedure;
begin
m: call G();
end algorithm; *)
`, "7bba547c", "8b74035f"},
	{"nested", "", false, `variables x = 0, y = 0;
process P \in {1, 2}
begin
a: if x = 0 then
     if y = 0 then b: x := 1; else y := 1; end if;
   end if;
c: either if x = 1 then d: y := 2; end if; or x := 2; end either;
end process;
end algorithm; *)
`, "e7791f0a", "cbae3a41"},
	{"multiassign", "", false, `variables z = [i \in 1..3 |-> 0], b = 0, A = 1;
begin
l: z[1] := 1 || b := 2 || A := 3 || z[2] := 4;
m: z[3] := z[1] + z[2];
end algorithm; *)
`, "40cd051d", "6311335f"},
	{"rename", "", false, `variables x = 0;
procedure P(x2 = 0)
variable loc = 0;
begin
a: loc := x2;
r: return;
end procedure;
process A \in 1..2
variable loc = 1;
begin
a: loc := x \/ FALSE;
   call P(loc);
end process;
process B = 3
variable loc = 2;
begin
a: await loc = 2 \/ x = 1;
end process;
end algorithm; *)
`, "4b6e91ed", "b7798df8"},
	{"uniprocess_calls", "", false, `variables x = 0;
procedure A() begin a1: call B(); a2: call B(); a3: return; end procedure;
procedure B() begin b1: x := x + 1; return; end procedure;
begin
u1: call A();
u2: call B();
end algorithm; *)
`, "c03bc991", "c441dc9"},
	{"macro_multiline", "", false, `variables r = [a |-> 0, b |-> 0];
macro set(v) begin r := v; end macro;
begin
s: set([a |-> 1,
          b |-> 2]);
t: set([r EXCEPT !.a = r.b,
                 !.b = 0]);
end algorithm; *)
`, "92543b8", "9ee3bf93"},
	{"fairalg", "", true, `variables x = 0, y \in {1, 2};
begin
a: x := x + 1;
   y := x;
b: if x > 1 then x := 0; end if;
end algorithm; *)
`, "7c28162a", "7ba4b57d"},
	{"options", "\\* PlusCal options (-termination -wf)\n", false, `variables flag = [i \in 1..2 |-> FALSE], turn = 1;
fair+ process Proc \in 1..2
begin
a1: while TRUE do
a2:   flag[self] := TRUE;
a3:   turn := 3 - self;
a4:   await ~flag[3 - self] \/ turn = self;
cs:   skip;
a5:   flag[self] := FALSE;
    end while;
end process;
end algorithm; *)
`, "2fd2f650", "67880e63"},
	{"sf", "\\* PlusCal options (-sf)\n", false, `variables x = 0;
procedure Inc(n = 1)
variable t = 0;
begin
i1: t := x + n;
i2: x := t;
    return;
end procedure;
process P \in 1..2
variable loc = 0;
begin
p1: call Inc(self);
p2: loc := x;
end process;
end algorithm; *)
`, "8ab955b5", "9c2c623f"},
	{"tabs", "", false, "variables x = 0;\nbegin\na:\tawait\t/\\ x = 0\n\t\t/\\ x < 1;\n\tx := 1;\nend algorithm; *)\n", "cdd3769b", "139ec714"}, // tabs: columns as pcal counts them (stops of 8)
	{"nested fairness labels", "", false, `variables x = 0, y = 1, z \in {0, 1}, f = [i \in 1..2 |-> 0], s = <<>>;
fair process Pr0 = 3
variable loc = 0;
begin
  l501:+ assert y = z;
  l503: while x < 3 do
     l504:- with i \in 1..2 do
        y := i + 1;
     end with;
     l505:- while TRUE do
        l506: skip;
     end while;
  end while;
  l507: while x < 3 do
     assert y = z;
     assert y = z;
  end while;
end process;
end algorithm; *)
`, "9838514d", "c8c83387"}, // found by the random differential test
	{"long fairness formula", "", false, `variables x = 0, y = 1, z \in {0, 1}, f = [i \in 1..2 |-> 0], s = <<>>;
macro M0(v) begin
  v := v + 1;
end macro;
procedure P0(a = 0)
variable loc = a;
begin
  l102: while TRUE do
     l103: assert x > 0;
  end while;
  l104:  return;
end procedure;
fair process Pr0 = 3
begin
  l501: either
     l502:- goto l501;
     l503: y := [f EXCEPT ![1] = \E e \in {1, 2} : e = "a0"];
  or
     l504:+ while TRUE do
        assert /\ x > 0
 /\ y < 3;
     end while;
  end either;
  l505:- if x > 1 then
     l506:+ y := "a2";
     l507: assert TRUE;
  else
     l508:- await /\ x > 0
 /\ y < 3;
     if TRUE then
        await x # y \/ z = 1;
     end if;
     l509:+ call P0(f[1]);
  end if;
  l510: if y = z then
     l511: either
        l512: await x > 0;
        l513: z := y + (3) || y := Len(s) + TRUE;
        l514: skip;
     or
        l515: print IF x > 0 THEN [f EXCEPT ![1] = z] ELSE z;
        l516:+ f[1] := <<TRUE>>;
     end either;
  end if;
end process;
process Pr1 = "q"
begin
  l551: print y;
end process;
end algorithm; *)
`, "ab768952", "62a8069"}, // found by the random differential test: Spec wraps
	{"after while TRUE", "", false, `variables x = 0, y = 1, z \in {0, 1}, f = [i \in 1..2 |-> 0], s = <<>>;
define
  D == x + y
  E(a) == /\ a > 0
          /\ a < 3
end define;
macro M0(v) begin
  v := v + 1;
end macro;
fair process Pr0 \in 1..2
begin
  l501: either
     l502:+ s := Append(s, 0);
     l503:+ y := [f EXCEPT ![1] = <<"a1">>];
     l504: goto l501;
  or
     s := Append(s, <<"a2">>);
     l505: assert /\ x > 0
 /\ y < 3;
  or
     l506:+ await y = z;
  end either;
  l508: while y # z do
     either
        l509: await TRUE;
        l510: z := TRUE || y := {\E e \in {1, 2} : e = TRUE, {"a0", "a2"}};
        l511: await /\ x > 0
 /\ y < 3;
     or
        l512: print IF x > 0 THEN "a2" ELSE 3;
        l513: print IF x > 0 THEN TRUE ELSE ("a2");
     or
        print Len(s);
        l514: assert /\ x > 0
 /\ y < 3;
        s := Append(s, (Len(s)));
     end either;
     l515:- y := Len(s);
  end while;
  l516: either
     x := \E e \in {1, 2} : e = <<TRUE>>;
     l517:- skip;
     if /\ x > 0
 /\ y < 3 then
        skip;
        l518:+ z := (f[1]) || y := 1;
        l519: M0(f[2]);
     else
        l520:- x := f[1];
        l521: assert /\ x > 0
 /\ y < 3;
     end if;
  or
     skip;
  or
     skip;
     l522: await x # y \/ z = 1;
  end either;
end process;
fair process Pr1 = "q"
begin
  l552: while TRUE do
     if x # y \/ z = 1 then
        l553: assert x # y \/ z = 1;
        l554: x := y;
     end if;
     l555: if x # y \/ z = 1 then
        l556:- assert TRUE;
        l557: M0(y);
        assert TRUE;
     end if;
  end while;
  if x # y \/ z = 1 then
     await TRUE;
     l558: print TRUE;
  else
     l559: z := "a1" || y := 3;
     l560: skip;
  end if;
end process;
end algorithm; *)
`, "c759d70c", "800c0e0b"}, // found by the random differential test: unsorted multiple assignment after while TRUE
	// An either whose clause holds an if with a label is a LabelEither
	// (pcal's ClassifyEither looks into nested ifs and eithers): the
	// body of the while TRUE then needs pc, and chksum(pcal) prints it so.
	{"nestedlabelwhiletrue", "", false, `{ variables x = 0, y = 0;
  { a: while (TRUE) {
         either { x := 1 }
         or { if (y > 0) { b: y := 1 } } } } } *)
`, "7772da8b", "20ce27f0"},
	{"nestedlabel", "", false, `{ variables x = 0, y = 0;
  { a: while (x < 3) {
         if (x = 0) {
           either { x := 1 }
           or { y := 2; if (y > 0) { b: y := 1 } else { x := 2 } } }
         else { x := x + 1 } };
    c: either { if (x > 9) { d: x := 0 } } or { y := 0 } } } *)
`, "7cf7e943", "6657fac0"},
}

func referenceModule(opts string, fair bool, alg string) string {
	kw := "algorithm"
	if fair {
		kw = "fair algorithm"
	}
	return "---- MODULE T ----\nEXTENDS Naturals, Sequences, TLC\n" + opts + "(* --" + kw + " T\n" + alg +
		"\\* BEGIN TRANSLATION (chksum(pcal) = \"0\" /\\ chksum(tla) = \"0\")\n\\* END TRANSLATION\n====\n"
}

var beginLineRE = regexp.MustCompile(`chksum\(pcal\) = "([0-9a-f]+)" /\\ chksum\(tla\) = "([0-9a-f]+)"`)

func TestReferenceChecksums(t *testing.T) {
	for _, tc := range referenceAlgorithms {
		t.Run(tc.name, func(t *testing.T) {
			out, _, errs := Translate([]byte(referenceModule(tc.opts, tc.fair, tc.alg)), Options{})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			m := beginLineRE.FindStringSubmatch(string(out))
			if m == nil || m[1] != tc.pcal || m[2] != tc.tla {
				t.Errorf("checksums %q, pcal.trans wrote %q, %q", m, tc.pcal, tc.tla)
			}
		})
	}
}
