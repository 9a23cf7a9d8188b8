package plot

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"vaxsim/output/runfiles"
	"vaxsim/output/stats"
	"vaxsim/sim"
)

// Plots are made in two stages. The functions of this file build a
// [Figure] from data read from result files: a plain description (title,
// axes with units, panels of series, boxes or a heat map) that tests can
// inspect. [Figure.Render] then draws a description with gonum/plot, in
// PNG or SVG. Rendering is deterministic: the same description gives the
// same bytes, so `vaxsim plot DIR` redraws exactly what `vaxsim run`
// drew, from the files alone.

// Dir is the folder of a result folder that holds its plots.
const Dir = "plots"

// Limits on what one figure shows, so that it stays readable.
const (
	// MaxPanels is the most sites drawn as small multiples; with more,
	// figures show the all-sites rows only and say so in their caption.
	MaxPanels = 12
	// MaxLines is the most sites drawn as lines in one panel; with more,
	// figures show the all-sites rows only and say so in their caption.
	MaxLines = 8
)

// Figure describes one plot as plain data. It is built from result files
// by [RunFigures] (or by [SweepLineFigure] and [SweepHeatmapFigure] from a
// sweep's statistics) and drawn by [Figure.Render].
type Figure struct {
	// Name is the base name of the figure's files: Name.png, Name.svg.
	Name string
	// Title names the scenario and says what the figure shows.
	Title string
	// Caption says how to read the figure: what the lines, bands and
	// boxes stand for and what data they come from.
	Caption string
	// X and Y are the axes, shared by every panel.
	X, Y Axis
	// Panels are drawn in a grid, in order: one panel, or small
	// multiples (one per site).
	Panels []Panel
}

// AxisKind says what an axis's values are.
type AxisKind uint8

const (
	// Numbers is a linear axis of numbers in Axis.Unit.
	Numbers AxisKind = iota
	// Dates is a time axis: value d is the day Axis.Start plus d days,
	// and ticks are labelled with dates (YYYY-MM-DD).
	Dates
	// Categories is an axis of named categories: value i is
	// Axis.Categories[i].
	Categories
)

// Axis describes an axis: what it measures, in which unit, and how its
// values map to tick labels.
type Axis struct {
	// Label says what the axis measures ("Vaccinated", "Wait").
	Label string
	// Unit is the unit of the values ("doses per day", "min"); for a
	// Dates axis "day". Only a Categories axis may have none.
	Unit string
	// Kind says what the values are.
	Kind AxisKind
	// Start is the date at value 0 of a Dates axis.
	Start sim.Date
	// Categories name the values 0, 1, ... of a Categories axis.
	Categories []string
}

// Text returns the axis label as drawn: "Label (Unit)", or Label alone
// without a unit.
func (a Axis) Text() string {
	if a.Unit == "" {
		return a.Label
	}
	return a.Label + " (" + a.Unit + ")"
}

// Panel is one plot of a figure. It holds series, box groups or a heat
// map (one kind per panel).
type Panel struct {
	// Title names the panel among small multiples (a site); it may be
	// empty for a figure of one panel.
	Title string
	// Series are lines, in drawing order.
	Series []Series
	// Boxes are groups of box plots, one box per category of the X axis
	// in each group; the groups stand side by side.
	Boxes []BoxGroup
	// Heat is a heat map over the categories of both axes.
	Heat *Heat
}

// Series is a line of values with an optional 95% interval at each
// point.
type Series struct {
	// Label names the series in the legend.
	Label string
	// X and Y are the points; NaN values of Y leave a gap.
	X, Y []float64
	// Low and High bound an interval around each Y (the 95% confidence
	// interval of the mean over replications); nil for none. NaN bounds
	// leave the interval out at that point.
	Low, High []float64
	// Bars draws the intervals as error bars rather than a shaded band.
	// A band needs two points or more; a single point gets a bar.
	Bars bool
	// Reference draws the series as a grey dashed line: a capacity or a
	// target rather than an outcome.
	Reference bool
}

// BoxGroup is one box per category of the X axis, drawn in one colour.
type BoxGroup struct {
	// Label names the group in the legend.
	Label string
	// Values[i] are the values summarized by the box of category i; NaN
	// values are left out, and a category with none has no box.
	Values [][]float64
}

