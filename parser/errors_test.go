package parser

import (
	"context"
	"strings"
	"testing"
)

// TestSyntaxErrors checks the message and the exact range of the one error
// each damaged input must produce (want is "start-end: message").
// TestModuleLeftOpen: a module left open (a new file being typed) once
// made tree-sitter's recovery take its whole budget; it is parsed closed
// by the `====` lines the parser adds (which must not be read as blanks
// after the module), so the first error is where SANY reports it
// (`Encountered "CHOOSE" at line 2, column 1`), and a module that is only
// missing its end has that one error (SANY: `Encountered "<EOF>" at line
// 4, column 14`; the added line was once blanked, and tree-sitter then
// blamed `MODULE`).
func TestModuleLeftOpen(t *testing.T) {
	const h = "---- MODULE M ----\n"
	tests := []struct{ src, first string }{
		{h + "CHOOSE @ THEN { [\n:= /\\ EXCEPT \\/ A ", "19-25: missing `==` after the operator name"},
		{h + "VARIABLE x\nA == x\nB == A => []A\n", "50-50: missing `====` at the end of the module"},
	}
	for _, tt := range tests {
		res := Parse(context.Background(), "e.tla", []byte(tt.src))
		if len(res.Errors) == 0 || res.Errors[0].String() != tt.first {
			t.Errorf("%q: errors %v, want first %s", tt.src, res.Errors, tt.first)
		}
	}
	res := Parse(context.Background(), "e.tla", []byte(tests[1].src))
	if len(res.Errors) != 1 {
		t.Errorf("a module missing only its end: errors %v, want one", res.Errors)
	}
}

