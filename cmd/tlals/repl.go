package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/chzyer/readline"

	"github.com/tlals/tlals/checker"
)

func init() {
	register("repl", "evaluate TLA+ expressions in a spec's context, with its model's constants", runRepl)
}

const replUsage = `usage: tlals repl [flags] SPEC.tla

Reads TLA+ expressions and prints their values as TLC prints them. The
expressions may use every definition of SPEC.tla and the modules it extends,
with the constants of the model (-config, default SPEC.cfg when it exists).
An unfinished expression (an open bracket, a trailing operator) continues on
the next line; an empty line ends it. :quit or end of input leaves. On a
terminal, lines are edited with history and TAB completes the spec's names.`

func runRepl(args []string, stdout, stderr io.Writer) int {
	return replMain(args, os.Stdin, stdout, stderr)
}

// replMain is the REPL reading in; a terminal gets line editing, anything
// else is read line by line without prompts (a pipe, a test).
func replMain(args []string, in io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("repl", replUsage, stderr)
	cfgPath := fs.String("config", "", "model config whose constants the expressions see (default: SPEC.cfg beside the spec, if any)")
	history := fs.String("history", defaultHistory(), "keep the history of a terminal session in `FILE` (empty: none)")
	searchPath := pathFlag(fs)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	spec := fs.Arg(0)
	if *cfgPath == "" {
		if cfg := strings.TrimSuffix(spec, filepath.Ext(spec)) + ".cfg"; fileExists(cfg) {
			*cfgPath = cfg
		}
	}
	model, err := checker.LoadModel(spec, *cfgPath, splitPath(*searchPath))
	if err != nil {
		fmt.Fprintln(stderr, err)
		var le *checker.LoadError
		if errors.As(err, &le) {
			return le.ExitCode
		}
		return 1
	}
	r := &repl{model: model, out: stdout}
	if f, ok := in.(*os.File); ok && readline.IsTerminal(int(f.Fd())) {
		return r.interactive(f, stdout, stderr, *history, nil)
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	r.loop(func(string) (string, error) {
		if !sc.Scan() {
			if err := sc.Err(); err != nil {
				return "", err
			}
			return "", io.EOF
		}
		return sc.Text(), nil
	})
	return exitOK
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// defaultHistory is ~/.tlals_repl_history ("" without a home directory).
func defaultHistory() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".tlals_repl_history")
}

type repl struct {
	model *checker.Model
	out   io.Writer
	// saved receives each whole expression read (the terminal's history).
	saved func(expr string)
}

const (
	replPrompt = "(tla+) "
	morePrompt = "  ...  "
)

// loop reads expressions with read (given the prompt) until the end of
// input or :quit, and prints each one's value or error.
func (r *repl) loop(read func(prompt string) (string, error)) {
	var pending []string // the lines of an unfinished expression
	for {
		prompt := replPrompt
		if len(pending) > 0 {
			prompt = morePrompt
		}
		line, err := read(prompt)
		if errors.Is(err, readline.ErrInterrupt) {
			pending = nil // Ctrl-C drops the expression being typed
			continue
		}
		if err != nil {
			if len(pending) > 0 { // the end of input ends the expression
				r.eval(strings.Join(pending, "\n"), true)
			}
			return
		}
		if len(pending) == 0 {
			switch strings.TrimSpace(line) {
			case "":
				continue
			case ":quit", ":q":
				return
			}
		}
		final := len(pending) > 0 && strings.TrimSpace(line) == ""
		if !final {
			pending = append(pending, line)
		}
		if r.eval(strings.Join(pending, "\n"), final) {
			pending = nil
		}
	}
}

// eval evaluates expr and prints its value or its error, unless expr is
// unfinished and more lines may follow (final false): it then reports
// false and prints nothing.
func (r *repl) eval(expr string, final bool) (done bool) {
	ev, err := checker.NewEvaluator(r.model, []string{expr})
	var v string
	if err == nil {
		v, err = ev.EvalIn(0, nil, nil)
	}
	var xe *checker.ExprError
	if !final && errors.As(err, &xe) && xe.Incomplete {
		return false
	}
	if r.saved != nil {
		r.saved(strings.Join(strings.Fields(expr), " "))
	}
	if err != nil {
		fmt.Fprintf(r.out, "error: %v\n", err)
		return true
	}
	fmt.Fprintln(r.out, v)
	return true
}

// interactive runs the loop with line editing: history (kept in
// historyFile) and completion of the names the spec defines. terminal
// adjusts the configuration (a test's terminal stand-in).
func (r *repl) interactive(stdin io.ReadCloser, stdout, stderr io.Writer, historyFile string, terminal func(*readline.Config)) int {
	var names []string
	if r.model.Root.Scope != nil {
		names = r.model.Root.Scope.Names()
	}
	cfg := &readline.Config{
		Prompt:                 replPrompt,
		HistoryFile:            historyFile,
		DisableAutoSaveHistory: true, // a multi-line expression is one entry
		AutoComplete:           nameCompleter(names),
		InterruptPrompt:        "^C",
		Stdin:                  stdin,
		Stdout:                 stdout,
		Stderr:                 stderr,
	}
	if terminal != nil {
		terminal(cfg)
	}
	rl, err := readline.NewEx(cfg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer rl.Close()
	consts := "no model: constants have no value"
	if r.model.ConfigFile != "" {
		consts = "constants of " + filepath.Base(r.model.ConfigFile)
	}
	fmt.Fprintf(stdout, "tlals repl: %s, %s. TAB completes, :quit leaves.\n", filepath.Base(r.model.Root.Path), consts)
	r.out = rl.Stdout()
	r.saved = func(expr string) { _ = rl.SaveHistory(expr) }
	r.loop(func(prompt string) (string, error) {
		rl.SetPrompt(prompt)
		return rl.Readline()
	})
	return exitOK
}

// nameCompleter completes the identifier before the cursor with the names
// that start with it.
type nameCompleter []string

func (names nameCompleter) Do(line []rune, pos int) ([][]rune, int) {
	start := pos
	for start > 0 && (line[start-1] == '_' || unicode.IsLetter(line[start-1]) || unicode.IsDigit(line[start-1])) {
		start--
	}
	prefix := string(line[start:pos])
	if prefix == "" {
		return nil, 0
	}
	var out [][]rune
	for _, n := range names {
		if strings.HasPrefix(n, prefix) && n != prefix {
			out = append(out, []rune(n[len(prefix):]))
		}
	}
	return out, len([]rune(prefix))
}
