package checker

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// algModule is a module whose translation pcal.trans wrote with checksums
// (pcal "d3185269", tla "73bffd97" for `a: x := 1`); pcalStmt and tlaSum
// make the algorithm or the translation diverge from them.
func algModule(name, pcalStmt, tlaSum string) string {
	return "---- MODULE " + name + " ----\nEXTENDS Naturals\n(* --algorithm " + name + "\nvariables x = 0;\nbegin\na: " + pcalStmt + ";\nend algorithm; *)\n" +
		`\* BEGIN TRANSLATION (chksum(pcal) = "d3185269" /\ chksum(tla) = "` + tlaSum + `")
VARIABLES pc, x

vars == << pc, x >>

Init == (* Global variables *)
        /\ x = 0
        /\ pc = "a"

a == /\ pc = "a"
     /\ x' = 1
     /\ pc' = "Done"

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == pc = "Done" /\ UNCHANGED vars

Next == a
           \/ Terminating

Spec == Init /\ [][Next]_vars

Termination == <>(pc = "Done")

\* END TRANSLATION
====
`
}

// TestParseWarnings: a module whose BEGIN TRANSLATION checksums no longer
// match gets SANY's parse-time warning, printed first, as TLC 2026.12.07
// printed it for these specs (run in /tmp): the root and each module it
// EXTENDS, once; an INSTANCE'd module is not validated.
func TestParseWarnings(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		root  string
		want  string
	}{{
		name:  "current",
		files: map[string]string{"M.tla": algModule("M", "x := 1", "73bffd97")},
		root:  "M",
	}, {
		// the algorithm edited after translating
		name:  "pcal",
		files: map[string]string{"M.tla": algModule("M", "x := 2", "73bffd97")},
		root:  "M",
		want:  "Warnings (1) during syntax parsing of M:\n\n\nIn module M\n\nThe PlusCal algorithm in module M has changed since its last translation.\n\n\n\n",
	}, {
		// an extended module, extended twice: one warning
		name: "extends",
		files: map[string]string{
			"N.tla": strings.Replace(algModule("N", "x := 1", "1234abcd"), "algorithm N", "algorithm M", 1),
			"P.tla": "---- MODULE P ----\nEXTENDS N\nQ == 1\n====\n",
			"R.tla": "---- MODULE R ----\nEXTENDS N, P\n====\n",
		},
		root: "R",
		want: "Warnings (1) during syntax parsing of R:\n\n\nIn module N\n\nThe TLA+ translation in module N has changed since its last translation.\n\n\n\n",
	}, {
		name: "both",
		files: map[string]string{
			"N.tla": strings.Replace(algModule("N", "x := 2", "1234abcd"), "algorithm N", "algorithm M", 1),
			"R.tla": "---- MODULE R ----\nEXTENDS N\n====\n",
		},
		root: "R",
		want: "Warnings (1) during syntax parsing of R:\n\n\nIn module N\n\nBoth the PlusCal algorithm and its TLA+ translation in module N have changed since the last translation.\n\n\n\n",
	}, {
		name: "instance",
		files: map[string]string{
			"N.tla": strings.Replace(algModule("N", "x := 1", "1234abcd"), "algorithm N", "algorithm M", 1),
			"R.tla": "---- MODULE R ----\nVARIABLES pc, x\nI == INSTANCE N\nSpec == I!Spec\n====\n",
		},
		root: "R",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cfg := filepath.Join(dir, "R.cfg")
			if err := os.WriteFile(cfg, []byte("SPECIFICATION Spec\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := LoadModel(filepath.Join(dir, tc.root+".tla"), cfg, nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Check(context.Background(), m, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			text := res.TLCText()
			if !strings.HasPrefix(text, tc.want) || tc.want == "" && strings.Contains(text, "syntax parsing") {
				t.Errorf("text:\n%q\nwant it to begin with\n%q", text, tc.want)
			}
			js, err := res.JSON()
			if err != nil {
				t.Fatal(err)
			}
			if tc.want != "" {
				msg := strings.Split(tc.want, "\n")[5] // the warning's message
				if !strings.Contains(string(js), `"warnings":["`+msg+`"`) {
					t.Errorf("JSON %s: want the first warning %q", js, msg)
				}
			}
		})
	}
}
