package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

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
