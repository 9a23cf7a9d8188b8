package stats

import (
	"errors"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// TTest is the outcome of a two-sided Student's t-test of the difference
// between the means of two samples x and y, as R's t.test(x, y) reports it.
type TTest struct {
	// N1 and N2 count the values used: the values of x and of y that are
	// not NaN (Welch), or the pairs in which neither is NaN (paired; N1 ==
	// N2).
	N1, N2 int
	// Diff is the estimated difference mean(x) - mean(y); paired, the mean
	// of the differences x[i] - y[i], which is the same over the pairs
	// used.
	Diff float64
	// SE is the standard error of Diff.
	SE float64
	// T is the test statistic Diff/SE and DF its degrees of freedom
	// (Welch–Satterthwaite for Welch, N1 - 1 paired).
	T, DF float64
	// P is the two-sided p-value: the probability under equal means of a
	// |T| at least this large.
	P float64
	// Low and High bound the 95% confidence interval of Diff.
	Low, High float64
}

// ErrTooFewValues is returned by [WelchTTest] and [PairedTTest] when a
// sample has fewer than two values (or fewer than two pairs): a t-test
// needs a variance on each side.
var ErrTooFewValues = errors.New("a t-test needs at least 2 values on each side")

// WelchTTest returns Welch's two-sample t-test of x against y, which does
// not assume equal variances: R's t.test(x, y). NaN values are left out.
//
// When both samples are constant (zero variance), SE is 0 and the
// difference is exact: P is 1 if the means are equal (T = 0) and 0 if they
// differ (T = ±Inf), and the interval is the point Diff. (R refuses such
// data as "essentially constant".) It returns [ErrTooFewValues] if x or y
// has fewer than two values that are not NaN.
func WelchTTest(x, y []float64) (TTest, error) {
	x, y = finite(x), finite(y)
	if len(x) < 2 || len(y) < 2 {
		return TTest{N1: len(x), N2: len(y)}, ErrTooFewValues
	}
	mx, vx := meanVariance(x)
	my, vy := meanVariance(y)
	n1, n2 := float64(len(x)), float64(len(y))
	a, b := vx/n1, vy/n2
	se := math.Sqrt(a + b)
	df := (a + b) * (a + b) / (a*a/(n1-1) + b*b/(n2-1))
	return tTest(len(x), len(y), mx-my, se, df), nil
}

// PairedTTest returns the paired t-test of x against y, the one-sample
// t-test of the differences x[i] - y[i]: R's t.test(x, y, paired = TRUE).
// Pairs in which x[i] or y[i] is NaN are left out. When every difference
// is the same (zero variance), the result is exact as in [WelchTTest]. It
// returns [ErrTooFewValues] if fewer than two pairs remain, and panics if
// x and y differ in length.
func PairedTTest(x, y []float64) (TTest, error) {
	if len(x) != len(y) {
		panic("output: PairedTTest: samples of different lengths")
	}
	var d []float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			d = append(d, x[i]-y[i])
		}
	}
	if len(d) < 2 {
		return TTest{N1: len(d), N2: len(d)}, ErrTooFewValues
	}
	md, vd := meanVariance(d)
	n := float64(len(d))
	return tTest(len(d), len(d), md, math.Sqrt(vd/n), n-1), nil
}

// tTest completes a test from the difference, its standard error and the
// degrees of freedom.
func tTest(n1, n2 int, diff, se, df float64) TTest {
	r := TTest{N1: n1, N2: n2, Diff: diff, SE: se, DF: df}
	if se == 0 {
		r.Low, r.High = diff, diff
		switch {
		case diff == 0:
			r.T, r.P = 0, 1
		default:
			r.T, r.P = math.Copysign(math.Inf(1), diff), 0
		}
		return r
	}
	// CDF and Quantile draw no random numbers, so Src is not needed.
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}
	r.T = diff / se
	r.P = 2 * t.CDF(-math.Abs(r.T))
	half := t.Quantile(1-(1-Confidence)/2) * se
	r.Low, r.High = diff-half, diff+half
	return r
}

// finite returns the values of xs that are not NaN, in order.
func finite(xs []float64) []float64 {
	out := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			out = append(out, x)
		}
	}
	return out
}

// meanVariance returns the mean and the sample variance of xs (len(xs) >=
// 2), exactly the value and 0 when all values are equal, where summing
// might round.
func meanVariance(xs []float64) (mean, variance float64) {
	if lo, hi := slices.Min(xs), slices.Max(xs); lo == hi {
		return lo, 0
	}
	return stat.MeanVariance(xs, nil)
}

// Holm returns Holm's step-down adjustment of the p-values ps, which keeps
// the chance of any false rejection among them at most alpha when each
// adjusted value is compared with alpha, whatever the dependence between
// the tests: sorted ascending as p(1) <= ... <= p(m), the adjusted p(i) is
// max over j <= i of min(1, (m - j + 1)·p(j)). This is R's p.adjust(ps,
// "holm"). NaN values are not tests: they stay NaN and do not count in m.
func Holm(ps []float64) []float64 {
	idx := make([]int, 0, len(ps))
	for i, p := range ps {
		if !math.IsNaN(p) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case ps[a] < ps[b]:
			return -1
		case ps[a] > ps[b]:
			return 1
		}
		return 0
	})
	adj := make([]float64, len(ps))
	for i := range adj {
		adj[i] = math.NaN()
	}
	m, run := len(idx), 0.0
	for rank, i := range idx {
		run = math.Max(run, math.Min(1, float64(m-rank)*ps[i]))
		adj[i] = run
	}
	return adj
}
