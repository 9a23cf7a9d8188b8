package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"vaxsim/output/files"
	"vaxsim/output/plot"
	"vaxsim/output/runfiles"
	"vaxsim/output/sweep"
	"vaxsim/output/sweepfiles"
)

// tinySweep is a sweep of the seed day small enough for tests: 6 points
// of 3 replications.
// Tests leave plots out, for speed, but TestSweepPlots.
var tinySweep = []string{"sweep", "--no-plots", "--vary", "sites.tcc.stations=8,10,12",
	"--vary", "invitations.fill.factor=1.2,1.4", "--reps", "3", "--seed", "7"}

// slowSweep takes a few hundred milliseconds, long enough to stop it
// part-way: 40 points of 2 replications of three days of M/M/c.
var slowSweep = []string{"sweep", "mmc-validation", "--no-plots", "--set", "scenario.days=3",
	"--vary", "sites.mmc.stations=10:49:1", "--reps", "2"}

// sweepFiles are the files of a sweep folder that must not depend on how
// the sweep was run.
var sweepFiles = []string{sweepfiles.PointsFile, sweepfiles.SweepResultsFile, sweepfiles.SweepSummaryFile}

// noShardEnv clears the variables a cluster scheduler sets, here and in
// child processes, so a test's sweep is sharded only as it says.
func noShardEnv(t *testing.T) {
	for _, k := range []string{sweep.EnvSlurmTask, sweep.EnvSlurmCount, sweep.EnvK8sIndex} {
		t.Setenv(k, "")
	}
}

