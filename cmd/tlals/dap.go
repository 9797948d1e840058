package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

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
	lvl, err := zap.ParseAtomicLevel(*logLevel)
	if err != nil {
		fmt.Fprintf(stderr, "tlals dap: %v\n", err)
		return exitUsage
	}
	var sink zapcore.WriteSyncer = zapcore.Lock(zapcore.AddSync(stderr))
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			fmt.Fprintf(stderr, "tlals dap: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		sink = zapcore.Lock(f)
	}
	logger := zap.New(zapcore.NewCore(zapcore.NewConsoleEncoder(zap.NewDevelopmentEncoderConfig()), sink, lvl))
	defer logger.Sync()
	if f, ok := stdout.(*os.File); ok && f == os.Stdout {
		// what the spec prints must not reach the protocol's stream
		if out, err := protectStdout(); err != nil {
			logger.Warn("could not reserve stdout for the protocol", zap.Error(err))
		} else {
			defer out.Close()
			stdout = out
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := dap.Serve(ctx, os.Stdin, stdout, logger); err != nil {
		logger.Error("debug adapter stopped", zap.Error(err))
		return 1
	}
	return exitOK
}
