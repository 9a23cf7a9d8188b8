package sim

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"vaxsim/sim/des"
)

// tester is what the helpers need of *testing.T and *rapid.T.
type tester interface {
	Helper()
	Errorf(string, ...any)
	Fatalf(string, ...any)
	Fatal(...any)
}

// record runs replication rep of sc and returns its result and recording.
func record(t tester, sc *Scenario, seed uint64, rep int) (*Result, *Recording) {
	t.Helper()
	var rec *Recording
	res, err := Run(context.Background(), sc, seed, rep, Options{Record: func(r int, got *Recording) {
		if r != rep {
			t.Errorf("Record called for replication %d, want %d", r, rep)
		}
		rec = got
	}})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if rec == nil {
		t.Fatal("Record was not called")
	}
	return res, rec
}

// replayOf returns a copy of sc that replays rec in full: every portal
// and walk-in cohort replayed, the recorded outage timeline in place of
// the scheduled and random outages, and the recorded deliveries in place
// of the shipments.
func replayOf(sc *Scenario, rec *Recording) *Scenario {
	out := *sc
	out.Portal.Outages = rec.Outages
	out.Portal.Random = RandomOutages{}
	out.Deliveries = rec.Deliveries
	r := &Replay{Attempts: rec.Attempts, Walkins: rec.Walkins, Until: des.Never}
	for i, c := range sc.Cohorts {
		if c.Channel != InvitationChannel {
			r.Cohorts = append(r.Cohorts, i)
		}
	}
	out.Replay = r
	return &out
}

// sameValues reports whether two rows of values are equal, NaN equal to
// NaN, and names the first metric that differs.
func sameValues(a, b Values) (bool, Metric) {
	for k := range a {
		if a[k] != b[k] && !(math.IsNaN(a[k]) && math.IsNaN(b[k])) {
			return false, Metric(k)
		}
	}
	return true, 0
}

// sameResults fails t unless the daily and total values of a and b are
// identical.
func sameResults(t tester, a, b *Result) {
	t.Helper()
	for d := range a.Daily {
		for s := range a.Daily[d] {
			if ok, k := sameValues(a.Daily[d][s], b.Daily[d][s]); !ok {
				t.Fatalf("day %d, site row %d: %s is %v, replayed %v", d, s, k, a.Daily[d][s][k], b.Daily[d][s][k])
			}
		}
	}
	for s := range a.Total {
		if ok, k := sameValues(a.Total[s], b.Total[s]); !ok {
			t.Fatalf("totals, site row %d: %s is %v, replayed %v", s, k, a.Total[s][k], b.Total[s][k])
		}
	}
}

// TestReplayRoundTripProperty records random scenarios and replays their
// recordings on the same seed and replication: the results must be
// identical, since the recording holds every attempt, arrival, outage and
// delivery and replay draws the other streams in the same order. The
// replayed run records again, and its recording must equal the first.
func TestReplayRoundTripProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := genScenario(t)
		seed := rapid.Uint64().Draw(t, "seed")
		rep := rapid.IntRange(0, 3).Draw(t, "rep")
		res, rec := record(t, sc, seed, rep)
		again, rec2 := record(t, replayOf(sc, rec), seed, rep)
		sameResults(t, res, again)
		if len(again.Warnings) != len(res.Warnings) {
			t.Fatalf("warnings %q, replayed %q", res.Warnings, again.Warnings)
		}
		if !slices.Equal(rec.Attempts, rec2.Attempts) || !slices.Equal(rec.Walkins, rec2.Walkins) {
			t.Fatalf("the replay's recording differs: %d attempts and %d walk-ins, replayed %d and %d",
				len(rec.Attempts), len(rec.Walkins), len(rec2.Attempts), len(rec2.Walkins))
		}
	})
}

// smallSite is one site open 08:00-17:00 every day with 2 bookings per
// 10-minute slot (108 slots a day) and a portal releasing each day's
// slots at 08:00 the day before, and a booking cohort of size people.
func smallSite(days int, size int64) *Scenario {
	return &Scenario{
		Name: "small", Start: Date{2021, 1, 22}, Days: days,
		Products: []Product{{Name: "p", DosesPerVial: 1}},
		Sites: []Site{{Name: "hall", Stations: 4, Service: ConstDist(float64(4 * des.Minute)),
			Week: hours(8*des.Hour, 17*des.Hour), SlotLength: 10 * des.Minute, PerSlot: 2,
			MaxQueue: NoQueueCap, UnlimitedDoses: true, Walkins: true}},
		Cohorts: []Cohort{{Name: "public", Size: size, Willing: 1, Channel: PortalChannel,
			AttemptRate: 1, RetryMean: 10 * des.Minute, MaxAttempts: 5, EligibleAt: -16 * des.Hour}},
		Portal: Portal{WindowDays: 1, ReleaseAt: 8 * des.Hour},
	}
}

