package main

import (
	"strings"
	"testing"
)

func TestCommandsRegistered(t *testing.T) {
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	want := []string{"run", "validate", "scenarios", "init", "version", "help"}
	j := 0
	for _, n := range names {
		if j < len(want) && n == want[j] {
			j++
		}
	}
	if j != len(want) {
		t.Errorf("commands %v are not in display order %v", names, want)
	}
}

// TestHelp checks that --help, -h and help COMMAND print the command's
// usage once, on stdout, and exit 0, and that vaxsim --help, -h and help
// print the manual.
func TestHelp(t *testing.T) {
	for _, c := range commands {
		want, stderr, code := inProcess("help", c.name)
		if code != 0 || stderr != "" {
			t.Errorf("vaxsim help %s: exit %d, stderr %q", c.name, code, stderr)
		}
		if n := strings.Count(want, "usage: vaxsim "+c.name); n != 1 {
			t.Errorf("vaxsim help %s prints the usage %d times:\n%s", c.name, n, want)
		}
		for _, flag := range []string{"--help", "-h"} {
			stdout, stderr, code := inProcess(c.name, flag)
			if stdout != want || stderr != "" || code != 0 {
				t.Errorf("vaxsim %s %s: exit %d, stdout %q, stderr %q; want exit 0 and stdout %q",
					c.name, flag, code, stdout, stderr, want)
			}
		}
	}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		stdout, stderr, code := inProcess(args...)
		if stdout != manual() || stderr != "" || code != 0 {
			t.Errorf("vaxsim %s: exit %d, stderr %q; the manual on stdout: %v", args[0], code, stderr, stdout == manual())
		}
	}
}

func TestDidYouMean(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"rn"}, `vaxsim: unknown command "rn"; did you mean "run"?` + "\n"},
		{[]string{"sewep"}, `vaxsim: unknown command "sewep"; did you mean "sweep"?` + "\n"},
		{[]string{"help", "scenario"}, `vaxsim: help: unknown command "scenario"; did you mean "scenarios"?` + "\n"},
		{[]string{"run", "--rep", "5"}, "vaxsim: run: unknown flag --rep; did you mean --reps?\n"},
		{[]string{"run", "--rep=5"}, "vaxsim: run: unknown flag --rep; did you mean --reps?\n"},
		{[]string{"sweep", "--vari", "x=1"}, "vaxsim: sweep: unknown flag --vari; did you mean --vary?\n"},
		{[]string{"run", "--frobnicate"}, "vaxsim: run: unknown flag --frobnicate (see 'vaxsim help run')\n"},
	}
	for _, tc := range tests {
		stdout, stderr, code := inProcess(tc.args...)
		if code != exitInput || stdout != "" || stderr != tc.want {
			t.Errorf("vaxsim %s: exit %d, stdout %q, stderr %q; want exit 2 and %q",
				strings.Join(tc.args, " "), code, stdout, stderr, tc.want)
		}
	}
	// Without a likely command, the list of commands.
	if _, stderr, _ := inProcess("frobnicate"); !strings.Contains(stderr, "commands:\n") {
		t.Errorf("vaxsim frobnicate does not list the commands:\n%s", stderr)
	}
}
