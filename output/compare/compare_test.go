package compare_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"vaxsim/output/compare"
	"vaxsim/output/internal/outtest"
	"vaxsim/output/runfiles"
	"vaxsim/output/table"
	"vaxsim/sim"
)

// runSet builds the result set of a run from columns of values, one per
// metric, with replications 0, 1, ... of master seed seed.
func runSet(dir string, seed uint64, cols map[string][]float64) *compare.ResultSet {
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range cols {
			if !yield(k) {
				return
			}
		}
	})
	reps := &runfiles.Replications{Metrics: names}
	for i := range cols[names[0]] {
		row := runfiles.Replication{Rep: i, Seed: seed}
		for _, m := range names {
			row.Values = append(row.Values, cols[m][i])
		}
		reps.Rows = append(reps.Rows, row)
	}
	return &compare.ResultSet{Dir: dir, Scenario: "s", Points: []compare.Point{{Reps: reps}}}
}

// row returns the comparison's row of metric name.
func row(t *testing.T, c *compare.Comparison, name string) compare.Comparand {
	t.Helper()
	for _, r := range c.Rows {
		if r.Metric == name {
			return r
		}
	}
	t.Fatalf("no row for %s", name)
	return compare.Comparand{}
}

// TestCompareVerdicts checks the verdict rules on made-up replications:
// direction, tolerance, exact decisions, NaN values and pairing.
func TestCompareVerdicts(t *testing.T) {
	nan := math.NaN()
	vacc := []float64{1290, 1306, 1301, 1285, 1312, 1298, 1293, 1310, 1288, 1302}
	shift := func(xs []float64, d float64) []float64 {
		out := make([]float64, len(xs))
		for i, x := range xs {
			out[i] = x + d
		}
		return out
	}
	// noisy adds a different small amount to each value, so paired
	// differences vary.
	noisy := func(xs []float64, d float64) []float64 {
		out := shift(xs, d)
		for i := range out {
			out[i] += float64(i%3) - 1
		}
		return out
	}
	const seed = 1
	tests := []struct {
		name       string
		metric     string
		base, new  []float64
		newSeed    uint64 // 0: same as base (paired)
		th         compare.Thresholds
		method     compare.Method
		verdict    compare.Verdict
		failsOn    []compare.FailOn // the policies under which the comparison fails
		wantChange float64          // NaN: do not check
	}{
		{name: "identical", metric: "vaccinated", base: vacc, new: vacc,
			method: compare.Exact, verdict: compare.Same, wantChange: 0},
		{name: "higher is better, down 3%", metric: "vaccinated", base: vacc, new: noisy(vacc, -39),
			method: compare.Paired, verdict: compare.Worse, wantChange: nan,
			failsOn: []compare.FailOn{compare.FailOnBetterOrWorse, compare.FailOnWorse, compare.FailOnAny}},
		{name: "higher is better, up 3%", metric: "vaccinated", base: vacc, new: noisy(vacc, 39),
			method: compare.Paired, verdict: compare.Better, wantChange: nan,
			failsOn: []compare.FailOn{compare.FailOnBetterOrWorse, compare.FailOnAny}},
		{name: "lower is better, up", metric: "mean_wait_min", base: []float64{12.4, 11.9, 13.1, 12.7}, new: []float64{14.4, 13.2, 15.0, 14.9},
			method: compare.Paired, verdict: compare.Worse, wantChange: nan,
			failsOn: []compare.FailOn{compare.FailOnBetterOrWorse, compare.FailOnWorse, compare.FailOnAny}},
		// Down 1%: significant (p < 0.001) but within the 2% tolerance.
		{name: "significant within tolerance", metric: "vaccinated", base: vacc, new: noisy(vacc, -13),
			method: compare.Paired, verdict: compare.Same, wantChange: nan},
		// The same change counts with a per-metric tolerance of 0.5%.
		{name: "per-metric tolerance", metric: "vaccinated", base: vacc, new: noisy(vacc, -13),
			th:     compare.Thresholds{Alpha: 0.05, Tolerance: 0.02, PerMetric: map[string]float64{"vaccinated": 0.005}},
			method: compare.Paired, verdict: compare.Worse, wantChange: nan,
			failsOn: []compare.FailOn{compare.FailOnBetterOrWorse, compare.FailOnWorse, compare.FailOnAny}},
		// Beyond tolerance but not significant: noise of +-8 around a
		// shift of 30 at n = 3 with Welch.
		{name: "large but not significant", metric: "vaccinated", base: []float64{1300, 1200, 1400}, new: []float64{1270, 1170, 1450},
			newSeed: 2, method: compare.Welch, verdict: compare.Same, wantChange: nan},
		{name: "neutral direction", metric: "utilization", base: []float64{0.71, 0.69, 0.70, 0.72}, new: []float64{0.75, 0.74, 0.76, 0.77},
			method: compare.Paired, verdict: compare.Changed, wantChange: nan,
			failsOn: []compare.FailOn{compare.FailOnAny}},
		{name: "unknown metric is neutral", metric: "future_metric", base: []float64{1, 2, 3, 4}, new: []float64{11, 12, 13, 15},
			method: compare.Paired, verdict: compare.Changed, wantChange: nan,
			failsOn: []compare.FailOn{compare.FailOnAny}},
		// Both constant and equal: no test, no change.
		{name: "equal constants", metric: "slots", base: []float64{1080, 1080, 1080}, new: []float64{1080, 1080, 1080}, newSeed: 2,
			method: compare.Exact, verdict: compare.Same, wantChange: 0},
		// Both constant and different: a certain change (exact, p = 0).
		{name: "different constants", metric: "wasted_slots", base: []float64{0, 0, 0}, new: []float64{5, 5, 5}, newSeed: 2,
			method: compare.Exact, verdict: compare.Worse, wantChange: math.Inf(1),
			failsOn: []compare.FailOn{compare.FailOnBetterOrWorse, compare.FailOnWorse, compare.FailOnAny}},
		// A paired constant shift is certain too.
		{name: "paired constant shift", metric: "booked", base: []float64{120, 132, 128}, new: []float64{110, 122, 118},
			method: compare.Exact, verdict: compare.Worse, wantChange: nan,
			failsOn: []compare.FailOn{compare.FailOnBetterOrWorse, compare.FailOnWorse, compare.FailOnAny}},
		// Paired, replications where either side is NaN are left out:
		// three pairs remain, each up 2 minutes +- noise.
		{name: "NaN paired", metric: "mean_wait_min", base: []float64{10, nan, 12, 11, 13}, new: []float64{12.1, 14, nan, 12.9, 15.2},
			method: compare.Paired, verdict: compare.Worse, wantChange: nan,
			failsOn: []compare.FailOn{compare.FailOnBetterOrWorse, compare.FailOnWorse, compare.FailOnAny}},
		{name: "NaN everywhere", metric: "mean_wait_min", base: []float64{nan, nan, nan}, new: []float64{nan, nan, nan},
			method: compare.Exact, verdict: compare.Same, wantChange: 0},
		{name: "NaN on one side", metric: "mean_wait_min", base: []float64{nan, nan, nan}, new: []float64{1, 2, 3},
			method: compare.NotTested, verdict: compare.Untested, wantChange: nan},
		{name: "one value left", metric: "mean_wait_min", base: []float64{nan, 4, nan}, new: []float64{1, 2, 3}, newSeed: 2,
			method: compare.NotTested, verdict: compare.Untested, wantChange: nan},
		// From a base mean of 0, every significant change counts.
		{name: "from zero", metric: "doses_wasted", base: []float64{0, 0, 0, 0, 0}, new: []float64{3, 4, 2, 5, 3},
			method: compare.Paired, verdict: compare.Worse, wantChange: math.Inf(1),
			failsOn: []compare.FailOn{compare.FailOnBetterOrWorse, compare.FailOnWorse, compare.FailOnAny}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := tt.th
			if th.Alpha == 0 {
				th = compare.DefaultThresholds()
			}
			newSeed := tt.newSeed
			if newSeed == 0 {
				newSeed = seed
			}
			base := runSet("base", seed, map[string][]float64{tt.metric: tt.base})
			nw := runSet("new", newSeed, map[string][]float64{tt.metric: tt.new})
			c, err := compare.CompareSets(base, nw, th)
			if err != nil {
				t.Fatal(err)
			}
			r := row(t, c, tt.metric)
			if r.Method != tt.method || r.Verdict != tt.verdict {
				t.Errorf("%s %v -> %v: method %v, verdict %v (p %g, Holm %g, change %g); want %v, %v",
					tt.metric, tt.base, tt.new, r.Method, r.Verdict, r.P, r.PHolm, r.Change, tt.method, tt.verdict)
			}
			if !math.IsNaN(tt.wantChange) && r.Change != tt.wantChange {
				t.Errorf("%s %v -> %v: change %g, want %g", tt.metric, tt.base, tt.new, r.Change, tt.wantChange)
			}
			for _, f := range []compare.FailOn{compare.FailOnBetterOrWorse, compare.FailOnWorse, compare.FailOnAny} {
				if got, want := c.Fails(f), slices.Contains(tt.failsOn, f); got != want {
					t.Errorf("%s %v -> %v (%v): Fails(%v) = %v, want %v", tt.metric, tt.base, tt.new, r.Verdict, f, got, want)
				}
			}
		})
	}
}

