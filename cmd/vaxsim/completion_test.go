package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"vaxsim/scenarios"
)

func TestCompletions(t *testing.T) {
	tests := []struct {
		words    []string
		has      []string // among the candidates
		hasNot   []string
		none     bool // no candidates: the shell completes file names
		allStart string
	}{
		{words: []string{""}, has: []string{"run", "sweep", "completion", "help"}, hasNot: []string{completeCommand}},
		{words: []string{"ru"}, has: []string{"run"}, hasNot: []string{"report"}},
		{words: []string{"-"}, has: []string{"--help", "--version"}},
		{words: []string{"help", "sw"}, has: []string{"sweep"}},
		{words: []string{"completion", ""}, has: []string{"bash", "fish", "zsh"}},
		{words: []string{"run", "--se"}, has: []string{"--seed", "--set"}, hasNot: []string{"--reps"}},
		{words: []string{"run", "--"}, has: []string{"--reps", "--record", "--help"}},
		{words: []string{"sweep", "--va"}, has: []string{"--vary"}},
		{words: []string{"run", "pima-tcc"}, has: []string{"pima-tcc-2021-01-22", "pima-tcc-replay"}},
		{words: []string{"run", "--reps", "5", ""}, has: []string{"pima-tcc-2021-01-22"}},
		{words: []string{"run", "--no-plots", ""}, has: []string{"mmc-validation"}},
		{words: []string{"run", "mmc-validation", ""}, none: true},
		{words: []string{"plot", ""}, none: true},
		{words: []string{"run", "--reps", ""}, none: true},
		{words: []string{"run", "--out", "r"}, none: true},
		{words: []string{"nosuch", ""}, none: true},
		// keys of the default scenario, of a named one and of a sweep's base
		{words: []string{"run", "--set", "sites."}, has: []string{"sites.tcc.stations=", "sites.tcc.hours.mon="}, allStart: "sites."},
		{words: []string{"run", "--set", ""}, has: []string{"scenario.days=", "invitations.fill.factor=", "portal.outages.glitch.mode=", "portal.random_outages.mtbf="}},
		{words: []string{"run", "--set=sites.tcc.st"}, has: []string{"--set=sites.tcc.stations="}, allStart: "--set=sites.tcc.st"},
		{words: []string{"run", "--set", "=", "sites.tcc.st"}, has: []string{"sites.tcc.stations="}}, // bash's split at '='
		{words: []string{"run", "--set", "sites.tcc.stations", "=", ""}, none: true},
		{words: []string{"run", "--set", "sites.tcc.stations=1"}, none: true},
		{words: []string{"sweep", "pima-county-2021-q1", "--vary", "sites.tmc.periods.ramp.h"}, has: []string{"sites.tmc.periods.ramp.hours.sat="}},
		{words: []string{"run", "--set", "sites.tcc.stations=10", "--set", "sites.tcc.w"}, has: []string{"sites.tcc.walkins="}},
		{words: []string{"validate", "mmc-validation", "--set", "sites."}, hasNot: []string{"sites.tcc.stations="}},
		{words: []string{"init", "--set", "sites."}, none: true}, // init has no --set
	}
	for _, tc := range tests {
		got := completions(tc.words)
		name := strings.Join(tc.words, " ")
		if tc.none && len(got) > 0 {
			t.Errorf("vaxsim %s<TAB>: %q, want none", name, got)
		}
		for _, w := range tc.has {
			if !slices.Contains(got, w) {
				t.Errorf("vaxsim %s<TAB>: no %q in %q", name, w, got)
			}
		}
		for _, w := range tc.hasNot {
			if slices.Contains(got, w) {
				t.Errorf("vaxsim %s<TAB>: %q among %q", name, w, got)
			}
		}
		for _, g := range got {
			if !strings.HasPrefix(g, tc.allStart) {
				t.Errorf("vaxsim %s<TAB>: %q does not begin with %q", name, g, tc.allStart)
			}
		}
	}
}

