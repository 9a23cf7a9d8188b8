package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"vaxsim/output"
	"vaxsim/output/files"
	"vaxsim/output/plot"
	"vaxsim/output/progress"
	"vaxsim/output/runfiles"
	"vaxsim/output/sweep"
	"vaxsim/scenarios"
	"vaxsim/sim"
	"vaxsim/sim/des"
)

// maxReps bounds --reps; more replications belong in a sweep.
const maxReps = 100_000

func setupRun(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	reps := fs.Int("reps", 20, "number of replications (1.."+fmt.Sprint(maxReps)+")")
	seed := fs.Uint64("seed", 1, "master seed: every random stream derives from (seed, replication, name)")
	out := fs.String("out", "", "output folder (default results/<scenario>, or results/<scenario>--<overrides> with --set)")
	force := fs.Bool("force", false, "write into a folder that holds the results of another scenario or other overrides")
	sets := fs.StringArray("set", nil, "override a scenario field: key=value, the value in TOML syntax (repeatable)")
	noPlots := fs.Bool("no-plots", false, "do not draw plots into DIR/"+plot.Dir)
	trust := fs.Bool("trust-paths", false, "let the scenario name files outside its folder (a trusted file only)")
	memory := fs.Int64("max-memory", 4096, "memory budget in MB for the replications running at once; a run that needs more stops with exit 3")
	record := fs.String("record", "", "also write each replication's booking attempts, walk-ins, outages and deliveries as replay logs into `DIR`/rep-N, with replay.toml to replay them")
	return func(ctx context.Context, io streams, args []string) error {
		if *reps < 1 || *reps > maxReps {
			return usagef("run: --reps must be between 1 and %d, not %d", maxReps, *reps)
		}
		if *memory < 1 {
			return usagef("run: --max-memory must be at least 1 (MB), not %d", *memory)
		}
		if len(args) > 1 {
			return usagef("run: one scenario at a time (got %d)", len(args))
		}
		name := scenarios.DefaultName
		if len(args) == 1 {
			name = args[0]
		}
		f, err := scenarios.Options{AllowOutside: *trust}.Resolve(name, *sets)
		if err != nil {
			return inputErr(err)
		}
		dir := *out
		if dir == "" {
			dir = output.DefaultDir(f.Scenario.Name, *sets)
		}
		if err := files.CheckWritable(dir); err != nil {
			return inputErr(err)
		}
		command := []string{"vaxsim", "run", sweep.ShellQuote(f.Source)}
		for _, s := range *sets {
			command = append(command, "--set", sweep.ShellQuote(s))
		}
		command = append(command, "--reps", fmt.Sprint(*reps), "--seed", fmt.Sprint(*seed))
		if *out != "" {
			command = append(command, "--out", sweep.ShellQuote(*out))
		}
		made := &runfiles.Manifest{Scenario: f.Scenario.Name, Source: f.Source, Overrides: *sets}
		if err := output.CheckFolder(dir, made, *force); err != nil {
			return inputErr(fmt.Errorf("run: %w", err))
		}
		var opts sim.Options
		recs := make([]*sim.Recording, *reps)
		if *record != "" {
			if err := files.CheckWritable(*record); err != nil {
				return inputErr(err)
			}
			if err := scenarios.CheckRecordingFolder(*record); err != nil {
				return inputErr(err)
			}
			opts.Record = func(rep int, rec *sim.Recording) { recs[rep] = rec }
		}
		start := time.Now()
		opts.Workers = min(runtime.GOMAXPROCS(0), *reps)
		opts.MemoryLimit = *memory << 20 / int64(opts.Workers)
		prog := progress.Late(io.msg, "run", "replications", *reps, 2*time.Second)
		opts.Done = func(int) { prog.Add(1) }
		results, err := sim.Replicate(ctx, f.Scenario, *seed, *reps, opts)
		prog.Finish()
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return &exitError{exitInterrupted, errors.New("interrupted; no results written")}
			}
			return err
		}
		man := runfiles.NewManifest(results)
		man.Warnings = append(f.Warnings[:len(f.Warnings):len(f.Warnings)], man.Warnings...) // the replay logs'
		man.Version = fullVersion()
		man.Source = f.Source
		man.Description = f.Scenario.Description
		man.Overrides, man.Command = *sets, strings.Join(command, " ")
		man.StreamScheme = des.StreamScheme
		man.ScenarioTOML = string(f.Resolved)
		man.Start = start.UTC()
		man.Elapsed = runfiles.Duration(time.Since(start))
		// WriteRun adds the summary, and draws the plots `vaxsim plot dir`
		// draws from the files.
		run := &output.Run{Results: results, Manifest: man, Plots: !*noPlots}
		if err := output.WriteRun(dir, run); err != nil {
			return err
		}
		if *record != "" {
			// The folder is replaced whole: no rep-N of an earlier, longer run stays.
			err := output.ReplaceFolder(*record, func(tmp string) error { return scenarios.WriteRecordings(tmp, f, recs, files.Write) })
			if err != nil {
				return err
			}
		}
		if err := runfiles.WriteText(io.out, run.Summary); err != nil {
			return err
		}
		for _, w := range man.Warnings {
			fmt.Fprintln(io.msg, "warning:", w)
		}
		fmt.Fprintf(io.msg, "results in %s\n", dir)
		return nil
	}
}
