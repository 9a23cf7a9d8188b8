package compare

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"vaxsim/output/runfiles"
	"vaxsim/output/stats"
	"vaxsim/output/table"
	"vaxsim/sim"
)

// Write renders the comparison's table ([Comparison.Table]) to w in
// format f. In Markdown, for a pull-request comment, the metrics that
// moved come first and the others are folded into a <details> block
// below, unless all is set: then every metric shows in its place, as in
// text and CSV.
func (c *Comparison) Write(w io.Writer, f table.Format, all bool) error {
	if f != table.FormatMarkdown || all {
		return c.Table().Write(w, f)
	}
	moved := c.Table()
	same := &table.Table{Group: moved.Group, Columns: moved.Columns}
	rows := moved.Rows
	moved.Rows = nil
	for i, r := range c.Rows {
		if r.Verdict == Same {
			same.Rows = append(same.Rows, rows[i])
		} else {
			moved.Rows = append(moved.Rows, rows[i])
		}
	}
	if len(moved.Rows) == 0 || len(same.Rows) == 0 {
		moved.Rows = rows
		return moved.Write(w, f)
	}
	if err := moved.Write(w, f); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "\n<details>\n<summary>%s within tolerance or not significant</summary>\n\n", countOf(len(same.Rows), "metric")); err != nil {
		return err
	}
	if err := same.Write(w, f); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n</details>\n")
	return err
}

// Table returns the comparison as a table: one row per metric (grouped by
// point for sweeps) with the base and new means and their 95% intervals,
// the change in percent, the Holm-adjusted p-value and the verdict. Head
// lines say what was compared and how; foot lines count the verdicts.
//
// Text and Markdown round as the summary does (counts to whole numbers
// from 100, waits to one or two decimals, shares as percentages) and show
// p below 0.001 as "<0.001". CSV columns, with numbers in full precision
// and shares as fractions: metric, unit, better (higher, lower or
// neutral), test (paired, welch, exact or none), n_base, base_mean,
// base_ci95 (the half-width of the interval), n_new, new_mean, new_ci95,
// delta, change (a fraction: -0.25 is 25% lower), p, p_holm, tolerance and
// verdict, after a point column for sweeps.
func (c *Comparison) Table() *table.Table {
	t := &table.Table{
		Title: "vaxsim compare",
		Columns: []table.Column{
			{Name: "metric", CSV: "metric", Left: true},
			{Name: "unit", CSV: "unit", Left: true},
			{CSV: "better", CSVOnly: true},
			{CSV: "test", CSVOnly: true},
			{CSV: "n_base", CSVOnly: true},
			{Name: "base", CSV: "base_mean"},
			{CSV: "base_ci95", Attach: "±", Left: true},
			{CSV: "n_new", CSVOnly: true},
			{Name: "new", CSV: "new_mean"},
			{CSV: "new_ci95", Attach: "±", Left: true},
			{CSV: "delta", CSVOnly: true},
			{Name: "change", CSV: "change"},
			{CSV: "p", CSVOnly: true},
			{Name: "p", CSV: "p_holm"},
			{CSV: "tolerance", CSVOnly: true},
			{Name: "verdict", CSV: "verdict", Left: true},
		},
	}
	if c.Base.Scenario != "" {
		t.Title += ": " + c.Base.Scenario
	}
	if c.Vary != nil {
		t.Group = "point"
	}
	t.Head = c.head()
	for _, r := range c.Rows {
		t.Rows = append(t.Rows, table.Row{Group: r.Point, Cells: c.cells(r)})
	}
	t.Foot = []string{c.foot()}
	return t
}

// head describes the sides, the test and the thresholds.
func (c *Comparison) head() []string {
	side := func(s Side) string {
		var parts []string
		switch len(s.Seeds) {
		case 0:
		case 1:
			parts = append(parts, fmt.Sprintf("seed %d", s.Seeds[0]))
		default:
			parts = append(parts, fmt.Sprintf("%d seeds", len(s.Seeds)))
		}
		reps := countOf(s.Replications, "replication")
		if c.Vary != nil {
			reps += " a point"
		}
		return s.Dir + " (" + strings.Join(append(parts, reps), ", ") + ")"
	}
	paired := 0
	for _, p := range c.Points {
		if p.Paired {
			paired++
		}
	}
	var test string
	switch paired {
	case len(c.Points):
		test = "paired t-tests: both sides have the same seed and replications (common random numbers)"
	case 0:
		test = "Welch's t-tests: the sides have different seeds or replications (independent samples)"
	default:
		test = fmt.Sprintf("paired t-tests at %d of %d points (same seed and replications), Welch's at the others", paired, len(c.Points))
	}
	th := c.Thresholds
	sig := fmt.Sprintf("p: after Holm's correction over %s, significant below %s; changes within %s of the base mean do not count",
		countOf(c.Tests, "t-test"), runfiles.FormatNumber(th.Alpha), percent(th.Tolerance))
	var over []string
	for _, r := range c.Rows {
		if tol, ok := th.PerMetric[r.Metric]; ok && r.Point == c.Rows[0].Point {
			over = append(over, r.Metric+" "+percent(tol))
		}
	}
	if len(over) > 0 {
		sig += " (" + strings.Join(over, ", ") + ")"
	}
	lines := []string{"base: " + side(c.Base), "new:  " + side(c.New)}
	if c.Vary != nil {
		lines = append(lines, "sweep of "+strings.Join(c.Vary, ", ")+": "+countOf(len(c.Points), "point")+" in common")
	}
	return append(lines, test, sig)
}

