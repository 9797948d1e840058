package parser

// The reserved words of the two languages, in one place for every reader:
// rename refuses them as names, completion and scope recovery skip them,
// semantic tokens colour them inside the algorithm comment.

// reservedWords are TLA+'s reserved words (Specifying Systems, table 6,
// with TLAPS's proof keywords).
var reservedWords = wordSet(
	"ASSUME", "ASSUMPTION", "AXIOM", "CASE", "CHOOSE", "CONSTANT", "CONSTANTS", "DOMAIN",
	"ELSE", "ENABLED", "EXCEPT", "EXTENDS", "IF", "IN", "INSTANCE", "LET", "LOCAL", "MODULE",
	"OTHER", "SF_", "SUBSET", "THEN", "THEOREM", "UNCHANGED", "UNION", "VARIABLE", "VARIABLES",
	"WF_", "WITH", "LAMBDA", "RECURSIVE", "TRUE", "FALSE", "BOOLEAN", "STRING",
	"ACTION", "BY", "COROLLARY", "DEF", "DEFINE", "DEFS", "HAVE", "HIDE", "LEMMA", "NEW",
	"OBVIOUS", "OMITTED", "ONLY", "PICK", "PROOF", "PROPOSITION", "PROVE", "QED", "STATE",
	"SUFFICES", "TAKE", "TEMPORAL", "USE", "WITNESS",
)

// plusCalKeywords are reserved inside an algorithm (both syntaxes).
var plusCalKeywords = wordSet(
	"algorithm", "assert", "await", "begin", "call", "define", "do", "either", "else", "elsif",
	"end", "fair", "goto", "if", "macro", "or", "print", "procedure", "process", "return",
	"skip", "then", "variable", "variables", "when", "while", "with",
)

// IsReservedWord reports whether w is a TLA+ reserved word.
func IsReservedWord(w string) bool { return reservedWords[w] }

// IsPlusCalKeyword reports whether w is a PlusCal keyword.
func IsPlusCalKeyword(w string) bool { return plusCalKeywords[w] }

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
