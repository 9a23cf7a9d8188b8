package main

import (
	"context"
	"fmt"
	"path/filepath"
	"vaxsim/output/files"
	"vaxsim/output/plot"

	"github.com/spf13/pflag"
)

func setupPlot(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	out := fs.String("out", "", "folder for the plots (default DIR/plots)")
	return func(_ context.Context, io streams, args []string) error {
		if len(args) != 1 {
			return usagef("plot: one result folder, not %d (see 'vaxsim help plot')", len(args))
		}
		dir := args[0]
		plots := *out
		if plots == "" {
			plots = filepath.Join(dir, plot.Dir)
		}
		figs, err := folderPlots(dir)
		if err != nil {
			return err
		}
		if err := files.CheckWritable(plots); err != nil {
			return inputErr(err)
		}
		paths, err := plot.Write(plots, figs)
		if err != nil {
			return err
		}
		n, noun := len(paths)/len(plot.Formats), "plots"
		if n == 1 {
			noun = "plot"
		}
		fmt.Fprintf(io.msg, "%d %s in %s\n", n, noun, plots)
		return nil
	}
}

// folderPlots returns the figures plot draws for dir: a sweep's or a
// run's.
func folderPlots(dir string) ([]*plot.Figure, error) {
	figs, err := plot.FolderFigures(dir)
	if err != nil {
		return nil, inputErr(fmt.Errorf("plot: %w", err))
	}
	return figs, nil
}
