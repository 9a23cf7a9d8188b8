package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"
)

// streams are the writers a command uses: data to out, messages to msg.
type streams struct {
	out, msg io.Writer
}

// command is one subcommand. setup registers its flags and returns the
// function that runs it with the remaining arguments.
type command struct {
	name  string
	args  string // the usage line after the name
	short string // one line for the command list
	setup func(fs *pflag.FlagSet) func(ctx context.Context, io streams, args []string) error
}

// commands are the subcommands, in display order. The table is filled
// in init: help, in it, reads it.
var commands []command

func init() {
	commands = []command{
		{"run", "[SCENARIO] [--reps N] [--seed S] [--out DIR] [--set key=value]... [--record DIR]", "simulate a scenario and write its results", setupRun},
		{"sweep", "[SCENARIO | SWEEP_FILE] --vary key=values... [--set key=value]... [--reps N] [--seed S] [--out DIR] [--no-crn] [--shard i/n] [--resume] [--plan]", "run a scenario over a grid of parameter values", setupSweep},
		{"merge", "DIR... [--out DIR]", "join the shards of a sweep and write its results", setupMerge},
		{"compare", "BASE_DIR NEW_DIR [--alpha 0.05] [--tolerance 2%] [--metric-tolerance name=5%]... [--fail-on better-or-worse|worse|any] [--format text|csv|markdown] [--all]", "compare two result folders; exit 1 if a result moved", setupCompare},
		{"plot", "DIR [--out DIR]", "draw a result folder's plots again from its files", setupPlot},
		{"report", "DIR [--out FILE]", "write a one-page HTML report of a result folder", setupReport},
		{"validate", "SCENARIO...", "check scenarios without running them", setupValidate},
		{"scenarios", "", "list the bundled scenarios", setupScenarios},
		{"init", "NAME [--dir DIR]", "print a bundled scenario to start from", setupInit},
		{"completion", "bash|zsh|fish", "print the shell's completion script", setupCompletion},
		{"version", "", "print the version", setupVersion},
		{"help", "[COMMAND]", "print the manual or a command's usage", setupHelp},
	}
}

// commandNames returns the commands' names in display order.
func commandNames() []string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return names
}

func findCommand(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

//go:embed manual.txt
var manualText string

// manual returns the user manual, manual.txt.
func manual() string { return strings.TrimSpace(manualText) + "\n" }

// run is the whole program: it parses args, runs a command and returns
// its error; main maps the error to an exit code.
//
// A panic, a defect of vaxsim, is returned as an error too: main prints
// one line and exits 70.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &panicError{value: v, stack: debug.Stack()}
		}
	}()
	if len(args) == 0 {
		usage(stderr)
		return &exitError{exitInput, errSilent}
	}
	name := args[0]
	switch name {
	case "-h", "--help":
		fmt.Fprint(stdout, manual())
		return nil
	case "--version":
		name = "version"
	case completeCommand:
		return complete(stdout, args[1:])
	}
	c := findCommand(name)
	if c == nil {
		hint := commandHint(name)
		if hint == "" {
			usage(stderr)
		}
		return usagef("unknown command %q%s", name, hint)
	}
	fs := newFlagSet(c, stderr)
	runCmd := c.setup(fs)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			printUsage(stdout, c, fs)
			return nil
		}
		return flagError(c, fs, err)
	}
	return runCmd(ctx, streams{out: stdout, msg: stderr}, fs.Args())
}

func setupHelp(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	return func(_ context.Context, io streams, args []string) error {
		switch len(args) {
		case 0:
			fmt.Fprint(io.out, manual())
			return nil
		case 1:
			c := findCommand(args[0])
			if c == nil {
				return usagef("help: unknown command %q%s", args[0], commandHint(args[0]))
			}
			cfs := newFlagSet(c, io.msg)
			c.setup(cfs)
			printUsage(io.out, c, cfs)
			return nil
		}
		return usagef("help: at most one command")
	}
}
