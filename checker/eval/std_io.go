package eval

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"

	"strconv"
	"strings"
)

// IOUtils and CSV (CommunityModules), as TLC's overrides implement them.
// Running a program (IOExec and its variants) needs the evaluator option
// AllowIOExec: a model that is checked must not run commands unless asked.

// AllowIOExec lets IOExec, IOEnvExec, IOExecTemplate and IOEnvExecTemplate
// run commands (off by default).
func (p *Program) AllowIOExec(on bool) { p.std.allowExec = on }

var execNames = []string{"exitValue", "stdout", "stderr"}

func execRecord(code int64, stdout, stderr string) Value {
	return mkRecord(execNames, []Value{Int(code), Str(stdout), Str(stderr)})
}

func ioUtilsOps() map[string]*builtin {
	return map[string]*builtin{
		"IOSerialize": {arity: 3, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			name := strArg(args[1], l, "second", "IOSerialize")
			var buf bytes.Buffer
			encodeValue(&buf, args[0], l)
			data := buf.Bytes()
			if toBool(args[2], l) {
				var z bytes.Buffer
				w := gzip.NewWriter(&z)
				w.Write(data)
				w.Close()
				data = z.Bytes()
			}
			if err := os.WriteFile(name, data, 0o644); err != nil {
				throwIOUtils(l, ioSerializeSig, err)
			}
			return Bool(true)
		}},
		"IODeserialize": {arity: 2, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			s, ok := args[0].(Str)
			if !ok {
				throw(l, "The argument of IODeserialize should be a string, but instead it is:\n%s", Pretty(args[0]))
			}
			data, err := os.ReadFile(string(s))
			if err != nil {
				throwIOUtils(l, ioDeserializeSig, err)
			}
			if toBool(args[1], l) {
				r, err := gzip.NewReader(bytes.NewReader(data))
				if err != nil {
					throw(l, "IODeserialize: %v", err)
				}
				if data, err = io.ReadAll(r); err != nil {
					throw(l, "IODeserialize: %v", err)
				}
			}
			r := bufio.NewReader(bytes.NewReader(data))
			return decodeValue(r, l)
		}},
		// Serialize and Deserialize know the plain text format: options
		// [format |-> "TXT", charset |-> ...] (TLC's ser field also).
		"Serialize": {arity: 3, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			if !txtOptions(args[2]) {
				throw(l, "Serialize: unsupported serializer in options %s", Pretty(args[2]))
			}
			payload, ok1 := args[0].(Str)
			name, ok2 := args[1].(Str)
			if !ok1 || !ok2 {
				return execRecord(1, "", "Serialize error invalid parameters: "+Format(args[0]))
			}
			flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
			if opts, ok := recordField(args[2], "openOptions"); ok {
				flag = openFlags(opts)
			}
			f, err := os.OpenFile(string(name), flag, 0o644)
			if err == nil {
				_, err = f.WriteString(string(payload))
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				return execRecord(1, "", "Serialize error writting to the file: "+err.Error())
			}
			return execRecord(0, "Finish writting to the file with success!", "")
		}},
		"Deserialize": {arity: 2, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			if !txtOptions(args[1]) {
				throw(l, "Deserialize: unsupported serializer in options %s", Pretty(args[1]))
			}
			name, ok := args[0].(Str)
			if !ok {
				return execRecord(1, "", "Deserialize error invalid parameters: "+Format(args[0]))
			}
			data, err := os.ReadFile(string(name))
			if err != nil {
				return execRecord(1, "", "Deserialize error reading from the file: "+err.Error())
			}
			return execRecord(0, string(data), "")
		}},
		"atoi": b1(func(a Value, l *Loc) Value {
			if s, ok := a.(Str); ok {
				if n, err := strconv.ParseInt(string(s), 10, 32); err == nil {
					return Int(n)
				}
			}
			throw(l, "The argument of atoi should be a string, but instead it is:\n%s", Pretty(a))
			return nil
		}),
		"IOEnv": b0(envRecord()),
		"IOExec": {arity: 1, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			return c.prog.runCommand(nil, strSeq(args[0], l, "IOExec"), l)
		}},
		"IOEnvExec": {arity: 2, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			return c.prog.runCommand(envArg(args[0], l, "IOEnvExec"), strSeq(args[1], l, "IOEnvExec"), l)
		}},
		"IOExecTemplate": {arity: 2, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			return c.prog.runCommand(nil, templateCmd(args[0], args[1], l, "IOExecTemplate"), l)
		}},
		"IOEnvExecTemplate": {arity: 3, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			return c.prog.runCommand(envArg(args[0], l, "IOEnvExecTemplate"), templateCmd(args[1], args[2], l, "IOEnvExecTemplate"), l)
		}},
	}
}

