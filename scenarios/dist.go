package scenarios

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"vaxsim/sim"
)

// Unit says how the numbers of a distribution are written.
type Unit uint8

const (
	// Durations are written with a unit ("4m") and converted to
	// milliseconds.
	Durations Unit = iota
	// Counts are plain numbers ("36").
	Counts
)

// maxCount bounds the plain numbers of count distributions.
const maxCount = 1e12

// z90 is the 0.9 quantile of the standard normal distribution, used to
// turn a lognormal's p90 into its sigma.
const z90 = 1.2815515655446004

// distFamilies lists the known families and their accepted parameter
// sets, for parsing and for messages.
var distFamilies = map[string][][]string{
	"const":     {{"value"}},
	"exp":       {{"mean"}},
	"uniform":   {{"min", "max"}},
	"normal":    {{"mean", "sd"}},
	"lognormal": {{"median", "p90"}, {"median", "sigma"}, {"mean", "sd"}},
	"gamma":     {{"shape", "mean"}, {"shape", "scale"}},
}

// familyNames returns the known family names in a fixed order.
func familyNames() []string {
	return []string{"const", "exp", "uniform", "normal", "lognormal", "gamma"}
}

// distSyntax is the list of forms shown when a string is not understood.
const distSyntax = `"4m", "const(4m)", "exp(mean=3m)", "uniform(min=1m, max=5m)", "normal(mean=-5m, sd=5m)", ` +
	`"lognormal(median=90m, p90=240m)", "lognormal(median=90m, sigma=0.6)", "lognormal(mean=90m, sd=30m)", ` +
	`"gamma(shape=2, mean=3m)", "gamma(shape=2, scale=90s)", "3m + exp(mean=1m)" or "none"`

// ParseDist parses a distribution written as in the scenario files (see
// Distribution) and returns it as a sim.Dist, with durations in
// milliseconds when u is Durations. It checks the parameters with
// sim.Dist.Validate and the family's own rules (a lognormal's median
// > 0, its p90 above the median, ...), not the rules of a particular
// field. A distribution whose draws pass MaxSampledDuration (a count
// distribution: 1e12) more often than once in 10^9 is an error: its tail
// cannot be sampled as a time.
func ParseDist(s string, u Unit) (sim.Dist, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return sim.Dist{}, fmt.Errorf("empty distribution; write one of %s", distSyntax)
	}
	if in == "none" {
		return sim.Dist{Kind: sim.None}, nil
	}
	open := strings.IndexByte(in, '(')
	if open < 0 {
		v, err := parseNumber(in, u)
		if err != nil {
			return sim.Dist{}, fmt.Errorf("%q is neither a value nor a distribution (%v); write one of %s", s, err, distSyntax)
		}
		return sim.ConstDist(v), nil
	}
	var shift float64
	head := in[:open]
	if plus := strings.LastIndexByte(head, '+'); plus >= 0 {
		left := strings.TrimSpace(head[:plus])
		if left == "" {
			return sim.Dist{}, fmt.Errorf("%q: nothing before '+'; write SHIFT + DIST, as in \"3m + exp(mean=1m)\"", s)
		}
		v, err := parseNumber(left, u)
		if err != nil {
			return sim.Dist{}, fmt.Errorf("%q: shift: %v", s, err)
		}
		shift = v
		head = head[plus+1:]
	}
	name := strings.TrimSpace(head)
	if _, ok := distFamilies[name]; !ok {
		return sim.Dist{}, fmt.Errorf("%q: unknown distribution %q%s; known: %s; write one of %s", s,
			name, didYouMean(name, familyNames()), strings.Join(familyNames(), ", "), distSyntax)
	}
	if !strings.HasSuffix(in, ")") {
		return sim.Dist{}, fmt.Errorf("%q: missing ')' at the end", s)
	}
	body := in[open+1 : len(in)-1]
	if strings.ContainsAny(body, "()") {
		return sim.Dist{}, fmt.Errorf("%q: nested parentheses; a distribution has one list of parameters", s)
	}
	params, err := parseParams(name, body, u)
	if err != nil {
		return sim.Dist{}, fmt.Errorf("%q: %v", s, err)
	}
	d, err := buildDist(name, params)
	if err != nil {
		return sim.Dist{}, fmt.Errorf("%q: %v", s, err)
	}
	d.Shift = shift
	if err := d.Validate(); err != nil {
		return sim.Dist{}, fmt.Errorf("%q: %v", s, err)
	}
	if err := checkTail(d, u); err != nil {
		return sim.Dist{}, fmt.Errorf("%q: %v", s, err)
	}
	return d, nil
}

