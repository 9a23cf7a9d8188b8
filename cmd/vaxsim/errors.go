package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"vaxsim/sim"
)

// Exit codes (design.md section 3).
const (
	exitOK          = 0
	exitRegression  = 1  // compare found a regression
	exitInput       = 2  // bad input or usage; nothing written
	exitBudget      = 3  // a run exceeded its event or time budget
	exitInternal    = 70 // internal error or violated invariant
	exitInterrupted = 75 // interrupted by a signal after a clean flush
)

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
	}
	if !errors.Is(err, errSilent) {
		fmt.Fprintln(stderr, "vaxsim:", err)
	}
	return code
}
