package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"vaxsim/output/files"
	"vaxsim/output/runfiles"
)

// runOut runs vaxsim in this process with args plus a fresh --out, fails
// the test unless it exits 0, and returns the output folder.
func runOut(t *testing.T, args ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	stdout, stderr, code := inProcess(append(args, "--out", dir)...)
	if code != 0 {
		t.Fatalf("vaxsim %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
	}
	return dir
}

// runSummary runs vaxsim in this process and returns the summary it wrote.
func runSummary(t *testing.T, args ...string) *runfiles.Summary {
	t.Helper()
	dir := runOut(t, args...)
	s, err := files.Read(filepath.Join(dir, runfiles.SummaryFile), runfiles.ReadSummary)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mean(t *testing.T, s *runfiles.Summary, metric string) float64 {
	t.Helper()
	st, ok := s.Stat(metric)
	if !ok {
		t.Fatalf("summary has no %s", metric)
	}
	return st.Mean
}

// TestSeedDay is the first two checks: the bundled seed day
// reproduces 2021-01-22 at the Tucson Convention Center (about 1,300
// vaccinated, P8; about 130 booked, P2); without invitations about 130
// are vaccinated and 900+ slots go empty; without the portal fault as
// well, the day books about its 1,100 planned appointments (P1).
func TestSeedDay(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		check func(s *runfiles.Summary) []string
	}{
		{"as it happened", nil, func(s *runfiles.Summary) (bad []string) {
			if v := mean(t, s, "vaccinated"); v < 1200 || v > 1400 {
				bad = append(bad, "vaccinated "+ftoa(v)+" outside 1,200..1,400")
			}
			if v := mean(t, s, "booked"); v < 100 || v > 200 {
				bad = append(bad, "booked "+ftoa(v)+" outside 100..200")
			}
			return
		}},
		{"no invitations", []string{"--set", "invitations.fill.enabled=false"}, func(s *runfiles.Summary) (bad []string) {
			if v := mean(t, s, "vaccinated"); v < 100 || v > 200 {
				bad = append(bad, "vaccinated "+ftoa(v)+" outside 100..200")
			}
			if v := mean(t, s, "wasted_slots"); v < 900 {
				bad = append(bad, "wasted_slots "+ftoa(v)+" below 900")
			}
			return
		}},
		{"no invitations, no fault", []string{"--set", "invitations.fill.enabled=false",
			"--set", "portal.outages.glitch.enabled=false"}, func(s *runfiles.Summary) (bad []string) {
			if v := mean(t, s, "booked"); v < 990 || v > 1210 {
				bad = append(bad, "booked "+ftoa(v)+" not within 10% of 1,100")
			}
			// "Small": no-shows (5%, N1-N3) of 1,100 are about 55 empty slots.
			if v := mean(t, s, "wasted_slots"); v > 110 {
				bad = append(bad, "wasted_slots "+ftoa(v)+" above 110")
			}
			return
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := runSummary(t, append([]string{"run", "--reps", "20", "--seed", "1"}, tc.args...)...)
			if s.Replications != 20 {
				t.Fatalf("%d replications, want 20", s.Replications)
			}
			for _, b := range tc.check(s) {
				t.Error(b)
			}
		})
	}
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

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
