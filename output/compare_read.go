package output

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The files of a sweep folder that compare reads (the sweep command
// writes them): points.csv lists the points (point, seed, then one column
// per varied key holding the point's value); results.csv holds the
// replications (point, rep, seed, then the metrics' horizon totals).
const (
	sweepPointsName  = "points.csv"
	sweepResultsName = "results.csv"
	sweepDefName     = "sweep.json"
)

// ResultSet is what compare reads from a result folder: the
// per-replication horizon totals of a run, or of each point of a sweep.
type ResultSet struct {
	// Dir is the folder read.
	Dir string
	// Scenario is the scenario's name, from summary.json or manifest.json;
	// empty if the folder holds neither.
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
	Reps *Replications
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
// sweep.json or manifest.json, the first found. It reads nothing else and
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
	if exists(filepath.Join(dir, sweepResultsName)) {
		if err := s.readSweep(); err != nil {
			return nil, err
		}
		return s, nil
	}
	path := filepath.Join(dir, ReplicationsFile)
	if !exists(path) {
		return nil, fmt.Errorf("%s holds neither %s (a run) nor %s (a sweep): not a vaxsim result folder", dir, ReplicationsFile, sweepResultsName)
	}
	reps, err := ReadFile(path, ReadReplications)
	if err != nil {
		return nil, err
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
	for _, name := range []string{SummaryFile, sweepDefName, ManifestFile} {
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

// readSweep reads points.csv and results.csv. Points are named by the
// first column of each; a seed column after it in points.csv is not a
// varied key.
func (s *ResultSet) readSweep() error {
	pointsPath := filepath.Join(s.Dir, sweepPointsName)
	pts, err := readCSVFile(pointsPath)
	if err != nil {
		return err
	}
	keys := 1
	if len(pts) > 0 && len(pts[0]) > 1 && pts[0][1] == "seed" {
		keys = 2
	}
	if len(pts) < 1 || len(pts[0]) <= keys {
		return fmt.Errorf("%s: want a header with a point column and at least one varied key", pointsPath)
	}
	s.Vary = slices.Clone(pts[0][keys:])
	byID := map[string]int{}
	for i, rec := range pts[1:] {
		if _, dup := byID[rec[0]]; dup {
			return fmt.Errorf("%s: line %d: point %q appears twice", pointsPath, i+2, rec[0])
		}
		byID[rec[0]] = len(s.Points)
		s.Points = append(s.Points, Point{ID: rec[0], Values: slices.Clone(rec[keys:])})
	}

	resultsPath := filepath.Join(s.Dir, sweepResultsName)
	metrics, recs, err := readTableFile(resultsPath, "point", "rep", "seed")
	if err != nil {
		return err
	}
	for i := range s.Points {
		s.Points[i].Reps = &Replications{Metrics: metrics}
	}
	for _, rec := range recs {
		at, ok := byID[rec.fields[0]]
		if !ok {
			return fmt.Errorf("%s: %w", resultsPath, rec.errorf("point %q is not in %s", rec.fields[0], sweepPointsName))
		}
		row := Replication{Values: rec.values}
		if row.Rep, err = strconv.Atoi(rec.fields[1]); err != nil {
			return fmt.Errorf("%s: %w", resultsPath, rec.errorf("rep: %q is not an integer", rec.fields[1]))
		}
		if row.Seed, err = strconv.ParseUint(rec.fields[2], 10, 64); err != nil {
			return fmt.Errorf("%s: %w", resultsPath, rec.errorf("seed: %q is not an unsigned integer", rec.fields[2]))
		}
		p := &s.Points[at]
		p.Reps.Rows = append(p.Reps.Rows, row)
	}
	return nil
}

// readTableFile reads the CSV table at path with [readTable].
func readTableFile(path string, lead ...string) ([]string, []record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	metrics, recs, err := readTable(bufio.NewReader(f), lead...)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return metrics, recs, nil
}

// readCSVFile reads every record of a CSV file, each with as many fields
// as the first.
func readCSVFile(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return recs, nil
}