// attemptsAt returns n first attempts of cohort 0 at any site, evenly
// spread over [from, to), with the given recorded outcome.
func attemptsAt(n int, from, to des.Time, out Outcome) []Attempt {
	rows := make([]Attempt, n)
	for i := range rows {
		rows[i] = Attempt{At: from + (to-from)*des.Time(i)/des.Time(n), Slot: AnySlot, Site: -1, Outcome: out}
	}
	return rows
}

// TestReplayDownOutage replays a log whose every attempt falls inside a
// down outage (check 2 of the replay issue): nothing is booked and each
// attempt counts in portal_failed_attempts. What the person does next
// follows the cohort's rules: give up, wait for their next attempt in the
// log (a recorded failure), or, where the log recorded a booking the
// portal now fails, retry by the model until they book or give up.
func TestReplayDownOutage(t *testing.T) {
	const n = 50
	morning := Outage{Name: "down", Start: 9 * des.Hour, End: 13 * des.Hour, Mode: Down}
	allDay := Outage{Name: "down", Start: -des.Day, End: 2 * des.Day, Mode: Down}
	cases := []struct {
		name      string
		retry     des.Time // 0: give up at the first failure
		maxTries  int
		recorded  Outcome
		outage    Outage
		failed    float64 // want portal_failed_attempts
		gaveUp    float64
		booked    bool // some bookings after the outage
		retriesIn bool // simulated retries
	}{
		{"give up at once", 0, 5, OutcomeBooked, morning, n, n, false, false},
		{"recorded failures wait for the log", 10 * des.Minute, 5, OutcomeOutage, morning, n, 0, false, false},
		{"recorded bookings retry until they give up", 10 * des.Minute, 5, OutcomeBooked, allDay, 5 * n, n, false, true},
		{"recorded bookings retry and book after it", des.Hour, 0, OutcomeBooked, morning, -1, 0, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sc := smallSite(1, 1000)
			sc.Cohorts[0].RetryMean, sc.Cohorts[0].MaxAttempts = tc.retry, tc.maxTries
			sc.Portal.Outages = []Outage{tc.outage}
			sc.Replay = &Replay{Attempts: attemptsAt(n, 10*des.Hour, 12*des.Hour, tc.recorded), Cohorts: []int{0}, Until: des.Never}
			res, rec := record(t, sc, 1, 0)
			tot := res.Total[res.All()]
			first := 0
			for _, a := range rec.Attempts {
				if a.At < 13*des.Hour && a.Outcome != OutcomeOutage {
					t.Errorf("attempt at %v inside the outage: %v", a.At, a.Outcome)
				}
				if a.Failures == 0 {
					first++
				}
			}
			if first != n {
				t.Errorf("%d first attempts made, want the log's %d", first, n)
			}
			if tc.failed >= 0 && tot[PortalFailedAttempts] != tc.failed {
				t.Errorf("portal_failed_attempts = %v, want %v", tot[PortalFailedAttempts], tc.failed)
			}
			if tot[PortalFailedAttempts] < n {
				t.Errorf("portal_failed_attempts = %v < %d attempts in the outage", tot[PortalFailedAttempts], n)
			}
			if tot[GaveUp] != tc.gaveUp {
				t.Errorf("gave_up = %v, want %v", tot[GaveUp], tc.gaveUp)
			}
			if got := tot[Booked] > 0; got != tc.booked {
				t.Errorf("booked = %v, want some: %v", tot[Booked], tc.booked)
			}
			if got := len(rec.Attempts) > n; got != tc.retriesIn {
				t.Errorf("%d attempts for %d rows; want simulated retries: %v", len(rec.Attempts), n, tc.retriesIn)
			}
		})
	}
}

// attemptsPerDay counts recorded first attempts by day.
func attemptsPerDay(rec *Recording) map[int]int {
	n := map[int]int{}
	for _, a := range rec.Attempts {
		if a.Failures == 0 {
			d, _ := des.DayOf(a.At)
			n[d]++
		}
	}
	return n
}

