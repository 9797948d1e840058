package stdlib

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/grammar"
)

// wantDefs lists, per module, the names of the operators and functions the
// module defines at top level, LOCAL ones prefixed with "LOCAL ".
var wantDefs = map[string][]string{
	"Naturals": {"Nat", "+", "-", "*", "^", "\\leq", "\\geq", "<", ">", "..", "\\div", "%"},
	"Integers": {"Int", "-."},
	"Reals":    {"Real", "/", "Infinity"},
	"Sequences": {"Seq", "Len", "\\o", "Append", "Head", "Tail", "SubSeq",
		"SelectSeq"},
	"FiniteSets": {"IsFiniteSet", "Cardinality"},
	"Bags": {"IsABag", "BagToSet", "SetToBag", "BagIn", "EmptyBag", "CopiesIn",
		"(+)", "(-)", "LOCAL Sum", "BagUnion", "\\sqsubseteq", "SubBag",
		"BagOfAll", "BagCardinality"},
	"TLC": {"Print", "PrintT", "Assert", "JavaTime", "TLCGet", "TLCSet", ":>",
		"@@", "Permutations", "SortSeq", "RandomElement", "Any", "ToString",
		"TLCEval"},
	"TLCExt": {"AssertEq", "AssertError", "TLCGetOrDefault", "TLCGetAndSet",
		"Trace", "CounterExample", "ToTrace", "TLCModelValue", "TLCDefer",
		"TLCNoOp", "PickSuccessor", "TLCCache", "TLCFP", "TLCEvalDefinition"},
	"Randomization": {"RandomSubset", "RandomSetOfSubsets",
		"TestRandomSetOfSubsets", "RandomSubsetSet", "RandomSubsetSetSize"},
	"Json": {"ToJson", "ToJsonArray", "ToJsonObject", "JsonSerialize",
		"JsonDeserialize", "ndJsonSerialize", "ndJsonDeserialize"},
	"Toolbox":   {"_TETrace", "_TEPosition"},
	"_Possible": {"_Track", "_Counts", "_CheckName", "_PrintCounts"},
	"Apalache": {":=", "Gen", "Guess", "Skolem", "Expand", "ConstCardinality",
		"MkSeq", "FunAsSeq", "Repeat", "SetAsFun", "ApaFoldSet", "ApaFoldSeqLeft"},
}

// wantImports lists, per module, its EXTENDS ("EXTENDS M") and its
// top-level instances ("LOCAL INSTANCE M" or "INSTANCE M"), in order, as in
// the standard distribution.
var wantImports = map[string][]string{
	"Naturals":      nil,
	"Integers":      {"EXTENDS Naturals"},
	"Reals":         {"EXTENDS Integers"},
	"Sequences":     {"LOCAL INSTANCE Naturals"},
	"FiniteSets":    {"LOCAL INSTANCE Naturals", "LOCAL INSTANCE Sequences"},
	"Bags":          {"EXTENDS TLC", "LOCAL INSTANCE Naturals"},
	"TLC":           {"LOCAL INSTANCE Naturals", "LOCAL INSTANCE Sequences", "LOCAL INSTANCE FiniteSets"},
	"TLCExt":        {"LOCAL INSTANCE TLC", "LOCAL INSTANCE Integers"},
	"Randomization": {"LOCAL INSTANCE Naturals", "LOCAL INSTANCE FiniteSets"},
	"Json":          {"LOCAL INSTANCE Sequences"},
	"Toolbox":       {"LOCAL INSTANCE Naturals", "LOCAL INSTANCE Sequences"},
	"_Possible":     {"LOCAL INSTANCE Naturals", "LOCAL INSTANCE Sequences"},
	"Apalache":      {"LOCAL INSTANCE Naturals", "LOCAL INSTANCE Sequences", "LOCAL INSTANCE FiniteSets"},
}

