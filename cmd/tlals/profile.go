package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime"
	runpprof "runtime/pprof"
)

// profileFlags are check's -cpuprofile, -memprofile, -mutexprofile and
// -blockprofile, as go test's.
type profileFlags struct {
	cpu, mem, mutex, block *string
}

func addProfileFlags(fs *flag.FlagSet) profileFlags {
	return profileFlags{
		cpu:   fs.String("cpuprofile", "", "write a CPU profile of the run to `FILE` (go tool pprof)"),
		mem:   fs.String("memprofile", "", "write a heap profile at the end of the run to `FILE` (go tool pprof)"),
		mutex: fs.String("mutexprofile", "", "write a profile of the mutexes workers waited for to `FILE` (go tool pprof)"),
		block: fs.String("blockprofile", "", "write a profile of where workers blocked (channels, locks) to `FILE` (go tool pprof)"),
	}
}

// blockRate samples blocking events of about 10µs and more: every one
// would slow the run the profile is meant to show.
const blockRate = 10_000

// start begins the CPU profile; the function it returns ends it and writes
// the heap profile. Profiles are diagnostics: a failure to write one is
// reported, never a change of the run's exit code.
func (p profileFlags) start() (stop func() error, err error) {
	var cpu *os.File
	if *p.mutex != "" {
		runtime.SetMutexProfileFraction(1)
	}
	if *p.block != "" {
		runtime.SetBlockProfileRate(blockRate)
	}
	if *p.cpu != "" {
		if cpu, err = os.Create(*p.cpu); err != nil {
			return nil, err
		}
		if err = runpprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, err
		}
	}
	return func() error {
		if cpu != nil {
			runpprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				return err
			}
		}
		// sampling is the process's: it ends with the run
		runtime.SetMutexProfileFraction(0)
		runtime.SetBlockProfileRate(0)
		for _, prof := range []struct{ name, file string }{{"mutex", *p.mutex}, {"block", *p.block}, {"heap", *p.mem}} {
			if prof.file == "" {
				continue
			}
			f, err := os.Create(prof.file)
			if err != nil {
				return err
			}
			if prof.name == "heap" {
				runtime.GC() // the profile shows live memory as of the end of the run
			}
			if err := runpprof.Lookup(prof.name).WriteTo(f, 0); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// pprofEnv names the variable that makes the language server serve Go's
// profiling endpoints (/debug/pprof/) on a loopback address, so that a
// background check can be profiled in the editor that runs it:
// TLALS_PPROF=localhost:6060, then `go tool pprof
// http://localhost:6060/debug/pprof/profile?seconds=30` while it checks.
const pprofEnv = "TLALS_PPROF"

// servePprof starts the endpoints on addr, which must be a loopback
// address: the profiles show the user's specs. It returns the address it
// listens on.
func servePprof(addr string) (string, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("%s=%q: %v", pprofEnv, addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return "", fmt.Errorf("%s=%q: only a loopback address is allowed (localhost:PORT)", pprofEnv, addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("%s: %v", pprofEnv, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	go http.Serve(ln, mux) //nolint:errcheck // ends with the process
	return ln.Addr().String(), nil
}
