package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"os/signal"

	"go.uber.org/zap"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/checker/tlcengine"
	"github.com/tlals/tlals/lsp"
)

func init() {
	register("lsp", "run the language server on stdin/stdout", runLSP)
}

// runLSP serves the Language Server Protocol on stdin/stdout. The log goes
// to stderr or to -logfile, never to stdout, which carries the protocol:
// when stdout is the process's, the frames go to a private duplicate of it
// and the process's stdout is pointed at stderr (see protectStdout).
func runLSP(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	logFile := fs.String("logfile", "", "write the log to `file` instead of stderr")
	logLevel := fs.String("loglevel", "info", "log level: debug, info, warn, error")
	delay := fs.Duration("debounce", lsp.DefaultDiagnosticsDelay, "wait this long after an edit before analysing")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	pio, ok := openProtocolIO("lsp", *logFile, *logLevel, stdout, stderr)
	if !ok {
		return exitUsage
	}
	defer pio.close()
	logger, lvl := pio.logger, pio.level

	if addr := os.Getenv(pprofEnv); addr != "" {
		if at, err := servePprof(addr); err != nil {
			logger.Warn("profiling endpoints not started", zap.Error(err))
		} else {
			logger.Info("profiling endpoints", zap.String("url", "http://"+at+"/debug/pprof/"))
		}
	}
	opts := lsp.DefaultOptions()
	opts.Logger, opts.Level, opts.DiagnosticsDelay = logger, &lvl, *delay
	opts.TLCEngine = func(jar string) checker.Engine { return tlcengine.Engine(tlcengine.Config{Jar: jar}) }
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := lsp.Serve(ctx, os.Stdin, pio.stdout, opts)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, lsp.ErrExitWithoutShutdown):
		return 1
	default:
		logger.Error("server stopped", zap.Error(err))
		return 1
	}
}