// Bounds of the values a distribution may reach with probability more
// than tailP: the longest duration (maxDurationDays, as for written
// durations) and the largest count. Beyond them a sampled time would
// mean nothing to the model, and far beyond them it overflows des.Time.
const (
	MaxSampledDuration = maxDurationDays * 24 * 60 * 60 * 1000 // milliseconds
	tailP              = 1e-9
	tailZ              = 5.997807015007686 // the standard normal quantile at 1-tailP
	tailExp            = 20.72326583694641 // -ln(tailP)
)

// tails returns values that draws of d fall below and above with
// probability tailP or less (for gamma, an upper bound on the upper
// one: shape + 6.1 sqrt(shape) + 21 scales exceeds the quantile of
// every shape).
func tails(d sim.Dist) (lo, hi float64) {
	switch d.Kind {
	case sim.Const:
		return d.Shift + d.P1, d.Shift + d.P1
	case sim.Uniform:
		return d.Shift + d.P1, d.Shift + d.P2
	case sim.Normal:
		return d.Shift + d.P1 - tailZ*d.P2, d.Shift + d.P1 + tailZ*d.P2
	case sim.Exp:
		return d.Shift, d.Shift + d.P1*tailExp
	case sim.LogNormal:
		return d.Shift, d.Shift + math.Exp(d.P1+tailZ*d.P2)
	case sim.Gamma:
		k := d.P1
		return d.Shift, d.Shift + d.P2*(k+6.1*math.Sqrt(k)+21)
	}
	return d.Shift, d.Shift
}

// checkTail rejects a distribution whose draws can pass the bounds:
// MaxSampledDuration for durations, maxCount for counts.
func checkTail(d sim.Dist, u Unit) error {
	lo, hi := tails(d)
	limit := float64(maxCount)
	if u == Durations {
		limit = MaxSampledDuration
	}
	if !(math.Abs(lo) <= limit && math.Abs(hi) <= limit) {
		far := hi
		if !(math.Abs(hi) > limit) {
			far = lo
		}
		if u == Durations {
			return fmt.Errorf("draws reach %s (1 in 10^9 goes further), beyond the longest duration the model samples, %dd; use a smaller sigma, sd or scale",
				formatDays(far), maxDurationDays)
		}
		return fmt.Errorf("draws reach %.3g (1 in 10^9 goes further), beyond the largest count, %g; use a smaller sigma, sd or scale", far, float64(maxCount))
	}
	return nil
}

// formatDays writes ms, which may be huge, in days.
func formatDays(ms float64) string {
	return strconv.FormatFloat(ms/(24*60*60*1000), 'g', 3, 64) + "d"
}

