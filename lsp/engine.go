package lsp

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/tlals/tlals/checker"
)

// Engine names of the checkEngine setting.
const (
	engineBuiltin = "tlals"
	engineTLC     = "tlc"
)

// EngineSettings choose the engine of each model: the built-in checker or
// the user's TLC (Options.TLCEngine).
type EngineSettings struct {
	// Default is the engine of a model Models does not name ("": tlals).
	Default string
	// Models maps a model, by its name (the .cfg's file name, as lenses
	// show it) or its path, to its engine.
	Models map[string]string
	// TLCJar is tla2tools.jar ("": the server's $TLA2TOOLS_JAR).
	TLCJar string
}

// of is the engine name for model m.
func (e EngineSettings) of(m checkModel) string {
	for _, k := range []string{m.CfgPath, m.Name, filepath.Base(m.CfgPath)} {
		if name, ok := e.Models[k]; ok && k != "" {
			return name
		}
	}
	if e.Default == "" {
		return engineBuiltin
	}
	return e.Default
}

// engineSettings decodes checkEngine (a name, or an object from model to
// name with "*" for the others) and tlcJar.
func engineSettings(fields map[string]func(*Settings, json.RawMessage) error) {
	fields["checkEngine"] = func(st *Settings, raw json.RawMessage) error {
		valid := func(name string) error {
			if name != engineBuiltin && name != engineTLC {
				return fmt.Errorf("checkEngine: unknown engine %q (tlals or tlc)", name)
			}
			return nil
		}
		var name string
		if err := json.Unmarshal(raw, &name); err == nil {
			st.Check.Engine.Default = name
			return valid(name)
		}
		var per map[string]string
		if err := json.Unmarshal(raw, &per); err != nil {
			return fmt.Errorf("checkEngine: an engine name or an object from model to engine name")
		}
		st.Check.Engine.Models = map[string]string{}
		for k, v := range per {
			if err := valid(v); err != nil {
				return err
			}
			if k == "*" {
				st.Check.Engine.Default = v
				continue
			}
			st.Check.Engine.Models[k] = v
		}
		return nil
	}
	fields["tlcJar"] = func(st *Settings, raw json.RawMessage) error {
		return json.Unmarshal(raw, &st.Check.Engine.TLCJar)
	}
}

// engineFor is the engine that checks m, its name, and opt adjusted for
// it: TLC's JVM alone takes seconds to start, so the editor's default
// time bound applies to the built-in engine only.
func (s *Server) engineFor(m checkModel, opt checker.Options) (checker.Engine, string, checker.Options, error) {
	set := s.Settings().Check
	name := set.Engine.of(m)
	if name != engineTLC {
		return checker.Check, engineBuiltin, opt, nil
	}
	if s.opts.TLCEngine == nil {
		return nil, name, opt, fmt.Errorf("this server cannot run TLC (checkEngine %q)", name)
	}
	if set.Timeout <= 0 {
		opt.Timeout = 0
	}
	return s.opts.TLCEngine(set.Engine.TLCJar), name, opt, nil
}
