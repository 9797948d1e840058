package main

import (
	"fmt"
	"io"
	"os"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// protocolIO is what a protocol server (lsp, dap) sets up before serving:
// its log, to stderr or a file, never to stdout, and stdout reserved for
// the protocol's frames.
type protocolIO struct {
	logger *zap.Logger
	level  zap.AtomicLevel
	stdout io.Writer // where the frames go
	closes []func() error
}

// openProtocolIO makes the log of command cmd at level (to logFile when
// set) and, when stdout is the process's, moves the frames to a private
// duplicate of it and points the process's stdout at stderr (see
// protectStdout), so that nothing else can write into the stream. A bad
// level or log file is reported on stderr: ok is false.
func openProtocolIO(cmd, logFile, level string, stdout, stderr io.Writer) (pio *protocolIO, ok bool) {
	lvl, err := zap.ParseAtomicLevel(level)
	if err != nil {
		fmt.Fprintf(stderr, "tlals %s: %v\n", cmd, err)
		return nil, false
	}
	pio = &protocolIO{level: lvl, stdout: stdout}
	var sink zapcore.WriteSyncer = zapcore.Lock(zapcore.AddSync(stderr))
	if logFile != "" {
		f, err := os.OpenFile(logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			fmt.Fprintf(stderr, "tlals %s: %v\n", cmd, err)
			return nil, false
		}
		pio.closes = append(pio.closes, f.Close)
		sink = zapcore.Lock(f)
	}
	pio.logger = zap.New(zapcore.NewCore(zapcore.NewConsoleEncoder(zap.NewDevelopmentEncoderConfig()), sink, lvl))
	if f, ok := stdout.(*os.File); ok && f == os.Stdout {
		if out, err := protectStdout(); err != nil {
			pio.logger.Warn("could not reserve stdout for the protocol", zap.Error(err))
		} else {
			pio.closes = append(pio.closes, out.Close)
			pio.stdout = out
		}
	}
	return pio, true
}

// close syncs the log and closes the reserved stdout and the log file.
func (p *protocolIO) close() {
	_ = p.logger.Sync()
	for i := len(p.closes) - 1; i >= 0; i-- {
		_ = p.closes[i]()
	}
}