func TestSyntaxErrors(t *testing.T) {
	const h = "---- MODULE E ----\n" // 19 bytes
	tests := []struct {
		name, src, want string
	}{
		{"missing def_eq", h + "Foo x + 1\n====\n", "19-22: missing `==` after the operator name"},
		{"unterminated string", h + "Bar == \"abc\n====\n", "26-30: unterminated string: a string must close with `\"` on the same line"},
		{"unterminated comment", h + "Foo == 1\n(* unterminated\nBar == 2\n====\n", "28-30: unterminated comment: `(*` is never closed by `*)`"},
		// SANY: Encountered "<EOF>" at line 3, column 9 (the last character)
		{"missing footer", h + "Foo == 1\nBar == 2\n", "36-36: missing `====` at the end of the module"},
		// SANY: at line 4, column 1: comments and blank lines count
		{"missing footer after comments", h + "Foo == 1\n(* d *)\n\n", "36-36: missing `====` at the end of the module"},
		{"no header", "Foo == 1\nBar == 2\n", "0-8: `MODULE` header expected: a module starts with a line like `---- MODULE Name ----`"},
		{"empty file", "", "0-0: `MODULE` header expected: a module starts with a line like `---- MODULE Name ----`"},
		{"binary garbage", "\x00\x01\x02\xff\xfe garbage", "0-13: `MODULE` header expected: a module starts with a line like `---- MODULE Name ----`"},
		// Headerless text that once cost tree-sitter's whole time budget
		// (its error recovery explodes where there is no module to find).
		{"no header, a conjunction", "Init == /\\ x = 1", "0-16: `MODULE` header expected: a module starts with a line like `---- MODULE Name ----`"},
		{"no header, a comment first", "(* c *)\nInit == /\\ x = 1", "0-7: `MODULE` header expected: a module starts with a line like `---- MODULE Name ----`"},
		{"no header, token soup", "VA\\BIE A(/\\\\/", "0-13: `MODULE` header expected: a module starts with a line like `---- MODULE Name ----`"},
		// Stray brackets after the module's end once made tree-sitter's
		// recovery take its whole budget; SANY ignores that text.
		{"junk after the module", h + "[ ' A\n====\n---- ENABLED ] << /\\ ", "19-20: unbalanced `[`: missing `]`"},
		{"no header, algorithm soup", "--algorithm [] end SUBSET \\/ ", "0-29: `MODULE` header expected: a module starts with a line like `---- MODULE Name ----`"},
		{"MODULE only inside a word", "---- MODULES M ----\n====\n", "0-19: `MODULE` header expected: a module starts with a line like `---- MODULE Name ----`"},
		{"nothing after in", h + "Q == \\A x \\in : x\n====\n", "29-32: expected an expression after `\\in`"},
		{"unclosed paren", h + "B == (1 + 2\n====\n", "24-25: unbalanced `(`: missing `)`"},
		{"extra paren", h + "B == (1 + 2))\n====\n", "31-32: unbalanced `)`: nothing to close"},
		{"mismatched bracket", h + "B == (1 + 2]\n====\n", "24-25: unbalanced `(`: closed by `]` instead of `)`"},
		{"unclosed except", h + "B == [x EXCEPT ![1] = 2\nC == 3\n====\n", "24-25: unbalanced `[`: missing `]`"},
		{"unclosed set", h + "B == {1, 2\n====\n", "24-25: unbalanced `{`: missing `}`"},
		{"paren in bullet", h + "B == /\\ x\n     /\\ (y\n====\n", "37-38: unbalanced `(`: missing `)`"},
		{"if without else", h + "B == IF x THEN 1\nC == 3\n====\n", "34-35: missing `ELSE`: `IF … THEN …` needs an `ELSE` branch"},
		{"dangling plus", h + "B == x +\nC == 3\n====\n", "26-27: expected an expression after `+` before the next definition"},
		{"unknown escape", h + "B == \"a\\qb\"\n====\n", "26-28: unknown escape `\\q` in a string (TLA+ knows \\\" \\\\ \\n \\t \\r \\f)"},
		{"bullet item closed left of its bullet", h + "op ==\n    /\\ 1\n    /\\ (2\n)\n    /\\ 3\n====\n",
			"44-45: `)` is not to the right of the `/\\` bullet (column 5) of its conjunction list item: SANY ends the list before this token; indent it past the bullet"},
		{"disjunct closed left of its bullet", h + "op ==\n    \\/ 1\n    \\/ (2\n  )\n====\n",
			"46-47: `)` is not to the right of the `\\/` bullet (column 5) of its disjunction list item: SANY ends the list before this token; indent it past the bullet"},
		// tree-sitter's recovery makes the whole module one ERROR here:
		// the damaged definition is found by parsing prefixes of the module
		{"if without else, last", h + "A == 1\nB == IF TRUE THEN 1\n====\n", "26-45: syntax error: this definition could not be parsed"},
		{"case without box, last", h + "A == 1\n(* B == 1 + *)\nB == CASE 1 -> 2 OTHER -> 3\n====\n", "41-68: syntax error: this definition could not be parsed"},
		// A declaration list ending in a comma before a definition: SANY
		// blames the definition's first token (its lexer marks `Name ==`
		// and `Name(…) ==` as the beginning of a definition).
		{"variables end in a comma", h + "VARIABLES a, b,\n\nFoo == 1\n====\n", "36-39: expected a name after `,`, found the definition of `Foo`"},
		{"constants end in a comma", h + "CONSTANTS F(_), N,\nG(x) == x\n====\n", "38-39: expected a name after `,`, found the definition of `G`"},
		{"variable without a name", h + "VARIABLE\nInit == 1\n====\n", "28-32: expected a name after `VARIABLE`, found the definition of `Init`"},
		{"recursive ends in a comma", h + "RECURSIVE H(_),\nH(x) == 1\n====\n", "35-36: expected a name after `,`, found the definition of `H`"},
		// `====` is the module's end, not a definition of the list's last
		// name: SANY accepts the module, whose one error is the
		// algorithm's (once, though both the tree and the lowering see it).
		{"constants last before the end", h + "CONSTANT N,\n\n\\* c\nM\n(* --algorithm A { variables x = 0; { a: x := ; } } *)\n====\n", "84-84: missing identifier"},
		// A unit whose head is no definition's: SANY looks ahead to the
		// next `==`, walks back over a head, and finds it starts later
		// than the unit, so it reports the unit's first token (SANY 2.2:
		// Encountered "u" at line 3, column 1; "MCSeq", "f", "F", "a",
		// "LOCAL MCSeq" there too; TLC's suite/test49b and test30-true).
		{"backslash word no operator", h + "A == 1\nu \\mod v == u\n====\n", "26-27: unexpected `u`: no definition starts here (a definition's head is `Name`, `Name(params)`, `f[x \\in S]` or an operator with its operands, before `==`)"},
		{"equals for ==", h + "A == 1\nMCSeq(a) = {a}\nB == 2\n====\n", "26-31: unexpected `MCSeq`: no definition starts here (a definition's head is `Name`, `Name(params)`, `f[x \\in S]` or an operator with its operands, before `==`)"},
		{"equals for ==, last", h + "A == 1\nMCSeq(a) = {a}\n====\n", "26-31: unexpected `MCSeq`: no definition starts here (a definition's head is `Name`, `Name(params)`, `f[x \\in S]` or an operator with its operands, before `==`)"},
		{"local equals for ==", h + "A == 1\nLOCAL MCSeq(a) = {a}\nB == 2\n====\n", "26-37: unexpected `LOCAL MCSeq`: no definition starts here (a definition's head is `Name`, `Name(params)`, `f[x \\in S]` or an operator with its operands, before `==`)"},
		{"function equals for ==", h + "A == 1\nf[x \\in {1}] = x\nTHEOREM B == TRUE\n====\n", "26-27: unexpected `f`: no definition starts here (a definition's head is `Name`, `Name(params)`, `f[x \\in S]` or an operator with its operands, before `==`)"},
		{"expression as head", h + "A == 1\nF(a) + 1 == a\n====\n", "26-27: unexpected `F`: no definition starts here (a definition's head is `Name`, `Name(params)`, `f[x \\in S]` or an operator with its operands, before `==`)"},
		{"infix head with more", h + "A == 1\na ++ b + c == 1\n====\n", "26-27: unexpected `a`: no definition starts here (a definition's head is `Name`, `Name(params)`, `f[x \\in S]` or an operator with its operands, before `==`)"},
		{"box is not a bracket", h + "B == [][x' = x]_x /\\ (1 + 2\n====\n", "40-41: unbalanced `(`: missing `)`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Parse(context.Background(), "e.tla", []byte(tt.src))
			var got []string
			for _, e := range res.Errors {
				got = append(got, e.String())
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("errors:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), tt.want)
			}
			if res.Damaged {
				t.Errorf("Damaged set for an ordinary syntax error")
			}
		})
	}
}

