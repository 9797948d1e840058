package checker

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// resultSchema compiles result.schema.json, the one description of a
// result's JSON (lsp's tests read it from here too).
func resultSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	s, err := jsonschema.NewCompiler().Compile(filepath.Join("result.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validate checks a result's JSON against the schema and returns it decoded.
func validate(t *testing.T, s *jsonschema.Schema, b []byte) map[string]any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	if err := s.Validate(v); err != nil {
		t.Fatalf("does not match result.schema.json: %v\n%s", err, b)
	}
	return v.(map[string]any)
}

// TestResultSchema validates real results of every kind against the
// schema, and checks each case has what it is there for.
func TestResultSchema(t *testing.T) {
	s := resultSchema(t)
	counter := "---- MODULE C ----\nEXTENDS Naturals, TLC\nVARIABLE x\nInit == x = 0 /\\ PrintT(\"start\")\nNext == x < 3 /\\ x' = x + 1\n====\n"
	cycle := "---- MODULE L ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 3\nSpec == Init /\\ [][Next]_x /\\ WF_x(Next)\n"
	inv := "---- MODULE I ----\nEXTENDS Naturals\nVARIABLES x, y\nInit == x = 0 /\\ y = 0\nNext == x' = x + 1 /\\ y' = y\nInv == y = 0 /\\ x < 2\nConstr == x < 4\n====\n"
	for _, tt := range []struct {
		name string
		res  func(t *testing.T) *Result
		// has names a key whose value must be present and not empty/null.
		has []string
		// outcome is the result's expected outcome.
		outcome string
	}{
		{"seed demo: CHOOSE without witness", func(t *testing.T) *Result {
			return run(t, load(t, "Uploader_translated.tla", "Uploader_translated.cfg"), 1)
		}, []string{"location", "calls", "trace"}, OutcomeError},
		{"ok, with coverage and output", func(t *testing.T) *Result {
			res, err := Check(context.Background(), inline(t, "C", counter, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n"), Options{Workers: 1, Coverage: true})
			if err != nil {
				t.Fatal(err)
			}
			return res
		}, []string{"coverage", "output"}, OutcomeOK},
		{"deadlock", func(t *testing.T) *Result {
			return run(t, inline(t, "C", counter, "INIT Init\nNEXT Next\n"), 1)
		}, []string{"trace"}, OutcomeDeadlock},
		{"invariant, with its failing part", func(t *testing.T) *Result {
			return run(t, inline(t, "I", inv, "INIT Init\nNEXT Next\nINVARIANT Inv\n"), 1)
		}, []string{"failing", "trace"}, OutcomeInvariant},
		{"liveness lasso", func(t *testing.T) *Result {
			return run(t, inline(t, "L", cycle+"Live == <>(x = 5)\n====\n", "SPECIFICATION Spec\nPROPERTY Live\n"), 1)
		}, []string{"lassoStart", "trace"}, OutcomeLiveness},
		{"simulation", func(t *testing.T) *Result {
			seed := int64(7)
			res, err := Check(context.Background(), inline(t, "C", counter, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n"), Options{Workers: 1, Seed: &seed, Simulate: &Simulation{Depth: 5, Num: 3}})
			if err != nil {
				t.Fatal(err)
			}
			return res
		}, []string{"simulation"}, OutcomeOK},
		{"continue past violations", func(t *testing.T) *Result {
			res, err := Check(context.Background(), inline(t, "I", inv, "INIT Init\nNEXT Next\nINVARIANT Inv\nCONSTRAINT Constr\n"), Options{Workers: 1, Continue: true})
			if err != nil {
				t.Fatal(err)
			}
			return res
		}, []string{"continued"}, OutcomeOK},
		{"load error with a position", func(t *testing.T) *Result {
			dir := t.TempDir()
			tp, cp := filepath.Join(dir, "B.tla"), filepath.Join(dir, "B.cfg")
			os.WriteFile(tp, []byte("---- MODULE B ----\nVARIABLE x\nInit == x = y\n====\n"), 0o644)
			os.WriteFile(cp, []byte("INIT Init\nNEXT Init\n"), 0o644)
			_, err := LoadModel(tp, cp, nil)
			var le *LoadError
			if !errors.As(err, &le) || le.Location == nil {
				t.Fatalf("LoadModel of an undefined name: %v", err)
			}
			return le.Result()
		}, []string{"location"}, OutcomeError},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := tt.res(t)
			b, err := res.JSON()
			if err != nil {
				t.Fatal(err)
			}
			v := validate(t, s, b)
			if v["outcome"] != tt.outcome {
				t.Errorf("outcome %v, want %s: %s", v["outcome"], tt.outcome, b)
			}
			for _, k := range tt.has {
				switch x := v[k].(type) {
				case nil:
					t.Errorf("no %q in %s", k, b)
				case []any:
					if len(x) == 0 {
						t.Errorf("empty %q in %s", k, b)
					}
				}
			}
		})
	}
}

// TestResultSchemaExtras validates the seed demo's result, mapped to its
// PlusCal, with every extra
// an editor adds, and shows the schema is closed: an unknown field, at the
// top or in a location, fails it.
func TestResultSchemaExtras(t *testing.T) {
	s := resultSchema(t)
	res, m := seedChecked(t, nil) // the seed demo, translated: locations carry PlusCal ranges
	if err := MapPlusCal(res, m.Root.File); err != nil {
		t.Fatal(err)
	}
	n := len(res.Trace)
	cur := n - 1
	x := &JSONExtras{Model: "Uploader", Current: &cur}
	for i, st := range res.Trace {
		x.Changed = append(x.Changed, []string{st.State[0].Name})
		x.Pinned = append(x.Pinned, map[string]string{"Len(queue)": fmt.Sprint(i)})
		x.Where = append(x.Where, st.Location)
	}
	b, err := res.JSONWith(x)
	if err != nil {
		t.Fatal(err)
	}
	v := validate(t, s, b)
	last := v["trace"].([]any)[n-1].(map[string]any)
	if v["model"] != "Uploader" || v["current"] != json.Number(fmt.Sprint(cur)) || last["pinned"] == nil || last["changed"] == nil || last["where"] == nil {
		t.Fatalf("extras missing: %s", b)
	}
	if !bytes.Contains(b, []byte(`"pluscal":{`)) {
		t.Errorf("no PlusCal range in the seed demo's result: %s", b)
	}
	for _, bad := range []struct{ name, from, to string }{
		{"unknown field", `{"model"`, `{"extra":1,"model"`},
		{"unknown location field", `"startLine"`, `"line":1,"startLine"`},
		{"unknown outcome", `"outcome":"error"`, `"outcome":"failed"`},
		{"missing field", `"seed":`, `"seeds":`},
	} {
		mod := bytes.Replace(b, []byte(bad.from), []byte(bad.to), 1)
		if bytes.Equal(mod, b) {
			t.Fatalf("%s: %q not in the result", bad.name, bad.from)
		}
		val, err := jsonschema.UnmarshalJSON(bytes.NewReader(mod))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(val); err == nil {
			t.Errorf("%s: the schema accepts it", bad.name)
		}
	}
}
