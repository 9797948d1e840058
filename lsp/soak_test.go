package lsp_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/lsptest"
	"github.com/tlals/tlals/parser/testkit"
)

// soakCycles overrides the soak test's cycle count; scripts/soak.sh runs
// the long soak with -soak.cycles=1000.
var soakCycles = flag.Int("soak.cycles", 0, "cycles of TestSoak (0: a count that fits the suite's budget)")

// soakBig is a ~3,000-line module that the default model checks: Dense's
// definitions (see testkit.Dense) and a small counter.
func soakBig() string {
	return strings.Replace(testkit.Dense(3000), "====\n",
		"Init == x = 0\nNext == x' = (x + 1) % 7\n\\* cycle 000000\n====\n", 1)
}

// heapAfterGC is the live heap.
func heapAfterGC() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// settledGoroutines waits up to d for the goroutine count to drop to want
// and returns the last count seen.
func settledGoroutines(want int, d time.Duration) int {
	deadline := time.Now().Add(d)
	n := runtime.NumGoroutine()
	for n > want && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	return n
}

// TestSoak runs many cycles of edit, save and check on the translated seed
// Uploader and on a 3,000-line module in one server. The heap after the
// last cycle is within 10% of the heap after the first 100 (more precisely
// after cycle min(100, cycles/2)); every check gives the same outcome; the
// server has no more goroutines after the cycles than after the first one,
// and none after shutdown, which comes within 1 s with a check running.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("soak: skipped in -short mode")
	}
	cycles := *soakCycles
	if cycles == 0 {
		cycles = 200
		if lsp.RaceEnabled {
			cycles = 30 // the figures are not compared under -race
		}
	}
	base := min(100, cycles/2)

	goroutinesBefore := runtime.NumGoroutine()
	dir := t.TempDir()
	copyFiles(t, dir, map[string]string{
		"Uploader_translated.tla": "../checker/testdata/Uploader_translated.tla",
		"Uploader_translated.cfg": "../checker/testdata/Uploader_translated.cfg",
	})
	big := soakBig()
	if err := os.WriteFile(filepath.Join(dir, "Big.tla"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	up, _ := os.ReadFile(filepath.Join(dir, "Uploader_translated.tla"))
	// Each cycle rewrites one comment line (same length) so that every
	// check reads new text and runs.
	upText := strings.Replace(string(up), "====", "\\* cycle 000000\n====", 1)
	docs := []struct {
		u    uri.URI
		text string
	}{
		{uri.File(filepath.Join(dir, "Uploader_translated.tla")), upText},
		{uri.File(filepath.Join(dir, "Big.tla")), big},
	}

	c := checkClient(t, `{"checkTimeout": 30}`)
	for _, d := range docs {
		c.Open(d.u, d.text)
		c.Diagnostics(d.u, 1)
	}
	outcomes := map[uri.URI]string{}
	var heapBase, heapLast uint64
	goroutinesBase := 0
	start := time.Now()
	for i := 1; i <= cycles; i++ {
		c.Forget() // the client's record is not the server's memory
		for _, d := range docs {
			line := uint32(strings.Count(d.text[:strings.Index(d.text, "\\* cycle ")], "\n"))
			v := c.Change(d.u, lsptest.Edit(line, 0, line, 15, fmt.Sprintf("\\* cycle %06d", i)))
			c.Diagnostics(d.u, v)
			save(c, d.u)
		}
		for _, p := range checkNotes(t, c, len(docs)) {
			outcome, ok1 := p.Result["outcome"].(string)
			distinct, ok2 := p.Result["distinctStates"].(float64)
			if !ok1 || !ok2 {
				t.Fatalf("cycle %d: tlals/checkResult without an outcome or a count: %v", i, p.Result)
			}
			got := fmt.Sprintf("%s, %d states", outcome, int64(distinct))
			if want, ok := outcomes[p.URI]; !ok {
				outcomes[p.URI] = got
			} else if got != want {
				t.Fatalf("cycle %d: %s: %s, the first cycle gave %s", i, filepath.Base(p.URI.FsPath()), got, want)
			}
		}
		if i == 1 {
			time.Sleep(200 * time.Millisecond) // let the cycle's last tasks end
			goroutinesBase = runtime.NumGoroutine()
		}
		if i == base {
			c.Forget()
			heapBase = heapAfterGC()
		}
	}
	c.Forget()
	heapLast = heapAfterGC()
	elapsed := time.Since(start)
	goroutinesLast := settledGoroutines(goroutinesBase, 2*time.Second)
	t.Logf("%d cycles in %v (%v per cycle); outcomes %v", cycles, elapsed.Round(time.Millisecond), (elapsed / time.Duration(cycles)).Round(time.Microsecond), outcomes)
	t.Logf("heap after cycle %d: %.1f MB; after cycle %d: %.1f MB (%+.1f%%)", base, float64(heapBase)/1e6, cycles, float64(heapLast)/1e6,
		100*(float64(heapLast)-float64(heapBase))/float64(heapBase))
	t.Logf("goroutines: %d before the server, %d after cycle 1, %d after cycle %d", goroutinesBefore, goroutinesBase, goroutinesLast, cycles)
	if len(outcomes) != len(docs) {
		t.Errorf("outcomes of %d documents, want %d", len(outcomes), len(docs))
	}
	if !lsp.RaceEnabled && float64(heapLast) > 1.10*float64(heapBase) {
		t.Errorf("heap grew from %d to %d bytes (more than 10%%)", heapBase, heapLast)
	}
	if goroutinesLast > goroutinesBase {
		t.Errorf("goroutines: %d after cycle 1, %d after cycle %d", goroutinesBase, goroutinesLast, cycles)
	}

	// Shutdown while a long check runs: the run is cancelled, shutdown is
	// answered once it ended, and the server stops within 1 s.
	long := strings.Replace(big, "Next == x' = (x + 1) % 7", "Next == x' = x + 1", 1)
	v := c.Change(docs[1].u, lsptest.Whole(long))
	c.Diagnostics(docs[1].u, v)
	c.Forget()
	save(c, docs[1].u)
	c.Messages(protocol.MethodProgress, 1) // begin: the run is going
	time.Sleep(100 * time.Millisecond)
	stopStart := time.Now()
	c.Shutdown()
	if took := time.Since(stopStart); took > time.Second {
		t.Errorf("shutdown and exit took %v with a check running", took)
	} else {
		t.Logf("shutdown and exit with a check running took %v", took)
	}
	// The run ended before shutdown was answered: its progress ended, as
	// cancelled, ahead of the answer.
	progress := c.Messages(protocol.MethodProgress, 1)
	var last struct {
		Value struct{ Kind, Message string } `json:"value"`
	}
	if err := json.Unmarshal(progress[len(progress)-1], &last); err != nil || last.Value.Kind != "end" || last.Value.Message != "cancelled" {
		t.Errorf("the check's last progress before the shutdown answer: %s", progress[len(progress)-1])
	}
	c.Conn.Close()
	if n := settledGoroutines(goroutinesBefore, 2*time.Second); n > goroutinesBefore {
		buf := make([]byte, 1<<20)
		t.Errorf("goroutines: %d before the server, %d after it stopped:\n%s", goroutinesBefore, n, buf[:runtime.Stack(buf, true)])
	}
}
