package sweep

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"vaxsim/output/sweepfiles"
)

// Defaults of the Slurm job array that --plan prints.
const (
	planMaxTasks = 100 // tasks at most, unless --shard-count says otherwise
	planMaxCPUs  = 8   // CPUs per task at most
)

// WritePlan writes what the sweep def would run, and the commands that
// run it in tasks shards into the folder dir: a Slurm job array line and
// a Kubernetes Indexed Job's settings, then the merge. command is the
// command line that defines the sweep ("vaxsim", "sweep", the scenario
// or sweep file, its --vary and --set arguments); WritePlan adds the
// replications, seed, folder and shards. With tasks 0 it chooses one
// task per point, up to 100.
func WritePlan(w io.Writer, def *sweepfiles.Sweep, command []string, dir string, tasks int) error {
	if tasks == 0 {
		tasks = min(def.Points, planMaxTasks)
	}
	perTask := (def.Points + tasks - 1) / tasks
	cpus := min(perTask*def.Replications, planMaxCPUs)
	fmt.Fprintf(w, "sweep of %s (from %s)\n", def.Scenario, def.Source)
	width := 0
	for _, p := range def.Vary {
		width = max(width, len(p.Key))
	}
	for _, p := range def.Vary {
		fmt.Fprintf(w, "  %-*s  %s: %s\n", width, p.Key, plural(len(p.Values), "value"), abridge(p.Values, 12))
	}
	fmt.Fprintf(w, "%s x %s = %s\n", plural(def.Points, "point"), plural(def.Replications, "replication"), plural(def.Points*def.Replications, "run"))
	if def.CRN {
		fmt.Fprintf(w, "common random numbers: on (seed %d at every point)\n", def.Seed)
	} else {
		fmt.Fprintf(w, "common random numbers: off (each point's seed derives from seed %d and the point)\n", def.Seed)
	}
	fmt.Fprintf(w, "output folder: %s\n", dir)

	args := append(command[:len(command):len(command)], "--reps", strconv.Itoa(def.Replications), "--seed", strconv.FormatUint(def.Seed, 10))
	if !def.CRN {
		args = append(args, "--no-crn")
	}
	args = append(args, "--out", dir, "--resume", "--shard-count", strconv.Itoa(tasks))
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = ShellQuote(a)
	}
	line := strings.Join(quoted, " ")

	upTo := ""
	if def.Points%tasks != 0 {
		upTo = "up to "
	}
	fmt.Fprintf(w, "\nSlurm job array: %s of %s%s (%s) each:\n", plural(tasks, "task"), upTo, plural(perTask, "point"),
		plural(perTask*def.Replications, "run"))
	fmt.Fprintf(w, "  sbatch --array=0-%d --cpus-per-task=%d --job-name=vaxsim-sweep --output=slurm-%%A_%%a.out --wrap=%s\n",
		tasks-1, cpus, ShellQuote(line))
	fmt.Fprintf(w, "then, when every task has finished:\n  vaxsim merge %s\n", ShellQuote(dir))
	fmt.Fprintf(w, "\nKubernetes Indexed Job: completionMode: Indexed, completions: %d, and the container's command:\n  %s\n",
		tasks, line)
	return nil
}

// abridge lists values, eliding the middle of a long list.
func abridge(values []string, limit int) string {
	if len(values) <= limit {
		return strings.Join(values, ", ")
	}
	head, tail := values[:limit-2], values[len(values)-2:]
	return strings.Join(head, ", ") + ", ..., " + strings.Join(tail, ", ")
}

// shellSafe matches words a POSIX shell reads as they are.
var shellSafe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_@%+=:,./-]+$`) })

// ShellQuote quotes s for a POSIX shell: as it is if it is safe, else in
// single quotes.
func ShellQuote(s string) string {
	if shellSafe().MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// plural returns "1 word" or "n words".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
