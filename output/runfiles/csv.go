package runfiles

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"vaxsim/sim"
)

// AllSites is the site name of the all-sites rows in daily.csv.
const AllSites = "all"

// MetricNames returns the names of sim.Metrics in contract order.
func MetricNames() []string {
	names := make([]string, sim.NumMetrics)
	for m := range sim.NumMetrics {
		names[m] = sim.Metrics[m].Name
	}
	return names
}

// Daily is the content of daily.csv.
type Daily struct {
	// Metrics names the metric columns in the file's order.
	Metrics []string
	// Rows are in the file's order: as written by WriteDaily, by
	// replication, date and site, the all-sites row last on each date.
	Rows []DailyRow
}

// DailyRow is one replication's values on one date at one site, or at all
// sites if Site is [AllSites].
type DailyRow struct {
	Rep    int
	Date   sim.Date
	Site   string
	Values []float64 // one per metric of Daily.Metrics; NaN if not applicable
}

// Column returns the index in Metrics and in each row's Values of the
// metric called name, or -1 if the file has no such column.
func (d *Daily) Column(name string) int { return slices.Index(d.Metrics, name) }

// Dates returns the first and last dates of the rows; false if there are
// no rows.
func (d *Daily) Dates() (first, last sim.Date, ok bool) {
	if d == nil || len(d.Rows) == 0 {
		return sim.Date{}, sim.Date{}, false
	}
	first, last = d.Rows[0].Date, d.Rows[0].Date
	for _, r := range d.Rows {
		if r.Date.Sub(first) < 0 {
			first = r.Date
		}
		if r.Date.Sub(last) > 0 {
			last = r.Date
		}
	}
	return first, last, true
}

// Replications is the content of replications.csv.
type Replications struct {
	// Metrics names the metric columns in the file's order.
	Metrics []string
	// Rows hold one replication each, in the file's order.
	Rows []Replication
}

// Replication is one replication's horizon totals over all sites.
type Replication struct {
	Rep    int
	Seed   uint64    // master seed
	Values []float64 // one per metric of Replications.Metrics; NaN if not applicable
}

// Column returns the index in Metrics and in each row's Values of the
// metric called name, or -1 if the file has no such column.
func (r *Replications) Column(name string) int { return slices.Index(r.Metrics, name) }

// Values returns the column of the metric called name, one value per
// replication, and whether the file has that metric.
func (r *Replications) Values(name string) ([]float64, bool) {
	j := r.Column(name)
	if j < 0 {
		return nil, false
	}
	xs := make([]float64, len(r.Rows))
	for i, row := range r.Rows {
		xs[i] = row.Values[j]
	}
	return xs, true
}

