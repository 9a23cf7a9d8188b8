package plot_test

import (
	"fmt"
	"io"
	"math"
	"slices"
	"testing"
	"vaxsim/output/plot"
	"vaxsim/output/stats"
	"vaxsim/output/sweepfiles"
)

// gridPoints returns the points of a full factorial grid of keys, each
// with values 0..n-1 written as text, the first key varying slowest.
func gridPoints(keys []string, n []int) *sweepfiles.Points {
	g := &sweepfiles.Grid{}
	for k, key := range keys {
		p := sweepfiles.Param{Key: key}
		for v := range n[k] {
			p.Values = append(p.Values, fmt.Sprint(v*10))
		}
		g.Params = append(g.Params, p)
	}
	pts := &sweepfiles.Points{Keys: keys}
	for id := range g.Len() {
		pts.Rows = append(pts.Rows, sweepfiles.PointRow{Point: id, Seed: 1, Values: g.Values(id)})
	}
	return pts
}

// gridStats returns statistics of two metrics at every point: the mean is
// the point's id.
func gridStats(pts *sweepfiles.Points) []sweepfiles.PointStat {
	var sums []sweepfiles.PointStat
	for _, row := range pts.Rows {
		for _, m := range []string{"vaccinated", "mean_wait_min", "not_a_headline_metric"} {
			x := float64(row.Point)
			sums = append(sums, sweepfiles.PointStat{Point: row.Point, Metric: m,
				Stat: stats.Stat{N: 3, Mean: x, SD: 1, Low: x - 1, High: x + 1, Min: math.NaN(), Max: math.NaN()}})
		}
	}
	return sums
}

func TestSweepFigures(t *testing.T) {
	tests := []struct {
		name   string
		keys   []string
		n      []int
		want   []string // figure names
		series []int    // series of each line figure
	}{
		{"one key", []string{"a"}, []int{3}, []string{
			"sweep-vaccinated-by-a", "sweep-mean_wait_min-by-a",
		}, []int{1, 1}},
		{"two keys", []string{"a", "b"}, []int{3, 2}, []string{
			"sweep-vaccinated-by-a", "sweep-vaccinated-by-b", "sweep-vaccinated-by-a-and-b",
			"sweep-mean_wait_min-by-a", "sweep-mean_wait_min-by-b", "sweep-mean_wait_min-by-a-and-b",
		}, []int{2, 3, 0, 2, 3, 0}},
		// With 3 x 3 x 2 points, the figures by a and by b have 6 lines
		// each; by c would have 9, more than MaxLines.
		{"too many lines", []string{"a", "b", "c"}, []int{3, 3, 2}, []string{
			"sweep-vaccinated-by-a", "sweep-vaccinated-by-b", "sweep-mean_wait_min-by-a", "sweep-mean_wait_min-by-b",
		}, []int{6, 6, 6, 6}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pts := gridPoints(tc.keys, tc.n)
			figs, err := plot.SweepFigures("grid", pts, gridStats(pts))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range figs {
				names = append(names, f.Name)
				if err := f.Render(io.Discard, "svg"); err != nil {
					t.Errorf("%s: %v", f.Name, err)
				}
			}
			if !slices.Equal(names, tc.want) {
				t.Fatalf("figures %q, want %q", names, tc.want)
			}
			for i, n := range tc.series {
				if got := len(figs[i].Panels[0].Series); n > 0 && got != n {
					t.Errorf("%s has %d lines, want %d", figs[i].Name, got, n)
				}
			}
		})
	}
	// The values of a two-key sweep, checked in full.
	pts := gridPoints([]string{"a", "b"}, []int{3, 2})
	figs, err := plot.SweepFigures("grid", pts, gridStats(pts))
	if err != nil {
		t.Fatal(err)
	}
	byA, byB, heat := figs[0], figs[1], figs[2]
	if !slices.Equal(byA.X.Categories, []string{"0", "10", "20"}) || byA.Panels[0].Series[1].Label != "b=10" ||
		!slices.Equal(byA.Panels[0].Series[1].Y, []float64{1, 3, 5}) || !slices.Equal(byA.Panels[0].Series[1].High, []float64{2, 4, 6}) {
		t.Errorf("vaccinated by a: categories %q, second line %+v", byA.X.Categories, byA.Panels[0].Series[1])
	}
	if s := byB.Panels[0].Series[2]; s.Label != "a=20" || !slices.Equal(s.X, []float64{0, 1}) || !slices.Equal(s.Y, []float64{4, 5}) {
		t.Errorf("vaccinated by b: third line %+v", s)
	}
	if h := heat.Panels[0].Heat; !slices.Equal(h.Values[0], []float64{0, 2, 4}) || !slices.Equal(h.Values[1], []float64{1, 3, 5}) {
		t.Errorf("heat map values %v", h.Values)
	}
	if _, err := plot.SweepFigures("grid", &sweepfiles.Points{Keys: []string{"a"}}, nil); err == nil {
		t.Error("SweepFigures of no points gave no error")
	}
}