// TestComparePairing checks when replications are paired: same master
// seed and the same replication indices, in any order.
func TestComparePairing(t *testing.T) {
	vals := []float64{3, 1, 4, 1, 5}
	set := func(seed uint64, reps ...int) *compare.ResultSet {
		s := runSet("x", seed, map[string][]float64{"booked": vals[:len(reps)]})
		for i := range s.Points[0].Reps.Rows {
			s.Points[0].Reps.Rows[i].Rep = reps[i]
		}
		return s
	}
	tests := []struct {
		name      string
		base, new *compare.ResultSet
		paired    bool
	}{
		{"same seed and replications", set(1, 0, 1, 2), set(1, 0, 1, 2), true},
		{"same replications in another order", set(1, 0, 1, 2), set(1, 2, 0, 1), true},
		{"other seed", set(1, 0, 1, 2), set(2, 0, 1, 2), false},
		{"more replications", set(1, 0, 1, 2), set(1, 0, 1, 2, 3), false},
		{"other replications", set(1, 0, 1, 2), set(1, 1, 2, 3), false},
		{"a replication twice", set(1, 0, 1, 1), set(1, 0, 1, 2), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := compare.CompareSets(tt.base, tt.new, compare.DefaultThresholds())
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Points[0].Paired; got != tt.paired {
				t.Errorf("paired = %v, want %v", got, tt.paired)
			}
			want := compare.Welch
			if tt.paired {
				want = compare.Paired
			}
			if r := row(t, c, "booked"); r.Method != want && r.Method != compare.Exact {
				t.Errorf("method %v, want %v", r.Method, want)
			}
		})
	}
	// Paired, new's values are matched to base's by replication: the new
	// side's rows are in another order, but the differences are all 1.
	base := set(1, 0, 1, 2)
	nw := set(1, 2, 0, 1)
	nw.Points[0].Reps.Rows[0].Values[0] = 5 // rep 2: 4 + 1
	nw.Points[0].Reps.Rows[1].Values[0] = 4 // rep 0: 3 + 1
	nw.Points[0].Reps.Rows[2].Values[0] = 2 // rep 1: 1 + 1
	c, err := compare.CompareSets(base, nw, compare.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	if r := row(t, c, "booked"); r.Method != compare.Exact || r.Delta != 1 || r.P != 0 {
		t.Errorf("paired by replication: method %v, delta %g, p %g; want exact, 1, 0", r.Method, r.Delta, r.P)
	}
}