// TestReplayResample checks the ways to vary a log across replications:
// each is a pure function of (seed, replication), and each makes the
// attempts it promises.
func TestReplayResample(t *testing.T) {
	// A log over three days: 10, 20 and 30 first attempts, recorded as
	// failures so that no retry is simulated.
	var rows []Attempt
	for d, n := range []int{10, 20, 30} {
		day := des.Time(d) * des.Day
		rows = append(rows, attemptsAt(n, day+9*des.Hour, day+15*des.Hour, OutcomeFailed)...)
	}
	run := func(t *testing.T, how Resample, factor float64, rep int) *Recording {
		sc := smallSite(3, 100_000)
		sc.Replay = &Replay{Attempts: rows, Cohorts: []int{0}, Until: des.Never, Resample: how, Factor: factor}
		_, rec := record(t, sc, 1, rep)
		return rec
	}
	t.Run("none", func(t *testing.T) {
		if got := attemptsPerDay(run(t, NoResample, 0, 3)); got[0] != 10 || got[1] != 20 || got[2] != 30 {
			t.Errorf("attempts by day %v, want the log's 10, 20, 30", got)
		}
	})
	t.Run("bootstrap", func(t *testing.T) {
		differ := false
		for rep := range 10 {
			rec := run(t, Bootstrap, 0, rep)
			if again := run(t, Bootstrap, 0, rep); !slices.Equal(rec.Attempts, again.Attempts) {
				t.Fatalf("replication %d: two runs differ", rep)
			}
			got := attemptsPerDay(rec)
			for d := range 3 {
				if n := got[d]; n != 10 && n != 20 && n != 30 {
					t.Errorf("replication %d, day %d: %d attempts, not a day of the log", rep, d, n)
				}
			}
			// Each day's first attempts keep the times of day of the day drawn.
			for _, a := range rec.Attempts {
				if _, clock := des.DayOf(a.At); a.Failures == 0 && (clock < 9*des.Hour || clock >= 15*des.Hour) {
					t.Errorf("replication %d: attempt at %v, outside the log's hours", rep, a.At)
				}
			}
			differ = differ || got[0] != 10 || got[1] != 20 || got[2] != 30
		}
		if !differ {
			t.Error("ten bootstrap replications all replayed the log as it is")
		}
	})
	t.Run("scale", func(t *testing.T) {
		for _, tc := range []struct {
			factor float64
			lo, hi int // of 60 first attempts; binomial bounds at 0.5 are 60*0.5 ± 4 sd
		}{{0, 0, 0}, {1, 60, 60}, {2, 120, 120}, {0.5, 30 - 16, 30 + 16}, {1.5, 90 - 16, 90 + 16}} {
			n := 0
			for _, c := range attemptsPerDay(run(t, ScaleRows, tc.factor, 0)) {
				n += c
			}
			if n < tc.lo || n > tc.hi {
				t.Errorf("factor %v: %d first attempts of 60 rows, want %d to %d", tc.factor, n, tc.lo, tc.hi)
			}
		}
	})
}

// TestReplayUntil replays a log until noon of the second day: the log's
// rows before it are the cohort's only attempts, its rows after it are
// dropped, and the cohort's stochastic process takes over from then on.
func TestReplayUntil(t *testing.T) {
	rows := append(attemptsAt(20, 9*des.Hour, 15*des.Hour, OutcomeFailed),
		attemptsAt(20, des.Day+9*des.Hour, des.Day+15*des.Hour, OutcomeFailed)...)
	for i := range rows {
		rows[i].At += 123 // times no stochastic attempt is likely to hit
	}
	until := des.Day + 12*des.Hour
	sc := smallSite(2, 10_000)
	sc.Replay = &Replay{Attempts: rows, Cohorts: []int{0}, Until: until}
	_, rec := record(t, sc, 1, 0)
	logged := map[des.Time]bool{}
	for _, r := range rows {
		logged[r.At] = true
	}
	var before, after, fromLog int
	for _, a := range rec.Attempts {
		switch {
		case a.At < until:
			before++
			if !logged[a.At] {
				t.Errorf("attempt at %v before the replay ends is not in the log", a.At)
			}
		case logged[a.At]:
			fromLog++
		default:
			after++
		}
	}
	if want := 30; before != want {
		t.Errorf("%d attempts before the replay ends, want the log's %d", before, want)
	}
	if fromLog != 0 {
		t.Errorf("%d rows after the replay's end were replayed", fromLog)
	}
	if after < 1000 { // 10,000 people at one attempt a day each, for 12 hours
		t.Errorf("%d stochastic attempts after the replay's end, want thousands", after)
	}
}

