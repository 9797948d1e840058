// Package checker is tlals's explicit-state model checker: it compiles a
// TLA+ module with a TLC model configuration, explores the state space
// breadth-first as TLC does (so counterexamples are shortest), and returns a
// Result with TLC's counts and a trace whose states and actions carry
// source positions. It knows nothing of the CLI or the language server.
package checker

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/checker/config"
	"github.com/tlals/tlals/checker/eval"
)

// Model is what to check: a root module and a configuration.
type Model struct {
	// Root is the analysed root module: the checker compiles its syntax
	// tree with analysis' resolution (Root.Info).
	Root   *analysis.Module
	Config *config.Config
	// ConfigFile is the configuration's file name (for messages).
	ConfigFile string
	// Loader finds the analysed modules named by EXTENDS and INSTANCE.
	// Natively implemented standard modules (eval.IsStandardModule) are
	// never loaded. LoadModel sets it to the modules analysis resolved
	// (eval.ModulesOf); nil: no module can be imported.
	Loader eval.Loader
	// Analyzer is the loader that analysed Root, for WithText; nil: the
	// root cannot be re-analysed. Its RecordLevels must be set: the
	// checker takes expression levels from analysis.
	Analyzer *analysis.Loader
	// ConfigText is the configuration's text: the values it gives
	// constants are interned first, as TLC reads the configuration before
	// the modules (this fixes TLC's order of strings and model values).
	ConfigText []byte
}

// LoadModel analyses the module at tlaPath with every module it reaches,
// exactly as `tlals lint` does (the module's folder, searchPath, $TLA_PATH,
// the standard modules, modules later in the same file), and parses the
// configuration at cfgPath ("": an empty one). A module that lint rejects is not checked: the
// first error is returned with its position.
func LoadModel(tlaPath, cfgPath string, searchPath []string) (*Model, error) {
	// TLC reads the configuration before it parses the spec: a
	// configuration that does not parse is reported first, as the
	// unexpected exception (ConfigFileException) it is to TLC, exit 255
	var csrc []byte
	if cfgPath != "" { // none: an empty configuration (the REPL without a model)
		var err error
		if csrc, err = os.ReadFile(cfgPath); err != nil {
			return nil, err
		}
	}
	if name, ok := strings.CutSuffix(filepath.Base(cfgPath), ".tla"); ok {
		csrc = config.Embedded(csrc, name) // a monolithic spec: its CONFIG section
	}
	cfg, errs := config.Parse(cfgPath, csrc)
	if len(errs) > 0 {
		return nil, &LoadError{Message: errs[0].Error(), ExitCode: ExitError, text: errs[0].Error()}
	}
	l := analysis.NewLoader(searchPath...)
	l.RecordLevels = true // the checker compiles with the level of every expression
	prog := l.Load(context.Background(), tlaPath, nil)
	if err := FirstError(prog); err != nil {
		return nil, err
	}
	return ModelOf(prog, l, cfgPath, csrc, cfg), nil
}

// ModelOf is the model of a program analysis loaded (with RecordLevels)
// and the configuration cfg parsed from cfgText: the checker compiles the
// modules the analysis resolved, and WithText analyses again with l.
func ModelOf(prog *analysis.Program, l *analysis.Loader, cfgPath string, cfgText []byte, cfg *config.Config) *Model {
	return &Model{Root: prog.Root, Config: cfg, ConfigFile: cfgPath, ConfigText: cfgText, Loader: eval.ModulesOf(prog), Analyzer: l}
}

// WithText is the model with the text of its root module replaced by src
// (the editor's trace expressions appended as definitions), analysed as
// the root was. A module that lint rejects is an error.
func (m *Model) WithText(src []byte) (*Model, error) {
	if m.Analyzer == nil || m.Root == nil {
		return nil, fmt.Errorf("the model's module cannot be analysed again")
	}
	prog := m.Analyzer.Load(context.Background(), m.Root.Path, src)
	if err := FirstError(prog); err != nil {
		return nil, err
	}
	v := *m
	v.Root, v.Loader = prog.Root, eval.ModulesOf(prog)
	return &v, nil
}

// LoadError is why a model could not be loaded: a module that lint
// rejects (exit ExitErrorSpecParse) or a configuration that does not parse
// (ExitError, as TLC).
type LoadError struct {
	Location *Range // nil when the error has no position in a module
	Message  string
	ExitCode int
	text     string
}

func (e *LoadError) Error() string { return e.text }

// Result is the load error as a check result with outcome error, so that
// every front end reports it as it reports any other outcome.
func (e *LoadError) Result() *Result {
	return &Result{Outcome: OutcomeError, Message: e.text, Location: e.Location, ExitCode: e.ExitCode}
}

// FirstError is the program's first error diagnostic as a *LoadError
// ("file:line:col: message"), or nil when analysis found none.
func FirstError(prog *analysis.Program) error {
	if prog.Root == nil || prog.Root.AST == nil {
		msg := "no module found"
		for _, d := range prog.Diagnostics() {
			msg = d.Path + ": " + d.Message
			break
		}
		return &LoadError{Message: msg, ExitCode: ExitErrorSpecParse, text: msg}
	}
	files := prog.Files()
	for _, d := range prog.Diagnostics() {
		if d.Severity != analysis.Error || d.Code == "pluscal" {
			// TLC reports an algorithm's errors (it is in a comment) and
			// checks the module's TLA+ anyway
			continue
		}
		e := &LoadError{Message: d.Message, ExitCode: ExitErrorSpecParse, text: d.Path + ": " + d.Message}
		if f := files[d.Path]; f != nil {
			e.Location = rangeOf(&eval.Loc{File: f, Span: d.Span})
			e.text = f.Location(d.Span.Start) + ": " + d.Message
		}
		return e
	}
	return nil
}

