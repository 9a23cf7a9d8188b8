package sim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"vaxsim/sim/des"
)

// TestSampledDurationsSaturate runs the seed-like day with draws far
// beyond the clock's range (a lognormal of sigma 50 gives e^150 ms and
// more, or nothing at all) in every sampled duration: the run must end
// without a kernel panic and with its books balanced.
func TestSampledDurationsSaturate(t *testing.T) {
	wild := Dist{Kind: LogNormal, P1: math.Log(float64(des.Minute)), P2: 50}
	wildNeg := Dist{Kind: Normal, P1: 0, P2: 1e300}
	inf := Dist{Kind: Const, P1: math.Inf(1)}
	nan := Dist{Kind: Const, P1: math.NaN()}
	for _, d := range []struct {
		name string
		dist Dist
	}{{"lognormal sigma 50", wild}, {"normal sd 1e300", wildNeg}, {"+Inf", inf}, {"NaN", nan}} {
		for _, field := range []struct {
			name string
			set  func(sc *Scenario, d Dist)
		}{
			{"service", func(sc *Scenario, d Dist) { sc.Sites[0].Service = d }},
			{"patience", func(sc *Scenario, d Dist) { sc.Sites[0].Patience = d; sc.Sites[0].Stations = 2 }},
			{"punctuality", func(sc *Scenario, d Dist) { sc.Sites[0].Punctuality = d }},
			{"standby", func(sc *Scenario, d Dist) { sc.Sites[0].Standby = d }},
			{"invitation delay", func(sc *Scenario, d Dist) { sc.Invitations[0].Delay = d }},
			{"repair", func(sc *Scenario, d Dist) {
				sc.Portal.Random = RandomOutages{Enabled: true, MTBF: des.Hour, Repair: d, Mode: Degraded, Success: 0.5}
			}},
		} {
			t.Run(field.name+"/"+d.name, func(t *testing.T) {
				sc := seedLike()
				sc.Days = 3
				field.set(sc, d.dist)
				for rep := range 3 {
					if _, err := runRep(sc, 7, rep); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	}
}

func TestDurationConversions(t *testing.T) {
	for _, c := range []struct {
		in        float64
		dur, offs des.Time
		n         int64
	}{
		{0, 0, 0, 0},
		{1.5, 2, 2, 2},
		{-1.5, 0, -2, 0},
		{math.NaN(), 0, 0, 0},
		{math.Inf(1), MaxDuration, MaxDuration, 1 << 53},
		{math.Inf(-1), 0, -MaxDuration, 0},
		{1e300, MaxDuration, MaxDuration, 1 << 53},
		{-1e300, 0, -MaxDuration, 0},
	} {
		if got := duration(c.in); got != c.dur {
			t.Errorf("duration(%v) = %d, want %d", c.in, got, c.dur)
		}
		if got := offset(c.in); got != c.offs {
			t.Errorf("offset(%v) = %d, want %d", c.in, got, c.offs)
		}
		if got := count(c.in); got != c.n {
			t.Errorf("count(%v) = %d, want %d", c.in, got, c.n)
		}
	}
}

// huge returns the seed-like day with cohorts of 10^10 people (the
// largest scenarios accept), a walk-in cohort as large and an invitation
// rule that invites a billion people, within a budget of max events.
func huge(max int64) *Scenario {
	sc := seedLike()
	sc.Days = 30
	sc.MaxEvents = max
	for i := range sc.Cohorts {
		sc.Cohorts[i].Size = 1e10
	}
	sc.Sites[0].Walkins = true
	sc.Cohorts = append(sc.Cohorts, Cohort{Name: "crowd", Size: 1e10, Willing: 1,
		Channel: WalkinChannel, WalkinRate: 1e6})
	sc.Invitations[0].Count = 1e9
	return sc
}

// TestHugeCohortsStopOnBudget checks that cohorts of 10^10 people stop
// with a *BudgetError soon, whichever process would do the work: booking
// attempts, walk-ins or invitations.
func TestHugeCohortsStopOnBudget(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(sc *Scenario)
	}{
		{"all", func(sc *Scenario) {}},
		{"portal", func(sc *Scenario) { sc.Invitations = nil; sc.Cohorts = sc.Cohorts[:1] }},
		{"walk-ins", func(sc *Scenario) { sc.Invitations = nil; sc.Cohorts = sc.Cohorts[2:] }},
		{"invitations", func(sc *Scenario) { sc.Cohorts = sc.Cohorts[1:2]; sc.Invitations[0].Cohorts = []int{0} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := huge(1_000_000)
			c.edit(sc)
			start := time.Now()
			_, err := runRep(sc, 1, 0)
			var be *BudgetError
			if !errors.As(err, &be) {
				t.Fatalf("got %v, want a *BudgetError", err)
			}
			// A million events take a fraction of a second; the bound
			// is generous for a loaded machine and the race detector.
			if el := time.Since(start); el > 10*time.Second {
				t.Errorf("stopped after %v", el)
			}
		})
	}
}

// TestRunCancel checks that cancelling the context stops a long run
// within a second: Run checks it every few thousand events.
func TestRunCancel(t *testing.T) {
	sc := largeCounty() // some 15 s of work
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := Run(ctx, sc, 1, 0, Options{})
		done <- err
	}()
	time.Sleep(300 * time.Millisecond) // into the run, past the set-up
	cancel()
	at := time.Now()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled", err)
		}
		// The promise is well under a second; 2 s allows for a loaded
		// machine.
		if el := time.Since(at); el > 2*time.Second {
			t.Errorf("stopped %v after the cancellation", el)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the run did not stop within 20 s of its cancellation")
	}
}

// mergeOutagesQuadratic is the merge as it was written first: every
// window checked against every piece.
func mergeOutagesQuadratic(ws []segment) outages {
	var cuts []des.Time
	for _, w := range ws {
		cuts = append(cuts, w.start, w.end)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var o outages
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		var mode portalMode
		for _, w := range ws {
			if w.start <= a && b <= w.end {
				mode = worse(mode, w.mode)
			}
		}
		if mode.kind != modeUp {
			o.segs = append(o.segs, segment{a, b, mode})
		}
	}
	return o
}

func TestMergeOutagesSweep(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		ws := make([]segment, r.IntN(12))
		for i := range ws {
			a, b := des.Time(r.IntN(30)), des.Time(r.IntN(30)) // empty and reversed windows too
			ws[i] = segment{a, b, portalMode{modeKind(r.IntN(4)), float64(r.IntN(3)) / 2, float64(r.IntN(3)) / 2}}
		}
		if got, want := mergeOutages(ws), mergeOutagesQuadratic(ws); !slices.Equal(got.segs, want.segs) {
			t.Fatalf("windows %v:\nsweep     %v\nquadratic %v", ws, got.segs, want.segs)
		}
	}
}

