package plot

import (
	"errors"
	"io/fs"
	"path/filepath"

	"vaxsim/output/files"
	"vaxsim/output/runfiles"
	"vaxsim/output/sweepfiles"
)

// FolderFigures returns the figures of the result folder dir, drawn from
// its files: those of a sweep ([SweepFigures]) if dir holds a sweep's
// sweep.json, else those of a run ([RunFigures]).
func FolderFigures(dir string) ([]*Figure, error) {
	def, err := files.Read(filepath.Join(dir, sweepfiles.SweepFile), sweepfiles.ReadSweep)
	if errors.Is(err, fs.ErrNotExist) {
		rf, err := runfiles.ReadFolder(dir)
		if err != nil {
			return nil, err
		}
		return RunFigures(rf.Summary.Scenario, rf.Daily)
	}
	if err != nil {
		return nil, err
	}
	pts, err := files.Read(filepath.Join(dir, sweepfiles.PointsFile), sweepfiles.ReadPoints)
	if err != nil {
		return nil, err
	}
	sums, err := files.Read(filepath.Join(dir, sweepfiles.SweepSummaryFile), sweepfiles.ReadSummary)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New(dir + " is a sweep folder without its " + sweepfiles.SweepSummaryFile + ": the sweep is not finished (run its remaining shards, then vaxsim merge)")
	}
	if err != nil {
		return nil, err
	}
	return SweepFigures(def.Scenario, pts, sums)
}
