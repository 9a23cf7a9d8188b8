package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Confidence is the coverage of the interval in [Stat]: 95%.
const Confidence = 0.95

// Stat describes the values of one metric over replications.
type Stat struct {
	// N is the number of values that are not NaN; NaN values (not
	// applicable) are left out of every other field.
	N int
	// Mean is the sample mean; NaN if N is 0.
	Mean float64
	// SD is the sample standard deviation (denominator N-1); NaN if N < 2.
	SD float64
	// Low and High bound the 95% confidence interval of the mean,
	// Mean ± t(0.975, N-1)·SD/√N with Student's t; NaN if N < 2.
	Low, High float64
	// Min and Max are the smallest and largest values; NaN if N is 0.
	Min, Max float64
}

// Describe returns the statistics of xs, skipping NaN values. It does not
// modify xs.
func Describe(xs []float64) Stat {
	vals := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			vals = append(vals, x)
		}
	}
	nan := math.NaN()
	s := Stat{N: len(vals), Mean: nan, SD: nan, Low: nan, High: nan, Min: nan, Max: nan}
	if s.N == 0 {
		return s
	}
	s.Min, s.Max = vals[0], vals[0]
	for _, x := range vals[1:] {
		s.Min = math.Min(s.Min, x)
		s.Max = math.Max(s.Max, x)
	}
	if s.N == 1 {
		s.Mean = vals[0]
		return s
	}
	if s.Min == s.Max {
		// Exact, where summing might round (three times 0.1 is not 0.3).
		s.Mean, s.SD = s.Min, 0
	} else {
		s.Mean, s.SD = stat.MeanStdDev(vals, nil)
	}
	// Nu = N-1 >= 1; Quantile draws no random numbers, so a nil Src is safe.
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(s.N - 1)}.Quantile(1 - (1-Confidence)/2)
	half := t * s.SD / math.Sqrt(float64(s.N))
	s.Low, s.High = s.Mean-half, s.Mean+half
	return s
}
