package sweepfiles

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"vaxsim/output/runfiles"
	"vaxsim/output/stats"
)

// Writer writes results.csv and summary.csv of a sweep, one point at
// a time, so a sweep of any size is reduced in constant memory. The rows
// follow the order of the calls to [Writer.Add]; add points in id
// order for the files of the sweep command.
//
// results.csv has the header point,rep,seed followed by the metric names,
// and one row per point and replication with the horizon totals of all
// sites, formatted as replications.csv is (NaN as an empty cell).
//
// summary.csv has the header of runfiles.StatHeader
// (point,site,metric,n,mean,sd,ci95_low,ci95_high), as a run's
// summary.csv, and one row per point and metric, in the order of the
// metrics, site "all": the statistics of [stats.Describe] over the
// point's replications.
type Writer struct {
	rows    *sweepRowWriter
	sum     *csv.Writer
	metrics []string
	header  bool
	xs      []float64
}

// NewWriter returns a writer of results.csv to results and of
// summary.csv to summary, with the metric columns metrics.
func NewWriter(results, summary io.Writer, metrics []string) *Writer {
	return &Writer{rows: newSweepRowWriter(results, metrics), sum: csv.NewWriter(summary), metrics: metrics}
}

// Add writes p's rows to results.csv and its statistics to summary.csv.
// p's metrics must be the writer's.
func (w *Writer) Add(p *PointResult) error {
	if err := w.rows.writeRows(p); err != nil {
		return err
	}
	if err := w.writeHeader(); err != nil {
		return err
	}
	point := strconv.Itoa(p.Point)
	for m, name := range w.metrics {
		w.xs = w.xs[:0]
		for _, r := range p.Reps {
			w.xs = append(w.xs, r.Values[m])
		}
		s := stats.Describe(w.xs)
		if err := w.sum.Write(runfiles.StatRecord(point, runfiles.AllSites, name, s)); err != nil {
			return err
		}
	}
	return nil
}

func (w *Writer) writeHeader() error {
	if w.header {
		return nil
	}
	w.header = true
	return w.sum.Write(runfiles.StatHeader)
}

// Flush writes the headers if no point was added and flushes both files.
func (w *Writer) Flush() error {
	if err := w.rows.writeHeader(); err != nil {
		return err
	}
	if err := w.writeHeader(); err != nil {
		return err
	}
	w.rows.cw.Flush()
	w.sum.Flush()
	return errors.Join(w.rows.cw.Error(), w.sum.Error())
}

// Results is the content of results.csv (or of a part file).
type Results struct {
	// Metrics names the metric columns in the file's order.
	Metrics []string
	// Rows hold one point and replication each, in the file's order.
	Rows []ResultRow
}

// ResultRow is one replication of one point.
type ResultRow struct {
	Point  int
	Rep    int
	Seed   uint64    // master seed
	Values []float64 // one per metric of Results.Metrics; NaN if not applicable
	Line   int       // the row's line in the file
}

// Column returns the index in Metrics and in each row's Values of the
// metric called name, or -1 if the file has no such column.
func (r *Results) Column(name string) int { return slices.Index(r.Metrics, name) }

