package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckProfiles: -cpuprofile, -memprofile, -mutexprofile and
// -blockprofile write gzip-compressed
// pprof profiles and leave the run's result and exit code alone; a profile
// that cannot be created is a usage error before the run.
func TestCheckProfiles(t *testing.T) {
	spec := writeModel(t, "Pr", printing, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n")
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.pprof"), filepath.Join(dir, "mem.pprof")
	mutex, block := filepath.Join(dir, "mutex.pprof"), filepath.Join(dir, "block.pprof")
	var out, errb bytes.Buffer
	if code := run([]string{"check", "-json", "-workers", "2", "-cpuprofile", cpu, "-memprofile", mem,
		"-mutexprofile", mutex, "-blockprofile", block, spec}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), `"outcome":"ok"`) {
		t.Fatalf("result: %s", out.String())
	}
	for _, p := range []string{cpu, mem, mutex, block} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
			t.Errorf("%s: not a gzip-compressed profile (%d bytes)", filepath.Base(p), len(b))
		}
	}
	errb.Reset()
	if code := run([]string{"check", "-cpuprofile", filepath.Join(dir, "no", "such", "dir"), spec}, &out, &errb); code != exitUsage {
		t.Fatalf("unwritable profile: exit %d, want %d (%s)", code, exitUsage, errb.String())
	}
}

// TestServePprof: the server's profiling endpoints listen on loopback
// addresses only.
func TestServePprof(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "example.com:6060", "nonsense"} {
		if _, err := servePprof(addr); err == nil {
			t.Errorf("%s=%s: accepted", pprofEnv, addr)
		}
	}
	at, err := servePprof("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get("http://" + at + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "goroutine profile:") {
		t.Fatalf("status %d: %.200s", resp.StatusCode, body)
	}
}
