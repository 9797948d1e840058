//go:build unix

package tlcengine

import (
	"os/exec"
	"syscall"
)

// setGroup makes cmd the leader of a new process group, so that
// cancelling kills the JVM and everything it started.
func setGroup(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// killGroup kills cmd's process group.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
