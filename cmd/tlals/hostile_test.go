package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tlals/tlals/parser/hostile"
)

// TestHostileSpecs runs lint and check -json on every hostile spec: each
// ends promptly with its error at its position, or its result.
func TestHostileSpecs(t *testing.T) {
	for _, sp := range hostile.Specs() {
		t.Run(sp.Name, func(t *testing.T) {
			path := writeModel(t, "M", sp.Text, hostile.Cfg)
			var out, errb bytes.Buffer
			start := time.Now()
			code := run([]string{"lint", path}, &out, &errb)
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("lint took %v", d)
			}
			first, _, _ := strings.Cut(out.String(), "\n")
			if sp.Lint == "" {
				if code != exitOK || out.Len() != 0 {
					t.Errorf("lint: exit %d, output %q; want none", code, first)
				}
			} else if want := fmt.Sprintf("%s:%d:%d: error: %s", path, sp.Line, sp.Col, sp.Lint); code != exitFindings || !strings.HasPrefix(first, want) {
				t.Errorf("lint: exit %d, first line %q; want %q", code, first, want)
			}

			out.Reset()
			start = time.Now()
			run([]string{"check", "-json", "-workers", "1", "-timeout", "60s", path}, &out, &errb)
			if d := time.Since(start); d > 60*time.Second {
				t.Errorf("check took %v", d)
			}
			var res struct {
				Outcome  string
				Message  string
				Location *struct{ StartLine int }
			}
			if err := json.Unmarshal(out.Bytes(), &res); err != nil {
				t.Fatalf("check -json: %v: %.200q", err, out.String())
			}
			line := 0
			if res.Location != nil {
				line = res.Location.StartLine
			}
			if res.Outcome != sp.Outcome || !strings.Contains(res.Message, sp.Message) || (sp.CheckLine != 0 && line != sp.CheckLine) {
				t.Errorf("check: %s %q at line %d; want %s %q at line %d", res.Outcome, res.Message, line, sp.Outcome, sp.Message, sp.CheckLine)
			}
		})
	}
}