// ReadResults reads a results.csv written by [Writer], or the
// table of a part file: lines starting with '#' are skipped. The metric
// columns are those of the file, in its order; empty cells read as NaN.
// Errors give the line.
func ReadResults(r io.Reader) (*Results, error) {
	res := new(Results)
	header := true
	err := readCSV(r, []string{"point", "rep", "seed"}, true, func(line int, lead, rest []string) error {
		if header {
			header, res.Metrics = false, rest
			return checkNames(rest, 4)
		}
		row := ResultRow{Line: line, Values: make([]float64, len(rest))}
		var err error
		if row.Point, err = strconv.Atoi(lead[0]); err != nil || row.Point < 0 {
			return fmt.Errorf("point: %q is not a point id", lead[0])
		}
		if row.Rep, err = strconv.Atoi(lead[1]); err != nil || row.Rep < 0 {
			return fmt.Errorf("rep: %q is not a replication", lead[1])
		}
		if row.Seed, err = strconv.ParseUint(lead[2], 10, 64); err != nil {
			return fmt.Errorf("seed: %q is not an unsigned integer", lead[2])
		}
		for j, s := range rest {
			if row.Values[j], err = runfiles.ParseCell(s); err != nil {
				return fmt.Errorf("%s: %q is not a number", res.Metrics[j], s)
			}
		}
		res.Rows = append(res.Rows, row)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// PointStat is one row of summary.csv: the statistics of one metric at one
// point. Min and Max are not in the file and read as NaN.
type PointStat struct {
	Point  int
	Site   string // "all": a sweep's statistics are of all sites together
	Metric string
	stats.Stat
}

// ReadSummary reads a summary.csv written by [Writer]: the columns of
// runfiles.StatHeader, or those of an older vaxsim, which had no site
// column (its rows are of all sites). Empty cells read as NaN. Errors
// give the line.
func ReadSummary(r io.Reader) ([]PointStat, error) {
	var out []PointStat
	want := runfiles.StatHeader
	header := true
	err := readCSV(r, want[:1], false, func(line int, lead, rest []string) error {
		rec := append(lead, rest...)
		if header {
			header = false
			if old := slices.Delete(slices.Clone(want), 1, 2); slices.Equal(rec, old) {
				want = old
			}
			if !slices.Equal(rec, want) {
				return fmt.Errorf("header %q, want %q", rec, runfiles.StatHeader)
			}
			return nil
		}
		if len(rec) != len(want) {
			return fmt.Errorf("%d fields, want %d", len(rec), len(want))
		}
		site := runfiles.AllSites
		if len(want) == len(runfiles.StatHeader) {
			site, rec = rec[1], slices.Delete(rec, 1, 2)
		}
		// rec is point, metric, n, mean, sd, ci95_low, ci95_high.
		s := PointStat{Site: site, Metric: rec[1], Stat: stats.Stat{Min: math.NaN(), Max: math.NaN()}}
		var err error
		if s.Point, err = strconv.Atoi(rec[0]); err != nil || s.Point < 0 {
			return fmt.Errorf("point: %q is not a point id", rec[0])
		}
		if s.Metric == "" {
			return errors.New("metric is empty")
		}
		if s.N, err = strconv.Atoi(rec[2]); err != nil || s.N < 0 {
			return fmt.Errorf("n: %q is not a count", rec[2])
		}
		for i, dst := range []*float64{&s.Mean, &s.SD, &s.Low, &s.High} {
			if *dst, err = runfiles.ParseCell(rec[3+i]); err != nil {
				return fmt.Errorf("%s: %q is not a number", runfiles.StatHeader[4+i], rec[3+i])
			}
		}
		out = append(out, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readCSV reads a CSV table whose header starts with the columns lead and
// calls row for the header and for every record, with the record's line,
// its leading fields and the rest. Lines starting with '#' are skipped if
// comments is set. The errors of row are prefixed with the line.
func readCSV(r io.Reader, lead []string, comments bool, row func(line int, lead, rest []string) error) error {
	cr := csv.NewReader(r)
	if comments {
		cr.Comment = '#'
	}
	cr.ReuseRecord = false
	first := true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			if first {
				return errors.New("missing header")
			}
			return nil
		}
		if err != nil {
			return err // a *csv.ParseError gives the line
		}
		line, _ := cr.FieldPos(0)
		if first {
			if len(rec) < len(lead) || !slices.Equal(rec[:len(lead)], lead) {
				return fmt.Errorf("line %d: header %q does not start with %q", line, rec, lead)
			}
			first = false
		}
		if err := row(line, rec[:len(lead)], rec[len(lead):]); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
}

// checkNames checks that metric column names are non-empty and distinct;
// first is the column number of the first.
func checkNames(names []string, first int) error {
	for j, name := range names {
		if name == "" {
			return fmt.Errorf("column %d has no name", first+j)
		}
		if slices.Index(names, name) < j {
			return fmt.Errorf("column %q appears twice", name)
		}
	}
	return nil
}
