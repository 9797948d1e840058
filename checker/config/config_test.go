package config

import (
	"fmt"
	"strings"
	"testing"
)

// rng renders a range as line:col-line:col.
func rng(p, e Pos) string { return fmt.Sprintf("%d:%d-%d:%d", p.Line, p.Col, e.Line, e.Col) }

func dumpName(n Name) string { return n.Text + "@" + rng(n.Pos, n.End) }

func dumpValue(v Value) string {
	var s string
	switch v.Kind {
	case IntValue:
		s = fmt.Sprintf("int %d", v.Int)
	case StringValue:
		s = fmt.Sprintf("str %q", v.Str)
	case BoolValue:
		s = fmt.Sprintf("bool %v", v.Bool)
	case ModelValue:
		s = "mv " + v.Str
	case SetValue:
		var es []string
		for _, e := range v.Elems {
			es = append(es, dumpValue(e))
		}
		s = "{" + strings.Join(es, ", ") + "}"
	default:
		s = fmt.Sprintf("bad kind %d", v.Kind)
	}
	return s + "@" + rng(v.Pos, v.End)
}

// dump renders everything Parse produced, positions included, one fact per
// line, so tests can state exact expectations readably.
func dump(c *Config) string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for _, k := range c.Keywords {
		add("kw %s", dumpName(k))
	}
	for _, a := range c.Constants {
		s := "const " + dumpName(a.Name)
		if a.Args != nil {
			var as []string
			for _, v := range a.Args {
				as = append(as, dumpValue(v))
			}
			s += "(" + strings.Join(as, ", ") + ")"
		}
		s += " ="
		if a.Module != nil {
			s += " [" + dumpName(*a.Module) + "]"
		}
		add("%s %s", s, dumpValue(a.Value))
	}
	for _, sb := range c.Substitutions {
		s := "subst " + dumpName(sb.Name) + " <-"
		if sb.Module != nil {
			s += "[" + dumpName(*sb.Module) + "]"
		}
		add("%s %s", s, dumpName(sb.Def))
	}
	single := func(k string, n *Name) {
		if n != nil {
			add("%s %s", k, dumpName(*n))
		}
	}
	list := func(k string, ns []Name) {
		for _, n := range ns {
			add("%s %s", k, dumpName(n))
		}
	}
	single("init", c.Init)
	single("next", c.Next)
	single("spec", c.Specification)
	list("invariant", c.Invariants)
	list("property", c.Properties)
	list("constraint", c.Constraints)
	list("action_constraint", c.ActionConstraints)
	list("postcondition", c.Postconditions)
	list("possible", c.Possible)
	single("view", c.View)
	single("alias", c.Alias)
	single("symmetry", c.Symmetry)
	single("periodic", c.Periodic)
	single("rl_reward", c.RLReward)
	if c.CheckDeadlock != nil {
		add("deadlock %v %s", *c.CheckDeadlock, dumpName(c.CheckDeadlockAt))
	}
	return strings.Join(out, "\n")
}

func dumpErrs(errs []error) string {
	var out []string
	for _, err := range errs {
		e := err.(*Error)
		out = append(out, rng(e.Pos, e.End)+": "+e.Msg)
	}
	return strings.Join(out, "\n")
}

