package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/tlals/tlals/parser/format"
)

func init() {
	register("fmt", "format TLA+ modules", runFmt)
}

// runFmt works as gofmt does: the formatted text on stdout, or written
// back (-w), or a diff (-d); -check lists the unformatted files and exits
// 1 when there is one. A file that does not parse is an error (exit 2).
func runFmt(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("fmt", "usage: tlals fmt [-w] [-d] [-check] FILE.tla…", stderr)
	write := fs.Bool("w", false, "write the result to the file instead of stdout")
	diff := fs.Bool("d", false, "print a diff instead of the formatted text")
	check := fs.Bool("check", false, "list the files that are not formatted and exit 1 if there is one")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	code := exitOK
	for _, path := range fs.Args() {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "tlals: %v\n", err)
			code = exitUsage
			continue
		}
		out, err := format.Source(context.Background(), path, src)
		if err != nil {
			fmt.Fprintf(stderr, "tlals: %v\n", err)
			code = exitUsage
			continue
		}
		same := bytes.Equal(src, out)
		if *check && !same {
			fmt.Fprintln(stdout, path)
			if code == exitOK {
				code = exitFindings
			}
		}
		if *diff && !same {
			fmt.Fprint(stdout, format.Diff(path+".orig", path, src, out))
		}
		if *write && !same {
			info, err := os.Stat(path)
			if err == nil {
				err = os.WriteFile(path, out, info.Mode().Perm())
			}
			if err != nil {
				fmt.Fprintf(stderr, "tlals: %v\n", err)
				code = exitUsage
			}
		}
		if !*check && !*diff && !*write {
			stdout.Write(out)
		}
	}
	return code
}
