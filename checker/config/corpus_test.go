package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser/testkit"
)

// TestCorpus parses every model config of the corpus: TLC accepts them all, so
// must we; and each must survive a format round trip.
func TestCorpus(t *testing.T) {
	root := testkit.CorpusDir(t)
	files := testkit.Files(root, ".cfg", "examples", "seed")
	if len(files) < 100 {
		t.Fatalf("found only %d .cfg files under %s", len(files), root)
	}
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		t.Run(rel, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c, errs := Parse(rel, src)
			for _, e := range errs {
				t.Error(e)
			}
			checkPositions(t, src, c, errs)
			roundTrip(t, c)
		})
	}
}

func TestCorpusSpotChecks(t *testing.T) {
	root := testkit.CorpusDir(t)
	tests := []struct{ file, want string }{
		{"seed/Uploader.cfg", `const Users@2:3-2:8 = {mv u1@2:12-2:14}@2:11-2:15
const Workers@3:3-3:10 = {mv w1@3:14-3:16}@3:13-3:17
const NULL@4:3-4:7 = mv NULL@4:10-4:14
const MaxId@5:3-5:8 = int 2@5:11-5:12
const MaxVersion@6:3-6:13 = int 2@6:16-6:17
spec Spec@7:15-7:19
invariant NoOrphanContent@8:11-8:26
deadlock false FALSE@9:16-9:21`},
		{"seed/Uploader2.cfg", `const Users@2:3-2:8 = {mv u1@2:12-2:14}@2:11-2:15
const Workers@3:3-3:10 = {mv w1@3:14-3:16}@3:13-3:17
const NULL@4:3-4:7 = mv NULL@4:10-4:14
const MaxId@5:3-5:8 = int 2@5:11-5:12
const MaxVersion@6:3-6:13 = int 3@6:16-6:17
spec Spec@7:15-7:19
invariant ConsistentWhenIdle@8:11-8:29
property Converges@9:10-9:19
deadlock false FALSE@10:16-10:21`},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(root, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			c, errs := Parse(tt.file, src)
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			c.Keywords = nil
			if got := dump(c); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}

	// A Toolbox-generated model with a module-qualified override.
	const paxos = "examples/PaxosHowToWinATuringAward/MCPaxosTiny.cfg"
	src, err := os.ReadFile(filepath.Join(root, paxos))
	if err != nil {
		t.Fatal(err)
	}
	c, errs := Parse(paxos, src)
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	var subs []string
	for _, s := range c.Substitutions {
		sub := dumpName(s.Name) + " <-"
		if s.Module != nil {
			sub += "[" + s.Module.Text + "]"
		}
		subs = append(subs, sub+" "+s.Def.Text)
	}
	want := []string{
		"Acceptor@14:1-14:9 <- const_1560336937634605000",
		"Value@17:1-17:6 <- const_1560336937634606000",
		"Quorum@20:1-20:7 <- const_1560336937634607000",
		"Ballot@24:1-24:7 <- def_ov_1560336937634609000",
		"Ballot@25:1-25:7 <-[Voting] def_ov_1560336937634610000",
	}
	if strings.Join(subs, "\n") != strings.Join(want, "\n") {
		t.Errorf("substitutions:\n%s\nwant:\n%s", strings.Join(subs, "\n"), strings.Join(want, "\n"))
	}
	if c.Specification == nil || c.Specification.Text != "Spec" || c.Specification.Pos.Line != 28 {
		t.Errorf("SPECIFICATION = %+v, want Spec on line 28", c.Specification)
	}
}