// TestCompareHolm checks that the correction runs over all the metrics'
// t-tests: each p-value alone is below 0.05, but not after Holm's
// correction over three tests, and exact decisions are not counted.
func TestCompareHolm(t *testing.T) {
	// Each is up 5 (5%) with Welch p-values between 0.02 and 0.05.
	base := runSet("base", 1, map[string][]float64{
		"booked":   {100, 104, 98, 102},
		"attended": {90, 94, 88, 92},
		"dose1":    {80, 84, 78, 82},
		"slots":    {1080, 1080, 1080, 1080},
	})
	nw := runSet("new", 2, map[string][]float64{
		"booked":   {105, 110, 103, 106},
		"attended": {95, 100, 93, 96},
		"dose1":    {85, 90, 83, 86},
		"slots":    {1080, 1080, 1080, 1080},
	})
	c, err := compare.CompareSets(base, nw, compare.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	if c.Tests != 3 {
		t.Errorf("Tests = %d, want 3 (slots is decided exactly)", c.Tests)
	}
	for _, name := range []string{"booked", "attended", "dose1"} {
		r := row(t, c, name)
		if !(r.P < 0.05) || r.PHolm < 0.05 {
			t.Errorf("%s: p %g, Holm %g: want p < 0.05 <= Holm", name, r.P, r.PHolm)
		}
		if r.Verdict != compare.Same {
			t.Errorf("%s: verdict %v, want ~ after Holm's correction", name, r.Verdict)
		}
	}
	if c.Fails(compare.FailOnAny) {
		t.Error("comparison fails; want no failure after Holm's correction")
	}
}

// TestCompareErrors checks inputs that cannot be compared.
func TestCompareErrors(t *testing.T) {
	two := map[string][]float64{"booked": {1, 2}}
	one := map[string][]float64{"booked": {1}}
	other := runSet("other", 1, two)
	other.Scenario = "another"
	sweep := func() *compare.ResultSet {
		s := runSet("sweep", 1, two)
		s.Vary = []string{"sites.tcc.stations"}
		s.Points[0].Values = []string{"7"}
		return s
	}
	otherKeys := sweep()
	otherKeys.Vary = []string{"sites.tcc.per_slot"}
	otherPoint := sweep()
	otherPoint.Points[0].Values = []string{"8"}
	tests := []struct {
		name      string
		base, new *compare.ResultSet
		th        compare.Thresholds
		want      string
	}{
		{"one replication", runSet("a", 1, one), runSet("b", 1, two), compare.DefaultThresholds(),
			"a has 1 replication; compare needs at least 2 replications a side (run with --reps 2 or more"},
		{"scenarios differ", runSet("a", 1, two), other, compare.DefaultThresholds(),
			`a holds scenario "s" and other scenario "another": compare results of the same scenario`},
		{"run and sweep", runSet("a", 1, two), sweep(), compare.DefaultThresholds(), "a is a run and sweep a sweep"},
		{"sweep and run", sweep(), runSet("a", 1, two), compare.DefaultThresholds(), "sweep is a sweep and a a run"},
		{"varied keys differ", sweep(), otherKeys, compare.DefaultThresholds(), "compare sweeps of the same keys"},
		{"no common point", sweep(), otherPoint, compare.DefaultThresholds(), "have no point in common"},
		{"no common metric", runSet("a", 1, two), runSet("b", 1, map[string][]float64{"dose1": {1, 2}}), compare.DefaultThresholds(),
			"a and b have no metric in common"},
		{"alpha", runSet("a", 1, two), runSet("b", 1, two), compare.Thresholds{Alpha: 1, Tolerance: 0}, "alpha must be between 0 and 1"},
		{"tolerance", runSet("a", 1, two), runSet("b", 1, two), compare.Thresholds{Alpha: 0.05, Tolerance: -0.1}, "tolerance must be"},
		{"metric tolerance", runSet("a", 1, two), runSet("b", 1, two),
			compare.Thresholds{Alpha: 0.05, PerMetric: map[string]float64{"booked": math.NaN()}}, "tolerance of booked must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := compare.CompareSets(tt.base, tt.new, tt.th)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("CompareSets: %v (%v), want an error containing %q", err, c, tt.want)
			}
		})
	}
}

