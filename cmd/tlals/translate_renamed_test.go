package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestTranslateRenamedWarning: pcal.trans warns "symbols were renamed."
// when it renames symbols apart (two processes' variables named y here:
// "Process variable y of process P ... changed to y_"), and not otherwise;
// both answers are the reference pcal.trans's on these modules.
func TestTranslateRenamedWarning(t *testing.T) {
	const warn = "Warning: symbols were renamed.\n"
	cases := []struct {
		name, algorithm, want string
	}{
		{"R", `(* --algorithm R
variables x = 0;
process P \in 1..2
variables y = 0;
begin
  a: y := y + 1;
end process;
process Q = 3
variables y = 5;
begin
  b: y := y - 1;
end process;
end algorithm; *)`, warn},
		{"N", `(* --algorithm N
variables x = 0;
begin
  a: x := 1;
end algorithm; *)`, ""},
	}
	for _, c := range cases {
		path := filepath.Join(t.TempDir(), c.name+".tla")
		src := "---- MODULE " + c.name + " ----\nEXTENDS Naturals\n" + c.algorithm + "\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		if code := run([]string{"translate", path}, &out, &errb); code != exitOK {
			t.Fatalf("%s: exit %d: %s", c.name, code, errb.String())
		}
		if errb.String() != c.want {
			t.Errorf("%s: stderr %q, want %q", c.name, errb.String(), c.want)
		}
	}
}
