package stats_test

import (
	"fmt"
	"math"
	"vaxsim/output/stats"
)

func ExampleDescribe() {
	// Vaccinations in five replications; the NaN is a replication where
	// the metric did not apply, and is skipped.
	s := stats.Describe([]float64{1290, 1306, math.NaN(), 1301, 1285, 1312})
	fmt.Printf("n=%d mean=%.1f sd=%.2f 95%% CI [%.1f, %.1f] range [%g, %g]\n", s.N, s.Mean, s.SD, s.Low, s.High, s.Min, s.Max)
	// Output:
	// n=5 mean=1298.8 sd=11.17 95% CI [1284.9, 1312.7] range [1285, 1312]
}