// wantParams gives the parameters of some operators whose arity, and the
// arity of whose operator arguments, tools and users rely on.
var wantParams = map[string]map[string]string{
	"Naturals":      {"Nat": "", "+": "a,b", "..": "a,b", "\\div": "a,b"},
	"Integers":      {"Int": "", "-.": "a"},
	"Reals":         {"Infinity": "", "/": "a,b"},
	"Sequences":     {"Seq": "S", "Len": "s", "SubSeq": "s,m,n", "SelectSeq": "s,Test(_)"},
	"FiniteSets":    {"Cardinality": "S"},
	"Bags":          {"EmptyBag": "", "BagOfAll": "F(_),B", "CopiesIn": "e,B", "(+)": "B1,B2", "LOCAL Sum": "f"},
	"TLC":           {"Print": "out,val", "PrintT": "out", "Assert": "val,out", "JavaTime": "", "Any": "", "SortSeq": "s,Op(_,_)", ":>": "d,e"},
	"TLCExt":        {"TLCGetAndSet": "key,Op(_,_),val,defaultVal", "Trace": "", "CounterExample": "", "ToTrace": "CE", "AssertError": "err,exp"},
	"Randomization": {"RandomSubset": "k,S", "RandomSetOfSubsets": "k,n,S", "RandomSubsetSet": "k,p,S"},
}

type def struct {
	name   string       // as in wantDefs
	params []string     // parameter declarations without spaces: "s", "Op(_,_)"
	node   *sitter.Node // the operator_definition or function_definition
	outer  *sitter.Node // node that is a child of the module (local_definition or node)
	header string       // "name(params)" rendering, for messages
}

type parsed struct {
	src     []byte
	tree    *sitter.Tree
	module  *sitter.Node
	defs    []def
	imports []string
}

func parse(t *testing.T, name string) *parsed {
	t.Helper()
	src, ok := Source(name)
	if !ok {
		t.Fatalf("Source(%q) not found", name)
	}
	return parseSource(t, name, src)
}

// parseSource parses the text of module name and collects its top-level
// definitions and imports.
func parseSource(t *testing.T, name string, src []byte) *parsed {
	t.Helper()
	p := sitter.NewParser()
	p.SetLanguage(grammar.Language())
	tree, err := p.ParseCtx(context.Background(), nil, src)
	if err != nil {
		t.Fatalf("%s: parse: %v", name, err)
	}
	t.Cleanup(tree.Close)
	root := tree.RootNode()
	var module *sitter.Node
	for i := 0; i < int(root.NamedChildCount()); i++ {
		if c := root.NamedChild(i); c.Type() == "module" {
			if module != nil {
				t.Fatalf("%s: more than one module", name)
			}
			module = c
		}
	}
	if module == nil {
		t.Fatalf("%s: no module in %s", name, root.String())
	}
	res := &parsed{src: src, tree: tree, module: module}
	if got := module.ChildByFieldName("name"); got == nil || got.Content(src) != name {
		t.Errorf("%s: module header names %v", name, got)
	}
	for i := 0; i < int(module.NamedChildCount()); i++ {
		c := module.NamedChild(i)
		switch c.Type() {
		case "extends":
			for j := 0; j < int(c.NamedChildCount()); j++ {
				res.imports = append(res.imports, "EXTENDS "+c.NamedChild(j).Content(src))
			}
		case "instance":
			res.imports = append(res.imports, "INSTANCE "+instanceName(c, src))
		case "local_definition":
			inner := c.NamedChild(0)
			switch inner.Type() {
			case "instance":
				res.imports = append(res.imports, "LOCAL INSTANCE "+instanceName(inner, src))
			case "operator_definition", "function_definition":
				d := newDef(inner, src)
				d.name = "LOCAL " + d.name
				d.outer = c
				res.defs = append(res.defs, d)
			default:
				t.Errorf("%s: unexpected LOCAL %s", name, inner.Type())
			}
		case "operator_definition", "function_definition":
			d := newDef(c, src)
			d.outer = c
			res.defs = append(res.defs, d)
		case "module_definition":
			t.Errorf("%s: unexpected module definition %s", name, c.Content(src))
		}
	}
	return res
}