// mustRun runs vaxsim in this process and fails the test unless it
// exits 0.
func mustRun(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	stdout, stderr, code := inProcess(args...)
	if code != 0 {
		t.Fatalf("vaxsim %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	return stdout, stderr
}

// with returns args followed by more, in a new slice.
func with(args []string, more ...string) []string {
	return append(slices.Clip(args), more...)
}

// sameSweepFiles fails the test unless the sweep files of dirs got and
// want are byte-identical.
func sameSweepFiles(t *testing.T, what, got, want string) {
	t.Helper()
	for _, name := range sweepFiles {
		a, errA := os.ReadFile(filepath.Join(got, name))
		b, errB := os.ReadFile(filepath.Join(want, name))
		if err := errors.Join(errA, errB); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: %s differs from the unsharded sweep's:\n%s", what, name, firstDiff(a, b))
		}
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range max(len(la), len(lb)) {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n got  %q\n want %q", i+1, x, y)
		}
	}
	return "(same lines)"
}

// TestSweepShardsAndCores is check 1 of the sweep issue: a sweep run as
// 3 shards and merged, or run with GOMAXPROCS=1 or 2, gives byte-identical
// points.csv, results.csv and summary.csv to the same sweep run whole.
func TestSweepShardsAndCores(t *testing.T) {
	noShardEnv(t)
	tmp := t.TempDir()
	whole := filepath.Join(tmp, "whole")
	mustRun(t, with(tinySweep, "--out", whole)...)

	t.Run("shards in their own folders", func(t *testing.T) {
		var dirs []string
		for i := range 3 {
			dir := filepath.Join(tmp, fmt.Sprintf("own-%d", i))
			mustRun(t, with(tinySweep, "--shard", fmt.Sprintf("%d/3", i), "--out", dir)...)
			if _, err := os.Stat(filepath.Join(dir, sweepfiles.SweepResultsFile)); err == nil {
				t.Errorf("shard %d/3 wrote %s; only merge should", i, sweepfiles.SweepResultsFile)
			}
			dirs = append(dirs, dir)
		}
		merged := filepath.Join(tmp, "merged")
		mustRun(t, append([]string{"merge", "--no-plots", "--out", merged}, dirs...)...)
		sameSweepFiles(t, "3 shards merged", merged, whole)
	})
	t.Run("shards in one folder, merged in place", func(t *testing.T) {
		dir := filepath.Join(tmp, "shared")
		for _, i := range []int{2, 0, 1} {
			mustRun(t, with(tinySweep, "--shard", fmt.Sprintf("%d/3", i), "--out", dir)...)
		}
		mustRun(t, "merge", "--no-plots", dir)
		sameSweepFiles(t, "3 shards in one folder", dir, whole)
	})
	t.Run("shards from scheduler variables", func(t *testing.T) {
		dir := filepath.Join(tmp, "scheduled")
		envs := [][]string{
			{sweep.EnvSlurmTask + "=0", sweep.EnvSlurmCount + "=3"},
			{sweep.EnvSlurmTask + "=1", sweep.EnvSlurmCount + "=3"},
			{sweep.EnvK8sIndex + "=2"},
		}
		for i, env := range envs {
			args := with(tinySweep, "--out", dir)
			if i == 2 {
				args = append(args, "--shard-count", "3")
			}
			_, stderr, code := vaxsim(t, env, args...)
			if code != 0 || !strings.Contains(stderr, fmt.Sprintf("shard %d/3", i)) {
				t.Fatalf("%v vaxsim %s: exit %d, want 0 as shard %d/3:\n%s", env, strings.Join(args, " "), code, i, stderr)
			}
		}
		mustRun(t, "merge", "--no-plots", dir)
		sameSweepFiles(t, "3 shards from the environment", dir, whole)
	})
	for _, procs := range []string{"1", "2"} {
		t.Run("GOMAXPROCS="+procs, func(t *testing.T) {
			dir := filepath.Join(tmp, "procs-"+procs)
			args := with(tinySweep, "--out", dir)
			if _, stderr, code := vaxsim(t, []string{"GOMAXPROCS=" + procs}, args...); code != 0 {
				t.Fatalf("GOMAXPROCS=%s vaxsim %s: exit %d\n%s", procs, strings.Join(args, " "), code, stderr)
			}
			sameSweepFiles(t, "GOMAXPROCS="+procs, dir, whole)
		})
	}
}

// TestSweepResumeAfterKill is check 2 of the sweep issue: a sweep killed
// with SIGKILL part-way, twice, and then resumed with --resume gives
// byte-identical results to an uninterrupted one. After each kill, every
// part file present is complete; only temporary files may be partial.
func TestSweepResumeAfterKill(t *testing.T) {
	noShardEnv(t)
	tmp := t.TempDir()
	args := slowSweep
	whole := filepath.Join(tmp, "whole")
	mustRun(t, with(args, "--out", whole)...)

	dir := filepath.Join(tmp, "killed")
	for round, after := range []int{1, 12} {
		child := with(args, "--out", dir)
		if round > 0 {
			child = append(child, "--resume")
		}
		done := killAfterParts(t, dir, after, child)
		t.Logf("round %d: killed with %d of 40 points done", round, done)
		if done >= 40 {
			t.Fatalf("round %d: all 40 points were done before the kill; the test needs a longer sweep", round)
		}
		checkParts(t, dir, 2)
	}
	_, stderr := mustRun(t, with(args, "--out", dir, "--resume")...)
	if !strings.Contains(stderr, "already done") {
		t.Errorf("the resumed sweep did not skip the points done before:\n%s", stderr)
	}
	sameSweepFiles(t, "killed twice, then resumed", dir, whole)
}

// killAfterParts starts vaxsim with args in a child process, sends it
// SIGKILL as soon as dir holds at least n part files, and returns how
// many it holds afterwards.
func killAfterParts(t *testing.T, dir string, n int, args []string) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "VAXSIM_MAIN=1")
	var msg bytes.Buffer
	cmd.Stderr = &msg
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(30 * time.Second)
	count := func() int {
		parts, _ := sweepfiles.ScanParts(dir)
		return len(parts)
	}
	for count() < n {
		select {
		case err := <-exited:
			t.Fatalf("vaxsim %s ended (%v) before %d points were done:\n%s", strings.Join(args, " "), err, n, msg.String())
		case <-deadline:
			cmd.Process.Kill()
			t.Fatalf("vaxsim %s: fewer than %d points done after 30 s:\n%s", strings.Join(args, " "), n, msg.String())
		case <-time.After(time.Millisecond):
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	err := <-exited
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("vaxsim %s was not killed: %v\n%s", strings.Join(args, " "), err, msg.String())
	}
	return count()
}

// checkParts fails the test unless every part file in dir holds a whole
// point of reps replications.
func checkParts(t *testing.T, dir string, reps int) {
	t.Helper()
	parts, err := sweepfiles.ScanParts(dir)
	if err != nil {
		t.Fatal(err)
	}
	for id, path := range parts {
		p, err := files.Read(path, sweepfiles.ReadPart)
		if err == nil {
			err = p.Check(id, reps)
		}
		if err != nil {
			t.Errorf("after a kill, a part file is not whole: %v", err)
		}
	}
}

