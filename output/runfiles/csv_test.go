package runfiles_test

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"vaxsim/output/internal/outtest"
	"vaxsim/output/runfiles"
	"vaxsim/sim"
)

func dailyBytes(t *testing.T, results []*sim.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := runfiles.WriteDaily(&b, results); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func replicationsBytes(t *testing.T, results []*sim.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := runfiles.WriteReplications(&b, results); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCSVGolden(t *testing.T) {
	daily := dailyBytes(t, outtest.FakeResults(3))
	outtest.Golden(t, "daily.csv", daily)
	reps := replicationsBytes(t, outtest.FakeResults(3))
	outtest.Golden(t, "replications.csv", reps)
	if !bytes.Equal(daily, dailyBytes(t, outtest.FakeResults(3))) || !bytes.Equal(reps, replicationsBytes(t, outtest.FakeResults(3))) {
		t.Errorf("CSV files of identical results differ")
	}
	if bytes.Contains(daily, []byte("\r")) || bytes.Contains(reps, []byte("\r")) {
		t.Errorf("CSV lines end in \\r\\n, want \\n")
	}
}

func TestDailyLayout(t *testing.T) {
	results := outtest.FakeResults(2)
	d, err := runfiles.ReadDaily(bytes.NewReader(dailyBytes(t, results)))
	if err != nil {
		t.Fatal(err)
	}
	// Rows by replication, then date, then site with "all" last.
	var keys []string
	for _, row := range d.Rows {
		keys = append(keys, strings.Join([]string{strconv.Itoa(row.Rep), row.Date.String(), row.Site}, " "))
	}
	want := []string{
		"0 2021-01-22 tcc", "0 2021-01-22 mall", "0 2021-01-22 all",
		"0 2021-01-23 tcc", "0 2021-01-23 mall", "0 2021-01-23 all",
		"1 2021-01-22 tcc", "1 2021-01-22 mall", "1 2021-01-22 all",
		"1 2021-01-23 tcc", "1 2021-01-23 mall", "1 2021-01-23 all",
	}
	if strings.Join(keys, "\n") != strings.Join(want, "\n") {
		t.Errorf("daily rows:\n%s\nwant:\n%s", strings.Join(keys, "\n"), strings.Join(want, "\n"))
	}
	if len(d.Metrics) != int(sim.NumMetrics) {
		t.Fatalf("daily.csv has %d metric columns, want %d", len(d.Metrics), sim.NumMetrics)
	}
	for m, name := range d.Metrics {
		if name != sim.Metrics[m].Name || d.Column(name) != m {
			t.Errorf("column %d is %q, want %q", m, name, sim.Metrics[m].Name)
		}
	}
	// Values read back equal the results', NaN (not applicable) included.
	i := 0
	for _, r := range results {
		for day := range r.Daily {
			for s := range r.Daily[day] {
				for m := range sim.NumMetrics {
					if got, want := d.Rows[i].Values[m], r.Daily[day][s][m]; !outtest.Same(got, want) {
						t.Errorf("row %d (%s) %s = %v, want %v", i, keys[i], sim.Metrics[m].Name, got, want)
					}
				}
				i++
			}
		}
	}
	if d.Column("no_such_metric") != -1 {
		t.Errorf("Column(no_such_metric) != -1")
	}
}

func TestReplicationsRoundTrip(t *testing.T) {
	results := outtest.FakeResults(3)
	reps, err := runfiles.ReadReplications(bytes.NewReader(replicationsBytes(t, results)))
	if err != nil {
		t.Fatal(err)
	}
	if len(reps.Rows) != len(results) {
		t.Fatalf("%d rows, want %d", len(reps.Rows), len(results))
	}
	for i, r := range results {
		row := reps.Rows[i]
		if row.Rep != r.Rep || row.Seed != r.Seed {
			t.Errorf("row %d: rep %d seed %d, want %d %d", i, row.Rep, row.Seed, r.Rep, r.Seed)
		}
		for m := range sim.NumMetrics {
			if !outtest.Same(row.Values[m], r.Total[r.All()][m]) {
				t.Errorf("row %d %s = %v, want %v", i, sim.Metrics[m].Name, row.Values[m], r.Total[r.All()][m])
			}
		}
	}
	xs, ok := reps.Values("vaccinated")
	if !ok || len(xs) != 3 || xs[0] != results[0].Total[2][sim.Vaccinated] {
		t.Errorf("Values(vaccinated) = %v, %v", xs, ok)
	}
	if _, ok := reps.Values("no_such_metric"); ok {
		t.Errorf("Values(no_such_metric) found a column")
	}
}

func TestCSVQuotingAndNumbers(t *testing.T) {
	results := outtest.FakeResults(1)
	results[0].Sites = []string{`Pima "TCC", hall A`, "mall"}
	tenth, fifth := 0.1, 0.2
	results[0].Daily[0][0][sim.MeanWaitMin] = tenth + fifth // 0.30000000000000004
	results[0].Daily[0][0][sim.Slots] = 1 << 40
	results[0].Daily[0][0][sim.Booked] = math.Copysign(0, -1) // negative zero
	b := dailyBytes(t, results)
	line := strings.Split(string(b), "\n")[1]
	for _, want := range []string{`"Pima ""TCC"", hall A"`, ",1099511627776,0,", ",0.30000000000000004,"} {
		if !strings.Contains(line, want) {
			t.Errorf("daily.csv row %s\ndoes not contain %s", line, want)
		}
	}
	d, err := runfiles.ReadDaily(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if d.Rows[0].Site != results[0].Sites[0] || d.Rows[0].Values[sim.MeanWaitMin] != tenth+fifth {
		t.Errorf("read back site %q, mean_wait_min %v", d.Rows[0].Site, d.Rows[0].Values[sim.MeanWaitMin])
	}
}

func TestCSVWriteErrors(t *testing.T) {
	allSite := outtest.FakeResults(1)
	allSite[0].Sites = []string{"tcc", "all"}
	dup := outtest.FakeResults(1)
	dup[0].Sites = []string{"tcc", "tcc"}
	unnamed := outtest.FakeResults(1)
	unnamed[0].Sites = []string{"tcc", ""}
	mixed := outtest.FakeResults(2)
	mixed[1].Scenario = "other"
	shortDay := outtest.FakeResults(1)
	shortDay[0].Daily[1] = shortDay[0].Daily[1][:1]
	tests := []struct {
		name    string
		results []*sim.Result
		want    string
	}{
		{"site named all", allSite, `a site is named "all"`},
		{"two sites with one name", dup, `two sites are named "tcc"`},
		{"unnamed site", unnamed, "a site has an empty name"},
		{"two scenarios", mixed, `replication 1 (scenario "other"`},
		{"short day", shortDay, "replication 0 has 1 rows on day 1 for 2 sites, want 3"},
		{"nil result", []*sim.Result{nil}, "result 0 is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, write := range map[string]func(*bytes.Buffer) error{
				"WriteDaily":        func(b *bytes.Buffer) error { return runfiles.WriteDaily(b, tt.results) },
				"WriteReplications": func(b *bytes.Buffer) error { return runfiles.WriteReplications(b, tt.results) },
			} {
				var b bytes.Buffer
				err := write(&b)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("%s: error %v, want one containing %q", name, err, tt.want)
				}
				if b.Len() != 0 {
					t.Errorf("%s wrote %q before failing", name, b.String())
				}
			}
		})
	}
}

func TestReadCSVErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
		replications   bool
	}{
		{"empty", "", "line 1: missing header", false},
		{"wrong lead", "rep,site,date,slots\n", `line 1: header ["rep" "site" "date" "slots"] does not start with ["rep" "date" "site"]`, false},
		{"short header", "rep\n", `does not start with ["rep" "seed"]`, true},
		{"unnamed column", "rep,date,site,slots,\n", "line 1: column 5 has no name", false},
		{"column twice", "rep,date,site,slots,booked,slots\n", `line 1: column "slots" appears twice`, false},
		{"bad rep", "rep,date,site,slots\nx,2021-01-22,tcc,1\n", `line 2: rep: "x" is not an integer`, false},
		{"bad date", "rep,date,site,slots\n0,2021-02-30,tcc,1\n", `line 2: date: date "2021-02-30" is not of the form YYYY-MM-DD`, false},
		{"empty site", "rep,date,site,slots\n0,2021-01-22,tcc,1\n0,2021-01-22,,1\n", "line 3: site is empty", false},
		{"bad number", "rep,date,site,slots\n0,2021-01-22,tcc,1.2.3\n", `line 2: slots: "1.2.3" is not a number`, false},
		{"missing cell", "rep,date,site,slots,booked\n0,2021-01-22,tcc,1\n", "record on line 2: wrong number of fields", false},
		{"bad seed", "rep,seed,slots\n0,-1,1\n", `line 2: seed: "-1" is not an unsigned integer`, true},
		{"bad quote", "rep,seed,slots\n0,1,\"1\n", "extraneous or missing \" in quoted-field", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.replications {
				_, err = runfiles.ReadReplications(strings.NewReader(tt.in))
			} else {
				_, err = runfiles.ReadDaily(strings.NewReader(tt.in))
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("reading %q: error %v, want one containing %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestReadCSVExtraColumns(t *testing.T) {
	// A file from another version may have other metrics, in another order.
	in := "rep,seed,vaccinated,new_metric\n0,7,12,\n1,7,13,0.5\n"
	reps, err := runfiles.ReadReplications(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	xs, _ := reps.Values("new_metric")
	if len(xs) != 2 || !outtest.Same(xs[0], math.NaN()) || xs[1] != 0.5 {
		t.Errorf("new_metric = %v, want [NaN 0.5]", xs)
	}
}

// TestDailyOf checks the table WriteRun draws its plots from against the
// one read back from daily.csv, with values the file changes on the way:
// infinities, NaN and negative zero.
func TestDailyOf(t *testing.T) {
	results := outtest.FakeResults(3)
	r := results[1]
	r.Daily[0][0][0] = math.Inf(1)
	r.Daily[0][1][1] = math.Copysign(0, -1)
	r.Daily[1][0][2] = math.NaN()
	r.Daily[1][1][3] = 0.1 + 0.2
	var b bytes.Buffer
	if err := runfiles.WriteDaily(&b, results); err != nil {
		t.Fatal(err)
	}
	want, err := runfiles.ReadDaily(&b)
	if err != nil {
		t.Fatal(err)
	}
	got := runfiles.DailyOf(results)
	if !slices.Equal(got.Metrics, want.Metrics) || len(got.Rows) != len(want.Rows) {
		t.Fatalf("dailyOf: %d metrics, %d rows; read back: %d metrics, %d rows", len(got.Metrics), len(got.Rows), len(want.Metrics), len(want.Rows))
	}
	for i, g := range got.Rows {
		w := want.Rows[i]
		same := g.Rep == w.Rep && g.Date == w.Date && g.Site == w.Site && len(g.Values) == len(w.Values)
		for m := 0; same && m < len(g.Values); m++ {
			same = math.Float64bits(g.Values[m]) == math.Float64bits(w.Values[m])
		}
		if !same {
			t.Errorf("row %d: dailyOf %+v, read back %+v", i, g, w)
		}
	}
}