// Heat is a grid of values drawn as coloured cells, each labelled with
// its value.
type Heat struct {
	// Values[j][i] is the value at X category i and Y category j; NaN
	// leaves a cell grey.
	Values [][]float64
	// Scale describes the values: the colour bar's label and unit.
	Scale Axis
}

// RunFigures returns the figures of a run, named after scenario and drawn
// from daily.csv, in this order:
//
//   - "vaccinations": doses administered per day against slots offered,
//     one panel per site (and one for all sites), with the 95% confidence
//     interval of the mean over replications as a band;
//   - "wasted-slots": wasted slots per day, one line per site;
//   - "doses": cumulative doses received, administered and wasted, and
//     doses on hand at the end of each day, over all sites;
//   - "backlog": the backlog (eligible, willing, not booked) at the end of
//     each day;
//   - "waits": box plots per site of the days' mean and 95th-percentile
//     waits, over replications and days.
//
// Metrics are found by name; a figure whose metrics daily.csv lacks (or
// holds only empty cells for) is left out. RunFigures returns an error if
// daily.csv has no rows.
func RunFigures(scenario string, d *runfiles.Daily) ([]*Figure, error) {
	t, err := newDailyTable(d)
	if err != nil {
		return nil, err
	}
	var figs []*Figure
	for _, build := range []func(string, *dailyTable) *Figure{
		vaccinationsFigure, wastedSlotsFigure, dosesFigure, backlogFigure, waitsFigure,
	} {
		if f := build(scenario, t); f != nil {
			figs = append(figs, f)
		}
	}
	return figs, nil
}

// dailyTable indexes the rows of daily.csv by replication, day and site.
type dailyTable struct {
	d     *runfiles.Daily
	start sim.Date
	days  int      // days from the first date to the last, both included
	reps  []int    // replication indexes, increasing
	sites []string // site names in the file's order; the all-sites row is index len(sites)
	// row[r][day][s] is the index in d.Rows of replication reps[r]'s row
	// on day day at site s, or -1.
	row [][][]int
}

func newDailyTable(d *runfiles.Daily) (*dailyTable, error) {
	first, last, ok := d.Dates()
	if !ok {
		return nil, errors.New("daily.csv has no rows")
	}
	t := &dailyTable{d: d, start: first}
	for _, r := range d.Rows {
		if !slices.Contains(t.reps, r.Rep) {
			t.reps = append(t.reps, r.Rep)
		}
		if r.Site != runfiles.AllSites && !slices.Contains(t.sites, r.Site) {
			t.sites = append(t.sites, r.Site)
		}
	}
	slices.Sort(t.reps)
	t.days = last.Sub(t.start) + 1
	t.row = make([][][]int, len(t.reps))
	for r := range t.row {
		t.row[r] = make([][]int, t.days)
		for day := range t.row[r] {
			t.row[r][day] = slices.Repeat([]int{-1}, len(t.sites)+1)
		}
	}
	for i, r := range d.Rows {
		s := len(t.sites)
		if r.Site != runfiles.AllSites {
			s = slices.Index(t.sites, r.Site)
		}
		t.row[slices.Index(t.reps, r.Rep)][r.Date.Sub(t.start)][s] = i
	}
	return t, nil
}

// all is the site index of the all-sites rows.
func (t *dailyTable) all() int { return len(t.sites) }

// siteName returns the name of site index s as shown on plots.
func (t *dailyTable) siteName(s int) string {
	if s == t.all() {
		return "all sites"
	}
	return t.sites[s]
}

// values returns metric's values at site s as [rep][day], NaN where a row
// or the column is missing, and whether any value is a number.
func (t *dailyTable) values(metric string, s int) ([][]float64, bool) {
	j := t.d.Column(metric)
	found := false
	out := make([][]float64, len(t.reps))
	for r := range out {
		out[r] = make([]float64, t.days)
		for day := range out[r] {
			out[r][day] = math.NaN()
			if i := t.row[r][day][s]; i >= 0 && j >= 0 {
				out[r][day] = t.d.Rows[i].Values[j]
				found = found || !math.IsNaN(out[r][day])
			}
		}
	}
	return out, found
}

// dateAxis returns the X axis of the daily figures.
func (t *dailyTable) dateAxis() Axis {
	return Axis{Label: "Date", Unit: "day", Kind: Dates, Start: t.start}
}