// TestSweepCRN is check 3 of the sweep issue: with common random numbers,
// two points that differ only in a parameter that cannot affect the
// result (the stations of a site closed on the only simulated day) have
// exactly the same results in every replication; with --no-crn they do
// not, since each point has its own seed.
func TestSweepCRN(t *testing.T) {
	noShardEnv(t)
	args := []string{"sweep", "--no-plots", "--set", `sites.spare={service="4m", hours={default="08:00-17:00"}, closed=[2021-01-22]}`,
		"--vary", "sites.spare.stations=1,50", "--reps", "4"}
	tests := []struct {
		name  string
		flags []string
		same  bool
	}{
		{"crn", nil, true},
		{"no-crn", []string{"--no-crn"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			mustRun(t, append(with(args, "--out", dir), tc.flags...)...)
			res, err := files.Read(filepath.Join(dir, sweepfiles.SweepResultsFile), sweepfiles.ReadResults)
			if err != nil {
				t.Fatal(err)
			}
			var a, b []sweepfiles.ResultRow
			for _, row := range res.Rows {
				if row.Point == 0 {
					a = append(a, row)
				} else {
					b = append(b, row)
				}
			}
			if len(a) != 4 || len(b) != 4 {
				t.Fatalf("%d and %d rows for the two points, want 4 each", len(a), len(b))
			}
			differ := 0
			for r := range a {
				for m, name := range res.Metrics {
					x, y := a[r].Values[m], b[r].Values[m]
					if d := x - y; d != 0 && !(x != x && y != y) { // NaN on both sides is no difference
						differ++
						if tc.same {
							t.Errorf("replication %d: %s differs by %g between the points (%g and %g)", r, name, d, x, y)
						}
					}
				}
			}
			if !tc.same && differ == 0 {
				t.Error("without common random numbers the two points gave identical results")
			}
		})
	}
}

// TestMergeIncomplete is check 4 of the sweep issue: merging an
// incomplete set of shards exits 2, names the missing points and writes
// nothing. Other bad merges exit 2 too.
func TestMergeIncomplete(t *testing.T) {
	noShardEnv(t)
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "partial")
	for _, shard := range []string{"0/3", "2/3"} {
		mustRun(t, with(tinySweep, "--shard", shard, "--out", dir)...)
	}
	other := filepath.Join(tmp, "other")
	mustRun(t, "sweep", "--no-plots", "--vary", "sites.tcc.stations=8,9", "--reps", "3", "--seed", "7", "--shard", "0/2", "--out", other)

	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"missing points", []string{"merge", dir}, []string{
			"2 of 6 points are missing: 1, 4",
			"point 1: sites.tcc.stations=8 invitations.fill.factor=1.4",
			"point 4: sites.tcc.stations=12 invitations.fill.factor=1.2",
		}},
		{"missing points, another output folder", []string{"merge", dir, "--out", filepath.Join(tmp, "merged")}, []string{"points are missing: 1, 4"}},
		{"not a sweep folder", []string{"merge", tmp}, []string{"is not a sweep folder"}},
		{"two sweeps", []string{"merge", dir, other, "--out", filepath.Join(tmp, "mixed")}, []string{"hold different sweeps: the grid differs"}},
		{"no folders", []string{"merge"}, []string{"name the sweep folders"}},
		{"two folders without --out", []string{"merge", dir, other}, []string{"give --out"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := inProcess(tc.args...)
			if code != exitInput {
				t.Errorf("vaxsim %s: exit %d, want 2\n%s", strings.Join(tc.args, " "), code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("vaxsim %s: stderr does not say %q:\n%s", strings.Join(tc.args, " "), w, stderr)
				}
			}
		})
	}
	for _, name := range []string{sweepfiles.SweepResultsFile, sweepfiles.SweepSummaryFile, runfiles.ManifestFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("a failed merge wrote %s", name)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "merged")); err == nil {
		t.Error("a failed merge made its output folder")
	}
}