// TestCompareWarnings checks the caveats returned as data.
func TestCompareWarnings(t *testing.T) {
	base := runSet("base", 1, map[string][]float64{"booked": {1, 2, 3}, "old": {1, 2, 3}, "mean_wait_min": {1, math.NaN(), 3}})
	nw := runSet("new", 1, map[string][]float64{"booked": {1, 2, 3}, "new": {1, 2, 3}, "mean_wait_min": {1, 2, 3}})
	nw.Scenario = ""
	c, err := compare.CompareSets(base, nw, compare.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"cannot check that both sides ran the same scenario",
		"metric old is only in base: not compared",
		"metric new is only in new: not compared",
		"mean_wait_min is not applicable in 1 of 3 base and 0 of 3 new replications",
		"only 3 replications a side: only large changes can be detected; 10 or more are suggested",
	} {
		if !slices.ContainsFunc(c.Warnings, func(w string) bool { return strings.Contains(w, want) }) {
			t.Errorf("no warning %q in %q", want, c.Warnings)
		}
	}
}

// TestCompareFiles compares the result folders of testdata and
// checks each rendering against its golden file (go test -update
// rewrites them).
func TestCompareFiles(t *testing.T) {
	dir := "testdata"
	th := compare.DefaultThresholds()
	th.PerMetric = map[string]float64{"wasted_slots": 0.1}
	for _, tc := range []struct {
		name      string
		base, new string
		verdicts  map[string]compare.Verdict // by "point/metric"
	}{
		{"run", "run-base", "run-new", map[string]compare.Verdict{
			"/slots": compare.Same, "/vaccinated": compare.Worse, "/wasted_slots": compare.Same,
			"/mean_wait_min": compare.Same, "/utilization": compare.Changed,
		}},
		{"sweep", "sweep-base", "sweep-new", map[string]compare.Verdict{
			"sites.tcc.stations=7/vaccinated": compare.Same, "sites.tcc.stations=7/mean_wait_min": compare.Same,
			"sites.tcc.stations=14/vaccinated": compare.Same, "sites.tcc.stations=14/mean_wait_min": compare.Better,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(dir) // folder names in the output do not depend on the OS
			c, err := compare.Compare(tc.base, tc.new, th)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]compare.Verdict{}
			for _, r := range c.Rows {
				got[r.Point+"/"+r.Metric] = r.Verdict
			}
			if len(got) != len(tc.verdicts) {
				t.Errorf("rows %v, want %v", got, tc.verdicts)
			}
			for k, v := range tc.verdicts {
				if got[k] != v {
					t.Errorf("%s: verdict %v, want %v", k, got[k], v)
				}
			}
			if !c.Points[0].Paired {
				t.Errorf("%s: not paired; both sides have the same seeds and replications", tc.name)
			}
			t.Chdir("..")
			for _, f := range []table.Format{table.FormatText, table.FormatCSV, table.FormatMarkdown} {
				var b bytes.Buffer
				if err := c.Write(&b, f, false); err != nil {
					t.Fatal(err)
				}
				ext := map[table.Format]string{table.FormatText: "txt", table.FormatCSV: "csv", table.FormatMarkdown: "md"}[f]
				outtest.Golden(t, tc.name+"."+ext, b.Bytes())
			}
		})
	}
}

