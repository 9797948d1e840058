package eval

import "sync"

// warnSet holds the warnings TLC prints while it evaluates (MP.printWarning):
// each message once, in the order first met, whichever worker met it.
//
// TLC's first warning carries its -nowarning hint, which makes the message
// another one: met again, TLC prints the first warning a second time
// (repeated: the list has it twice then; the checker drops the repeat when
// an earlier warning of TLC's took the hint).
type warnSet struct {
	mu       sync.Mutex
	seen     map[string]bool
	list     []string
	repeated bool
}

// warn records msg unless it was recorded already.
func (p *Program) warn(msg string) {
	w := &p.warns
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.seen[msg] {
		if !w.repeated && msg == w.list[0] {
			w.repeated = true
			w.list = append(w.list, msg)
		}
		return
	}
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	w.seen[msg] = true
	w.list = append(w.list, msg)
}

// RuntimeWarnings are the warnings the evaluations gave so far, in the
// order TLC prints them when the first takes its hint (hinted: else the
// first is not printed again).
func (p *Program) RuntimeWarnings(hinted bool) []string {
	w := &p.warns
	w.mu.Lock()
	defer w.mu.Unlock()
	out := append([]string(nil), w.list...)
	if hinted && w.repeated {
		for i := len(out) - 1; i > 0; i-- {
			if out[i] == out[0] {
				out = append(out[:i], out[i+1:]...)
				break
			}
		}
	}
	return out
}

// ExceptUnknownPrefix begins TLC's warning (EC.TLC_EXCEPT_APPLIED_TO_UNKNOWN_FIELD,
// words from tlc2/output/MP.java) for an EXCEPT whose path leaves the
// function's domain or the record's fields: TLC leaves the value as it is.
const ExceptUnknownPrefix = "The EXCEPT was applied to non-existing fields of the value at\n"

// exceptUnknown records that warning for the EXCEPT whose function is at
// fnLoc.
func (c *Ctx) exceptUnknown(fnLoc *Loc) {
	if c.prog != nil {
		c.prog.warn(ExceptUnknownPrefix + fnLoc.String())
	}
}
