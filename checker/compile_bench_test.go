package checker

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/tlals/tlals/parser/testkit"
)

// BenchmarkCompile measures loading a model, compiling it and checking its
// initial states only (MaxStates 1): the front end's share of a run.
func BenchmarkCompile(b *testing.B) {
	root := testkit.CorpusDir(b)
	ex := filepath.Join(root, "examples")
	for _, c := range []struct{ name, tla, cfg string }{
		{"Uploader2", filepath.Join("testdata", "Uploader2_translated.tla"), filepath.Join("testdata", "Uploader2_translated.cfg")},
		{"btree", filepath.Join(ex, "btree", "btree.tla"), filepath.Join(ex, "btree", "btree.cfg")},
		{"MultiPaxos", filepath.Join(ex, "MultiPaxos-SMR", "MultiPaxos_MC.tla"), filepath.Join(ex, "MultiPaxos-SMR", "MultiPaxos_MC.cfg")},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			lib := []string{filepath.Join(root, "community"), filepath.Join(root, "tlaps")}
			for b.Loop() {
				m, err := LoadModel(c.tla, c.cfg, lib)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Check(context.Background(), m, Options{Workers: 1, MaxStates: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