// The Java methods of CommunityModules' IOUtils that read or write a file,
// as TLC names them when they fail (EC.TLC_MODULE_VALUE_JAVA_METHOD_OVERRIDE).
const (
	ioDeserializeSig = "public static final tlc2.value.IValue tlc2.overrides.IOUtils.ioDeserialize(tlc2.value.impl.StringValue,tlc2.value.impl.BoolValue) throws java.io.IOException"
	ioSerializeSig   = "public static final tlc2.value.IValue tlc2.overrides.IOUtils.ioSerialize(tlc2.value.IValue,tlc2.value.impl.StringValue,tlc2.value.impl.BoolValue) throws java.io.IOException"
)

// throwIOUtils raises the failure of a file operation of the Java method
// signature as TLC reports it: the method's IOException wrapped in TLC's
// words, its message Java's (javaIOMessage).
func throwIOUtils(l *Loc, signature string, err error) {
	throw(l, "Attempted to apply the operator overridden by the Java method\n%s,\nbut it produced the following error:\n%s", signature, javaIOMessage(err))
}

// javaIOMessage is the message of the FileNotFoundException Java's file
// streams throw for err: "PATH (strerror)", where Go's error text is
// strerror in lower case ("no such file or directory").
func javaIOMessage(err error) string {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	msg := pe.Err.Error()
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return pe.Path + " (" + msg + ")"
}

func strArg(a Value, l *Loc, pos, op string) string {
	s, ok := a.(Str)
	if !ok {
		throw(l, "The %s argument of %s should be a string, but instead it is:\n%s", pos, op, Pretty(a))
	}
	return string(s)
}

func recordField(r Value, name string) (Value, bool) {
	f, ok := r.(*FcnV)
	if !ok {
		return nil, false
	}
	i, ok := f.lookup(Str(name))
	if !ok {
		return nil, false
	}
	return f.Vals[i], true
}

// txtOptions reports whether the options record selects the text format.
func txtOptions(opts Value) bool {
	for _, k := range []string{"format", "ser"} {
		if v, ok := recordField(opts, k); ok {
			return v == Value(Str("TXT"))
		}
	}
	return false
}

// openFlags maps Java's StandardOpenOption names to open(2) flags.
func openFlags(opts Value) int {
	flag := os.O_WRONLY
	f, ok := opts.(*FcnV)
	if !ok {
		return flag | os.O_CREATE | os.O_TRUNC
	}
	for _, v := range f.Vals {
		switch v {
		case Value(Str("APPEND")):
			flag |= os.O_APPEND
		case Value(Str("CREATE")):
			flag |= os.O_CREATE
		case Value(Str("CREATE_NEW")):
			flag |= os.O_CREATE | os.O_EXCL
		case Value(Str("TRUNCATE_EXISTING")):
			flag |= os.O_TRUNC
		}
	}
	return flag
}

func envRecord() Value {
	var names []string
	var vals []Value
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		names = append(names, k)
		vals = append(vals, Str(v))
	}
	return mkRecord(names, vals)
}

func strSeq(a Value, l *Loc, op string) []string {
	xs := seqArg(a, l, "The argument of "+op+" should be a sequence, but instead it is:\n%s").Vals
	out := make([]string, len(xs))
	for i, x := range xs {
		s, ok := x.(Str)
		if !ok {
			throw(l, "The argument of %s should be a sequence of strings, but instead it is:\n%s", op, Pretty(a))
		}
		out[i] = string(s)
	}
	return out
}

