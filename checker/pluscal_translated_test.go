package checker

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlals/tlals/analysis/pluscal"
	"github.com/tlals/tlals/parser/testkit"
)

// checkTranslated copies the model's folder to a temporary directory,
// replaces the PlusCal module by our translation of it, and checks the
// model with tlals's checker.
func checkTranslated(t *testing.T, srcDir, pcalPath, cfgName string) *Result {
	t.Helper()
	m := translatedModel(t, srcDir, pcalPath, cfgName, nil)
	r, err := Check(context.Background(), m, Options{Workers: 1, Timeout: 60 * time.Second})
	if err != nil {
		t.Fatalf("%s: %v", cfgName, err)
	}
	return r
}

// translatedModel loads the model of checkTranslated, the translated
// module rewritten by edit when not nil.
func translatedModel(t *testing.T, srcDir, pcalPath, cfgName string, edit func([]byte) []byte) *Model {
	t.Helper()
	dir := t.TempDir()
	ents, err := os.ReadDir(srcDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !e.IsDir() {
			b, _ := os.ReadFile(filepath.Join(srcDir, e.Name()))
			os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
		}
	}
	src, err := os.ReadFile(pcalPath)
	if err != nil {
		t.Fatal(err)
	}
	out, _, errs := pluscal.Translate(src, pluscal.Options{})
	if len(errs) > 0 {
		t.Fatalf("%s: %v", pcalPath, errs[0])
	}
	if edit != nil {
		out = edit(out)
	}
	os.WriteFile(filepath.Join(dir, filepath.Base(pcalPath)), out, 0o644)
	tla := filepath.Join(dir, strings.TrimSuffix(cfgName, ".cfg")+".tla")
	search := []string{filepath.Join(testkit.CorpusDir(t), "community"), filepath.Join(testkit.CorpusDir(t), "tlaps"), filepath.Dir(pcalPath)}
	m, err := LoadModel(tla, filepath.Join(dir, cfgName), search)
	if err != nil {
		t.Fatalf("%s: %v", cfgName, err)
	}
	return m
}

// The seed demo, translated by us and checked: the verdicts the corpus
// README records for the reference tools.
func TestSeedTranslationChecks(t *testing.T) {
	seed := filepath.Join(testkit.CorpusDir(t), "seed")
	r := checkTranslated(t, seed, filepath.Join(seed, "Uploader.tla"), "Uploader.cfg")
	if r.Outcome != OutcomeError || r.DistinctStates != 42 || r.Depth != 5 || !strings.Contains(r.Message, "CHOOSE") {
		t.Errorf("Uploader: %s %q distinct=%d depth=%d", r.Outcome, r.Message, r.DistinctStates, r.Depth)
	}
	r = checkTranslated(t, seed, filepath.Join(seed, "Uploader2.tla"), "Uploader2.cfg")
	if r.Outcome != OutcomeOK || r.DistinctStates != 9447 || r.GeneratedStates != 16575 || r.Depth != 26 {
		t.Errorf("Uploader2: %s distinct=%d generated=%d depth=%d", r.Outcome, r.DistinctStates, r.GeneratedStates, r.Depth)
	}
}

// Corpus models of PlusCal modules (small ones), with our translation in
// place of the committed one, give what TLC reported (examples/tlc.tsv):
// outcome, distinct and generated states, depth.
func TestCorpusTranslationChecks(t *testing.T) {
	models := []struct{ cfg, pcal string }{
		{"DiningPhilosophers/DiningPhilosophers.cfg", "DiningPhilosophers/DiningPhilosophers.tla"},
		{"TeachingConcurrency/Simple.cfg", "TeachingConcurrency/Simple.tla"},
		{"chang_roberts/MCChangRoberts.cfg", "chang_roberts/ChangRoberts.tla"},
		{"echo/MCEcho.cfg", "echo/Echo.tla"},
		{"locks_auxiliary_vars/Lock.cfg", "locks_auxiliary_vars/Lock.tla"},
		{"locks_auxiliary_vars/LockHS.cfg", "locks_auxiliary_vars/Lock.tla"},
		{"locks_auxiliary_vars/Peterson.cfg", "locks_auxiliary_vars/Peterson.tla"},
		{"byzpaxos/Consensus.cfg", "byzpaxos/Consensus.tla"},
		{"MisraReachability/MCParReach.cfg", "MisraReachability/ParReach.tla"},
		{"N-Queens/QueensPluscal.toolbox/FourQueens/MC.cfg", "N-Queens/QueensPluscal.tla"},
	}
	ex := filepath.Join(testkit.CorpusDir(t), "examples")
	f, err := os.Open(filepath.Join(ex, "tlc.tsv"))
	if err != nil {
		t.Skipf("corpus absent: %v", err)
	}
	defer f.Close()
	want := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		want[fs[0]] = fs
	}
	for _, m := range models {
		w := want[m.cfg]
		if w == nil {
			t.Errorf("%s not in tlc.tsv", m.cfg)
			continue
		}
		r := checkTranslated(t, filepath.Join(ex, filepath.Dir(m.cfg)), filepath.Join(ex, m.pcal), filepath.Base(m.cfg))
		distinct, _ := strconv.ParseInt(w[2], 10, 64)
		generated, _ := strconv.ParseInt(w[3], 10, 64)
		depth, _ := strconv.Atoi(w[4])
		if r.Outcome != w[1] || r.DistinctStates != distinct || r.GeneratedStates != generated || r.Depth != depth {
			t.Errorf("%s: got %s (%s) %d/%d depth %d, TLC %s %d/%d depth %d", m.cfg, r.Outcome, r.Message, r.DistinctStates, r.GeneratedStates, r.Depth, w[1], distinct, generated, depth)
		}
	}
}
