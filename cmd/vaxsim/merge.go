package main

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"vaxsim/output/plot"
	"vaxsim/output/sweep"
)

func setupMerge(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	out := fs.String("out", "", "folder for the merged results (default: the folder, if there is one)")
	noPlots := fs.Bool("no-plots", false, "do not draw plots into DIR/"+plot.Dir)
	return func(_ context.Context, io streams, args []string) error {
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
		def, err := sweep.Merge(args, dir, sweep.MergeOptions{Version: fullVersion(), NoPlots: *noPlots, Log: io.msg})
		if err != nil {
			return sweepErr(err)
		}
		fmt.Fprintf(io.msg, "merged %s from %s into %s\n", plural(def.Points, "point"), plural(len(args), "folder"), dir)
		return nil
	}
}
