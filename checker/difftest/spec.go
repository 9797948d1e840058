package difftest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tlals/tlals/checker"
)

// specModule is the generated spec's module name.
const specModule = "DiffSpec"

// Spec generates a small random spec: a few variables over bounded
// domains, Init, a Next of a few actions (guards, \E, IF, CASE,
// UNCHANGED) and an invariant. Its configuration is SpecConfig.
func (g *Gen) Spec() string {
	g.scope, g.fresh = nil, 0
	nv := 1 + g.n(3)
	type v struct {
		name string
		t    *typ
	}
	kinds := []*typ{intT, intT, strT, boolT, setOf(intT), seqOf(intT), recOf([]string{"fa", "fb"}, []*typ{intT, strT}), gFunT}
	var vs []v
	for i := 0; i < nv; i++ {
		vs = append(vs, v{fmt.Sprintf("v%d", i+1), kinds[g.n(len(kinds))]})
	}
	names := make([]string, nv)
	for i, x := range vs {
		names[i] = x.name
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---- MODULE %s ----\nEXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, Bags\n", specModule)
	fmt.Fprintf(&b, "VARIABLES %s\nvars == <<%s>>\n", strings.Join(names, ", "), strings.Join(names, ", "))
	// Init: each variable from a small set of literals
	b.WriteString("Init ==")
	for _, x := range vs {
		fmt.Fprintf(&b, "\n  /\\ %s \\in %s", x.name, g.domainLit(x.t))
	}
	b.WriteString("\n")
	for _, x := range vs {
		g.scope = append(g.scope, binding{x.name, x.t})
	}
	mod := 4 + g.n(3)
	// a function definition over the state, G[x \in 0..2] == ... v ...,
	// used in expressions as a value (applied, printed, compared, stored
	// in a variable of its type)
	hasG := false
	for _, x := range vs {
		hasG = hasG || x.t == gFunT
	}
	if hasG || g.chance(0.3) {
		x := g.name()
		body := g.with(x, intT, func() string { return g.expr(intT, 1) })
		w := vs[g.n(len(vs))]
		fmt.Fprintf(&b, "G[%s \\in 0..2] == (%s + %s + %s) %% %d\n", x, x, asInt(w.name, w.t, x), body, mod)
		g.scope = append(g.scope, binding{"G", gFunT})
	}
	// next value of a variable of type t, kept in a bounded domain
	next := func(x v, d int) string {
		switch x.t.kind {
		case tInt:
			return fmt.Sprintf("(%s) %% %d", g.expr(intT, d), mod)
		case tStr:
			return fmt.Sprintf("IF %s THEN %s ELSE %s", g.expr(boolT, d), g.leaf(strT), g.leaf(strT))
		case tBool:
			return g.expr(boolT, d)
		case tSet:
			return fmt.Sprintf("(%s \\cup {(%s) %% 3}) \\cap 0..2", []string{x.name, "{}", "(" + x.name + " \\ {" + fmt.Sprint(g.n(3)) + "})"}[g.n(3)], g.expr(intT, d))
		case tSeq:
			return fmt.Sprintf("IF Len(%s) < 2 THEN Append(%s, (%s) %% 3) ELSE Tail(%s)", x.name, x.name, g.expr(intT, d), x.name)
		case tRec:
			return fmt.Sprintf("[%s EXCEPT !.fa = (%s) %% %d, !.fb = %s]", x.name, g.expr(intT, d), mod, g.leaf(strT))
		case tFun:
			return fmt.Sprintf("IF %s THEN G ELSE [%s EXCEPT ![(%s) %% 3] = (@ + %s) %% %d]", g.expr(boolT, d), x.name, g.expr(intT, d), g.expr(intT, d), mod)
		}
		panic("type")
	}
	// an action assigns some variables and leaves the others unchanged
	assign := func(d int) string {
		var parts, same []string
		for _, x := range vs {
			if g.chance(g.ErrorRate / 2) {
				continue // not assigned: TLC's "not completely specified"
			}
			if g.chance(0.6) {
				parts = append(parts, fmt.Sprintf("%s' = (%s)", x.name, next(x, d)))
			} else {
				same = append(same, x.name)
			}
		}
		if len(parts) == 0 && len(same) == 0 {
			return "TRUE"
		}
		if len(same) > 0 {
			parts = append(parts, g.unchanged(same))
		}
		// a condition on a variable's new value, after its assignment
		if len(parts) > 0 && g.chance(0.15) {
			x := vs[g.n(len(vs))]
			for _, p := range parts {
				if strings.HasPrefix(p, x.name+"' = ") {
					parts = append(parts, fmt.Sprintf("%s' # %s", x.name, g.leaf(x.t)))
					break
				}
			}
		}
		return "(" + strings.Join(parts, " /\\ ") + ")"
	}
	na := 1 + g.n(4)
	var acts []string
	for i := 0; i < na; i++ {
		name := fmt.Sprintf("A%d", i+1)
		acts = append(acts, name)
		var body string
		switch g.n(5) {
		case 0:
			body = fmt.Sprintf("%s /\\ %s", g.expr(boolT, 1), assign(1))
		case 1:
			x := g.name()
			set := fmt.Sprintf("0..%d", 1+g.n(2))
			body = fmt.Sprintf("\\E %s \\in %s : %s", x, set, g.with(x, intT, func() string { return assign(1) }))
		case 2:
			body = fmt.Sprintf("IF %s THEN %s ELSE %s", g.expr(boolT, 1), assign(1), assign(1))
		case 3:
			body = fmt.Sprintf("CASE %s -> %s [] %s -> %s [] OTHER -> %s", g.expr(boolT, 1), assign(1), g.expr(boolT, 1), assign(1), assign(1))
		default:
			body = fmt.Sprintf("%s \\/ %s", assign(1), assign(1))
		}
		fmt.Fprintf(&b, "%s ==\n  %s\n", name, body)
	}
	fmt.Fprintf(&b, "Next == %s\n", strings.Join(acts, " \\/ "))
	// mostly true, and about the variables (TLC rejects an invariant that
	// is a constant FALSE before the search)
	w := vs[g.n(len(vs))]
	fmt.Fprintf(&b, "Inv == %s \\/ %s # %s\n", g.expr(boolT, 2), w.name, g.leaf(w.t))
	// an invariant that some action is enabled; a state constraint; an
	// action constraint over old and new values; no deadlock check
	if g.chance(0.15) {
		fmt.Fprintf(&b, "InvE == ENABLED %s \\/ %s\n", acts[g.n(len(acts))], g.expr(boolT, 1))
	}
	if g.chance(0.15) {
		fmt.Fprintf(&b, "SC == %s\n", g.expr(boolT, 1))
	}
	if g.chance(0.15) {
		x := vs[g.n(len(vs))]
		fmt.Fprintf(&b, "AC == %s' # %s \\/ %s\n", x.name, x.name, g.expr(boolT, 1))
	}
	if g.chance(0.2) {
		b.WriteString(noDeadlock + "\n")
	}
	b.WriteString("====\n")
	g.scope = nil
	return b.String()
}

// SpecConfig is the generated specs' configuration, SpecConfigFor adds
// what a spec asks for.
const SpecConfig = "INIT Init\nNEXT Next\nINVARIANT Inv\n"

// noDeadlock marks a spec checked without deadlock checking.
const noDeadlock = "\\* no deadlock check"

// SpecConfigFor is the configuration of the generated spec text: the
// invariant InvE, the state constraint SC and the action constraint AC
// when it defines them, no deadlock check when it says so.
func SpecConfigFor(text string) string {
	cfg := SpecConfig
	for _, c := range []struct{ def, line string }{
		{"\nInvE ==", "INVARIANT InvE\n"},
		{"\nSC ==", "CONSTRAINT SC\n"},
		{"\nAC ==", "ACTION_CONSTRAINT AC\n"},
		{"\n" + noDeadlock + "\n", "CHECK_DEADLOCK FALSE\n"},
	} {
		if strings.Contains(text, c.def) {
			cfg += c.line
		}
	}
	return cfg
}

// unchanged says the variables keep their values: UNCHANGED of a tuple,
// of a nested tuple, or one UNCHANGED each.
func (g *Gen) unchanged(vs []string) string {
	switch {
	case len(vs) > 1 && g.chance(0.2):
		return "UNCHANGED <<" + vs[0] + ", <<" + strings.Join(vs[1:], ", ") + ">>>>"
	case len(vs) > 1 && g.chance(0.2):
		parts := make([]string, len(vs))
		for i, v := range vs {
			parts[i] = "UNCHANGED " + v
		}
		return strings.Join(parts, " /\\ ")
	case len(vs) == 1 && g.chance(0.5):
		return "UNCHANGED " + vs[0]
	}
	return "UNCHANGED <<" + strings.Join(vs, ", ") + ">>"
}

// domainLit is a small set of initial values of type t.
func (g *Gen) domainLit(t *typ) string {
	switch t.kind {
	case tInt:
		return fmt.Sprintf("0..%d", g.n(3))
	case tStr:
		return `{"u1", "u2"}`
	case tBool:
		return "BOOLEAN"
	case tSet:
		return "{{}, {1}}"
	case tSeq:
		return "{<<>>, <<0>>}"
	case tRec:
		return `{[fa |-> 0, fb |-> "u1"]}`
	case tFun:
		return `{[x \in 0..2 |-> 0]}`
	}
	panic("type")
}

// asInt is an integer made from variable v of type t (k: an integer in
// 0..2).
func asInt(v string, t *typ, k string) string {
	switch t.kind {
	case tStr:
		return fmt.Sprintf("Len(%s)", v)
	case tBool:
		return fmt.Sprintf("(IF %s THEN 1 ELSE 0)", v)
	case tSet:
		return fmt.Sprintf("Cardinality(%s)", v)
	case tSeq:
		return fmt.Sprintf("Len(%s)", v)
	case tRec:
		return v + ".fa"
	case tFun:
		return fmt.Sprintf("%s[%s]", v, k)
	}
	return v
}

// gFunT is the type of the spec's function G and of variables holding it.
var gFunT = funOf(intT, intT)

// SpecAnswer is a model checking result, reduced to what both checkers
// print: the kind of outcome, counts, and the trace's states.
type SpecAnswer struct {
	Kind     string // ok, invariant, deadlock, error, spec-error
	Distinct int64
	Depth    int
	Trace    []string // each state: "v1 = ... /\ v2 = ..."
	Message  string
}

func (a SpecAnswer) String() string {
	s := fmt.Sprintf("%s, %d distinct, depth %d, trace %d", a.Kind, a.Distinct, a.Depth, len(a.Trace))
	if a.Message != "" {
		s += ": " + a.Message
	}
	return s
}

// SpecDiff says how two answers differ ("" when they agree): the same
// kind; for ok the same distinct states and depth; for a violation the
// same trace, state by state; for an error a trace of the same length.
func SpecDiff(ours, theirs SpecAnswer) string {
	if ours.Kind != theirs.Kind {
		return "outcome " + ours.Kind + ", TLC " + theirs.Kind
	}
	switch ours.Kind {
	case "ok":
		if ours.Distinct != theirs.Distinct || ours.Depth != theirs.Depth {
			return fmt.Sprintf("%d distinct, depth %d; TLC %d distinct, depth %d", ours.Distinct, ours.Depth, theirs.Distinct, theirs.Depth)
		}
	case "invariant", "deadlock":
		if len(ours.Trace) != len(theirs.Trace) {
			return fmt.Sprintf("trace of %d states, TLC %d", len(ours.Trace), len(theirs.Trace))
		}
		for i := range ours.Trace {
			if ours.Trace[i] != theirs.Trace[i] {
				return fmt.Sprintf("state %d of the trace: %s; TLC %s", i+1, ours.Trace[i], theirs.Trace[i])
			}
		}
	case "error":
		if len(ours.Trace) != len(theirs.Trace) {
			return fmt.Sprintf("error after a trace of %d states, TLC %d", len(ours.Trace), len(theirs.Trace))
		}
	}
	return ""
}

// TlalsCheck checks the spec with tlals's checker, as `tlals check
// -workers 1` does.
func TlalsCheck(dir, text, cfg string) SpecAnswer {
	tla := filepath.Join(dir, specModule+".tla")
	cfgPath := filepath.Join(dir, specModule+".cfg")
	if err := os.WriteFile(tla, []byte(text), 0o644); err != nil {
		return SpecAnswer{Kind: "error", Message: err.Error()}
	}
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		return SpecAnswer{Kind: "error", Message: err.Error()}
	}
	m, err := checker.LoadModel(tla, cfgPath, nil)
	if err != nil {
		return SpecAnswer{Kind: "spec-error", Message: err.Error()}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := checker.Check(ctx, m, checker.Options{Workers: 1, Timeout: 60 * time.Second})
	if res == nil {
		return SpecAnswer{Kind: "error", Message: fmt.Sprint(err)}
	}
	a := SpecAnswer{Distinct: res.DistinctStates, Depth: res.Depth, Message: firstLine(res.Message)}
	switch res.Outcome {
	case checker.OutcomeOK, checker.OutcomeInvariant, checker.OutcomeDeadlock:
		a.Kind = res.Outcome
	case checker.OutcomeBound:
		a.Kind = "timeout"
	default:
		a.Kind = "error"
		if specRejected(res.ExitCode) {
			a.Kind = "spec-error"
		}
	}
	for _, st := range res.Trace {
		parts := make([]string, len(st.State))
		for i, v := range st.State {
			parts[i] = v.Name + " = " + fold(v.Value)
		}
		a.Trace = append(a.Trace, strings.Join(parts, " /\\ "))
	}
	return a
}

var (
	countsRE = regexp.MustCompile(`([\d,]+) states generated, ([\d,]+) distinct states found`)
	depthRE  = regexp.MustCompile(`The depth of the complete state graph search is (\d+)\.`)
	stateRE  = regexp.MustCompile(`^State \d+: `)
)

// TLCCheck checks the spec with TLC (tlc2.TLC -workers 1).
func (t *TLC) TLCCheck(ctx context.Context, text, cfg string) (SpecAnswer, error) {
	dir, err := os.MkdirTemp(t.Dir, "spec")
	if err != nil {
		return SpecAnswer{}, err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, specModule+".tla"), []byte(text), 0o644); err != nil {
		return SpecAnswer{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, specModule+".cfg"), []byte(cfg), 0o644); err != nil {
		return SpecAnswer{}, err
	}
	out, err := t.tlcRun(ctx, dir, specModule)
	if ctx.Err() != nil {
		return SpecAnswer{}, ctx.Err()
	}
	a := parseTLCCheck(out)
	var ee *exec.ExitError
	if errors.As(err, &ee) && a.Kind == "error" && specRejected(ee.ExitCode()) {
		// the model is rejected before the search, as tlals's answer
		// says by the same exit code
		a.Kind = "spec-error"
	}
	return a, nil
}

