package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"vaxsim/output/files"
	"vaxsim/output/runfiles"
	"vaxsim/scenarios"
	"vaxsim/sim"
)

// runInto runs vaxsim run in this process with args, writing into a new
// folder under parent (without plots, which compare does not read), and
// returns the folder.
func runInto(t *testing.T, parent, name string, args ...string) string {
	t.Helper()
	dir := filepath.Join(parent, name)
	args = append(append([]string{"run"}, args...), "--out", dir, "--no-plots")
	if stdout, stderr, code := inProcess(args...); code != 0 {
		t.Fatalf("vaxsim %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
	}
	return dir
}

// compareVerdicts runs vaxsim compare --format csv with args and returns
// the verdict of each metric, the exit code and stderr.
func compareVerdicts(t *testing.T, args ...string) (verdicts map[string]string, code int, stderr string) {
	t.Helper()
	stdout, stderr, code := inProcess(append([]string{"compare", "--format", "csv"}, args...)...)
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("vaxsim compare %s: exit %d, stdout is not a CSV table (%v):\n%s%s", strings.Join(args, " "), code, err, stdout, stderr)
	}
	metric, verdict := -1, -1
	for j, h := range recs[0] {
		switch h {
		case "metric":
			metric = j
		case "verdict":
			verdict = j
		}
	}
	verdicts = map[string]string{}
	for _, r := range recs[1:] {
		verdicts[r[metric]] = r[verdict]
	}
	return verdicts, code, stderr
}

// metricColumns returns the metric names of a run folder's
// replications.csv.
func metricColumns(t *testing.T, dir string) []string {
	t.Helper()
	reps, err := files.Read(filepath.Join(dir, runfiles.ReplicationsFile), runfiles.ReadReplications)
	if err != nil {
		t.Fatal(err)
	}
	return reps.Metrics
}

