package scenarios_test

import (
	"slices"
	"testing"

	"vaxsim/scenarios"
)

// TestKeys: the keys of every bundled scenario include those of its named
// entries, and each applies with --set as itself.
func TestKeys(t *testing.T) {
	f, err := scenarios.Resolve(scenarios.DefaultName, nil)
	if err != nil {
		t.Fatal(err)
	}
	keys := scenarios.Keys(f)
	for _, want := range []string{"sites.tcc.stations", "scenario.start", "invitations.fill.factor", "portal.random_outages.enabled"} {
		if !slices.Contains(keys, want) {
			t.Errorf("Keys of the seed day lack %s (%d keys)", want, len(keys))
		}
	}
	if !slices.IsSorted(keys) {
		t.Error("Keys are not sorted")
	}
}