// TestReadResultSetErrors checks folders that are not result folders.
func TestReadResultSetErrors(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	badCSV := filepath.Join(tmp, "bad")
	os.Mkdir(badCSV, 0o755)
	os.WriteFile(filepath.Join(badCSV, runfiles.ReplicationsFile), []byte("rep,seed,booked\n0,1,many\n"), 0o644)
	badSweep := filepath.Join(tmp, "badsweep")
	os.Mkdir(badSweep, 0o755)
	os.WriteFile(filepath.Join(badSweep, "points.csv"), []byte("point,seed,sites.tcc.stations\n0,1,7\n"), 0o644)
	os.WriteFile(filepath.Join(badSweep, "results.csv"), []byte("point,rep,seed,booked\n3,0,1,5\n"), 0o644)
	tests := []struct {
		name, dir, want string
	}{
		{"missing", filepath.Join(tmp, "nothing"), "nothing: no such folder"},
		{"a file", file, "is a file, not a result folder"},
		{"empty", tmp, "holds neither replications.csv (a run) nor results.csv (a sweep)"},
		{"bad number", badCSV, `replications.csv: line 2: booked: "many" is not a number`},
		{"unknown point", badSweep, "results.csv: line 2: point 3 is not in points.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := compare.ReadResultSet(tt.dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ReadResultSet(%s): %v, want an error containing %q", tt.dir, err, tt.want)
			}
		})
	}
}