func instanceName(inst *sitter.Node, src []byte) string {
	for j := 0; j < int(inst.NamedChildCount()); j++ {
		if c := inst.NamedChild(j); c.Type() == "identifier_ref" {
			return c.Content(src)
		}
	}
	return "?"
}

// newDef reads the name and parameters of an operator_definition or
// function_definition node.
func newDef(n *sitter.Node, src []byte) def {
	d := def{node: n}
	var params []string
	for i := 0; i < int(n.ChildCount()); i++ {
		c := n.Child(i)
		switch n.FieldNameForChild(i) {
		case "name":
			d.name = c.Content(src)
		case "parameter":
			if c.IsNamed() { // the field also covers "(", "," and ")"
				params = append(params, strings.ReplaceAll(c.Content(src), " ", ""))
			}
		}
	}
	d.params = params
	d.header = strings.SplitN(n.Content(src), "\n", 2)[0]
	return d
}

func TestNames(t *testing.T) {
	want := []string{"Apalache", "Bags", "FiniteSets", "Integers", "Json", "Naturals", "Randomization", "Reals", "Sequences", "TLC", "TLCExt", "Toolbox", "_Possible"}
	if got := Names(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Names() = %q, want %q", got, want)
	}
	var keys []string
	for k := range wantDefs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if !reflect.DeepEqual(keys, want) {
		t.Fatalf("test tables cover %q, want %q", keys, want)
	}
}

func TestSource(t *testing.T) {
	for _, name := range Names() {
		src, ok := Source(name)
		if !ok || !strings.Contains(string(src), "MODULE "+name+" ") {
			t.Errorf("Source(%q) = %d bytes, %v; want the module text", name, len(src), ok)
		}
	}
	for _, bad := range []string{"", "naturals", "Naturals.tla", "../stdlib/Naturals", "Nope", "."} {
		if src, ok := Source(bad); ok || src != nil {
			t.Errorf("Source(%q) = %d bytes, %v; want nil, false", bad, len(src), ok)
		}
	}
	// The result is a copy: scribbling on it does not change the module.
	a, _ := Source("TLC")
	a[0] = 'X'
	if b, _ := Source("TLC"); b[0] == 'X' {
		t.Error("Source returned shared, mutable bytes")
	}
}

func TestPath(t *testing.T) {
	if got, want := Path("Naturals"), "tlals-std:///Naturals.tla"; got != want {
		t.Errorf("Path = %q, want %q", got, want)
	}
	for _, name := range Names() {
		got, ok := NameFromPath(Path(name))
		if !ok || got != name {
			t.Errorf("NameFromPath(Path(%q)) = %q, %v", name, got, ok)
		}
	}
	for _, bad := range []string{"file:///Naturals.tla", "tlals-std:///Nope.tla", "tlals-std:///Naturals", "tlals-std://Naturals.tla"} {
		if got, ok := NameFromPath(bad); ok {
			t.Errorf("NameFromPath(%q) = %q, true; want false", bad, got)
		}
	}
	if !IsStandard("Bags") || IsStandard("Toolbox2") {
		t.Error("IsStandard wrong")
	}
}

func TestModulesParseCleanly(t *testing.T) {
	for _, name := range Names() {
		p := parse(t, name)
		var bad []string
		var walk func(n *sitter.Node)
		walk = func(n *sitter.Node) {
			if n.IsError() || n.IsMissing() {
				pt := n.StartPoint()
				bad = append(bad, fmt.Sprintf("%s at %d:%d", n.Type(), pt.Row+1, pt.Column+1))
			}
			for i := 0; i < int(n.ChildCount()); i++ {
				walk(n.Child(i))
			}
		}
		root := p.tree.RootNode()
		walk(root)
		if root.HasError() || len(bad) > 0 {
			t.Errorf("%s: syntax errors: %v", name, bad)
		}
	}
}

