package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"vaxsim/output/plot"
	"vaxsim/output/report"
	"vaxsim/output/runfiles"
)

// readPlots returns the files of a plots folder by name.
func readPlots(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

func samePlots(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files, want %d", what, len(got), len(want))
	}
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s: %s differs from the plot run wrote", what, name)
		}
	}
}

// TestPlotReproducesRun checks that `vaxsim run` writes plots/ and that
// `vaxsim plot` redraws them from the result files byte for byte, into
// another folder and over them.
func TestPlotReproducesRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	if _, stderr, code := inProcess("run", "--reps", "3", "--out", dir); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	wrote := readPlots(t, filepath.Join(dir, plot.Dir))
	var names []string
	for name := range wrote {
		names = append(names, name)
	}
	slices.Sort(names)
	want := []string{"backlog.png", "backlog.svg", "doses.png", "doses.svg", "vaccinations.png", "vaccinations.svg",
		"waits.png", "waits.svg", "wasted-slots.png", "wasted-slots.svg"}
	if !slices.Equal(names, want) {
		t.Fatalf("run wrote plots %q, want %q", names, want)
	}

	other := filepath.Join(t.TempDir(), "elsewhere")
	_, stderr, code := inProcess("plot", dir, "--out", other)
	if code != 0 {
		t.Fatalf("plot --out: exit %d\n%s", code, stderr)
	}
	if want := "5 plots in " + other + "\n"; stderr != want {
		t.Errorf("plot --out: stderr %q, want %q", stderr, want)
	}
	samePlots(t, "plot --out", readPlots(t, other), wrote)

	if _, stderr, code := inProcess("plot", dir); code != 0 {
		t.Fatalf("plot: exit %d\n%s", code, stderr)
	}
	samePlots(t, "plot over run's plots", readPlots(t, filepath.Join(dir, plot.Dir)), wrote)
}

// TestPlotStoredFolder checks that `vaxsim plot` on the result folder
// stored in output/testdata (written by an earlier run) draws exactly the
// golden images of output's tests.
func TestPlotStoredFolder(t *testing.T) {
	const stored = "../../output/plot/testdata"
	out := t.TempDir()
	if _, stderr, code := inProcess("plot", filepath.Join(stored, "run"), "--out", out); code != 0 {
		t.Fatalf("plot: exit %d\n%s", code, stderr)
	}
	got := readPlots(t, out)
	if len(got) != 10 {
		t.Errorf("plot wrote %d files, want 10", len(got))
	}
	for name, b := range got {
		ext := filepath.Ext(name)
		golden, err := os.ReadFile(filepath.Join(stored, strings.TrimSuffix(name, ext)+"_golden"+ext))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, golden) {
			t.Errorf("%s differs from its golden image in %s", name, stored)
		}
	}
}

func TestRunNoPlots(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	if _, stderr, code := inProcess("run", "--reps", "2", "--no-plots", "--out", dir); code != 0 {
		t.Fatalf("run --no-plots: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, plot.Dir)); !os.IsNotExist(err) {
		t.Errorf("run --no-plots made %s (%v)", plot.Dir, err)
	}
	if _, err := os.Stat(filepath.Join(dir, runfiles.SummaryFile)); err != nil {
		t.Errorf("run --no-plots wrote no summary: %v", err)
	}
}

// TestPlotAndReportErrors checks the usage and input errors of plot and
// report: exit 2, a message naming the problem, nothing written.
func TestPlotAndReportErrors(t *testing.T) {
	empty := t.TempDir()
	noDaily := t.TempDir()
	src := "../../output/plot/testdata/run/" + runfiles.SummaryFile
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(noDaily, runfiles.SummaryFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
	badDaily := t.TempDir()
	os.WriteFile(filepath.Join(badDaily, runfiles.SummaryFile), b, 0o644)
	os.WriteFile(filepath.Join(badDaily, runfiles.DailyFile), []byte("rep,date,site,slots\n0,yesterday,tcc,1\n"), 0o644)
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"plot"}, "plot: one result folder, not 0"},
		{[]string{"plot", "a", "b"}, "plot: one result folder, not 2"},
		{[]string{"plot", filepath.Join(empty, "missing")}, "no such file or directory"},
		{[]string{"plot", empty}, runfiles.SummaryFile},
		{[]string{"plot", noDaily}, runfiles.DailyFile},
		{[]string{"plot", badDaily}, "line 2: date"},
		{[]string{"report"}, "report: one result folder, not 0"},
		{[]string{"report", noDaily}, runfiles.DailyFile},
		{[]string{"plot", "--frobnicate", empty}, "unknown flag"},
	} {
		_, stderr, code := inProcess(tc.args...)
		if code != exitInput || !strings.Contains(stderr, tc.msg) {
			t.Errorf("vaxsim %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tc.args, " "), code, stderr, exitInput, tc.msg)
		}
	}
	for _, dir := range []string{empty, noDaily, badDaily} {
		for _, name := range []string{plot.Dir, report.ReportFile} {
			if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
				t.Errorf("a failed command left %s in %s", name, dir)
			}
		}
	}
}

// TestPlotAndReportSweep checks what the manual promises: vaxsim plot
// and vaxsim report on a merged sweep folder write the sweep's plots and
// its report.
func TestPlotAndReportSweep(t *testing.T) {
	noShardEnv(t)
	dir := filepath.Join(t.TempDir(), "sweep")
	base := []string{"sweep", "pima-tcc-2021-01-22", "--vary", "sites.tcc.stations=10,14", "--vary", "invitations.fill.factor=1.0,1.4,1.8",
		"--reps", "3", "--out", dir, "--no-plots"}
	for _, shard := range []string{"0/2", "1/2"} {
		mustRun(t, with(base, "--shard", shard)...)
	}
	mustRun(t, "merge", dir, "--no-plots")
	if _, err := os.Stat(filepath.Join(dir, plot.Dir)); !os.IsNotExist(err) {
		t.Fatalf("merge --no-plots drew plots: %v", err)
	}
	_, stderr := mustRun(t, "plot", dir)
	got := readPlots(t, filepath.Join(dir, plot.Dir))
	for _, want := range []string{"sweep-vaccinated-by-sites.tcc.stations.png", "sweep-vaccinated-by-invitations.fill.factor.svg",
		"sweep-wasted_slots-by-sites.tcc.stations-and-invitations.fill.factor.png"} {
		if got[want] == nil {
			t.Errorf("vaxsim plot on a sweep folder did not write %s (%s)", want, strings.TrimSpace(stderr))
		}
	}
	// The plots are those the sweep draws itself.
	again := filepath.Join(t.TempDir(), "again")
	mustRun(t, with(base[:len(base)-1], "--out", again)...)
	for name, b := range readPlots(t, filepath.Join(again, plot.Dir)) {
		if !bytes.Equal(got[name], b) {
			t.Errorf("plots/%s differs between vaxsim plot and the sweep's own", name)
		}
	}
	mustRun(t, "report", dir)
	page, err := os.ReadFile(filepath.Join(dir, report.ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"pima-tcc-2021-01-22", "sites.tcc.stations", "invitations.fill.factor", "<svg", "vaxsim sweep"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the sweep's report lacks %q", want)
		}
	}
}
