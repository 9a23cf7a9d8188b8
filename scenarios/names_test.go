package scenarios

import (
	"regexp"
	"strings"
	"testing"
)

// TestNames checks validName and validScenarioName against the patterns
// they stand for, on edge cases and on every string of one or two
// characters from a set that mixes allowed and refused ones.
func TestNames(t *testing.T) {
	entry := regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	scenario := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	cases := []string{"", "tcc", "pima-tcc-2021-01-22", "a.b", "_x", "-x", ".x", "x_", "x.", "a b", "é", "tcc/2",
		strings.Repeat("a", maxNameLen), strings.Repeat("a", maxNameLen+1)}
	chars := []string{"a", "Z", "0", "9", "_", "-", ".", " ", "/", "é", "\x00"}
	for _, a := range chars {
		cases = append(cases, a)
		for _, b := range chars {
			cases = append(cases, a+b)
		}
	}
	for _, s := range cases {
		short := len(s) <= maxNameLen
		if got, want := validName(s), short && entry.MatchString(s); got != want {
			t.Errorf("validName(%q) = %v, want %v", s, got, want)
		}
		if got, want := validScenarioName(s), short && scenario.MatchString(s); got != want {
			t.Errorf("validScenarioName(%q) = %v, want %v", s, got, want)
		}
	}
}
