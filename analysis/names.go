package analysis

import "github.com/tlals/tlals/parser/scan"

// Operator names: synonyms fold to one canonical spelling, so that a
// definition `a \leq b == ...` and a use `a =< b` meet in the scope whatever
// spelling the parser keeps.

var synonyms = map[string]string{
	`\land`: `/\`, "∧": `/\`, `\lor`: `\/`, "∨": `\/`,
	`\lnot`: "~", `\neg`: "~", "¬": "~",
	"⇒": "=>", "⟹": "=>", `\implies`: "=>",
	`\equiv`: "<=>", "≡": "<=>", "⇔": "<=>", "⟺": "<=>",
	"#": "/=", "≠": "/=",
	"=<": "<=", `\leq`: "<=", "≤": "<=", "⩽": "<=",
	`\geq`: ">=", "≥": ">=", "⩾": ">=",
	`\union`: `\cup`, "∪": `\cup`, `\intersect`: `\cap`, "∩": `\cap`,
	"∈": `\in`, "∉": `\notin`, "⊆": `\subseteq`, "⊂": `\subset`, "⊇": `\supseteq`, "⊃": `\supset`,
	`\circ`: `\o`, "∘": `\o`, `\times`: `\X`, "×": `\X`,
	"(+)": `\oplus`, "⊕": `\oplus`, "(-)": `\ominus`, "⊖": `\ominus`,
	"(.)": `\odot`, "⊙": `\odot`, "(/)": `\oslash`, "⊘": `\oslash`,
	`(\X)`: `\otimes`, "⊗": `\otimes`,
	"□": "[]", "◇": "<>", "↝": "~>", "⇸": "-+->",
	"≺": `\prec`, "≻": `\succ`, "⪯": `\preceq`, "⪰": `\succeq`,
	"⊏": `\sqsubset`, "⊐": `\sqsupset`, "⊑": `\sqsubseteq`, "⊒": `\sqsupseteq`,
	"≪": `\ll`, "≫": `\gg`, "∼": `\sim`, "≃": `\simeq`, "≈": `\approx`, "≅": `\cong`,
	"≍": `\asymp`, "≐": `\doteq`, "∝": `\propto`, "≀": `\wr`, "⋆": `\star`, "●": `\bullet`,
	"◯": `\bigcirc`, "⊎": `\uplus`, "⊓": `\sqcap`, "⊔": `\sqcup`,
	"⊢": "|-", "⊣": "-|", "⊨": "|=", "⫤": "=|", "⩴": "::=", "≔": ":=",
	"÷": `\div`, "⋅": `\cdot`, "‥": "..", "…": "...", "⁺": "^+", "⁎": "^*",
	"≜": "==", "→": "->", "↦": "|->", "⟨": "<<", "⟩": ">>",
}

// canon returns the canonical spelling of an operator name.
func canon(name string) string {
	if name != "" && scan.IsIdentByte(name[0]) {
		return name // identifiers have no synonyms: skip the table
	}
	if c, ok := synonyms[name]; ok {
		return c
	}
	return name
}

// builtinOps are the operators TLA+ itself defines; no module needs to be
// imported for them and they cannot be redefined. The value is the arity.
var builtinOps = map[string]int{
	`/\`: 2, `\/`: 2, "=>": 2, "<=>": 2, "=": 2, "/=": 2, `\in`: 2, `\notin`: 2,
	`\cup`: 2, `\cap`: 2, `\subseteq`: 2, `\`: 2, "~>": 2, "-+->": 2, `\cdot`: 2, `\X`: 2,
	"~": 1, "[]": 1, "<>": 1, "ENABLED": 1, "UNCHANGED": 1, "SUBSET": 1, "UNION": 1, "DOMAIN": 1,
	"'": 1,
}

// builtinNames are the built-in constants.
var builtinNames = map[string]bool{"BOOLEAN": true, "STRING": true, "TRUE": true, "FALSE": true}

var builtinEntities = func() map[string]*Entity {
	m := map[string]*Entity{}
	for n := range builtinNames {
		m[n] = &Entity{Name: n, Kind: Builtin, levelDone: true}
	}
	for n, a := range builtinOps {
		m[n] = &Entity{Name: n, Kind: Builtin, Arity: a, levelDone: true}
	}
	return m
}()
