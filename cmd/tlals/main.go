// Command tlals is the TLA+ language server, model checker and PlusCal
// translator. Each subcommand lives in its own file.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit codes shared by the subcommands that do not follow TLC's (see
// check.go for the checker's).
const (
	exitOK       = 0
	exitFindings = 1 // lint found errors
	exitUsage    = 2 // bad flags or arguments
	// check: the run stopped at a bound (-timeout, -max-memory with
	// -spill=false, -max-states, -max-depth, cancellation) before it
	// completed: nothing found, but nothing verified either, which a CI
	// job must not take for success; TLC has no such status (its codes
	// are 0, 10-14, 75-77, 150-153 and 255)
	exitBound = 3
)

type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{}

func register(name, summary string, run func(args []string, stdout, stderr io.Writer) int) {
	commands[name] = command{summary, run}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "tlals: unknown command %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
	return cmd.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: tlals <command> [arguments]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
}

// newFlags is a subcommand's flag set: errors and the usage, which starts
// with the line usage, go to stderr; the caller maps errors to exitUsage.
func newFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// pathFlag declares -path, the module directories searched before TLA_PATH.
func pathFlag(fs *flag.FlagSet) *string {
	return fs.String("path", "", "extra module directories, colon-separated (searched before TLA_PATH)")
}
