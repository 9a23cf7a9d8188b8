package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"vaxsim/output/plot"
	"vaxsim/output/runfiles"
	"vaxsim/output/sweepfiles"
	"vaxsim/scenarios"
	"vaxsim/sim/des"
)

func init() {
	register(command{"sweep",
		"[SCENARIO | SWEEP_FILE] --vary key=values... [--set key=value]... [--reps N] [--seed S] [--out DIR] [--no-crn] [--shard i/n] [--resume] [--plan]",
		"run a scenario over a grid of parameter values", setupSweep})
}

// Environment variables that give a shard's index and the number of
// shards, as set by cluster schedulers.
const (
	envSlurmTask  = "SLURM_ARRAY_TASK_ID"
	envSlurmCount = "SLURM_ARRAY_TASK_COUNT"
	envK8sIndex   = "JOB_COMPLETION_INDEX"
)

// sweepOptions are the settings of a sweep from its flags and, if given,
// its sweep file.
type sweepOptions struct {
	arg        string   // the scenario (or sweep file) as named
	source     string   // the scenario to resolve: a file or a bundled name
	sets       []string // --set overrides of the base scenario
	vary       []string // --vary arguments, in order
	reps       int
	seed       uint64
	crn        bool
	out        string
	shard      string // --shard i/n
	shardCount int    // --shard-count n
	resume     bool
	plan       bool
	noPlots    bool
	changed    func(name string) bool // whether a flag was given
	// fileSets and fileVary count the sets and vary that came from a
	// sweep file, first in sets and vary.
	fileSets, fileVary int
}

func setupSweep(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	var o sweepOptions
	fs.StringArrayVar(&o.vary, "vary", nil, "vary a scenario field: key=v1,v2,... (TOML values), key=lo:hi:step or key=log:lo:hi:n (repeatable; the first varies slowest)")
	fs.StringArrayVar(&o.sets, "set", nil, "override a field of the base scenario: key=value, the value in TOML syntax (repeatable)")
	fs.IntVar(&o.reps, "reps", 20, "replications per point (1.."+strconv.Itoa(maxReps)+")")
	fs.Uint64Var(&o.seed, "seed", 1, "master seed")
	noCRN := fs.Bool("no-crn", false, "give each point its own seed instead of common random numbers")
	fs.StringVar(&o.out, "out", "", "output folder (default results/<scenario>-sweep)")
	fs.StringVar(&o.shard, "shard", "", "run shard i of n: the points whose id is i modulo n (default from $"+envSlurmTask+" or $"+envK8sIndex+")")
	fs.IntVar(&o.shardCount, "shard-count", 0, "number of shards, with the index from $"+envSlurmTask+" or $"+envK8sIndex)
	fs.BoolVar(&o.resume, "resume", false, "skip the points already complete in the output folder")
	fs.BoolVar(&o.noPlots, "no-plots", false, "do not draw plots into DIR/"+plot.Dir)
	fs.BoolVar(&o.plan, "plan", false, "print the number of points and runs and a Slurm job array line; run nothing")
	return func(ctx context.Context, io streams, args []string) error {
		o.crn = !*noCRN
		o.changed = func(name string) bool { return fs.Changed(name) }
		if len(args) > 1 {
			return usagef("sweep: one scenario or sweep file at a time (got %d)", len(args))
		}
		o.arg = scenarios.DefaultName
		if len(args) == 1 {
			o.arg = args[0]
		}
		return sweep(ctx, io, &o)
	}
}

