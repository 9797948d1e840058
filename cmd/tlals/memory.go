package main

import (
	"bufio"
	"flag"
	"os"
	"strconv"
	"strings"
)

// flagSet reports whether the command line set the flag name.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// defaultMemoryCeiling is the heap at which a run without -max-memory
// stops: half of the memory the process may use (the machine's, or its
// cgroup's limit when lower), so that a model far larger than expected, or
// one evaluation that never ends, fails with a message instead of taking
// the machine down, as TLC stops at its JVM heap (a quarter of the
// machine's memory by default). 0 where that memory cannot be read.
func defaultMemoryCeiling() uint64 {
	total := memTotal()
	if lim := cgroupLimit(); lim > 0 && (total == 0 || lim < total) {
		total = lim
	}
	return total / 2
}

// memTotal is MemTotal of /proc/meminfo in bytes (0: unknown).
func memTotal() uint64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			kb, err := strconv.ParseUint(fields[1], 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// cgroupLimit is the cgroup v2 memory limit in bytes (0: none or unknown).
func cgroupLimit() uint64 {
	b, err := os.ReadFile("/sys/fs/cgroup/memory.max")
	if err != nil {
		return 0
	}
	n, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return 0
	}
	return n
}
