package output

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"sync"

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

// WriteRun writes the result folder dir whole: summary.json,
// summary.csv, daily.csv, replications.csv, with run.Plots the folder
// plots, and last manifest.json, which lists the SHA-256 of each data
// file (Manifest.Files) so that readers can tell that they belong
// together. The folder is replaced in one step (ReplaceFolder): a reader,
// or a process killed at any instant, finds the old folder or the new
// one, never a mixture, and files of the old folder (an old report.html)
// do not stay beside the new ones. A folder holding files vaxsim did not
// write is refused (CheckFolder says which). Inconsistent results (see
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
	if err := foreignFiles(dir); err != nil {
		return err
	}
	return ReplaceFolder(dir, func(tmp string) error { return writeRun(tmp, run, figs) })
}

// writeRun writes the files of run, and the figures figs, into the empty
// folder dir.
func writeRun(dir string, run *Run, figs []*plot.Figure) error {
	var mu sync.Mutex
	hashes := map[string]string{}
	write := func(name string, w func(io.Writer) error) func() error {
		return func() (err error) {
			defer func() { // a defect in writing is the run's error, not a crash
				if v := recover(); v != nil {
					err = fmt.Errorf("internal error writing %s: %v", name, v)
				}
			}()
			h := sha256.New()
			err = files.Write(filepath.Join(dir, name), func(f io.Writer) error { return w(io.MultiWriter(f, h)) })
			mu.Lock()
			hashes[name] = hex.EncodeToString(h.Sum(nil))
			mu.Unlock()
			return err
		}
	}
	var g errgroup.Group
	g.Go(write(runfiles.SummaryFile, func(w io.Writer) error { return runfiles.WriteSummary(w, run.Summary) }))
	g.Go(write(runfiles.SummaryCSVFile, func(w io.Writer) error { return runfiles.WriteSummaryCSV(w, run.Summary) }))
	g.Go(write(runfiles.DailyFile, func(w io.Writer) error { return runfiles.WriteDaily(w, run.Results) }))
	g.Go(write(runfiles.ReplicationsFile, func(w io.Writer) error { return runfiles.WriteReplications(w, run.Results) }))
	if run.Plots {
		if _, err := plot.Write(filepath.Join(dir, plot.Dir), figs); err != nil {
			g.Wait()
			return err
		}
	}
	if err := g.Wait(); err != nil {
		return err
	}
	run.Manifest.Files = hashes
	return files.Write(filepath.Join(dir, runfiles.ManifestFile), func(w io.Writer) error { return runfiles.WriteManifest(w, run.Manifest) })
}
