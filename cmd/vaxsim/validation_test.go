package main

import (
	"fmt"
	"math"
	"path/filepath"
	"testing"

	"vaxsim/output/files"
	"vaxsim/output/runfiles"
	"vaxsim/output/stats"
	"vaxsim/sim/queueing"
)

// TestMMCValidation runs the bundled mmc-validation scenario through the
// command line at three loads and several station counts. Its mean wait
// must fall in the 95% interval that summary.json reports around Erlang
// C's Wq; with no waiting room (max_queue = 0) the share of walk-ins who
// balk must match Erlang B; and Little's law L = lambda W must hold in
// every replication within 2%. Seeds are fixed: the outcome is the same
// on every run. An unbiased model passes each interval check for 95% of
// seeds; the seed was not chosen to pass.
func TestMMCValidation(t *testing.T) {
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
			dir := filepath.Join(t.TempDir(), "out")
			// 10 replications for waits; 40 for blocking, whose share
			// varies little within a run but enough between runs that
			// 10 give an interval of +-1%.
			n := "10"
			if tc.noQueue {
				n = "40"
			}
			args := []string{"run", "mmc-validation", "--reps", n, "--seed", "5", "--out", dir,
				"--set", fmt.Sprintf("sites.mmc.stations=%d", tc.c),
				"--set", fmt.Sprintf("cohorts.arrivals.walkin_rate=%v", lambda),
				"--set", fmt.Sprintf("scenario.days=%d", tc.days)}
			if tc.noQueue {
				args = append(args, "--set", "sites.mmc.max_queue=0")
			}
			if _, stderr, code := inProcess(args...); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			sum, err := files.Read(filepath.Join(dir, runfiles.SummaryFile), runfiles.ReadSummary)
			if err != nil {
				t.Fatal(err)
			}
			reps, err := files.Read(filepath.Join(dir, runfiles.ReplicationsFile), runfiles.ReadReplications)
			if err != nil {
				t.Fatal(err)
			}
			if tc.noQueue {
				balked, _ := reps.Values("walkins_balked")
				arrived, _ := reps.Values("walkins_arrived")
				var share []float64
				for i := range balked {
					share = append(share, balked[i]/arrived[i])
				}
				st := stats.Describe(share)
				want := queueing.ErlangB(tc.c, lambda/mu)
				if want < st.Low || want > st.High {
					t.Errorf("blocking 95%% CI [%.4f, %.4f] misses Erlang B %.4f", st.Low, st.High, want)
				}
				return
			}
			st, _ := sum.Stat("mean_wait_min")
			want := queueing.MMCWait(tc.c, lambda, mu) * 60
			if want < st.Low || want > st.High {
				t.Errorf("mean wait 95%% CI [%.4f, %.4f] min misses Erlang C %.4f min", st.Low, st.High, want)
			}
			waits, _ := reps.Values("mean_wait_min")
			lens, _ := reps.Values("mean_queue_len")
			arrived, _ := reps.Values("walkins_arrived")
			for i := range waits {
				perMin := arrived[i] / (float64(tc.days) * 24 * 60)
				if l := lens[i]; math.Abs(l-perMin*waits[i]) > 0.02*l {
					t.Errorf("rep %d: L = %.4f but lambda W = %.4f", i, l, perMin*waits[i])
				}
			}
		})
	}
}
