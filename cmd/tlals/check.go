package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/checker/config"
)

func init() {
	register("check", "model-check a spec with its TLC config (exit codes as TLC's)", runCheck)
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "usage: tlals check [flags] SPEC.tla", stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: tlals check [flags] SPEC.tla")
		fs.PrintDefaults()
		fmt.Fprint(stderr, checkExitCodes)
	}
	cfgPath := fs.String("config", "", "model config (default: SPEC.cfg beside the spec); F.tla: its CONFIG F section, as TLC")
	workers := fs.Int("workers", 0, "worker goroutines (0: all cores; with -engine tlc, one TLC worker, whose answer is the built-in engine's for any count)")
	maxStates := fs.Int64("max-states", 0, "stop after this many distinct states (0: no bound)")
	maxMemory := fs.Uint64("max-memory", 0, "a memory budget in MB: past it the fingerprints, the queue and the trace go to disk under -metadir (with -spill=false: stop with outcome bound; 0: no budget). Without it a run stops with outcome bound when its heap passes half of the machine's memory")
	spill := fs.Bool("spill", true, "with -max-memory: continue on disk past the budget (false: stop)")
	metaDir := fs.String("metadir", "", "`DIR` for the files of a run that spills and its checkpoints (default: states beside the spec, as TLC)")
	checkpoint := fs.Float64("checkpoint", 30, "`MINUTES` between checkpoints of a run that spills, as TLC (0: none; fractions allowed); set, it makes the run spill")
	recoverDir := fs.String("recover", "", "continue the run of the checkpoint in `DIR`, or of the latest checkpoint in the folder `DIR` (the spec and model must not have changed)")
	maxDepth := fs.Int("max-depth", 0, "do not explore beyond this depth (0: no bound)")
	timeout := fs.Duration("timeout", 0, "stop after this long, e.g. 30s (0: no bound)")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	noDeadlock := fs.Bool("no-deadlock", false, "do not report deadlock")
	cont := fs.Bool("continue", false, "as TLC's -continue: report each violated invariant or action property and go on checking (exit code: as without them)")
	allowExec := fs.Bool("allow-io-exec", false, "let IOUtils' IOExec operators run commands (off: an evaluation error)")
	seed := fs.String("seed", "", "`N`: the seed of random choices such as RandomElement, as TLC's -seed (default: drawn at random)")
	searchPath := pathFlag(fs)
	dumpDot := fs.String("dump-dot", "", "write the explored state graph to `FILE` in Graphviz DOT (at most 10000 states), the trace in red")
	dumpSVG := fs.String("dump-svg", "", "draw the explored state graph to `FILE` as an SVG picture (no Graphviz needed), the trace in red")
	simulate := fs.Bool("simulate", false, "walk random behaviours instead of exploring every state, as TLC's -simulate")
	simDepth := fs.Int("depth", checker.DefaultSimDepth, "with -simulate: the steps of each behaviour")
	simNum := fs.Int64("num", 0, "with -simulate: the behaviours to walk (0: until a bound or a violation); TLC's -simulate num=N also works")
	coverage := fs.Bool("coverage", false, "count each action's distinct and generated states and print them as TLC's coverage report")
	var dumps traceDumps
	fs.Var(&dumps, "dump-trace", "`FORMAT FILE`: write the trace of a violation to FILE as tla (a module defining it, as TLC), json (TLC's) or itf (Apalache's and Quint's Informal Trace Format); may be repeated")
	profile := addProfileFlags(fs)
	eng := addEngineFlags(fs)
	// Flags may follow the spec, as with TLC.
	var spec string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			return exitUsage
		}
		if dumps.pending {
			// -dump-trace takes two words: the file follows the format
			if fs.NArg() == 0 {
				fmt.Fprintln(stderr, "-dump-trace: FORMAT FILE expected")
				return exitUsage
			}
			dumps.list[len(dumps.list)-1].file = fs.Arg(0)
			dumps.pending = false
			rest = fs.Args()[1:]
			continue
		}
		if fs.NArg() == 0 {
			break
		}
		if v, ok := strings.CutPrefix(fs.Arg(0), "num="); ok && *simulate {
			// TLC's spelling: -simulate num=N
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				fmt.Fprintf(stderr, "-simulate num=%s: not a number of behaviours\n", v)
				return exitUsage
			}
			*simNum, rest = n, fs.Args()[1:]
			continue
		}
		if spec != "" {
			fs.Usage()
			return exitUsage
		}
		spec, rest = fs.Arg(0), fs.Args()[1:]
	}
	if spec == "" {
		fs.Usage()
		return exitUsage
	}
	if *cfgPath == "" {
		*cfgPath = strings.TrimSuffix(spec, filepath.Ext(spec)) + ".cfg"
	}
	dirs := splitPath(*searchPath)
	opt := checker.Options{Workers: *workers, MaxStates: *maxStates, MaxDepth: *maxDepth, Timeout: *timeout, MaxMemory: *maxMemory << 20}
	if !flagSet(fs, "max-memory") {
		opt.MemoryCeiling = defaultMemoryCeiling()
	}
	if *seed != "" {
		n, err := strconv.ParseInt(*seed, 10, 64)
		if err != nil {
			fmt.Fprintf(stderr, "-seed: %q is not an integer\n", *seed)
			return exitUsage
		}
		opt.Seed = &n
	}
	opt.AllowIOExec = *allowExec
	opt.Coverage = *coverage
	if *simulate {
		if *simDepth < 1 {
			fmt.Fprintf(stderr, "-depth: %d is not a positive number of steps\n", *simDepth)
			return exitUsage
		}
		opt.Simulate = &checker.Simulation{Depth: *simDepth, Num: *simNum}
	}
	opt.Continue = *cont
	setSpill(fs, &opt, spec, *spill, *metaDir, *checkpoint, *recoverDir, stderr)
	model, err := checker.LoadModel(spec, *cfgPath, dirs)
	var loadErr *checker.LoadError
	if errors.As(err, &loadErr) {
		// A spec or configuration error is an outcome like any other:
		// -json still prints one object.
		fmt.Fprintf(stderr, "%v\n", err)
		if *asJSON {
			out, _ := loadErr.Result().JSON()
			fmt.Fprintln(stdout, string(out))
		}
		return loadErr.ExitCode
	}
	if err != nil {
		// TLC's statuses: a configuration error, else a parse error
		code := checker.ExitErrorSpecParse
		var ce *config.Error
		if errors.As(err, &ce) {
			code = checker.ExitErrorConfigParse
		}
		if *asJSON {
			res := &checker.Result{Outcome: checker.OutcomeError, Message: err.Error(), ExitCode: code}
			if out, jerr := res.JSON(); jerr == nil {
				fmt.Fprintln(stdout, string(out))
			}
		}
		fmt.Fprintf(stderr, "%v\n", err)
		return code
	}
	if !*asJSON {
		// text: the spec's output as it prints it, as TLC; JSON carries it
		// in the result
		opt.Output = func(p checker.Print) { fmt.Fprintln(stdout, p.Text) }
	}
	if *noDeadlock {
		off := false
		opt.CheckDeadlock = &off
	}
	opt.RecordGraph = *dumpDot != "" || *dumpSVG != ""
	run, err := eng.engine(dirs, opt, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return exitUsage
	}
	stopProfile, err := profile.start()
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return exitUsage
	}
	res, err := run(context.Background(), model, opt)
	if perr := stopProfile(); perr != nil {
		fmt.Fprintf(stderr, "profile: %v\n", perr)
	}
	if code, ok := engineFailure(err, *asJSON, stdout, stderr); ok {
		return code
	}
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return checker.ExitErrorSpecParse
	}
	mapPlusCal(res, model)
	if res.Outcome == checker.OutcomeBound {
		res.ExitCode = exitBound // the JSON's exitCode is the process's
	}
	if res.Graph != nil {
		for _, dump := range []struct {
			path  string
			write func(io.Writer) error
		}{{*dumpDot, res.Graph.WriteDOT}, {*dumpSVG, res.Graph.WriteSVG}} {
			if dump.path == "" {
				continue
			}
			if err := writeGraph(dump.path, dump.write); err != nil {
				fmt.Fprintf(stderr, "%v\n", err)
				return checker.ExitErrorSystem
			}
		}
	}
	for _, d := range dumps.list {
		if err := writeTrace(res, d.format, d.file); err != nil {
			fmt.Fprintf(stderr, "-dump-trace %s: %v\n", d.format, err)
		}
	}
	if *asJSON {
		out, err := res.JSON()
		if err != nil {
			fmt.Fprintf(stderr, "%v\n", err)
			return checker.ExitErrorSpecParse
		}
		fmt.Fprintln(stdout, string(out))
	} else {
		text := res.TLCText()
		if res.Coverage != nil {
			text = withCoverage(text, res, res.Coverage.CoverageText(time.Now()))
		}
		fmt.Fprint(stdout, text)
	}
	return res.ExitCode
}

