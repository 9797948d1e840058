package marker

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/tlals/tlals/lsp"
)

func TestParse(t *testing.T) {
	src := "A == 1\nB == y \\* plain comment\nNext == x' = y + 1 \\*@diag(\"y\", re\"unknown `y`\") @note(name, 3, `raw\"`)\n"
	ms, err := Parse("S.tla", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range ms {
		var args []string
		for _, a := range m.Args {
			switch a := a.(type) {
			case *regexp.Regexp:
				args = append(args, "re:"+a.String())
			default:
				args = append(args, fmt.Sprintf("%T:%v", a, a))
			}
		}
		got = append(got, fmt.Sprintf("%s:%d %s(%s) code=%q", m.File, m.Line, m.Name, strings.Join(args, ","), m.Code))
	}
	want := []string{
		"S.tla:2 diag(string:y,re:unknown `y`) code=\"Next == x' = y + 1 \"",
		"S.tla:2 note(marker.Ident:name,int:3,string:raw\") code=\"Next == x' = y + 1 \"",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, bad := range []string{`\*@diag("y"`, `\*@diag(y z)`, `\*@diag("unterminated)`, `\*@diag(re"(")`, `\*@ diag()`} {
		if _, err := Parse("B.tla", []byte("A == 1 "+bad+"\n")); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
}

// recorder collects the failures of a marker run instead of failing.
type recorder struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestFailures: wrong ranges, wrong messages, unknown markers and
// unclaimed diagnostics are all reported.
func TestFailures(t *testing.T) {
	ar := txtar.Parse([]byte(`-- Spec.tla --
---- MODULE Spec ----
VARIABLE x
A == y + x \*@diag("y +", re"unknown operator") @diag("x", re"nothing")
B == z \*@nosuch("z")
C == w
====
`))
	rec := &recorder{TB: t}
	RunArchive(rec, ar, lsp.NewServer(lsp.Options{}))
	want := []string{
		`Spec.tla:3: @diag: no diagnostic at 3:6-3:9 matching "unknown operator"; on this line: ["3:6-3:7 [undefined] unknown operator ` + "`y`" + `" "3:8-3:9 [undefined] unknown operator ` + "`+`" + `"]`,
		`Spec.tla:3: @diag: no diagnostic at 3:10-3:11 matching "nothing"; on this line: ["3:6-3:7 [undefined] unknown operator ` + "`y`" + `" "3:8-3:9 [undefined] unknown operator ` + "`+`" + `"]`,
		`Spec.tla:4: @nosuch: unknown marker`,
		"Spec.tla: unexpected diagnostic 3:6-3:7 [undefined] unknown operator `y`",
		"Spec.tla: unexpected diagnostic 3:8-3:9 [undefined] unknown operator `+`",
		"Spec.tla: unexpected diagnostic 4:6-4:7 [undefined] unknown operator `z`",
		"Spec.tla: unexpected diagnostic 5:6-5:7 [undefined] unknown operator `w`",
	}
	if strings.Join(rec.errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(rec.errs, "\n"), strings.Join(want, "\n"))
	}
}
