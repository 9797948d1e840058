// Package tlcengine runs the user's TLC (tla2tools.jar) as a model-checking
// engine: it starts TLC with its machine-readable -tool output, reads
// TLC's message codes, and turns the run into the same checker.Result the
// built-in engine produces (outcome, counts, the trace with each state's
// values read back into values, each action's range, the lasso), so that
// every front end shows either engine's result the same way. It also
// drives TLC's distributed mode (distributed.go).
package tlcengine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/checker/eval"
)

// JarEnv is the environment variable naming tla2tools.jar when no jar is
// given.
const JarEnv = "TLA2TOOLS_JAR"

// Config says which TLC to run and how.
type Config struct {
	// Jar is tla2tools.jar; "": $TLA2TOOLS_JAR.
	Jar string
	// Java is the java command; "": java on the PATH.
	Java string
	// JavaOpts are JVM options put before the class (e.g. -Xmx4g).
	JavaOpts []string
	// SearchPath are folders of library modules, given to TLC as its
	// TLA-Library.
	SearchPath []string
	// Distributed runs TLC's distributed mode (distributed.go).
	Distributed *Distributed
	// Log receives TLC's output as it comes (nil: dropped).
	Log io.Writer
}

// SetupError is a missing Java or jar: nothing was run.
type SetupError struct{ Msg string }

func (e *SetupError) Error() string { return e.Msg }

// Engine is the engine cfg describes, as the CLI and the language server
// choose engines.
func Engine(cfg Config) checker.Engine {
	return func(ctx context.Context, m *checker.Model, opt checker.Options) (*checker.Result, error) {
		return Check(ctx, m, opt, cfg)
	}
}

// resolve finds java and the jar.
func (cfg Config) resolve() (java, jar string, err error) {
	java = cfg.Java
	if java == "" {
		java = "java"
	}
	if java, err = exec.LookPath(java); err != nil {
		return "", "", &SetupError{"the TLC engine needs Java: no `java` command on the PATH (install a Java 11 or later runtime)"}
	}
	jar = cfg.Jar
	if jar == "" {
		jar = os.Getenv(JarEnv)
	}
	if jar == "" {
		return "", "", &SetupError{"the TLC engine needs tla2tools.jar: pass -tlc-jar FILE, set " + JarEnv + ", or set the editor's tlcJar setting"}
	}
	if fi, err := os.Stat(jar); err != nil || fi.IsDir() {
		return "", "", &SetupError{fmt.Sprintf("the TLC engine needs tla2tools.jar: %s is not a file", jar)}
	}
	if abs, err := filepath.Abs(jar); err == nil {
		jar = abs
	}
	return java, jar, nil
}

