package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

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
	lvl, err := zap.ParseAtomicLevel(*logLevel)
	if err != nil {
		fmt.Fprintf(stderr, "tlals lsp: %v\n", err)
		return exitUsage
	}
	var sink zapcore.WriteSyncer = zapcore.Lock(zapcore.AddSync(stderr))
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			fmt.Fprintf(stderr, "tlals lsp: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		sink = zapcore.Lock(f)
	}
	enc := zap.NewDevelopmentEncoderConfig()
	logger := zap.New(zapcore.NewCore(zapcore.NewConsoleEncoder(enc), sink, lvl))
	defer logger.Sync()

	if f, ok := stdout.(*os.File); ok && f == os.Stdout {
		out, err := protectStdout()
		if err != nil {
			logger.Warn("could not reserve stdout for the protocol", zap.Error(err))
		} else {
			defer out.Close()
			stdout = out
		}
	}

	if addr := os.Getenv(pprofEnv); addr != "" {
		if at, err := servePprof(addr); err != nil {
			logger.Warn("profiling endpoints not started", zap.Error(err))
		} else {
			logger.Info("profiling endpoints", zap.String("url", "http://"+at+"/debug/pprof/"))
		}
	}
	opts := lsp.DefaultOptions()
	opts.Logger, opts.Level, opts.DiagnosticsDelay = logger, &lvl, *delay
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err = lsp.Serve(ctx, os.Stdin, stdout, opts)
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
