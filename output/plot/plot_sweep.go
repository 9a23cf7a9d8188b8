package plot

import (
	"errors"
	"fmt"
	"math"

	"vaxsim/sim"
)

// Sweep plots: the sweep command computes, for each combination of the
// varied parameters, the statistics of each metric over replications,
// and draws them with the two functions below. They take plain data, so
// they depend on no file format of the sweep.

// SweepPoint is a metric's statistics over replications at one value of
// a varied parameter.
type SweepPoint struct {
	// X is the parameter's value, or for a Categories axis the index of
	// its category.
	X float64
	// Mean is the metric's mean over replications.
	Mean float64
	// Low and High bound the 95% confidence interval of the mean; NaN for
	// none (fewer than two replications).
	Low, High float64
}

// MetricAxis returns the axis of the metric called name: labelled with
// the name, in the unit sim.Metrics gives it (none if this version of
// vaxsim does not know the metric).
func MetricAxis(name string) Axis {
	a := Axis{Label: name}
	if m, ok := sim.MetricByName(name); ok {
		a.Unit = sim.Metrics[m].Unit
	}
	return a
}

// SweepLineFigure returns a figure of a metric against one varied
// parameter: the metric's mean at each value of the parameter, joined by
// a line, with its 95% confidence interval as error bars. Points are
// drawn in the order given, so give them by increasing X.
//
// param is the X axis: its Label is the parameter's key path
// ("sites.tcc.stations") and its Unit the unit of its values, if any. For
// values that are not numbers (times of day, names), give param the Kind
// Categories with one category per value, and each point the index of its
// value as X. metric is the Y axis, such as [MetricAxis]("vaccinated").
// The figure is named "sweep-METRIC-by-PARAM".
func SweepLineFigure(scenario string, param, metric Axis, points []SweepPoint) (*Figure, error) {
	if len(points) == 0 {
		return nil, errors.New("output: sweep figure: no points")
	}
	s := Series{Label: metric.Label, Bars: true}
	for _, p := range points {
		if param.Kind == Categories && (p.X != math.Trunc(p.X) || p.X < 0 || int(p.X) >= len(param.Categories)) {
			return nil, fmt.Errorf("output: sweep figure: point at %g is not the index of one of the %d categories of %s",
				p.X, len(param.Categories), param.Label)
		}
		s.X = append(s.X, p.X)
		s.Y = append(s.Y, p.Mean)
		s.Low = append(s.Low, p.Low)
		s.High = append(s.High, p.High)
	}
	return &Figure{
		Name:  "sweep-" + plotFileName(metric.Label) + "-by-" + plotFileName(param.Label),
		Title: scenario + ": " + metric.Label + " by " + param.Label,
		Caption: "The mean of " + metric.Label + " over replications at each value of " + param.Label +
			"; the bars are the 95% confidence interval of the mean.",
		X:      param,
		Y:      metric,
		Panels: []Panel{{Series: []Series{s}}},
	}, nil
}

// SweepHeatmapFigure returns a heat map of a metric over two varied
// parameters: values[j][i] is the metric's mean over replications at the
// i-th value of x and the j-th value of y, NaN if not known. x and y name
// the parameters (Label: the key path, Unit: the values' unit, if any)
// and their values, in order, as Categories; metric labels the colour
// scale, such as [MetricAxis]("wasted_slots"). Each cell is labelled with
// its value. The figure is named "sweep-METRIC-by-X-and-Y".
func SweepHeatmapFigure(scenario string, x, y, metric Axis, values [][]float64) (*Figure, error) {
	x.Kind, y.Kind = Categories, Categories
	if len(x.Categories) == 0 || len(y.Categories) == 0 {
		return nil, errors.New("output: sweep heat map: both parameters need their values as Categories")
	}
	if len(values) != len(y.Categories) {
		return nil, fmt.Errorf("output: sweep heat map: %d rows of values for %d values of %s", len(values), len(y.Categories), y.Label)
	}
	for j, row := range values {
		if len(row) != len(x.Categories) {
			return nil, fmt.Errorf("output: sweep heat map: row %d has %d values for %d values of %s", j, len(row), len(x.Categories), x.Label)
		}
	}
	return &Figure{
		Name:  "sweep-" + plotFileName(metric.Label) + "-by-" + plotFileName(x.Label) + "-and-" + plotFileName(y.Label),
		Title: scenario + ": " + metric.Label + " by " + x.Label + " and " + y.Label,
		Caption: "The mean of " + metric.Label + " over replications at each pair of values of " + x.Label +
			" and " + y.Label + "; darker cells are higher. Grey cells have no value.",
		X:      x,
		Y:      y,
		Panels: []Panel{{Heat: &Heat{Values: values, Scale: metric}}},
	}, nil
}
