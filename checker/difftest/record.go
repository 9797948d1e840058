package difftest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Recorded disagreements (testdata): each is replayed by the tests without
// Java against TLC's recorded answer. Status "open" is a disagreement
// tlals still has (the test reports it, and fails once it agrees, so that
// it is marked "fixed"); "fixed" must agree.

// ExprCase is a recorded expression: testdata/exprs.tsv, one per line:
// status, class, expression, TLC's answer, tlals's answer when found.
type ExprCase struct {
	Status, Class, Expr string
	TLC, Tlals          Answer
}

func parseAnswer(s string) Answer {
	if rest, ok := strings.CutPrefix(s, "error: "); ok {
		return Answer{Err: true, Text: rest}
	}
	return Answer{Text: s}
}

// ReadExprCases reads path (none: no cases).
func ReadExprCases(path string) ([]ExprCase, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []ExprCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		c := strings.Split(l, "\t")
		if len(c) != 5 {
			return nil, fmt.Errorf("%s:%d: want 5 tab-separated columns, have %d", path, n, len(c))
		}
		out = append(out, ExprCase{Status: c[0], Class: c[1], Expr: c[2], TLC: parseAnswer(c[3]), Tlals: parseAnswer(c[4])})
	}
	return out, sc.Err()
}

const exprHeader = "# Expressions on which tlals and TLC disagreed (checker/difftest): status (open: still disagrees;\n# fixed: must agree), class, expression, TLC's answer, tlals's answer when found. Replayed by TestDiffReplay.\n"

// WriteExprCases writes the cases, sorted by class.
func WriteExprCases(path string, cases []ExprCase) error {
	sort.SliceStable(cases, func(i, j int) bool { return cases[i].Class < cases[j].Class })
	var b strings.Builder
	b.WriteString(exprHeader)
	for _, c := range cases {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\n", c.Status, oneLine(c.Class), oneLine(c.Expr), oneLine(c.TLC.String()), oneLine(c.Tlals.String()))
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func oneLine(s string) string { return strings.NewReplacer("\t", " ", "\n", " ").Replace(s) }

var (
	digitsRE = regexp.MustCompile(`-?\d+`)
	quoteRE  = regexp.MustCompile(`"[^"]*"`)
	identRE  = regexp.MustCompile(`\bx\d+(_\w+)?\b`)
)

// Class names a disagreement's kind, so that a long run keeps a few cases
// of each: which side failed and how (numbers, strings and bound names
// blurred), or, for two values, the text around the first difference.
func Class(tlals, tlc Answer) string {
	blur := func(s string, n int) string {
		s = quoteRE.ReplaceAllString(s, `"s"`)
		s = digitsRE.ReplaceAllString(s, "9")
		s = identRE.ReplaceAllString(s, "x")
		if len(s) > n {
			s = s[:n]
		}
		return s
	}
	switch {
	case tlals.Err && !tlc.Err:
		return "tlals-error: " + blur(tlals.Text, 60)
	case !tlals.Err && tlc.Err:
		return "tlc-error: " + blur(tlc.Text, 60)
	}
	a, b := tlals.Text, tlc.Text
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-6)
	return "value: " + blur(a[lo:min(len(a), i+6)], 20) + " | " + blur(b[lo:min(len(b), i+6)], 20)
}

// SpecCase is a recorded spec: testdata/specs/NAME.json.
type SpecCase struct {
	Status string     `json:"status"`
	Class  string     `json:"class"`
	Spec   string     `json:"spec"`
	Config string     `json:"config"`
	TLC    SpecAnswer `json:"tlc"`
	Tlals  SpecAnswer `json:"tlalsWhenFound"`
}

// ReadSpecCases reads dir/*.json, by file name.
func ReadSpecCases(dir string) (map[string]SpecCase, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	out := map[string]SpecCase{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var c SpecCase
		if err := json.Unmarshal(data, &c); err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = c
	}
	return out, nil
}

// WriteSpecCase writes dir/name.json.
func WriteSpecCase(dir, name string, c SpecCase) error {
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name+".json"), append(data, '\n'), 0o644)
}

// SpecClass names a spec disagreement's kind.
func SpecClass(ours, theirs SpecAnswer) string {
	if ours.Kind != theirs.Kind {
		m := ours.Message
		if ours.Kind == "ok" || ours.Kind == "invariant" || ours.Kind == "deadlock" {
			m = theirs.Message
		}
		m = digitsRE.ReplaceAllString(quoteRE.ReplaceAllString(m, `"s"`), "9")
		if len(m) > 50 {
			m = m[:50]
		}
		return ours.Kind + " vs TLC " + theirs.Kind + ": " + m
	}
	switch {
	case ours.Kind == "ok":
		return "ok: counts differ"
	case len(ours.Trace) != len(theirs.Trace):
		return ours.Kind + ": trace length differs"
	}
	return ours.Kind + ": trace states differ"
}
