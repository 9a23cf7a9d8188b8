package compare

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"vaxsim/output/files"
	"vaxsim/output/runfiles"
	"vaxsim/output/sweepfiles"
)

// ResultSet is what compare reads from a result folder: the
// per-replication horizon totals of a run, or of each point of a sweep.
type ResultSet struct {
	// Dir is the folder read.
	Dir string
	// Scenario is the scenario's name, from summary.json, sweep.json or
	// manifest.json; empty if the folder holds none of them.
	Scenario string
	// Vary names a sweep's varied keys in the order of points.csv; it is
	// nil for a run.
	Vary []string
	// Points are a sweep's points in the order of points.csv; a run has
	// one point, with no values.
	Points []Point
}

// Point is one point of a sweep, or the single point of a run.
type Point struct {
	// ID is the point's identifier in the sweep's files; empty for a run.
	ID string
	// Values holds the point's value of each varied key, as written in
	// points.csv, one per ResultSet.Vary.
	Values []string
	// Reps holds the point's replications.
	Reps *runfiles.Replications
}

// Sweep reports whether s was read from a sweep folder.
func (s *ResultSet) Sweep() bool { return s.Vary != nil }

// Label returns the point's varied values as "key=value, key=value", keys
// as named by vary; it is empty for a run's point.
func (p *Point) Label(vary []string) string {
	parts := make([]string, len(vary))
	for i, k := range vary {
		parts[i] = k + "=" + p.Values[i]
	}
	return strings.Join(parts, ", ")
}

// ReadResultSet reads the result folder dir: a sweep folder if it holds
// results.csv (with points.csv), otherwise a run folder, which must hold
// replications.csv. The scenario's name comes from summary.json,
// sweep.json or manifest.json, the first found. A run folder's files must
// be those its manifest lists (runfiles.Verify). It reads nothing else and
// runs nothing. Errors name the folder or file.
func ReadResultSet(dir string) (*ResultSet, error) {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: no such folder", dir)
	case err != nil:
		return nil, err
	case !info.IsDir():
		return nil, fmt.Errorf("%s is a file, not a result folder", dir)
	}
	s := &ResultSet{Dir: dir}
	if s.Scenario, err = scenarioName(dir); err != nil {
		return nil, err
	}
	if exists(filepath.Join(dir, sweepfiles.SweepResultsFile)) {
		if err := s.readSweep(); err != nil {
			return nil, err
		}
		return s, nil
	}
	path := filepath.Join(dir, runfiles.ReplicationsFile)
	if !exists(path) {
		return nil, fmt.Errorf("%s holds neither %s (a run) nor %s (a sweep): not a vaxsim result folder", dir, runfiles.ReplicationsFile, sweepfiles.SweepResultsFile)
	}
	reps, err := files.Read(path, runfiles.ReadReplications)
	if err != nil {
		return nil, err
	}
	if m, err := files.Read(filepath.Join(dir, runfiles.ManifestFile), runfiles.ReadManifest); err == nil {
		if err := runfiles.Verify(dir, m, runfiles.SummaryFile, runfiles.ReplicationsFile); err != nil {
			return nil, err
		}
	}
	s.Points = []Point{{Reps: reps}}
	return s, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// scenarioName reads the "scenario" member of summary.json, sweep.json or
// manifest.json in dir, the first found; "" if none exists.
func scenarioName(dir string) (string, error) {
	for _, name := range []string{runfiles.SummaryFile, sweepfiles.SweepFile, runfiles.ManifestFile} {
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		var head struct {
			Scenario string `json:"scenario"`
		}
		if err := json.Unmarshal(data, &head); err != nil {
			return "", fmt.Errorf("%s: %w", path, err)
		}
		return head.Scenario, nil
	}
	return "", nil
}

// readSweep reads points.csv and results.csv (see [sweepfiles.ReadPoints] and
// [sweepfiles.ReadResults]).
func (s *ResultSet) readSweep() error {
	pts, err := files.Read(filepath.Join(s.Dir, sweepfiles.PointsFile), sweepfiles.ReadPoints)
	if err != nil {
		return err
	}
	resultsPath := filepath.Join(s.Dir, sweepfiles.SweepResultsFile)
	res, err := files.Read(resultsPath, sweepfiles.ReadResults)
	if err != nil {
		return err
	}
	s.Vary = pts.Keys
	byID := map[int]int{}
	for _, p := range pts.Rows {
		byID[p.Point] = len(s.Points)
		s.Points = append(s.Points, Point{ID: strconv.Itoa(p.Point), Values: p.Values, Reps: &runfiles.Replications{Metrics: res.Metrics}})
	}
	for _, row := range res.Rows {
		at, ok := byID[row.Point]
		if !ok {
			return fmt.Errorf("%s: line %d: point %d is not in %s", resultsPath, row.Line, row.Point, sweepfiles.PointsFile)
		}
		reps := s.Points[at].Reps
		reps.Rows = append(reps.Rows, runfiles.Replication{Rep: row.Rep, Seed: row.Seed, Values: row.Values})
	}
	return nil
}
