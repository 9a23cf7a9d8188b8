package sweep

import (
	"errors"
	"io"
	"os"
	"path/filepath"

	"vaxsim/output/files"
	"vaxsim/output/runfiles"
	"vaxsim/output/sweepfiles"
)

// checkFolder refuses a folder that holds another sweep, or parts of an
// unknown one, and warns if its sweep was made by another version of
// vaxsim.
func checkFolder(o *Options, dir string, def *sweepfiles.Sweep) error {
	old, err := files.Read(filepath.Join(dir, sweepfiles.SweepFile), sweepfiles.ReadSweep)
	if errors.Is(err, os.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(dir, runfiles.ManifestFile)); err == nil {
			return inputf("sweep: %s holds the results of a run; choose another --out", dir)
		}
		parts, err := sweepfiles.ScanParts(dir)
		if err != nil {
			return &InputError{err}
		}
		if len(parts) > 0 {
			return inputf("%s holds the parts of a sweep but not its %s, so nobody can tell which sweep; choose another folder",
				dir, sweepfiles.SweepFile)
		}
		return nil
	}
	if err != nil {
		return inputf("sweep: %w", err)
	}
	if why := def.Mismatch(old); why != "" {
		return inputf("sweep: %s holds another sweep: %s; choose another --out", dir, why)
	}
	if old.Version != def.Version {
		o.logf("warning: %s was started by vaxsim %s; this is %s", dir, old.Version, def.Version)
	}
	return nil
}

// pointsToRun returns the points of mine that have no part file in dir,
// in order. A part file that does not read as a whole point of def is run
// again, with a warning.
func pointsToRun(o *Options, dir string, def *sweepfiles.Sweep, mine []int) ([]int, error) {
	done, err := sweepfiles.ScanParts(dir)
	if err != nil {
		return nil, &InputError{err}
	}
	var todo []int
	for _, id := range mine {
		path, ok := done[id]
		if !ok {
			todo = append(todo, id)
			continue
		}
		p, err := files.Read(path, sweepfiles.ReadPart)
		if err == nil {
			err = p.Check(id, def.Replications)
		}
		if err != nil {
			o.logf("warning: point %d will run again: %v", id, err)
			todo = append(todo, id)
		}
	}
	return todo, nil
}

// removeFinalLeftovers removes the temporary files that a process killed
// while writing the finished sweep's files (results.csv, summary.csv,
// manifest.json) left in dir. Only the process that finishes a sweep
// writes those, so no other shard's files are touched.
func removeFinalLeftovers(dir string) {
	for _, name := range []string{sweepfiles.SweepResultsFile, sweepfiles.SweepSummaryFile, runfiles.ManifestFile} {
		stale, _ := filepath.Glob(filepath.Join(dir, "."+name+".tmp-*"))
		for _, f := range stale {
			os.Remove(f)
		}
	}
}

// startFolder writes sweep.json and points.csv into dir, makes the parts
// folder and removes the temporary files that writes of the points todo
// may have left when a process was killed. It leaves other points'
// temporary files alone: another shard may be writing them.
func startFolder(dir string, def *sweepfiles.Sweep, todo []int) error {
	parts := filepath.Join(dir, sweepfiles.PartsDir)
	if err := os.MkdirAll(parts, 0o755); err != nil {
		return err
	}
	if err := files.Write(filepath.Join(dir, sweepfiles.SweepFile), func(w io.Writer) error { return sweepfiles.WriteSweep(w, def) }); err != nil {
		return err
	}
	if err := files.Write(filepath.Join(dir, sweepfiles.PointsFile), func(w io.Writer) error { return sweepfiles.WritePoints(w, def) }); err != nil {
		return err
	}
	for _, id := range todo {
		stale, _ := filepath.Glob(filepath.Join(parts, "."+sweepfiles.PartName(id)+".tmp-*"))
		for _, f := range stale {
			os.Remove(f)
		}
	}
	removeFinalLeftovers(dir)
	return files.SyncDir(dir)
}
