package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vaxsim/output/files"
	"vaxsim/output/report"
	"vaxsim/output/runfiles"
)

// readFolder returns the files of a result folder by name, plots left
// out.
func readFolder(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	got := map[string][]byte{}
	for _, name := range []string{runfiles.SummaryFile, runfiles.DailyFile, runfiles.ReplicationsFile, runfiles.ManifestFile} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		got[name] = b
	}
	return got
}

// TestWhatIfProvenance: a run with --set writes into a folder of its own
// and leaves the baseline's untouched; its manifest and report name the
// override and the command that reproduces it, and that command gives
// the same files; a folder of another run needs --force.
func TestWhatIfProvenance(t *testing.T) {
	t.Chdir(t.TempDir())
	mustRun(t, "run", "--reps", "3", "--no-plots")
	baseDir := filepath.Join("results", "pima-tcc-2021-01-22")
	base := readFolder(t, baseDir)

	mustRun(t, "run", "--reps", "3", "--no-plots", "--set", "sites.tcc.stations=18")
	whatIf := filepath.Join("results", "pima-tcc-2021-01-22--sites.tcc.stations=18")
	for name, b := range readFolder(t, baseDir) {
		if !bytes.Equal(b, base[name]) {
			t.Errorf("the what-if run changed the baseline's %s", name)
		}
	}
	m, err := files.Read(filepath.Join(whatIf, runfiles.ManifestFile), runfiles.ReadManifest)
	if err != nil {
		t.Fatal(err)
	}
	want := "vaxsim run pima-tcc-2021-01-22 --set sites.tcc.stations=18 --reps 3 --seed 1"
	if len(m.Overrides) != 1 || m.Overrides[0] != "sites.tcc.stations=18" || m.Command != want {
		t.Errorf("manifest overrides %q, command %q; want [sites.tcc.stations=18] and %q", m.Overrides, m.Command, want)
	}
	mustRun(t, "report", whatIf)
	page, err := os.ReadFile(filepath.Join(whatIf, report.ReportFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<code>--set sites.tcc.stations=18</code>", "<code>" + want + "</code>"} {
		if !bytes.Contains(page, []byte(s)) {
			t.Errorf("the report lacks %q", s)
		}
	}

	// The printed command, run again, gives the same files.
	first := readFolder(t, whatIf)
	mustRun(t, append(strings.Fields(want)[1:], "--no-plots")...)
	for name, b := range readFolder(t, whatIf) {
		if name != runfiles.ManifestFile && !bytes.Equal(b, first[name]) {
			t.Errorf("the manifest's command gave another %s", name)
		}
	}

	// Into the baseline's folder, a what-if needs --force.
	_, stderr, code := inProcess("run", "--reps", "3", "--no-plots", "--set", "sites.tcc.stations=18", "--out", baseDir)
	if code != exitInput || !strings.Contains(stderr, "holds a run without overrides; use --force") {
		t.Errorf("a what-if into the baseline's folder: exit %d, %q; want 2 and a word of --force", code, stderr)
	}
	for name, b := range readFolder(t, baseDir) {
		if !bytes.Equal(b, base[name]) {
			t.Errorf("a refused run changed the baseline's %s", name)
		}
	}
	mustRun(t, "run", "--reps", "3", "--no-plots", "--set", "sites.tcc.stations=18", "--out", baseDir, "--force")
}

// TestRunAndSweepFolders: a run never writes into a sweep's folder, even
// with --force, and a sweep never into a run's.
func TestRunAndSweepFolders(t *testing.T) {
	noShardEnv(t)
	tmp := t.TempDir()
	sweepDir, runDir := filepath.Join(tmp, "sweep"), filepath.Join(tmp, "run")
	mustRun(t, "sweep", "--vary", "sites.tcc.stations=10,14", "--reps", "2", "--no-plots", "--out", sweepDir)
	mustRun(t, "run", "--reps", "2", "--no-plots", "--out", runDir)
	for _, args := range [][]string{
		{"run", "--reps", "2", "--no-plots", "--out", sweepDir, "--force"},
		{"sweep", "--vary", "sites.tcc.stations=10,14", "--reps", "2", "--no-plots", "--out", runDir},
	} {
		_, stderr, code := inProcess(args...)
		if code != exitInput || !strings.Contains(stderr, "holds") {
			t.Errorf("vaxsim %s: exit %d, %q; want 2 and what the folder holds", strings.Join(args, " "), code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(sweepDir, runfiles.DailyFile)); !os.IsNotExist(err) {
		t.Errorf("a refused run wrote into the sweep's folder: %v", err)
	}
}
