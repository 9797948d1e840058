package eval

// SeesOrder reports whether an operator of the root module may, when
// evaluated, reach a builtin that shows the order of evaluations: one
// that prints or sets a register (Print, PrintT, TLCSet), reads the run
// (TLCGet and the like) or draws a random value. The checker then keeps
// TLC's order where it could otherwise share evaluations among workers
// (the initial states' checks). Assert is not one: its failure is an
// error, which the checker reports in order anyway.
func (p *Program) SeesOrder() bool {
	var assert *builtin
	if m := stdModules["TLC"]; m != nil {
		assert = m.ops["Assert"]
	}
	pred := func(bi *builtin) bool { return bi != assert && shows(bi) }
	seen := map[*def]bool{} // shared: a definition is walked once
	for _, d := range p.Root.defs {
		if d.kind == dOp && d.body != nil && p.reaches(d.env, d.body, seen, pred) {
			return true
		}
	}
	return false
}