// dayX returns the X values of the days: 0, 1, ...
func (t *dailyTable) dayX() []float64 {
	xs := make([]float64, t.days)
	for i := range xs {
		xs[i] = float64(i)
	}
	return xs
}

// band returns the series of the means over replications of vals
// ([rep][day]) with their 95% confidence intervals.
func (t *dailyTable) band(label string, vals [][]float64) Series {
	s := Series{Label: label, X: t.dayX()}
	col := make([]float64, len(vals))
	for day := range t.days {
		for r := range vals {
			col[r] = vals[r][day]
		}
		st := stats.Describe(col)
		s.Y = append(s.Y, st.Mean)
		s.Low = append(s.Low, st.Low)
		s.High = append(s.High, st.High)
	}
	return s
}

// cumulativeSums returns vals ([rep][day]) summed over days: NaN from the
// first missing day on.
func cumulativeSums(vals [][]float64) [][]float64 {
	out := make([][]float64, len(vals))
	for r, row := range vals {
		sum := 0.0
		for _, v := range row {
			sum += v
			out[r] = append(out[r], sum)
		}
	}
	return out
}

// repsText says how many replications a band is over.
func (t *dailyTable) repsText() string {
	if len(t.reps) == 1 {
		return "1 replication (no interval from one)"
	}
	return fmt.Sprintf("%d replications", len(t.reps))
}

// plotUnit returns the unit of the metric called name, or fallback if this
// version of vaxsim does not know it.
func plotUnit(name, fallback string) string {
	if m, ok := sim.MetricByName(name); ok {
		return sim.Metrics[m].Unit
	}
	return fallback
}

// intervalText says how the 95% intervals are drawn: as a band, or as
// bars on a one-day horizon.
func (t *dailyTable) intervalText() string {
	if t.days == 1 {
		return "the bars are the 95% confidence interval of the mean"
	}
	return "the shaded band is the 95% confidence interval of the mean"
}

func vaccinationsFigure(scenario string, t *dailyTable) *Figure {
	sites := []int{t.all()}
	note := ""
	switch {
	case len(t.sites) == 1:
		sites = []int{0}
	case len(t.sites) <= MaxPanels:
		for s := range t.sites {
			sites = append(sites, s)
		}
	default:
		note = fmt.Sprintf(" The %d sites are too many for one panel each: all sites together are shown.", len(t.sites))
	}
	f := &Figure{
		Name:  "vaccinations",
		Title: scenario + ": doses given and slots offered per day",
		Caption: "Doses administered per day (vaccinated, mean over " + t.repsText() + ") against the appointment slots " +
			"offered (dashed); " + t.intervalText() + ". A gap between the lines is capacity left unused." + note,
		X: t.dateAxis(),
		Y: Axis{Label: "Per day", Unit: plotUnit("vaccinated", "doses") + ", " + plotUnit("slots", "slots")},
	}
	for _, s := range sites {
		var p Panel
		if slots, ok := t.values("slots", s); ok {
			line := t.band("slots offered", slots)
			line.Low, line.High, line.Reference = nil, nil, true
			p.Series = append(p.Series, line)
		}
		if vacc, ok := t.values("vaccinated", s); ok {
			p.Series = append(p.Series, t.band("vaccinated", vacc))
		}
		if len(p.Series) == 0 {
			return nil
		}
		if len(sites) > 1 || s != t.all() {
			p.Title = t.siteName(s)
		}
		f.Panels = append(f.Panels, p)
	}
	return f
}

// eachSite returns every site when there are at most limit of them, or
// else the all-sites row and a caption note saying why (one per what, a
// "line" or a "box", would not be readable).
func (t *dailyTable) eachSite(limit int, what string) (sites []int, note string) {
	if len(t.sites) > limit {
		return []int{t.all()}, fmt.Sprintf(" The %d sites are too many for one %s each: all sites together are shown.", len(t.sites), what)
	}
	for s := range t.sites {
		sites = append(sites, s)
	}
	return sites, ""
}

