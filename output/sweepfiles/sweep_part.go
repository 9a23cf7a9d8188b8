package sweepfiles

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"vaxsim/output/runfiles"
	"vaxsim/sim"
)

// partWarning starts a warning line of a part file.
const partWarning = "# warning: "

// PointResult is the result of one point of a sweep: the horizon totals of
// every replication, the content of one part file.
type PointResult struct {
	// Point is the point's id.
	Point int
	// Metrics names the metric columns in order.
	Metrics []string
	// Reps hold one replication each, ordered by replication, with the
	// totals of all sites.
	Reps []runfiles.Replication
	// Warnings are the replications' warnings, each once, with the
	// replications it appeared in, as in [Manifest.Warnings].
	Warnings []string
}

// NewPointResult returns point id's result from its replications, ordered
// by replication: the all-sites horizon totals r.Total[r.All()] of each,
// with the metrics of sim.Metrics. It returns the error of [CheckResults]
// if the results are not consistent.
func NewPointResult(id int, results []*sim.Result) (*PointResult, error) {
	if err := runfiles.CheckResults(results); err != nil {
		return nil, err
	}
	p := &PointResult{Point: id, Metrics: runfiles.MetricNames(), Reps: make([]runfiles.Replication, len(results))}
	for i, r := range results {
		p.Reps[i] = runfiles.Replication{Rep: r.Rep, Seed: r.Seed, Values: append([]float64(nil), r.Total[r.All()][:]...)}
	}
	p.Warnings = runfiles.NewManifest(results).Warnings
	return p, nil
}

// Check reports whether p is a complete result of point id with reps
// replications: replications 0 to reps-1 in order, each with one value
// per metric.
func (p *PointResult) Check(id, reps int) error {
	if p.Point != id {
		return fmt.Errorf("holds point %d, not %d", p.Point, id)
	}
	if len(p.Reps) != reps {
		return fmt.Errorf("point %d has %d replications, want %d", id, len(p.Reps), reps)
	}
	for i, r := range p.Reps {
		if r.Rep != i {
			return fmt.Errorf("point %d: replication %d where %d belongs", id, r.Rep, i)
		}
		if len(r.Values) != len(p.Metrics) {
			return fmt.Errorf("point %d: replication %d has %d values for %d metrics", id, i, len(r.Values), len(p.Metrics))
		}
	}
	return nil
}

// PartName returns the name of point id's part file in PartsDir:
// "point-000042.csv" for point 42 (more digits past 999999).
func PartName(id int) string { return fmt.Sprintf("point-%06d.csv", id) }

// parsePartName returns the point id of a part file's name, and false if
// name is not one that [PartName] makes.
func parsePartName(name string) (int, bool) {
	s, ok := strings.CutPrefix(name, "point-")
	if !ok {
		return 0, false
	}
	s, ok = strings.CutSuffix(s, ".csv")
	id, err := strconv.Atoi(s)
	if !ok || err != nil || id < 0 || PartName(id) != name {
		return 0, false
	}
	return id, true
}

// WritePart writes p as a part file: a line "# warning: TEXT" for each
// warning, then a CSV table with the header point,rep,seed followed by the
// metric names and one row per replication, formatted as replications.csv
// is (NaN as an empty cell). Newlines in a warning are written as spaces.
func WritePart(w io.Writer, p *PointResult) error {
	bw := bufio.NewWriter(w)
	for _, warning := range p.Warnings {
		bw.WriteString(partWarning + strings.Join(strings.Fields(warning), " ") + "\n")
	}
	sw := newSweepRowWriter(bw, p.Metrics)
	if err := sw.writeRows(p); err != nil {
		return err
	}
	sw.cw.Flush()
	if err := sw.cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// ReadPart reads a part file written by [WritePart]. All rows must belong
// to one point; the file must hold at least one row. Errors give the line.
func ReadPart(r io.Reader) (*PointResult, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		return nil, fmt.Errorf("line %d: the last line is cut short", 1+bytes.Count(data, []byte("\n")))
	}
	p := new(PointResult)
	for i, line := range bytes.Split(data, []byte("\n")) {
		if !bytes.HasPrefix(line, []byte("#")) {
			continue
		}
		text, ok := strings.CutPrefix(string(line), partWarning)
		if !ok {
			return nil, fmt.Errorf("line %d: a comment that is not a warning", i+1)
		}
		p.Warnings = append(p.Warnings, text)
	}
	res, err := ReadResults(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if len(res.Rows) == 0 {
		return nil, errors.New("no replications")
	}
	p.Point, p.Metrics = res.Rows[0].Point, res.Metrics
	for _, row := range res.Rows {
		if row.Point != p.Point {
			return nil, fmt.Errorf("line %d: point %d in the file of point %d", row.Line, row.Point, p.Point)
		}
		p.Reps = append(p.Reps, runfiles.Replication{Rep: row.Rep, Seed: row.Seed, Values: row.Values})
	}
	return p, nil
}

// sweepRowWriter writes the rows of results.csv and of part files.
type sweepRowWriter struct {
	cw      *csv.Writer
	metrics []string
	header  bool
	rec     []string
}

func newSweepRowWriter(w io.Writer, metrics []string) *sweepRowWriter {
	return &sweepRowWriter{cw: csv.NewWriter(w), metrics: metrics, rec: make([]string, 3+len(metrics))}
}

// writeRows writes the header, the first time, and p's rows.
func (s *sweepRowWriter) writeRows(p *PointResult) error {
	if !slices.Equal(p.Metrics, s.metrics) {
		return fmt.Errorf("point %d has the metrics %q, not %q", p.Point, p.Metrics, s.metrics)
	}
	if err := s.writeHeader(); err != nil {
		return err
	}
	s.rec[0] = strconv.Itoa(p.Point)
	for _, r := range p.Reps {
		if len(r.Values) != len(s.metrics) {
			return fmt.Errorf("point %d: replication %d has %d values for %d metrics", p.Point, r.Rep, len(r.Values), len(s.metrics))
		}
		s.rec[1] = strconv.Itoa(r.Rep)
		s.rec[2] = strconv.FormatUint(r.Seed, 10)
		for m, v := range r.Values {
			s.rec[3+m] = runfiles.Cell(v)
		}
		if err := s.cw.Write(s.rec); err != nil {
			return err
		}
	}
	return nil
}

func (s *sweepRowWriter) writeHeader() error {
	if s.header {
		return nil
	}
	s.header = true
	return s.cw.Write(append([]string{"point", "rep", "seed"}, s.metrics...))
}
