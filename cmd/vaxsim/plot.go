package main

import (
	"context"
	"fmt"
	"path/filepath"
	"vaxsim/output/plot"
	"vaxsim/output/runfiles"

	"github.com/spf13/pflag"
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
		plots := *out
		if plots == "" {
			plots = filepath.Join(dir, plot.Dir)
		}
		figs, err := folderPlots(dir)
		if err != nil {
			return err
		}
		if err := checkWritable(plots); err != nil {
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

// folderFigures returns the figures of the folder dir and true if dir is
// a folder of its kind, or false to leave dir to the next one. Commands
// that write folders other than a run's (a sweep's, say) add theirs to
// folderKinds from their own file, in init, so that plot draws those
// folders too, with the same figures as the command that wrote them.
type folderFigures func(dir string) (figs []*plot.Figure, ok bool, err error)

// folderKinds are tried in order before dir is read as a run's result
// folder.
var folderKinds []folderFigures

// folderPlots returns the figures plot draws for dir: those of the first
// of folderKinds that knows dir, or else those of a run.
func folderPlots(dir string) ([]*plot.Figure, error) {
	for _, kind := range folderKinds {
		figs, ok, err := kind(dir)
		if err != nil {
			return nil, inputErr(fmt.Errorf("plot: %w", err))
		}
		if ok {
			return figs, nil
		}
	}
	figs, err := runFigures(dir)
	if err != nil {
		return nil, inputErr(fmt.Errorf("plot: %w", err))
	}
	return figs, nil
}

// runFigures returns the figures of the run whose result folder is dir,
// drawn from its files.
func runFigures(dir string) ([]*plot.Figure, error) {
	rf, err := runfiles.ReadFolder(dir)
	if err != nil {
		return nil, err
	}
	return plot.RunFigures(rf.Summary.Scenario, rf.Daily)
}
