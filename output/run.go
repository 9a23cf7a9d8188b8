package output

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"vaxsim/sim"
)

// The names of the files of a result folder.
const (
	SummaryFile      = "summary.json"
	DailyFile        = "daily.csv"
	ReplicationsFile = "replications.csv"
	ManifestFile     = "manifest.json"
)

// Run is what [WriteRun] writes: the replications of one run and what was
// made of them.
type Run struct {
	// Results are the replications, ordered by replication.
	Results []*sim.Result
	// Summary is written to summary.json; if nil, WriteRun sets it to
	// Summarize(Results) and writes that.
	Summary *Summary
	// Manifest is written to manifest.json; if nil, WriteRun sets it to
	// NewManifest(Results) and writes that.
	Manifest *Manifest
	// Plots makes WriteRun also draw the run's figures (see [RunFigures])
	// into the folder PlotsDir inside the result folder, while it writes
	// the files.
	Plots bool
}

// WriteRun writes summary.json, daily.csv, replications.csv and, last,
// manifest.json into dir, creating dir if needed and replacing files of
// the same names; other files in dir are left alone. Each file is written
// to a temporary name in dir and renamed into place, so a reader sees a
// file whole or not at all, and a folder holding manifest.json holds the
// other three files of the same run. Inconsistent results (see
// [CheckResults]) are reported before anything is written. An error names
// the file it concerns.
//
// With run.Plots set, the figures are those that [ReadRunFiles] and
// [RunFigures] give for the folder later (the table daily.csv holds, the
// scenario summary.json names), drawn as [WritePlots] draws them, and
// the files are written while the last figures are finished.
func WriteRun(dir string, run *Run) error {
	if err := CheckResults(run.Results); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if run.Manifest == nil {
		run.Manifest = NewManifest(run.Results)
	}
	var figs []*Figure
	if run.Plots {
		scenario := ""
		if run.Summary != nil {
			scenario = run.Summary.Scenario
		} else if len(run.Results) > 0 {
			scenario = run.Results[0].Scenario // as Summarize names it
		}
		var err error
		if figs, err = RunFigures(scenario, dailyOf(run.Results)); err != nil {
			return fmt.Errorf("output: plots: %w", err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	files := []fileJob{
		{path: filepath.Join(dir, SummaryFile), write: func(w io.Writer) error {
			if run.Summary == nil {
				run.Summary = Summarize(run.Results)
			}
			return WriteSummary(w, run.Summary)
		}},
		{path: filepath.Join(dir, DailyFile), write: func(w io.Writer) error { return WriteDaily(w, run.Results) }},
		{path: filepath.Join(dir, ReplicationsFile), write: func(w io.Writer) error { return WriteReplications(w, run.Results) }},
		{path: filepath.Join(dir, ManifestFile), write: func(w io.Writer) error { return WriteManifest(w, run.Manifest) }, last: true},
	}
	// The figures are drawn first and the files written while the last
	// ones are finished (see fileQueue).
	var plotErr error
	if run.Plots {
		plots := filepath.Join(dir, PlotsDir)
		if err := os.MkdirAll(plots, 0o755); err != nil {
			plotErr = fmt.Errorf("output: %w", err)
		} else {
			files = append(files, figureJobs(plots, figs)...)
		}
	}
	errs := writeFileJobs(files)
	if err := firstError(errs); err != nil {
		return err
	}
	return plotErr
}

// firstError returns the first error of errs that is not nil, or nil.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// ReadFile opens the file at path and reads it with read, for example
// ReadFile(filepath.Join(dir, SummaryFile), ReadSummary). The error names
// path.
func ReadFile[T any](path string, read func(io.Reader) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err // *fs.PathError names path
	}
	defer f.Close()
	v, err := read(bufio.NewReaderSize(f, 64<<10))
	if err != nil {
		var zero T
		return zero, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}
