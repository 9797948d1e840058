//go:build !unix

package main

import "os"

// protectStdout keeps the original stdout for the protocol and points
// os.Stdout at stderr, so that Go code printing to stdout (a spec's PrintT,
// a stray fmt.Println) lands in the log instead of between two frames.
// Without dup2 the process's handle itself cannot be redirected.
func protectStdout() (*os.File, error) {
	f := os.Stdout
	os.Stdout = os.Stderr
	return f, nil
}