// TestSweepBadInput: sweeps that must not start exit 2 and run nothing.
func TestSweepBadInput(t *testing.T) {
	noShardEnv(t)
	tmp := t.TempDir()
	started := filepath.Join(tmp, "started")
	mustRun(t, with(tinySweep, "--shard", "0/3", "--out", started)...)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"invalid point", []string{"sweep", "--vary", "sites.tcc.stations=8,0"}, "1 of 2 points are invalid; nothing was run. The first, point 1 (sites.tcc.stations=0)"},
		{"unknown key", []string{"sweep", "--vary", "sites.tcc.statons=8"}, `did you mean "stations"`},
		{"no vary", []string{"sweep"}, "at least one varied key"},
		{"bad range", []string{"sweep", "--vary", "sites.tcc.stations=8:16:3"}, "not a whole number of steps"},
		{"key twice", []string{"sweep", "--vary", "sites.tcc.stations=8", "--vary", "sites.tcc.stations=9"}, "given twice"},
		{"set and varied", []string{"sweep", "--set", "sites.tcc.stations=8", "--vary", "sites.tcc.stations=9,10"}, "both set"},
		{"bad shard", []string{"sweep", "--vary", "sites.tcc.stations=8", "--shard", "3/3"}, "0 <= i < n"},
		{"bad reps", []string{"sweep", "--vary", "sites.tcc.stations=8", "--reps", "0"}, "--reps must be between"},
		{"another sweep in the folder", with(tinySweep[:len(tinySweep)-2], "--seed", "8", "--resume", "--out", started), "holds another sweep: the seeds differ"},
		{"resume without --resume", with(tinySweep, "--shard", "0/3", "--out", started), "add --resume"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(tmp, strings.ReplaceAll(tc.name, " ", "-"))
			args := tc.args
			if !slices.Contains(args, "--out") {
				args = with(args, "--out", out)
			}
			_, stderr, code := inProcess(args...)
			if code != exitInput || !strings.Contains(stderr, tc.want) {
				t.Errorf("vaxsim %s: exit %d, want 2 and a message with %q:\n%s", strings.Join(args, " "), code, tc.want, stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("vaxsim %s: wrote %s", strings.Join(args, " "), out)
			}
		})
	}
}

// TestSweepInterrupt sends SIGTERM to a sweep: it exits 75 after saving
// the points it finished, and --resume completes the same results.
func TestSweepInterrupt(t *testing.T) {
	noShardEnv(t)
	tmp := t.TempDir()
	args := slowSweep
	dir := filepath.Join(tmp, "interrupted")
	cmd := exec.Command(os.Args[0], with(args, "--out", dir)...)
	cmd.Env = append(os.Environ(), "VAXSIM_MAIN=1")
	var msg bytes.Buffer
	cmd.Stderr = &msg
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(time.Millisecond) {
		if parts, _ := sweepfiles.ScanParts(dir); len(parts) > 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no point done after 30 s:\n%s", msg.String())
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Fatalf("got %v, want exit 75; stderr:\n%s", err, msg.String())
	}
	if !strings.Contains(msg.String(), "--resume") {
		t.Errorf("the interrupted sweep does not say how to go on:\n%s", msg.String())
	}
	checkParts(t, dir, 2)
	mustRun(t, with(args, "--out", dir, "--resume")...)
	whole := filepath.Join(tmp, "whole")
	mustRun(t, with(args, "--out", whole)...)
	sameSweepFiles(t, "interrupted, then resumed", dir, whole)
}

