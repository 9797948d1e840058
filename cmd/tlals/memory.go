package main

import (
	"flag"

	"github.com/tlals/tlals/checker"
)

// flagSet reports whether the command line set the flag name.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// defaultMemoryCeiling is the heap at which a run without -max-memory
// stops: half of the memory the process may use, so that a model far
// larger than expected, or one evaluation that never ends, fails with a
// message instead of taking the machine down, as TLC stops at its JVM heap
// (a quarter of the machine's memory by default). 0 where that memory is
// unknown.
func defaultMemoryCeiling() uint64 {
	return checker.MachineMemory() / 2
}