func envArg(a Value, l *Loc, op string) []string {
	f, ok := a.(*FcnV)
	if !ok {
		throw(l, "The argument of %s should be a record, but instead it is:\n%s", op, Pretty(a))
	}
	var env []string
	for i, v := range f.Vals {
		k, ok := f.DomainAt(i).(Str)
		if !ok {
			throw(l, "The argument of %s should be a record, but instead it is:\n%s", op, Pretty(a))
		}
		env = append(env, string(k)+"="+unquoted(v))
	}
	return env
}

// unquoted prints a value, a string without its quotes.
func unquoted(v Value) string {
	if s, ok := v.(Str); ok {
		return string(s)
	}
	return Format(v)
}

func templateCmd(tmpl, params Value, l *Loc, op string) []string {
	cmd := strSeq(tmpl, l, op)
	ps := strSeq(params, l, op)
	for i := range cmd {
		cmd[i] = javaFormat(cmd[i], ps, l)
	}
	return cmd
}

// javaFormat expands the %s, %d, %n$s, %% and %n of Java's String.format
// with string arguments.
func javaFormat(t string, args []string, l *Loc) string {
	var b strings.Builder
	next := 0
	for i := 0; i < len(t); i++ {
		if t[i] != '%' {
			b.WriteByte(t[i])
			continue
		}
		j := i + 1
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		idx := -1
		if j < len(t) && t[j] == '$' && j > i+1 {
			n, _ := strconv.Atoi(t[i+1 : j])
			idx = n - 1
			j++
		} else {
			j = i + 1
		}
		if j >= len(t) {
			throw(l, "Incomplete format specifier in %q", t)
		}
		switch t[j] {
		case '%':
			b.WriteByte('%')
		case 'n':
			b.WriteByte('\n')
		case 's', 'd', 'S':
			if idx < 0 {
				idx = next
				next++
			}
			if idx < 0 || idx >= len(args) {
				throw(l, "Format specifier '%%%c' in %q has no argument", t[j], t)
			}
			if t[j] == 'S' {
				b.WriteString(strings.ToUpper(args[idx]))
			} else {
				b.WriteString(args[idx])
			}
		default:
			throw(l, "Unsupported format specifier '%%%c' in %q", t[j], t)
		}
		i = j
	}
	return b.String()
}

// runCommand runs cmd (with env added to the environment) and returns
// [exitValue, stdout, stderr].
func (p *Program) runCommand(env, cmd []string, l *Loc) Value {
	if !p.std.allowExec {
		throw(l, "IOExec and its variants run external programs and are disabled; enable them with the checker's option to allow running commands")
	}
	if len(cmd) == 0 {
		throw(l, "IOExec: the command is empty")
	}
	c := exec.Command(cmd[0], cmd[1:]...)
	if env != nil {
		c.Env = append(os.Environ(), env...)
	}
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	err := c.Run()
	code := int64(0)
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			throw(l, "IOExec: %v", err)
		}
		code = int64(ee.ExitCode())
	}
	return execRecord(code, out.String(), errb.String())
}

// encodeValue writes v in tlals's serialization format: one tag byte per
// value (b/B booleans, i integer, s string, m model value, S set, F
// function, T sequence) followed by its contents, sizes in decimal ended by
// ':'.
func encodeValue(w *bytes.Buffer, v Value, l *Loc) {
	switch x := normV(v).(type) {
	case Bool:
		if x {
			w.WriteByte('B')
		} else {
			w.WriteByte('b')
		}
	case Int:
		fmt.Fprintf(w, "i%d:", int64(x))
	case Str:
		fmt.Fprintf(w, "s%d:%s", len(x), string(x))
	case *ModelValue:
		fmt.Fprintf(w, "m%d:%s", len(x.Name), x.Name)
	case *SetV:
		fmt.Fprintf(w, "S%d:", len(x.elems))
		for _, e := range x.elems {
			encodeValue(w, e, l)
		}
	case *FcnV:
		if x.Seq {
			fmt.Fprintf(w, "T%d:", len(x.Vals))
			for _, e := range x.Vals {
				encodeValue(w, e, l)
			}
			return
		}
		fmt.Fprintf(w, "F%d:", len(x.Vals))
		for i, e := range x.Vals {
			encodeValue(w, x.Dom[i], l)
			encodeValue(w, e, l)
		}
	default:
		throw(l, "IOSerialize cannot serialize the value %s", Pretty(v))
	}
}

