package config

import (
	"reflect"
	"testing"
)

// stripPositions zeroes every Pos in c and drops Keywords, which depend on
// how the file was laid out rather than on what it says.
func stripPositions(c *Config) {
	c.Keywords = nil
	posType := reflect.TypeOf(Pos{})
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Struct:
			if v.Type() == posType {
				v.Set(reflect.Zero(posType))
				return
			}
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		}
	}
	walk(reflect.ValueOf(c))
}

// roundTrip checks that formatting c and parsing the text gives c back, up to
// positions. c is modified.
func roundTrip(t *testing.T, c *Config) {
	t.Helper()
	text := c.String()
	c2, errs := Parse("formatted.cfg", []byte(text))
	if len(errs) != 0 {
		t.Fatalf("formatted text does not parse: %v\n%s", errs, text)
	}
	if text2 := c2.String(); text2 != text {
		t.Errorf("formatting is not idempotent:\n%s\nthen:\n%s", text, text2)
	}
	stripPositions(c)
	stripPositions(c2)
	if !reflect.DeepEqual(c, c2) {
		t.Errorf("round trip changed the config:\nformatted:\n%s\nbefore: %+v\nafter:  %+v", text, c, c2)
	}
}

func TestString(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"empty", "", ""},
		{
			"everything",
			`CHECK_DEADLOCK FALSE SYMMETRY Perms ALIAS A VIEW V POSTCONDITIONS P1 P2
PROPERTY L INVARIANTS I1 I2 ACTION_CONSTRAINT AC CONSTRAINTS C1 C2
SPECIFICATION Spec NEXT Next INIT Init
CONSTANTS N <- NV  X = 1 S = {a, "s", {}, -3, TRUE} F(1, b) = FALSE
  m <-[Mod] d  i!j = [Inst] x
_PERIODIC Per _RL_REWARD R`,
			`CONSTANTS
    X = 1
    S = {a, "s", {}, -3, TRUE}
    F(1, b) = FALSE
    i!j = [Inst] x
    N <- NV
    m <-[Mod] d
INIT Init
NEXT Next
SPECIFICATION Spec
CONSTRAINTS
    C1
    C2
ACTION_CONSTRAINT AC
INVARIANTS
    I1
    I2
PROPERTY L
POSTCONDITIONS
    P1
    P2
VIEW V
ALIAS A
SYMMETRY Perms
CHECK_DEADLOCK FALSE
_PERIODIC Per
_RL_REWARD R
`,
		},
		{"one constant", "CONSTANTS\n  N = 3", "CONSTANT N = 3\n"},
		{"one substitution", "CONSTANTS\n  N <- V", "CONSTANT N <- V\n"},
		{"deadlock true", "CHECK_DEADLOCK TRUE", "CHECK_DEADLOCK TRUE\n"},
		{"raw string", `CONSTANT S = "a\"b"`, "CONSTANT S = \"a\\\"b\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, errs := Parse("t.cfg", []byte(tt.src))
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			if got := c.String(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			roundTrip(t, c)
		})
	}
}
