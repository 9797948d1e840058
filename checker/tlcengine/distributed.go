package tlcengine

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/checker/eval"
)

// Distributed runs TLC's distributed mode: one tlc2.tool.distributed.
// TLCServer (which holds the queue and the fingerprints and listens for
// workers on port 10997) and Workers local tlc2.tool.distributed.TLCWorker
// processes; a worker on another host joins with the command Notice gives.
type Distributed struct {
	// Workers is the number of local worker processes.
	Workers int
	// Hosts are other hosts the user runs a worker on: each gets the
	// command line to run there.
	Hosts []string
	// Notice receives what the user should read at once (the command for
	// each other host); nil: dropped.
	Notice func(string)
}

// NoShortestTraceWarning is said of every distributed run.
const NoShortestTraceWarning = "distributed TLC does not promise shortest counterexamples: a trace may be longer than the built-in engine's or TLC's own"

// ReplayedNote is said of a distributed run's counterexample once tlals
// has replayed it.
const ReplayedNote = "the counterexample was replayed in tlals's checker: each state is a successor of the one before under the next-state relation"

// MultiFPSetMessage explains the failure of TLC builds whose distributed
// mode is broken.
const MultiFPSetMessage = "TLC's distributed mode failed: a worker could not connect (java.io.NotSerializableException: tlc2.tool.fp.MultiFPSet). " +
	"Builds of tla2tools.jar from upstream commit 6fde5a9ea (February 2026) on have this defect; distributed mode works with builds made before that commit " +
	"(e.g. TLC 1.8.0 nightlies up to January 2026, or 1.7.x releases). Point -tlc-jar (or the tlcJar setting) at such a build."

// workerCommand is the command line of a worker connecting to server.
func workerCommand(java string, jvm []string, server string) []string {
	return append(append([]string{java}, jvm...), "tlc2.tool.distributed.TLCWorker", server)
}

func checkDistributed(ctx context.Context, m *checker.Model, opt checker.Options, cfg Config) (*checker.Result, error) {
	d := cfg.Distributed
	java, jar, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	meta, err := os.MkdirTemp("", "tlals-tlc-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(meta)
	// procs is the processes' context: the time bound, a failure seen in
	// any of them, or the server's end stops them all
	run, endRun := runContext(ctx, opt)
	defer endRun()
	procs, stop := context.WithCancel(run)
	defer stop()
	jvm := cfg.jvmArgs(jar, m)
	if m.Config != nil && m.Config.CheckDeadlock != nil && !*m.Config.CheckDeadlock && opt.CheckDeadlock == nil {
		// the server reads CHECK_DEADLOCK FALSE from its options only
		off := false
		opt.CheckDeadlock = &off
	}
	targs, err := tlcArgs(m, opt, meta, true)
	if err != nil {
		return nil, err
	}
	args := append(append(append([]string{}, jvm...), "tlc2.tool.distributed.TLCServer"), targs...)
	var (
		mu       sync.Mutex
		failed   string // the broken-build failure, seen in any process
		wg       sync.WaitGroup
		started  bool
		failOnce sync.Once
	)
	fail := func(msg string) {
		failOnce.Do(func() {
			mu.Lock()
			failed = msg
			mu.Unlock()
			stop() // the server would wait for workers forever
		})
	}
	watch := func(line string) {
		if strings.Contains(line, "NotSerializableException") && strings.Contains(line, "MultiFPSet") {
			fail(MultiFPSetMessage)
		}
	}
	startWorkers := func() {
		host, _ := os.Hostname()
		if host == "" {
			host = "SERVER-HOST"
		}
		for _, h := range d.Hosts {
			if d.Notice != nil {
				d.Notice(fmt.Sprintf("on %s run: %s", h, strings.Join(workerCommand("java", []string{"-cp", "tla2tools.jar"}, host), " ")))
			}
		}
		for i := 0; i < d.Workers; i++ {
			w := exec.Command(java, workerCommand(java, jvm, "localhost")[1:]...)
			w.Dir = meta
			wg.Add(1)
			go func() {
				defer wg.Done()
				runTLC(procs, w, cfg.Log, func(msg message) { watch(msg.text) })
			}()
		}
	}
	col := &collector{start: time.Now(), progress: opt.Progress, output: opt.Output, cont: opt.Continue}
	server := exec.Command(java, args...)
	server.Dir = meta
	exit, err := runTLC(procs, server, cfg.Log, func(msg message) {
		watch(msg.text)
		if msg.code == codeDistributedServerUp && !started {
			started = true
			startWorkers()
		}
		col.add(msg)
	})
	stop() // the workers end with the server
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if failed != "" {
		return &checker.Result{Outcome: checker.OutcomeError, Message: failed, ExitCode: checker.ExitErrorSystem}, nil
	}
	return collectDistributed(ctx, run, m, opt, col, exit)
}

// collectDistributed finishes a distributed run's result. The server
// prints the counterexample without the message that says what it
// violates (and exits 0): the trace is replayed in our checker, which
// checks each step and names the violation at its end.
func collectDistributed(ctx, run context.Context, m *checker.Model, opt checker.Options, col *collector, exit int) (*checker.Result, error) {
	res, err := collect(ctx, run, m, col, exit)
	if err != nil || res.Outcome == checker.OutcomeBound {
		return res, err
	}
	res.Warnings = append(res.Warnings, NoShortestTraceWarning)
	if len(res.Trace) == 0 {
		return res, nil
	}
	states := make([][]eval.Value, len(res.Trace))
	for i, st := range res.Trace {
		if st.Values == nil {
			res.Warnings = append(res.Warnings, "the counterexample could not be replayed: TLC printed a state tlals cannot read")
			return res, nil
		}
		states[i] = st.Values
	}
	end, err := eval.BeginSpecRun(ctx, eval.SpecOrder(m.Config, m.Root.AST, m.Root.File, m.Loader))
	if err != nil {
		return nil, err
	}
	defer end()
	rep, err := checker.Replay(ctx, m, states, opt)
	if err != nil {
		res.Outcome, res.ExitCode = checker.OutcomeError, checker.ExitError
		res.Message = "distributed TLC's counterexample does not replay in tlals's checker: " + err.Error()
		return res, nil
	}
	for i := range res.Trace {
		res.Trace[i].Action, res.Trace[i].Location = rep.Steps[i].Action, rep.Steps[i].Location
	}
	res.Warnings = append(res.Warnings, ReplayedNote)
	if res.Outcome == checker.OutcomeOK || res.Outcome == checker.OutcomeError && res.Message == "" {
		// TLC said nothing of the violation: the replay names it
		if rep.Outcome == "" {
			res.Outcome, res.ExitCode = checker.OutcomeError, checker.ExitError
			res.Message = "distributed TLC stopped on a counterexample without saying what it violates, and its last state violates no invariant, action property or deadlock check tlals knows (TLC's server may have printed the path to another state than the failing one)"
			return res, nil
		}
		res.Outcome, res.Property, res.Message, res.Location = rep.Outcome, rep.Property, rep.Message, rep.Location
		res.ExitCode = 0
		if err := checker.Adopt(m, res); err != nil {
			res.Warnings = append(res.Warnings, "the result could not be completed: "+err.Error())
		}
	}
	return res, nil
}