func decodeValue(r *bufio.Reader, l *Loc) Value {
	bad := func() { throw(l, "IODeserialize: the file is not a value serialized by IOSerialize") }
	num := func() int64 {
		s, err := r.ReadString(':')
		if err != nil {
			bad()
		}
		n, err := strconv.ParseInt(s[:len(s)-1], 10, 64)
		if err != nil {
			bad()
		}
		return n
	}
	str := func() string {
		n := num()
		if n < 0 || n > 1<<30 {
			bad()
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(r, b); err != nil {
			bad()
		}
		return string(b)
	}
	tag, err := r.ReadByte()
	if err != nil {
		bad()
	}
	switch tag {
	case 'B':
		return Bool(true)
	case 'b':
		return Bool(false)
	case 'i':
		return Int(num())
	case 's':
		return Str(str())
	case 'm':
		return &ModelValue{Name: str()}
	case 'S', 'T', 'F':
		n := num()
		if n < 0 || n > maxEnum {
			bad()
		}
		var dom, vals []Value
		for i := int64(0); i < n; i++ {
			if tag == 'F' {
				dom = append(dom, decodeValue(r, l))
			}
			vals = append(vals, decodeValue(r, l))
		}
		switch tag {
		case 'S':
			return mkSet(vals)
		case 'T':
			return mkTuple(vals)
		}
		return mkFcn(dom, vals)
	}
	bad()
	return nil
}

func csvOps() map[string]*builtin {
	appendLine := func(name, line string, l *Loc) {
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err == nil {
			_, err = f.WriteString(line + "\n")
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			throw(l, "%v", err)
		}
	}
	return map[string]*builtin{
		"CSVWrite": {arity: 3, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			tmpl := strArg(args[0], l, "first", "CSVWrite")
			xs := seqArg(args[1], l, "The second argument of CSVWrite should be a sequence, but instead it is:\n%s").Vals
			ps := make([]string, len(xs))
			for i, x := range xs {
				ps[i] = unquoted(x)
			}
			appendLine(strArg(args[2], l, "third", "CSVWrite"), javaFormat(tmpl, ps, l), l)
			return Bool(true)
		}},
		"CSVWriteRecord": {arity: 4, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			f := fcnArg(args[0], l, "first", "CSVWriteRecord", "record")
			delim := strArg(args[1], l, "second", "CSVWriteRecord")
			name := strArg(args[3], l, "fourth", "CSVWriteRecord")
			if toBool(args[2], l) {
				hs := make([]string, len(f.Vals))
				for i := range f.Vals {
					hs[i] = unquoted(f.DomainAt(i))
				}
				appendLine(name, strings.Join(hs, delim), l)
			}
			vs := make([]string, len(f.Vals))
			for i, v := range f.Vals {
				vs[i] = unquoted(v)
			}
			appendLine(name, strings.Join(vs, delim), l)
			return Bool(true)
		}},
		"CSVRead": {arity: 3, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			cols := strSeq(args[0], l, "CSVRead")
			delim := strArg(args[1], l, "second", "CSVRead")
			data := readFile(args[2], l, "CSVRead")
			var out []Value
			for _, line := range csvLines(data) {
				fields := strings.Split(line, delim)
				names := make([]string, 0, len(cols))
				vals := make([]Value, 0, len(cols))
				for i, col := range cols {
					if i < len(fields) {
						names = append(names, col)
						vals = append(vals, Str(fields[i]))
					}
				}
				out = append(out, mkRecord(names, vals))
			}
			return mkTuple(out)
		}},
		"CSVRecords": {arity: 1, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			name := strArg(args[0], l, "first", "CSVRecords")
			data, err := os.ReadFile(name)
			if err != nil {
				return Int(0)
			}
			return Int(len(csvLines(data)))
		}},
	}
}

func csvLines(data []byte) []string {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	return lines
}
