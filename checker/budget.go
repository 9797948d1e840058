package checker

import (
	"context"
	"fmt"
	"runtime/metrics"
	"time"

	"github.com/tlals/tlals/checker/eval"
)

// The run's bounds (cancellation, Options.Timeout, Options.MaxMemory) must
// also stop an evaluation that runs long inside one state, where the
// search's checks between states are never reached: watchBudget interrupts
// the program (eval.Program.Interrupt) when one is hit, and the search
// reports the run as bounded with the reason.

// memoryPoll is how often the heap is sampled for Options.MaxMemory.
const memoryPoll = 50 * time.Millisecond

// watchBudget interrupts prog when ctx ends, the time bound passes or the
// heap exceeds the memory bound; call the returned function when the run
// ends.
func watchBudget(ctx context.Context, prog *eval.Program, opt Options, start time.Time) (stop func()) {
	done := make(chan struct{})
	stopCtx := context.AfterFunc(ctx, func() { prog.Interrupt("cancelled: " + context.Cause(ctx).Error()) })
	var timer *time.Timer
	if opt.Timeout > 0 {
		timer = time.AfterFunc(time.Until(start.Add(opt.Timeout)), func() { prog.Interrupt(timeBoundMsg) })
	}
	if bound, msg := heapBound(opt); bound > 0 {
		go func() {
			tick := time.NewTicker(memoryPoll)
			defer tick.Stop()
			sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
			for {
				select {
				case <-done:
					return
				case <-tick.C:
				}
				metrics.Read(sample)
				if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > bound {
					prog.Interrupt(msg)
					return
				}
			}
		}()
	}
	return func() {
		close(done)
		stopCtx()
		if timer != nil {
			timer.Stop()
		}
	}
}

const timeBoundMsg = "time bound reached"

// heapBound is the heap size that stops the run, and the reason it gives:
// the budget (Options.MaxMemory) or, when lower or alone, the ceiling.
func heapBound(opt Options) (uint64, string) {
	switch {
	case opt.MemoryCeiling > 0 && (opt.MaxMemory == 0 || opt.MemoryCeiling < opt.MaxMemory):
		return opt.MemoryCeiling, memoryCeilingMsg(opt.MemoryCeiling)
	case opt.MaxMemory > 0:
		return opt.MaxMemory, memoryBoundMsg(opt.MaxMemory)
	}
	return 0, ""
}

func memoryCeilingMsg(max uint64) string {
	return fmt.Sprintf("memory bound of %d MB reached (the default, half of this machine's memory: -max-memory MB continues on disk past a budget, -max-memory 0 sets none)", max>>20)
}

func memoryBoundMsg(max uint64) string {
	return fmt.Sprintf("memory bound of %d MB reached", max>>20)
}

// interrupted turns a result that an interruption cut short into a bounded
// one, saying why: the error it shows is the interruption, not the spec's.
// It reports whether it did.
func interrupted(prog *eval.Program, res *Result) bool {
	r := prog.Interrupted()
	if r == "" || res.Outcome != OutcomeError {
		return false
	}
	res.Outcome, res.Message, res.Location, res.Calls, res.Trace, res.Lasso, res.ExitCode = OutcomeBound, r, nil, nil, nil, nil, 0
	return true
}

// gcBound is the memory bound the collector works to (tuneGC): for a run
// that spills, half the budget: the process's resident memory also holds
// the program's code and the runtime's (some 25 MB), and garbage must not
// reach the bound its tables are sized to stay under.
func gcBound(opt Options) uint64 {
	if spills(opt) {
		return opt.MaxMemory / 2
	}
	return opt.MaxMemory
}
