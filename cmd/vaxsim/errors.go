package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"syscall"

	"vaxsim/sim"
)

// Exit codes (design.md section 3).
const (
	exitOK          = 0
	exitRegression  = 1  // compare found a regression
	exitInput       = 2  // bad input or usage; nothing written
	exitBudget      = 3  // a run exceeded its event or time budget
	exitInternal    = 70 // internal error or violated invariant
	exitSystem      = 74 // the system refused: disk full, no permission, read-only
	exitInterrupted = 75 // interrupted by a signal after a clean flush
)

// systemErrors are the errors of the machine, not of vaxsim or its input:
// exit 74.
var systemErrors = []error{syscall.ENOSPC, syscall.EDQUOT, syscall.EROFS, syscall.EACCES, syscall.EPERM, syscall.EIO}

// panicError is a panic caught at the top of the program: a defect.
type panicError struct {
	value any
	stack []byte
}

func (e *panicError) Error() string {
	return fmt.Sprintf("internal error: %v (a defect of vaxsim: please report it with the command and the scenario; VAXSIM_DEBUG=1 prints where it happened)", e.value)
}

// exitError carries an exit code with an error.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usagef is a usage error: exit 2.
func usagef(format string, args ...any) error {
	return &exitError{exitInput, fmt.Errorf(format, args...)}
}

// inputErr marks err as bad input: exit 2.
func inputErr(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{exitInput, err}
}

// errSilent is an error already reported; it only sets the exit code.
var errSilent = errors.New("")

// exitCode maps an error to the process's exit code, printing it to
// stderr unless it was printed already.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	code := exitInternal
	var ee *exitError
	var be *sim.BudgetError
	var ie *sim.InvariantError
	switch {
	case errors.As(err, &ee):
		code = ee.code
	case errors.As(err, &be):
		code = exitBudget
	case errors.As(err, &ie):
		code = exitInternal
	case errors.Is(err, context.Canceled):
		code = exitInterrupted
	case slices.ContainsFunc(systemErrors, func(e error) bool { return errors.Is(err, e) }):
		code = exitSystem
	}
	var pe *panicError
	if errors.As(err, &pe) {
		code = exitInternal
		if os.Getenv("VAXSIM_DEBUG") != "" {
			stderr.Write(pe.stack)
		}
	}
	if !errors.Is(err, errSilent) {
		fmt.Fprintln(stderr, "vaxsim:", err)
	}
	return code
}