// TestManyRandomOutages builds outages every minute or so over a year:
// half a million windows, merged in a fraction of a second, not the
// hours a quadratic merge takes.
func TestManyRandomOutages(t *testing.T) {
	p := Portal{Random: RandomOutages{Enabled: true, MTBF: des.Minute, Mode: Degraded, Success: 0.5,
		Repair: ConstDist(float64(des.Second))}}
	start := time.Now()
	o := buildOutages(p, rand.New(rand.NewPCG(3, 4)), 0, 365*des.Day)
	if n := len(o.segs); n < 500_000 {
		t.Errorf("%d segments, want about 520,000", n)
	}
	if el := time.Since(start); el > 10*time.Second { // generous for a loaded machine and the race detector
		t.Errorf("took %v", el)
	}
}

// TestMemoryBudget lets a crowd of 10^10 walk-ins queue at one station
// with no cap on the line: the run must stop on its memory budget, with
// an error that says so, long before its event budget.
func TestMemoryBudget(t *testing.T) {
	sc := huge(DefaultMaxEvents)
	sc.Invitations = nil
	sc.Cohorts = sc.Cohorts[2:]
	sc.Sites[0].Stations = 1
	const limit = 64 << 20
	start := time.Now()
	_, err := Run(context.Background(), sc, 1, 0, Options{MemoryLimit: limit})
	var be *BudgetError
	if !errors.As(err, &be) || be.Memory != limit {
		t.Fatalf("got %v, want a *BudgetError of the memory budget", err)
	}
	t.Log(err)
	if msg := err.Error(); !strings.Contains(msg, "memory budget of 64 MB") || !strings.Contains(msg, "people on their way or at sites") {
		t.Errorf("message %q does not say which budget and what took it", msg)
	}
	if el := time.Since(start); el > 10*time.Second { // about a second; generous for a loaded machine
		t.Errorf("stopped after %v", el)
	}
	// The same run stops at the same point every time.
	_, err2 := Run(context.Background(), sc, 1, 0, Options{MemoryLimit: limit})
	if err2 == nil || err2.Error() != err.Error() {
		t.Errorf("second run: %v, first: %v", err2, err)
	}
}

