package eval

// An evaluation can run long inside one state (a quantifier over a large
// set, deep recursion): the search's own checks between states cannot stop
// it. Interrupt makes the program's evaluations throw at their next
// operator call or bound-variable binding, so a cancelled or over-budget
// run ends promptly.

// Interrupt stops every evaluation of p with an error saying reason (the
// first reason given is kept).
func (p *Program) Interrupt(reason string) {
	p.interrupt.CompareAndSwap(nil, &reason)
}

// Interrupted is the reason given to Interrupt, or "".
func (p *Program) Interrupted() string {
	if r := p.interrupt.Load(); r != nil {
		return *r
	}
	return ""
}

// checkInterrupt throws at l when the program was interrupted.
func (c *Ctx) checkInterrupt(l *Loc) {
	if r := c.prog.interrupt.Load(); r != nil {
		throw(l, "%s", *r)
	}
}
