package runfiles_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"vaxsim/output/internal/outtest"
	"vaxsim/output/runfiles"
	"vaxsim/output/stats"
	"vaxsim/sim"
)

func summaryBytes(t *testing.T, s *runfiles.Summary) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := runfiles.WriteSummary(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSummaryGolden(t *testing.T) {
	got := summaryBytes(t, runfiles.Summarize(outtest.FakeResults(3)))
	outtest.Golden(t, "summary.json", got)
	if !json.Valid(got) {
		t.Errorf("summary.json is not valid JSON:\n%s", got)
	}
	// Identical input, byte-identical results.
	if again := summaryBytes(t, runfiles.Summarize(outtest.FakeResults(3))); !bytes.Equal(got, again) {
		t.Errorf("two summaries of identical results differ")
	}
}

func TestSummarize(t *testing.T) {
	results := outtest.FakeResults(3)
	s := runfiles.Summarize(results)
	if s.Scenario != "two-sites" || s.Seed != 42 || s.Replications != 3 {
		t.Errorf("Summarize: scenario %q, seed %d, replications %d; want two-sites, 42, 3", s.Scenario, s.Seed, s.Replications)
	}
	if len(s.Metrics) != int(sim.NumMetrics) {
		t.Fatalf("Summarize: %d metrics, want %d", len(s.Metrics), sim.NumMetrics)
	}
	for m, ns := range s.Metrics {
		if ns.Name != sim.Metrics[m].Name {
			t.Errorf("metric %d is %q, want %q (contract order)", m, ns.Name, sim.Metrics[m].Name)
		}
		var xs []float64
		for _, r := range results {
			xs = append(xs, r.Total[r.All()][m])
		}
		if want := stats.Describe(xs); !sameStat(ns.Stat, want) {
			t.Errorf("%s: got %+v, want Describe(%v) = %+v", ns.Name, ns.Stat, xs, want)
		}
	}
	if len(s.Sites) != 2 || s.Sites[0].Site != "tcc" || s.Sites[1].Site != "mall" {
		t.Fatalf("Summarize: sites %+v, want tcc then mall", s.Sites)
	}
	for _, site := range s.Sites {
		for _, ns := range site.Metrics {
			m, _ := sim.MetricByName(ns.Name)
			if sim.Metrics[m].Scope != sim.SiteScope {
				t.Errorf("site %s lists the portal-scope metric %s", site.Site, ns.Name)
			}
		}
	}
	// The mall served nobody in replication 2: its waits cover 2 replications.
	if st, ok := s.Sites[1].Stat("mean_wait_min"); !ok || st.N != 2 {
		t.Errorf("mall mean_wait_min: N = %d (found %v), want 2", st.N, ok)
	}
	if _, ok := s.Stat("no_such_metric"); ok {
		t.Errorf("Stat(no_such_metric) found a metric")
	}
}

func TestSummarizeEmpty(t *testing.T) {
	s := runfiles.Summarize(nil)
	if s.Replications != 0 || len(s.Metrics) != int(sim.NumMetrics) || len(s.Sites) != 0 {
		t.Fatalf("Summarize(nil) = %+v", s)
	}
	for _, ns := range s.Metrics {
		if ns.N != 0 || !math.IsNaN(ns.Mean) {
			t.Errorf("Summarize(nil): %s = %+v, want N 0 and NaN", ns.Name, ns.Stat)
		}
	}
	got := string(summaryBytes(t, s))
	if !strings.Contains(got, `"slots": {"n": 0, "mean": null, "sd": null, "ci95": [null, null], "min": null, "max": null}`) {
		t.Errorf("Summarize(nil) written:\n%s\nwant nulls", got)
	}
	if !strings.Contains(got, `"sites": {}`) {
		t.Errorf("Summarize(nil) written:\n%s\nwant an empty sites object", got)
	}
}

func TestSummarizePanics(t *testing.T) {
	other := outtest.FakeResults(2)
	other[1].Sites = []string{"tcc", "arena"}
	short := outtest.FakeResults(1)
	short[0].Total = short[0].Total[:2]
	tests := []struct {
		name    string
		results []*sim.Result
	}{
		{"nil result", []*sim.Result{nil}},
		{"different sites", other},
		{"missing all-sites row", short},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if msg, _ := r.(string); !strings.HasPrefix(msg, "output: ") {
					t.Errorf("Summarize: recovered %v, want a panic prefixed output:", r)
				}
			}()
			runfiles.Summarize(tt.results)
		})
	}
}

