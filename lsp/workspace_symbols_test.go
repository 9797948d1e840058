package lsp

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestFuzzyRank(t *testing.T) {
	tests := []struct {
		query, name string
		rank        int
		ok          bool
	}{
		{"init", "Init", 0, true},
		{"INIT", "init", 0, true},
		{"in", "Init", 1, true},
		{"nit", "Init", 2, true},
		{"tpi", "TypeInvariant", 3, true}, // t-y-p-e-I-nvariant: t, p, i in order
		{"ti", "TypeInvariant", 3, true},
		{"it", "Init", 2, true},
		{"xyz", "Init", 0, false},
		{"tini", "Init", 0, false}, // longer than the name
		{"", "Anything", 3, true},
		{"ä", "Ärger", 1, true}, // case folding beyond ASCII
		{"𝔸b", "x𝔸yb", 3, true}, // astral runes
		{"ba", "ab", 0, false},  // order matters
	}
	for _, tt := range tests {
		rank, ok := fuzzyRank(tt.query, tt.name)
		if ok != tt.ok || (ok && rank != tt.rank) {
			t.Errorf("fuzzyRank(%q, %q) = %d, %v; want %d, %v", tt.query, tt.name, rank, ok, tt.rank, tt.ok)
		}
	}
}

// wsWriteTree writes files (path -> text) under dir.
func wsWriteTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func wsModuleText(name, body string) string {
	return "---- MODULE " + name + " ----\n" + body + "====\n"
}

// wsScanNames runs a scan of dir and lists "file:symbol" for every symbol.
func wsScanNames(t *testing.T, ix *wsIndex, dir string, skip map[string]bool) []string {
	t.Helper()
	files, err := ix.scan(context.Background(), []string{dir}, skip)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f.uri.FsPath())
		for _, s := range f.syms {
			out = append(out, filepath.ToSlash(rel)+":"+s.Container+"."+s.Name)
		}
	}
	sort.Strings(out)
	return out
}

func TestWorkspaceScanBounds(t *testing.T) {
	dir := t.TempDir()
	wsWriteTree(t, dir, map[string]string{
		"A.tla":                  wsModuleText("A", "Init == 1\n"),
		"sub/B.tla":              wsModuleText("B", "Next == 2\n---- MODULE C ----\nInner == 3\n====\n"),
		"node_modules/N.tla":     wsModuleText("N", "Hidden == 1\n"),
		".git/G.tla":             wsModuleText("G", "Hidden == 1\n"),
		"Big.tla":                wsModuleText("Big", "Huge == \""+strings.Repeat("x", 300)+"\"\n"),
		"notes.txt":              wsModuleText("T", "NotTLA == 1\n"),
		"Open.tla":               wsModuleText("Open", "FromDisk == 1\n"),
		"deep/er/still/Deep.tla": wsModuleText("Deep", "Down == 1\n"),
	})
	saved := wsMaxFileSize
	wsMaxFileSize = 200
	t.Cleanup(func() { wsMaxFileSize = saved })

	ix := &wsIndex{entries: map[string]*wsEntry{}}
	open := map[string]bool{filepath.Join(dir, "Open.tla"): true} // known from the open documents
	got := wsScanNames(t, ix, dir, open)
	want := []string{
		"A.tla:.A", "A.tla:A.Init",
		"deep/er/still/Deep.tla:.Deep", "deep/er/still/Deep.tla:Deep.Down",
		"sub/B.tla:.B", "sub/B.tla:B.C", "sub/B.tla:B.Next", "sub/B.tla:C.Inner",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("scan:\n got %q\nwant %q", got, want)
	}

	// Unchanged files come from the cache; a changed one is parsed again.
	before := ix.entries[filepath.Join(dir, "A.tla")].file
	wsWriteTree(t, dir, map[string]string{"sub/B.tla": wsModuleText("B", "Renamed == 2\n")})
	got = wsScanNames(t, ix, dir, map[string]bool{})
	if ix.entries[filepath.Join(dir, "A.tla")].file != before {
		t.Errorf("A.tla was parsed again although unchanged")
	}
	if !strings.Contains(strings.Join(got, " "), "sub/B.tla:B.Renamed") {
		t.Errorf("changed file not re-read: %q", got)
	}
}

func TestWorkspaceScanStopsAfterMaxFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for _, n := range []string{"M1", "M2", "M3", "M4", "M5"} {
		files[n+".tla"] = wsModuleText(n, "")
	}
	wsWriteTree(t, dir, files)
	saved := wsMaxFiles
	wsMaxFiles = 3
	t.Cleanup(func() { wsMaxFiles = saved })
	ix := &wsIndex{entries: map[string]*wsEntry{}}
	// WalkDir visits in lexical order: the first three files only.
	got := wsScanNames(t, ix, dir, map[string]bool{})
	want := []string{"M1.tla:.M1", "M2.tla:.M2", "M3.tla:.M3"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWorkspaceScanCancelled(t *testing.T) {
	dir := t.TempDir()
	wsWriteTree(t, dir, map[string]string{"A.tla": wsModuleText("A", "")})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ix := &wsIndex{entries: map[string]*wsEntry{}}
	if _, err := ix.scan(ctx, []string{dir}, map[string]bool{}); err != context.Canceled {
		t.Errorf("scan with a cancelled context: %v, want context.Canceled", err)
	}
}
