package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"

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
		plots := *out
		if plots == "" {
			plots = filepath.Join(dir, output.PlotsDir)
		}
		figs, err := folderPlots(dir)
		if err != nil {
			return err
		}
		if err := checkWritable(plots); err != nil {
			return inputErr(err)
		}
		defer drawingPlots()()
		paths, err := output.WritePlots(plots, figs)
		if err != nil {
			return err
		}
		n, noun := len(paths)/len(output.PlotFormats), "plots"
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
type folderFigures func(dir string) (figs []*output.Figure, ok bool, err error)

// folderKinds are tried in order before dir is read as a run's result
// folder.
var folderKinds []folderFigures

// folderPlots returns the figures plot draws for dir: those of the first
// of folderKinds that knows dir, or else those of a run.
func folderPlots(dir string) ([]*output.Figure, error) {
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
func runFigures(dir string) ([]*output.Figure, error) {
	rf, err := output.ReadRunFiles(dir)
	if err != nil {
		return nil, err
	}
	return output.RunFigures(rf.Summary.Scenario, rf.Daily)
}

// While plots are drawn the garbage collector lets the heap grow by about
// plotHeapRoom between collections, with a target (GOGC) of at most
// maxPlotGCPercent. After a run of the seed day little is live, so Go's
// default target (the heap doubles, from 4 MB) collects every figure or
// so; on two cores a collection stalls the goroutines drawing, at times
// for milliseconds. With the room, the plots of 200 replications of the
// seed day take a fifth less time on two cores and the same on one, for
// a few megabytes more (README, Performance). A larger target costs more
// than it saves: memory touched for the first time is slow too. A large
// live heap (a county's results) already leaves room, and keeps the
// default.
const (
	plotHeapRoom     = 8 << 20 // bytes
	maxPlotGCPercent = 200
)

// drawingPlots sets the collector's target for drawing plots and returns
// the function that restores it. A GOGC set in the environment is left
// alone.
func drawingPlots() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	// runtime/metrics, not ReadMemStats: that stops the world and takes
	// 1-2 ms the first time, on the way from the last replication to the
	// first plot.
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	if live[0].Value.Kind() != metrics.KindUint64 {
		return func() {}
	}
	pct := plotHeapRoom * 100 / max(live[0].Value.Uint64(), 1)
	old := debug.SetGCPercent(int(min(max(pct, 100), maxPlotGCPercent)))
	return func() { debug.SetGCPercent(old) }
}
