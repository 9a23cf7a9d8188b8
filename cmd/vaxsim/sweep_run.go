package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"vaxsim/output"
	"vaxsim/scenarios"
	"vaxsim/sim"
)

// shardOf returns this process's shard index and the number of shards:
// from --shard i/n; else from $SLURM_ARRAY_TASK_ID with
// $SLURM_ARRAY_TASK_COUNT or --shard-count; else from
// $JOB_COMPLETION_INDEX with --shard-count; else 0 of 1. Empty variables
// count as unset.
func shardOf(o *sweepOptions, getenv func(string) string) (i, n int, err error) {
	if o.shard != "" {
		if o.shardCount != 0 {
			return 0, 0, errors.New("give --shard i/n or --shard-count n, not both")
		}
		is, ns, ok := strings.Cut(o.shard, "/")
		i, erri := strconv.Atoi(is)
		n, errn := strconv.Atoi(ns)
		if !ok || erri != nil || errn != nil || n < 1 || i < 0 || i >= n {
			return 0, 0, fmt.Errorf("--shard %s: want i/n with 0 <= i < n, as in --shard 0/4", o.shard)
		}
		return i, n, nil
	}
	index := func(name string) (int, error) {
		i, err := strconv.Atoi(getenv(name))
		if err != nil || i < 0 {
			return 0, fmt.Errorf("$%s=%q is not a shard index", name, getenv(name))
		}
		return i, nil
	}
	n = o.shardCount
	switch {
	case getenv(envSlurmTask) != "":
		if i, err = index(envSlurmTask); err != nil {
			return 0, 0, err
		}
		if n == 0 && getenv(envSlurmCount) != "" {
			if n, err = strconv.Atoi(getenv(envSlurmCount)); err != nil || n < 1 {
				return 0, 0, fmt.Errorf("$%s=%q is not a number of shards", envSlurmCount, getenv(envSlurmCount))
			}
		}
		if n == 0 {
			return 0, 0, fmt.Errorf("$%s is set but not $%s: give --shard-count", envSlurmTask, envSlurmCount)
		}
		if i >= n {
			return 0, 0, fmt.Errorf("$%s=%d is not below the number of shards, %d: number the array from 0, as in sbatch --array=0-%d",
				envSlurmTask, i, n, n-1)
		}
		return i, n, nil
	case getenv(envK8sIndex) != "":
		if i, err = index(envK8sIndex); err != nil {
			return 0, 0, err
		}
		if n == 0 {
			return 0, 0, fmt.Errorf("$%s is set: give --shard-count, the Job's completions", envK8sIndex)
		}
		if i >= n {
			return 0, 0, fmt.Errorf("$%s=%d is not below --shard-count %d", envK8sIndex, i, n)
		}
		return i, n, nil
	case n != 0:
		return 0, 0, fmt.Errorf("--shard-count needs $%s or $%s; or give --shard i/n", envSlurmTask, envK8sIndex)
	}
	return 0, 1, nil
}

// shardPoints returns the points of shard i of n: every n-th from i.
func shardPoints(points, i, n int) []int {
	var ids []int
	for id := i; id < points; id += n {
		ids = append(ids, id)
	}
	return ids
}

// checkPoints resolves every point of the grid, on all cores, before
// anything runs. It returns the scenarios of the points in mine (indexed
// by point id; nil for the others) or, if any point is invalid, a usage
// error naming the first and its problems.
func checkPoints(o *sweepOptions, g *output.Grid, mine []int) ([]*sim.Scenario, error) {
	n := g.Len()
	scs := make([]*sim.Scenario, n)
	wanted := make([]bool, n)
	for _, id := range mine {
		wanted[id] = true
	}
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				id := int(next.Add(1) - 1)
				if id >= n {
					return
				}
				sets := append(o.sets[:len(o.sets):len(o.sets)], g.Sets(id)...)
				f, err := scenarios.Resolve(o.source, sets)
				if err != nil {
					errs[id] = err
				} else if wanted[id] {
					scs[id] = f.Scenario
				}
			}
		}()
	}
	wg.Wait()
	bad, first := 0, -1
	for id, err := range errs {
		if err != nil {
			if first < 0 {
				first = id
			}
			bad++
		}
	}
	if bad == 0 {
		return scs, nil
	}
	return nil, &exitError{exitInput, fmt.Errorf("sweep: %d of %d points are invalid; nothing was run. The first, point %d (%s):\n%s",
		bad, n, first, strings.Join(g.Sets(first), " "), pointError(errs[first], g.Sets(first)))}
}

