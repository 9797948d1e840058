package difftest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/checker/eval"
)

// Answer is one side's answer for an expression: its value printed as TLC
// prints it (whitespace runs folded to one space), or an error.
type Answer struct {
	Err  bool
	Text string // the value, or the error message
}

func (a Answer) String() string {
	if a.Err {
		return "error: " + a.Text
	}
	return a.Text
}

// Agree: the same printed value, or errors on both sides. The values are
// compared without layout: TLC pretty-prints a long value over several
// lines ("[ fa |-> 1,\n  fb |-> 2 ]"), with a space inside the brackets,
// where tlals prints one line (a known difference of its own).
func Agree(a, b Answer) bool {
	if a.Err || b.Err {
		return a.Err && b.Err
	}
	return Layout(a.Text) == Layout(b.Text)
}

var (
	openSpaceRE  = regexp.MustCompile(`(<<|\[|\{|\() `)
	closeSpaceRE = regexp.MustCompile(` (>>|\]|\}|\))`)
)

// Layout drops the spaces TLC's multi-line layout puts inside brackets.
func Layout(s string) string {
	s = fold(s)
	s = openSpaceRE.ReplaceAllString(s, "$1")
	return closeSpaceRE.ReplaceAllString(s, "$1")
}

var spaces = regexp.MustCompile(`\s+`)

func fold(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

const exprModule = "DiffExprs"

// ExprModule is the module holding the batch: E1 == ..., En == ..., then
// one ASSUME per expression (TLC evaluates those). Both sides read the same
// text, so TLC's order of strings (first occurrence) is the same. Only the
// assumptions of the expressions in run are written (the others stay
// defined, to keep that order).
func ExprModule(exprs []string, run []int) (text string, assumeLine map[int]int) {
	var b strings.Builder
	b.WriteString("---- MODULE " + exprModule + " ----\n")
	b.WriteString("EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, Bags\n")
	b.WriteString("VARIABLE dtvar\nInit == dtvar = 0\nNext == UNCHANGED dtvar\n")
	line := 6
	for i, e := range exprs {
		fmt.Fprintf(&b, "E%d == %s\n", i+1, e)
		line++
	}
	assumeLine = map[int]int{}
	for _, i := range run {
		fmt.Fprintf(&b, "ASSUME PrintT(\"@@%d\") /\\ PrintT(E%d)\n", i+1, i+1)
		assumeLine[line] = i
		line++
	}
	b.WriteString("====\n")
	return b.String(), assumeLine
}

// TlalsEval evaluates the expressions with tlals's evaluator, as one
// module (see ExprModule); an expression the module cannot hold (it does
// not parse) is evaluated alone.
func TlalsEval(exprs []string) []Answer {
	out := make([]Answer, len(exprs))
	text, _ := ExprModule(exprs, nil)
	if ans, ok := tlalsModule(text, len(exprs)); ok {
		return ans
	}
	for i, e := range exprs {
		t, _ := ExprModule([]string{e}, nil)
		a, ok := tlalsModule(t, 1)
		if !ok {
			out[i] = a[0]
			continue
		}
		out[i] = a[0]
	}
	return out
}

// tlalsModule evaluates E1..En of text; ok is false when the module does
// not parse or compile (every answer is then that error).
func tlalsModule(text string, n int) (ans []Answer, ok bool) {
	ans = make([]Answer, n)
	fail := func(msg string) ([]Answer, bool) {
		for i := range ans {
			ans[i] = Answer{Err: true, Text: msg}
		}
		return ans, false
	}
	defer eval.BeginRun()()
	l := analysis.NewLoader()
	l.RecordLevels = true
	ap := l.Load(context.Background(), exprModule+".tla", []byte(text))
	if ap.Root == nil || len(ap.Root.SyntaxErrors) > 0 {
		msg := "no module"
		if ap.Root != nil {
			msg = ap.Root.SyntaxErrors[0].Message
		} else if ds := ap.Diagnostics(); len(ds) > 0 {
			msg = ds[0].Message
		}
		return fail("parse: " + msg)
	}
	prog, err := eval.NewProgram(ap.Root, eval.ModulesOf(ap), nil, nil)
	if err != nil {
		return fail(err.Error())
	}
	for i := range ans {
		ans[i] = evalDef(prog, fmt.Sprintf("E%d", i+1))
	}
	return ans, true
}

func evalDef(prog *eval.Program, name string) (a Answer) {
	defer func() { // a panic is a disagreement to report, not a crash
		if r := recover(); r != nil {
			a = Answer{Err: true, Text: fmt.Sprintf("panic: %v", r)}
		}
	}()
	e, err := prog.DefExpr(name)
	if err != nil {
		return Answer{Err: true, Text: err.Error()}
	}
	ce, err := prog.Compile(e)
	if err != nil {
		return Answer{Err: true, Text: err.Error()}
	}
	done := make(chan Answer, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- Answer{Err: true, Text: fmt.Sprintf("panic: %v", r)}
			}
		}()
		v, err := ce.Eval(prog.NewCtx(), nil, nil)
		if err != nil {
			done <- Answer{Err: true, Text: err.Error()}
			return
		}
		done <- Answer{Text: fold(eval.Format(v))}
	}()
	select {
	case a := <-done:
		return a
	case <-time.After(20 * time.Second):
		return Answer{Err: true, Text: "timeout: evaluation took over 20s"}
	}
}

