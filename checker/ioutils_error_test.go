package checker

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestIOUtilsFileErrors: IODeserialize and IOSerialize failing on a file
// are reported as TLC 2026.12.07 (with CommunityModules) reported these
// specs, run in /tmp: the Java method's signature, then the
// FileNotFoundException's "PATH (strerror)"; exit 75, or 10 in an ASSUME.
func TestIOUtilsFileErrors(t *testing.T) {
	const head = "Attempted to apply the operator overridden by the Java method\n"
	deser := head + "public static final tlc2.value.IValue tlc2.overrides.IOUtils.ioDeserialize(tlc2.value.impl.StringValue,tlc2.value.impl.BoolValue) throws java.io.IOException,\nbut it produced the following error:\n"
	ser := head + "public static final tlc2.value.IValue tlc2.overrides.IOUtils.ioSerialize(tlc2.value.IValue,tlc2.value.impl.StringValue,tlc2.value.impl.BoolValue) throws java.io.IOException,\nbut it produced the following error:\n"
	for _, tc := range []struct {
		name, body, msg string
		code            int
	}{
		{"missing", `Init == x = IODeserialize("Trace.bin", TRUE)`, deser + "Trace.bin (No such file or directory)", ExitFailureSpecEval},
		{"directory", `Init == x = IODeserialize("/tmp", FALSE)`, deser + "/tmp (Is a directory)", ExitFailureSpecEval},
		{"next", "Init == x = 0\nNext2 == x' = IODeserialize(\"Trace.bin\", FALSE)", deser + "Trace.bin (No such file or directory)", ExitFailureSpecEval},
		{"serialize", `Init == x = IOSerialize(1, "/nonexistent/d/T.bin", FALSE)`, ser + "/nonexistent/d/T.bin (No such file or directory)", ExitFailureSpecEval},
		{"assume", "ASSUME IODeserialize(\"Trace.bin\", FALSE) = 1\nInit == x = 1", "Evaluating assumption line 4, col 8 to line 4, col 44 of module Root failed.\n" + deser + "Trace.bin (No such file or directory)", ExitViolationAssumption},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			// a stand-in text: the operators are TLC's Java (ours native)
			write(t, dir, "IOUtils.tla", "---- MODULE IOUtils ----\nIODeserialize(f, c) == CHOOSE v : TRUE\nIOSerialize(v, f, c) == TRUE\n====\n")
			next := "Next == UNCHANGED x"
			if tc.name == "next" {
				next = "Next == Next2"
			}
			write(t, dir, "Root.tla", "---- MODULE Root ----\nEXTENDS Naturals, IOUtils\nVARIABLE x\n"+tc.body+"\n"+next+"\n====\n")
			write(t, dir, "Root.cfg", "INIT Init\nNEXT Next\n")
			m, err := LoadModel(filepath.Join(dir, "Root.tla"), filepath.Join(dir, "Root.cfg"), nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Check(context.Background(), m, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(res.Message, tc.msg) || res.ExitCode != tc.code {
				t.Errorf("got exit %d\n%s\nwant exit %d\n%s", res.ExitCode, res.Message, tc.code, tc.msg)
			}
		})
	}
}