// Compile compiles the model's module with the configuration's constants
// and substitutions, as Check does, for evaluating expressions outside a
// run: the editor's trace expressions and its search for the failing
// conjunct of a violated invariant.
func (m *Model) Compile() (*eval.Program, error) {
	consts, substs, _, err := constants(m.Config)
	if err != nil {
		return nil, err
	}
	return eval.NewProgram(m.Root, m.Loader, consts, substs)
}

// constants converts the configuration's CONSTANTS into bindings.
func constants(cfg *config.Config) (map[string]eval.ConstBinding, map[string]string, []string, error) {
	consts := map[string]eval.ConstBinding{}
	substs := map[string]string{}
	var warnings []string
	models := map[string]*eval.ModelValue{}
	conv := func(v config.Value) eval.Value { return configValue(models, v) }
	if cfg == nil {
		return consts, substs, nil, nil
	}
	// F(a, b) = v lines build one table per operator (TLC's OpRcdValue)
	tables := map[string]*eval.OpTable{}
	for _, c := range cfg.Constants {
		key := c.Name.Text
		if c.Module != nil {
			// C = [Mod] v: module Mod's definition C (TLC's modConstants)
			key = eval.ScopedName(c.Module.Text, c.Name.Text)
		}
		if c.Args == nil {
			// a later plain value replaces a table, as in TLC
			delete(tables, key)
			consts[key] = eval.ConstBinding{Value: conv(c.Value)}
			continue
		}
		args := make([]eval.Value, len(c.Args))
		for i, a := range c.Args {
			args[i] = conv(a)
		}
		t := tables[key]
		if t == nil {
			if b, ok := consts[key]; ok && b.Value != nil {
				return nil, nil, nil, fmt.Errorf("%d:%d: %s is given a value and values on arguments (%s(...) = v)", c.Name.Pos.Line, c.Name.Pos.Col, c.Name.Text, c.Name.Text)
			}
			t = &eval.OpTable{Name: c.Name.Text}
			tables[key] = t
			consts[key] = eval.ConstBinding{Table: t}
		}
		if !t.Add(args, conv(c.Value)) {
			return nil, nil, nil, fmt.Errorf("%d:%d: operator %s is given values on %d arguments here and on %d before", c.Name.Pos.Line, c.Name.Pos.Col, c.Name.Text, len(args), t.Arity())
		}
	}
	for _, s := range cfg.Substitutions {
		if s.Module != nil {
			// Mod!Op cannot clash with an identifier (see eval.Program)
			substs[s.Module.Text+"!"+s.Name.Text] = s.Def.Text
			continue
		}
		consts[s.Name.Text] = eval.ConstBinding{Def: s.Def.Text}
		substs[s.Name.Text] = s.Def.Text
	}
	return consts, substs, warnings, nil
}

// unmatchedScoped warns of the configuration's C = [Mod] v and
// Op <-[Mod] Def that meet no definition of Mod in the specification: TLC
// ignores them silently, which hides a misspelt name. Likewise I!C = v: no
// declaration or definition has such a name (C = [Mod] v is the way).
func unmatchedScoped(cfg *config.Config, prog *eval.Program) []string {
	if cfg == nil {
		return nil
	}
	var out []string
	for _, c := range cfg.Constants {
		if c.Module == nil && strings.Contains(c.Name.Text, "!") {
			out = append(out, fmt.Sprintf("%d:%d: %s = ... is ignored: no declaration or definition is named %s (a definition C of module M takes C = [M] value)", c.Name.Pos.Line, c.Name.Pos.Col, c.Name.Text, c.Name.Text))
		}
		if c.Module != nil && !prog.ScopedUsed(eval.ScopedName(c.Module.Text, c.Name.Text)) {
			out = append(out, fmt.Sprintf("%d:%d: %s = [%s] ... is ignored: the specification uses no definition %s of a module %s", c.Name.Pos.Line, c.Name.Pos.Col, c.Name.Text, c.Module.Text, c.Name.Text, c.Module.Text))
		}
	}
	for _, sb := range cfg.Substitutions {
		if sb.Module != nil && !prog.ScopedUsed(sb.Module.Text+"!"+sb.Name.Text) {
			out = append(out, fmt.Sprintf("%d:%d: %s <-[%s] %s is ignored: the specification uses no definition %s of a module %s", sb.Name.Pos.Line, sb.Name.Pos.Col, sb.Name.Text, sb.Module.Text, sb.Def.Text, sb.Name.Text, sb.Module.Text))
		}
	}
	return out
}

// configValue is the configuration's value v; models holds the model values
// made so far, each ranked by its first appearance, as in TLC.
func configValue(models map[string]*eval.ModelValue, v config.Value) eval.Value {
	switch v.Kind {
	case config.IntValue:
		return eval.Int(v.Int)
	case config.StringValue:
		return eval.Str(v.Str)
	case config.BoolValue:
		return eval.Bool(v.Bool)
	case config.ModelValue:
		mv, ok := models[v.Str]
		if !ok {
			mv = &eval.ModelValue{Name: v.Str, Rank: int32(len(models) + 1)}
			models[v.Str] = mv
		}
		return mv
	case config.SetValue:
		elems := make([]eval.Value, len(v.Elems))
		for i, e := range v.Elems {
			elems[i] = configValue(models, e)
		}
		return eval.MakeSet(elems)
	}
	return eval.Bool(false)
}