// TestDailySink checks that rows streamed to Options.Daily are the rows
// Result.Daily holds otherwise, in order, and that Daily then stays nil.
func TestDailySink(t *testing.T) {
	sc := seedLike()
	sc.Days = 4
	want, err := runRep(sc, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]Values
	res, err := Run(context.Background(), sc, 3, 1, Options{Daily: func(rep, day int, rows []Values) error {
		if rep != 1 || day != len(got) {
			t.Errorf("rep %d day %d, want rep 1 day %d", rep, day, len(got))
		}
		got = append(got, slices.Clone(rows))
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Daily != nil || res.Days() != 4 {
		t.Errorf("streamed run kept Daily %v, Days() = %d", res.Daily != nil, res.Days())
	}
	if fmt.Sprint(got) != fmt.Sprint(want.Daily) || fmt.Sprint(res.Total) != fmt.Sprint(want.Total) {
		t.Errorf("streamed rows or totals differ from the kept ones")
	}
	stop := errors.New("disk full")
	if _, err := Run(context.Background(), sc, 3, 1, Options{Daily: func(int, int, []Values) error { return stop }}); err != stop {
		t.Errorf("a failing sink gave %v, want its error", err)
	}
}

// TestFirstReleasedAt checks firstReleasedAt against the release times.
func TestFirstReleasedAt(t *testing.T) {
	for _, p := range []Portal{{WindowDays: 7, ReleaseAt: 9 * des.Hour}, {WindowDays: 0, ReleaseAt: 0}, {WindowDays: 2, ReleaseAt: 23 * des.Hour}} {
		m := &model{sc: &Scenario{Portal: p}}
		for t0 := -10 * des.Day; t0 < 10*des.Day; t0 += 7 * des.Minute {
			d := m.firstReleasedAt(t0)
			if m.releaseTime(d) < t0 || d > 0 && m.releaseTime(d-1) >= t0 {
				t.Fatalf("%+v: firstReleasedAt(%d) = %d, released at %d", p, t0, d, m.releaseTime(d))
			}
		}
	}
}

// TestWarningsSayWhatToDo checks that the horizon's warnings say what
// they mean for the results and what to change, and that they are the
// same in every replication (so that a run of many reads as one).
func TestWarningsSayWhatToDo(t *testing.T) {
	sc := seedLike()
	sc.Products[0].IntervalDays, sc.Products[0].MissedAfterDays = 21, 42
	var first []string
	for rep := range 3 {
		res, err := runRep(sc, 1, rep)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Warnings) != 2 {
			t.Fatalf("warnings %q, want the two of the horizon", res.Warnings)
		}
		for _, w := range res.Warnings {
			if !strings.Contains(w, "raise scenario.days") || !strings.Contains(w, "2021-01-22") {
				t.Errorf("warning %q does not say the last day and what to change", w)
			}
		}
		if rep == 0 {
			first = res.Warnings
		} else if !slices.Equal(res.Warnings, first) {
			t.Errorf("replication %d warns %q, replication 0 %q", rep, res.Warnings, first)
		}
	}
}
