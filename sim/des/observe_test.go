package des

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

func TestTally(t *testing.T) {
	tests := []struct {
		name               string
		xs                 []float64
		mean, vari         float64
		min, max, q50, q95 float64
	}{
		{"empty", nil, math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()},
		{"one", []float64{3}, 3, math.NaN(), 3, 3, 3, 3},
		// R: mean(c(4,1,3,2)) = 2.5; var = 1.666667; quantile(type=1): 2 at 0.5, 4 at 0.95
		{"four", []float64{4, 1, 3, 2}, 2.5, 5.0 / 3, 1, 4, 2, 4},
		{"1..100", seq(1, 100), 50.5, 841.6666666666666, 1, 100, 50, 95},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := Tally{KeepSamples: true}
			for _, x := range tc.xs {
				a.Add(x)
			}
			check := func(what string, got, want float64) {
				if !(math.IsNaN(want) && math.IsNaN(got)) && math.Abs(got-want) > 1e-9 {
					t.Errorf("%s of %v = %v, want %v", what, tc.xs, got, want)
				}
			}
			check("mean", a.Mean(), tc.mean)
			check("var", a.Var(), tc.vari)
			check("min", a.Min(), tc.min)
			check("max", a.Max(), tc.max)
			check("q50", a.Quantile(0.5), tc.q50)
			check("q95", a.Quantile(0.95), tc.q95)
			if a.Count() != int64(len(tc.xs)) {
				t.Errorf("count %d, want %d", a.Count(), len(tc.xs))
			}
			var b Tally
			b.KeepSamples = true
			b.Merge(&a)
			check("merged mean", b.Mean(), tc.mean)
			check("merged q95", b.Quantile(0.95), tc.q95)
			a.Reset()
			if a.Count() != 0 || !a.KeepSamples {
				t.Error("Reset did not empty the tally or dropped KeepSamples")
			}
		})
	}
}

func seq(lo, hi int) []float64 {
	var xs []float64
	for i := lo; i <= hi; i++ {
		xs = append(xs, float64(i))
	}
	return xs
}

func TestTimeAverage(t *testing.T) {
	var a TimeAverage
	a.Reset(10)
	a.Set(10, 2) // level 2 on [10, 20)
	a.Set(20, 0) // level 0 on [20, 30)
	a.Add(30, 4) // level 4 on [30, 40)
	if got := a.Integral(40); got != 2*10+0+4*10 {
		t.Errorf("integral %v, want 60", got)
	}
	if got := a.Mean(40); got != 2 {
		t.Errorf("mean %v, want 2", got)
	}
	a.Reset(40)
	if got := a.Mean(50); got != 4 {
		t.Errorf("mean after reset %v, want 4 (the level carries over)", got)
	}
	if !math.IsNaN(a.Mean(40)) {
		t.Error("mean of an empty window is not NaN")
	}
}

// TestQuantileOf checks the quantile of several tallies' samples together
// against the quantile of one tally holding them all, over tallies of
// different sizes (some empty), with ties and NaN.
func TestQuantileOf(t *testing.T) {
	x := uint64(12345)
	next := func(n uint64) uint64 { x = x*6364136223846793005 + 1442695040888963407; return (x >> 33) % n }
	for trial := range 200 {
		ts := make([]*Tally, 1+next(6))
		all := Tally{KeepSamples: true}
		for i := range ts {
			ts[i] = &Tally{KeepSamples: true}
			for range next(40) {
				v := float64(next(30)) // ties
				if trial%10 == 0 && next(20) == 0 {
					v = math.NaN()
				}
				ts[i].Add(v)
				all.Add(v)
			}
		}
		for _, p := range []float64{0, 0.01, 0.25, 0.5, 0.9, 0.95, 1} {
			got, want := QuantileOf(p, ts...), all.Quantile(p)
			if !(got == want || math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("trial %d: QuantileOf(%v) = %v, one tally's Quantile = %v", trial, p, got, want)
			}
		}
	}
	if got := QuantileOf(0.5); !math.IsNaN(got) {
		t.Errorf("QuantileOf with no tallies = %v, want NaN", got)
	}
	if got := QuantileOf(0.5, &Tally{KeepSamples: true}); !math.IsNaN(got) {
		t.Errorf("QuantileOf of an empty tally = %v, want NaN", got)
	}
}

// TestNth checks the quickselect against a sort: constant, sorted,
// reversed and random samples with NaN, every rank of small ones.
func TestNth(t *testing.T) {
	x := uint64(99)
	next := func(n uint64) uint64 { x = x*6364136223846793005 + 1442695040888963407; return (x >> 33) % n }
	cases := map[string][]float64{"constant": make([]float64, 300)}
	var up, down []float64
	for i := range 1000 {
		up = append(up, float64(i))
		down = append(down, float64(1000-i))
	}
	cases["sorted"], cases["reversed"] = up, down
	for trial := range 40 {
		n := 1 + next(500)
		var s []float64
		for range n {
			v := float64(next(50))
			if trial%4 == 0 && next(10) == 0 {
				v = math.NaN()
			}
			s = append(s, v)
		}
		cases[fmt.Sprint("random ", trial)] = s
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for name, s := range cases {
		want := slices.Clone(s)
		slices.Sort(want)
		ranks := []int{0, len(s) - 1, len(s) / 2}
		for range 20 {
			ranks = append(ranks, int(next(uint64(len(s)))))
		}
		if len(s) <= 40 {
			ranks = ranks[:0]
			for k := range s {
				ranks = append(ranks, k)
			}
		}
		for _, k := range ranks {
			work := slices.Clone(s)
			if got := nth(work, k); !same(got, want[k]) || !same(work[k], want[k]) {
				t.Fatalf("%s: nth(%d) = %v, sorted has %v", name, k, got, want[k])
			}
		}
	}
}
