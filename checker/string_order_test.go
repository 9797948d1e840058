package checker

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/tlals/tlals/checker/eval"
)

// runSpec checks the spec S.tla of files (module texts and S.cfg by file
// name) and returns what it printed and the result.
func runSpec(t *testing.T, files map[string]string) ([]string, *Result) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := files["S.cfg"]; !ok {
		if err := os.WriteFile(filepath.Join(dir, "S.cfg"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := LoadModel(filepath.Join(dir, "S.tla"), filepath.Join(dir, "S.cfg"), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Check(context.Background(), m, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range res.Output {
		out = append(out, p.Text)
	}
	return out, res
}

// TestStringOrderAsTLC: strings are ordered as TLC interns them; each want
// is what the reference TLC printed for the spec.
func TestStringOrderAsTLC(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{{
		// the standard modules are parsed after the root, Naturals' a and
		// b before the root's own string literals
		name: "standard modules after the root",
		files: map[string]string{"S.tla": `---- MODULE S ----
EXTENDS Naturals, TLC
VARIABLE x
ASSUME PrintT({"zz", "b", "a", "c", "Naturals", "x"})
Init == x = CHOOSE v \in {"b", "a"} : TRUE
Next == x' = x
====
`, "S.cfg": "INIT Init\nNEXT Next\n"},
		want: []string{`{"Naturals", "x", "a", "b", "zz", "c"}`},
	}, {
		name: "configuration values first",
		files: map[string]string{
			"S.tla": `---- MODULE S ----
EXTENDS TLC
CONSTANT C, M, Def
ASSUME PrintT({"q1", "p1", "cfgid", "mv1", "Init"})
ASSUME PrintT(C)
cfgid == 1
====
`,
			"S.cfg": "CONSTANT C = {\"p1\", \"q1\", \"cfgstr\"}\nCONSTANT M = mv1\nCONSTANT Def <- cfgid\n",
		},
		// cfgid is a token of S, Init only a string literal
		want: []string{`{"p1", "q1", "mv1", "cfgid", "Init"}`, `{"p1", "q1", "cfgstr"}`},
	}, {
		name: "built-in operator table",
		files: map[string]string{"S.tla": `---- MODULE S ----
EXTENDS TLC
ASSUME PrintT({"x", "+", "*", "-", "/", "(", "}", "|->", "==", "IF", "TRUE"})
====
`},
		want: []string{`{"TRUE", "/", "*", "-", "+", "(", "}", "==", "IF", "x", "|->"}`},
	}, {
		name: "a set map's bounds before its expression",
		files: map[string]string{"S.tla": `---- MODULE S ----
EXTENDS TLC
A == {"e1" : x \in {"s1"}}
B == [y \in {"d1"} |-> "f1"]
C == {"e2" : x \in {"s2"}, y \in {"t2"}}
D == {<<"e3", z>> : z \in {"s3"}}
ASSUME PrintT({"e1", "s1", "d1", "f1", "e2", "s2", "t2", "e3", "s3"})
====
`},
		want: []string{`{"s1", "e1", "d1", "f1", "s2", "t2", "e2", "s3", "e3"}`},
	}, {
		// parsed: S, A, B, D (every EXTENDS first), C; analysed: C, A, D, B
		name: "SANY's order of parsing and of analysis",
		files: map[string]string{
			"S.tla": `---- MODULE S ----
EXTENDS A, B, TLC
ASSUME PrintT({"idD", "idC", "idB", "idA", "sD", "sC", "sB", "sA"})
====
`,
			"A.tla": "---- MODULE A ----\nI == INSTANCE C\nidA == \"sA\"\n====\n",
			"B.tla": "---- MODULE B ----\nEXTENDS D\nidB == \"sB\"\n====\n",
			"C.tla": "---- MODULE C ----\nidC == \"sC\"\n====\n",
			"D.tla": "---- MODULE D ----\nidD == \"sD\"\n====\n",
		},
		want: []string{`{"idA", "idB", "idD", "idC", "sC", "sA", "sD", "sB"}`},
	}, {
		name: "tokens of TLC's Sequences",
		files: map[string]string{"S.tla": `---- MODULE S ----
EXTENDS Sequences, TLC
ASSUME PrintT({"t", "s", "e", "Seq", "Len", "m", "n", "i", "out", "val"})
====
`},
		want: []string{`{"Seq", "n", "Len", "s", "t", "i", "e", "m", "out", "val"}`},
	}, {
		name: "model values before strings",
		files: map[string]string{
			"S.tla": `---- MODULE S ----
EXTENDS TLC
CONSTANTS M, K
ASSUME PrintT({"a", M, "k2"} \cup K)
ASSUME PrintT(CHOOSE v \in {"a", M} : TRUE)
====
`,
			"S.cfg": "CONSTANTS\n  K = {\"k2\", k1, \"k0\"}\n  M = mv\n",
		},
		want: []string{`{k1, mv, "k2", "k0", "a"}`, `mv`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := runSpec(t, tt.files)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("printed\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestStringOrderCounterexample: the order decides which initial state TLC
// finds first, hence the verdict's counterexample.
func TestStringOrderCounterexample(t *testing.T) {
	_, res := runSpec(t, map[string]string{
		"S.tla": `---- MODULE S ----
EXTENDS Naturals
VARIABLE x
Init == x = CHOOSE v \in {"b", "a"} : TRUE
Inv == x = "b"
Next == x' = x
====
`,
		"S.cfg": "INIT Init\nNEXT Next\nINVARIANT Inv\n",
	})
	if res.Outcome != OutcomeInvariant || len(res.Trace) != 1 || eval.Format(res.Trace[0].Values[0]) != `"a"` {
		t.Fatalf("got %s %s with %d states, want the invariant violated by x = \"a\"", res.Outcome, res.Message, len(res.Trace))
	}
}

// TestStringOrderPerRun: a spec's order does not depend on what ran before
// in the process.
func TestStringOrderPerRun(t *testing.T) {
	a := map[string]string{"S.tla": `---- MODULE S ----
EXTENDS TLC
ASSUME PrintT({"s1", "s2", "s3"})
====
`}
	b := map[string]string{"S.tla": `---- MODULE S ----
EXTENDS TLC
ASSUME PrintT({"s3", "s1", "s2"})
====
`}
	alone, _ := runSpec(t, b)
	runSpec(t, a)
	after, _ := runSpec(t, b)
	if want := []string{`{"s3", "s1", "s2"}`}; strings.Join(alone, "\n") != want[0] || strings.Join(after, "\n") != want[0] {
		t.Fatalf("B alone printed %q, after A %q; want %q", alone, after, want)
	}
}

// TestStringOrderDifferential compares what tlals and the reference TLC
// print for generated specs whose strings meet the root module, other
// modules, standard modules and the configuration in varied orders.
func TestStringOrderDifferential(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the reference TLC")
	}
	tools, _ := filepath.Abs("../../shared/tools")
	if _, err := os.Stat(filepath.Join(tools, "tla2tools.jar")); err != nil {
		t.Skip("no reference TLC beside the worktree")
	}
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("no java")
	}
	for seed := int64(1); seed <= 5; seed++ {
		files := genOrderSpec(rand.New(rand.NewSource(seed)))
		dir := t.TempDir()
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command("java", "-cp", filepath.Join(tools, "tla2tools.jar"), "tlc2.TLC",
			"-workers", "1", "-metadir", filepath.Join(dir, "meta"), "-noGenerateSpecTE", "S.tla")
		cmd.Dir = dir
		out, _ := cmd.CombinedOutput()
		want := tlcPrints(string(out))
		if len(want) == 0 {
			t.Fatalf("seed %d: TLC printed nothing:\n%s\n%s", seed, out, files["S.tla"])
		}
		got, _ := runSpec(t, files)
		for i := range got {
			got[i] = normalizePrint(got[i])
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("seed %d: tlals printed\n%s\nTLC\n%s\nspec:\n%s", seed, strings.Join(got, "\n"), strings.Join(want, "\n"), files["S.tla"])
		}
	}
}

// tlcPrints is what TLC printed between its start and the initial states,
// one value a line.
func tlcPrints(out string) []string {
	if i := strings.Index(out, "Starting..."); i >= 0 {
		out = out[i:]
		out = out[strings.Index(out, "\n")+1:]
	}
	if i := strings.Index(out, "Computing initial states"); i >= 0 {
		out = out[:i]
	}
	var vals []string
	starts := regexp.MustCompile(`(?m)^<<\s*"P\d`).FindAllStringIndex(out, -1)
	for i, st := range starts {
		end := len(out)
		if i+1 < len(starts) {
			end = starts[i+1][0]
		}
		vals = append(vals, normalizePrint(out[st[0]:end]))
	}
	return vals
}

// normalizePrint undoes TLC's line breaking of long values.
func normalizePrint(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, r := range [][2]string{{"<< ", "<<"}, {" >>", ">>"}, {"{ ", "{"}, {" }", "}"}} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	return s
}

// genOrderSpec makes a spec S (with modules M0.. and a configuration)
// whose ASSUMEs print sets of strings met in many places.
func genOrderSpec(r *rand.Rand) map[string]string {
	ids := []string{"a", "b", "c", "x", "y", "zz", "n", "s", "t", "p", "foo", "bar", "id", "k", "m", "Aa"}
	strs := append(append([]string{}, ids...), "+", "(", "-", "*", "Naturals", "TLC", "Len", "Seq", "S", "mv1", "mv2", "lit1", "lit2", "lit3", "Init", "1", "==", ":", "IF", "a b")
	std := []string{"Naturals", "TLC", "Sequences", "FiniteSets", "Integers", "Bags"}
	pick := func(xs []string) string { return xs[r.Intn(len(xs))] }
	str := func() string { return fmt.Sprintf("%q", pick(strs)) }
	var expr func(d int, bound []string) string
	expr = func(d int, bound []string) string {
		x := pick(ids) + fmt.Sprint(d)
		switch k := r.Intn(8); {
		case d > 2 || k < 2:
			return str()
		case k == 2 && len(bound) > 0:
			return pick(bound)
		case k == 3:
			return fmt.Sprintf("[%s |-> %s, %s9 |-> %s]", pick(ids), expr(d+1, bound), pick(ids), str())
		case k == 4:
			return fmt.Sprintf("{%s : %s \\in {%s, %s}}", expr(d+1, append(bound, x)), x, str(), str())
		case k == 5:
			return fmt.Sprintf("LET l%s == %s IN %s", x, expr(d+1, bound), expr(d+1, append(bound, "l"+x)))
		case k == 6:
			return fmt.Sprintf("[%s \\in {%s} |-> %s]", x, str(), expr(d+1, append(bound, x)))
		}
		return fmt.Sprintf("<<%s, %s>>", expr(d+1, bound), str())
	}
	body := func(prefix string) string {
		var b strings.Builder
		for j := 0; j <= r.Intn(4); j++ {
			if r.Intn(2) == 0 {
				p := pick(ids)
				fmt.Fprintf(&b, "%s_%d(%s) == %s\n", prefix, j, p, expr(0, []string{p}))
			} else {
				fmt.Fprintf(&b, "%s_%d == %s\n", prefix, j, expr(0, nil))
			}
		}
		return b.String()
	}
	nmods := r.Intn(4)
	module := func(name string, refs []string) string {
		var b strings.Builder
		fmt.Fprintf(&b, "%s MODULE %s %s\n", strings.Repeat("-", 4+r.Intn(4)), name, strings.Repeat("-", 4+r.Intn(4)))
		r.Shuffle(len(refs), func(i, j int) { refs[i], refs[j] = refs[j], refs[i] })
		next := 0
		if n := r.Intn(min(3, len(refs)) + 1); n > 0 {
			ext := refs[:n]
			if name == "S" && !contains(ext, "TLC") {
				ext = append(ext, "TLC") // for PrintT
			}
			fmt.Fprintf(&b, "EXTENDS %s\n", strings.Join(ext, ", "))
			next = n
		} else if name == "S" {
			b.WriteString("EXTENDS TLC\n")
		}
		for k, m := range refs[next:min(len(refs), next+r.Intn(3))] {
			switch r.Intn(3) {
			case 0:
				fmt.Fprintf(&b, "LOCAL INSTANCE %s\n", m)
			case 1:
				fmt.Fprintf(&b, "%s_I%d == INSTANCE %s\n", name, k, m)
			default:
				fmt.Fprintf(&b, "%s_L%d == LET J == INSTANCE %s IN 1\n", name, k, m)
			}
		}
		b.WriteString(body(name))
		return b.String()
	}
	files := map[string]string{}
	var users []string
	for i := 0; i < nmods; i++ {
		users = append(users, fmt.Sprintf("M%d", i))
	}
	for i, m := range users {
		refs := append(append([]string{}, users[i+1:]...), std...)
		files[m+".tla"] = module(m, refs) + "====\n"
	}
	root := module("S", append(append([]string{}, users...), std...))
	if r.Intn(2) == 0 {
		root += "---- MODULE Inner ----\nCONSTANT IP\n" + body("Inner") + "====\n"
		root += fmt.Sprintf("II == INSTANCE Inner WITH IP <- %s\n", str())
	}
	cfg := "CONSTANTS\n"
	var consts []string
	for k := 0; k < r.Intn(3); k++ {
		c := fmt.Sprintf("K%d", k)
		consts = append(consts, c)
		switch r.Intn(3) {
		case 0:
			cfg += fmt.Sprintf("  %s = %s\n", c, str())
		case 1:
			cfg += fmt.Sprintf("  %s = %s\n", c, pick([]string{"mv1", "mv2", c}))
		default:
			cfg += fmt.Sprintf("  %s = {%s, %s, %s}\n", c, str(), pick([]string{"mv1", "mv2"}), str())
		}
	}
	if len(consts) > 0 {
		root += "CONSTANTS " + strings.Join(consts, ", ") + "\n"
		files["S.cfg"] = cfg
	} else {
		files["S.cfg"] = ""
	}
	probe := map[string]bool{}
	for len(probe) < 12 {
		probe[pick(strs)] = true
	}
	var ps []string
	for s := range probe {
		ps = append(ps, fmt.Sprintf("%q", s))
	}
	sort.Strings(ps)
	r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
	root += fmt.Sprintf("ASSUME PrintT(<<\"P1\", {%s}>>)\n", strings.Join(ps, ", "))
	root += fmt.Sprintf("ASSUME PrintT(<<\"P2\", CHOOSE e \\in {%s} : TRUE>>)\n", strings.Join(ps[:4], ", "))
	for _, c := range consts {
		root += fmt.Sprintf("ASSUME PrintT(<<\"P3\", %s>>)\n", c)
	}
	files["S.tla"] = root + "====\n"
	return files
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