// WriteDaily writes daily.csv: the header rep,date,site followed by the
// metric names in contract order, then one row per replication, date
// (YYYY-MM-DD) and site, ordered by the order of results, then date, then
// site in r.Sites order with the all-sites row, named "all", last. Lines
// end in "\n"; NaN values are empty cells. It returns the error of
// [CheckResults] without writing anything if the results are not
// consistent.
func WriteDaily(w io.Writer, results []*sim.Result) error {
	if err := CheckResults(results); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(append([]string{"rep", "date", "site"}, MetricNames()...)); err != nil {
		return err
	}
	rec := make([]string, 3+sim.NumMetrics)
	err := eachDailyRow(results, func(r *sim.Result, date sim.Date, site string, vals *sim.Values) error {
		rec[0], rec[1], rec[2] = strconv.Itoa(r.Rep), date.String(), site
		for m, v := range vals {
			rec[3+m] = Cell(v)
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// eachDailyRow calls row for each row of daily.csv, in the file's order:
// by result, date, and site with the all-sites row last. It stops at the
// first error row returns.
func eachDailyRow(results []*sim.Result, row func(r *sim.Result, date sim.Date, site string, vals *sim.Values) error) error {
	for _, r := range results {
		for d, day := range r.Daily {
			date := r.Start.AddDays(d)
			for s := range day {
				site := AllSites
				if s < len(r.Sites) {
					site = r.Sites[s]
				}
				if err := row(r, date, site, &day[s]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// WriteReplications writes replications.csv: the header rep,seed followed
// by the metric names in contract order, then one row per result, in the
// order of results, holding the horizon totals of the all-sites row
// r.Total[r.All()]. Lines end in "\n"; NaN values are empty cells. It
// returns the error of [CheckResults] without writing anything if the
// results are not consistent.
func WriteReplications(w io.Writer, results []*sim.Result) error {
	if err := CheckResults(results); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(append([]string{"rep", "seed"}, MetricNames()...)); err != nil {
		return err
	}
	rec := make([]string, 2+sim.NumMetrics)
	for _, r := range results {
		rec[0] = strconv.Itoa(r.Rep)
		rec[1] = strconv.FormatUint(r.Seed, 10)
		for m, v := range r.Total[r.All()] {
			rec[2+m] = Cell(v)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadDaily reads a daily.csv written by [WriteDaily]. The metric columns
// are those of the file, in its order; empty cells read as NaN. Errors
// give the line.
func ReadDaily(r io.Reader) (*Daily, error) {
	metrics, recs, err := readTable(r, "rep", "date", "site")
	if err != nil {
		return nil, err
	}
	d := &Daily{Metrics: metrics, Rows: make([]DailyRow, 0, len(recs))}
	for _, rec := range recs {
		row := DailyRow{Site: rec.fields[2], Values: rec.values}
		if row.Rep, err = strconv.Atoi(rec.fields[0]); err != nil {
			return nil, rec.errorf("rep: %q is not an integer", rec.fields[0])
		}
		if row.Date, err = sim.ParseDate(rec.fields[1]); err != nil {
			return nil, rec.errorf("date: %v", err)
		}
		if row.Site == "" {
			return nil, rec.errorf("site is empty")
		}
		d.Rows = append(d.Rows, row)
	}
	return d, nil
}

// DailyOf returns the table that [ReadDaily] reads from what [WriteDaily]
// writes for results, without the text in between: a value the file
// cannot hold (infinite) is NaN, as an empty cell reads, and negative
// zero is zero, as it is written.
func DailyOf(results []*sim.Result) *Daily {
	d := &Daily{Metrics: MetricNames()}
	n := 0
	for _, r := range results {
		for _, day := range r.Daily {
			n += len(day)
		}
	}
	d.Rows = make([]DailyRow, 0, n)
	values := make([]float64, 0, n*int(sim.NumMetrics))
	eachDailyRow(results, func(r *sim.Result, date sim.Date, site string, vals *sim.Values) error {
		start := len(values)
		for _, v := range vals {
			switch {
			case missing(v):
				v = math.NaN()
			case v == 0:
				v = 0
			}
			values = append(values, v)
		}
		d.Rows = append(d.Rows, DailyRow{Rep: r.Rep, Date: date, Site: site, Values: values[start:len(values):len(values)]})
		return nil
	})
	return d
}

// ReadReplications reads a replications.csv written by
// [WriteReplications]. The metric columns are those of the file, in its
// order; empty cells read as NaN. Errors give the line.
func ReadReplications(r io.Reader) (*Replications, error) {
	metrics, recs, err := readTable(r, "rep", "seed")
	if err != nil {
		return nil, err
	}
	reps := &Replications{Metrics: metrics, Rows: make([]Replication, 0, len(recs))}
	for _, rec := range recs {
		var row Replication
		if row.Rep, err = strconv.Atoi(rec.fields[0]); err != nil {
			return nil, rec.errorf("rep: %q is not an integer", rec.fields[0])
		}
		if row.Seed, err = strconv.ParseUint(rec.fields[1], 10, 64); err != nil {
			return nil, rec.errorf("seed: %q is not an unsigned integer", rec.fields[1])
		}
		row.Values = rec.values
		reps.Rows = append(reps.Rows, row)
	}
	return reps, nil
}

// record is a data row: its leading fields, its metric values and its line.
type record struct {
	line   int
	fields []string
	values []float64
}

func (r record) errorf(format string, args ...any) error {
	return fmt.Errorf("line %d: %s", r.line, fmt.Sprintf(format, args...))
}

// readTable reads a CSV table whose header starts with the columns lead
// and goes on with distinct, non-empty metric names, and parses the metric
// cells of every row.
func readTable(r io.Reader, lead ...string) (metrics []string, recs []record, err error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, errors.New("line 1: missing header")
	}
	if err != nil {
		return nil, nil, err
	}
	if len(header) < len(lead) || !slices.Equal(header[:len(lead)], lead) {
		return nil, nil, fmt.Errorf("line 1: header %q does not start with %q", header, lead)
	}
	metrics = header[len(lead):]
	for j, name := range metrics {
		if name == "" {
			return nil, nil, fmt.Errorf("line 1: column %d has no name", len(lead)+j+1)
		}
		if slices.Index(metrics, name) < j {
			return nil, nil, fmt.Errorf("line 1: column %q appears twice", name)
		}
	}
	for {
		fields, err := cr.Read()
		if err == io.EOF {
			return metrics, recs, nil
		}
		if err != nil {
			return nil, nil, err // a *csv.ParseError gives the line
		}
		line, _ := cr.FieldPos(0)
		rec := record{line: line, fields: fields[:len(lead)], values: make([]float64, len(metrics))}
		for j, s := range fields[len(lead):] {
			if rec.values[j], err = ParseCell(s); err != nil {
				return nil, nil, rec.errorf("%s: %q is not a number", metrics[j], s)
			}
		}
		recs = append(recs, rec)
	}
}
