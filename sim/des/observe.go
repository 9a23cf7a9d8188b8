package des

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// Tally accumulates observations of a quantity that occurs at instants
// (a wait, a service time): count, sum, sum of squares, minimum and
// maximum, and, when KeepSamples is set, the samples themselves for
// quantiles. The zero value is an empty tally that keeps no samples.
type Tally struct {
	// KeepSamples makes Add keep each observation for Quantile.
	KeepSamples bool

	n        int64
	sum, ssq float64
	min, max float64
	samples  []float64
}

// Add records one observation.
func (t *Tally) Add(x float64) {
	if t.n == 0 || x < t.min {
		t.min = x
	}
	if t.n == 0 || x > t.max {
		t.max = x
	}
	t.n++
	t.sum += x
	t.ssq += x * x
	if t.KeepSamples {
		t.samples = append(t.samples, x)
	}
}

// Merge adds every observation of u to t. Samples are merged only when
// both keep them.
func (t *Tally) Merge(u *Tally) {
	if u.n == 0 {
		return
	}
	if t.n == 0 || u.min < t.min {
		t.min = u.min
	}
	if t.n == 0 || u.max > t.max {
		t.max = u.max
	}
	t.n += u.n
	t.sum += u.sum
	t.ssq += u.ssq
	if t.KeepSamples && u.KeepSamples {
		t.samples = append(t.samples, u.samples...)
	}
}

// Reset empties the tally, keeping its sample buffer for reuse.
func (t *Tally) Reset() {
	keep := t.KeepSamples
	s := t.samples[:0]
	*t = Tally{KeepSamples: keep, samples: s}
}

// Reuse empties the tally and keeps samples in buf's storage (from
// Samples of another tally that is no longer used).
func (t *Tally) Reuse(buf []float64) {
	t.Reset()
	t.samples = buf[:0]
}

// Samples returns the kept samples (in no particular order); they belong
// to the tally until it is no longer used.
func (t *Tally) Samples() []float64 { return t.samples }

// Count returns the number of observations.
func (t *Tally) Count() int64 { return t.n }

// Sum returns the sum of the observations.
func (t *Tally) Sum() float64 { return t.sum }

// Mean returns the mean, or NaN with no observations.
func (t *Tally) Mean() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return t.sum / float64(t.n)
}

// Var returns the unbiased sample variance, or NaN with fewer than two
// observations.
func (t *Tally) Var() float64 {
	if t.n < 2 {
		return math.NaN()
	}
	m := t.sum / float64(t.n)
	v := (t.ssq - float64(t.n)*m*m) / float64(t.n-1)
	return math.Max(v, 0)
}

// Min returns the smallest observation, or NaN with none.
func (t *Tally) Min() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return t.min
}

// Max returns the largest observation, or NaN with none.
func (t *Tally) Max() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return t.max
}

// Quantile returns the empirical p-quantile of the kept samples: the
// smallest sample x such that at least a share p of the samples are <= x
// (the "empirical" definition of gonum's stat.Quantile). It reorders the
// samples (see nth). It returns NaN with no samples. It panics if p is outside [0, 1] or the tally
// keeps no samples.
func (t *Tally) Quantile(p float64) float64 {
	if p < 0 || p > 1 || p != p {
		panic("des: quantile outside [0, 1]")
	}
	if !t.KeepSamples {
		panic("des: quantile of a tally that keeps no samples")
	}
	n := len(t.samples)
	if n == 0 {
		return math.NaN()
	}
	i := int(math.Ceil(p*float64(n))) - 1
	if i < 0 {
		i = 0
	}
	return nth(t.samples, i)
}

// nth reorders s so that s[k] is the sample a sort would put there, and
// returns it: a quickselect, in linear time on average, where sorting
// the samples of a day for one quantile took a tenth of a replication.
// Its order is slices.Sort's (NaN first). After 2 log2(len(s)) rounds
// without reaching k it sorts what is left, so it is never quadratic.
func nth(s []float64, k int) float64 {
	lo, hi := 0, len(s)-1
	for rounds := 2 * bits.Len(uint(len(s))); hi-lo > 16 && rounds > 0; rounds-- {
		m := lo + (hi-lo)/2
		if cmp.Less(s[m], s[lo]) {
			s[m], s[lo] = s[lo], s[m]
		}
		if cmp.Less(s[hi], s[lo]) {
			s[hi], s[lo] = s[lo], s[hi]
		}
		if cmp.Less(s[hi], s[m]) {
			s[hi], s[m] = s[m], s[hi]
		}
		pivot := s[m]
		i, j := lo, hi
		for i <= j {
			for cmp.Less(s[i], pivot) {
				i++
			}
			for cmp.Less(pivot, s[j]) {
				j--
			}
			if i <= j {
				s[i], s[j] = s[j], s[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return s[k] // between the parts: equal to the pivot
		}
	}
	slices.Sort(s[lo : hi+1])
	return s[k]
}

// QuantileOf returns the empirical p-quantile of the samples of all the
// tallies together: what Quantile returns for one tally holding them all.
// It copies the samples into one tally. It returns NaN with no samples.
// It panics if p is outside [0, 1] or a tally keeps no samples.
func QuantileOf(p float64, ts ...*Tally) float64 {
	all := Tally{KeepSamples: true}
	for _, t := range ts {
		if !t.KeepSamples {
			panic("des: quantile of a tally that keeps no samples")
		}
		all.Merge(t)
	}
	return all.Quantile(p)
}

// TimeAverage integrates a piecewise-constant level over time (a queue
// length, busy servers), for time-weighted means. The zero value has level
// 0 and starts integrating at time 0; use Reset to start elsewhere.
type TimeAverage struct {
	level float64
	area  float64 // integral of level from start to last, in level·ms
	start Time
	last  Time
}

// Reset starts a new window at now, keeping the current level.
func (a *TimeAverage) Reset(now Time) {
	a.area = 0
	a.start = now
	a.last = now
}

// Set changes the level at time now. It panics if now is before the last
// change.
func (a *TimeAverage) Set(now Time, level float64) {
	if now < a.last {
		panic("des: TimeAverage set in the past")
	}
	a.area += a.level * float64(now-a.last)
	a.last = now
	a.level = level
}

// Add changes the level by delta at time now.
func (a *TimeAverage) Add(now Time, delta float64) { a.Set(now, a.level+delta) }

// Level returns the current level.
func (a *TimeAverage) Level() float64 { return a.level }

// Integral returns the integral of the level from the window's start to
// now, in level·milliseconds.
func (a *TimeAverage) Integral(now Time) float64 {
	return a.area + a.level*float64(now-a.last)
}

// Mean returns the time-weighted mean level from the window's start to
// now, or NaN for an empty window.
func (a *TimeAverage) Mean(now Time) float64 {
	if now <= a.start {
		return math.NaN()
	}
	return a.Integral(now) / float64(now-a.start)
}

// Record is one observed event of a model, in a uniform shape.
type Record struct {
	At     Time   // when it happened
	Kind   string // what happened, a constant of the model ("no_show")
	Entity int64  // who (a model's entity index), or -1
	Place  int    // where (a model's place index), or -1
	Value  int64  // how many or how much, by Kind
}

// Recorder wraps the Record method: it receives event records from a model
// that has one set. A Recorder must not change the simulation.
type Recorder interface {
	Record(r Record)
}
