package config

import (
	"strconv"
	"strings"
)

// String returns c as normalized .cfg text: sections in a fixed order
// (constants first, then the behaviour, then what is checked), one entry per
// line, four-space indentation. Parsing the result yields the same Config up
// to positions and the Keywords list. Assignments are written before
// substitutions, since Config does not record how they were interleaved.
func (c *Config) String() string {
	var b strings.Builder
	n := len(c.Constants) + len(c.Substitutions)
	if n > 0 {
		if n == 1 {
			b.WriteString("CONSTANT ")
		} else {
			b.WriteString("CONSTANTS\n")
		}
		for _, a := range c.Constants {
			if n > 1 {
				b.WriteString("    ")
			}
			b.WriteString(a.Name.Text)
			if a.Args != nil {
				b.WriteByte('(')
				for i, v := range a.Args {
					if i > 0 {
						b.WriteString(", ")
					}
					writeValue(&b, v)
				}
				b.WriteByte(')')
			}
			b.WriteString(" = ")
			if a.Module != nil {
				b.WriteString("[" + a.Module.Text + "] ")
			}
			writeValue(&b, a.Value)
			b.WriteByte('\n')
		}
		for _, s := range c.Substitutions {
			if n > 1 {
				b.WriteString("    ")
			}
			b.WriteString(s.Name.Text + " <-")
			if s.Module != nil {
				b.WriteString("[" + s.Module.Text + "]")
			}
			b.WriteString(" " + s.Def.Text + "\n")
		}
	}
	single := func(kw string, n *Name) {
		if n != nil {
			b.WriteString(kw + " " + n.Text + "\n")
		}
	}
	list := func(one, many string, names []Name) {
		switch len(names) {
		case 0:
		case 1:
			b.WriteString(one + " " + names[0].Text + "\n")
		default:
			b.WriteString(many + "\n")
			for _, n := range names {
				b.WriteString("    " + n.Text + "\n")
			}
		}
	}
	single("INIT", c.Init)
	single("NEXT", c.Next)
	single("SPECIFICATION", c.Specification)
	list("CONSTRAINT", "CONSTRAINTS", c.Constraints)
	list("ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", c.ActionConstraints)
	list("INVARIANT", "INVARIANTS", c.Invariants)
	list("PROPERTY", "PROPERTIES", c.Properties)
	list("POSTCONDITION", "POSTCONDITIONS", c.Postconditions)
	list("_POSSIBLE", "_POSSIBLE", c.Possible)
	single("VIEW", c.View)
	single("ALIAS", c.Alias)
	single("SYMMETRY", c.Symmetry)
	if c.CheckDeadlock != nil {
		if *c.CheckDeadlock {
			b.WriteString("CHECK_DEADLOCK TRUE\n")
		} else {
			b.WriteString("CHECK_DEADLOCK FALSE\n")
		}
	}
	single("_PERIODIC", c.Periodic)
	single("_RL_REWARD", c.RLReward)
	return b.String()
}

// String returns v as .cfg text.
func (v Value) String() string {
	var b strings.Builder
	writeValue(&b, v)
	return b.String()
}

func writeValue(b *strings.Builder, v Value) {
	switch v.Kind {
	case IntValue:
		b.WriteString(strconv.FormatInt(v.Int, 10))
	case StringValue:
		// Str is the raw text between the quotes, so no escaping is needed.
		b.WriteString(`"` + v.Str + `"`)
	case BoolValue:
		if v.Bool {
			b.WriteString("TRUE")
		} else {
			b.WriteString("FALSE")
		}
	case ModelValue:
		b.WriteString(v.Str)
	case SetValue:
		b.WriteByte('{')
		for i, e := range v.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, e)
		}
		b.WriteByte('}')
	}
}