// specRejected: TLC's exit codes for a spec or model rejected before the
// search (EC.ExitStatus ERROR_SPEC_PARSE, ERROR_CONFIG_PARSE).
func specRejected(code int) bool {
	return code == checker.ExitErrorSpecParse || code == checker.ExitErrorConfigParse
}

func num(s string) int64 {
	n, _ := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
	return n
}

func parseTLCCheck(out string) SpecAnswer {
	var a SpecAnswer
	if m := countsRE.FindAllStringSubmatch(out, -1); m != nil {
		a.Distinct = num(m[len(m)-1][2])
	}
	if m := depthRE.FindStringSubmatch(out); m != nil {
		a.Depth = int(num(m[1]))
	}
	lines := strings.Split(out, "\n")
	var cur []string
	inState := false
	flush := func() {
		if inState {
			a.Trace = append(a.Trace, strings.Join(cur, " /\\ "))
		}
		cur, inState = nil, false
	}
	for _, l := range lines {
		l = strings.TrimRight(l, "\r")
		switch {
		case stateRE.MatchString(l), strings.HasSuffix(l, "is violated by the initial state:"), l == "While working on the initial state:":
			flush()
			inState = true
		case inState && strings.HasPrefix(l, "/\\ "):
			cur = append(cur, fold(l[3:]))
		case inState && strings.TrimSpace(l) == "":
			flush()
		case inState && len(cur) > 0 && strings.HasPrefix(l, " "):
			cur[len(cur)-1] = fold(cur[len(cur)-1] + " " + l)
		case inState && !strings.HasPrefix(l, "/\\"):
			// a one-variable state prints "x = 1" without "/\ "
			if strings.Contains(l, " = ") && len(cur) == 0 {
				cur = append(cur, fold(l))
			} else {
				flush()
			}
		}
	}
	flush()
	switch {
	case strings.Contains(out, "Model checking completed. No error has been found."):
		a.Kind = "ok"
	case strings.Contains(out, "Parsing or semantic analysis failed") || strings.Contains(out, "***Parse Error***"):
		a.Kind = "spec-error"
	case regexp.MustCompile(`Error: Invariant \w+ is violated`).MatchString(out):
		a.Kind = "invariant"
	case strings.Contains(out, "Error: Deadlock reached."):
		a.Kind = "deadlock"
	default:
		a.Kind = "error"
	}
	if i := strings.Index(out, "***Parse Error***"); i >= 0 {
		a.Message = "Parse Error: " + firstLine(out[i+len("***Parse Error***"):])
	} else if i := strings.Index(out, "Semantic errors:"); i >= 0 {
		a.Message = "Semantic errors: " + firstLine(strings.TrimLeft(out[i+len("Semantic errors:"):], "\n *0123456789Errors:"))
	} else if i := strings.Index(out, "Error: "); i >= 0 {
		a.Message = firstLine(out[i+len("Error: "):])
		if a.Kind == "error" {
			// TLC's first line is often generic; the next one says what failed
			rest := out[i:]
			if j := strings.IndexByte(rest, '\n'); j >= 0 {
				if n := firstLine(rest[j+1:]); n != "" && !strings.HasPrefix(n, "Error:") {
					a.Message += " " + n
				}
			}
		}
	}
	return a
}
