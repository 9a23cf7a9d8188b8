package sweep_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"vaxsim/output/sweep"
	"vaxsim/output/sweepfiles"
)

// TestResumeRemovesLeftovers: the temporary files a sweep killed while
// writing its finished files left behind are gone after --resume.
func TestResumeRemovesLeftovers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sweep")
	o := &sweep.Options{Source: "pima-tcc-2021-01-22", Vary: []string{"sites.tcc.stations=10,14"}, Reps: 2, Seed: 1, Dir: dir, NoPlots: true}
	if _, err := sweep.Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "."+sweepfiles.SweepResultsFile+".tmp-123")
	if err := os.WriteFile(stale, []byte("point,rep"), 0o644); err != nil {
		t.Fatal(err)
	}
	o.Resume = true
	if _, err := sweep.Run(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("%s is still there after --resume (%v)", stale, err)
	}
}
