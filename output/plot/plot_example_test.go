package plot_test

import (
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"path/filepath"

	"vaxsim/output/plot"
	"vaxsim/output/runfiles"
)

// Draw the plots of a stored result folder: build each figure's
// description from the files, then write it as PNG and SVG.
func ExampleRunFigures() {
	rf, err := runfiles.ReadFolder("testdata/run")
	if err != nil {
		log.Fatal(err)
	}
	figs, err := plot.RunFigures(rf.Summary.Scenario, rf.Daily)
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range figs {
		fmt.Printf("%-13s %s | x: %s | y: %s\n", f.Name, f.Title, f.X.Text(), f.Y.Text())
	}
	dir, err := os.MkdirTemp("", "vaxsim-plots-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	paths, err := plot.Write(dir, figs)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(paths), "files, the first", filepath.Base(paths[0]))
	// Output:
	// vaccinations  two-sites-week: doses given and slots offered per day | x: Date (day) | y: Per day (doses, slots)
	// wasted-slots  two-sites-week: wasted slots per day | x: Date (day) | y: Wasted slots (slots per day)
	// doses         two-sites-week: doses received, administered, wasted and on hand | x: Date (day) | y: Amount (doses)
	// backlog       two-sites-week: backlog at the end of each day | x: Date (day) | y: Backlog (people)
	// waits         two-sites-week: waiting times per site | x: Site | y: Wait (min)
	// 10 files, the first vaccinations.png
}

// Plot a sweep: a metric's mean at each value of the varied parameter,
// with the 95% confidence interval of the mean as error bars.
func ExampleSweepLineFigure() {
	points := []plot.SweepPoint{
		{X: 10, Mean: 1180, Low: 1141, High: 1219},
		{X: 14, Mean: 1298, Low: 1289, High: 1306},
		{X: 18, Mean: 1304, Low: math.NaN(), High: math.NaN()}, // one replication: no interval
	}
	stations := plot.Axis{Label: "sites.tcc.stations", Unit: "stations"}
	f, err := plot.SweepLineFigure("pima-tcc-2021-01-22", stations, plot.MetricAxis("vaccinated"), points)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Name)
	fmt.Println(f.Title)
	fmt.Println("x:", f.X.Text())
	fmt.Println("y:", f.Y.Text())
	if err := f.Render(io.Discard, "svg"); err != nil {
		log.Fatal(err)
	}
	// Output:
	// sweep-vaccinated-by-sites.tcc.stations
	// pima-tcc-2021-01-22: vaccinated by sites.tcc.stations
	// x: sites.tcc.stations (stations)
	// y: vaccinated (doses)
}

// Plot a metric over two varied parameters as a heat map.
func ExampleSweepHeatmapFigure() {
	stations := plot.Axis{Label: "sites.tcc.stations", Unit: "stations", Categories: []string{"10", "14", "18"}}
	factor := plot.Axis{Label: "invitations.fill.factor", Categories: []string{"1", "1.43"}}
	f, err := plot.SweepHeatmapFigure("pima-tcc-2021-01-22", stations, factor, plot.MetricAxis("wasted_slots"),
		[][]float64{
			{310, 236, 235}, // factor 1, for 10, 14 and 18 stations
			{30, 0, 0},      // factor 1.43
		})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Name)
	fmt.Println("colour scale:", f.Panels[0].Heat.Scale.Text())
	// Output:
	// sweep-wasted_slots-by-sites.tcc.stations-and-invitations.fill.factor
	// colour scale: wasted_slots (slots)
}
