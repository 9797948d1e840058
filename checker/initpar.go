package checker

import (
	"sync"
	"sync/atomic"

	"github.com/tlals/tlals/checker/eval"
)

// The initial states are checked by the workers when there are many: the
// initial predicate is still enumerated by one goroutine (its order is the
// one TLC's doInit follows), but what each enumerated state costs after
// that (its constraints and fingerprint, then, for a new state, its
// invariants, properties and liveness leaves) is evaluated in batches by
// every worker, and the results are applied in the order of enumeration:
// the ids, the counts, the frontier and the failure reported are the ones
// of the serial loop (initState) for any number of workers.
//
// On CoffeeCan1000Beans (501,500 initial states) that per-state work was
// 1.5 of the main goroutine's 3.4 CPU seconds spent on the initial states.

// initBatch is the number of enumerated states checked together: enough
// that starting the workers costs little, few enough that a failure early
// in a batch wastes little.
const initBatch = 2048

// initChunk is the number of states of a batch a worker takes at a time.
const initChunk = 64

// parallelInit tells whether the initial states can be checked by the
// workers. The features whose effects depend on the order of evaluation
// itself keep the serial loop: coverage counts (counted per evaluation),
// -continue (every violation, in order), the recorded graph (-dump-dot),
// VIEW (its failures are reported as they happen), the disk search (its
// inserts write the trace file), _POSSIBLE among the constraints (a
// register), and a specification whose evaluations print, set registers,
// read the run's counters or draw random values (eval's SeesOrder).
func (s *search) parallelInit() bool {
	if s.workers < 2 || s.cov != nil || s.opt.Continue || s.opt.RecordGraph || s.feat.view != nil || s.spill != nil {
		return false
	}
	for _, p := range s.cons {
		if p.track {
			return false
		}
	}
	return !s.prog.SeesOrder()
}

// initResult is what the workers found for one enumerated state.
type initResult struct {
	partial bool  // some variable is unassigned
	consErr error // evaluating the constraints failed
	inModel bool  // the constraints hold
	fp      uint64
	// set by the serial pass: the state's id and whether it is new
	id     int32
	unseen bool
	// the failure checking the new state (invariants, properties, leaves)
	// and whether TLC has queued the state when it fails
	fail   *failure
	queued bool
}

// initChecker checks the initial states of one run in batches.
type initChecker struct {
	s        *search
	ctxs     []*eval.Ctx
	fps      []*eval.FPCache
	batch    [][]eval.Value
	res      []initResult
	frontier []item
	// failedQueued: TLC has queued the initial state whose check failed
	failedQueued int64
}

func newInitChecker(s *search) *initChecker {
	ic := &initChecker{s: s, batch: make([][]eval.Value, 0, initBatch), res: make([]initResult, initBatch)}
	for w := 0; w < s.workers; w++ {
		c := s.prog.NewCtx()
		c.SetLevel(1) // as the serial loop's context: the initial states' predicates
		ic.ctxs = append(ic.ctxs, c)
		ic.fps = append(ic.fps, &eval.FPCache{})
	}
	return ic
}

// add takes an enumerated state (a copy: the caller's slice is reused).
func (ic *initChecker) add(st []eval.Value) {
	if ic.s.stop.Load() {
		return
	}
	ic.batch = append(ic.batch, cloneState(st))
	if len(ic.batch) == initBatch {
		ic.flush()
	}
}

// each runs f(w, i) for i in [0, n) on the workers.
func (ic *initChecker) each(n int, f func(w, i int)) {
	workers := min(len(ic.ctxs), (n+initChunk-1)/initChunk)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				lo := int(next.Add(initChunk)) - initChunk
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+initChunk, n); i++ {
					f(w, i)
				}
			}
		}(w)
	}
	wg.Wait()
}

