package scenarios

import (
	"context"
	"testing"

	"vaxsim/sim"
)

// benchScenario runs one replication of a bundled scenario per iteration
// and reports events and time per event: replication 0 afresh, or, with
// a memory, replications 0, 1, 2, ... in it.
func benchScenario(b *testing.B, name string, mem *sim.Memory) {
	f, err := Resolve(name, nil)
	if err != nil {
		b.Fatal(err)
	}
	var events int64
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		var res *sim.Result
		if mem != nil {
			res, err = sim.Run(context.Background(), f.Scenario, 1, i, sim.Options{Memory: mem})
		} else {
			res, err = sim.Run(context.Background(), f.Scenario, 1, 0, sim.Options{})
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
// sim.Memory, as the workers of run and sweep run them: in the memory of
// the one before.
func BenchmarkSeedDayRunner(b *testing.B) { benchScenario(b, DefaultName, new(sim.Memory)) }

// BenchmarkCountyQ1 is one replication of pima-county-2021-q1; the
// performance target is 0.5 s of CPU on one core (-cpu 1).
func BenchmarkCountyQ1(b *testing.B) { benchScenario(b, "pima-county-2021-q1", nil) }

// BenchmarkStadium is one replication of stadium-24x7.
func BenchmarkStadium(b *testing.B) { benchScenario(b, "stadium-24x7", nil) }
