package plot

import (
	"vaxsim/output/runfiles"
	"vaxsim/output/sweepfiles"
)

// FolderFigures returns the figures of the result folder dir, drawn from
// its files: those of a sweep ([SweepFigures]) if dir holds a sweep, else
// those of a run ([RunFigures]).
func FolderFigures(dir string) ([]*Figure, error) {
	if sweepfiles.IsFolder(dir) {
		sf, err := sweepfiles.ReadFolder(dir)
		if err != nil {
			return nil, err
		}
		return SweepFigures(sf.Sweep.Scenario, sf.Points, sf.Summary)
	}
	rf, err := runfiles.ReadFolder(dir)
	if err != nil {
		return nil, err
	}
	return RunFigures(rf.Summary.Scenario, rf.Daily)
}
