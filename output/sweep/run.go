package sweep

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"vaxsim/output"
	"vaxsim/output/files"
	"vaxsim/output/plot"
	"vaxsim/output/runfiles"
	"vaxsim/output/sweepfiles"
)

// Outcome tells what [Run] did.
type Outcome struct {
	// Sweep is the sweep's definition.
	Sweep *sweepfiles.Sweep
	// Run and Skipped count the points this process ran and those it
	// found complete already (Options.Resume).
	Run, Skipped int
	// Events counts the events of the replications run.
	Events int64
	// Warnings are the caveats of the points' replications, each once
	// with the points it appeared at, "WARNING (points 0-5)".
	Warnings []string
	// Dir is the sweep's folder.
	Dir string
	// Done reports that the sweep is complete and its results written:
	// false for a shard of several, whose folder Merge joins.
	Done bool
}

// Run runs the sweep of o: it defines it ([Define]), checks the folder
// o.Dir (a folder holding another sweep is refused; one holding this
// sweep's points needs o.Resume), runs this shard's points that are not
// done, writing each point's part file as soon as its last replication
// finishes, and, if o is the only shard, writes the sweep's results and
// plots. A shard of several writes its manifest into the parts folder
// instead.
//
// When ctx is cancelled Run starts no more replications, lets the running
// ones stop at the end of their simulated day, keeps the points already
// written and returns an error wrapping context.Canceled that says how to
// go on. A replication's error stops the sweep the same way and is
// returned, naming the point.
func Run(ctx context.Context, o *Options) (*Outcome, error) {
	start := time.Now()
	def, scs, description, err := define(o)
	if err != nil {
		return nil, err
	}
	shards := max(o.Shards, 1)
	mine := shardPoints(def.Points, o.Shard, shards)
	dir := o.Dir
	if dir == "" {
		dir = DefaultDir(def)
	}
	if err := files.CheckWritable(dir); err != nil {
		return nil, &InputError{err}
	}
	if err := checkFolder(o, dir, def); err != nil {
		return nil, err
	}
	todo, err := pointsToRun(o, dir, def, mine)
	if err != nil {
		return nil, err
	}
	out := &Outcome{Sweep: def, Dir: dir, Skipped: len(mine) - len(todo)}
	if out.Skipped > 0 && !o.Resume {
		return nil, inputf("sweep: %s already holds %d of this sweep's %d points (of this shard); add --resume to go on with the rest, or choose another --out",
			dir, out.Skipped, len(mine))
	}
	if err := startFolder(dir, def, todo); err != nil {
		return nil, err
	}

	where := "sweep"
	if shards > 1 {
		where = fmt.Sprintf("sweep shard %d/%d", o.Shard, shards)
	}
	msg := fmt.Sprintf("%s: %d of %d points to run (%d replications each)", where, len(todo), def.Points, def.Replications)
	if out.Skipped > 0 {
		msg += fmt.Sprintf("; %d already done", out.Skipped)
	}
	o.logf("%s", msg)
	jobs := make([]*pointJob, len(todo))
	for i, id := range todo {
		jobs[i] = &pointJob{id: id, sc: scs[id], seed: def.PointSeed(id), sets: def.Grid().Sets(id)}
	}
	runErr := runPoints(ctx, o, jobs, def.Replications, filepath.Join(dir, sweepfiles.PartsDir), out)
	for _, w := range out.Warnings {
		o.logf("warning: %s", w)
	}
	if runErr != nil {
		if errors.Is(runErr, context.Canceled) {
			return out, &interrupted{fmt.Sprintf("interrupted: %d of %d points to run are done and saved in %s; run the same command with --resume to go on",
				out.Run, len(todo), dir)}
		}
		return out, runErr
	}

	man := newManifest("sweep", def, o.Version, start)
	man.Description = description
	man.PointsRun, man.PointsSkipped, man.Events = out.Run, out.Skipped, out.Events
	if shards > 1 {
		man.Shard = fmt.Sprintf("%d/%d", o.Shard, shards)
		man.Warnings = append(man.Warnings, out.Warnings...)
		man.Elapsed = runfiles.Duration(time.Since(start))
		name := filepath.Join(dir, sweepfiles.PartsDir, sweepfiles.ShardManifestName(o.Shard, shards))
		return out, files.Write(name, func(w io.Writer) error { return sweepfiles.WriteManifest(w, man) })
	}
	paths, err := sweepfiles.CollectParts(def, []string{dir})
	if err != nil {
		return out, fmt.Errorf("sweep: %w", err) // every point was run or found: a defect
	}
	if err := finish(dir, def, paths, man, start, !o.NoPlots); err != nil {
		return out, err
	}
	out.Done = true
	return out, nil
}

// DefaultDir is the folder of the sweep def when Options.Dir is empty:
// results/SCENARIO-sweep, or with --set overrides of the base scenario
// the folder output.DefaultDir names for them, with "-sweep" added.
func DefaultDir(def *sweepfiles.Sweep) string {
	return output.DefaultDir(def.Scenario, def.Sets) + "-sweep"
}

// newManifest returns the manifest of a sweep's folder made by command.
func newManifest(command string, def *sweepfiles.Sweep, version string, start time.Time) *sweepfiles.Manifest {
	man := sweepfiles.NewManifest(command, def)
	man.Version = version
	man.Start = start.UTC()
	return man
}

// finish writes the results of the complete sweep def, from its part
// files paths, into dir, and its plots if plots is set.
func finish(dir string, def *sweepfiles.Sweep, paths []string, man *sweepfiles.Manifest, start time.Time, plots bool) error {
	man.Elapsed = runfiles.Duration(time.Since(start))
	if err := sweepfiles.WriteFolder(dir, def, paths, man); err != nil {
		return err
	}
	if !plots {
		return nil
	}
	figs, err := plot.FolderFigures(dir)
	if err != nil {
		return err
	}
	_, err = plot.Write(filepath.Join(dir, plot.Dir), figs)
	return err
}
