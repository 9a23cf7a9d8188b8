package sweepfiles_test

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"vaxsim/output/files"
	"vaxsim/output/internal/outtest"
	"vaxsim/output/runfiles"
	"vaxsim/output/stats"
	"vaxsim/output/sweepfiles"
	"vaxsim/sim"
)

func TestGrid(t *testing.T) {
	g, err := sweepfiles.NewGrid([]sweepfiles.Param{
		{Key: "a", Values: []string{"1", "2", "3"}},
		{Key: "b", Values: []string{"x", "y"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 6 {
		t.Errorf("Len() = %d, want 6", g.Len())
	}
	want := [][]string{{"1", "x"}, {"1", "y"}, {"2", "x"}, {"2", "y"}, {"3", "x"}, {"3", "y"}}
	for id, w := range want {
		if got := g.Values(id); !slices.Equal(got, w) {
			t.Errorf("Values(%d) = %q, want %q (the first key varies slowest)", id, got, w)
		}
	}
	if got := g.Sets(3); !slices.Equal(got, []string{"a=2", "b=y"}) {
		t.Errorf("Sets(3) = %q", got)
	}
	for _, id := range []int{-1, 6} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Values(%d) did not panic", id)
				}
			}()
			g.Values(id)
		}()
	}
}

func TestNewGridErrors(t *testing.T) {
	many := make([]string, 1001)
	for i := range many {
		many[i] = strings.Repeat("9", i+1)
	}
	tests := []struct {
		params []sweepfiles.Param
		want   string
	}{
		{nil, "at least one varied key"},
		{[]sweepfiles.Param{{Key: "a"}}, "has no values"},
		{[]sweepfiles.Param{{Key: "a", Values: []string{"1"}}, {Key: "a", Values: []string{"2"}}}, "given twice"},
		{[]sweepfiles.Param{{Key: "a", Values: many}, {Key: "b", Values: many}}, "more than 1000000 points"},
	}
	for i, tc := range tests {
		if _, err := sweepfiles.NewGrid(tc.params); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%d: sweepfiles.NewGrid = %v, want an error with %q", i, err, tc.want)
		}
	}
}

func testSweep(crn bool) *sweepfiles.Sweep {
	return &sweepfiles.Sweep{
		Version: "test", Scenario: "two-sites", Source: "two-sites.toml",
		Vary: []sweepfiles.Param{
			{Key: "sites.tcc.stations", Spec: "8,10,12", Values: []string{"8", "10", "12"}},
			{Key: "sites.tcc.service", Spec: `"4m","5m"`, Values: []string{`"4m"`, `"5m"`}},
		},
		Points: 6, Replications: 3, Seed: 42, CRN: crn, ScenarioTOML: "[scenario]\n",
	}
}

func TestPointSeed(t *testing.T) {
	s := testSweep(true)
	for id := range s.Points {
		if got := s.PointSeed(id); got != s.Seed {
			t.Errorf("with CRN, PointSeed(%d) = %d, want the master seed %d", id, got, s.Seed)
		}
	}
	s = testSweep(false)
	seen := map[uint64]bool{}
	for id := range s.Points {
		seed := s.PointSeed(id)
		if seen[seed] || seed == s.Seed {
			t.Errorf("without CRN, PointSeed(%d) = %d is not a seed of its own", id, seed)
		}
		seen[seed] = true
	}
	// The scheme is a contract: points.csv of old sweeps records these.
	if got, want := s.PointSeed(0), uint64(0xee8623e5c1a71da0); got != want {
		t.Errorf("PointSeed(0) = %#x, want %#x; changing the scheme needs a new sweepfiles.PointSeedScheme", got, want)
	}
}

