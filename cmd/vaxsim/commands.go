package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
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

func usage(w io.Writer) {
	fmt.Fprintf(w, "usage: vaxsim COMMAND [ARGS]\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.short)
	}
	fmt.Fprintf(w, "\nRun 'vaxsim help' for the manual, 'vaxsim help COMMAND' for a command's flags.\n")
}

// newFlagSet returns a command's flag set. It prints nothing itself:
// pflag would print the usage on -h or --help, to w, and run prints it
// on stdout instead (printUsage); w gets pflag's other messages, such
// as deprecations.
func newFlagSet(c *command, w io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
	fs.SortFlags = false
	fs.SetOutput(w)
	fs.Usage = func() {}
	return fs
}

// printUsage writes the usage of command c, whose flags fs holds, to w.
func printUsage(w io.Writer, c *command, fs *pflag.FlagSet) {
	fmt.Fprintf(w, "usage: vaxsim %s %s\n\n%s.\n", c.name, c.args, capitalise(c.short))
	if fs.HasFlags() {
		fmt.Fprintf(w, "\nflags:\n%s", fs.FlagUsages())
	}
}

// commandHint returns "; did you mean "run"?" with the command name
// most likely stands for, or "".
func commandHint(name string) string {
	if s := suggest(name, commandNames()); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

// flagError is the usage error for err, from parsing command c's flags
// fs; an unknown flag comes with the one it most likely stands for.
func flagError(c *command, fs *pflag.FlagSet, err error) error {
	var ne *pflag.NotExistError
	if errors.As(err, &ne) && ne.GetSpecifiedShortnames() == "" {
		name := ne.GetSpecifiedName()
		if s := suggest(name, flagNames(fs)); s != "" {
			return usagef("%s: unknown flag --%s; did you mean --%s?", c.name, name, s)
		}
		return usagef("%s: unknown flag --%s (see 'vaxsim help %s')", c.name, name, c.name)
	}
	return usagef("%s: %v (see 'vaxsim help %s')", c.name, err, c.name)
}

// flagNames returns the names of the flags of fs that are not hidden, in
// the order they were defined.
func flagNames(fs *pflag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	return names
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// run is the whole program: it parses args, runs a command and returns
// its error; main maps the error to an exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
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
