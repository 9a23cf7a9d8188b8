package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
	"vaxsim/output/files"
	"vaxsim/output/plot"
	"vaxsim/output/runfiles"
	"vaxsim/output/sweepfiles"

	"github.com/spf13/pflag"
)

// maxMissingListed bounds the missing points merge describes one by one.
const maxMissingListed = 20

func init() {
	register(command{"merge", "DIR... [--out DIR]", "join the shards of a sweep and write its results", setupMerge})
}

func setupMerge(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	out := fs.String("out", "", "folder for the merged results (default: the folder, if there is one)")
	noPlots := fs.Bool("no-plots", false, "do not draw plots into DIR/"+plot.Dir)
	return func(_ context.Context, io streams, args []string) error {
		start := time.Now()
		if len(args) == 0 {
			return usagef("merge: name the sweep folders to merge")
		}
		dir := *out
		if dir == "" {
			if len(args) > 1 {
				return usagef("merge: give --out to merge %d folders", len(args))
			}
			dir = args[0]
		}
		var def *sweepfiles.Sweep
		for _, a := range args {
			s, err := files.Read(filepath.Join(a, sweepfiles.SweepFile), sweepfiles.ReadSweep)
			if errors.Is(err, os.ErrNotExist) {
				return usagef("merge: %s is not a sweep folder: it has no %s", a, sweepfiles.SweepFile)
			}
			if err != nil {
				return inputErr(fmt.Errorf("merge: %w", err))
			}
			if def == nil {
				def = s
				continue
			}
			if why := def.Mismatch(s); why != "" {
				return usagef("merge: %s and %s hold different sweeps: %s", args[0], a, why)
			}
			if s.Version != def.Version {
				fmt.Fprintf(io.msg, "warning: %s was made by vaxsim %s, %s by %s\n", args[0], def.Version, a, s.Version)
			}
		}
		if err := checkWritable(dir); err != nil {
			return inputErr(err)
		}
		if err := checkSweepFolder(io, dir, def); err != nil {
			return err
		}
		paths, err := sweepfiles.CollectParts(def, args)
		var missing *sweepfiles.MissingPointsError
		if errors.As(err, &missing) {
			return usagef("merge: the sweep is incomplete: %v; nothing was written. The missing points:\n%s(run their shards again with --resume, then merge)",
				missing, sweepfiles.MissingPointsText(def.Grid(), missing.Missing, maxMissingListed))
		}
		if err != nil {
			return inputErr(fmt.Errorf("merge: %w", err))
		}
		man := sweepfiles.NewSweepManifest("merge", def)
		man.Version = fullVersion()
		man.Inputs = args
		man.Start = start.UTC()
		man.Elapsed = runfiles.Duration(time.Since(start))
		if err := sweepfiles.WriteSweepFolder(dir, def, paths, man); err != nil {
			return inputErr(fmt.Errorf("merge: %w", err))
		}
		if !*noPlots {
			if err := plotSweep(dir); err != nil {
				return err
			}
		}
		fmt.Fprintf(io.msg, "merged %s from %s into %s\n", plural(def.Points, "point"), plural(len(args), "folder"), dir)
		return nil
	}
}
