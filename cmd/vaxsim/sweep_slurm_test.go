package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"vaxsim/output/sweep"
	"vaxsim/output/sweepfiles"
)

// slurmTimeout bounds the wait for the test's job array.
const slurmTimeout = 90 * time.Second

// TestSweepSlurm runs a sweep as a real Slurm job array: the sbatch line
// that --plan prints, as printed, with "vaxsim" on the PATH being this
// test binary (which acts as vaxsim when VAXSIM_MAIN=1). Each of the three
// tasks runs the shard given by $SLURM_ARRAY_TASK_ID; then merge must give
// results byte-identical to the sweep run whole.
//
// It needs sbatch, squeue, scancel and sinfo and a cluster that answers:
// .ci/slurm-local start makes a one-node cluster on this machine. Without
// them the test is skipped, unless VAXSIM_SLURM=1 (as .ci/run sets after
// starting the cluster) makes it mandatory.
func TestSweepSlurm(t *testing.T) {
	required := os.Getenv("VAXSIM_SLURM") == "1"
	unavailable := func(format string, args ...any) {
		t.Helper()
		why := fmt.Sprintf(format, args...)
		if required {
			t.Fatalf("VAXSIM_SLURM=1, but %s", why)
		}
		t.Skipf("no Slurm cluster: %s (start one with .ci/slurm-local start and set VAXSIM_SLURM=1 to require this test)", why)
	}
	for _, tool := range []string{"sbatch", "squeue", "scancel", "sinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			unavailable("%s is not installed", tool)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	states, err := exec.CommandContext(ctx, "sinfo", "-h", "-o", "%T").CombinedOutput()
	cancel()
	if err != nil || !regexp.MustCompile(`idle|mixed|alloc`).Match(states) {
		unavailable("sinfo finds no node ready (%v): %s", err, strings.TrimSpace(string(states)))
	}

	noShardEnv(t)
	tmp := t.TempDir()
	whole := filepath.Join(tmp, "whole")
	mustRun(t, with(tinySweep, "--out", whole)...)

	// "vaxsim" on the PATH of the jobs is this test binary.
	bin := filepath.Join(tmp, "bin")
	wrapper := "#!/bin/sh\nVAXSIM_MAIN=1 exec " + sweep.ShellQuote(os.Args[0]) + ` "$@"` + "\n"
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "vaxsim"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, "slurm")
	plan, _ := mustRun(t, with(tinySweep, "--out", dir, "--shard-count", "3", "--plan")...)
	var line string
	for _, l := range strings.Split(plan, "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "sbatch --array=0-2 ") {
			line = l
		}
	}
	if line == "" {
		t.Fatalf("--plan printed no sbatch line for 3 tasks:\n%s", plan)
	}
	// As printed, but asking for the job id alone and a time limit, and
	// for one CPU a task, which any node has.
	command := regexp.MustCompile(`--cpus-per-task=\d+`).ReplaceAllString(line, "--cpus-per-task=1")
	command = strings.Replace(command, "sbatch ", "sbatch --parsable --time=2 ", 1)
	submit := exec.Command("sh", "-c", command)
	submit.Dir = tmp
	submit.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := submit.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", command, err, out)
	}
	job, _, _ := strings.Cut(strings.TrimSpace(string(out)), ";") // "ID" or "ID;cluster"
	t.Cleanup(func() { exec.Command("scancel", job).Run() })
	t.Logf("submitted job array %s: %s", job, command)

	logs := func() string {
		var b strings.Builder
		files, _ := filepath.Glob(filepath.Join(tmp, "slurm-*.out"))
		for _, f := range files {
			data, _ := os.ReadFile(f)
			fmt.Fprintf(&b, "--- %s\n%s", filepath.Base(f), data)
		}
		return b.String()
	}
	// A task that ends well leaves its shard's manifest.
	finished := func() bool {
		for i := range 3 {
			if _, err := os.Stat(filepath.Join(dir, sweepfiles.PartsDir, sweepfiles.ShardManifestName(i, 3))); err != nil {
				return false
			}
		}
		return true
	}
	for deadline := time.Now().Add(slurmTimeout); ; time.Sleep(200 * time.Millisecond) {
		queue, err := exec.Command("squeue", "-h", "-j", job, "-o", "%i %T %R").CombinedOutput()
		// squeue lists the tasks until they end; it may reject the id of
		// a job it has forgotten.
		if err == nil && len(strings.TrimSpace(string(queue))) == 0 || err != nil && finished() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job array %s is not done after %s; squeue:\n%s\n%s", job, slurmTimeout, queue, logs())
		}
	}
	if !finished() {
		t.Fatalf("job array %s ended, but not every task ran its shard:\n%s", job, logs())
	}
	for i := range 3 {
		if !strings.Contains(logs(), fmt.Sprintf("shard %d/3", i)) {
			t.Errorf("no task says it ran shard %d/3:\n%s", i, logs())
		}
	}
	mustRun(t, "merge", "--no-plots", dir)
	sameSweepFiles(t, "Slurm job array", dir, whole)
}