// checkPositions verifies, independently of the lexer's line table, that every
// position's line and column agree with its offset, and that a plain name's
// range covers exactly its text.
func checkPositions(t *testing.T, src []byte, c *Config, errs []error) {
	t.Helper()
	check := func(what string, p Pos) {
		if p.Offset < 0 || p.Offset > len(src) {
			t.Errorf("%s: offset %d outside [0,%d]", what, p.Offset, len(src))
			return
		}
		line := 1 + strings.Count(string(src[:p.Offset]), "\n")
		col := p.Offset - (strings.LastIndexByte(string(src[:p.Offset]), '\n') + 1) + 1
		if p.Line != line || p.Col != col {
			t.Errorf("%s: position %d:%d does not match offset %d (want %d:%d)", what, p.Line, p.Col, p.Offset, line, col)
		}
	}
	rangeOK := func(what string, p, e Pos) {
		check(what, p)
		check(what, e)
		if e.Offset < p.Offset {
			t.Errorf("%s: end %d before start %d", what, e.Offset, p.Offset)
		}
	}
	name := func(n Name) {
		rangeOK(n.Text, n.Pos, n.End)
		if !strings.Contains(n.Text, "!") && n.End.Offset <= len(src) && n.Pos.Offset <= n.End.Offset {
			if got := string(src[n.Pos.Offset:n.End.Offset]); got != n.Text {
				t.Errorf("name %q covers %q", n.Text, got)
			}
		}
	}
	var value func(v Value)
	value = func(v Value) {
		rangeOK("value "+v.String(), v.Pos, v.End)
		for _, e := range v.Elems {
			value(e)
		}
	}
	for _, k := range c.Keywords {
		name(k)
	}
	for _, a := range c.Constants {
		name(a.Name)
		if a.Module != nil {
			name(*a.Module)
		}
		for _, v := range a.Args {
			value(v)
		}
		value(a.Value)
	}
	for _, s := range c.Substitutions {
		name(s.Name)
		name(s.Def)
		if s.Module != nil {
			name(*s.Module)
		}
	}
	for _, n := range []*Name{c.Init, c.Next, c.Specification, c.View, c.Alias, c.Symmetry, c.Periodic, c.RLReward} {
		if n != nil {
			name(*n)
		}
	}
	for _, ns := range [][]Name{c.Invariants, c.Properties, c.Constraints, c.ActionConstraints, c.Postconditions} {
		for _, n := range ns {
			name(n)
		}
	}
	if c.CheckDeadlock != nil {
		name(c.CheckDeadlockAt)
	}
	for _, err := range errs {
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("error %v is %T, want *Error", err, err)
			continue
		}
		rangeOK("error "+e.Msg, e.Pos, e.End)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", ""},
		{"only comments", "\\* nothing\n(* still (* nested *) nothing *)\n", ""},
		{
			// TLC's test30: operator symbols on either side of <-
			"operator substitutions",
			"CONSTANT\n  ++ <- PlusPlus\n  Plus <- +\n  \\o <- +\n  \\cup <-[M] U\n",
			`kw CONSTANT@1:1-1:9
subst ++@2:3-2:5 <- PlusPlus@2:9-2:17
subst Plus@3:3-3:7 <- +@3:11-3:12
subst \o@4:3-4:5 <- +@4:9-4:10
subst \cup@5:3-5:7 <-[M@5:11-5:12] U@5:14-5:15`,
		},
		{
			"possible",
			"_POSSIBLE HasFour PourAction\nPOSTCONDITION PossibleCounts",
			`kw _POSSIBLE@1:1-1:10
kw POSTCONDITION@2:1-2:14
postcondition PossibleCounts@2:15-2:29
possible HasFour@1:11-1:18
possible PourAction@1:19-1:29`,
		},
		{
			"uploader",
			"CONSTANTS\n  Users = {u1}\n  NULL = NULL\n  MaxId = 2\nSPECIFICATION Spec\nINVARIANT NoOrphanContent\nCHECK_DEADLOCK FALSE\n",
			`kw CONSTANTS@1:1-1:10
kw SPECIFICATION@5:1-5:14
kw INVARIANT@6:1-6:10
kw CHECK_DEADLOCK@7:1-7:15
const Users@2:3-2:8 = {mv u1@2:12-2:14}@2:11-2:15
const NULL@3:3-3:7 = mv NULL@3:10-3:14
const MaxId@4:3-4:8 = int 2@4:11-4:12
spec Spec@5:15-5:19
invariant NoOrphanContent@6:11-6:26
deadlock false FALSE@7:16-7:21`,
		},
		{
			"all values",
			`CONSTANT A = -42 B = "x y" C = TRUE D = FALSE E = {} F = {1, {"a", m}, {}}`,
			`kw CONSTANT@1:1-1:9
const A@1:10-1:11 = int -42@1:14-1:17
const B@1:18-1:19 = str "x y"@1:22-1:27
const C@1:28-1:29 = bool true@1:32-1:36
const D@1:37-1:38 = bool false@1:41-1:46
const E@1:47-1:48 = {}@1:51-1:53
const F@1:54-1:55 = {int 1@1:59-1:60, {str "a"@1:63-1:66, mv m@1:68-1:69}@1:62-1:70, {}@1:72-1:74}@1:58-1:75`,
		},
		{
			"negative with space and extremes",
			"CONSTANTS A = - 7\nB = -2147483648\nC = 2147483647\nD = 007",
			`kw CONSTANTS@1:1-1:10
const A@1:11-1:12 = int -7@1:15-1:18
const B@2:1-2:2 = int -2147483648@2:5-2:16
const C@3:1-3:2 = int 2147483647@3:5-3:15
const D@4:1-4:2 = int 7@4:5-4:8`,
		},
		{
			"substitutions",
			"CONSTANTS\nN <- NVal\nBallot <- [Voting]def_ov_1\nP <-[M] Q\nR = [Mod] {a}",
			`kw CONSTANTS@1:1-1:10
const R@5:1-5:2 = [Mod@5:6-5:9] {mv a@5:12-5:13}@5:11-5:14
subst N@2:1-2:2 <- NVal@2:6-2:10
subst Ballot@3:1-3:7 <-[Voting@3:12-3:18] def_ov_1@3:19-3:27
subst P@4:1-4:2 <-[M@4:6-4:7] Q@4:9-4:10`,
		},
		{
			"operator arguments and instance path",
			"CONSTANT F(1, a) = 2 inst!sub!C = 3 G(\"s\") = {x}",
			`kw CONSTANT@1:1-1:9
const F@1:10-1:11(int 1@1:12-1:13, mv a@1:15-1:16) = int 2@1:20-1:21
const inst!sub!C@1:22-1:32 = int 3@1:35-1:36
const G@1:37-1:38(str "s"@1:39-1:42) = {mv x@1:47-1:48}@1:46-1:49`,
		},
		{
			"single sections and lists over lines",
			"INIT Init NEXT Next\nINVARIANTS\n  TypeOK\n  Safe \\* why\nPROPERTY Live\nPROPERTIES P2 P3\nCONSTRAINT Bound\nACTION_CONSTRAINTS AC\nPOSTCONDITION Post\nVIEW V ALIAS Al SYMMETRY Sym\nCHECK_DEADLOCK TRUE\nINVARIANT\nCONSTRAINTS",
			`kw INIT@1:1-1:5
kw NEXT@1:11-1:15
kw INVARIANTS@2:1-2:11
kw PROPERTY@5:1-5:9
kw PROPERTIES@6:1-6:11
kw CONSTRAINT@7:1-7:11
kw ACTION_CONSTRAINTS@8:1-8:19
kw POSTCONDITION@9:1-9:14
kw VIEW@10:1-10:5
kw ALIAS@10:8-10:13
kw SYMMETRY@10:17-10:25
kw CHECK_DEADLOCK@11:1-11:15
kw INVARIANT@12:1-12:10
kw CONSTRAINTS@13:1-13:12
init Init@1:6-1:10
next Next@1:16-1:20
invariant TypeOK@3:3-3:9
invariant Safe@4:3-4:7
property Live@5:10-5:14
property P2@6:12-6:14
property P3@6:15-6:17
constraint Bound@7:12-7:17
action_constraint AC@8:20-8:22
postcondition Post@9:15-9:19
view V@10:6-10:7
alias Al@10:14-10:16
symmetry Sym@10:26-10:29
deadlock true TRUE@11:16-11:20`,
		},
		{
			"comments between tokens and CRLF",
			"CONSTANTS (* c *) N \\* c\r\n = (* multi\nline *) 3\r\nINIT(*x*)I",
			`kw CONSTANTS@1:1-1:10
kw INIT@4:1-4:5
const N@1:19-1:20 = int 3@3:9-3:10
init I@4:10-4:11`,
		},
		{
			"strings keep escapes raw as TLC does",
			`CONSTANT S = "a\"b\\c\n"`,
			`kw CONSTANT@1:1-1:9
const S@1:10-1:11 = str "a\\\"b\\\\c\\n"@1:14-1:25`,
		},
		{
			"byte order mark and multibyte in string",
			"\xEF\xBB\xBFCONSTANT S = \"é\"",
			`kw CONSTANT@1:4-1:12
const S@1:13-1:14 = str "é"@1:17-1:21`,
		},
		{
			"internal TLC sections",
			"_PERIODIC Per _RL_REWARD Rew",
			`kw _PERIODIC@1:1-1:10
kw _RL_REWARD@1:15-1:25
periodic Per@1:11-1:14
rl_reward Rew@1:26-1:29`,
		},
		{
			"identifiers with digits and underscores",
			"CONSTANT a_1 = 1st",
			`kw CONSTANT@1:1-1:9
const a_1@1:10-1:13 = mv 1st@1:16-1:19`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, errs := Parse("t.cfg", []byte(tt.src))
			if len(errs) != 0 {
				t.Fatalf("unexpected errors:\n%s", dumpErrs(errs))
			}
			if got := dump(c); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			checkPositions(t, []byte(tt.src), c, errs)
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		errs      string // one "range: message" per line
		want      string // what was still parsed (dump without keywords)
	}{
		{
			"unknown keyword",
			"FOO Bar\nINIT Init",
			"1:1-1:4: unknown keyword FOO",
			"init Init@2:6-2:10",
		},
		{
			"lower-case keyword",
			"init Init\nNEXT Next",
			"1:1-1:5: unknown keyword init (keywords are upper case: INIT)",
			"next Next@2:6-2:10",
		},
		{
			"operator given a value",
			"CONSTANT + = 3\nINIT Init",
			"1:12-1:13: expected `<-` after the operator + (an operator is replaced by a definition: + <- Def), found `=`",
			"init Init@2:6-2:10",
		},
		{
			"symbol at top level",
			"= 3\nNEXT Next",
			"1:1-1:2: expected a keyword such as CONSTANTS, INIT, NEXT, SPECIFICATION or INVARIANT, found `=`",
			"next Next@2:6-2:10",
		},
		{
			"extra name after single section",
			"INIT Init Other\nNEXT Next",
			"1:11-1:16: unexpected Other: INIT takes exactly one name",
			"init Init@1:6-1:10\nnext Next@2:6-2:10",
		},
		{
			"INIT twice keeps the first",
			"INIT A\nNEXT N\nINIT B",
			"3:1-3:7: INIT given twice (first at line 1); TLC allows one",
			"init A@1:6-1:7\nnext N@2:6-2:7",
		},
		{
			"SPECIFICATION missing name before keyword",
			"SPECIFICATION\nINVARIANT Inv",
			"1:1-1:14: SPECIFICATION expects an operator name, found keyword INVARIANT",
			"invariant Inv@2:11-2:14",
		},
		{
			"NEXT at end of file",
			"NEXT \\* nothing",
			"1:1-1:5: NEXT expects an operator name, found end of file",
			"",
		},
		{
			"missing = or <-",
			"CONSTANTS\n  N 3\n  M = 1",
			"2:5-2:6: expected `=` or `<-` after constant name N, found `3`",
			"const M@3:3-3:4 = int 1@3:7-3:8",
		},
		{
			"missing operator and next entry on next line",
			"CONSTANTS\n  N\n  M = 1",
			"3:3-3:4: expected `=` or `<-` after constant name N, found `M`",
			"const M@3:3-3:4 = int 1@3:7-3:8",
		},
		{
			"unterminated string",
			"CONSTANT S = \"abc\nINIT I",
			"1:14-1:18: unterminated string: no closing `\"` on this line",
			"const S@1:10-1:11 = str \"abc\"@1:14-1:18\ninit I@2:6-2:7",
		},
		{
			"bad escape",
			`CONSTANT S = "a\qb"`,
			"1:16-1:18: unknown escape `\\q` in string (TLA+ allows \\\" \\\\ \\n \\t \\r \\f)",
			`const S@1:10-1:11 = str "a\\qb"@1:14-1:20`,
		},
		{
			"CHECK_DEADLOCK needs a boolean",
			"CHECK_DEADLOCK yes\nINIT I",
			"1:1-1:19: CHECK_DEADLOCK expects TRUE or FALSE, found `yes`",
			"init I@2:6-2:7",
		},
		{
			"CHECK_DEADLOCK twice",
			"CHECK_DEADLOCK FALSE\nCHECK_DEADLOCK TRUE",
			"2:1-2:20: CHECK_DEADLOCK given twice (first at line 1); TLC allows one",
			"deadlock false FALSE@1:16-1:21",
		},
		{
			"sequence value",
			"CONSTANTS\n  A = <<1,2,3>>\n  B = 2",
			"2:7-2:9: expected a value (a number, string, TRUE, FALSE, model value or set) after `=` for A, found `<<`; a .cfg file cannot contain tuples or sequences: define the value in a .tla module and substitute it with `<-`",
			"const B@3:3-3:4 = int 2@3:7-3:8",
		},
		{
			"range value",
			"CONSTANT A = 1..3",
			"1:15-1:17: unexpected `..` after the value of A; a .cfg file cannot contain ranges such as 1..3: write the set out, or define it in a .tla module and use `<-`",
			"",
		},
		{
			"unclosed set",
			"CONSTANTS\n  S = {a, b\n  T = 1",
			"3:3-3:4: expected `,` or `}` in the set opened at line 2, column 7, found `T`",
			"const T@3:3-3:4 = int 1@3:7-3:8",
		},
		{
			"set at end of file",
			"CONSTANT S = {a,",
			"1:17-1:17: expected a value (a number, string, TRUE, FALSE, model value or set) in the set opened at line 1, column 14, found end of file",
			"",
		},
		{
			"value missing before keyword",
			"CONSTANT N =\nINIT Init",
			"2:1-2:5: expected a value (a number, string, TRUE, FALSE, model value or set) after `=` for N, found keyword INIT",
			"init Init@2:6-2:10",
		},
		{
			"integer out of range",
			"CONSTANTS A = 2147483648 B = -2147483649 C = 99999999999999999999999",
			"1:15-1:25: integer 2147483648 is out of range: TLC integers lie in -2147483648..2147483647\n" +
				"1:30-1:41: integer -2147483649 is out of range: TLC integers lie in -2147483648..2147483647\n" +
				"1:46-1:69: integer 99999999999999999999999 is out of range: TLC integers lie in -2147483648..2147483647",
			"",
		},
		{
			"minus without number",
			"CONSTANT A = - x",
			"1:14-1:17: expected a number after `-`, found `x`",
			"",
		},
		{
			"substitution without definition",
			"CONSTANTS N <- \nINIT I",
			"1:13-1:15: expected a definition name after `<-` for N, found keyword INIT",
			"init I@2:6-2:7",
		},
		{
			"module override without ]",
			"CONSTANTS N <-[M D\nP <- Q",
			"1:15-1:19: expected `]` after `<-[M`, found `D`",
			"subst P@2:1-2:2 <- Q@2:6-2:7",
		},
		{
			"record value",
			"CONSTANT R = [a |-> 1]",
			"1:14-1:20: expected `]` after `=[a`, found `|->`; a .cfg file cannot contain records or functions: define the value in a .tla module and substitute it with `<-`",
			"",
		},
		{
			"module name missing",
			"CONSTANTS N = [] 1",
			"1:16-1:17: expected a module name after `=[`, found `]`",
			"",
		},
		{
			"bad operator argument list",
			"CONSTANTS F(1 2) = 3\nG(1) 3",
			"1:15-1:16: expected `,` or `)` in the arguments of F, found `2`\n" +
				"2:6-2:7: expected `=` after G(...), found `3`",
			"",
		},
		{
			"instance path needs a name",
			"CONSTANTS a!= 1",
			"1:13-1:14: expected a name after `!` in a, found `=`",
			"",
		},
		{
			"comma in a name list",
			"INVARIANTS A, B",
			"1:13-1:14: unexpected `,` in INVARIANTS: separate names with spaces or line breaks",
			"invariant A@1:12-1:13\ninvariant B@1:15-1:16",
		},
		{
			"non-name in a list",
			"PROPERTY 3 P",
			"1:10-1:11: PROPERTY expects operator names, found `3`",
			"property P@1:12-1:13",
		},
		{
			"unterminated comment",
			"INIT I (* never closed",
			"1:8-1:10: unterminated comment: `(*` has no matching `*)`",
			"init I@1:6-1:7",
		},
		{
			"unexpected characters",
			"INIT I\n# hi\nNEXT é",
			"2:1-2:2: expected a keyword such as CONSTANTS, INIT, NEXT, SPECIFICATION or INVARIANT, found `#`\n3:1-3:5: NEXT expects an operator name, found end of file\n3:6-3:8: unexpected character U+00E9 'é'",
			"init I@1:6-1:7",
		},
		{
			"invalid utf-8",
			"INIT \xff",
			"1:1-1:5: INIT expects an operator name, found end of file\n1:6-1:7: invalid UTF-8 byte 0xFF",
			"",
		},
		{
			"constant name not a word",
			"CONSTANTS\n  {a} = 1\n  B = 2",
			"2:3-2:4: expected a constant name, found `{`",
			"const B@3:3-3:4 = int 2@3:7-3:8",
		},
		{
			"errors collected across sections",
			"CONSTANT A = }\nINIT\nNEXT N N2",
			"1:14-1:15: expected a value (a number, string, TRUE, FALSE, model value or set) after `=` for A, found `}`\n" +
				"2:1-2:5: INIT expects an operator name, found keyword NEXT\n" +
				"3:8-3:10: unexpected N2: NEXT takes exactly one name",
			"next N@3:6-3:7",
		},
		{
			"deep nesting is bounded",
			"CONSTANT A = " + strings.Repeat("{", 600),
			"1:514-1:515: sets nested more than 500 deep",
			"",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			c, errs := Parse("t.cfg", src)
			if got := dumpErrs(errs); got != tt.errs {
				t.Errorf("errors:\n%s\nwant:\n%s", got, tt.errs)
			}
			c.Keywords = nil
			if got := dump(c); got != tt.want {
				t.Errorf("parsed:\n%s\nwant:\n%s", got, tt.want)
			}
			checkPositions(t, src, c, errs)
		})
	}
}

func TestErrorString(t *testing.T) {
	_, errs := Parse("models/MC.cfg", []byte("INIT Init\n  FOO"))
	if len(errs) != 1 {
		t.Fatalf("got %d errors, want 1", len(errs))
	}
	if got, want := errs[0].Error(), "models/MC.cfg:2:3: unexpected FOO: INIT takes exactly one name"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// An operator replaced by a definition may follow another constant's value,
// as it may start the list (a fuzz finding: formatting put it second).
func TestReplacedOperatorAfterValue(t *testing.T) {
	c, errs := Parse("m.cfg", []byte("CONSTANTS A = 0 ++ <- PlusPlus B = 1"))
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	var got []string
	for _, a := range c.Constants {
		got = append(got, a.Name.Text+" = ...")
	}
	for _, r := range c.Substitutions {
		got = append(got, r.Name.Text+" <- "+r.Def.Text)
	}
	if want := "[A = ... B = ... ++ <- PlusPlus]"; fmt.Sprint(got) != want {
		t.Errorf("entries %v, want %s", got, want)
	}
}