// TLC runs the reference TLC from a jar.
type TLC struct {
	Jar string // tla2tools.jar
	Dir string // scratch directory
}

// FindTLC returns the reference TLC beside the repository
// (../shared/tools/tla2tools.jar; TLALS_TLC_JAR overrides) when Java and
// the jar are present.
func FindTLC() (*TLC, string) {
	if _, err := exec.LookPath("java"); err != nil {
		return nil, "java not found"
	}
	if jar := os.Getenv("TLALS_TLC_JAR"); jar != "" {
		return &TLC{Jar: jar}, ""
	}
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			jar := filepath.Join(filepath.Dir(dir), "shared", "tools", "tla2tools.jar")
			if _, err := os.Stat(jar); err != nil {
				return nil, jar + " not found"
			}
			return &TLC{Jar: jar}, ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, "go.mod not found"
		}
		dir = parent
	}
}

func (t *TLC) java(ctx context.Context, dir string, stdin string, args ...string) (string, error) {
	full := append([]string{"-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-Xss16m", "-cp", t.Jar}, args...)
	cmd := exec.CommandContext(ctx, "java", full...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// tlcRun runs tlc2.TLC on dir/name.tla with dir/name.cfg.
func (t *TLC) tlcRun(ctx context.Context, dir, name string) (string, error) {
	meta, err := os.MkdirTemp(dir, "meta")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(meta)
	return t.java(ctx, dir, "", "tlc2.TLC", "-workers", "1", "-metadir", meta, "-noGenerateSpecTE", "-config", name+".cfg", name+".tla")
}

var (
	assumeErrRE = regexp.MustCompile(`Error: Evaluating assumption line (\d+), col \d+ to line \d+, col \d+ of module ` + exprModule + ` failed\.`)
	markerRE    = regexp.MustCompile(`^"@@(\d+)"$`)
)

// tlcMessage reports whether a line of TLC's output is one of its own
// messages rather than printed values.
func tlcMessage(l string) bool {
	for _, p := range []string{"Error:", "Computing initial states", "Finished", "Model checking", "Starting", "Progress", "Checking", "Warning:", "The depth", "Implied-temporal", "Parsing", "Semantic", "Linting", "TLC2", "Running", "Finished computing", "States", "The number of", "1 states", "0 states"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// TLCEval evaluates exprs with TLC. Expressions tlals could not evaluate
// (hint[i].Err) go to TLC's REPL, one JVM for all of them, which goes on
// after an error; the others are assumptions of one module, and TLC, which
// stops at the first failing assumption, runs again after it.
func (t *TLC) TLCEval(ctx context.Context, exprs []string, hint []Answer, only ...int) ([]Answer, error) {
	out := make([]Answer, len(exprs))
	var batch, repl []int
	for i := range exprs {
		if only != nil && !slices.Contains(only, i) {
			continue
		}
		if hint != nil && hint[i].Err {
			repl = append(repl, i)
		} else {
			batch = append(batch, i)
		}
	}
	dir, err := os.MkdirTemp(t.Dir, "exprs")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, exprModule+".cfg"), []byte("INIT Init\nNEXT Next\n"), 0o644); err != nil {
		return nil, err
	}
	for len(batch) > 0 {
		text, lines := ExprModule(exprs, batch)
		if err := os.WriteFile(filepath.Join(dir, exprModule+".tla"), []byte(text), 0o644); err != nil {
			return nil, err
		}
		res, err := t.tlcRun(ctx, dir, exprModule)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		got := parseBatch(res)
		failed := -1
		if m := assumeErrRE.FindStringSubmatchIndex(res); m != nil {
			l, _ := strconv.Atoi(res[m[2]:m[3]])
			if i, ok := lines[l]; ok {
				failed = i
				out[i] = Answer{Err: true, Text: firstLine(res[m[1]:])}
			}
		}
		if failed < 0 && len(got) == 0 {
			if strings.Contains(res, "Parsing or semantic analysis failed") || strings.Contains(res, "Parse Error") {
				return nil, errBatchParse
			}
			return nil, fmt.Errorf("tlc: %v\n%s", err, res)
		}
		var rest []int
		for k, i := range batch {
			if i == failed {
				rest = batch[k+1:]
				break
			}
			if a, ok := got[i]; ok {
				out[i] = a
			} else {
				out[i] = Answer{Err: true, Text: "(no value printed)"}
			}
		}
		batch = rest
	}
	if len(repl) > 0 {
		ans, err := t.REPL(ctx, dir, exprs, repl)
		if err != nil {
			return nil, err
		}
		for k, i := range repl {
			out[i] = ans[k]
			if ans[k].Err {
				continue
			}
			// TLC's REPL orders strings by its whole session: confirm a
			// value in the module (a failing assumption is an error)
			a, err := t.TLCEval(ctx, exprs, nil, i)
			if err != nil {
				return nil, err
			}
			out[i] = a[i]
		}
	}
	return out, nil
}

// errBatchParse: TLC rejected the batch module (an expression does not
// parse or is not well-formed for SANY).
var errBatchParse = fmt.Errorf("tlc: the batch module does not parse")

// REPL evaluates exprs[i] for i in idx with TLC's REPL (tlc2.REPL), which
// goes on after an error.
func (t *TLC) REPL(ctx context.Context, dir string, exprs []string, idx []int) ([]Answer, error) {
	var in strings.Builder
	for _, i := range idx {
		in.WriteString(exprs[i] + "\n")
	}
	res, _ := t.java(ctx, dir, in.String(), "tlc2.REPL")
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	chunks := strings.Split(res, "(tla+) ")
	if len(chunks) < len(idx)+1 {
		return nil, fmt.Errorf("tlc REPL: %d answers for %d expressions:\n%s", len(chunks)-1, len(idx), res)
	}
	out := make([]Answer, len(idx))
	for k := range idx {
		c := strings.TrimSpace(chunks[k+1])
		switch {
		case strings.HasPrefix(c, "Error evaluating expression"):
			msg := c
			if j := strings.IndexByte(c, '\n'); j >= 0 {
				msg = strings.TrimSpace(c[j+1:])
			}
			out[k] = Answer{Err: true, Text: fold(msg)}
		case c == "":
			out[k] = Answer{Err: true, Text: "(no answer)"}
		default:
			out[k] = Answer{Text: fold(c)}
		}
	}
	return out, nil
}

// ParseError: TLC's REPL answer for an expression SANY rejects.
func ParseError(a Answer) bool {
	return a.Err && (strings.Contains(a.Text, "Could not parse") || strings.Contains(a.Text, "Parsing or semantic analysis failed") || strings.Contains(a.Text, "Semantic"))
}

// ExprResult is one expression and both answers.
type ExprResult struct {
	Expr       string
	Tlals, TLC Answer
}

// CompareExprs evaluates exprs on both sides. Expressions TLC's parser
// rejects are answered as errors by TLC, and the rest compared again
// without them (both sides read the same module text).
func (t *TLC) CompareExprs(ctx context.Context, exprs []string) ([]ExprResult, error) {
	ours := TlalsEval(exprs)
	theirs, err := t.TLCEval(ctx, exprs, ours)
	if err == errBatchParse {
		dir, err := os.MkdirTemp(t.Dir, "repl")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		all := make([]int, len(exprs))
		for i := range all {
			all[i] = i
		}
		ans, err := t.REPL(ctx, dir, exprs, all)
		if err != nil {
			return nil, err
		}
		var keep []string
		var out []ExprResult
		for i, a := range ans {
			if ParseError(a) {
				one := TlalsEval([]string{exprs[i]})
				out = append(out, ExprResult{Expr: exprs[i], Tlals: one[0], TLC: a})
			} else {
				keep = append(keep, exprs[i])
			}
		}
		if len(keep) == len(exprs) {
			return nil, fmt.Errorf("tlc rejects the batch but its REPL parses every expression")
		}
		rest, err := t.CompareExprs(ctx, keep)
		if err != nil {
			return nil, err
		}
		return append(out, rest...), nil
	}
	if err != nil {
		return nil, err
	}
	out := make([]ExprResult, len(exprs))
	for i := range exprs {
		out[i] = ExprResult{Expr: exprs[i], Tlals: ours[i], TLC: theirs[i]}
	}
	return out, nil
}

func firstLine(s string) string {
	s = strings.TrimLeft(s, "\n")
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// parseBatch collects the values printed after each "@@i" marker.
func parseBatch(out string) map[int]Answer {
	got := map[int]Answer{}
	cur := -1
	var val []string
	flush := func() {
		if cur >= 0 && len(val) > 0 {
			got[cur] = Answer{Text: fold(strings.Join(val, " "))}
		}
		cur, val = -1, nil
	}
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimRight(l, "\r")
		if m := markerRE.FindStringSubmatch(l); m != nil {
			flush()
			n, _ := strconv.Atoi(m[1])
			cur = n - 1
			continue
		}
		if cur >= 0 {
			if tlcMessage(l) {
				flush()
				continue
			}
			val = append(val, l)
		}
	}
	flush()
	return got
}
