package sweep

import (
	"strconv"

	"vaxsim/output/runfiles"
	"vaxsim/output/sweepfiles"
	"vaxsim/output/table"
	"vaxsim/sim"
)

// SummaryTable returns the table of the complete sweep in dir: a row per
// point with its varied values, then the mean and 95% confidence
// interval of each of the metrics named, all sites together, formatted
// as the text summary of a run formats them.
func SummaryTable(dir string, metrics ...string) (*table.Table, error) {
	sf, err := sweepfiles.ReadFolder(dir)
	if err != nil {
		return nil, err
	}
	def, pts, sums := sf.Sweep, sf.Points, sf.Summary
	t := &table.Table{Title: def.Scenario + ": sweep of " + strconv.Itoa(def.Points) + " points, " +
		strconv.Itoa(def.Replications) + " replications each"}
	t.Columns = append(t.Columns, table.Column{Name: "point", CSV: "point"})
	for _, k := range pts.Keys {
		t.Columns = append(t.Columns, table.Column{Name: k, CSV: k})
	}
	for _, m := range metrics {
		t.Columns = append(t.Columns, table.Column{Name: m, CSV: m}, table.Column{CSV: m + "_ci95", Attach: " ", Left: true})
	}
	stat := map[[2]string]sweepfiles.PointStat{}
	for _, s := range sums {
		stat[[2]string{strconv.Itoa(s.Point), s.Metric}] = s
	}
	for _, p := range pts.Rows {
		id := strconv.Itoa(p.Point)
		row := table.Row{Cells: []table.Cell{{Text: id, Raw: id}}}
		for _, v := range p.Values {
			row.Cells = append(row.Cells, table.Cell{Text: v, Raw: v})
		}
		for _, m := range metrics {
			s, ok := stat[[2]string{id, m}]
			info, known := sim.MetricByName(m)
			if !ok || !known {
				row.Cells = append(row.Cells, table.Cell{Text: "–"}, table.Cell{})
				continue
			}
			cells := runfiles.TextRow(sim.Metrics[info], s.Stat, def.Replications)
			row.Cells = append(row.Cells, table.Cell{Text: cells[1], Raw: runfiles.Cell(s.Mean)},
				table.Cell{Text: cells[3], Raw: runfiles.Cell(s.High - s.Mean)})
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}