// TestParseNames checks the names of formats, policies and verdicts.
func TestParseNames(t *testing.T) {
	for _, f := range []table.Format{table.FormatText, table.FormatCSV, table.FormatMarkdown} {
		if got, err := table.ParseFormat(f.String()); err != nil || got != f {
			t.Errorf("ParseTableFormat(%q) = %v, %v", f, got, err)
		}
	}
	if _, err := table.ParseFormat("html"); err == nil {
		t.Error("ParseTableFormat(html) succeeded")
	}
	for _, f := range []compare.FailOn{compare.FailOnBetterOrWorse, compare.FailOnWorse, compare.FailOnAny} {
		if got, err := compare.ParseFailOn(f.String()); err != nil || got != f {
			t.Errorf("ParseFailOn(%q) = %v, %v", f, got, err)
		}
	}
	if _, err := compare.ParseFailOn("never"); err == nil {
		t.Error("ParseFailOn(never) succeeded")
	}
	want := map[compare.Verdict]string{compare.Same: "~", compare.Better: "better", compare.Worse: "worse", compare.Changed: "changed", compare.Untested: "?"}
	for v, s := range want {
		if v.String() != s {
			t.Errorf("Verdict %d is %q, want %q", v, v, s)
		}
	}
	if got := sim.Metrics[sim.Vaccinated].Better; got != sim.Higher {
		t.Fatalf("vaccinated is %v; the tests assume higher is better", got)
	}
}

// TestMarkdownFolds: in Markdown the metrics that moved come first and
// the others are folded; with all, every metric is in its place.
func TestMarkdownFolds(t *testing.T) {
	c, err := compare.Compare("testdata/run-base", "testdata/run-new", compare.DefaultThresholds())
	if err != nil {
		t.Fatal(err)
	}
	var folded, all bytes.Buffer
	if err := c.Write(&folded, table.FormatMarkdown, false); err != nil {
		t.Fatal(err)
	}
	if err := c.Write(&all, table.FormatMarkdown, true); err != nil {
		t.Fatal(err)
	}
	f := folded.String()
	d := strings.Index(f, "<details>")
	if d < 0 || strings.Index(f, "| vaccinated |") > d || strings.Index(f, "| slots |") < d {
		t.Errorf("folded Markdown: want vaccinated (worse) before <details> and slots (same) after it:\n%s", f)
	}
	a := all.String()
	if strings.Contains(a, "<details>") || strings.Index(a, "| slots |") > strings.Index(a, "| vaccinated |") {
		t.Errorf("Markdown with all: want every metric in its place, slots first:\n%s", a)
	}
}