// parseParams reads "k=v, k=v" (or one positional value for const) into
// a map, checking the names against the family's parameter sets.
func parseParams(family, body string, u Unit) (map[string]float64, error) {
	sets := distFamilies[family]
	valid := []string{}
	for _, set := range sets {
		for _, p := range set {
			if !slices.Contains(valid, p) {
				valid = append(valid, p)
			}
		}
	}
	params := map[string]float64{}
	var given []string
	for i, arg := range strings.Split(body, ",") {
		arg = strings.TrimSpace(arg)
		if arg == "" {
			return nil, fmt.Errorf("empty parameter %d; write %s", i+1, formsOf(family))
		}
		key, val, ok := strings.Cut(arg, "=")
		if !ok {
			if family == "const" && i == 0 {
				key, val = "value", arg
			} else {
				return nil, fmt.Errorf("parameter %q has no name; write %s", arg, formsOf(family))
			}
		}
		key = strings.TrimSpace(key)
		if !slices.Contains(valid, key) {
			return nil, fmt.Errorf("%s has no parameter %q%s; write %s", family, key, didYouMean(key, valid), formsOf(family))
		}
		if _, dup := params[key]; dup {
			return nil, fmt.Errorf("parameter %q given twice", key)
		}
		unit := u
		if key == "sigma" || key == "shape" {
			unit = Counts // always plain numbers
		}
		v, err := parseNumber(strings.TrimSpace(val), unit)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", key, err)
		}
		params[key] = v
		given = append(given, key)
	}
	sort.Strings(given)
	for _, set := range sets {
		want := slices.Clone(set)
		sort.Strings(want)
		if slices.Equal(want, given) {
			return params, nil
		}
	}
	return nil, fmt.Errorf("parameters %s do not fit; write %s", strings.Join(given, ", "), formsOf(family))
}

// formsOf lists the accepted forms of a family, as in
// "lognormal(median=, p90=) or lognormal(median=, sigma=)".
func formsOf(family string) string {
	var forms []string
	for _, set := range distFamilies[family] {
		forms = append(forms, family+"("+strings.Join(set, "=.., ")+"=..)")
	}
	return choices(forms)
}

// buildDist turns a family's named parameters into a sim.Dist.
func buildDist(family string, p map[string]float64) (sim.Dist, error) {
	switch family {
	case "const":
		return sim.ConstDist(p["value"]), nil
	case "exp":
		return sim.ExpDist(p["mean"]), nil
	case "uniform":
		return sim.Dist{Kind: sim.Uniform, P1: p["min"], P2: p["max"]}, nil
	case "normal":
		return sim.Dist{Kind: sim.Normal, P1: p["mean"], P2: p["sd"]}, nil
	case "lognormal":
		if med, ok := p["median"]; ok {
			if med <= 0 {
				return sim.Dist{}, fmt.Errorf("median must be > 0")
			}
			mu := math.Log(med)
			if p90, ok := p["p90"]; ok {
				if p90 <= med {
					return sim.Dist{}, fmt.Errorf("p90 must be above the median")
				}
				return sim.Dist{Kind: sim.LogNormal, P1: mu, P2: (math.Log(p90) - mu) / z90}, nil
			}
			return sim.Dist{Kind: sim.LogNormal, P1: mu, P2: p["sigma"]}, nil
		}
		mean, sd := p["mean"], p["sd"]
		if mean <= 0 {
			return sim.Dist{}, fmt.Errorf("mean must be > 0")
		}
		if sd < 0 {
			return sim.Dist{}, fmt.Errorf("sd must be >= 0")
		}
		s2 := math.Log1p(sd * sd / (mean * mean))
		return sim.Dist{Kind: sim.LogNormal, P1: math.Log(mean) - s2/2, P2: math.Sqrt(s2)}, nil
	case "gamma":
		shape := p["shape"]
		if shape <= 0 {
			return sim.Dist{}, fmt.Errorf("shape must be > 0")
		}
		if mean, ok := p["mean"]; ok {
			if mean <= 0 {
				return sim.Dist{}, fmt.Errorf("mean must be > 0")
			}
			return sim.Dist{Kind: sim.Gamma, P1: shape, P2: mean / shape}, nil
		}
		return sim.Dist{Kind: sim.Gamma, P1: shape, P2: p["scale"]}, nil
	}
	return sim.Dist{}, fmt.Errorf("unknown distribution %q", family)
}

// parseNumber reads one value: a duration in milliseconds for Durations,
// a finite plain number for Counts.
func parseNumber(s string, u Unit) (float64, error) {
	if u == Durations {
		d, err := ParseDuration(s)
		if err != nil {
			return 0, err
		}
		return float64(d), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if math.Abs(v) > maxCount {
		return 0, fmt.Errorf("%s is too large (at most %g)", s, float64(maxCount))
	}
	return v, nil
}
