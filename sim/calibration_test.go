package sim_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"vaxsim/scenarios"
	"vaxsim/sim"
	"vaxsim/sim/queueing"
)

// replicate runs reps replications of the bundled scenario name at seed,
// with the --set overrides sets.
func replicate(t *testing.T, name string, reps int, seed uint64, sets ...string) []*sim.Result {
	t.Helper()
	f, err := scenarios.Resolve(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	results, err := sim.Replicate(context.Background(), f.Scenario, seed, reps, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return results
}

// totals returns each replication's horizon total of metric, all sites.
func totals(results []*sim.Result, metric sim.Metric) []float64 {
	var xs []float64
	for _, r := range results {
		xs = append(xs, r.Total[r.All()][metric])
	}
	return xs
}

// meanTotal is the mean over replications of metric's horizon total.
func meanTotal(results []*sim.Result, metric sim.Metric) float64 {
	return stat.Mean(totals(results, metric), nil)
}

// cumulative is the mean over replications of metric summed over the
// days up to and including date, all sites.
func cumulative(results []*sim.Result, metric sim.Metric, date sim.Date) float64 {
	var sum float64
	for _, r := range results {
		for d, day := range r.Daily {
			if r.Start.AddDays(d).Sub(date) <= 0 {
				sum += day[r.All()][metric]
			}
		}
	}
	return sum / float64(len(results))
}

// interval95 is the 95% confidence interval of the mean of xs (Student's t).
func interval95(xs []float64) (lo, hi float64) {
	m, sd := stat.MeanStdDev(xs, nil)
	half := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(len(xs) - 1)}.Quantile(0.975) * sd / math.Sqrt(float64(len(xs)))
	return m - half, m + half
}

func within(got, want, tol float64) bool { return math.Abs(got-want) <= tol*want }

// TestSeedDay: the bundled seed day reproduces 2021-01-22 at the Tucson
// Convention Center (about 1,300 vaccinated, P8; about 130 booked, P2);
// without invitations about 130 are vaccinated and 900+ slots go empty;
// without the portal fault as well, the day books about its 1,100
// planned appointments (P1). 20 replications at seed 1.
func TestSeedDay(t *testing.T) {
	tests := []struct {
		name   string
		sets   []string
		metric sim.Metric
		lo, hi float64
	}{
		{"as it happened: vaccinated", nil, sim.Vaccinated, 1200, 1400},
		{"as it happened: booked", nil, sim.Booked, 100, 200},
		{"no invitations: vaccinated", []string{"invitations.fill.enabled=false"}, sim.Vaccinated, 100, 200},
		{"no invitations: wasted slots", []string{"invitations.fill.enabled=false"}, sim.WastedSlots, 900, 1100},
		{"no invitations, no fault: booked within 10% of 1,100",
			[]string{"invitations.fill.enabled=false", "portal.outages.glitch.enabled=false"}, sim.Booked, 990, 1210},
		// "Small": no-shows (5%, N1-N3) of 1,100 are about 55 empty slots.
		{"no invitations, no fault: wasted slots",
			[]string{"invitations.fill.enabled=false", "portal.outages.glitch.enabled=false"}, sim.WastedSlots, 0, 110},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if v := meanTotal(replicate(t, scenarios.DefaultName, 20, 1, tc.sets...), tc.metric); v < tc.lo || v > tc.hi {
				t.Errorf("%s %.1f outside %v..%v", sim.Metrics[tc.metric].Name, v, tc.lo, tc.hi)
			}
		})
	}
}

// TestCountyQ1: pima-county-2021-q1 reproduces the county's receipts and
// doses given by 2021-01-22 (P41: ~107,000 received, ~59,000 given;
// within 15%) and doses given by 2021-02-16 (195,889 by ADHS; within
// 20%). 10 replications: the mean's interval is a few hundred doses wide,
// far inside these bands.
func TestCountyQ1(t *testing.T) {
	if testing.Short() {
		t.Skip("10 replications of a quarter of a county")
	}
	rs := replicate(t, "pima-county-2021-q1", 10, 1)
	jan22 := sim.Date{Year: 2021, Month: 1, Day: 22}
	feb16 := sim.Date{Year: 2021, Month: 2, Day: 16}
	for _, c := range []struct {
		what      string
		got, want float64
		tol       float64
	}{
		{"doses received by 2021-01-22 (P41)", cumulative(rs, sim.DosesReceived, jan22), 107_000, 0.15},
		{"doses given by 2021-01-22 (P41)", cumulative(rs, sim.Vaccinated, jan22), 59_000, 0.15},
		{"doses given by 2021-02-16 (ADHS)", cumulative(rs, sim.Vaccinated, feb16), 195_889, 0.20},
	} {
		if !within(c.got, c.want, c.tol) {
			t.Errorf("%s: %.0f, want %.0f within %.0f%%", c.what, c.got, c.want, 100*c.tol)
		}
	}
}