func wastedSlotsFigure(scenario string, t *dailyTable) *Figure {
	const metric = "wasted_slots"
	sites, note := t.eachSite(MaxLines, "line")
	var p Panel
	for _, s := range sites {
		if vals, ok := t.values(metric, s); ok {
			p.Series = append(p.Series, t.band(t.siteName(s), vals))
		}
	}
	if len(p.Series) == 0 {
		return nil
	}
	return &Figure{
		Name:  "wasted-slots",
		Title: scenario + ": wasted slots per day",
		Caption: "Slots offered but not used for a dose (max(0, slots - vaccinated)) per day, one line per site, mean over " +
			t.repsText() + "; " + t.intervalText() + "." + note,
		X:      t.dateAxis(),
		Y:      Axis{Label: "Wasted slots", Unit: plotUnit(metric, "slots") + " per day"},
		Panels: []Panel{p},
	}
}

func dosesFigure(scenario string, t *dailyTable) *Figure {
	var p Panel
	for _, m := range []struct {
		metric, label string
		level         bool
	}{
		{"doses_received", "received (cumulative)", false},
		{"vaccinated", "administered (cumulative)", false},
		{"doses_wasted", "wasted (cumulative)", false},
		{"doses_on_hand", "on hand (end of day)", true},
	} {
		vals, ok := t.values(m.metric, t.all())
		if !ok {
			continue
		}
		if !m.level {
			vals = cumulativeSums(vals)
		}
		p.Series = append(p.Series, t.band(m.label, vals))
	}
	if len(p.Series) == 0 {
		return nil
	}
	return &Figure{
		Name:  "doses",
		Title: scenario + ": doses received, administered, wasted and on hand",
		Caption: "All sites together: doses received (initial stock included), administered and wasted, each summed " +
			"from the first day, and doses on hand at the end of each day (received = administered + wasted + on hand); " +
			"means over " + t.repsText() + "; " + t.intervalText() + ". On hand falling towards zero is when the sites run out.",
		X:      t.dateAxis(),
		Y:      Axis{Label: "Amount", Unit: plotUnit("doses_received", "doses")},
		Panels: []Panel{p},
	}
}

func backlogFigure(scenario string, t *dailyTable) *Figure {
	const metric = "backlog"
	vals, ok := t.values(metric, t.all())
	if !ok {
		return nil
	}
	return &Figure{
		Name:  "backlog",
		Title: scenario + ": backlog at the end of each day",
		Caption: "People eligible and willing who have not booked and not given up, at the end of each day, " +
			"mean over " + t.repsText() + "; " + t.intervalText() + ". A backlog that keeps growing means demand outruns the slots.",
		X:      t.dateAxis(),
		Y:      Axis{Label: "Backlog", Unit: plotUnit(metric, "people")},
		Panels: []Panel{{Series: []Series{t.band("backlog", vals)}}},
	}
}

func waitsFigure(scenario string, t *dailyTable) *Figure {
	sites, note := t.eachSite(MaxPanels, "box")
	var names []string
	for _, s := range sites {
		names = append(names, t.siteName(s))
	}
	var p Panel
	unit := "min"
	for _, m := range []struct{ metric, label string }{
		{"mean_wait_min", "mean wait of a day"},
		{"p95_wait_min", "95th-percentile wait of a day"},
	} {
		g := BoxGroup{Label: m.label}
		anyValue := false
		for _, s := range sites {
			vals, ok := t.values(m.metric, s)
			anyValue = anyValue || ok
			var flat []float64
			for _, row := range vals {
				for _, v := range row {
					if !math.IsNaN(v) {
						flat = append(flat, v)
					}
				}
			}
			g.Values = append(g.Values, flat)
		}
		if anyValue {
			unit = plotUnit(m.metric, unit)
			p.Boxes = append(p.Boxes, g)
		}
	}
	if len(p.Boxes) == 0 {
		return nil
	}
	return &Figure{
		Name:  "waits",
		Title: scenario + ": waiting times per site",
		Caption: fmt.Sprintf("daily.csv holds two waits per site and day, not every person's wait: the day's mean wait and "+
			"its 95th percentile. Each box shows how these vary over %d replications x %d days (days nobody was served "+
			"left out): the line is the median, the box holds the middle half, the whiskers reach the furthest values "+
			"within 1.5 box lengths, and dots are values beyond.", len(t.reps), t.days) + note,
		X:      Axis{Label: "Site", Kind: Categories, Categories: names},
		Y:      Axis{Label: "Wait", Unit: unit},
		Panels: []Panel{p},
	}
}

// plotFileName turns s into a file name part: lower case letters, digits, '.'
// and '-', other runs of characters as one '-'.
func plotFileName(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}