func TestDefinedOperators(t *testing.T) {
	for _, name := range Names() {
		p := parse(t, name)
		var got []string
		for _, d := range p.defs {
			got = append(got, d.name)
		}
		if !reflect.DeepEqual(got, wantDefs[name]) {
			t.Errorf("%s defines\n  %q\nwant\n  %q", name, got, wantDefs[name])
		}
		for op, want := range wantParams[name] {
			i := slices.IndexFunc(p.defs, func(d def) bool { return d.name == op })
			if i < 0 {
				t.Errorf("%s: %s not defined", name, op)
				continue
			}
			if got := strings.Join(p.defs[i].params, ","); got != want {
				t.Errorf("%s: %s has parameters %q, want %q (%s)", name, op, got, want, p.defs[i].header)
			}
		}
	}
}

func TestImports(t *testing.T) {
	for _, name := range Names() {
		p := parse(t, name)
		if !reflect.DeepEqual(p.imports, wantImports[name]) {
			t.Errorf("%s imports %q, want %q", name, p.imports, wantImports[name])
		}
		for _, imp := range p.imports {
			m := imp[strings.LastIndexByte(imp, ' ')+1:]
			if !IsStandard(m) {
				t.Errorf("%s: %s is not a standard module", name, imp)
			}
		}
	}
}

// TestDocComments checks that every top-level definition has a doc
// comment directly above it: the preceding sibling is a comment that ends
// on the line before the definition, and it says something.
func TestDocComments(t *testing.T) {
	for _, name := range Names() {
		p := parse(t, name)
		for _, d := range p.defs {
			doc := docComment(d.outer, p.src)
			if doc == "" {
				t.Errorf("%s: %s has no doc comment directly above it", name, d.header)
				continue
			}
			// A useful comment is more than a word or two.
			if len(strings.Fields(doc)) < 6 {
				t.Errorf("%s: doc comment of %s is too short: %q", name, d.name, doc)
			}
		}
	}
}

// docComment returns the text of the comment lines directly above n, or
// "" when there are none.
func docComment(n *sitter.Node, src []byte) string {
	var lines []string
	wantEnd := n.StartPoint().Row
	for c := n.PrevSibling(); c != nil; c = c.PrevSibling() {
		if c.Type() != "comment" && c.Type() != "block_comment" {
			break
		}
		end := c.EndPoint()
		endRow := end.Row
		if c.Type() == "comment" && end.Column == 0 && endRow > 0 {
			endRow-- // a line comment may include its newline
		}
		if endRow+1 != wantEnd {
			break
		}
		text := c.Content(src)
		text = strings.TrimPrefix(text, "\\*")
		text = strings.TrimSuffix(strings.TrimPrefix(text, "(*"), "*)")
		lines = append([]string{strings.TrimSpace(text)}, lines...)
		wantEnd = c.StartPoint().Row
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// TestDocCommentDetector shows that docComment finds exactly the comments
// directly above a definition, so that TestDocComments can fail.
func TestDocCommentDetector(t *testing.T) {
	src := []byte(`---- MODULE M ----
\* Documented by a line comment
\* that spans two lines.
A == 1

B == 2
\* Separated from C by a blank line.

C == 3
(* Documented by a block comment. *)
D(x) == x
E == /\ TRUE
     /\ TRUE
\* This comment follows a bullet list, and the grammar puts it inside E.
F == 4
LOCAL G == 5
\* Documents the LOCAL definition.
LOCAL H == 6
====
`)
	p := parseSource(t, "M", src)
	want := map[string]string{
		"A":       "Documented by a line comment\nthat spans two lines.",
		"B":       "",
		"C":       "",
		"D":       "Documented by a block comment.",
		"E":       "",
		"F":       "",
		"LOCAL G": "",
		"LOCAL H": "Documents the LOCAL definition.",
	}
	if len(p.defs) != len(want) {
		t.Fatalf("found %d definitions, want %d", len(p.defs), len(want))
	}
	for _, d := range p.defs {
		if got := docComment(d.outer, src); got != want[d.name] {
			t.Errorf("doc of %s = %q, want %q", d.name, got, want[d.name])
		}
	}
}
