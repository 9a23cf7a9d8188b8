package output

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/sync/errgroup"

	"vaxsim/output/files"
	"vaxsim/output/plot"
	"vaxsim/output/runfiles"
	"vaxsim/sim"
)

// Run is what [WriteRun] writes: the replications of one run and what was
// made of them.
type Run struct {
	// Results are the replications, ordered by replication.
	Results []*sim.Result
	// Summary is written to summary.json; if nil, WriteRun sets it to
	// runfiles.Summarize(Results) and writes that.
	Summary *runfiles.Summary
	// Manifest is written to manifest.json; if nil, WriteRun sets it to
	// runfiles.NewManifest(Results) and writes that.
	Manifest *runfiles.Manifest
	// Plots makes WriteRun also draw the run's figures (see
	// [plot.RunFigures]) into the folder plot.Dir inside the result
	// folder.
	Plots bool
}

// WriteRun writes summary.json, summary.csv, daily.csv, replications.csv and, last,
// manifest.json into dir, creating dir if needed and replacing files of
// the same names; other files in dir are left alone. Each file is written
// to a temporary name in dir and renamed into place, so a reader sees a
// file whole or not at all, and a folder holding manifest.json holds the
// other three files of the same run. Inconsistent results (see
// [runfiles.CheckResults]) are reported before anything is written. An
// error names the file it concerns.
//
// With run.Plots set, the figures are those that [runfiles.ReadFolder]
// and [plot.RunFigures] give for the folder later, drawn as [plot.Write]
// draws them. The files and the figures are written on all cores.
func WriteRun(dir string, run *Run) error {
	if err := runfiles.CheckResults(run.Results); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if run.Summary == nil {
		run.Summary = runfiles.Summarize(run.Results)
	}
	if run.Manifest == nil {
		run.Manifest = runfiles.NewManifest(run.Results)
	}
	var figs []*plot.Figure
	if run.Plots {
		var err error
		if figs, err = plot.RunFigures(run.Summary.Scenario, runfiles.DailyOf(run.Results)); err != nil {
			return fmt.Errorf("output: plots: %w", err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	write := func(name string, w func(io.Writer) error) func() error {
		return func() error { return files.Write(filepath.Join(dir, name), w) }
	}
	var g errgroup.Group
	g.Go(write(runfiles.SummaryFile, func(w io.Writer) error { return runfiles.WriteSummary(w, run.Summary) }))
	g.Go(write(runfiles.SummaryCSVFile, func(w io.Writer) error { return runfiles.WriteSummaryCSV(w, run.Summary) }))
	g.Go(write(runfiles.DailyFile, func(w io.Writer) error { return runfiles.WriteDaily(w, run.Results) }))
	g.Go(write(runfiles.ReplicationsFile, func(w io.Writer) error { return runfiles.WriteReplications(w, run.Results) }))
	var plotErr error
	if run.Plots {
		_, plotErr = plot.Write(filepath.Join(dir, plot.Dir), figs)
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if err := write(runfiles.ManifestFile, func(w io.Writer) error { return runfiles.WriteManifest(w, run.Manifest) })(); err != nil {
		return err
	}
	return plotErr
}