// pointError returns the text of a point's scenario error, naming the
// point's values as --vary values rather than as the --set arguments
// they were applied as.
func pointError(err error, sets []string) string {
	var list scenarios.ErrorList
	if !errors.As(err, &list) {
		return err.Error()
	}
	lines := make([]string, len(list))
	for i, e := range list {
		lines[i] = e.Error()
		if slices.Contains(sets, e.Set) {
			lines[i] = "--vary value " + strings.TrimPrefix(lines[i], "--set ")
		}
	}
	return strings.Join(lines, "\n")
}

// checkSweepFolder refuses a folder that holds another sweep, or parts
// of an unknown one, and warns if its sweep was made by another version
// of vaxsim.
func checkSweepFolder(io streams, dir string, def *output.Sweep) error {
	old, err := output.ReadFile(filepath.Join(dir, output.SweepFile), output.ReadSweep)
	if errors.Is(err, os.ErrNotExist) {
		parts, err := output.ScanParts(dir)
		if err != nil {
			return inputErr(err)
		}
		if len(parts) > 0 {
			return usagef("%s holds the parts of a sweep but not its %s, so nobody can tell which sweep; choose another folder",
				dir, output.SweepFile)
		}
		return nil
	}
	if err != nil {
		return inputErr(fmt.Errorf("sweep: %w", err))
	}
	if why := def.Mismatch(old); why != "" {
		return usagef("sweep: %s holds another sweep: %s; choose another --out", dir, why)
	}
	if old.Version != def.Version {
		fmt.Fprintf(io.msg, "warning: %s was started by vaxsim %s; this is %s\n", dir, old.Version, def.Version)
	}
	return nil
}

// pointsToRun returns the points of mine that have no part file in dir,
// in order. A part file that does not read as a whole point of def is run
// again, with a warning.
func pointsToRun(io streams, dir string, def *output.Sweep, mine []int) ([]int, error) {
	done, err := output.ScanParts(dir)
	if err != nil {
		return nil, inputErr(err)
	}
	var todo []int
	for _, id := range mine {
		path, ok := done[id]
		if !ok {
			todo = append(todo, id)
			continue
		}
		p, err := output.ReadFile(path, output.ReadPart)
		if err == nil {
			err = p.Check(id, def.Replications)
		}
		if err != nil {
			fmt.Fprintf(io.msg, "warning: point %d will run again: %v\n", id, err)
			todo = append(todo, id)
		}
	}
	return todo, nil
}

// startSweepFolder writes sweep.json and points.csv into dir, makes the
// parts folder and removes the temporary files that writes of the points
// todo may have left when a process was killed. It leaves other points'
// temporary files alone: another shard may be writing them.
func startSweepFolder(dir string, def *output.Sweep, todo []int) error {
	parts := filepath.Join(dir, output.PartsDir)
	if err := os.MkdirAll(parts, 0o755); err != nil {
		return err
	}
	if err := output.WriteFile(filepath.Join(dir, output.SweepFile), func(w io.Writer) error { return output.WriteSweep(w, def) }); err != nil {
		return err
	}
	if err := output.WriteFile(filepath.Join(dir, output.PointsFile), func(w io.Writer) error { return output.WritePoints(w, def) }); err != nil {
		return err
	}
	for _, id := range todo {
		stale, _ := filepath.Glob(filepath.Join(parts, "."+output.PartName(id)+".tmp-*"))
		for _, f := range stale {
			os.Remove(f)
		}
	}
	return output.SyncDir(dir)
}

func writeSweepManifest(path string, m *output.SweepManifest) error {
	return output.WriteFile(path, func(w io.Writer) error { return output.WriteSweepManifest(w, m) })
}

