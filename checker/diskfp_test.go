package checker

import (
	"path/filepath"
	"testing"
)

// TestDiskFP: fingerprints found again after the in-memory table was
// merged into the file many times (also fingerprint 0, kept aside), node
// ids in order of insertion, parents read back from the trace file, and
// the level rule: a state of the level being generated whose node is
// still in memory goes to the earlier of the states reaching it.
func TestDiskFP(t *testing.T) {
	dir := t.TempDir()
	tf, err := createTraceFile(filepath.Join(dir, "trace.bin"))
	if err != nil {
		t.Fatal(err)
	}
	d := newDiskFP(dir, 50, tf)
	defer d.close()
	fp := func(i int) uint64 { return uint64(i) * 0x9E3779B97F4A7C15 } // fp(0) == 0
	const n = 3000
	for i := 0; i < n; i++ {
		id, unseen, moved, _, err := d.insertAt(fp(i), int32(i-1), int32(i%3), -1, 0)
		if err != nil || !unseen || moved || id != int32(i) {
			t.Fatalf("insert %d: id %d unseen %v moved %v err %v", i, id, unseen, moved, err)
		}
		if i%500 == 499 {
			if err := d.flushNodes(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := d.flush(true); err != nil {
		t.Fatal(err)
	}
	if d.flushes.Load() < n/50-1 || d.file == nil || d.file.n != n-1 {
		t.Fatalf("%d merges, file of %v records", d.flushes.Load(), d.file)
	}
	for i := 0; i < n; i++ {
		id, unseen, _, _, err := d.insertAt(fp(i), 7, 7, -1, 0)
		if err != nil || unseen || id != int32(i) {
			t.Fatalf("lookup %d: id %d unseen %v err %v", i, id, unseen, err)
		}
		nd, err := d.node(int32(i))
		if err != nil || nd.fp != fp(i) || nd.parent != int32(i-1) || nd.action != int32(i%3) {
			t.Fatalf("node %d: %+v %v", i, nd, err)
		}
	}
	if err := d.flushNodes(); err != nil {
		t.Fatal(err)
	}
	// a level: states 3000.. found by the states 5 and 9 of the level before
	start := d.size()
	id, _, _, _, _ := d.insertAt(fp(n), 100, 1, 9, start)
	if _, unseen, moved, _, _ := d.insertAt(fp(n), 200, 2, 12, start); unseen || moved {
		t.Errorf("a later state took the node")
	}
	if _, unseen, moved, prev, _ := d.insertAt(fp(n), 300, 0, 5, start); unseen || !moved || prev != 1 || d.ownerIndex(id) != 5 {
		t.Errorf("an earlier state did not take the node: moved %v owner %d", moved, d.ownerIndex(id))
	}
	if err := d.flushNodes(); err != nil {
		t.Fatal(err)
	}
	// written out, the node is final
	if _, _, moved, _, _ := d.insertAt(fp(n), 400, 0, 1, start); moved {
		t.Errorf("a node on disk moved")
	}
	if nd, _ := d.node(id); nd.parent != 300 || nd.action != 0 {
		t.Errorf("node %+v, want parent 300 action 0", nd)
	}
}
