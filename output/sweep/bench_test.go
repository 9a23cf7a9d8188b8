package sweep_test

import (
	"context"
	"path/filepath"
	"testing"

	"vaxsim/output/sweep"
)

// BenchmarkSweepSeedDay runs a sweep of the seed day through the API: 6
// points (three station counts by two invitation factors) of 200
// replications, without plots, on GOMAXPROCS workers. It reports
// replications a second. The budget is at most 1.3 times the time the
// sweep took before package sweep existed (README, Performance).
func BenchmarkSweepSeedDay(b *testing.B) {
	const points, reps = 6, 200
	for b.Loop() {
		_, err := sweep.Run(context.Background(), &sweep.Options{
			Source: "pima-tcc-2021-01-22",
			Vary:   []string{"sites.tcc.stations=8,10,12", "invitations.fill.factor=1.2,1.4"},
			Reps:   reps, Seed: 1, Dir: filepath.Join(b.TempDir(), "sweep"), NoPlots: true,
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*points*reps)/b.Elapsed().Seconds(), "reps/s")
}
