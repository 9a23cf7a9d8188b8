package plot_test

import (
	"testing"

	"vaxsim/output/plot"
	"vaxsim/output/runfiles"
)

// BenchmarkWritePlots draws the stored run's figures as PNG and SVG files,
// as `vaxsim run` does after every run. Compare -cpu 1,2 to see how well
// the drawing spreads over cores.
func BenchmarkWritePlots(b *testing.B) {
	rf, err := runfiles.ReadFolder(plotFixture)
	if err != nil {
		b.Fatal(err)
	}
	figs, err := plot.RunFigures(rf.Summary.Scenario, rf.Daily)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for b.Loop() {
		if _, err := plot.Write(dir, figs); err != nil {
			b.Fatal(err)
		}
	}
}
