package runfiles

import (
	"encoding/csv"
	"io"
	"strconv"

	"vaxsim/output/stats"
)

// SummaryCSVFile is the tidy form of summary.json in a run's folder; a
// sweep's folder has a summary.csv of the same columns.
const SummaryCSVFile = "summary.csv"

// StatHeader is the header of a summary.csv, of a run or of a sweep: one
// row per point, site and metric. A run's rows have an empty point; a
// sweep's are of all sites together.
var StatHeader = []string{"point", "site", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"}

// StatRecord returns the row of summary.csv for the statistics s of the
// metric at point (empty for a run) and site: numbers as in the other
// CSV files, NaN as an empty cell.
func StatRecord(point, site, metric string, s stats.Stat) []string {
	return []string{point, site, metric, strconv.Itoa(s.N), Cell(s.Mean), Cell(s.SD), Cell(s.Low), Cell(s.High)}
}

// WriteSummaryCSV writes s as a run's summary.csv: the header StatHeader,
// then the all-sites rows (site "all") and each site's, every metric of
// s in its order.
func WriteSummaryCSV(w io.Writer, s *Summary) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(StatHeader); err != nil {
		return err
	}
	rows := func(site string, ms []NamedStat) error {
		for _, m := range ms {
			if err := cw.Write(StatRecord("", site, m.Name, m.Stat)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := rows(AllSites, s.Metrics); err != nil {
		return err
	}
	for _, site := range s.Sites {
		if err := rows(site.Site, site.Metrics); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
