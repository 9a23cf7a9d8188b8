package scenarios_test

import (
	"testing"

	"vaxsim/scenarios"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"run", "run", 0},
		{"", "run", 3},
		{"rn", "run", 1},      // a letter left out
		{"runn", "run", 1},    // one too many
		{"rum", "run", 1},     // one wrong
		{"rnu", "run", 1},     // two swapped
		{"sewep", "sweep", 1}, // two swapped in the middle
		{"ca", "abc", 3},      // optimal string alignment, not full Damerau–Levenshtein (2)
		{"kitten", "sitting", 3},
		{"reps", "seed", 3},
	}
	for _, tc := range tests {
		if got := scenarios.EditDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("scenarios.EditDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := scenarios.EditDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("scenarios.EditDistance(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
		}
	}
}