func writeGraph(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// traceDumps are the -dump-trace flags: each gives a format, and the next
// word of the command line is its file.
type traceDumps struct {
	list    []traceDump
	pending bool // a format was read and its file is the next argument
}

type traceDump struct{ format, file string }

func (d *traceDumps) String() string { return "" }

func (d *traceDumps) Set(format string) error {
	if !slices.Contains(checker.TraceFormats, format) {
		return fmt.Errorf("unknown format %q (known: %s)", format, strings.Join(checker.TraceFormats, ", "))
	}
	d.list = append(d.list, traceDump{format: format})
	d.pending = true
	return nil
}

// writeTrace writes the result's trace to path, when the run found one
// (a run without violation writes nothing, as TLC).
func writeTrace(res *checker.Result, format, path string) error {
	if len(res.Trace) == 0 {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := res.WriteTrace(f, format, path); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// setSpill sets the options of a run that spills to disk: one with a
// memory budget (unless -spill=false), an explicit -checkpoint or
// -recover. Its files go under the metadata folder (states beside the
// spec, as TLC's), checkpoints in a folder each.
func setSpill(fs *flag.FlagSet, opt *checker.Options, spec string, spill bool, metaDir string, minutes float64, recoverDir string, stderr io.Writer) {
	explicit := flagSet(fs, "checkpoint") && minutes > 0
	if !(opt.MaxMemory > 0 && spill || explicit || recoverDir != "") {
		return
	}
	if metaDir == "" {
		metaDir = filepath.Join(filepath.Dir(spec), "states")
	}
	opt.SpillDir = metaDir
	opt.CheckpointDir = metaDir
	opt.Checkpoint = time.Duration(minutes * float64(time.Minute))
	opt.Recover = recoverDir
	opt.OnCheckpoint = func(dir string) {
		fmt.Fprintf(stderr, "Checkpoint written to %s (resume with -recover %s)\n", dir, dir)
	}
}

// checkExitCodes ends check's usage.
const checkExitCodes = `
exit status: TLC's
  0 no error found (the whole state space)
  3 stopped at a bound before completing (-timeout, -max-memory with -spill=false,
    -max-states, -max-depth, cancelled): nothing found, nothing verified
  10 assumption, POSTCONDITION or _POSSIBLE false   11 deadlock
  12 invariant   13 temporal or action property   14 assert
  75 evaluation error   76 invariant failing to evaluate   77 temporal property failing to evaluate
  150 spec error   151 config error   153 system (disk, TLC)   255 other   2 bad flags
`

// withCoverage puts the coverage report in text where TLC prints it: its
// final report comes before the state counts (ModelChecker's
// printSummary reports coverage, then the counts), at the end when the
// text has no counts.
func withCoverage(text string, res *checker.Result, report string) string {
	counts := fmt.Sprintf("%d states generated, %d distinct states found, ", res.GeneratedStates, res.DistinctStates)
	if strings.HasPrefix(text, counts) {
		return report + text
	}
	if i := strings.LastIndex(text, "\n"+counts); i >= 0 {
		return text[:i+1] + report + text[i+1:]
	}
	return text + report
}
