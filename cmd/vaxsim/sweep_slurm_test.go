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
)

// slurmTimeout bounds the wait for the test's job array.
const slurmTimeout = 90 * time.Second

// TestSweepSlurm runs a sweep as a real Slurm job array of three tasks,
// each task a shard picked by $SLURM_ARRAY_TASK_ID and
// $SLURM_ARRAY_TASK_COUNT, merges the shards and checks that the results
// are byte-identical to the sweep run whole. The tasks run this test
// binary, which acts as vaxsim when VAXSIM_MAIN=1.
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

	dir := filepath.Join(tmp, "slurm")
	var words []string
	for _, a := range with(tinySweep, "--out", dir) {
		words = append(words, shellQuote(a))
	}
	script := filepath.Join(tmp, "task.sh")
	text := fmt.Sprintf(`#!/bin/sh
# One task of the test's job array: the test binary acts as vaxsim.
VAXSIM_MAIN=1 %s %s
echo $? > %s/rc-$SLURM_ARRAY_TASK_ID
`, shellQuote(os.Args[0]), strings.Join(words, " "), shellQuote(tmp))
	if err := os.WriteFile(script, []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
	submit := exec.Command("sbatch", "--parsable", "--array=0-2", "--job-name=vaxsim-test-sweep", "--time=2",
		"--output="+filepath.Join(tmp, "slurm-%A_%a.out"), "--chdir="+tmp, script)
	out, err := submit.CombinedOutput()
	if err != nil {
		t.Fatalf("sbatch: %v\n%s", err, out)
	}
	job, _, _ := strings.Cut(strings.TrimSpace(string(out)), ";") // "ID" or "ID;cluster"
	t.Cleanup(func() { exec.Command("scancel", job).Run() })
	t.Logf("submitted job array %s", job)

	logs := func() string {
		var b strings.Builder
		files, _ := filepath.Glob(filepath.Join(tmp, "slurm-*.out"))
		for _, f := range files {
			data, _ := os.ReadFile(f)
			fmt.Fprintf(&b, "--- %s\n%s", filepath.Base(f), data)
		}
		return b.String()
	}
	finished := func() bool {
		for i := range 3 {
			if _, err := os.Stat(filepath.Join(tmp, fmt.Sprintf("rc-%d", i))); err != nil {
				return false
			}
		}
		return true
	}
	for deadline := time.Now().Add(slurmTimeout); ; time.Sleep(200 * time.Millisecond) {
		queue, err := exec.Command("squeue", "-h", "-j", job, "-o", "%i %T %R").CombinedOutput()
		// squeue lists the tasks until they end; it may reject the id of a job it has forgotten.
		if finished() && (err != nil || len(strings.TrimSpace(string(queue))) == 0) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job array %s is not done after %s; squeue:\n%s\n%s", job, slurmTimeout, queue, logs())
		}
	}
	for i := range 3 {
		rc, _ := os.ReadFile(filepath.Join(tmp, fmt.Sprintf("rc-%d", i)))
		if strings.TrimSpace(string(rc)) != "0" {
			t.Fatalf("task %d of job array %s exited %q:\n%s", i, job, strings.TrimSpace(string(rc)), logs())
		}
	}
	for i := range 3 {
		if !strings.Contains(logs(), fmt.Sprintf("shard %d/3", i)) {
			t.Errorf("no task ran shard %d/3:\n%s", i, logs())
		}
	}
	mustRun(t, "merge", "--no-plots", dir)
	sameSweepFiles(t, "Slurm job array", dir, whole)
}