// pointJob is one point to run and its replications as they finish.
type pointJob struct {
	id      int
	sc      *sim.Scenario
	seed    uint64
	sets    []string // the point's varied values, for messages
	results []*sim.Result
	left    atomic.Int32 // replications not yet finished
}

// runStats tells what runPoints did.
type runStats struct {
	points   int      // points run and written
	events   int64    // events of their replications
	warnings []string // "point ID: WARNING", in point order
}

// runPoints runs the replications of jobs on workers goroutines, in point
// and replication order, and writes each point's part file into parts as
// soon as its last replication finishes: the files are the same whatever
// the number of workers, only the order of their writing differs. When
// ctx is cancelled (an interrupt) it starts no more replications, lets
// the running ones stop at the end of their current simulated day,
// discards the unfinished points, finishes writing the others and
// returns ctx's error. The first replication error stops the sweep the
// same way and is returned, naming the point.
func runPoints(ctx context.Context, jobs []*pointJob, reps, workers int, parts string, prog progress) (runStats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
		stats    runStats
		warnings = make(map[int][]string)
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
		cancel()
	}
	// Each worker takes the next replication itself (task k is
	// replication k%reps of point k/reps) and runs it in memory it keeps
	// (a sim.Memory): no goroutine hands tasks out, which left workers
	// idle at each handoff.
	for _, j := range jobs {
		j.results = make([]*sim.Result, reps)
		j.left.Store(int32(reps))
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(workers, len(jobs)*reps)) {
		wg.Go(func() {
			var mem sim.Memory
			for ctx.Err() == nil {
				k := int(next.Add(1) - 1)
				if k >= len(jobs)*reps {
					return
				}
				j, rep := jobs[k/reps], k%reps
				r, err := sim.Run(ctx, j.sc, j.seed, rep, sim.Options{Memory: &mem})
				if err != nil {
					if ctx.Err() == nil || !errors.Is(err, context.Canceled) {
						fail(fmt.Errorf("point %d (%s): %w", j.id, strings.Join(j.sets, " "), err))
					}
					continue
				}
				// Keep the totals only: the daily rows are not part of a sweep's results.
				j.results[rep] = &sim.Result{Scenario: r.Scenario, Rep: r.Rep, Seed: r.Seed, Start: r.Start,
					Sites: r.Sites, Total: r.Total, Events: r.Events, Warnings: r.Warnings}
				prog.Add(1)
				if j.left.Add(-1) > 0 {
					continue
				}
				p, err := output.NewPointResult(j.id, j.results)
				if err == nil {
					err = output.WriteFile(filepath.Join(parts, output.PartName(j.id)), func(w io.Writer) error { return output.WritePart(w, p) })
				}
				if err == nil {
					err = output.SyncDir(parts)
				}
				if err != nil {
					fail(err)
					continue
				}
				mu.Lock()
				stats.points++
				for _, r := range j.results {
					stats.events += r.Events
				}
				warnings[j.id] = p.Warnings
				mu.Unlock()
				j.results = nil
			}
		})
	}
	wg.Wait()
	for _, j := range jobs {
		for _, w := range warnings[j.id] {
			stats.warnings = append(stats.warnings, fmt.Sprintf("point %d: %s", j.id, w))
		}
	}
	if firstErr != nil {
		return stats, firstErr
	}
	return stats, ctx.Err()
}

// plotSweep draws the plots of the complete sweep in dir into dir/plots,
// from its files.
func plotSweep(dir string) error {
	def, err := output.ReadFile(filepath.Join(dir, output.SweepFile), output.ReadSweep)
	if err != nil {
		return err
	}
	pts, err := output.ReadFile(filepath.Join(dir, output.PointsFile), output.ReadPoints)
	if err != nil {
		return err
	}
	stats, err := output.ReadFile(filepath.Join(dir, output.SweepSummaryFile), output.ReadSweepSummary)
	if err != nil {
		return err
	}
	figs, err := output.SweepFigures(def.Scenario, pts, stats)
	if err != nil {
		return err
	}
	defer drawingPlots()()
	_, err = output.WritePlots(filepath.Join(dir, output.PlotsDir), figs)
	return err
}
