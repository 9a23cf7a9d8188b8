package main

import "testing"

func TestSuggest(t *testing.T) {
	commands := []string{"run", "sweep", "merge", "compare", "plot", "report",
		"validate", "scenarios", "init", "version", "help", "completion"}
	runFlags := []string{"reps", "seed", "out", "set", "no-plots", "record"}
	tests := []struct {
		s     string
		names []string
		want  string
	}{
		{"rn", commands, "run"},
		{"ru", commands, "run"}, // the only prefix
		{"RUN", commands, "run"},
		{"swep", commands, "sweep"},
		{"sewep", commands, "sweep"},
		{"scenario", commands, "scenarios"},
		{"versoin", commands, "version"},
		{"valdiate", commands, "validate"},
		{"comp", commands, ""},       // compare and completion, both far
		{"co", commands, ""},         // two prefixes, neither near
		{"s", commands, ""},          // sweep and scenarios
		{"frobnicate", commands, ""}, // nothing near
		{"xyz", commands, ""},        // 3 letters: at most 1 edit
		{"", commands, ""},
		{"rep", runFlags, "reps"},
		{"reps", runFlags, "reps"},
		{"seeds", runFlags, "seed"},
		{"no-plot", runFlags, "no-plots"},
		{"noplots", runFlags, "no-plots"},
		{"recrod", runFlags, "record"},
		{"replications", runFlags, ""},
		{"se", runFlags, "set"}, // of two prefixes, the nearer
	}
	for _, tc := range tests {
		if got := suggest(tc.s, tc.names); got != tc.want {
			t.Errorf("suggest(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}