// foot counts the verdicts.
func (c *Comparison) foot() string {
	var parts []string
	for _, v := range []Verdict{Worse, Better, Changed, Untested} {
		if n := c.Count(v); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, verdictWord(v)))
		}
	}
	if len(parts) == 0 {
		return "no significant change beyond tolerance (~ everywhere)"
	}
	return strings.Join(parts, ", ") + "; ~ elsewhere"
}

func verdictWord(v Verdict) string {
	if v == Untested {
		return "not tested (?)"
	}
	return v.String()
}

// cells returns a row's cells in the order of table.Table's columns.
func (c *Comparison) cells(r Comparand) []table.Cell {
	unit, scale, decimals := display(r)
	num := func(v float64, text string) table.Cell { return table.Cell{Text: text, Raw: runfiles.Cell(v)} }
	mean := func(s stats.Stat) table.Cell {
		if s.N == 0 {
			return num(math.NaN(), "n/a")
		}
		return num(s.Mean, table.Grouped(scale*s.Mean, decimals))
	}
	ci := func(s stats.Stat) table.Cell {
		half := (s.High - s.Low) / 2
		if s.N < 2 {
			return num(math.NaN(), "?")
		}
		return num(half, table.Grouped(scale*half, decimals))
	}
	better := "neutral"
	switch r.Better {
	case sim.Higher:
		better = "higher"
	case sim.Lower:
		better = "lower"
	}
	verdict := text(r.Verdict.String())
	verdict.Strong = r.Verdict != Same
	return []table.Cell{
		text(r.Metric),
		{Text: unit, Raw: r.Unit},
		text(better),
		text(r.Method.String()),
		num(float64(r.Base.N), strconv.Itoa(r.Base.N)),
		mean(r.Base),
		ci(r.Base),
		num(float64(r.New.N), strconv.Itoa(r.New.N)),
		mean(r.New),
		ci(r.New),
		num(r.Delta, ""),
		num(r.Change, change(r.Change)),
		num(r.P, ""),
		num(r.PHolm, pValue(r.PHolm)),
		num(r.Tolerance, ""),
		verdict,
	}
}

func text(s string) table.Cell { return table.Cell{Text: s, Raw: s} }

// display returns the unit shown for a row, the factor applied to its
// values and the decimals shown: shares as percentages with one decimal;
// averages with two decimals below 10 and one above; counts and levels
// whole from 100 or when both means are whole, with one decimal otherwise.
// Metrics this version does not know are shown as averages.
func display(r Comparand) (unit string, scale float64, decimals int) {
	big := math.Max(math.Abs(r.Base.Mean), math.Abs(r.New.Mean))
	m, known := sim.MetricByName(r.Metric)
	switch {
	case known && sim.Metrics[m].Unit == "share":
		return "%", 100, 1
	case known && sim.Metrics[m].Agg != sim.Average:
		if big >= 100 || (wholeOrNaN(r.Base.Mean) && wholeOrNaN(r.New.Mean)) {
			return r.Unit, 1, 0
		}
		return r.Unit, 1, 1
	case big >= 10:
		return r.Unit, 1, 1
	}
	return r.Unit, 1, 2
}

func wholeOrNaN(v float64) bool { return math.IsNaN(v) || v == math.Trunc(v) }

// percent formats a fraction as a percentage: 0.02 is "2%".
func percent(f float64) string {
	return strconv.FormatFloat(100*f, 'g', 10, 64) + "%"
}

// change formats a relative change with a sign: "+3.2%", "-0.45%", "0%";
// "n/a" from a base mean of 0 or for a metric not tested.
func change(c float64) string {
	switch {
	case c == 0:
		return "0%"
	case math.IsNaN(c) || math.IsInf(c, 0):
		return "n/a"
	case math.Abs(c) < 0.01:
		return fmt.Sprintf("%+.2f%%", 100*c)
	}
	return fmt.Sprintf("%+.1f%%", 100*c)
}

// pValue formats a p-value with three decimals, "<0.001" below that.
func pValue(p float64) string {
	switch {
	case math.IsNaN(p):
		return "n/a"
	case p < 0.001:
		return "<0.001"
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}
