package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/checker/tlcengine"
)

// engineFlags are check's flags that choose the engine: the built-in one,
// or the user's TLC (checker/tlcengine), alone or distributed.
type engineFlags struct {
	name        *string
	jar         *string
	distributed *bool
	workers     *int
	hosts       *string
}

func addEngineFlags(fs *flag.FlagSet) *engineFlags {
	return &engineFlags{
		name:        fs.String("engine", "tlals", "`ENGINE` that checks: tlals (built in) or tlc (the user's TLC: java on the PATH and tla2tools.jar)"),
		jar:         fs.String("tlc-jar", "", "with -engine tlc: TLC's `JAR` (default: $"+tlcengine.JarEnv+")"),
		distributed: fs.Bool("distributed", false, "with -engine tlc: TLC's distributed mode, a TLCServer and local TLCWorker processes"),
		workers:     fs.Int("tlc-workers", 2, "with -distributed: the local TLCWorker processes"),
		hosts:       fs.String("tlc-hosts", "", "with -distributed: other `HOSTS`, comma-separated: each is printed the command that starts its worker"),
	}
}

// engine is the engine the flags choose; an error names a flag the
// engine cannot honour.
func (f *engineFlags) engine(dirs []string, opt checker.Options, stderr io.Writer) (checker.Engine, error) {
	switch *f.name {
	case "tlals", "":
		if *f.distributed {
			return nil, errors.New("-distributed needs -engine tlc")
		}
		return checker.Check, nil
	case "tlc":
	default:
		return nil, fmt.Errorf("-engine %s: unknown engine (tlals or tlc)", *f.name)
	}
	switch {
	case opt.Simulate != nil:
		return nil, errors.New("-simulate is not available with -engine tlc")
	case opt.RecordGraph:
		return nil, errors.New("-dump-dot and -dump-svg are not available with -engine tlc")
	case opt.MaxStates > 0 || opt.MaxDepth > 0 || opt.MaxMemory > 0:
		return nil, errors.New("-max-states, -max-depth and -max-memory are not available with -engine tlc (use -timeout)")
	}
	cfg := tlcengine.Config{Jar: *f.jar, SearchPath: tlcLibrary(dirs)}
	if *f.distributed {
		if *f.workers < 0 {
			return nil, fmt.Errorf("-tlc-workers: %d is not a number of workers", *f.workers)
		}
		d := &tlcengine.Distributed{Workers: *f.workers, Notice: func(s string) { fmt.Fprintln(stderr, s) }}
		for _, h := range strings.Split(*f.hosts, ",") {
			if h = strings.TrimSpace(h); h != "" {
				d.Hosts = append(d.Hosts, h)
			}
		}
		if d.Workers == 0 && len(d.Hosts) == 0 {
			return nil, errors.New("-distributed: no workers (-tlc-workers 0 and no -tlc-hosts)")
		}
		cfg.Distributed = d
	}
	return tlcengine.Engine(cfg), nil
}

// tlcLibrary is TLC's library path: the -path folders and $TLA_PATH, as
// the built-in engine searches them.
func tlcLibrary(dirs []string) []string {
	out := append([]string{}, dirs...)
	if p := os.Getenv("TLA_PATH"); p != "" {
		out = append(out, filepath.SplitList(p)...)
	}
	return out
}

// engineFailure reports a TLC engine that could not start (no Java, no
// jar): one clear message, and with -json a result that says it.
func engineFailure(err error, asJSON bool, stdout, stderr io.Writer) (int, bool) {
	var se *tlcengine.SetupError
	if !errors.As(err, &se) {
		return 0, false
	}
	fmt.Fprintln(stderr, se.Msg)
	if asJSON {
		res := &checker.Result{Outcome: checker.OutcomeError, Message: se.Msg, ExitCode: checker.ExitErrorSystem}
		if out, jerr := res.JSON(); jerr == nil {
			fmt.Fprintln(stdout, string(out))
		}
	}
	return checker.ExitErrorSystem, true
}
