package sim

import (
	"context"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"vaxsim/sim/des"
	"vaxsim/sim/queueing"
)

// mmcScenario is M/M/c on the full model: one site open around the clock,
// Poisson walk-ins at lambda per hour, exponential service of the given
// mean, c stations, unlimited doses and a walk-in pool too large to run
// dry.
func mmcScenario(c int, lambda float64, service des.Time, days int, maxQueue int) *Scenario {
	return &Scenario{
		Name: "mmc", Start: Date{2021, 1, 4}, Days: days,
		Products: []Product{{Name: "any", DosesPerVial: 1}},
		Sites: []Site{{Name: "s", Stations: c, Service: ExpDist(float64(service)),
			Week: hours(0, des.Day), Walkins: true, UnlimitedDoses: true, MaxQueue: maxQueue}},
		Cohorts: []Cohort{{Name: "walkins", Size: 1 << 40, Willing: 1, Channel: WalkinChannel,
			WalkinRate: lambda}},
	}
}

// TestErlangC checks the model against M/M/c at three loads: the mean wait
// in queue over replications must cover Erlang C's Wq with its 95%
// interval. With fixed seeds the test is deterministic; the tolerance is
// the interval itself, so a biased model fails and an unbiased one passes
// for 19 seeds in 20 (these seeds were not chosen to pass).
func TestErlangC(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical check: 30 replications of 14 to 60 days")
	}
	tests := []struct {
		c   int
		rho float64
	}{{2, 0.5}, {10, 0.8}, {5, 0.95}}
	for _, tc := range tests {
		service := 4 * des.Minute
		mu := 1 / service.Hours() // per hour
		lambda := tc.rho * float64(tc.c) * mu
		want := queueing.MMCWait(tc.c, lambda, mu) * 60 // minutes
		days := 14
		if tc.rho > 0.9 {
			days = 60 // heavy traffic converges slowly
		}
		sc := mmcScenario(tc.c, lambda, service, days, NoQueueCap)
		res, err := Replicate(context.Background(), sc, 1, 10, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var waits, littles []float64
		for _, r := range res {
			tot := r.Total[r.All()]
			waits = append(waits, tot[MeanWaitMin])
			arrRate := tot[WalkinsArrived] / (float64(days) * 24 * 60) // per minute
			littles = append(littles, tot[MeanQueueLen]-arrRate*tot[MeanWaitMin])
			if tot[WalkinsBalked] != 0 || tot[DoseShortfall] != 0 {
				t.Errorf("c=%d rho=%v: balked %v shortfall %v, want 0", tc.c, tc.rho, tot[WalkinsBalked], tot[DoseShortfall])
			}
		}
		lo, hi := ci95(waits)
		t.Logf("c=%d rho=%v: CI [%.4f, %.4f] Erlang C %.4f", tc.c, tc.rho, lo, hi, want)
		if want < lo || want > hi {
			t.Errorf("c=%d rho=%v: mean wait CI [%.4f, %.4f] min misses Erlang C %.4f min", tc.c, tc.rho, lo, hi, want)
		}
		// Little's law L = lambda W holds sample path by sample path up to
		// the people in line at the ends of the horizon; 2% of L.
		for i, d := range littles {
			l := res[i].Total[res[i].All()][MeanQueueLen]
			if math.Abs(d) > 0.02*l+1e-3 {
				t.Errorf("c=%d rho=%v rep %d: L - lambda W = %.4f with L = %.4f", tc.c, tc.rho, i, d, l)
			}
		}
	}
}

// TestErlangB checks M/M/c/c (no waiting room): the share of walk-ins who
// balk must match Erlang B within its 95% interval over replications.
func TestErlangB(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical check: 20 replications of 14 days")
	}
	for _, tc := range []struct {
		c int
		a float64 // offered load, erlangs
	}{{5, 3}, {10, 9}} {
		service := 4 * des.Minute
		lambda := tc.a / service.Hours()
		sc := mmcScenario(tc.c, lambda, service, 14, 0)
		res, err := Replicate(context.Background(), sc, 2, 10, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var blocked []float64
		for _, r := range res {
			tot := r.Total[r.All()]
			blocked = append(blocked, tot[WalkinsBalked]/tot[WalkinsArrived])
		}
		want := queueing.ErlangB(tc.c, tc.a)
		lo, hi := ci95(blocked)
		t.Logf("c=%d a=%v: CI [%.4f, %.4f] Erlang B %.4f", tc.c, tc.a, lo, hi, want)
		if want < lo || want > hi {
			t.Errorf("c=%d a=%v: blocking CI [%.4f, %.4f] misses Erlang B %.4f", tc.c, tc.a, lo, hi, want)
		}
	}
}

// ci95 returns the 95% Student t interval of the mean of xs.
func ci95(xs []float64) (lo, hi float64) {
	n := float64(len(xs))
	var sum, ssq float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / n
	for _, x := range xs {
		ssq += (x - mean) * (x - mean)
	}
	se := math.Sqrt(ssq / (n - 1) / n)
	tq := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: n - 1}.Quantile(0.975)
	return mean - tq*se, mean + tq*se
}
