package sim

import (
	"math"
	"testing"

	"vaxsim/sim/des"
)

// TestSampledDurationsSaturate runs the seed-like day with draws far
// beyond the clock's range (a lognormal of sigma 50 gives e^150 ms and
// more, or nothing at all) in every sampled duration: the run must end
// without a kernel panic and with its books balanced.
func TestSampledDurationsSaturate(t *testing.T) {
	wild := Dist{Kind: LogNormal, P1: math.Log(float64(des.Minute)), P2: 50}
	wildNeg := Dist{Kind: Normal, P1: 0, P2: 1e300}
	inf := Dist{Kind: Const, P1: math.Inf(1)}
	nan := Dist{Kind: Const, P1: math.NaN()}
	for _, d := range []struct {
		name string
		dist Dist
	}{{"lognormal sigma 50", wild}, {"normal sd 1e300", wildNeg}, {"+Inf", inf}, {"NaN", nan}} {
		for _, field := range []struct {
			name string
			set  func(sc *Scenario, d Dist)
		}{
			{"service", func(sc *Scenario, d Dist) { sc.Sites[0].Service = d }},
			{"patience", func(sc *Scenario, d Dist) { sc.Sites[0].Patience = d; sc.Sites[0].Stations = 2 }},
			{"punctuality", func(sc *Scenario, d Dist) { sc.Sites[0].Punctuality = d }},
			{"standby", func(sc *Scenario, d Dist) { sc.Sites[0].Standby = d }},
			{"invitation delay", func(sc *Scenario, d Dist) { sc.Invitations[0].Delay = d }},
			{"repair", func(sc *Scenario, d Dist) {
				sc.Portal.Random = RandomOutages{Enabled: true, MTBF: des.Hour, Repair: d, Mode: Degraded, Success: 0.5}
			}},
		} {
			t.Run(field.name+"/"+d.name, func(t *testing.T) {
				sc := seedLike()
				sc.Days = 3
				field.set(sc, d.dist)
				for rep := range 3 {
					if _, err := runRep(sc, 7, rep); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	}
}

func TestDurationConversions(t *testing.T) {
	for _, c := range []struct {
		in        float64
		dur, offs des.Time
		n         int64
	}{
		{0, 0, 0, 0},
		{1.5, 2, 2, 2},
		{-1.5, 0, -2, 0},
		{math.NaN(), 0, 0, 0},
		{math.Inf(1), MaxDuration, MaxDuration, 1 << 53},
		{math.Inf(-1), 0, -MaxDuration, 0},
		{1e300, MaxDuration, MaxDuration, 1 << 53},
		{-1e300, 0, -MaxDuration, 0},
	} {
		if got := duration(c.in); got != c.dur {
			t.Errorf("duration(%v) = %d, want %d", c.in, got, c.dur)
		}
		if got := offset(c.in); got != c.offs {
			t.Errorf("offset(%v) = %d, want %d", c.in, got, c.offs)
		}
		if got := count(c.in); got != c.n {
			t.Errorf("count(%v) = %d, want %d", c.in, got, c.n)
		}
	}
}
