package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/spf13/pflag"

	"vaxsim/output"
	"vaxsim/scenarios"
	"vaxsim/sim"
	"vaxsim/sim/des"
)

// maxReps bounds --reps; more replications belong in a sweep.
const maxReps = 100_000

func init() {
	register(command{"run", "[SCENARIO] [--reps N] [--seed S] [--out DIR] [--set key=value]... [--record DIR]",
		"simulate a scenario and write its results", setupRun})
}

func setupRun(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	reps := fs.Int("reps", 20, "number of replications (1.."+fmt.Sprint(maxReps)+")")
	seed := fs.Uint64("seed", 1, "master seed: every random stream derives from (seed, replication, name)")
	out := fs.String("out", "", "output folder (default results/<scenario>)")
	sets := fs.StringArray("set", nil, "override a scenario field: key=value, the value in TOML syntax (repeatable)")
	noPlots := fs.Bool("no-plots", false, "do not draw plots into DIR/"+output.PlotsDir)
	record := fs.String("record", "", "also write each replication's booking attempts, walk-ins, outages and deliveries as replay logs into `DIR`/rep-N, with replay.toml to replay them")
	return func(ctx context.Context, io streams, args []string) error {
		if *reps < 1 || *reps > maxReps {
			return usagef("run: --reps must be between 1 and %d, not %d", maxReps, *reps)
		}
		if len(args) > 1 {
			return usagef("run: one scenario at a time (got %d)", len(args))
		}
		name := scenarios.DefaultName
		if len(args) == 1 {
			name = args[0]
		}
		f, err := scenarios.Resolve(name, *sets)
		if err != nil {
			return inputErr(err)
		}
		dir := *out
		if dir == "" {
			dir = filepath.Join("results", f.Scenario.Name)
		}
		if err := checkWritable(dir); err != nil {
			return inputErr(err)
		}
		var opts sim.Options
		recs := make([]*sim.Recording, *reps)
		if *record != "" {
			if err := checkWritable(*record); err != nil {
				return inputErr(err)
			}
			opts.Record = func(rep int, rec *sim.Recording) { recs[rep] = rec }
		}
		start := time.Now()
		opts.Workers = runtime.GOMAXPROCS(0)
		results, err := sim.Replicate(ctx, f.Scenario, *seed, *reps, opts)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return &exitError{exitInterrupted, errors.New("interrupted; no results written")}
			}
			return err
		}
		man := output.NewManifest(results)
		man.Warnings = append(f.Warnings[:len(f.Warnings):len(f.Warnings)], man.Warnings...) // the replay logs'
		man.Version = fullVersion()
		man.Source = f.Source
		man.StreamScheme = des.StreamScheme
		man.ScenarioTOML = string(f.Resolved)
		man.Start = start.UTC()
		man.Elapsed = time.Since(start)
		// WriteRun adds the summary, and draws the plots `vaxsim plot dir`
		// draws from the files.
		run := &output.Run{Results: results, Manifest: man, Plots: !*noPlots}
		if run.Plots {
			defer drawingPlots()()
		}
		if err := output.WriteRun(dir, run); err != nil {
			return err
		}
		if *record != "" {
			if err := writeRecordings(*record, f, recs); err != nil {
				return err
			}
		}
		if err := output.WriteText(io.out, run.Summary); err != nil {
			return err
		}
		for _, w := range man.Warnings {
			fmt.Fprintln(io.msg, "warning:", w)
		}
		fmt.Fprintf(io.msg, "results in %s\n", dir)
		return nil
	}
}

// checkWritable makes sure dir can be written, before any work, and
// leaves no trace: a folder it had to make is removed again.
func checkWritable(dir string) error {
	_, statErr := os.Stat(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	f, err := os.CreateTemp(dir, ".probe-*")
	if err == nil {
		f.Close()
		err = os.Remove(f.Name())
	}
	if os.IsNotExist(statErr) {
		os.Remove(dir)
	}
	if err != nil {
		return fmt.Errorf("output folder %s is not writable: %w", dir, err)
	}
	return nil
}