// flush checks the batch and applies the results in order.
func (ic *initChecker) flush() {
	s, batch, res := ic.s, ic.batch, ic.res[:len(ic.batch)]
	ic.batch = ic.batch[:0]
	if len(batch) == 0 || s.stop.Load() {
		return
	}
	// 1. on the workers: partial states, constraints, fingerprints
	ic.each(len(batch), func(w, i int) {
		st, r := batch[i], &res[i]
		*r = initResult{id: -1}
		if r.partial = partial(st); r.partial {
			return
		}
		_, _, r.inModel, r.consErr = s.checkPreds(ic.ctxs[w], s.cons, st, nil)
		if r.consErr == nil && r.inModel {
			r.fp = s.fingerprintWith(ic.fps[w], st)
		}
	})
	// 2. in order: the fingerprints go in the set, up to the first state
	// that fails there (the serial loop stops at it)
	end := len(batch) // the states the serial loop would reach
	var todo []int    // the new states, to check
	for i := range res {
		r := &res[i]
		if r.partial || r.consErr != nil {
			end = i + 1
			break
		}
		r.unseen = true
		if r.inModel {
			r.id, r.unseen = s.insert(r.fp, -1, -1)
			if s.live != nil && r.unseen {
				s.live.initial(r.id)
			}
		}
		if r.unseen {
			todo = append(todo, i)
		}
	}
	// 3. on the workers: the new states' invariants, properties, leaves
	ic.each(len(todo), func(w, k int) {
		i := todo[k]
		r := &res[i]
		r.fail, r.queued = s.checkInitial(ic.ctxs[w], r.id, batch[i], r.inModel)
	})
	// 4. in order: the counts, the frontier and the first failure
	for i := 0; i < end; i++ {
		st, r := batch[i], &res[i]
		s.generated.Add(1)
		switch {
		case r.partial:
			// TLC's words and exit status, with the partial state (an
			// unassigned variable prints null) and no counts
			s.fail(&failure{outcome: OutcomeError, msg: "current state is not a legal state", node: -1, extra: st, action: -1, code: ExitError, initial: true})
			return
		case r.consErr != nil:
			s.fail(initialFailure(r.consErr, -1, st))
			return
		}
		if r.inModel && r.unseen {
			// TLC queues an initial state before checking it
			s.initial.Add(1)
			s.queued.Add(1)
		}
		if !r.unseen {
			continue
		}
		if s.depth.Load() < 1 {
			s.depth.Store(1)
		}
		if r.fail != nil {
			s.fail(r.fail)
			if r.queued {
				ic.failedQueued = 1
			}
			// the states after it were put in the set by step 2: the
			// serial loop never reached them
			var later int64
			for j := i + 1; j < end; j++ {
				if res[j].inModel && res[j].unseen {
					later++
				}
			}
			s.distinct.Add(-later)
			return
		}
		if r.inModel {
			ic.frontier = append(ic.frontier, item{r.id, st})
		}
	}
}

// checkInitial checks a new initial state (id -1: not in the model) as the
// serial loop does: its invariants in order, the properties of its initial
// state, then its liveness leaves; it returns the failure, if any, and
// whether TLC has queued the state when it fails.
func (s *search) checkInitial(c *eval.Ctx, id int32, state []eval.Value, inModel bool) (*failure, bool) {
	for k := 0; k < len(s.invs); k++ {
		if name, loc, ok, err := s.checkPreds(c, s.invs[k:k+1], state, nil); err != nil {
			return initialFailure(err, id, extraIf(id, state)), inModel
		} else if !ok {
			return &failure{outcome: OutcomeInvariant, property: name, msg: "Invariant " + name + " is violated by the initial state.", node: id, extra: extraIf(id, state), action: -1, code: ExitViolationSafety, loc: loc}, false
		}
	}
	if name, loc, ok, err := s.checkPreds(c, s.initProps, state, nil); err != nil {
		return initialFailure(err, id, extraIf(id, state)), inModel
	} else if !ok {
		return &failure{outcome: OutcomeError, property: name, msg: "Property " + name + " is violated by the initial state.", node: id, extra: extraIf(id, state), action: -1, code: ExitViolationLiveness, loc: loc}, false
	}
	if inModel && s.lv != nil {
		if err, _ := s.evalSuccLeaves(c, id, state); err != nil {
			return initialFailure(err, id, nil), true
		}
	}
	return nil, false
}
