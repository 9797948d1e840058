package main

import "syscall"

// dupTo makes newfd a copy of oldfd (Linux on arm64 and riscv64 has no dup2).
func dupTo(oldfd, newfd int) error { return syscall.Dup3(oldfd, newfd, 0) }
