package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"gonum.org/v1/gonum/stat/distuv"

	"vaxsim/sim/des"
)

// DistKind names a family of probability distributions.
type DistKind uint8

// The distribution families. The meaning of a Dist's P1 and P2 depends
// on its kind.
const (
	None      DistKind = iota // no distribution: Sample returns Shift
	Const                     // P1 is the value
	Exp                       // exponential; P1 is the mean
	Uniform                   // P1 is the minimum, P2 the maximum
	Normal                    // P1 is the mean, P2 the standard deviation
	LogNormal                 // P1 is mu, P2 sigma of the logarithm
	Gamma                     // P1 is the shape, P2 the scale
)

var distNames = [...]string{None: "none", Const: "const", Exp: "exp", Uniform: "uniform",
	Normal: "normal", LogNormal: "lognormal", Gamma: "gamma"}

// String returns the family's name as written in scenarios.
func (k DistKind) String() string {
	if int(k) < len(distNames) {
		return distNames[k]
	}
	return fmt.Sprintf("DistKind(%d)", int(k))
}

// Dist is a probability distribution plus a shift: a sample is Shift plus
// a draw from the family. Values are in the unit of their use; durations
// are in milliseconds (des.Time). A Dist is plain data: sampling takes the
// generator as an argument, so a Dist can be shared by replications.
type Dist struct {
	Kind   DistKind
	Shift  float64
	P1, P2 float64
}

// ConstDist returns the distribution that is always v.
func ConstDist(v float64) Dist { return Dist{Kind: Const, P1: v} }

// ExpDist returns the exponential distribution with the given mean.
func ExpDist(mean float64) Dist { return Dist{Kind: Exp, P1: mean} }

// MaxDuration is the longest time a sampled duration takes. A draw from
// a Dist used as a duration (a service, a patience, a delay, a repair
// time) is rounded to whole milliseconds and cut to [0, MaxDuration]; one
// used as an offset (punctuality) to [-MaxDuration, MaxDuration]; NaN
// counts as 0. A million days is far beyond any horizon, so the cut only
// changes draws whose events would never run, and it keeps every event
// time far from overflowing des.Time.
const MaxDuration = 1_000_000 * des.Day

// duration converts a draw in milliseconds to a duration: rounded, in
// [0, MaxDuration], NaN as 0. Every sampled duration becomes a des.Time
// through it (or offset), so that no event overflows the clock or falls
// before now.
func duration(ms float64) des.Time {
	return min(max(des.FromMillis(ms), 0), MaxDuration)
}

// offset converts a draw in milliseconds to a signed offset from a time:
// rounded, in [-MaxDuration, MaxDuration], NaN as 0.
func offset(ms float64) des.Time {
	return min(max(des.FromMillis(ms), -MaxDuration), MaxDuration)
}

// count converts a draw to a count of people: rounded, at least 0 and at
// most 2^53 (the range where floats hold every integer), NaN as 0.
func count(x float64) int64 {
	const most = 1 << 53
	switch {
	case !(x > 0): // NaN too
		return 0
	case x >= most:
		return most
	}
	return int64(math.Round(x))
}

// Sample draws one value using r.
func (d Dist) Sample(r *rand.Rand) float64 {
	switch d.Kind {
	case Const:
		return d.Shift + d.P1
	case Exp:
		return d.Shift + d.P1*r.ExpFloat64()
	case Uniform:
		return d.Shift + d.P1 + (d.P2-d.P1)*r.Float64()
	case Normal:
		return d.Shift + d.P1 + d.P2*r.NormFloat64()
	case LogNormal:
		return d.Shift + math.Exp(d.P1+d.P2*r.NormFloat64())
	case Gamma:
		return d.Shift + distuv.Gamma{Alpha: d.P1, Beta: 1 / d.P2, Src: r}.Rand()
	}
	return d.Shift
}

// Mean returns the distribution's mean.
func (d Dist) Mean() float64 {
	switch d.Kind {
	case Const, Exp, Normal:
		return d.Shift + d.P1
	case Uniform:
		return d.Shift + (d.P1+d.P2)/2
	case LogNormal:
		return d.Shift + math.Exp(d.P1+d.P2*d.P2/2)
	case Gamma:
		return d.Shift + d.P1*d.P2
	}
	return d.Shift
}

// Min returns the smallest value the distribution can take (-Inf when
// unbounded below).
func (d Dist) Min() float64 {
	switch d.Kind {
	case Const, Uniform:
		return d.Shift + d.P1
	case Exp, LogNormal, Gamma:
		return d.Shift
	case Normal:
		if d.P2 == 0 {
			return d.Shift + d.P1
		}
		return math.Inf(-1)
	}
	return d.Shift
}

// Validate reports whether the parameters fit the family.
func (d Dist) Validate() error {
	bad := func(f string, a ...any) error { return fmt.Errorf("%s: "+f, append([]any{d.Kind}, a...)...) }
	for _, v := range []float64{d.Shift, d.P1, d.P2} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return bad("parameters must be finite numbers")
		}
	}
	switch d.Kind {
	case None, Const:
	case Exp:
		if d.P1 <= 0 {
			return bad("mean must be > 0")
		}
	case Uniform:
		if d.P2 < d.P1 {
			return bad("max must be >= min")
		}
	case Normal, LogNormal:
		if d.P2 < 0 {
			return bad("standard deviation must be >= 0")
		}
	case Gamma:
		if d.P1 <= 0 || d.P2 <= 0 {
			return bad("shape and scale must be > 0")
		}
	default:
		return fmt.Errorf("unknown distribution kind %d", d.Kind)
	}
	return nil
}

// Format writes d in the scenario syntax with values converted by unit
// (for example milliseconds to a duration string). It is meant for
// messages and manifests; package scenarios parses the same syntax.
func (d Dist) Format(unit func(float64) string) string {
	if unit == nil {
		unit = func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	var s string
	switch d.Kind {
	case None:
		return unit(d.Shift)
	case Const:
		s = "const(" + unit(d.P1) + ")"
	case Exp:
		s = "exp(mean=" + unit(d.P1) + ")"
	case Uniform:
		s = "uniform(min=" + unit(d.P1) + ", max=" + unit(d.P2) + ")"
	case Normal:
		s = "normal(mean=" + unit(d.P1) + ", sd=" + unit(d.P2) + ")"
	case LogNormal:
		s = "lognormal(median=" + unit(math.Exp(d.P1)) + ", sigma=" + num(d.P2) + ")"
	case Gamma:
		s = "gamma(shape=" + num(d.P1) + ", scale=" + unit(d.P2) + ")"
	}
	if d.Shift != 0 {
		s = unit(d.Shift) + " + " + s
	}
	return s
}
