package main

import (
	"math"
	"path/filepath"
	"testing"

	"vaxsim/output/files"
	"vaxsim/output/runfiles"
	"vaxsim/sim"
)

// runDaily runs vaxsim in this process and returns its daily.csv.
func runDaily(t *testing.T, args ...string) *runfiles.Daily {
	t.Helper()
	dir := runOut(t, append(args, "--no-plots")...)
	d, err := files.Read(filepath.Join(dir, runfiles.DailyFile), runfiles.ReadDaily)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// cumulative returns the mean over replications of a metric summed over
// the all-sites rows of the days up to and including date.
func cumulative(t *testing.T, d *runfiles.Daily, metric string, date sim.Date) float64 {
	t.Helper()
	col := d.Column(metric)
	if col < 0 {
		t.Fatalf("daily.csv has no %s", metric)
	}
	sum := map[int]float64{}
	for _, r := range d.Rows {
		if r.Site == runfiles.AllSites && r.Date.Sub(date) <= 0 {
			sum[r.Rep] += r.Values[col]
		}
	}
	var total float64
	for _, v := range sum {
		total += v
	}
	return total / float64(len(sum))
}

func within(got, want, tol float64) bool { return math.Abs(got-want) <= tol*want }

// TestCountyQ1 is the supply issue's second check: pima-county-2021-q1
// reproduces the county's receipts and doses given by 2021-01-22 (P41:
// ~107,000 received, ~59,000 given; within 15%) and doses given by
// 2021-02-16 (195,889 by ADHS; within 20%). 10 replications: the mean's
// interval is a few hundred doses wide, far inside these bands.
func TestCountyQ1(t *testing.T) {
	d := runDaily(t, "run", "pima-county-2021-q1", "--reps", "10", "--seed", "1")
	jan22 := sim.Date{Year: 2021, Month: 1, Day: 22}
	feb16 := sim.Date{Year: 2021, Month: 2, Day: 16}
	for _, c := range []struct {
		what      string
		got, want float64
		tol       float64
	}{
		{"doses received by 2021-01-22 (P41)", cumulative(t, d, "doses_received", jan22), 107_000, 0.15},
		{"doses given by 2021-01-22 (P41)", cumulative(t, d, "vaccinated", jan22), 59_000, 0.15},
		{"doses given by 2021-02-16 (ADHS)", cumulative(t, d, "vaccinated", feb16), 195_889, 0.20},
	} {
		if !within(c.got, c.want, c.tol) {
			t.Errorf("%s: %.0f, want %.0f within %.0f%%", c.what, c.got, c.want, 100*c.tol)
		}
	}
}

// TestStadium is the supply issue's third check: stadium-24x7 has given
// 102,669 doses by 2021-01-30 (S7; within 10%) and runs at ~9,000 a day
// (S8; within 10%) once second doses start, 21 days after the first
// (2021-02-01, S12).
func TestStadium(t *testing.T) {
	d := runDaily(t, "run", "stadium-24x7", "--reps", "6", "--seed", "1")
	if got := cumulative(t, d, "vaccinated", sim.Date{Year: 2021, Month: 1, Day: 30}); !within(got, 102_669, 0.10) {
		t.Errorf("doses given by 2021-01-30: %.0f, want 102,669 within 10%%", got)
	}
	start := sim.Date{Year: 2021, Month: 2, Day: 1}
	end := sim.Date{Year: 2021, Month: 3, Day: 14}
	days := float64(end.Sub(start) + 1)
	rate := (cumulative(t, d, "vaccinated", end) - cumulative(t, d, "vaccinated", start.AddDays(-1))) / days
	if !within(rate, 9_000, 0.10) {
		t.Errorf("daily rate from 2021-02-01 to 03-14: %.0f, want 9,000 within 10%%", rate)
	}
	if got := cumulative(t, d, "dose2", start.AddDays(-1)); got != 0 {
		t.Errorf("%.0f second doses before 2021-02-01, 21 days after the first", got)
	}
}