func TestSweepMismatch(t *testing.T) {
	tests := []struct {
		change func(*sweepfiles.Sweep)
		want   string
	}{
		{func(*sweepfiles.Sweep) {}, ""},
		{func(s *sweepfiles.Sweep) { s.Version, s.Source, s.Sets = "other", "elsewhere.toml", []string{"a=1"} }, ""},
		{func(s *sweepfiles.Sweep) { s.Vary[0].Values = []string{"8", "12", "10"} }, "the grid differs"},
		{func(s *sweepfiles.Sweep) { s.Vary[0].Key = "sites.tcc.per_slot" }, "the grid differs"},
		{func(s *sweepfiles.Sweep) { s.Vary = s.Vary[:1] }, "the grid differs"},
		{func(s *sweepfiles.Sweep) { s.Replications = 4 }, "the replications differ (3 against 4)"},
		{func(s *sweepfiles.Sweep) { s.Seed = 1 }, "the seeds differ"},
		{func(s *sweepfiles.Sweep) { s.CRN = false }, "common random numbers differ"},
		{func(s *sweepfiles.Sweep) { s.ScenarioTOML += "days = 2\n" }, "the base scenario differs"},
	}
	for i, tc := range tests {
		other := testSweep(true)
		other.Vary = slices.Clone(other.Vary)
		tc.change(other)
		got := testSweep(true).Mismatch(other)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%d: Mismatch = %q, want %q", i, got, tc.want)
		}
	}
}

func TestSweepRoundTrip(t *testing.T) {
	s := testSweep(false)
	s.PointSeedScheme = sweepfiles.PointSeedScheme
	var b bytes.Buffer
	if err := sweepfiles.WriteSweep(&b, s); err != nil {
		t.Fatal(err)
	}
	got, err := sweepfiles.ReadSweep(&b)
	if err != nil {
		t.Fatal(err)
	}
	if why := s.Mismatch(got); why != "" || got.Version != s.Version || !slices.Equal(got.Sets, []string{}) {
		t.Errorf("read back a different sweep: %s %+v", why, got)
	}
	bad := []struct{ text, want string }{
		{`{"vary": [], "points": 0, "replications": 1}`, "at least one varied key"},
		{`{"vary": [{"key": "a", "values": ["1", "2"]}], "points": 3, "replications": 1}`, "not 3"},
		{`{"vary": [{"key": "a", "values": ["1"]}], "points": 1, "replications": 0}`, "0 replications"},
		{`{"vary": `, "sweep: unexpected EOF"},
	}
	for _, tc := range bad {
		if _, err := sweepfiles.ReadSweep(strings.NewReader(tc.text)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("sweepfiles.ReadSweep(%s) = %v, want an error with %q", tc.text, err, tc.want)
		}
	}
}

func TestPoints(t *testing.T) {
	s := testSweep(false)
	var b bytes.Buffer
	if err := sweepfiles.WritePoints(&b, s); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	if lines[0] != "point,seed,sites.tcc.stations,sites.tcc.service" || !strings.HasSuffix(lines[2], `,8,"""5m"""`) {
		t.Errorf("points.csv starts:\n%s", strings.Join(lines[:3], "\n"))
	}
	p, err := sweepfiles.ReadPoints(&b)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 6 || !slices.Equal(p.Keys, s.Grid().Keys()) {
		t.Fatalf("read %d points with keys %q", len(p.Rows), p.Keys)
	}
	for id, row := range p.Rows {
		if row.Point != id || row.Seed != s.PointSeed(id) || !slices.Equal(row.Values, s.Grid().Values(id)) {
			t.Errorf("point %d read back as %+v", id, row)
		}
	}
	bad := []struct{ text, want string }{
		{"", "missing header"},
		{"point,seed\n", "does not start with"},
		{"point,seed,a\n1,1,x\n", "line 2: point \"1\", want 0"},
		{"point,seed,a\n0,-1,x\n", "seed"},
		{"point,seed,a,a\n", "appears twice"},
	}
	for _, tc := range bad {
		if _, err := sweepfiles.ReadPoints(strings.NewReader(tc.text)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("sweepfiles.ReadPoints(%q) = %v, want an error with %q", tc.text, err, tc.want)
		}
	}
}

