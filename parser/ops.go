package parser

// canonicalOp maps each operator-symbol node type of the grammar to the one
// spelling tlals uses for it everywhere (ast.Infix.Op, ast.PrefixExpr.Op,
// ast.PostfixExpr.Op and the Name of an operator symbol used as a name or
// defined by the user). The grammar already groups the ASCII synonyms and
// Unicode forms of an operator under one node type (`\land`, `/\` and `∧`
// are all "land"), so folding is a lookup by node type. The spellings follow
// the first ASCII form in the table of standard operators of "Specifying
// Systems" (p. 268-269), with these choices: `#` → `/=`, `=<` and `\leq` →
// `<=`, `\geq` → `>=`, `\union` → `\cup`, `\intersect` → `\cap`, `\circ` →
// `\o`, `\times` → `\X`, `\lnot` and `\neg` → `~`, `\lor` → `\/`,
// `\land` → `/\`, `(+)` → `\oplus` (and the other circled forms).
// The negation prefix `-` is "-." so that it never collides with binary
// minus "-".
var canonicalOp = map[string]string{
	// prefix
	"lnot": "~", "union": "UNION", "powerset": "SUBSET", "domain": "DOMAIN",
	"negative": "-.", "negative_dot": "-.", "enabled": "ENABLED", "unchanged": "UNCHANGED",
	"always": "[]", "eventually": "<>",
	// infix
	"implies": "=>", "plus_arrow": "-+->", "equiv": "\\equiv", "iff": "<=>",
	"leads_to": "~>", "land": "/\\", "lor": "\\/", "assign": ":=", "bnf_rule": "::=",
	"eq": "=", "neq": "/=", "lt": "<", "gt": ">", "leq": "<=", "geq": ">=",
	"approx": "\\approx", "rs_ttile": "|-", "rd_ttile": "|=", "ls_ttile": "-|",
	"ld_ttile": "=|", "asymp": "\\asymp", "cong": "\\cong", "doteq": "\\doteq",
	"gg": "\\gg", "ll": "\\ll", "in": "\\in", "notin": "\\notin", "prec": "\\prec",
	"succ": "\\succ", "preceq": "\\preceq", "succeq": "\\succeq", "propto": "\\propto",
	"sim": "\\sim", "simeq": "\\simeq", "sqsubset": "\\sqsubset", "sqsupset": "\\sqsupset",
	"sqsubseteq": "\\sqsubseteq", "sqsupseteq": "\\sqsupseteq", "subset": "\\subset",
	"supset": "\\supset", "subseteq": "\\subseteq", "supseteq": "\\supseteq",
	"compose": "@@", "map_to": ":>", "map_from": "<:", "setminus": "\\",
	"cap": "\\cap", "cup": "\\cup", "dots_2": "..", "dots_3": "...", "plus": "+",
	"plusplus": "++", "oplus": "\\oplus", "ominus": "\\ominus", "mod": "%", "modmod": "%%",
	"vert": "|", "vertvert": "||", "minus": "-", "minusminus": "--", "amp": "&",
	"ampamp": "&&", "odot": "\\odot", "oslash": "\\oslash", "otimes": "\\otimes",
	"mul": "*", "mulmul": "**", "slash": "/", "slashslash": "//", "bigcirc": "\\bigcirc",
	"bullet": "\\bullet", "div": "\\div", "circ": "\\o", "star": "\\star", "excl": "!!",
	"hashhash": "##", "dol": "$", "doldol": "$$", "qq": "??", "sqcap": "\\sqcap",
	"sqcup": "\\sqcup", "uplus": "\\uplus", "times": "\\X", "wr": "\\wr", "cdot": "\\cdot",
	"pow": "^", "powpow": "^^",
	// postfix
	"sup_plus": "^+", "asterisk": "^*", "sup_hash": "^#", "prime": "'",
}

// canonicalSet maps the built-in set nodes to the names they are known by.
var canonicalSet = map[string]string{
	"string_set": "STRING", "boolean_set": "BOOLEAN",
	"nat_number_set": "Nat", "int_number_set": "Int", "real_number_set": "Real",
}
