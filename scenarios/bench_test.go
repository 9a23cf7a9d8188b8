package scenarios

import (
	"context"
	"testing"

	"vaxsim/sim"
)

// benchScenario runs one replication of a bundled scenario per iteration
// and reports events and time per event: replication 0 afresh (sim.Run),
// or, with a runner, replications 0, 1, 2, ... in its memory.
func benchScenario(b *testing.B, name string, runner *sim.Runner) {
	f, err := Resolve(name, nil)
	if err != nil {
		b.Fatal(err)
	}
	var events int64
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		var res *sim.Result
		if runner != nil {
			res, err = runner.Run(context.Background(), f.Scenario, 1, i, sim.Options{})
		} else {
			res, err = sim.Run(f.Scenario, 1, 0)
		}
		if err != nil {
			b.Fatal(err)
		}
		events += res.Events
	}
	b.ReportMetric(float64(events)/float64(b.N), "events/run")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "runs/s")
}

// BenchmarkSeedDay is one replication of the bundled seed day.
func BenchmarkSeedDay(b *testing.B) { benchScenario(b, DefaultName, nil) }

// BenchmarkSeedDayRunner is a replication of the seed day in a
// sim.Runner, as the workers of run and sweep run them: in the memory of
// the one before.
func BenchmarkSeedDayRunner(b *testing.B) { benchScenario(b, DefaultName, new(sim.Runner)) }

// BenchmarkCountyQ1 is one replication of pima-county-2021-q1; the
// performance target is 0.5 s of CPU on one core (-cpu 1).
func BenchmarkCountyQ1(b *testing.B) { benchScenario(b, "pima-county-2021-q1", nil) }

// BenchmarkStadium is one replication of stadium-24x7.
func BenchmarkStadium(b *testing.B) { benchScenario(b, "stadium-24x7", nil) }