// TestSweepFile: a sweep file gives the same sweep as the flags, and the
// command line adds to it.
func TestSweepFile(t *testing.T) {
	noShardEnv(t)
	tmp := t.TempDir()
	whole := filepath.Join(tmp, "whole")
	mustRun(t, with(tinySweep, "--out", whole)...)
	file := filepath.Join(tmp, "stations.toml")
	text := `# a sweep of the seed day
[sweep]
scenario = "pima-tcc-2021-01-22"
reps = 3
seed = 7
vary = ["sites.tcc.stations=8,10,12"]
`
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, "from-file")
	mustRun(t, "sweep", file, "--no-plots", "--vary", "invitations.fill.factor=1.2,1.4", "--out", dir)
	sameSweepFiles(t, "sweep file", dir, whole)

	// A scenario file named in a sweep file is found beside it.
	sub := filepath.Join(tmp, "sub")
	os.Mkdir(sub, 0o755)
	scenario, _ := mustRun(t, "init", "pima-tcc-2021-01-22")
	if err := os.WriteFile(filepath.Join(sub, "tcc.toml"), []byte(scenario), 0o644); err != nil {
		t.Fatal(err)
	}
	relative := strings.Replace(text, `scenario = "pima-tcc-2021-01-22"`, `scenario = "tcc.toml"`, 1)
	if err := os.WriteFile(filepath.Join(sub, "sweep.toml"), []byte(relative), 0o644); err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(tmp, "relative")
	mustRun(t, "sweep", filepath.Join(sub, "sweep.toml"), "--no-plots", "--vary", "invitations.fill.factor=1.2,1.4", "--out", dir)
	sameSweepFiles(t, "sweep file naming a scenario file beside it", dir, whole)

	bad := []struct {
		name, text, want string
	}{
		{"unknown key", "[sweep]\nscenario = \"x\"\nrepz = 3\n", `sweep.repz: unknown key "repz" (did you mean "reps"?)`},
		{"no scenario", "[sweep]\nvary = [\"a=1\"]\n", "sweep.scenario: required"},
		{"syntax", "[sweep]\nscenario = \n", "stations-bad.toml:2"},
		{"deep key", "[sweep]\n" + strings.Repeat("a.", 200) + "a = 1\n", "nested more than"},
		{"negative seed", "[sweep]\nscenario = \"pima-tcc-2021-01-22\"\nseed = -1\nvary = [\"sites.tcc.stations=8\"]\n", "sweep.seed: must not be negative"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			f := filepath.Join(tmp, "stations-bad.toml")
			if err := os.WriteFile(f, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, stderr, code := inProcess("sweep", f, "--out", filepath.Join(tmp, "bad"))
			if code != exitInput || !strings.Contains(stderr, tc.want) {
				t.Errorf("sweep file %q: exit %d, want 2 and %q:\n%s", tc.text, code, tc.want, stderr)
			}
		})
	}
}

// TestSweepPlots: a whole sweep and a merge draw the sweep plots into
// DIR/plots: each headline metric against each varied key, and a heat map
// over the two keys.
func TestSweepPlots(t *testing.T) {
	noShardEnv(t)
	tmp := t.TempDir()
	args := slices.DeleteFunc(slices.Clone(tinySweep), func(a string) bool { return a == "--no-plots" })
	want := []string{
		"sweep-vaccinated-by-sites.tcc.stations.png",
		"sweep-vaccinated-by-invitations.fill.factor.svg",
		"sweep-mean_wait_min-by-sites.tcc.stations-and-invitations.fill.factor.png",
	}
	whole := filepath.Join(tmp, "whole")
	mustRun(t, with(args, "--out", whole)...)
	shards := filepath.Join(tmp, "shards")
	for _, shard := range []string{"0/2", "1/2"} {
		mustRun(t, with(args, "--shard", shard, "--out", shards)...)
	}
	if _, err := os.Stat(filepath.Join(shards, plot.Dir)); err == nil {
		t.Error("a shard drew plots of an incomplete sweep")
	}
	mustRun(t, "merge", shards)
	for _, dir := range []string{whole, shards} {
		for _, name := range want {
			path := filepath.Join(dir, plot.Dir, name)
			if st, err := os.Stat(path); err != nil || st.Size() == 0 {
				t.Errorf("no plot %s: %v", path, err)
			}
		}
	}
	a, _ := os.ReadFile(filepath.Join(whole, plot.Dir, want[0]))
	b, _ := os.ReadFile(filepath.Join(shards, plot.Dir, want[0]))
	if !bytes.Equal(a, b) {
		t.Errorf("%s differs between the whole sweep and the merged shards", want[0])
	}
}

// TestSweepBudget: a point whose replications exceed the event budget
// stops the sweep with exit 3, naming the point.
func TestSweepBudget(t *testing.T) {
	noShardEnv(t)
	out := filepath.Join(t.TempDir(), "out")
	args := []string{"sweep", "--no-plots", "--set", "scenario.max_events=1000", "--vary", "sites.tcc.stations=8,10", "--reps", "2", "--out", out}
	_, stderr, code := inProcess(args...)
	if code != exitBudget || !strings.Contains(stderr, "point 0 (sites.tcc.stations=8)") && !strings.Contains(stderr, "point 1 (sites.tcc.stations=10)") {
		t.Errorf("vaxsim %s: exit %d, want 3 naming a point:\n%s", strings.Join(args, " "), code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, sweepfiles.SweepResultsFile)); err == nil {
		t.Error("a sweep over budget wrote results.csv")
	}
}
