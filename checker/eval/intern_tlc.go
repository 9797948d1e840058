package eval

// Facts about the strings TLC interns by itself, in order (see
// spec_order.go), read from its intern table.

type tlcStdModule struct {
	extends, instances []string
	tokens             []string
	literals           []string
	// exports are the names the module's context gives a module that
	// EXTENDS or INSTANCEs it (its non-LOCAL names, var_order.go)
	exports []string
}

// tlcBuiltins is SANY's table of built-in operators, interned before any
// module is parsed.
var tlcBuiltins = []string{
	"STRING", "FALSE", "TRUE", "BOOLEAN", "=", "/=", ".", "'", "\\lnot", "\\neg", "\\land",
	"\\lor", "\\equiv", "=>", "SUBSET", "UNION", "DOMAIN", "\\subseteq", "\\in", "\\notin",
	"\\", "\\intersect", "\\union", "\\times", "~>", "[]", "<>", "ENABLED", "UNCHANGED",
	"\\cdot", "-+->", "$AngleAct", "$BoundedChoose", "$BoundedExists", "$BoundedForall",
	"$CartesianProd", "$Case", "$ConjList", "$DisjList", "$Except", "$FcnApply",
	"$FcnConstructor", "$IfThenElse", "$NonRecursiveFcnSpec", "$Pair", "$RcdConstructor",
	"$RcdSelect", "$RecursiveFcnSpec", "$Seq", "$SetEnumerate", "$SetOfAll", "$SetOfFcns",
	"$SetOfRcds", "$SF", "$SquareAct", "$SubsetOf", "$TemporalExists", "$TemporalForall",
	"$TemporalWhile", "$Tuple", "$UnboundedChoose", "$UnboundedExists", "$UnboundedForall",
	"$WF", "$Nop", "$Qed", "$Pfcase", "$Have", "$Take", "$Pick", "$Witness", "$Suffices",
	"***I do not exist***", "--TLA+ BUILTINS--", "Formal_0", "Formal_1", "Formal_2", "[",
	"^", "/", "*", "-", "-.", "+", "^+", "^*", "^#", "<", "\\leq", ">", "\\geq", "...",
	"..", "|", "||", "&&", "&", "$$", "$", "??", "%%", "%", "##", "++", "--", "**", "//",
	"^^", "@@", "!!", "|-", "|=", "-|", "=|", "<:", ":>", ":=", "::=", "\\oplus",
	"\\ominus", "\\odot", "\\oslash", "\\otimes", "\\uplus", "\\sqcap", "\\sqcup", "\\div",
	"\\wr", "\\star", "\\o", "\\bigcirc", "\\bullet", "\\prec", "\\succ", "\\preceq",
	"\\succeq", "\\sim", "\\simeq", "\\ll", "\\gg", "\\asymp", "\\subset", "\\supset",
	"\\supseteq", "\\approx", "\\cong", "\\sqsubset", "\\sqsubseteq", "\\sqsupset",
	"\\sqsupseteq", "\\doteq", "\\propto", "~", "¬", "□", "◇", "/\\", "∧", "\\/", "∨",
	"<=>", "≡", "⇔", "#", "≠", "<=", "=<", "≤", ">=", "≥", "\\X", "×", "\\cap", "∩",
	"\\cup", "∪", "\\circ", "∘", "(+)", "⊕", "(-)", "⊖", "(.)", "⊙", "(/)", "⊘", "(\\X)",
	"⊗", "≈", "≔", "≍", "◯", "⩴", "●", "⋅", "≅", "÷", "≐", "‥", "…", "‼", "≫", "⇒", "∈",
	"⫤", "↝", "≪", "⊣", "∉", "⇸", "≺", "⪯", "∝", "⁇", "⊨", "⊢", "∼", "≃", "⊓", "⊔", "⊏",
	"⊑", "⊐", "⊒", "⋆", "⊂", "⊆", "≻", "⪰", "⊃", "⊇", "⊎", "‖", "≀", "⁺", "@",
}

// tlcSemantic is interned when semantic analysis starts.
var tlcSemantic = []string{"LAMBDA", "$$InAssume", "nullODN", "nullOpArg", "nullLabelNode", ">>", "<<", ":"}

// tlcStartup is interned by TLC after the analysis, before the search: the
// name of an unnamed next-state action and the keys of TLCGet's records.
var tlcStartup = []string{
	"UnnamedAction", "exit", "pause", "config", "spec", "coverage", "action", "install",
	"id", "behavior", "all", "all:named", "mode", "deadlock", "seed", "fingerprint",
	"worker", "traces", "depth", "aril", "sched", "revision", "timestamp", "date", "count",
	"tag", "calver", "impliedinits", "impliedactions", "invariants", "impliedtemporals",
	"temporals", "actions", "inits", "variables", "actionconstraints", "constraints",
	"level", "stats", "duration", "generated", "diameter", "distinct", "initial", "queue",
	"retries", "distinctvalues", "levelmean", "levelvariance", "bfs", "beginLine",
	"beginColumn", "endLine", "endColumn", "module", "name", "location", "context",
	"parameters", "_action",
}
