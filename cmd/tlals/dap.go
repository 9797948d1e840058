package main

import (
	"context"
	"flag"
	"io"
	"os"
	"os/signal"

	"go.uber.org/zap"

	"github.com/tlals/tlals/lsp/dap"
)

func init() {
	register("dap", "run the debugger (Debug Adapter Protocol) on stdin/stdout", runDAP)
}

// runDAP serves the Debug Adapter Protocol on stdin/stdout; the spec and
// model come with the client's launch request. As for lsp, stdout carries
// only the protocol's frames and the log goes to stderr (or -logfile).
func runDAP(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dap", flag.ContinueOnError)
	fs.SetOutput(stderr)
	logFile := fs.String("logfile", "", "write the log to `file` instead of stderr")
	logLevel := fs.String("loglevel", "info", "log level: debug, info, warn, error")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	pio, ok := openProtocolIO("dap", *logFile, *logLevel, stdout, stderr)
	if !ok {
		return exitUsage
	}
	defer pio.close()
	logger := pio.logger
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := dap.Serve(ctx, os.Stdin, pio.stdout, logger); err != nil {
		logger.Error("debug adapter stopped", zap.Error(err))
		return 1
	}
	return exitOK
}
