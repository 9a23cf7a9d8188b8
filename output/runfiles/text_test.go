package runfiles_test

import (
	"bytes"
	"math"
	"testing"

	"vaxsim/output/internal/outtest"
	"vaxsim/output/runfiles"
	"vaxsim/output/stats"
	"vaxsim/sim"
)

func TestWriteTextGolden(t *testing.T) {
	nan := math.NaN()
	someWaits := outtest.FakeResults(3)
	someWaits[2].Total[someWaits[2].All()][sim.MeanWaitMin] = nan
	st := func(n int, mean, lo, hi float64) stats.Stat {
		return stats.Stat{N: n, Mean: mean, Low: lo, High: hi, SD: 1, Min: lo, Max: hi}
	}
	planner := &runfiles.Summary{
		Scenario: "pima-tcc-2021-01-22", Seed: 1, Replications: 20,
		// turned_away_capacity is missing, as in a file from another
		// version: its line is left out.
		Metrics: []runfiles.NamedStat{
			{"vaccinated", st(20, 1298.35, 1281.2, 1315.4)},
			{"booked", st(20, 1350, 1350, 1350)},
			{"no_shows", st(20, 52.35, 48.1, 56.6)},
			{"wasted_slots", st(20, 124.5, 110.2, 138.8)},
			{"walkins_served", st(20, 12345.6, 12001.2, 12690)},
			{"doses_wasted", st(20, 0.4, 0.1, 0.7)},
			{"dose_shortfall", st(20, 0, 0, 0)},
			{"mean_wait_min", st(20, 12.43, 11.9, 12.96)},
			{"p95_wait_min", st(20, 3.456, 3.01, 3.9)},
			{"utilization", st(20, 0.8312, 0.8101, 0.8523)},
		},
	}
	tests := []struct {
		name string
		s    *runfiles.Summary
	}{
		{"planner", planner},
		{"three-replications", runfiles.Summarize(outtest.FakeResults(3))},
		{"some-waits-not-applicable", runfiles.Summarize(someWaits)},
		{"one-replication", runfiles.Summarize(outtest.FakeResults(1))},
		{"no-replications", runfiles.Summarize(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := runfiles.WriteText(&b, tt.s); err != nil {
				t.Fatal(err)
			}
			outtest.Golden(t, "text-"+tt.name+".txt", b.Bytes())
		})
	}
}
