package compare

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"vaxsim/sim"
)

// ParseTolerance reads a relative tolerance: "2%" or a fraction below 1
// such as 0.02.
func ParseTolerance(s string) (float64, error) {
	num, pct := strings.CutSuffix(strings.TrimSpace(s), "%")
	v, err := strconv.ParseFloat(num, 64)
	switch {
	case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
		return 0, fmt.Errorf("%q is not a percentage (as in 2%%) or a fraction (as in 0.02)", s)
	case v < 0:
		return 0, fmt.Errorf("%q is negative", s)
	case pct:
		return v / 100, nil
	case v >= 1:
		return 0, fmt.Errorf("%q as a fraction is %g%%; write %s%% if you mean that", s, 100*v, num)
	}
	return v, nil
}

// FormatTolerance writes a fraction as a percentage: 0.02 is "2%".
func FormatTolerance(f float64) string { return strconv.FormatFloat(100*f, 'g', 10, 64) + "%" }

// SetMetricTolerance reads "name=tolerance", as in mean_wait_min=5%, and
// sets the metric's tolerance in th. The metric must be one of
// sim.Metrics; the error says what was wrong, and names the metrics if
// the name is unknown.
func (th *Thresholds) SetMetricTolerance(kv string) error {
	name, val, ok := strings.Cut(kv, "=")
	if !ok {
		return fmt.Errorf("%q: want name=tolerance, as in mean_wait_min=5%%", kv)
	}
	if _, known := sim.MetricByName(name); !known {
		return fmt.Errorf("%q: no metric %q; metrics: %s", kv, name, metricList())
	}
	tol, err := ParseTolerance(val)
	if err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	if th.PerMetric == nil {
		th.PerMetric = map[string]float64{}
	}
	th.PerMetric[name] = tol
	return nil
}

// metricList lists the metric names of sim.Metrics.
func metricList() string {
	names := make([]string, len(sim.Metrics))
	for i, m := range sim.Metrics {
		names[i] = m.Name
	}
	return strings.Join(names, ", ")
}
