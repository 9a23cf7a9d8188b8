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
		dir, plots, err := folderArg("plot", args, *out, plot.Dir)
		if err != nil {
			return err
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

// folderArg returns the one result folder that command cmd takes in args,
// and the path it writes: out, or name inside the folder.
func folderArg(cmd string, args []string, out, name string) (dir, path string, err error) {
	if len(args) != 1 {
		return "", "", usagef("%s: one result folder, not %d (see 'vaxsim help %s')", cmd, len(args), cmd)
	}
	if out == "" {
		out = filepath.Join(args[0], name)
	}
	return args[0], out, nil
}