// TestErrorRecoveryKeepsUnits: a damaged definition does not lose the
// others, so the editor can still offer them.
func TestErrorRecoveryKeepsUnits(t *testing.T) {
	src := "---- MODULE E ----\nA == 1\nB == x +\nC == 3\n====\n"
	res := Parse(context.Background(), "e.tla", []byte(src))
	if res.Module.Name == nil || res.Module.Name.Name != "E" {
		t.Fatalf("module name = %v", res.Module.Name)
	}
	if len(res.Module.Units) == 0 {
		t.Fatal("no units recovered")
	}
	first := dumpAST(res.Module.Units[0], []byte(src))
	if !strings.HasPrefix(first, "OpDef 19-25 Name=\"A\"@19-20") {
		t.Errorf("first unit = %s", first)
	}
}

// TestDeclarationsBeforeDefinitions: declaration lists that end properly
// (operator constants with arguments, RECURSIVE, a trailing comment) before
// a definition are no error; SANY accepts them all.
func TestDeclarationsBeforeDefinitions(t *testing.T) {
	src := "---- MODULE E ----\nEXTENDS Integers\nCONSTANTS F(_, _), N \\* N,\nG == 1\n" +
		"RECURSIVE H(_)\nH(x) == IF x = 0 THEN 0 ELSE H(x-1)\nVARIABLES a,\n  b\nI(y) == a\nCONSTANT _%%_\n====\n"
	res := Parse(context.Background(), "e.tla", []byte(src))
	for _, e := range res.Errors {
		t.Errorf("unexpected error %s", e.String())
	}
}

// TestBulletLayoutAccepted: layouts SANY accepts get no layout error: tokens
// right of the bullet, comments anywhere, a `(*` inside a string, nested
// lists, and non-ASCII text before a bullet (columns count characters).
func TestBulletLayoutAccepted(t *testing.T) {
	const h = "---- MODULE E ----\n"
	for _, src := range []string{
		"op ==\n    /\\ 1\n    /\\ (2\n     )\n    /\\ 3\n====\n",
		"op ==\n    /\\ (2\n(* a comment\nat column 0 *)\n\\* another\n      )\n====\n",
		"op ==\n    /\\ \"(*\" = (2\n      )\n====\n",
		"op ==\n  \\/ /\\ (1\n       )\n     /\\ 2\n  \\/ 3\n====\n",
		"op ==\n(*é*) /\\ (1\n       )\n====\n",
	} {
		res := Parse(context.Background(), "e.tla", []byte(h+src))
		if len(res.Errors) != 0 {
			t.Errorf("%q: unexpected errors %v", src, res.Errors)
		}
	}
}
