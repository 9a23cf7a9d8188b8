package sim_test

import (
	"context"
	"testing"
	"time"

	"vaxsim/scenarios"
	"vaxsim/sim"
	"vaxsim/sim/des"
)

// millionRows is the size of the log of BenchmarkReplayMillion.
const millionRows = 1_000_000

// millionLog returns the seed day (its site, slots, portal and glitch)
// with a booking cohort large enough for a log of n first attempts spread
// evenly from the portal's first release to the end of the day, recorded
// as failures (so the log holds their retries and none is simulated):
// the load of a county's portal on one site's slots.
func millionLog(tb testing.TB, n int) *sim.Scenario {
	tb.Helper()
	data, err := scenarios.Open(scenarios.DefaultName)
	if err != nil {
		tb.Fatal(err)
	}
	f, err := scenarios.Parse(scenarios.DefaultName+".toml", data, []string{"cohorts.phase1b.size=2000000"})
	if err != nil {
		tb.Fatal(err)
	}
	sc := f.Scenario
	from, to := -16*des.Hour, des.Day // the first release (08:00 the day before) to midnight
	rows := make([]sim.Attempt, n)
	for i := range rows {
		rows[i] = sim.Attempt{At: from + (to-from)*des.Time(i)/des.Time(n), Slot: sim.AnySlot,
			Cohort: 0, Site: -1, Outcome: sim.OutcomeFailed}
	}
	sc.Replay = &sim.Replay{Attempts: rows, Cohorts: []int{0}, Until: des.Never}
	return sc
}

// BenchmarkReplayMillion replays a log of a million booking attempts
// through the seed day's site list (check 5 of the replay issue: under
// 2 s on one core). Run it with
//
//	GOMAXPROCS=1 go test ./sim -run '^$' -bench ReplayMillion -benchtime 5x
func BenchmarkReplayMillion(b *testing.B) {
	sc := millionLog(b, millionRows)
	b.ResetTimer()
	for b.Loop() {
		res, err := sim.Run(context.Background(), sc, 1, 0, sim.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if got := res.Total[res.All()][sim.PortalFailedAttempts]; got < millionRows/2 {
			b.Fatalf("%v failed attempts of %d", got, millionRows)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/millionRows, "ns/row")
}

// TestReplayMillionFast runs the replay of BenchmarkReplayMillion once and
// fails if it takes 2 s or more. Skipped with -short and under the race
// detector, which slows everything down tenfold.
func TestReplayMillionFast(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing test")
	}
	sc := millionLog(t, millionRows)
	start := time.Now()
	res, err := sim.Run(context.Background(), sc, 1, 0, sim.Options{})
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	// One event a row: every row went through the portal (most fail for
	// lack of a slot; during the glitch the day after's slots are lost).
	if res.Events < millionRows {
		t.Errorf("%d events for %d attempts", res.Events, millionRows)
	}
	t.Logf("replayed %d attempts in %v", millionRows, elapsed)
	if elapsed >= 2*time.Second {
		t.Errorf("replaying %d attempts took %v; want < 2s", millionRows, elapsed)
	}
}