// Check model-checks m with TLC. Options it honours: Workers, CheckDeadlock,
// Seed, Continue, Coverage (TLC's -coverage report), Progress (from TLC's progress messages), Output (what the
// spec prints), Timeout; cancelling ctx kills TLC and its JVM.
func Check(ctx context.Context, m *checker.Model, opt checker.Options, cfg Config) (*checker.Result, error) {
	if cfg.Distributed != nil {
		return checkDistributed(ctx, m, opt, cfg)
	}
	java, jar, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	meta, err := os.MkdirTemp("", "tlals-tlc-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(meta)
	run, stop := runContext(ctx, opt)
	defer stop()
	targs, err := tlcArgs(m, opt, meta, false)
	if err != nil {
		return nil, err
	}
	args := append(cfg.jvmArgs(jar, m), "tlc2.TLC")
	cmd := exec.Command(java, append(args, targs...)...)
	cmd.Dir = meta
	col := &collector{start: time.Now(), progress: opt.Progress, output: opt.Output, cont: opt.Continue}
	exit, err := runTLC(run, cmd, cfg.Log, col.add)
	if err != nil {
		return nil, err
	}
	return collect(ctx, run, m, col, exit)
}

// runContext is the context of TLC's processes: ctx, ended by the run's
// time bound too.
func runContext(ctx context.Context, opt checker.Options) (context.Context, context.CancelFunc) {
	if opt.Timeout > 0 {
		return context.WithTimeout(ctx, opt.Timeout)
	}
	return context.WithCancel(ctx)
}

// collect finishes a run's result within the string order of a run of m,
// so that its values order as the built-in engine's do. A run its time
// bound (run's deadline) stopped has outcome bound, as the built-in
// engine's; a cancelled one also returns ctx's error.
func collect(ctx, run context.Context, m *checker.Model, col *collector, exit int) (*checker.Result, error) {
	end, err := eval.BeginSpecRun(ctx, eval.SpecOrder(m.Config, m.Root.AST, m.Root.File, m.Loader))
	if err != nil {
		return nil, err
	}
	defer end()
	res, err := col.finish(m, exit)
	if err != nil {
		return res, err
	}
	switch {
	case ctx.Err() != nil:
		res.Outcome, res.Message, res.ExitCode = checker.OutcomeBound, "cancelled: "+ctx.Err().Error(), checker.ExitSuccess
		return res, ctx.Err()
	case run.Err() != nil:
		res.Outcome, res.Message, res.ExitCode = checker.OutcomeBound, "time bound reached", checker.ExitSuccess
		res.Trace, res.Lasso, res.Location, res.Calls, res.Nested, res.Failing = nil, nil, nil, nil, nil, nil
	}
	return res, nil
}

// jvmArgs are the JVM's options and class path.
func (cfg Config) jvmArgs(jar string, m *checker.Model) []string {
	args := append([]string{"-XX:+UseParallelGC"}, cfg.JavaOpts...)
	lib := append(libraryDirs(m), cfg.SearchPath...)
	args = append(args, "-DTLA-Library="+strings.Join(lib, string(os.PathListSeparator)))
	return append(args, "-cp", jar)
}

// tlcWorkers is TLC's -workers for opt. Without -workers (0) it is 1, not
// TLC's auto: the built-in engine answers with any number of workers what
// TLC answers with one (the first failure in BFS order, its counts and
// trace), while TLC with several workers reports whichever failure a worker
// meets first (the seed demo's error at 44, 63 or 69 distinct states
// instead of 42). An explicit -workers N is passed on.
func tlcWorkers(opt checker.Options) int {
	if opt.Workers > 0 {
		return opt.Workers
	}
	return 1
}

// tlcArgs are tlc2.TLC's options for m, or TLCServer's (server: it has no
// -workers, its workers being processes, nor -noGenerateSpecTE). TLC
// checks the texts m was analysed with: the root module's (an editor's
// unsaved text) and the configuration's (the default model's, or a CONFIG
// section) are written into dir; the folders of the modules it uses are
// on its library path (jvmArgs).
func tlcArgs(m *checker.Model, opt checker.Options, dir string, server bool) ([]string, error) {
	spec := filepath.Join(dir, "spec")
	if err := os.Mkdir(spec, 0o755); err != nil {
		return nil, err
	}
	base := filepath.Base(m.Root.Path)
	tla := filepath.Join(spec, base)
	cfgPath := filepath.Join(spec, strings.TrimSuffix(base, filepath.Ext(base))+".cfg")
	if err := os.WriteFile(tla, m.Root.File.Text, 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(cfgPath, m.ConfigText, 0o644); err != nil {
		return nil, err
	}
	args := []string{"-tool", "-metadir", filepath.Join(dir, "states")}
	switch {
	case server:
	default:
		args = append(args, "-noGenerateSpecTE", "-workers", strconv.Itoa(tlcWorkers(opt)))
	}
	if opt.CheckDeadlock != nil && !*opt.CheckDeadlock {
		args = append(args, "-deadlock") // TLC's -deadlock turns the check off
	}
	if opt.Seed != nil {
		args = append(args, "-seed", strconv.FormatInt(*opt.Seed, 10))
	}
	if opt.Continue {
		args = append(args, "-continue")
	}
	if opt.Coverage {
		// TLC reports at the end and every that many minutes: once, in
		// effect (the minutes in milliseconds must fit TLC's int)
		args = append(args, "-coverage", "10000")
	}
	return append(args, "-config", cfgPath, tla), nil
}

// libraryDirs are the folders TLC searches for modules: the root module's
// own, those of every module the analysis loaded for m (so TLC reads the
// files we analysed), and the analysis' search path.
func libraryDirs(m *checker.Model) []string {
	var out []string
	seen := map[string]bool{}
	add := func(d string) {
		if abs, err := filepath.Abs(d); err == nil {
			d = abs
		}
		if seen[d] {
			return
		}
		seen[d] = true
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			out = append(out, d)
		}
	}
	add(filepath.Dir(m.Root.Path))
	visited := map[*analysis.Module]bool{}
	var walk func(mod *analysis.Module)
	walk = func(mod *analysis.Module) {
		if mod == nil || visited[mod] {
			return
		}
		visited[mod] = true
		if mod.Path != "" {
			add(filepath.Dir(mod.Path))
		}
		for _, e := range mod.Extends {
			walk(e)
		}
		for _, i := range mod.Instances {
			walk(i)
		}
	}
	walk(m.Root)
	if m.Analyzer != nil {
		for _, d := range m.Analyzer.SearchPath {
			add(d)
		}
	}
	return out
}

// startedHook, when set (by tests), receives the pid of each process
// started.
var startedHook func(pid int)

// runTLC runs cmd in its own process group, feeding each message of its
// output to emit; cancelling ctx kills the group (TLC's JVM and anything
// it started). It returns TLC's exit status.
func runTLC(ctx context.Context, cmd *exec.Cmd, log io.Writer, emit func(message)) (int, error) {
	pr, pw := io.Pipe()
	var out io.Writer = pw
	if log != nil {
		out = io.MultiWriter(pw, log)
	}
	cmd.Stdout, cmd.Stderr = out, out
	setGroup(cmd)
	if err := cmd.Start(); err != nil {
		return 0, &SetupError{"starting TLC: " + err.Error()}
	}
	if startedHook != nil {
		startedHook(cmd.Process.Pid)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		scanMessages(pr, emit)
		io.Copy(io.Discard, pr)
	}()
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			killGroup(cmd)
		case <-done:
		}
	}()
	err := cmd.Wait()
	close(done)
	pw.Close()
	wg.Wait()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, nil
	case errors.As(err, &ee):
		return ee.ExitCode(), nil
	}
	return 0, err
}
