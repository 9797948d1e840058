package analysis

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnusedExtends(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"operator, name and nothing", "EXTENDS Naturals, Sequences, FiniteSets\nA == 1 + 2\nB == Seq({1})", "FiniteSets"},
		{"used through a module it extends", "EXTENDS Integers\nA == 1 + 2", ""},
		{"a user's module is not judged", "EXTENDS Dep, TLC\nA == 1", "TLC"},
		{"in a nested module", "EXTENDS Sequences\n---- MODULE Inner ----\nB == Len(<<>>)\n====", ""},
		{"untranslated PlusCal", "EXTENDS Naturals\n(* --algorithm a\nbegin L: skip;\nend algorithm; *)", ""},
		{"translated PlusCal", "EXTENDS Naturals\n(* --algorithm a\nbegin L: skip;\nend algorithm; *)\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION", "Naturals"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "Dep.tla"), []byte("---- MODULE Dep ----\nD == 1\n====\n"), 0o644)
			src := "---- MODULE Main ----\n" + tc.text + "\n====\n"
			prog := NewLoader().Load(context.Background(), filepath.Join(dir, "Main.tla"), []byte(src))
			var got []string
			for _, id := range prog.UnusedExtends() {
				got = append(got, id.Name)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("unused %q, want %q", got, tc.want)
			}
		})
	}
}
