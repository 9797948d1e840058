package difftest

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"
)

const (
	exprCasesPath = "testdata/exprs.tsv"
	specCasesDir  = "testdata/specs"
)

// TestDiffReplay replays the recorded disagreements without Java: an open
// case must still disagree with TLC's recorded answer (the list only
// shrinks: mark it fixed when it agrees), a fixed one must agree.
func TestDiffReplay(t *testing.T) {
	cases, err := ReadExprCases(exprCasesPath)
	if err != nil {
		t.Fatal(err)
	}
	open := 0
	for _, c := range cases {
		ours := TlalsEval([]string{c.Expr})[0]
		agree := Agree(ours, c.TLC)
		switch {
		case c.Status == "fixed" && !agree:
			t.Errorf("regression: %s\n  tlals: %s\n  TLC:   %s", c.Expr, ours, c.TLC)
		case c.Status == "open" && agree:
			t.Errorf("agrees now: mark it fixed in %s: %s", exprCasesPath, c.Expr)
		case c.Status == "open":
			open++
			t.Logf("open [%s]: %s\n  tlals: %s\n  TLC:   %s", c.Class, c.Expr, ours, c.TLC)
		case c.Status != "fixed":
			t.Errorf("%s: status %q, want open or fixed", c.Expr, c.Status)
		}
	}
	specs, err := ReadSpecCases(specCasesDir)
	if err != nil {
		t.Fatal(err)
	}
	names := sortedKeys(specs)
	for _, name := range names {
		c := specs[name]
		ours := TlalsCheck(t.TempDir(), c.Spec, c.Config)
		diff := SpecDiff(ours, c.TLC)
		switch {
		case c.Status == "fixed" && diff != "":
			t.Errorf("regression: spec %s: %s\n  tlals: %s\n  TLC:   %s", name, diff, ours, c.TLC)
		case c.Status == "open" && diff == "":
			t.Errorf("agrees now: mark spec %s fixed in %s", name, specCasesDir)
		case c.Status == "open":
			open++
			t.Logf("open spec %s [%s]: %s", name, c.Class, diff)
		case c.Status != "fixed":
			t.Errorf("spec %s: status %q, want open or fixed", name, c.Status)
		}
	}
	t.Logf("difftest replay: %d expressions, %d specs, %d open disagreements", len(cases), len(specs), open)
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// session compares generated inputs with TLC and keeps the disagreements.
type session struct {
	t        *testing.T
	tlc      *TLC
	record   bool // write new disagreements to testdata
	perClass int  // keep at most this many cases of a class (0: all)
	strict   bool // fail on a disagreement not recorded yet

	mu        sync.Mutex
	exprs     []ExprCase
	knownExpr map[string]bool
	specs     map[string]SpecCase
	knownSpec map[string]bool
	classes   map[string]int // every disagreement seen, by class
	examples  map[string]string
	compared  int
	disagree  int
	dirty     bool
}

func newSession(t *testing.T) *session {
	tlc, why := FindTLC()
	if tlc == nil {
		t.Skip(why)
	}
	tlc.Dir = t.TempDir()
	s := &session{t: t, tlc: tlc, knownExpr: map[string]bool{}, knownSpec: map[string]bool{}, classes: map[string]int{}, examples: map[string]string{}}
	s.record = os.Getenv("TLALS_DIFFTEST_RECORD") != ""
	var err error
	if s.exprs, err = ReadExprCases(exprCasesPath); err != nil {
		t.Fatal(err)
	}
	for _, c := range s.exprs {
		s.knownExpr[c.Expr] = true
	}
	if s.specs, err = ReadSpecCases(specCasesDir); err != nil {
		t.Fatal(err)
	}
	for _, c := range s.specs {
		s.knownSpec[c.Spec] = true
	}
	return s
}

func (s *session) countClass(class string) int {
	n := 0
	for _, c := range s.exprs {
		if c.Class == class {
			n++
		}
	}
	for _, c := range s.specs {
		if c.Class == class {
			n++
		}
	}
	return n
}

// exprs compares a batch; a disagreement is kept only when it holds for
// the expression alone too (the replay evaluates it alone).
func (s *session) exprBatch(ctx context.Context, exprs []string) error {
	res, err := s.tlc.CompareExprs(ctx, exprs)
	if err != nil {
		return err
	}
	for _, r := range res {
		s.compared++
		if Agree(r.Tlals, r.TLC) {
			continue
		}
		if s.knownExpr[r.Expr] {
			s.disagree++
			continue
		}
		if c := Class(r.Tlals, r.TLC); s.perClass > 0 && s.countClass(c) >= s.perClass {
			// enough cases of this class: count it, spare the JVM
			s.disagree++
			s.classes[c]++
			continue
		}
		alone, err := s.tlc.CompareExprs(ctx, []string{r.Expr})
		if err != nil {
			return err
		}
		a := alone[0]
		if Agree(a.Tlals, a.TLC) {
			s.t.Logf("disagrees in its batch only (string order of the batch?): %s\n  tlals: %s\n  TLC:   %s", r.Expr, r.Tlals, r.TLC)
			continue
		}
		s.disagree++
		class := Class(a.Tlals, a.TLC)
		s.classes[class]++
		if _, ok := s.examples[class]; !ok {
			s.examples[class] = fmt.Sprintf("%s\n      tlals: %s\n      TLC:   %s", a.Expr, a.Tlals, a.TLC)
		}
		if s.strict && !s.record {
			s.t.Errorf("new disagreement (record it with TLALS_DIFFTEST_RECORD=1): %s\n  tlals: %s\n  TLC:   %s", a.Expr, a.Tlals, a.TLC)
		}
		if s.perClass > 0 && s.countClass(class) >= s.perClass {
			continue
		}
		s.exprs = append(s.exprs, ExprCase{Status: "open", Class: class, Expr: a.Expr, TLC: a.TLC, Tlals: a.Tlals})
		s.knownExpr[a.Expr] = true
		s.dirty = true
	}
	return nil
}

// specBatch checks the specs with TLC (two JVMs at a time) and tlals (one
// at a time: the string order is per process in TLC).
func (s *session) specBatch(ctx context.Context, prefix string, specs []string) error {
	theirs := make([]SpecAnswer, len(specs))
	errs := make([]error, len(specs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range specs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			theirs[i], errs[i] = s.tlc.TLCCheck(ctx, specs[i], SpecConfigFor(specs[i]))
		}(i)
	}
	ours := make([]SpecAnswer, len(specs))
	for i := range specs {
		ours[i] = TlalsCheck(s.t.TempDir(), specs[i], SpecConfigFor(specs[i]))
	}
	wg.Wait()
	for i, text := range specs {
		if errs[i] != nil {
			return errs[i]
		}
		s.compared++
		diff := SpecDiff(ours[i], theirs[i])
		if diff == "" {
			continue
		}
		s.disagree++
		if s.knownSpec[text] {
			continue
		}
		class := SpecClass(ours[i], theirs[i])
		s.classes[class]++
		if _, ok := s.examples[class]; !ok {
			s.examples[class] = fmt.Sprintf("spec %s%d: %s\n      tlals: %s\n      TLC:   %s", prefix, i, diff, ours[i], theirs[i])
		}
		if s.strict && !s.record {
			s.t.Errorf("new spec disagreement (record it with TLALS_DIFFTEST_RECORD=1): %s\n  tlals: %s\n  TLC:   %s\n%s", diff, ours[i], theirs[i], text)
		}
		if s.perClass > 0 && s.countClass(class) >= s.perClass {
			continue
		}
		s.specs[specName(text)] = SpecCase{Status: "open", Class: class, Spec: text, Config: SpecConfigFor(text), TLC: theirs[i], Tlals: ours[i]}
		s.knownSpec[text] = true
		s.dirty = true
	}
	return nil
}

func (s *session) save() {
	if !s.record || !s.dirty {
		return
	}
	if err := os.MkdirAll(filepath.Dir(exprCasesPath), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := WriteExprCases(exprCasesPath, s.exprs); err != nil {
		s.t.Fatal(err)
	}
	for name, c := range s.specs {
		if err := WriteSpecCase(specCasesDir, name, c); err != nil {
			s.t.Fatal(err)
		}
	}
	s.dirty = false
}

func (s *session) report() {
	s.t.Logf("difftest: %d compared, %d disagree, %d classes", s.compared, s.disagree, len(s.classes))
	for _, c := range sortedKeys(s.classes) {
		s.t.Logf("  %4d  %s\n      e.g. %s", s.classes[c], c, s.examples[c])
	}
}

// TestDiffBounded is the short differential run: 200 expressions and 20
// specs from a fixed seed, against the reference TLC (skipped without Java
// or ../shared/tools/tla2tools.jar). A disagreement not recorded in
// testdata fails; TLALS_DIFFTEST_RECORD=1 records it instead.
func TestDiffBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the reference TLC (a JVM)")
	}
	s := newSession(t)
	s.strict = true
	bound := 5 * time.Minute
	if s.record { // confirming each new disagreement alone takes a JVM each
		bound = 30 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	defer cancel()
	g := NewGen(1)
	var exprs []string
	for i := 0; i < 200; i++ {
		exprs = append(exprs, g.Expr(3))
	}
	if err := s.exprBatch(ctx, exprs); err != nil {
		t.Fatal(err)
	}
	var specs []string
	for i := 0; i < 20; i++ {
		specs = append(specs, g.Spec())
	}
	if err := s.specBatch(ctx, "bounded-", specs); err != nil {
		t.Fatal(err)
	}
	s.save()
	s.report()
}

// TestDiffLong runs batches until TLALS_DIFFTEST_DURATION (e.g. 20m) has
// passed, from TLALS_DIFFTEST_SEED (default: the clock), keeping up to 3
// cases of each class of disagreement (with TLALS_DIFFTEST_RECORD=1).
// scripts/difftest.sh runs it.
func TestDiffLong(t *testing.T) {
	dur, err := time.ParseDuration(os.Getenv("TLALS_DIFFTEST_DURATION"))
	if err != nil {
		t.Skip("set TLALS_DIFFTEST_DURATION (scripts/difftest.sh)")
	}
	seed := time.Now().UnixNano() % 1_000_000
	if v, err := strconv.ParseInt(os.Getenv("TLALS_DIFFTEST_SEED"), 10, 64); err == nil {
		seed = v
	}
	t.Logf("difftest: seed %d, %v", seed, dur)
	s := newSession(t)
	s.perClass = 3
	deadline := time.Now().Add(dur)
	ctx, cancel := context.WithDeadline(context.Background(), deadline.Add(2*time.Minute))
	defer cancel()
	for round := int64(0); time.Now().Before(deadline); round++ {
		g := NewGen(seed*1000 + round)
		g.ErrorRate = []float64{0.02, 0.05, 0.15}[round%3]
		var exprs []string
		for i := 0; i < 100; i++ {
			exprs = append(exprs, g.Expr(2+int(round%3)))
		}
		if err := s.exprBatch(ctx, exprs); err != nil {
			t.Logf("round %d: %v", round, err)
		}
		var specs []string
		for i := 0; i < 4; i++ {
			specs = append(specs, g.Spec())
		}
		if err := s.specBatch(ctx, fmt.Sprintf("s%d-%d-", seed, round), specs); err != nil {
			t.Logf("round %d: %v", round, err)
		}
		s.save()
		if round%5 == 0 {
			t.Logf("round %d: %d compared, %d disagree, %d classes", round, s.compared, s.disagree, len(s.classes))
		}
	}
	s.report()
}

// specName names a recorded spec by its text.
func specName(text string) string {
	h := fnv.New64a()
	h.Write([]byte(text))
	return fmt.Sprintf("spec-%016x", h.Sum64())
}