// TestReplayWalkinsUntil replays walk-ins until noon; the walk-in
// cohort's Poisson arrivals take over from then on.
func TestReplayWalkinsUntil(t *testing.T) {
	sc := smallSite(1, 0)
	sc.Cohorts = append(sc.Cohorts, Cohort{Name: "walkers", Size: 1000, Willing: 1, Channel: WalkinChannel, WalkinRate: 30})
	var rows []Arrival
	for i := range 10 {
		rows = append(rows, Arrival{At: 9*des.Hour + des.Time(i)*des.Minute, Site: 0, Cohort: 1})
	}
	sc.Replay = &Replay{Walkins: rows, Cohorts: []int{1}, Until: 12 * des.Hour}
	res, rec := record(t, sc, 1, 0)
	var before, after int
	for _, a := range rec.Walkins {
		if a.At < 12*des.Hour {
			before++
		} else {
			after++
		}
	}
	if before != 10 || after < 100 { // 30 an hour for 5 hours
		t.Errorf("%d walk-ins before noon (want the log's 10), %d after (want ~150)", before, after)
	}
	if got := res.Total[0][WalkinsArrived]; got != float64(before+after) {
		t.Errorf("walkins_arrived = %v, recorded %d", got, before+after)
	}
}

// TestReplayWhatIf replays a recording in variants of its scenario: with
// twice the slots the recorded failures book, and their recorded retries
// find nobody left; with half the slots the portal fails recorded
// bookings, and those people retry by the model.
func TestReplayWhatIf(t *testing.T) {
	sc := smallSite(2, 1000)
	res, rec := record(t, sc, 1, 0)
	booked := res.Total[res.All()][Booked]
	for _, tc := range []struct {
		perSlot int
		more    bool   // booked more than recorded
		warning string // a warning that says why
	}{{4, true, "nobody was left"}, {1, false, "simulated retries"}} {
		what := replayOf(sc, rec)
		what.Sites = slices.Clone(sc.Sites)
		what.Sites[0].PerSlot = tc.perSlot
		got, err := runRep(what, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		b := got.Total[got.All()][Booked]
		if b > booked != tc.more || b == booked {
			t.Errorf("per_slot %d: booked %v, recorded %v", tc.perSlot, b, booked)
		}
		found := false
		for _, w := range got.Warnings {
			found = found || strings.Contains(w, tc.warning)
		}
		if !found {
			t.Errorf("per_slot %d: warnings %q, want one on %q", tc.perSlot, got.Warnings, tc.warning)
		}
	}
}

// TestReplayInvalid checks that Run rejects replay data that does not
// fit the scenario.
func TestReplayInvalid(t *testing.T) {
	ok := Attempt{At: 9 * des.Hour, Slot: AnySlot, Site: -1}
	cases := []struct {
		name string
		edit func(r *Replay)
		want string
	}{
		{"cohort out of range", func(r *Replay) { r.Cohorts = []int{5} }, "out of range"},
		{"invitation cohort", func(r *Replay) { r.Cohorts = []int{1} }, "only portal and walk-in"},
		{"row of a cohort not replayed", func(r *Replay) { r.Cohorts = nil }, "not a replayed portal cohort"},
		{"unknown site", func(r *Replay) { r.Attempts[0].Site = 3 }, "not one cohort public accepts"},
		{"slot without a site", func(r *Replay) { r.Attempts[0].Slot = 10 * des.Hour }, "names a slot but no site"},
		{"negative failures", func(r *Replay) { r.Attempts[0].Failures = -1 }, "negative failures"},
		{"out of order", func(r *Replay) { r.Attempts = append(r.Attempts, Attempt{At: 0, Slot: AnySlot, Site: -1}) }, "time order"},
		{"walk-in of a portal cohort", func(r *Replay) { r.Walkins = []Arrival{{At: 0, Site: 0, Cohort: 0}} }, "not a replayed walk-in cohort"},
		{"bad factor", func(r *Replay) { r.Resample, r.Factor = ScaleRows, -1 }, "factor"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sc := smallSite(1, 100)
			sc.Cohorts = append(sc.Cohorts, Cohort{Name: "law", Size: 10, Channel: InvitationChannel})
			sc.Replay = &Replay{Attempts: []Attempt{ok}, Cohorts: []int{0}, Until: des.Never}
			tc.edit(sc.Replay)
			_, err := runRep(sc, 1, 0)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Run: error %v, want one saying %q", err, tc.want)
			}
		})
	}
}