// TestStadium: stadium-24x7 has given 102,669 doses by 2021-01-30 (S7;
// within 10%) and runs at ~9,000 a day (S8; within 10%) once second
// doses start, 21 days after the first (2021-02-01, S12).
func TestStadium(t *testing.T) {
	if testing.Short() {
		t.Skip("6 replications of a quarter of a stadium running 24/7")
	}
	rs := replicate(t, "stadium-24x7", 6, 1)
	if got := cumulative(rs, sim.Vaccinated, sim.Date{Year: 2021, Month: 1, Day: 30}); !within(got, 102_669, 0.10) {
		t.Errorf("doses given by 2021-01-30: %.0f, want 102,669 within 10%%", got)
	}
	start := sim.Date{Year: 2021, Month: 2, Day: 1}
	end := sim.Date{Year: 2021, Month: 3, Day: 14}
	days := float64(end.Sub(start) + 1)
	rate := (cumulative(rs, sim.Vaccinated, end) - cumulative(rs, sim.Vaccinated, start.AddDays(-1))) / days
	if !within(rate, 9_000, 0.10) {
		t.Errorf("daily rate from 2021-02-01 to 03-14: %.0f, want 9,000 within 10%%", rate)
	}
	if got := cumulative(rs, sim.Dose2, start.AddDays(-1)); got != 0 {
		t.Errorf("%.0f second doses before 2021-02-01, 21 days after the first", got)
	}
}

// TestMMCValidation runs the bundled mmc-validation scenario at three
// loads and several station counts. Its mean wait must fall in the 95%
// interval over replications around Erlang C's Wq; with no waiting room
// (max_queue = 0) the share of walk-ins who balk must match Erlang B; and
// Little's law L = lambda W must hold in every replication within 2%.
// Seeds are fixed: an unbiased model passes each interval check for 95%
// of seeds; the seed was not chosen to pass.
func TestMMCValidation(t *testing.T) {
	if testing.Short() {
		t.Skip("statistical check: up to 40 replications of 14 to 60 days")
	}
	const serviceMin = 4.0 // the scenario's exp(mean=4m)
	mu := 60 / serviceMin  // per hour per station
	tests := []struct {
		c       int
		rho     float64
		days    int
		noQueue bool
	}{
		{c: 2, rho: 0.5, days: 14},
		{c: 10, rho: 0.8, days: 14},
		{c: 5, rho: 0.95, days: 60}, // heavy traffic converges slowly
		{c: 5, rho: 0.6, days: 14, noQueue: true},
		{c: 10, rho: 0.9, days: 14, noQueue: true},
	}
	for _, tc := range tests {
		lambda := tc.rho * float64(tc.c) * mu
		name := fmt.Sprintf("c=%d rho=%v", tc.c, tc.rho)
		if tc.noQueue {
			name += " no waiting room"
		}
		t.Run(name, func(t *testing.T) {
			// 10 replications for waits; 40 for blocking, whose share
			// varies little within a run but enough between runs that
			// 10 give an interval of +-1%.
			n := 10
			sets := []string{fmt.Sprintf("sites.mmc.stations=%d", tc.c),
				fmt.Sprintf("cohorts.arrivals.walkin_rate=%v", lambda), fmt.Sprintf("scenario.days=%d", tc.days)}
			if tc.noQueue {
				n = 40
				sets = append(sets, "sites.mmc.max_queue=0")
			}
			rs := replicate(t, "mmc-validation", n, 5, sets...)
			if tc.noQueue {
				var share []float64
				for _, r := range rs {
					all := r.Total[r.All()]
					share = append(share, all[sim.WalkinsBalked]/all[sim.WalkinsArrived])
				}
				lo, hi := interval95(share)
				if want := queueing.ErlangB(tc.c, lambda/mu); want < lo || want > hi {
					t.Errorf("blocking 95%% CI [%.4f, %.4f] misses Erlang B %.4f", lo, hi, want)
				}
				return
			}
			lo, hi := interval95(totals(rs, sim.MeanWaitMin))
			if want := queueing.MMCWait(tc.c, lambda, mu) * 60; want < lo || want > hi {
				t.Errorf("mean wait 95%% CI [%.4f, %.4f] min misses Erlang C %.4f min", lo, hi, want)
			}
			for i, r := range rs {
				all := r.Total[r.All()]
				perMin := all[sim.WalkinsArrived] / (float64(tc.days) * 24 * 60)
				if l, w := all[sim.MeanQueueLen], all[sim.MeanWaitMin]; math.Abs(l-perMin*w) > 0.02*l {
					t.Errorf("rep %d: L = %.4f but lambda W = %.4f", i, l, perMin*w)
				}
			}
		})
	}
}