func TestPartRoundTrip(t *testing.T) {
	results := outtest.FakeResults(3)
	p, err := sweepfiles.NewPointResult(5, results)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Check(5, 3); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := sweepfiles.WritePart(&b, p); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	if !strings.HasPrefix(text, "# warning: the queue at mall hit max_queue (replication 1)\npoint,rep,seed,slots,") {
		t.Errorf("part file starts:\n%.200s", text)
	}
	got, err := sweepfiles.ReadPart(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if got.Point != 5 || !slices.Equal(got.Metrics, runfiles.MetricNames()) || !slices.Equal(got.Warnings, p.Warnings) {
		t.Errorf("read back point %d, metrics %q, warnings %q", got.Point, got.Metrics, got.Warnings)
	}
	for r := range p.Reps {
		a, b := p.Reps[r], got.Reps[r]
		if a.Rep != b.Rep || a.Seed != b.Seed || !sameFloats(a.Values, b.Values) {
			t.Errorf("replication %d read back as %+v, want %+v", r, b, a)
		}
	}
	checks := []struct {
		id, reps int
		want     string
	}{
		{4, 3, "holds point 5, not 4"},
		{5, 4, "has 3 replications, want 4"},
	}
	for _, tc := range checks {
		if err := got.Check(tc.id, tc.reps); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Check(%d, %d) = %v, want %q", tc.id, tc.reps, err, tc.want)
		}
	}
	header := "point,rep,seed,a\n"
	bad := []struct{ text, want string }{
		{"", "missing header"},
		{header, "no replications"},
		{header + "1,0,1,2\n2,1,1,2\n", "line 3: point 2 in the file of point 1"},
		{header + "1,0,1,2,3\n", "wrong number of fields"},
		{header + "1,0,1,x\n", `line 2: a: "x" is not a number`},
		{"# note\n" + header + "1,0,1,2\n", "line 1: a comment that is not a warning"},
		{header + "1,0,1,2\n1,1,1,", "the last line is cut short"},
	}
	for _, tc := range bad {
		if _, err := sweepfiles.ReadPart(strings.NewReader(tc.text)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("sweepfiles.ReadPart(%q) = %v, want an error with %q", tc.text, err, tc.want)
		}
	}
}

// sameFloats compares values, NaN equal to NaN.
func sameFloats(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) })
}

