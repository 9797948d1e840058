package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/chzyer/readline"

	"github.com/tlals/tlals/checker"
)

const replSpec = `---- MODULE Ev ----
EXTENDS Naturals, Sequences
CONSTANTS N, Procs
VARIABLES x
Init == x = 0
Next == x' = x + 1
Double(n) == 2 * n
Bad(n) == n \div 0
====
`

func replDir(t *testing.T, cfg string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Ev.tla"), []byte(replSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	if cfg != "" {
		if err := os.WriteFile(filepath.Join(dir, "Ev.cfg"), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The REPL reading a pipe: one value (as TLC prints it) or error per
// expression, unfinished expressions continued on the next lines.
func TestReplPipe(t *testing.T) {
	dir := replDir(t, "CONSTANTS N = 3\nProcs = {p1, p2}\nINIT Init\nNEXT Next\n")
	input := strings.Join([]string{
		`Double(N) + 1`,
		`[p \in Procs |-> Double(N)]`,
		``,
		`1 + Foo(2)`,
		`<<1,`, // continued until the expression is whole
		`  Append(<<N>>, "a")`,
		`  >>`,
		`IF N > 2`,
		`THEN "big"`,
		`ELSE "small"`,
		``, // ends the expression
		`{1, 2`,
		``, // ends it unfinished: the error
		`x + 1`,
		`Bad(2)`,
		`:quit`,
		`1 + 1`,
	}, "\n") + "\n"
	var out, errb bytes.Buffer
	if code := replMain([]string{filepath.Join(dir, "Ev.tla")}, strings.NewReader(input), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	want := strings.Join([]string{
		`7`,
		`(p1 :> 6 @@ p2 :> 6)`,
		"error: 1:5: unknown operator `Foo`",
		`<<1, <<3, "a">>>>`,
		`"big"`,
		"error: 1:1: unbalanced `{`: missing `}`",
		`error: 1:1: The variable x has no value: the expression is evaluated without a state`,
		`error: ` + filepath.Join(dir, "Ev.tla") + `:8:11: The second argument of \div is 0.`,
	}, "\n") + "\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
	if errb.Len() > 0 {
		t.Errorf("stderr: %s", errb.String())
	}
}

// Without a model the constants have no value; -config picks one; an
// unfinished expression at the end of input is reported.
func TestReplModels(t *testing.T) {
	dir := replDir(t, "")
	spec := filepath.Join(dir, "Ev.tla")
	other := filepath.Join(dir, "Other.cfg")
	if err := os.WriteFile(other, []byte("CONSTANTS N = 10\nProcs = {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args  []string
		input string
		want  string
	}{
		{[]string{spec}, "Double(21)\nN\n", "42\nerror: 1:1: The constant parameter N is not assigned a value by the configuration file.\n"},
		{[]string{"-config", other, spec}, "<<N, Procs>>\n1 +", "<<10, {}>>\nerror: 1:4: syntax error: the expression is incomplete\n"},
	} {
		var out, errb bytes.Buffer
		if code := replMain(tc.args, strings.NewReader(tc.input), &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errb.String())
		}
		if out.String() != tc.want {
			t.Errorf("%v: output:\n%s\nwant:\n%s", tc.args, out.String(), tc.want)
		}
	}
	var out, errb bytes.Buffer
	if code := replMain([]string{filepath.Join(dir, "Missing.tla")}, strings.NewReader(""), &out, &errb); code == 0 || errb.Len() == 0 {
		t.Errorf("a missing spec: exit %d, stderr %q", code, errb.String())
	}
}

// Completion offers the spec's names that start with the word before the
// cursor.
func TestReplCompletion(t *testing.T) {
	c := nameCompleter{"Append", "Bad", "Double", "Down", "N"}
	got, n := c.Do([]rune("1 + Do"), 6)
	var words []string
	for _, w := range got {
		words = append(words, string(w))
	}
	if strings.Join(words, ",") != "uble,wn" || n != 2 {
		t.Errorf("completions %q, length %d", words, n)
	}
	if got, _ := c.Do([]rune("1 + "), 4); len(got) != 0 {
		t.Errorf("completions after a space: %q", got)
	}
}

// The real command reads its standard input, a pipe here.
func TestReplCommand(t *testing.T) {
	dir := replDir(t, "CONSTANTS N = 3\nProcs = {p1}\n")
	cmd := exec.Command(os.Args[0], "repl", filepath.Join(dir, "Ev.tla"))
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	cmd.Stdin = strings.NewReader("Double(N)\n")
	out, err := cmd.Output()
	if err != nil || string(out) != "6\n" {
		t.Errorf("tlals repl: %v: %q", err, out)
	}
}

// On a terminal (a stand-in: the keys as a terminal sends them), TAB
// completes a name, the up arrow recalls the last expression, and the
// history file keeps it.
func TestReplTerminal(t *testing.T) {
	dir := replDir(t, "CONSTANTS N = 3\nProcs = {p1}\n")
	m, err := checker.LoadModel(filepath.Join(dir, "Ev.tla"), filepath.Join(dir, "Ev.cfg"), nil)
	if err != nil {
		t.Fatal(err)
	}
	hist := filepath.Join(dir, "history")
	keys := "Dou\t(4)\r" + "\x1b[A\x7f\x7f2)\r" + ":quit\r"
	var out bytes.Buffer
	r := &repl{model: m}
	code := r.interactive(io.NopCloser(strings.NewReader(keys)), &out, io.Discard, hist, func(c *readline.Config) {
		c.FuncIsTerminal = func() bool { return true }
		c.ForceUseInteractive = true
		c.FuncMakeRaw = func() error { return nil }
		c.FuncExitRaw = func() error { return nil }
		c.FuncGetWidth = func() int { return 200 }
		c.FuncOnWidthChanged = func(func()) {}
	})
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	// What stays on the screen: each line's text after its last redraw.
	var screen []string
	for _, l := range strings.Split(regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]|.\x08`).ReplaceAllString(out.String(), ""), "\n") {
		screen = append(screen, l[strings.LastIndex(l, "\r")+1:])
	}
	want := []string{"tlals repl: Ev.tla, constants of Ev.cfg. TAB completes, :quit leaves.", "(tla+) Double(4)", "8", "(tla+) Double(2)", "4", "(tla+) :quit", ""}
	if !reflect.DeepEqual(screen, want) {
		t.Errorf("screen %q\nwant %q", screen, want)
	}
	b, err := os.ReadFile(hist)
	if err != nil || string(b) != "Double(4)\nDouble(2)\n" {
		t.Errorf("history %v: %q", err, b)
	}
}
