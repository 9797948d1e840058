package pluscal

import (
	"context"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser"
)

// validated is pcal.trans's translation of its algorithm (tla2tools.jar,
// class pcal.trans, -nocfg), checksums included.
const validated = `---- MODULE M ----
EXTENDS Naturals
(* --algorithm M
variables x = 0, y \in {1,2};
begin
a: x := x + 1; \* comment
   y := 2;
b: while x < 3 do x := x + 1; end while;
end algorithm; *)
\* BEGIN TRANSLATION (chksum(pcal) = "8c386370" /\ chksum(tla) = "5d22134e")
VARIABLES pc, x, y

vars == << pc, x, y >>

Init == (* Global variables *)
        /\ x = 0
        /\ y \in {1,2}
        /\ pc = "a"

a == /\ pc = "a"
     /\ x' = x + 1
     /\ y' = 2
     /\ pc' = "b"

b == /\ pc = "b"
     /\ IF x < 3
           THEN /\ x' = x + 1
                /\ pc' = "b"
           ELSE /\ pc' = "Done"
                /\ x' = x
     /\ y' = y

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == pc = "Done" /\ UNCHANGED vars

Next == a \/ b
           \/ Terminating

Spec == Init /\ [][Next]_vars

Termination == <>(pc = "Done")

\* END TRANSLATION
====
`

// TestChecksumDivergence: the checksum warning and its wording are SANY's
// (tla2tools.jar's sany on the same edits of validated): the algorithm,
// the translation, or both changed since the translation; none when the
// line records no values or pcal's validator does not read it.
func TestChecksumDivergence(t *testing.T) {
	const (
		pcalMsg = "The PlusCal algorithm in module M has changed since its last translation."
		tlaMsg  = "The TLA+ translation in module M has changed since its last translation."
		both    = "Both the PlusCal algorithm and its TLA+ translation in module M have changed since the last translation."
	)
	editAlg := func(s string) string { return strings.Replace(s, "x := x + 1; \\* comment", "x := x + 2;", 1) }
	editTLA := func(s string) string {
		return strings.Replace(s, "vars == << pc, x, y >>", "vars == << pc, x, y  >>", 1)
	}
	// Comments and layout in the algorithm are not part of chksum(pcal).
	reformat := func(s string) string {
		return strings.Replace(s, "y := 2;\nb:", "y := 2; (* a comment *)\n\n   b:", 1)
	}
	line := func(s, l string) string {
		return strings.Replace(s, `\* BEGIN TRANSLATION (chksum(pcal) = "8c386370" /\ chksum(tla) = "5d22134e")`, l, 1)
	}
	for _, tc := range []struct {
		name, src, want string
	}{
		{"as translated", validated, ""},
		{"algorithm reformatted", reformat(validated), ""},
		{"algorithm changed", editAlg(validated), pcalMsg},
		{"translation changed", editTLA(validated), tlaMsg},
		{"both changed", editAlg(editTLA(validated)), both},
		{"no checksums", line(editAlg(editTLA(validated)), `\* BEGIN TRANSLATION`), ""},
		{"ignored", line(editAlg(editTLA(validated)), `\* BEGIN TRANSLATION (chksum(pcal) \in STRING /\ chksum(tla) \in STRING)`), ""},
		{"tla only recorded", line(editAlg(validated), `\* BEGIN TRANSLATION (chksum(pcal) \in STRING /\ chksum(tla) = "5d22134e")`), ""},
		{"not the validator's marker", line(editAlg(validated), `\** BEGIN TRANSLATION (chksum(pcal) = "8c386370" /\ chksum(tla) = "5d22134e")`), ""},
		{"CRLF", strings.ReplaceAll(validated, "\n", "\r\n"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := parser.Parse(context.Background(), "M.tla", []byte(tc.src))
			errs, _, d := DiagnoseAll(res)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			got := ""
			if d != nil {
				got = d.Msg
				if l := string(res.File.Text[d.Span.Start:d.Span.End]); !strings.HasPrefix(l, `\* BEGIN TRANSLATION`) {
					t.Errorf("warning at %q, want the BEGIN TRANSLATION line", l)
				}
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
