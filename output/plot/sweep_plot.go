package plot

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"vaxsim/output/runfiles"
	"vaxsim/output/stats"
	"vaxsim/output/sweepfiles"
	"vaxsim/sim"
)

// SweepFigures returns the plots of a sweep, from its points (points.csv)
// and its statistics (summary.csv). For each metric of the text summary
// that the statistics hold, in the summary's order, it draws:
//
//   - for each varied key, the metric's mean at each of the key's values,
//     with the 95% confidence intervals as error bars ([SweepLineFigure]).
//     If other keys vary too, each combination of their values is a line
//     of its own, labelled with the values; with more than [MaxLines]
//     combinations the figure is left out;
//   - for a sweep of exactly two keys, a heat map of the mean over both,
//     the first key across ([SweepHeatmapFigure]).
//
// A key's values are categories in the order of the grid, as written in
// points.csv. Points without statistics leave gaps.
func SweepFigures(scenario string, pts *sweepfiles.Points, sums []sweepfiles.PointStat) ([]*Figure, error) {
	if len(pts.Rows) == 0 {
		return nil, errors.New("output: sweep figures: no points")
	}
	// The categories of each key, and each point's index in them.
	cats := make([][]string, len(pts.Keys))
	at := make([][]int, len(pts.Rows))
	for p, row := range pts.Rows {
		if len(row.Values) != len(pts.Keys) {
			return nil, fmt.Errorf("output: sweep figures: point %d has %d values for %d keys", row.Point, len(row.Values), len(pts.Keys))
		}
		at[p] = make([]int, len(pts.Keys))
		for k, v := range row.Values {
			i := slices.Index(cats[k], v)
			if i < 0 {
				i = len(cats[k])
				cats[k] = append(cats[k], v)
			}
			at[p][k] = i
		}
	}
	byPoint := make(map[int]int, len(pts.Rows)) // point id -> row
	for p, row := range pts.Rows {
		byPoint[row.Point] = p
	}
	have := map[string]bool{}
	mean := map[[2]int]stats.Stat{} // (row, metric index in runfiles.Headline) -> statistics
	for _, s := range sums {
		m := slices.IndexFunc(runfiles.Headline, func(h sim.Metric) bool { return h.String() == s.Metric })
		p, ok := byPoint[s.Point]
		if m < 0 || !ok {
			continue
		}
		have[s.Metric] = true
		mean[[2]int{p, m}] = s.Stat
	}

	var figs []*Figure
	for m, metric := range runfiles.Headline {
		name := metric.String()
		if !have[name] {
			continue
		}
		stat := func(p int) stats.Stat {
			if s, ok := mean[[2]int{p, m}]; ok {
				return s
			}
			return stats.Stat{Mean: math.NaN(), Low: math.NaN(), High: math.NaN()}
		}
		for k := range pts.Keys {
			f, err := sweepLines(scenario, pts, cats, at, k, MetricAxis(name), stat)
			if err != nil {
				return nil, err
			}
			if f != nil {
				figs = append(figs, f)
			}
		}
		if len(pts.Keys) == 2 {
			values := make([][]float64, len(cats[1]))
			for j := range values {
				values[j] = make([]float64, len(cats[0]))
				for i := range values[j] {
					values[j][i] = math.NaN()
				}
			}
			for p := range pts.Rows {
				values[at[p][1]][at[p][0]] = stat(p).Mean
			}
			x := Axis{Label: pts.Keys[0], Kind: Categories, Categories: cats[0]}
			y := Axis{Label: pts.Keys[1], Kind: Categories, Categories: cats[1]}
			f, err := SweepHeatmapFigure(scenario, x, y, MetricAxis(name), values)
			if err != nil {
				return nil, err
			}
			figs = append(figs, f)
		}
	}
	return figs, nil
}

// sweepLines returns the figure of a metric against key k: one line per
// combination of the other keys' values, or nil if there are more than
// MaxLines.
func sweepLines(scenario string, pts *sweepfiles.Points, cats [][]string, at [][]int, k int, metric Axis, stat func(int) stats.Stat) (*Figure, error) {
	type line struct {
		label  string
		points []SweepPoint
	}
	var lines []*line
	index := map[string]*line{}
	for p := range pts.Rows {
		var others []string
		for j, key := range pts.Keys {
			if j != k {
				others = append(others, key+"="+cats[j][at[p][j]])
			}
		}
		label := strings.Join(others, ", ")
		l := index[label]
		if l == nil {
			if len(lines) == MaxLines {
				return nil, nil
			}
			l = &line{label: label}
			index[label] = l
			lines = append(lines, l)
		}
		s := stat(p)
		l.points = append(l.points, SweepPoint{X: float64(at[p][k]), Mean: s.Mean, Low: s.Low, High: s.High})
	}
	param := Axis{Label: pts.Keys[k], Kind: Categories, Categories: cats[k]}
	f, err := SweepLineFigure(scenario, param, metric, lines[0].points)
	if err != nil || len(pts.Keys) == 1 {
		return f, err
	}
	series := f.Panels[0].Series[0]
	f.Panels[0].Series = nil
	for _, l := range lines {
		s := Series{Label: l.label, Bars: series.Bars}
		for _, p := range l.points {
			s.X, s.Y = append(s.X, p.X), append(s.Y, p.Mean)
			s.Low, s.High = append(s.Low, p.Low), append(s.High, p.High)
		}
		f.Panels[0].Series = append(f.Panels[0].Series, s)
	}
	var others []string
	for j, key := range pts.Keys {
		if j != k {
			others = append(others, key)
		}
	}
	f.Caption += " One line for each value of " + strings.Join(others, " and ") + "."
	return f, nil
}
