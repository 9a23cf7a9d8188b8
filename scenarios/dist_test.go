package scenarios

import (
	"math"
	"strings"
	"testing"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

const minute = float64(des.Minute)

func TestParseDist(t *testing.T) {
	for _, tc := range []struct {
		in   string
		unit Unit
		want sim.Dist
	}{
		{"4m", Durations, sim.ConstDist(4 * minute)},
		{"4m30s", Durations, sim.ConstDist(4.5 * minute)},
		{"0", Durations, sim.ConstDist(0)},
		{"-5m", Durations, sim.ConstDist(-5 * minute)},
		{"none", Durations, sim.Dist{Kind: sim.None}},
		{"const(4m)", Durations, sim.ConstDist(4 * minute)},
		{"const(value=90s)", Durations, sim.ConstDist(1.5 * minute)},
		{"exp(mean=3m)", Durations, sim.ExpDist(3 * minute)},
		{" exp( mean = 3m ) ", Durations, sim.ExpDist(3 * minute)},
		{"uniform(min=1m, max=5m)", Durations, sim.Dist{Kind: sim.Uniform, P1: minute, P2: 5 * minute}},
		{"uniform(max=5m, min=1m)", Durations, sim.Dist{Kind: sim.Uniform, P1: minute, P2: 5 * minute}},
		{"normal(mean=-5m, sd=5m)", Durations, sim.Dist{Kind: sim.Normal, P1: -5 * minute, P2: 5 * minute}},
		{"lognormal(median=90m, sigma=0.6)", Durations, sim.Dist{Kind: sim.LogNormal, P1: math.Log(90 * minute), P2: 0.6}},
		{"lognormal(median=90m, p90=240m)", Durations,
			sim.Dist{Kind: sim.LogNormal, P1: math.Log(90 * minute), P2: math.Log(240.0/90) / z90}},
		{"lognormal(mean=90m, sd=0s)", Durations, sim.Dist{Kind: sim.LogNormal, P1: math.Log(90 * minute), P2: 0}},
		{"gamma(shape=2, mean=3m)", Durations, sim.Dist{Kind: sim.Gamma, P1: 2, P2: 1.5 * minute}},
		{"gamma(shape=2, scale=90s)", Durations, sim.Dist{Kind: sim.Gamma, P1: 2, P2: 1.5 * minute}},
		{"3m + exp(mean=1m)", Durations, sim.Dist{Kind: sim.Exp, Shift: 3 * minute, P1: minute}},
		{"-10m + gamma(shape=4, mean=10m)", Durations, sim.Dist{Kind: sim.Gamma, Shift: -10 * minute, P1: 4, P2: 2.5 * minute}},
		{"1d + const(2h)", Durations, sim.Dist{Kind: sim.Const, Shift: float64(des.Day), P1: 2 * float64(des.Hour)}},
		{"uniform(min=0, max=36)", Counts, sim.Dist{Kind: sim.Uniform, P1: 0, P2: 36}},
		{"12", Counts, sim.ConstDist(12)},
		{"2.5 + exp(mean=1e1)", Counts, sim.Dist{Kind: sim.Exp, Shift: 2.5, P1: 10}},
		{"lognormal(median=10, p90=20)", Counts, sim.Dist{Kind: sim.LogNormal, P1: math.Log(10), P2: math.Log(2) / z90}},
	} {
		got, err := ParseDist(tc.in, tc.unit)
		if err != nil {
			t.Errorf("ParseDist(%q, %d): %v", tc.in, tc.unit, err)
			continue
		}
		if got.Kind != tc.want.Kind || !near(got.Shift, tc.want.Shift) || !near(got.P1, tc.want.P1) || !near(got.P2, tc.want.P2) {
			t.Errorf("ParseDist(%q, %d) = %+v, want %+v", tc.in, tc.unit, got, tc.want)
		}
	}
}

// TestLogNormalMeanSD checks the moment conversion of lognormal(mean, sd).
func TestLogNormalMeanSD(t *testing.T) {
	d, err := ParseDist("lognormal(mean=90m, sd=30m)", Durations)
	if err != nil {
		t.Fatal(err)
	}
	m := d.Mean()
	sd := m * math.Sqrt(math.Exp(d.P2*d.P2)-1)
	if !near(m, 90*minute) || !near(sd, 30*minute) {
		t.Errorf("lognormal(mean=90m, sd=30m): mean %v min, sd %v min", m/minute, sd/minute)
	}
}

func TestParseDistErrors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		unit Unit
		want string // part of the message
	}{
		{"", Durations, "empty"},
		{"expo(mean=3m)", Durations, `did you mean "exp"?`},
		{"weibull(k=1)", Durations, "known: const, exp, uniform, normal, lognormal, gamma"},
		{"Exp(mean=3m)", Durations, `did you mean "exp"?`},
		{"exp(3m)", Durations, "has no name"},
		{"exp(mean=3)", Durations, "no unit"},
		{"exp(mean=3m", Durations, "missing ')'"},
		{"exp(mean=3m) + 2m", Durations, "missing ')'"},
		{"exp(mean=0s)", Durations, "mean must be > 0"},
		{"exp(mean=-1m)", Durations, "mean must be > 0"},
		{"exp(rate=3)", Durations, `has no parameter "rate"`},
		{"exp(mean=3m, mean=4m)", Durations, "given twice"},
		{"exp(mean=3m,)", Durations, "empty parameter"},
		{"uniform(min=5m, max=1m)", Durations, "max must be >= min"},
		{"uniform(min=1m)", Durations, "do not fit"},
		{"normal(mean=1m, sd=-1m)", Durations, "standard deviation must be >= 0"},
		{"lognormal(median=90m, p90=60m)", Durations, "p90 must be above the median"},
		{"lognormal(median=0s, sigma=1)", Durations, "median must be > 0"},
		{"lognormal(median=90m, p90=240m, sigma=1)", Durations, "do not fit"},
		{"lognormal(median=90m, sigma=1m)", Durations, "not a number"},
		{"gamma(shape=0, mean=3m)", Durations, "shape must be > 0"},
		{"gamma(shape=2, scale=0s)", Durations, "shape and scale must be > 0"},
		{"gamma(mean=3m)", Durations, "do not fit"},
		{"+ exp(mean=1m)", Durations, "nothing before '+'"},
		{"3x + exp(mean=1m)", Durations, "shift"},
		{"exp(mean=exp(mean=1m))", Durations, "nested parentheses"},
		{"3m + 2m", Durations, "neither a value nor a distribution"},
		{"uniform(min=0, max=36)", Durations, "no unit"},
		{"uniform(min=0m, max=36m)", Counts, "not a number"},
		{"1e300", Counts, "too large"},
		{"NaN", Counts, "not a number"},
		{"exp(mean=inf)", Counts, "not a number"},
	} {
		_, err := ParseDist(tc.in, tc.unit)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseDist(%q, %d) error = %v; want one containing %q", tc.in, tc.unit, err, tc.want)
		}
	}
}
