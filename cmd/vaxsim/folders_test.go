package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"vaxsim/output/files"
	"vaxsim/output/runfiles"
)

// checkWhole checks that dir holds one run's files, those its manifest
// lists, and returns the run's seed.
func checkWhole(t *testing.T, dir string) uint64 {
	t.Helper()
	m, err := files.Read(filepath.Join(dir, runfiles.ManifestFile), runfiles.ReadManifest)
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	names := []string{runfiles.SummaryFile, runfiles.SummaryCSVFile, runfiles.DailyFile, runfiles.ReplicationsFile}
	if len(m.Files) != len(names) {
		t.Fatalf("%s: the manifest lists %d files, want %d", dir, len(m.Files), len(names))
	}
	if err := runfiles.Verify(dir, m, names...); err != nil {
		t.Fatal(err)
	}
	return m.Seed
}

// TestKilledWhileWriting: vaxsim run killed (SIGKILL) at random instants
// leaves its folder wholly old or wholly new, never a mixture, in 24
// trials; the killed run's leftovers go with the next run.
func TestKilledWhileWriting(t *testing.T) {
	if testing.Short() {
		t.Skip("builds vaxsim and runs it 50 times")
	}
	bin := filepath.Join(t.TempDir(), "vaxsim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := filepath.Join(t.TempDir(), "run")
	args := func(seed string) []string { return []string{"run", "--reps", "2", "--seed", seed, "--out", dir} }
	if out, err := exec.Command(bin, args("1")...).CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, out)
	}
	start := time.Now()
	if out, err := exec.Command(bin, args("2")...).CombinedOutput(); err != nil {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	whole := time.Since(start) // the time of a run, writing included
	r := rand.New(rand.NewPCG(7, 7))
	seen := map[uint64]int{}
	for trial := range 24 {
		cmd := exec.Command(bin, args([]string{"1", "2"}[trial%2])...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int64N(int64(whole))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		seen[checkWhole(t, dir)]++
	}
	t.Logf("after 24 kills the folder held the run of seed 1 %d times, of seed 2 %d times", seen[1], seen[2])
	if out, err := exec.Command(bin, args("1")...).CombinedOutput(); err != nil {
		t.Fatalf("a run after the kills: %v\n%s", err, out)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range entries {
		if name := e.Name(); name != "run" && name != ".run.lock" {
			t.Errorf("%s left beside the folder after a whole run", name)
		}
	}
}

// TestFullDisk: on a full disk (a small tmpfs, where the machine lets
// this test mount one) a run exits 74 and leaves the folder it would
// have replaced as it was.
func TestFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("mounts a tmpfs")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, bytes.TrimSpace(out))
	}
	defer exec.Command("umount", mnt).Run()
	dir := filepath.Join(mnt, "run")
	if _, stderr, code := inProcess("run", "--reps", "2", "--no-plots", "--out", dir); code != 0 {
		t.Fatalf("a run that fits: exit %d\n%s", code, stderr)
	}
	before := readFolder(t, dir)
	_, stderr, code := inProcess("run", "--reps", "2", "--out", dir) // the plots do not fit
	if code != exitSystem || !strings.Contains(stderr, "no space left on device") {
		t.Errorf("a run on a full disk: exit %d, %q; want %d and the system's reason", code, stderr, exitSystem)
	}
	for name, b := range readFolder(t, dir) {
		if !bytes.Equal(b, before[name]) {
			t.Errorf("a failed run on a full disk changed %s", name)
		}
	}
}
