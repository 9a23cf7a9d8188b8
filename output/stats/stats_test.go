package stats_test

import (
	"math"
	"testing"

	"vaxsim/output/internal/outtest"
	"vaxsim/output/stats"
)

func TestDescribe(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		xs   []float64
		want stats.Stat
		tol  float64
	}{
		// R: t.test(1:5)$conf.int is 1.036757 4.963243; sd(1:5) is 1.581139.
		// testdata/reference.py: ci=[1.03675683852, 4.96324316148].
		{"one to five", []float64{1, 2, 3, 4, 5},
			stats.Stat{N: 5, Mean: 3, SD: 1.58113883008419, Low: 1.03675683852, High: 4.96324316148, Min: 1, Max: 5}, 1e-10},
		// NaN values are skipped: the same as 1:5.
		{"NaN skipped", []float64{nan, 1, 2, nan, 3, 4, 5, nan},
			stats.Stat{N: 5, Mean: 3, SD: 1.58113883008419, Low: 1.03675683852, High: 4.96324316148, Min: 1, Max: 5}, 1e-10},
		// R: t.test(c(10, 20))$conf.int is -48.53102 78.53102 (t with 1 df is 12.7062).
		{"two values", []float64{20, 10},
			stats.Stat{N: 2, Mean: 15, SD: 7.07106781186548, Low: -48.5310236809, High: 78.5310236809, Min: 10, Max: 20}, 1e-10},
		// testdata/reference.py "vaccinated"; R: t.test(c(1298, 1281, 1315,
		// 1302, 1290, 1311, 1276, 1309, 1288, 1301))$conf.int is 1287.764 1306.436.
		{"vaccinated", []float64{1298, 1281, 1315, 1302, 1290, 1311, 1276, 1309, 1288, 1301},
			stats.Stat{N: 10, Mean: 1297.1, SD: 13.0507556188223, Low: 1287.76405184, High: 1306.43594816, Min: 1276, Max: 1315}, 1e-10},
		// testdata/reference.py "waits".
		{"waits", []float64{12.4, 11.9, 13.1, 12.7},
			stats.Stat{N: 4, Mean: 12.525, SD: 0.505799696849784, Low: 11.7201598118, High: 13.3298401882, Min: 11.9, Max: 13.1}, 1e-10},
		// Equal values: sd 0 and a zero-width interval, exactly.
		{"constant", []float64{7, 7, 7},
			stats.Stat{N: 3, Mean: 7, SD: 0, Low: 7, High: 7, Min: 7, Max: 7}, 0},
		// Summing 0.1 three times gives 0.30000000000000004; the mean is
		// still exactly 0.1.
		{"constant fraction", []float64{0.1, 0.1, 0.1},
			stats.Stat{N: 3, Mean: 0.1, SD: 0, Low: 0.1, High: 0.1, Min: 0.1, Max: 0.1}, 0},
		{"one value", []float64{4},
			stats.Stat{N: 1, Mean: 4, SD: nan, Low: nan, High: nan, Min: 4, Max: 4}, 0},
		{"one value and NaN", []float64{nan, -2.5},
			stats.Stat{N: 1, Mean: -2.5, SD: nan, Low: nan, High: nan, Min: -2.5, Max: -2.5}, 0},
		{"empty", nil,
			stats.Stat{N: 0, Mean: nan, SD: nan, Low: nan, High: nan, Min: nan, Max: nan}, 0},
		{"all NaN", []float64{nan, nan},
			stats.Stat{N: 0, Mean: nan, SD: nan, Low: nan, High: nan, Min: nan, Max: nan}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]float64(nil), tt.xs...)
			got := stats.Describe(tt.xs)
			if got.N != tt.want.N || !outtest.Near(got.Mean, tt.want.Mean, tt.tol) || !outtest.Near(got.SD, tt.want.SD, tt.tol) ||
				!outtest.Near(got.Low, tt.want.Low, tt.tol) || !outtest.Near(got.High, tt.want.High, tt.tol) ||
				!outtest.Same(got.Min, tt.want.Min) || !outtest.Same(got.Max, tt.want.Max) {
				t.Errorf("Describe(%v)\n got %+v\nwant %+v", tt.xs, got, tt.want)
			}
			for i := range in {
				if !outtest.Same(in[i], tt.xs[i]) {
					t.Fatalf("Describe(%v) modified its input (was %v)", tt.xs, in)
				}
			}
		})
	}
}