// TestCompareSameRun is check 1: comparing a run with itself, or with a
// second run of the same scenario, seed and replications, exits 0 and
// marks every metric "~".
func TestCompareSameRun(t *testing.T) {
	tmp := t.TempDir()
	a := runInto(t, tmp, "a", "--reps", "10")
	again := runInto(t, tmp, "again", "--reps", "10")
	for _, tc := range []struct{ name, base, new string }{
		{"the folder with itself", a, a},
		{"a second run of the same inputs", a, again},
	} {
		t.Run(tc.name, func(t *testing.T) {
			verdicts, code, stderr := compareVerdicts(t, tc.base, tc.new)
			if code != 0 {
				t.Errorf("exit %d, want 0\n%s", code, stderr)
			}
			for _, m := range metricColumns(t, a) {
				if v, ok := verdicts[m]; !ok || v != "~" {
					t.Errorf("%s: verdict %q, want ~", m, v)
				}
			}
			if len(verdicts) != len(metricColumns(t, a)) {
				t.Errorf("%d rows for %d metrics", len(verdicts), len(metricColumns(t, a)))
			}
		})
	}
	// The text table says the same to a person.
	stdout, stderr, code := inProcess("compare", a, again)
	if code != 0 || !strings.Contains(stdout, "no significant change beyond tolerance") || !strings.Contains(stdout, "paired t-tests") {
		t.Errorf("vaxsim compare a again: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestCompareHalvedStations is check 2: the seed day with its 14 stations
// halved exits 1 and marks vaccinated and mean_wait_min worse. The exit
// code is that of the real program, run in a child process.
func TestCompareHalvedStations(t *testing.T) {
	tmp := t.TempDir()
	base := runInto(t, tmp, "base", "--reps", "10")
	halved := runInto(t, tmp, "halved", "--reps", "10", "--set", "sites.tcc.stations=7")
	verdicts, code, stderr := compareVerdicts(t, base, halved)
	if code != 1 {
		t.Errorf("exit %d, want 1\n%s", code, stderr)
	}
	for _, m := range []string{"vaccinated", "mean_wait_min"} {
		if verdicts[m] != "worse" {
			t.Errorf("%s: verdict %q, want worse", m, verdicts[m])
		}
	}
	if !strings.Contains(stderr, "vaccinated worse") {
		t.Errorf("stderr does not name the regression:\n%s", stderr)
	}
	// The real exit code, for each output format.
	for _, f := range []string{"text", "csv", "markdown"} {
		stdout, stderr, code := vaxsim(t, nil, "compare", base, halved, "--format", f)
		if code != 1 || !strings.Contains(stdout, "worse") {
			t.Errorf("vaxsim compare --format %s: exit %d, want 1\n%s%s", f, code, stdout, stderr)
		}
	}
	if _, code, _ := compareVerdicts(t, base, halved, "--fail-on", "worse"); code != 1 {
		t.Errorf("--fail-on worse: exit %d, want 1", code)
	}
}

// TestCompareFalseAlarms is check 3: two runs of the seed day with
// different seeds are independent samples of the same model, so compare
// must find no change. At alpha 0.05 with Holm's correction the chance of
// any false alarm in one comparison is at most 5%; of 100 comparisons at
// least 95 must exit 0. Each comparison is the real command on the
// replications.csv and summary.json of two simulated runs (5 replications
// each, seeds 2k+1 and 2k+2). To keep the test fast the runs are
// simulated in this process and their files written without the
// fsync-and-rename of vaxsim run, which would take most of the time.
func TestCompareFalseAlarms(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates 1,000 replications")
	}
	const trials, reps = 100, 5
	f, err := scenarios.Resolve(scenarios.DefaultName, nil)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	write := func(seed uint64) string {
		results, err := sim.Replicate(context.Background(), f.Scenario, seed, reps, sim.Options{})
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(tmp, "seed-"+strconv.FormatUint(seed, 10))
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, w := range map[string]func(io.Writer) error{
			runfiles.ReplicationsFile: func(w io.Writer) error { return runfiles.WriteReplications(w, results) },
			runfiles.SummaryFile:      func(w io.Writer) error { return runfiles.WriteSummary(w, runfiles.Summarize(results)) },
		} {
			var b bytes.Buffer
			if err := w(&b); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	ok := 0
	var alarms []string
	for k := range uint64(trials) {
		a, b := write(2*k+1), write(2*k+2)
		stdout, stderr, code := inProcess("compare", a, b)
		switch code {
		case 0:
			ok++
		case 1:
			alarms = append(alarms, fmt.Sprintf("seeds %d and %d: %s", 2*k+1, 2*k+2, lastLine(stderr)))
		default:
			t.Fatalf("compare seeds %d and %d: exit %d\n%s%s", 2*k+1, 2*k+2, code, stdout, stderr)
		}
		if !strings.Contains(stdout, "Welch's t-tests") {
			t.Fatalf("compare seeds %d and %d is not a Welch test:\n%s", 2*k+1, 2*k+2, stdout)
		}
	}
	t.Logf("%d of %d comparisons of independent runs exit 0; false alarms: %q", ok, trials, alarms)
	if ok < 95 {
		t.Errorf("only %d of %d comparisons of independent runs exit 0, want at least 95; false alarms:\n%s",
			ok, trials, strings.Join(alarms, "\n"))
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestCompareBadInput is check 5: bad input exits 2 with a clear message
// and prints no table.
func TestCompareBadInput(t *testing.T) {
	tmp := t.TempDir()
	seedDay := runInto(t, tmp, "seed-day", "--reps", "3")
	mmc := runInto(t, tmp, "mmc", "mmc-validation", "--reps", "3")
	one := runInto(t, tmp, "one", "--reps", "1")
	notResults := filepath.Join(tmp, "not-results")
	os.Mkdir(notResults, 0o755)
	sweep := filepath.Join(tmp, "sweep")
	os.Mkdir(sweep, 0o755)
	os.WriteFile(filepath.Join(sweep, "points.csv"), []byte("point,seed,sites.tcc.stations\n0,1,7\n"), 0o644)
	os.WriteFile(filepath.Join(sweep, "results.csv"), []byte("point,rep,seed,vaccinated\n0,0,1,950\n0,1,1,960\n"), 0o644)
	missing := filepath.Join(tmp, "missing")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing folder", []string{seedDay, missing}, missing + ": no such folder"},
		{"not a result folder", []string{notResults, seedDay}, "not-results holds neither replications.csv (a run) nor results.csv (a sweep)"},
		{"different scenarios", []string{seedDay, mmc}, `holds scenario "pima-tcc-2021-01-22" and ` + mmc + ` scenario "mmc-validation": compare results of the same scenario`},
		{"one replication", []string{one, seedDay}, one + " has 1 replication; compare needs at least 2 replications a side (run with --reps 2 or more; 10 or more to detect small changes)"},
		{"run and sweep", []string{seedDay, sweep}, "is a run and " + sweep + " a sweep"},
		{"one folder", []string{seedDay}, "want two result folders, BASE_DIR and NEW_DIR (got 1 argument)"},
		{"alpha", []string{seedDay, seedDay, "--alpha", "1.5"}, "alpha must be between 0 and 1"},
		{"tolerance", []string{seedDay, seedDay, "--tolerance", "two"}, `--tolerance: "two" is not a percentage (as in 2%) or a fraction (as in 0.02)`},
		{"tolerance without %", []string{seedDay, seedDay, "--tolerance", "5"}, `"5" as a fraction is 500%; write 5% if you mean that`},
		{"negative tolerance", []string{seedDay, seedDay, "--tolerance", "-1%"}, `"-1%" is negative`},
		{"metric tolerance syntax", []string{seedDay, seedDay, "--metric-tolerance", "vaccinated"}, "want name=tolerance"},
		{"unknown metric", []string{seedDay, seedDay, "--metric-tolerance", "vacinated=5%"}, `no metric "vacinated"; metrics: slots, booked`},
		{"fail-on", []string{seedDay, seedDay, "--fail-on", "never"}, `unknown policy "never" (want better-or-worse, worse or any)`},
		{"format", []string{seedDay, seedDay, "--format", "html"}, `unknown format "html" (want text, csv or markdown)`},
		// Flags are checked before any folder is read.
		{"flags first", []string{missing, missing, "--format", "html"}, `unknown format "html"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := inProcess(append([]string{"compare"}, tt.args...)...)
			if code != 2 {
				t.Errorf("vaxsim compare %s: exit %d, want 2\n%s", strings.Join(tt.args, " "), code, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("vaxsim compare %s: stderr\n%s\nwant it to contain %q", strings.Join(tt.args, " "), stderr, tt.want)
			}
			if stdout != "" {
				t.Errorf("vaxsim compare %s printed a table on bad input:\n%s", strings.Join(tt.args, " "), stdout)
			}
		})
	}
}