// TestScenarioKeys checks that every key offered for every bundled
// scenario is one --set knows.
func TestScenarioKeys(t *testing.T) {
	keys, err := scenarioKeys("")
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < 50 || !slices.Contains(keys, "sites.tcc.stations") {
		t.Fatalf("%d keys of the default scenario, without sites.tcc.stations: %q", len(keys), keys)
	}
	if _, err := scenarioKeys("no-such-scenario"); err == nil {
		t.Error("keys of a scenario that does not exist")
	}
	// A sweep file's keys are its base scenario's.
	sweep := filepath.Join(t.TempDir(), "sweep.toml")
	text := "[sweep]\nscenario = \"mmc-validation\"\nvary = [\"sites.mmc.stations=1,2\"]\n"
	if err := os.WriteFile(sweep, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if keys, err := scenarioKeys(sweep); err != nil || !slices.Contains(keys, "sites.mmc.stations") {
		t.Errorf("keys of a sweep file: %v, %q", err, keys)
	}
	for _, in := range scenarios.Bundled() {
		keys, err := scenarioKeys(in.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			_, err := scenarios.Resolve(in.Name, []string{k + "=0"})
			if err != nil && strings.Contains(err.Error(), "unknown key") {
				t.Errorf("%s: %s is offered but unknown: %v", in.Name, k, err)
			}
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		stdout, stderr, code := inProcess("completion", shell)
		if code != 0 || stderr != "" || !strings.Contains(stdout, "__complete") {
			t.Errorf("vaxsim completion %s: exit %d, stderr %q:\n%s", shell, code, stderr, stdout)
		}
	}
	if _, stderr, code := inProcess("completion", "tcsh"); code != exitInput || !strings.Contains(stderr, "bash, zsh and fish") {
		t.Errorf("vaxsim completion tcsh: exit %d, %q", code, stderr)
	}
}

// TestBashCompletion sources the bash script and completes words with
// the vaxsim binary on PATH, as bash does on TAB.
func TestBashCompletion(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build vaxsim")
	}
	if testing.Short() {
		t.Skip("builds vaxsim")
	}
	dir := t.TempDir()
	build := exec.Command(goTool, "build", "-o", filepath.Join(dir, "vaxsim"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	script := filepath.Join(dir, "vaxsim.bash")
	text, err := completionScripts.ReadFile("completion/vaxsim.bash")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(script, text, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		line string // the words, the last being completed
		want string // among the candidates
		only bool   // the only one
	}{
		{"vaxsim ru", "run", true},
		{"vaxsim run --se", "--set", false},
		{"vaxsim run --set sites.", "sites.tcc.stations=", false},
		{"vaxsim sweep --vary invitations.fill.fa", "invitations.fill.factor=", true},
		{"vaxsim run pima-tcc-r", "pima-tcc-replay", true},
	}
	for _, tc := range tests {
		words := strings.Fields(tc.line)
		if strings.HasSuffix(tc.line, " ") {
			words = append(words, "")
		}
		var quoted []string
		for _, w := range words {
			quoted = append(quoted, "'"+w+"'")
		}
		prog := "source " + script + "\n" +
			"COMP_WORDS=(" + strings.Join(quoted, " ") + ")\n" +
			"COMP_CWORD=" + strconv.Itoa(len(words)-1) + "\n" +
			"COMP_LINE='" + tc.line + "'\nCOMP_POINT=${#COMP_LINE}\n" +
			"_vaxsim\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", prog)
		cmd.Env = append(os.Environ(), "PATH="+dir+string(os.PathListSeparator)+os.Getenv("PATH"))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s<TAB>: %v\n%s", tc.line, err, out)
		}
		got := strings.Fields(string(out))
		if !slices.Contains(got, tc.want) || tc.only && len(got) != 1 {
			t.Errorf("%s<TAB> gives %q, want %q", tc.line, got, tc.want)
		}
	}
}
