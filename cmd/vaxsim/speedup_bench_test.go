package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"
)

// BenchmarkRunSeedDayCores times `vaxsim run --reps 200` on the default
// scenario (the seed day) as a process, plots and all, with GOMAXPROCS=1
// and with GOMAXPROCS=2, one after the other in alternating order so that
// the drift of a shared machine hits both alike. It reports the median
// time of each ("ms/1-core", "ms/2-cores") and the median ratio of the
// pairs ("speedup"); the performance target is a speedup of at least 1.7.
// Single runs on a shared machine vary by a third: use -benchtime 30x or
// more.
func BenchmarkRunSeedDayCores(b *testing.B) {
	if runtime.NumCPU() < 2 {
		b.Skip("needs two cores")
	}
	bin := filepath.Join(b.TempDir(), "vaxsim")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	out := b.TempDir()
	run := func(procs int) time.Duration {
		cmd := exec.Command(bin, "run", "--reps", "200", "--out", out)
		cmd.Env = append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", procs))
		start := time.Now()
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("vaxsim run: %v\n%s", err, msg)
		}
		return time.Since(start)
	}
	run(1) // the binary into the page cache, the folder made
	run(2)
	var one, two, ratio []float64
	for i := 0; b.Loop(); i++ {
		var t1, t2 time.Duration
		if i%2 == 0 {
			t1, t2 = run(1), run(2)
		} else {
			t2, t1 = run(2), run(1)
		}
		one, two = append(one, t1.Seconds()*1e3), append(two, t2.Seconds()*1e3)
		ratio = append(ratio, t1.Seconds()/t2.Seconds())
	}
	b.ReportMetric(median(one), "ms/1-core")
	b.ReportMetric(median(two), "ms/2-cores")
	b.ReportMetric(median(ratio), "speedup")
}

// median returns the median of xs (which it sorts).
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// BenchmarkSweepSeedDay runs, in this process, a sweep of the seed day:
// 6 points of 50 replications, without plots. It reports replications a
// second; for the scaling, compare -cpu 1 with -cpu 2, each in a run of
// its own.
func BenchmarkSweepSeedDay(b *testing.B) {
	const points, reps = 6, 50
	for b.Loop() {
		out := filepath.Join(b.TempDir(), "sweep")
		if _, msg, code := inProcess("sweep", "--vary", "sites.tcc.stations=8,10,12",
			"--vary", "invitations.fill.factor=1.2,1.4", "--reps", fmt.Sprint(reps),
			"--no-plots", "--out", out); code != 0 {
			b.Fatalf("sweep: exit %d\n%s", code, msg)
		}
	}
	b.ReportMetric(float64(b.N*points*reps)/b.Elapsed().Seconds(), "reps/s")
}
