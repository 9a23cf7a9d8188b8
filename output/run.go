package output

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

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
// scenario summary.json names), drawn as [WritePlots] draws them; the
// files are written while the last figures are finished.
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
	// The summary and the three files, at once, then the manifest: in
	// goroutines, started by writeFiles. Drawing works the processor,
	// writing waits mostly on the disk (each file is synced).
	errs := make([]error, 4)
	filesDone := make(chan struct{})
	writeFiles := sync.OnceFunc(func() {
		go func() {
			defer close(filesDone)
			if run.Summary == nil {
				run.Summary = Summarize(run.Results)
			}
			sum, man := run.Summary, run.Manifest
			files := []struct {
				name  string
				write func(io.Writer) error
			}{
				{SummaryFile, func(w io.Writer) error { return WriteSummary(w, sum) }},
				{DailyFile, func(w io.Writer) error { return WriteDaily(w, run.Results) }},
				{ReplicationsFile, func(w io.Writer) error { return WriteReplications(w, run.Results) }},
			}
			var wg sync.WaitGroup
			for i, f := range files {
				wg.Go(func() { errs[i] = WriteFile(filepath.Join(dir, f.name), f.write) })
			}
			wg.Wait()
			if firstError(errs) == nil {
				errs[3] = WriteFile(filepath.Join(dir, ManifestFile), func(w io.Writer) error { return WriteManifest(w, man) })
			}
		}()
	})
	// With plots, the files are started with the last PNG figure: on
	// two cores their writing fills the gap while the last figures are
	// finished, where at the start it would hold back the drawing.
	var plotErr error
	if run.Plots {
		_, plotErr = writePlots(filepath.Join(dir, PlotsDir), figs, writeFiles)
	}
	writeFiles()
	<-filesDone
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

// WriteFile writes the file at path with write, atomically: write writes
// to a new temporary file in path's folder, which is flushed, synced and
// renamed to path with permissions 0644. If write or any step fails, the
// temporary file is removed and a file already at path is left as it was.
// The error names path.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return fmt.Errorf("output: writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			err = fmt.Errorf("output: writing %s: %w", path, err)
		}
	}()
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
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
