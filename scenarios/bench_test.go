package scenarios

import (
	"testing"

	"vaxsim/sim"
)

// benchScenario runs one replication of a bundled scenario per iteration
// and reports events and time per event.
func benchScenario(b *testing.B, name string) {
	f, err := Resolve(name, nil)
	if err != nil {
		b.Fatal(err)
	}
	var events int64
	for b.Loop() {
		res, err := sim.Run(f.Scenario, 1, 0)
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
func BenchmarkSeedDay(b *testing.B) { benchScenario(b, DefaultName) }

// BenchmarkCountyQ1 is one replication of pima-county-2021-q1; the
// performance target is 0.5 s of CPU on one core (-cpu 1).
func BenchmarkCountyQ1(b *testing.B) { benchScenario(b, "pima-county-2021-q1") }

// BenchmarkStadium is one replication of stadium-24x7.
func BenchmarkStadium(b *testing.B) { benchScenario(b, "stadium-24x7") }
