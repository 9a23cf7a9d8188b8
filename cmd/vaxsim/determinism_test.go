package main

import (
	"os"
	"path/filepath"
	"testing"
	"vaxsim/output/runfiles"
)

// TestDeterminism: the same scenario and seed give byte-identical
// summary.json, daily.csv and replications.csv with GOMAXPROCS=1 and 2,
// in separate processes; a different seed gives different results.
func TestDeterminism(t *testing.T) {
	dirs := map[string]string{}
	for _, c := range []struct{ name, procs, seed string }{
		{"p1", "1", "1"}, {"p2", "2", "1"}, {"seed2", "2", "2"},
	} {
		dir := filepath.Join(t.TempDir(), c.name)
		_, stderr, code := vaxsim(t, []string{"GOMAXPROCS=" + c.procs}, "run", "--reps", "8", "--seed", c.seed, "--out", dir)
		if code != 0 {
			t.Fatalf("GOMAXPROCS=%s: exit %d: %s", c.procs, code, stderr)
		}
		dirs[c.name] = dir
	}
	for _, f := range []string{runfiles.SummaryFile, runfiles.DailyFile, runfiles.ReplicationsFile} {
		a, _ := os.ReadFile(filepath.Join(dirs["p1"], f))
		b, _ := os.ReadFile(filepath.Join(dirs["p2"], f))
		c, _ := os.ReadFile(filepath.Join(dirs["seed2"], f))
		if len(a) == 0 || string(a) != string(b) {
			t.Errorf("%s differs between GOMAXPROCS=1 and 2 (or is empty)", f)
		}
		if string(a) == string(c) {
			t.Errorf("%s is the same for seeds 1 and 2", f)
		}
	}
}