func TestSummaryRoundTrip(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	odd := &runfiles.Summary{
		Scenario: `a "quoted" <name> & ünïcode`, Seed: math.MaxUint64, Replications: 2,
		Metrics: []runfiles.NamedStat{
			{"tiny", stats.Stat{N: 2, Mean: 1e-300, SD: 5e-324, Low: -0.1, High: 0.30000000000000004, Min: -1e21, Max: 1 << 60}},
			{"inf", stats.Stat{N: 2, Mean: inf, SD: nan, Low: -inf, High: inf, Min: 1, Max: inf}},
		},
		Sites: []runfiles.SiteSummary{{Site: "x,y", Metrics: nil}},
	}
	tests := []struct {
		name string
		s    *runfiles.Summary
	}{
		{"three replications", runfiles.Summarize(outtest.FakeResults(3))},
		{"one replication", runfiles.Summarize(outtest.FakeResults(1))},
		{"no replications", runfiles.Summarize(nil)},
		{"odd values", odd},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := summaryBytes(t, tt.s)
			got, err := runfiles.ReadSummary(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("ReadSummary: %v\n%s", err, b)
			}
			// Infinities are written as null and read back as NaN.
			want := *tt.s
			want.Metrics = finite(want.Metrics)
			want.Sites = nil
			for _, site := range tt.s.Sites {
				want.Sites = append(want.Sites, runfiles.SiteSummary{Site: site.Site, Metrics: finite(site.Metrics)})
			}
			if !sameSummary(got, &want) {
				t.Errorf("read back\n%+v\nwant\n%+v\nfrom\n%s", got, &want, b)
			}
			if again := summaryBytes(t, got); !bytes.Equal(again, b) {
				t.Errorf("writing what was read gives different bytes:\n%s\nwant\n%s", again, b)
			}
		})
	}
}

func TestReadSummaryErrors(t *testing.T) {
	const stat = `{"n": 1, "mean": 1, "sd": null, "ci95": [null, null], "min": 1, "max": 1}`
	tests := []struct {
		name, in, want string
	}{
		{"empty", ``, "summary: EOF"},
		{"not JSON", `scenario: x`, "summary: invalid character"},
		{"no scenario", `{"seed": 1, "replications": 1, "metrics": {}}`, `missing "scenario"`},
		{"no seed", `{"scenario": "x", "replications": 1, "metrics": {}}`, `missing "seed"`},
		{"no replications", `{"scenario": "x", "seed": 1, "metrics": {}}`, `missing "replications"`},
		{"no metrics", `{"scenario": "x", "seed": 1, "replications": 1}`, `missing "metrics"`},
		{"negative seed", `{"scenario": "x", "seed": -1, "replications": 1, "metrics": {}}`, "cannot unmarshal number -1"},
		{"metrics not an object", `{"scenario": "x", "seed": 1, "replications": 1, "metrics": []}`, "metrics: not an object"},
		{"metric twice", `{"scenario": "x", "seed": 1, "replications": 1, "metrics": {"a": ` + stat + `, "a": ` + stat + `}}`, `"a" appears twice`},
		{"no n", `{"scenario": "x", "seed": 1, "replications": 1, "metrics": {"a": {"mean": 1, "ci95": [1, 1]}}}`, `a: missing "n"`},
		{"short ci95", `{"scenario": "x", "seed": 1, "replications": 1, "metrics": {"a": {"n": 1, "ci95": [1]}}}`, `a: "ci95" has 1 numbers, want 2`},
		{"string mean", `{"scenario": "x", "seed": 1, "replications": 1, "metrics": {"a": {"n": 1, "mean": "1", "ci95": [1, 1]}}}`, "a: json: cannot unmarshal string"},
		{"bad site", `{"scenario": "x", "seed": 1, "replications": 1, "metrics": {}, "sites": {"tcc": {"a": {}}}}`, `sites: tcc: a: missing "n"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runfiles.ReadSummary(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadSummary(%s): error %v, want one containing %q", tt.in, err, tt.want)
			}
		})
	}
}

// finite returns a copy of ms with infinities replaced by NaN.
func finite(ms []runfiles.NamedStat) []runfiles.NamedStat {
	var out []runfiles.NamedStat
	for _, m := range ms {
		for _, p := range []*float64{&m.Mean, &m.SD, &m.Low, &m.High, &m.Min, &m.Max} {
			if math.IsInf(*p, 0) {
				*p = math.NaN()
			}
		}
		out = append(out, m)
	}
	return out
}

func sameStat(a, b stats.Stat) bool {
	return a.N == b.N && outtest.Same(a.Mean, b.Mean) && outtest.Same(a.SD, b.SD) && outtest.Same(a.Low, b.Low) &&
		outtest.Same(a.High, b.High) && outtest.Same(a.Min, b.Min) && outtest.Same(a.Max, b.Max)
}

func sameStats(a, b []runfiles.NamedStat) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || !sameStat(a[i].Stat, b[i].Stat) {
			return false
		}
	}
	return true
}

func sameSummary(a, b *runfiles.Summary) bool {
	if a.Scenario != b.Scenario || a.Seed != b.Seed || a.Replications != b.Replications ||
		!sameStats(a.Metrics, b.Metrics) || len(a.Sites) != len(b.Sites) {
		return false
	}
	for i := range a.Sites {
		if a.Sites[i].Site != b.Sites[i].Site || !sameStats(a.Sites[i].Metrics, b.Sites[i].Metrics) {
			return false
		}
	}
	return true
}
