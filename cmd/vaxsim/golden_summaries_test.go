package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"vaxsim/output/files"
	"vaxsim/output/runfiles"
	"vaxsim/scenarios"
	"vaxsim/sim"
)

// The golden summaries: testdata/golden/<scenario>/summary.json holds the
// summary.json of every bundled scenario run with these replications and
// seed. Three replications are the fewest that still give a standard
// deviation with some meaning, and keep the test fast for the long
// scenarios (three months of a county or a stadium take one to two
// seconds a replication); any change to the model still shows in them.
const (
	goldenReps = 3
	goldenSeed = 1
)

// goldenFloatTolerance is the relative tolerance for statistics that go
// through floating-point arithmetic the Go specification lets platforms
// evaluate differently: averages (waits, queue lengths, utilization) sum
// thousands of float64 terms, and every sd and 95% interval goes through a
// square root and a t quantile. Go fuses x*y+z into one rounding on arm64,
// ppc64 and s390x but not on amd64, and some math functions are assembly
// on some platforms, so the last bits may differ: a few ulps over ~10^4
// operations is ~1e-12 relative. A change to the model moves a mean wait
// by far more (one person served differently moves it by ~1e-4), so 1e-9
// hides no regression.
const goldenFloatTolerance = 1e-9

// TestGoldenSummaries runs every bundled scenario (scenarios.Bundled, so
// scenarios added later are covered) and compares its summary.json with
// the golden file. Integer-valued metrics (counts and levels: every metric
// of sim.Metrics that is not an average) must match exactly in n, mean,
// min and max: their values are whole numbers, their sum is exact and the
// mean one correctly rounded division. Everything else must match within
// goldenFloatTolerance. go test ./cmd/vaxsim -run TestGoldenSummaries
// -update (or go test ./... -update) rewrites the golden files, for
// instance after the model gains a metric.
func TestGoldenSummaries(t *testing.T) {
	bundled := scenarios.Bundled()
	if len(bundled) == 0 {
		t.Fatal("no bundled scenarios")
	}
	golden := filepath.Join("testdata", "golden")
	var names []string
	for _, sc := range bundled {
		names = append(names, sc.Name)
		t.Run(sc.Name, func(t *testing.T) {
			t.Parallel() // the long scenarios overlap where there are cores to spare
			out := filepath.Join(t.TempDir(), "out")
			args := []string{"run", sc.Name, "--reps", strconv.Itoa(goldenReps), "--seed", strconv.Itoa(goldenSeed), "--out", out, "--no-plots"}
			if stdout, stderr, code := inProcess(args...); code != 0 {
				t.Fatalf("vaxsim %v: exit %d\n%s%s", args, code, stdout, stderr)
			}
			gotPath := filepath.Join(out, runfiles.SummaryFile)
			wantPath := filepath.Join(golden, sc.Name, runfiles.SummaryFile)
			if *update {
				data, err := os.ReadFile(gotPath)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(filepath.Dir(wantPath), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(wantPath, data, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := files.Read(wantPath, runfiles.ReadSummary)
			if err != nil {
				t.Fatalf("%v (go test ./cmd/vaxsim -run TestGoldenSummaries -update creates it)", err)
			}
			got, err := files.Read(gotPath, runfiles.ReadSummary)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range summaryDiffs(got, want) {
				t.Errorf("%s: %s", wantPath, d)
			}
			if t.Failed() {
				t.Log("if the change is intended: go test ./cmd/vaxsim -run TestGoldenSummaries -update")
			}
		})
	}
	// Golden files of scenarios no longer bundled.
	entries, err := os.ReadDir(golden)
	if err != nil && !*update {
		t.Fatal(err)
	}
	for _, e := range entries {
		if slices.Contains(names, e.Name()) {
			continue
		}
		if *update {
			os.RemoveAll(filepath.Join(golden, e.Name()))
			continue
		}
		t.Errorf("%s is not a bundled scenario (go test ./cmd/vaxsim -run TestGoldenSummaries -update removes it)", filepath.Join(golden, e.Name()))
	}
}

// summaryDiffs lists the differences between two summaries that matter:
// scenario, seed, replications, the metrics and their order, and each
// statistic, all sites and per site.
func summaryDiffs(got, want *runfiles.Summary) []string {
	var diffs []string
	if got.Scenario != want.Scenario || got.Seed != want.Seed || got.Replications != want.Replications {
		diffs = append(diffs, fmt.Sprintf("scenario %q, seed %d, %d replications; golden: %q, %d, %d",
			got.Scenario, got.Seed, got.Replications, want.Scenario, want.Seed, want.Replications))
	}
	diffs = append(diffs, statDiffs("", got.Metrics, want.Metrics)...)
	var gotSites, wantSites []string
	for _, s := range got.Sites {
		gotSites = append(gotSites, s.Site)
	}
	for _, s := range want.Sites {
		wantSites = append(wantSites, s.Site)
	}
	if !slices.Equal(gotSites, wantSites) {
		return append(diffs, fmt.Sprintf("sites %q; golden: %q", gotSites, wantSites))
	}
	for i := range got.Sites {
		diffs = append(diffs, statDiffs("site "+got.Sites[i].Site+": ", got.Sites[i].Metrics, want.Sites[i].Metrics)...)
	}
	return diffs
}

// statDiffs compares the statistics of two lists of metrics.
func statDiffs(where string, got, want []runfiles.NamedStat) []string {
	var gotNames, wantNames []string
	for _, m := range got {
		gotNames = append(gotNames, m.Name)
	}
	for _, m := range want {
		wantNames = append(wantNames, m.Name)
	}
	if !slices.Equal(gotNames, wantNames) {
		var diffs []string
		for _, n := range gotNames {
			if !slices.Contains(wantNames, n) {
				diffs = append(diffs, where+"metric "+n+" is new")
			}
		}
		for _, n := range wantNames {
			if !slices.Contains(gotNames, n) {
				diffs = append(diffs, where+"metric "+n+" is gone")
			}
		}
		if len(diffs) == 0 {
			diffs = append(diffs, fmt.Sprintf("%smetrics in order %q; golden: %q", where, gotNames, wantNames))
		}
		return diffs
	}
	var diffs []string
	for i, g := range got {
		w := want[i]
		m, known := sim.MetricByName(g.Name)
		integer := known && sim.Metrics[m].Agg != sim.Average
		fields := []struct {
			name      string
			got, want float64
			exact     bool
		}{
			{"n", float64(g.N), float64(w.N), true},
			{"mean", g.Mean, w.Mean, integer},
			{"min", g.Min, w.Min, integer},
			{"max", g.Max, w.Max, integer},
			{"sd", g.SD, w.SD, false},
			{"ci95 low", g.Low, w.Low, false},
			{"ci95 high", g.High, w.High, false},
		}
		for _, f := range fields {
			if !goldenEqual(f.got, f.want, f.exact) {
				diffs = append(diffs, fmt.Sprintf("%s%s: %s is %v, golden %v", where, g.Name, f.name, f.got, f.want))
			}
		}
	}
	return diffs
}

// goldenEqual reports whether a statistic matches its golden value:
// exactly, or within goldenFloatTolerance relative to the larger of the
// two (absolute below 1). NaN matches NaN.
func goldenEqual(got, want float64, exact bool) bool {
	switch {
	case math.IsNaN(got) || math.IsNaN(want):
		return math.IsNaN(got) && math.IsNaN(want)
	case exact:
		return got == want
	}
	return math.Abs(got-want) <= goldenFloatTolerance*math.Max(1, math.Max(math.Abs(got), math.Abs(want)))
}

func TestGoldenEqual(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name      string
		got, want float64
		exact     bool
		equal     bool
	}{
		{"exact equal", 1298.5, 1298.5, true, true},
		{"exact one ulp off", 1298.5, math.Nextafter(1298.5, 2000), true, false},
		{"float one ulp off", 67.8, math.Nextafter(67.8, 100), false, true},
		{"float 1e-10 off", 67.8, 67.8 * (1 + 1e-10), false, true},
		{"float 1e-8 off", 67.8, 67.8 * (1 + 1e-8), false, false},
		{"small values absolute", 1e-12, 2e-12, false, true},
		{"NaN and NaN", nan, nan, true, true},
		{"NaN and number", nan, 0, false, false},
	}
	for _, tt := range tests {
		if got := goldenEqual(tt.got, tt.want, tt.exact); got != tt.equal {
			t.Errorf("%s: goldenEqual(%v, %v, %v) = %v, want %v", tt.name, tt.got, tt.want, tt.exact, got, tt.equal)
		}
	}
}