// sweep runs the sweep of o: plan, check, run this shard's points, and
// reduce when the whole sweep is done.
func sweep(ctx context.Context, io streams, o *sweepOptions) error {
	start := time.Now()
	def, grid, err := newSweepDef(o)
	if err != nil {
		return err
	}
	shard, shards := 0, 1
	if !o.plan || o.shard != "" {
		if shard, shards, err = shardOf(o, os.Getenv); err != nil {
			return usagef("sweep: %v", err)
		}
	}
	var mine []int
	if !o.plan {
		mine = shardPoints(def.Points, shard, shards)
	}
	scs, err := checkPoints(o, grid, mine)
	if err != nil {
		return err
	}
	dir := o.out
	if dir == "" {
		dir = filepath.Join("results", def.Scenario+"-sweep")
	}
	if o.plan {
		tasks := o.shardCount
		if shards > 1 {
			tasks = shards
		}
		return printPlan(io.out, o, def, dir, tasks)
	}
	if err := checkWritable(dir); err != nil {
		return inputErr(err)
	}
	if err := checkSweepFolder(io, dir, def); err != nil {
		return err
	}
	todo, err := pointsToRun(io, dir, def, mine)
	if err != nil {
		return err
	}
	skipped := len(mine) - len(todo)
	if skipped > 0 && !o.resume {
		return usagef("sweep: %s already holds %d of this sweep's %d points (of this shard); add --resume to go on with the rest, or choose another --out",
			dir, skipped, len(mine))
	}
	if err := startSweepFolder(dir, def, todo); err != nil {
		return err
	}

	where := "sweep"
	if shards > 1 {
		where = fmt.Sprintf("sweep shard %d/%d", shard, shards)
	}
	fmt.Fprintf(io.msg, "%s: %d of %d points to run (%d replications each)", where, len(todo), def.Points, def.Replications)
	if skipped > 0 {
		fmt.Fprintf(io.msg, "; %d already done", skipped)
	}
	fmt.Fprintln(io.msg)
	jobs := make([]*pointJob, len(todo))
	for i, id := range todo {
		jobs[i] = &pointJob{id: id, sc: scs[id], seed: def.PointSeed(id), sets: grid.Sets(id)}
	}
	prog := newProgress(io.msg, where, "runs", len(jobs)*def.Replications)
	stats, runErr := runPoints(ctx, jobs, def.Replications, runtime.GOMAXPROCS(0), filepath.Join(dir, sweepfiles.PartsDir), prog)
	prog.Finish()
	for _, w := range stats.warnings {
		fmt.Fprintln(io.msg, "warning:", w)
	}
	if runErr != nil {
		if errors.Is(runErr, context.Canceled) {
			return &exitError{exitInterrupted, fmt.Errorf("interrupted: %d of %d points to run are done and saved in %s; run the same command with --resume to go on",
				stats.points, len(todo), dir)}
		}
		return runErr
	}

	man := sweepfiles.NewSweepManifest("sweep", def)
	man.Version = fullVersion()
	man.PointsRun, man.PointsSkipped, man.Events = stats.points, skipped, stats.events
	man.Start = start.UTC()
	if shards > 1 {
		man.Shard = fmt.Sprintf("%d/%d", shard, shards)
		man.Warnings = append(man.Warnings, stats.warnings...)
		man.Elapsed = runfiles.Duration(time.Since(start))
		name := filepath.Join(dir, sweepfiles.PartsDir, sweepfiles.ShardManifestName(shard, shards))
		if err := writeSweepManifest(name, man); err != nil {
			return err
		}
		fmt.Fprintf(io.msg, "shard %d/%d done in %s; when every shard is done: vaxsim merge %s\n", shard, shards, dir, shellQuote(dir))
		return nil
	}
	paths, err := sweepfiles.CollectParts(def, []string{dir})
	if err != nil {
		return fmt.Errorf("sweep: %w", err) // every point was run or found: a defect
	}
	man.Elapsed = runfiles.Duration(time.Since(start))
	if err := sweepfiles.WriteSweepFolder(dir, def, paths, man); err != nil {
		return err
	}
	if !o.noPlots {
		if err := plotSweep(dir); err != nil {
			return err
		}
	}
	fmt.Fprintf(io.msg, "results in %s\n", dir)
	return nil
}

// newSweepDef checks the settings of o, reads its sweep file if it names
// one, and returns the sweep's definition and grid. Every error is bad
// input.
func newSweepDef(o *sweepOptions) (*sweepfiles.Sweep, *sweepfiles.Grid, error) {
	if err := loadSweepFile(o); err != nil {
		return nil, nil, err
	}
	if o.reps < 1 || o.reps > maxReps {
		return nil, nil, usagef("sweep: --reps must be between 1 and %d, not %d", maxReps, o.reps)
	}
	if o.shardCount < 0 {
		return nil, nil, usagef("sweep: --shard-count must be positive, not %d", o.shardCount)
	}
	params := make([]sweepfiles.Param, 0, len(o.vary))
	for _, v := range o.vary {
		p, err := sweepfiles.ParseVary(v)
		if err != nil {
			return nil, nil, usagef("sweep: %v", err)
		}
		params = append(params, p)
	}
	grid, err := sweepfiles.NewGrid(params)
	if err != nil {
		return nil, nil, usagef("sweep: %v", err)
	}
	for _, s := range o.sets {
		key, _, _ := strings.Cut(s, "=")
		if key = strings.TrimSpace(key); slices.Contains(grid.Keys(), key) {
			return nil, nil, usagef("sweep: %s is both set (--set %s) and varied; drop one", key, s)
		}
	}
	base, err := scenarios.Resolve(o.source, o.sets)
	if err != nil {
		return nil, nil, inputErr(err)
	}
	def := &sweepfiles.Sweep{
		Version:      fullVersion(),
		Scenario:     base.Scenario.Name,
		Source:       base.Source,
		Sets:         o.sets,
		Vary:         grid.Params,
		Points:       grid.Len(),
		Replications: o.reps,
		Seed:         o.seed,
		CRN:          o.crn,
		StreamScheme: des.StreamScheme,
		ScenarioTOML: string(base.Resolved),
	}
	if !o.crn {
		def.PointSeedScheme = sweepfiles.PointSeedScheme
	}
	return def, grid, nil
}
