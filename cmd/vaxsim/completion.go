package main

import (
	"context"
	"embed"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"vaxsim/scenarios"
)

// completeCommand is the hidden command the completion scripts run:
// "vaxsim __complete WORD..." prints, one a line, the candidates for the
// last WORD (which may be empty), the words before it being the command
// line after "vaxsim". It prints nothing where the shell should complete
// file names.
const completeCommand = "__complete"

// scenarioCommands take a scenario (or, for sweep, a sweep file) as
// their first argument; the others take folders or nothing.
var scenarioCommands = []string{"run", "sweep", "validate", "init"}

// shells are those completion has a script for.
var shells = []string{"bash", "fish", "zsh"}

// keyFlags take a scenario key path and a value: key=value.
var keyFlags = []string{"set", "vary"}

func setupCompletion(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	return func(_ context.Context, io streams, args []string) error {
		if len(args) != 1 {
			return usagef("completion: name one shell: bash, zsh or fish")
		}
		script, err := completionScripts.ReadFile("completion/vaxsim." + args[0])
		if err != nil || !slices.Contains(shells, args[0]) {
			return usagef("completion: no script for %q; the shells are bash, zsh and fish", args[0])
		}
		_, err = io.out.Write(script)
		return err
	}
}

// complete prints the candidates for the last of words (see
// completeCommand). It never fails: a shell shows nothing on errors.
func complete(w io.Writer, words []string) error {
	for _, c := range completions(words) {
		fmt.Fprintln(w, c)
	}
	return nil
}

// completions returns the candidates for the last of words, those that
// begin with it. bash splits "--set=key" into "--set", "=", "key" (the
// '=' is in COMP_WORDBREAKS); zsh and fish keep it whole. Both work.
func completions(words []string) []string {
	if len(words) == 0 {
		words = []string{""}
	}
	cur, prev := words[len(words)-1], words[:len(words)-1]
	if len(prev) == 0 {
		if strings.HasPrefix(cur, "-") {
			return matching(cur, []string{"--help", "--version"})
		}
		return matching(cur, commandNames())
	}
	c := findCommand(prev[0])
	if c == nil {
		return nil
	}
	if c.name == "help" {
		if len(prev) == 1 {
			return matching(cur, commandNames())
		}
		return nil
	}
	fs := newFlagSet(c, io.Discard)
	c.setup(fs)

	// Walk the words before cur: which flag, if any, cur is the value
	// of, and the arguments so far.
	var args []string
	var valueOf *pflag.Flag
	rest := prev[1:]
	for i := 0; i < len(rest); i++ {
		w := rest[i]
		switch {
		case w == "=" && valueOf == nil:
			// the rest of a word bash split at '=': the value follows
			if i+1 < len(rest) {
				i++
			} else {
				return nil // cur is the value after key= or --flag=
			}
		case w == "--":
			args = append(args, rest[i+1:]...)
			i = len(rest)
		case strings.HasPrefix(w, "--"):
			valueOf = nil
			name, _, inline := strings.Cut(w[2:], "=")
			if f := fs.Lookup(name); f != nil && !inline && f.NoOptDefVal == "" {
				valueOf = f
				if i+1 < len(rest) && rest[i+1] == "=" {
					i++ // bash's --flag = value
				}
				if i+1 < len(rest) {
					i++ // the flag's value
					valueOf = nil
				}
			}
		default:
			args = append(args, w)
		}
	}
	if valueOf != nil {
		return flagValues(c, valueOf.Name, args, cur, "")
	}
	if strings.HasPrefix(cur, "--") {
		if name, value, ok := strings.Cut(cur[2:], "="); ok {
			return flagValues(c, name, args, value, "--"+name+"=")
		}
		var flags []string
		for _, n := range flagNames(fs) {
			flags = append(flags, "--"+n)
		}
		return matching(cur, append(flags, "--help"))
	}
	if strings.HasPrefix(cur, "-") {
		return nil
	}
	if len(args) == 0 && c.name == "completion" {
		return matching(cur, shells)
	}
	if len(args) == 0 && slices.Contains(scenarioCommands, c.name) {
		var names []string
		for _, in := range scenarios.Bundled() {
			names = append(names, in.Name)
		}
		return matching(cur, names) // the shell adds file names
	}
	return nil
}

// flagValues returns the candidates for value, the value of command c's
// flag name, each prefixed with prefix; args are the command's arguments
// before it.
func flagValues(c *command, name string, args []string, value, prefix string) []string {
	if !slices.Contains(keyFlags, name) || strings.Contains(value, "=") {
		return nil
	}
	scenario := ""
	if len(args) > 0 {
		scenario = args[0]
	}
	keys, err := scenarioKeys(scenario)
	if err != nil {
		return nil
	}
	var out []string
	for _, k := range matching(value, keys) {
		out = append(out, prefix+k+"=")
	}
	return out
}

// matching returns the candidates that begin with prefix.
func matching(prefix string, candidates []string) []string {
	var out []string
	for _, c := range candidates {
		if strings.HasPrefix(c, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// scenarioKeys returns the key paths --set and --vary accept for the
// scenario named by arg (a file, a sweep file or a bundled name; "" for
// the default), sorted: every field of every table the scenario has, and
// of the tables every scenario may have.
func scenarioKeys(arg string) ([]string, error) {
	if sw, err := scenarios.LoadSweep(arg); err == nil && sw != nil {
		arg = sw.Scenario
	}
	f, err := scenarios.Resolve(arg, nil)
	if err != nil {
		return nil, err
	}
	return scenarios.Keys(f), nil
}

// completionScripts are the scripts of completion, completion/vaxsim.SHELL.
// Each asks "vaxsim __complete" for the candidates, and completes file
// names when it gives none.
//
//go:embed completion
var completionScripts embed.FS
