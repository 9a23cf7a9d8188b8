package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/spf13/pflag"

	"vaxsim/output"
)

func init() {
	register(command{"plot", "DIR [--out DIR]", "draw a result folder's plots again from its files", setupPlot})
}

func setupPlot(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	out := fs.String("out", "", "folder for the plots (default DIR/plots)")
	return func(_ context.Context, io streams, args []string) error {
		if len(args) != 1 {
			return usagef("plot: one result folder, not %d (see 'vaxsim help plot')", len(args))
		}
		dir := args[0]
		rf, err := output.ReadRunFiles(dir)
		if err != nil {
			return inputErr(fmt.Errorf("plot: %w", err))
		}
		plots := *out
		if plots == "" {
			plots = filepath.Join(dir, output.PlotsDir)
		}
		if err := checkWritable(plots); err != nil {
			return inputErr(err)
		}
		paths, err := drawPlots(rf, plots)
		if err != nil {
			return err
		}
		fmt.Fprintf(io.msg, "%d plots in %s\n", len(paths)/len(output.PlotFormats), plots)
		return nil
	}
}

// plotRun draws the plots of the result folder dir into dir/plots from
// its files, as `vaxsim plot dir` does, after `vaxsim run` wrote them.
func plotRun(dir string) error {
	rf, err := output.ReadRunFiles(dir)
	if err == nil {
		_, err = drawPlots(rf, filepath.Join(dir, output.PlotsDir))
	}
	return err
}

// drawPlots draws the plots of a run from its result files into the
// folder out, in every format, and returns the files written. run and
// plot both draw from the files, so they write the same bytes.
func drawPlots(rf *output.RunFiles, out string) ([]string, error) {
	figs, err := output.RunFigures(rf.Summary.Scenario, rf.Daily)
	if err != nil {
		return nil, inputErr(err)
	}
	return output.WritePlots(out, figs)
}