func TestSweepWriter(t *testing.T) {
	var parts []*sweepfiles.PointResult
	for id := range 2 {
		p, err := sweepfiles.NewPointResult(id, outtest.FakeResults(3+id))
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, p)
	}
	var res, sum bytes.Buffer
	w := sweepfiles.NewWriter(&res, &sum, runfiles.MetricNames())
	for _, p := range parts {
		if err := w.Add(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	// results.csv rows are the rows of replications.csv with the point in front.
	var reps bytes.Buffer
	if err := runfiles.WriteReplications(&reps, outtest.FakeResults(4)); err != nil {
		t.Fatal(err)
	}
	repLines := strings.Split(strings.TrimSpace(reps.String()), "\n")
	resLines := strings.Split(strings.TrimSpace(res.String()), "\n")
	if len(resLines) != 1+3+4 || resLines[0] != "point,"+repLines[0] {
		t.Fatalf("results.csv has %d lines, header %q", len(resLines), resLines[0])
	}
	for r := 1; r <= 4; r++ {
		if resLines[3+r] != "1,"+repLines[r] {
			t.Errorf("results.csv line %d = %q, want the replications.csv row %q after the point", 4+r, resLines[3+r], repLines[r])
		}
	}
	got, err := sweepfiles.ReadResults(&res)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != 7 || got.Column("vaccinated") < 0 || got.Rows[6].Point != 1 || got.Rows[6].Rep != 3 {
		t.Errorf("read back %d rows", len(got.Rows))
	}
	// summary.csv: one row per point and metric, the statistics of sweepfiles.Describe.
	sums, err := sweepfiles.ReadSummary(&sum)
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != 2*int(sim.NumMetrics) {
		t.Fatalf("summary.csv has %d rows, want %d", len(sums), 2*sim.NumMetrics)
	}
	for _, s := range sums {
		m := slices.Index(runfiles.MetricNames(), s.Metric)
		var xs []float64
		for _, r := range parts[s.Point].Reps {
			xs = append(xs, r.Values[m])
		}
		want := stats.Describe(xs)
		want.Min, want.Max = math.NaN(), math.NaN()
		if !sameFloats([]float64{s.Mean, s.SD, s.Low, s.High}, []float64{want.Mean, want.SD, want.Low, want.High}) || s.N != want.N {
			t.Errorf("point %d %s: %+v, want %+v", s.Point, s.Metric, s.Stat, want)
		}
	}
	// No points: the headers alone.
	res.Reset()
	sum.Reset()
	if err := sweepfiles.NewWriter(&res, &sum, []string{"a"}).Flush(); err != nil || res.String() != "point,rep,seed,a\n" ||
		sum.String() != "point,site,metric,n,mean,sd,ci95_low,ci95_high\n" {
		t.Errorf("an empty sweep writes %q and %q (%v)", res.String(), sum.String(), err)
	}
	// Points must have the writer's metrics.
	if err := sweepfiles.NewWriter(&res, &sum, []string{"a"}).Add(parts[0]); err == nil {
		t.Error("Add took a point with other metrics")
	}
}

func TestReadSweepSummaryErrors(t *testing.T) {
	header := "point,site,metric,n,mean,sd,ci95_low,ci95_high\n"
	tests := []struct{ text, want string }{
		{"", "missing header"},
		{"point,metric\n", "want [\"point\" \"site\""},
		{"metric,point\n", "does not start with"},
		{header + "x,all,a,1,1,,,\n", "line 2: point"},
		{header + "0,all,,1,1,,,\n", "metric is empty"},
		{header + "0,all,a,-1,1,,,\n", "n: "},
		{header + "0,all,a,1,one,,,\n", "mean"},
		{header + "0,all,a,1,1,,\n", "wrong number of fields"},
	}
	for _, tc := range tests {
		if _, err := sweepfiles.ReadSummary(strings.NewReader(tc.text)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("sweepfiles.ReadSummary(%q) = %v, want an error with %q", tc.text, err, tc.want)
		}
	}
}

// writeParts writes part files of the points ids of s into dir.
func writeParts(t *testing.T, dir string, s *sweepfiles.Sweep, ids ...int) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, sweepfiles.PartsDir), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		p, err := sweepfiles.NewPointResult(id, outtest.FakeResults(s.Replications))
		if err != nil {
			t.Fatal(err)
		}
		err = files.Write(filepath.Join(dir, sweepfiles.PartsDir, sweepfiles.PartName(id)), func(w io.Writer) error { return sweepfiles.WritePart(w, p) })
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestCollectAndWriteSweepFolder(t *testing.T) {
	s := testSweep(true)
	tmp := t.TempDir()
	a, b := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	writeParts(t, a, s, 0, 2, 4)
	writeParts(t, b, s, 1, 2, 3) // point 2 in both, byte-identical
	os.WriteFile(filepath.Join(a, sweepfiles.PartsDir, ".point-000005.csv.tmp-123"), []byte("point,rep"), 0o644)

	_, err := sweepfiles.CollectParts(s, []string{a, b})
	var missing *sweepfiles.MissingPointsError
	if !errors.As(err, &missing) || !slices.Equal(missing.Missing, []int{5}) || err.Error() != "1 of 6 points is missing: 5" {
		t.Fatalf("sweepfiles.CollectParts = %v, want point 5 missing", err)
	}
	if text := sweepfiles.MissingPointsText(s.Grid(), missing.Missing, 20); text != "  point 5: sites.tcc.stations=12 sites.tcc.service=\"5m\"\n" {
		t.Errorf("sweepfiles.MissingPointsText = %q", text)
	}
	if text := sweepfiles.MissingPointsText(s.Grid(), []int{0, 1, 2}, 2); !strings.HasSuffix(text, "  and 1 more\n") {
		t.Errorf("sweepfiles.MissingPointsText with a limit = %q", text)
	}
	writeParts(t, b, s, 5)
	paths, err := sweepfiles.CollectParts(s, []string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "out")
	m := sweepfiles.NewManifest("merge", s)
	if err := sweepfiles.WriteFolder(out, s, paths, m); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{sweepfiles.SweepFile, sweepfiles.PointsFile, sweepfiles.SweepResultsFile, sweepfiles.SweepSummaryFile, runfiles.ManifestFile} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
	man, err := files.Read(filepath.Join(out, runfiles.ManifestFile), sweepfiles.ReadManifest)
	if err != nil {
		t.Fatal(err)
	}
	if len(man.Warnings) != 1 || man.Warnings[0] != "the queue at mall hit max_queue (replication 1) (points 0-5)" || man.Sweep.Points != 6 {
		t.Errorf("manifest warnings %q", man.Warnings)
	}

	// A point that differs between two folders is an error.
	p, _ := sweepfiles.NewPointResult(3, outtest.FakeResults(2))
	files.Write(filepath.Join(a, sweepfiles.PartsDir, sweepfiles.PartName(3)), func(w io.Writer) error { return sweepfiles.WritePart(w, p) })
	if _, err := sweepfiles.CollectParts(s, []string{a, b}); err == nil || !strings.Contains(err.Error(), "point 3 differs between") {
		t.Errorf("sweepfiles.CollectParts with two different files of point 3 = %v", err)
	}
	// A bad part stops the writing before any file changes.
	paths[3] = filepath.Join(a, sweepfiles.PartsDir, sweepfiles.PartName(3)) // 2 replications, not 3
	before, _ := os.ReadFile(filepath.Join(out, sweepfiles.SweepResultsFile))
	err = sweepfiles.WriteFolder(out, s, paths, sweepfiles.NewManifest("merge", s))
	if err == nil || !strings.Contains(err.Error(), "point 3 has 2 replications, want 3") {
		t.Errorf("sweepfiles.WriteFolder with a short part = %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(out, sweepfiles.SweepResultsFile))
	entries, _ := os.ReadDir(out)
	if !bytes.Equal(before, after) || len(entries) != 5 {
		t.Errorf("a failed sweepfiles.WriteFolder changed the folder (%d entries)", len(entries))
	}
	// Parts outside the grid are an error.
	writeParts(t, b, s, 6)
	if _, err := sweepfiles.CollectParts(s, []string{b}); err == nil || !strings.Contains(err.Error(), "outside the sweep's 6 points") {
		t.Errorf("sweepfiles.CollectParts with point 6 of 6 = %v", err)
	}
}

func TestSweepManifestRoundTrip(t *testing.T) {
	m := sweepfiles.NewManifest("sweep", testSweep(true))
	m.Elapsed = 1500 * 1e6
	var b bytes.Buffer
	if err := sweepfiles.WriteManifest(&b, m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"elapsed": "1.5s"`) || !strings.Contains(b.String(), `"warnings": []`) {
		t.Errorf("manifest:\n%s", b.String())
	}
	got, err := sweepfiles.ReadManifest(&b)
	if err != nil || got.Elapsed != m.Elapsed || got.Command != "sweep" || got.Sweep.Points != 6 {
		t.Errorf("read back %+v, %v", got, err)
	}
}

// TestReadOldSweepSummary: a summary.csv of an older vaxsim, without the
// site column, still reads, its rows of all sites.
func TestReadOldSweepSummary(t *testing.T) {
	text := "point,metric,n,mean,sd,ci95_low,ci95_high\n0,vaccinated,3,1299,8.2,1278.7,1319.3\n"
	got, err := sweepfiles.ReadSummary(strings.NewReader(text))
	if err != nil || len(got) != 1 || got[0].Site != "all" || got[0].Metric != "vaccinated" || got[0].N != 3 || got[0].High != 1319.3 {
		t.Errorf("old summary.csv read as %+v, %v", got, err)
	}
}

func TestWarnings(t *testing.T) {
	var w sweepfiles.Warnings
	w.Add(0, []string{"a", "b"})
	w.Add(1, []string{"a"})
	w.Add(3, []string{"a", "c"})
	want := []string{"a (points 0-1, 3)", "b (point 0)", "c (point 3)"}
	if got := w.List(); !slices.Equal(got, want) {
		t.Errorf("List = %q, want %q", got, want)
	}
}
