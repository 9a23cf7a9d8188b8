package plot_test

import (
	"bytes"
	"html"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/cmpimg"

	"vaxsim/output/plot"
	"vaxsim/output/runfiles"
	"vaxsim/sim"
)

// plotFixture is a stored result folder: five replications of
// testdata/two-sites-week.toml (see that file to regenerate it).
const plotFixture = "testdata/run"

func readPlotFixture(t *testing.T) *runfiles.Folder {
	t.Helper()
	rf, err := runfiles.ReadFolder(plotFixture)
	if err != nil {
		t.Fatal(err)
	}
	return rf
}

// sweepFigures are the sweep plots of made-up statistics: a numeric
// parameter, a categorical one, and a heat map with a missing cell.
func sweepFigures(t *testing.T) []*plot.Figure {
	t.Helper()
	stations := plot.Axis{Label: "sites.tcc.stations", Unit: "stations"}
	var pts []plot.SweepPoint
	for i, mean := range []float64{1180, 1265, 1298, 1302, 1304} {
		x := float64(10 + 2*i)
		half := 40 / math.Sqrt(float64(i+1))
		pts = append(pts, plot.SweepPoint{X: x, Mean: mean, Low: mean - half, High: mean + half})
	}
	line, err := plot.SweepLineFigure("pima-tcc-2021-01-22", stations, plot.MetricAxis("vaccinated"), pts)
	if err != nil {
		t.Fatal(err)
	}
	at := plot.Axis{Label: "invitations.fill.at", Unit: "time of day", Kind: plot.Categories,
		Categories: []string{"07:00", "08:30", "10:00"}}
	waits, err := plot.SweepLineFigure("pima-tcc-2021-01-22", at, plot.MetricAxis("mean_wait_min"), []plot.SweepPoint{
		{X: 0, Mean: 121.5, Low: 112.0, High: 131.0},
		{X: 1, Mean: 67.8, Low: 66.6, High: 69.1},
		{X: 2, Mean: 41.2, Low: math.NaN(), High: math.NaN()},
	})
	if err != nil {
		t.Fatal(err)
	}
	factor := plot.Axis{Label: "invitations.fill.factor", Categories: []string{"1", "1.2", "1.43", "1.6"}}
	stations.Categories = []string{"10", "12", "14", "16", "18"}
	heat, err := plot.SweepHeatmapFigure("pima-tcc-2021-01-22", stations, factor, plot.MetricAxis("wasted_slots"), [][]float64{
		{310, 240, 236, 235, 235},
		{160, 92.5, 80, 78, 77.5},
		{30, 4.25, 0, 0, 0},
		{12, 0, 0, math.NaN(), 0},
	})
	if err != nil {
		t.Fatal(err)
	}
	return []*plot.Figure{line, waits, heat}
}

// allFigures are the figures of the fixture run and the sweep figures:
// every kind of plot.
func allFigures(t *testing.T) []*plot.Figure {
	t.Helper()
	rf := readPlotFixture(t)
	figs, err := plot.RunFigures(rf.Summary.Scenario, rf.Daily)
	if err != nil {
		t.Fatal(err)
	}
	return append(figs, sweepFigures(t)...)
}

func render(t *testing.T, f *plot.Figure, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f.Render(&b, format); err != nil {
		t.Fatalf("%s.%s: %v", f.Name, format, err)
	}
	return b.Bytes()
}

// TestPlotGolden draws every kind of plot from fixed data and compares
// each PNG (pixel by pixel) and SVG (byte by byte) with its golden image
// testdata/NAME_golden.EXT. After a deliberate change, regenerate
// the golden images with
//
//	go test ./output/plot -run TestPlotGolden -regen
//
// and look at them before committing.
func TestPlotGolden(t *testing.T) {
	figs := allFigures(t)
	var names []string
	for _, f := range figs {
		names = append(names, f.Name)
	}
	want := []string{"vaccinations", "wasted-slots", "doses", "backlog", "waits",
		"sweep-vaccinated-by-sites.tcc.stations", "sweep-mean_wait_min-by-invitations.fill.at",
		"sweep-wasted_slots-by-sites.tcc.stations-and-invitations.fill.factor"}
	if !slices.Equal(names, want) {
		t.Fatalf("figures %q, want %q", names, want)
	}
	for _, f := range figs {
		t.Run(f.Name, func(t *testing.T) {
			var files []string
			for _, format := range plot.Formats {
				files = append(files, f.Name+"."+format)
			}
			cmpimg.CheckPlot(func() {
				for i, format := range plot.Formats {
					if err := os.WriteFile(filepath.Join("testdata", files[i]), render(t, f, format), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}, t, files...)
		})
	}
}

// TestFigureDescriptions checks what each figure says about itself: a
// title naming the scenario, axis labels with units (a Dates axis in
// days; only a Categories axis may have none), a colour scale with a unit
// for a heat map, a label for every series and box group, and a caption.
// It also checks the SVG drawing shows the title and axis labels.
func TestFigureDescriptions(t *testing.T) {
	want := map[string]struct{ title, x, y string }{
		"vaccinations": {"two-sites-week: doses given and slots offered per day", "Date (day)", "Per day (doses, slots)"},
		"wasted-slots": {"two-sites-week: wasted slots per day", "Date (day)", "Wasted slots (slots per day)"},
		"doses":        {"two-sites-week: doses received, administered, wasted and on hand", "Date (day)", "Amount (doses)"},
		"backlog":      {"two-sites-week: backlog at the end of each day", "Date (day)", "Backlog (people)"},
		"waits":        {"two-sites-week: waiting times per site", "Site", "Wait (min)"},
		"sweep-vaccinated-by-sites.tcc.stations": {"pima-tcc-2021-01-22: vaccinated by sites.tcc.stations",
			"sites.tcc.stations (stations)", "vaccinated (doses)"},
		"sweep-mean_wait_min-by-invitations.fill.at": {"pima-tcc-2021-01-22: mean_wait_min by invitations.fill.at",
			"invitations.fill.at (time of day)", "mean_wait_min (min)"},
		"sweep-wasted_slots-by-sites.tcc.stations-and-invitations.fill.factor": {
			"pima-tcc-2021-01-22: wasted_slots by sites.tcc.stations and invitations.fill.factor",
			"sites.tcc.stations (stations)", "invitations.fill.factor"},
	}
	for _, f := range allFigures(t) {
		t.Run(f.Name, func(t *testing.T) {
			w, ok := want[f.Name]
			if !ok {
				t.Fatalf("unexpected figure %q", f.Name)
			}
			if f.Title != w.title || f.X.Text() != w.x || f.Y.Text() != w.y {
				t.Errorf("title %q, x %q, y %q; want %q, %q, %q", f.Title, f.X.Text(), f.Y.Text(), w.title, w.x, w.y)
			}
			for _, a := range []struct {
				name string
				axis plot.Axis
			}{{"x", f.X}, {"y", f.Y}} {
				switch {
				case a.axis.Label == "":
					t.Errorf("%s axis has no label", a.name)
				case a.axis.Kind == plot.Dates && a.axis.Unit != "day":
					t.Errorf("%s axis is a date axis in %q, want day", a.name, a.axis.Unit)
				case a.axis.Kind == plot.Dates && a.axis.Start.IsZero():
					t.Errorf("%s axis is a date axis with no start date", a.name)
				case a.axis.Kind == plot.Numbers && a.axis.Unit == "":
					t.Errorf("%s axis %q has no unit", a.name, a.axis.Label)
				case a.axis.Kind == plot.Categories && len(a.axis.Categories) == 0:
					t.Errorf("%s axis %q is an axis of categories with none", a.name, a.axis.Label)
				}
			}
			if f.Caption == "" {
				t.Errorf("no caption")
			}
			if len(f.Panels) == 0 {
				t.Fatalf("no panels")
			}
			for _, p := range f.Panels {
				if len(p.Series)+len(p.Boxes) == 0 && p.Heat == nil {
					t.Errorf("panel %q is empty", p.Title)
				}
				for _, s := range p.Series {
					if s.Label == "" {
						t.Errorf("panel %q has a series without a label", p.Title)
					}
				}
				for _, g := range p.Boxes {
					if g.Label == "" {
						t.Errorf("panel %q has a box group without a label", p.Title)
					}
				}
				if p.Heat != nil && (p.Heat.Scale.Label == "" || p.Heat.Scale.Unit == "") {
					t.Errorf("heat map scale %q has no label or unit", p.Heat.Scale.Text())
				}
			}
			svg := string(render(t, f, "svg"))
			for _, text := range []string{f.Title, f.X.Text(), f.Y.Text()} {
				if !strings.Contains(svg, ">"+html.EscapeString(text)+"</text>") {
					t.Errorf("the SVG does not show %q", text)
				}
			}
		})
	}
}

// TestRunFiguresSites checks which sites the run figures show: one panel
// per site (and one for all sites) up to MaxPanels sites, one line per
// site up to MaxLines, and the all-sites rows alone beyond, said in the
// caption.
func TestRunFiguresSites(t *testing.T) {
	for _, tc := range []struct {
		sites                int
		panels, lines, boxes int
		note                 bool
	}{
		{1, 1, 1, 1, false},
		{2, 3, 2, 2, false},
		{plot.MaxLines, plot.MaxLines + 1, plot.MaxLines, plot.MaxLines, false},
		{plot.MaxLines + 1, plot.MaxLines + 2, 1, plot.MaxLines + 1, true},
		{plot.MaxPanels + 1, 1, 1, 1, true},
	} {
		t.Run(strconv.Itoa(tc.sites), func(t *testing.T) {
			figs, err := plot.RunFigures("many", syntheticDaily(tc.sites, 3, 2))
			if err != nil {
				t.Fatal(err)
			}
			byName := map[string]*plot.Figure{}
			for _, f := range figs {
				byName[f.Name] = f
			}
			vacc, wasted, waits := byName["vaccinations"], byName["wasted-slots"], byName["waits"]
			if vacc == nil || wasted == nil || waits == nil {
				t.Fatalf("figures %v lack vaccinations, wasted-slots or waits", slices.Collect(maps.Keys(byName)))
			}
			if got := len(vacc.Panels); got != tc.panels {
				t.Errorf("%d sites: %d vaccination panels, want %d", tc.sites, got, tc.panels)
			}
			if got := len(wasted.Panels[0].Series); got != tc.lines {
				t.Errorf("%d sites: %d wasted-slot lines, want %d", tc.sites, got, tc.lines)
			}
			if got := len(waits.X.Categories); got != tc.boxes {
				t.Errorf("%d sites: %d wait categories, want %d", tc.sites, got, tc.boxes)
			}
			noted := strings.Contains(vacc.Caption+wasted.Caption+waits.Caption, "too many")
			if noted != tc.note {
				t.Errorf("%d sites: captions say the sites are too many: %v, want %v", tc.sites, noted, tc.note)
			}
			for _, f := range figs {
				render(t, f, "png")
			}
		})
	}
}

// syntheticDaily returns a daily.csv of sites sites, reps replications
// and days days with the metrics of the plots, as a result folder of
// another version of vaxsim might hold them (a few columns only).
func syntheticDaily(sites, reps, days int) *runfiles.Daily {
	d := &runfiles.Daily{Metrics: []string{"slots", "vaccinated", "wasted_slots", "doses_received", "doses_wasted",
		"doses_on_hand", "backlog", "mean_wait_min", "p95_wait_min"}}
	start := sim.Date{Year: 2021, Month: 3, Day: 1}
	for rep := range reps {
		for day := range days {
			var all []float64
			for s := range sites + 1 {
				v := float64(100 + 10*s + rep + 3*day)
				vals := []float64{v + 20, v, 20, 0, 1, 1000 - float64(day)*v, math.NaN(), 5 + float64(rep), 12 + float64(s)}
				if day == 0 {
					vals[3] = 1000
				}
				name := "s" + strconv.Itoa(s)
				if s == sites {
					name, vals = runfiles.AllSites, all
					vals[6] = 5000 - 300*float64(day)
				} else if s == 0 {
					all = slices.Clone(vals)
				} else {
					for j := range all {
						all[j] += vals[j]
					}
				}
				d.Rows = append(d.Rows, runfiles.DailyRow{Rep: rep, Date: start.AddDays(day), Site: name, Values: vals})
			}
		}
	}
	return d
}

// TestRunFiguresEdges checks the figures of unusual result files: one
// day, one replication, missing columns, no rows.
func TestRunFiguresEdges(t *testing.T) {
	oneDay := syntheticDaily(1, 1, 1)
	noBacklog := syntheticDaily(2, 2, 3)
	noBacklog.Metrics[6] = "something_else"
	onlyWaits := &runfiles.Daily{Metrics: []string{"p95_wait_min"}}
	for _, r := range syntheticDaily(2, 2, 2).Rows {
		onlyWaits.Rows = append(onlyWaits.Rows, runfiles.DailyRow{Rep: r.Rep, Date: r.Date, Site: r.Site, Values: r.Values[8:]})
	}
	for _, tc := range []struct {
		name  string
		daily *runfiles.Daily
		want  []string
	}{
		{"one day, one replication", oneDay, []string{"vaccinations", "wasted-slots", "doses", "backlog", "waits"}},
		{"no backlog column", noBacklog, []string{"vaccinations", "wasted-slots", "doses", "waits"}},
		{"waits only", onlyWaits, []string{"waits"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			figs, err := plot.RunFigures("edge", tc.daily)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, f := range figs {
				names = append(names, f.Name)
				for _, format := range plot.Formats {
					render(t, f, format)
				}
			}
			if !slices.Equal(names, tc.want) {
				t.Errorf("figures %q, want %q", names, tc.want)
			}
		})
	}
	if _, err := plot.RunFigures("empty", &runfiles.Daily{Metrics: []string{"slots"}}); err == nil {
		t.Errorf("RunFigures of a daily.csv without rows: no error")
	}
}

// TestPlotDeterminism checks that drawing a figure twice, from files read
// twice, gives the same bytes in every format.
func TestPlotDeterminism(t *testing.T) {
	a, b := allFigures(t), allFigures(t)
	for i := range a {
		for _, format := range plot.Formats {
			if !bytes.Equal(render(t, a[i], format), render(t, b[i], format)) {
				t.Errorf("%s.%s: two drawings differ", a[i].Name, format)
			}
		}
	}
}

func TestSweepFigureErrors(t *testing.T) {
	cat := plot.Axis{Label: "at", Kind: plot.Categories, Categories: []string{"07:00", "08:00"}}
	num := plot.Axis{Label: "stations", Unit: "stations"}
	metric := plot.MetricAxis("vaccinated")
	for _, tc := range []struct {
		name string
		err  func() error
	}{
		{"no points", func() error { _, err := plot.SweepLineFigure("s", num, metric, nil); return err }},
		{"category index out of range", func() error {
			_, err := plot.SweepLineFigure("s", cat, metric, []plot.SweepPoint{{X: 2, Mean: 1}})
			return err
		}},
		{"category index not whole", func() error {
			_, err := plot.SweepLineFigure("s", cat, metric, []plot.SweepPoint{{X: 0.5, Mean: 1}})
			return err
		}},
		{"heat map without categories", func() error {
			_, err := plot.SweepHeatmapFigure("s", num, cat, metric, [][]float64{{1}})
			return err
		}},
		{"heat map rows", func() error {
			x := plot.Axis{Label: "x", Categories: []string{"a"}}
			_, err := plot.SweepHeatmapFigure("s", x, cat, metric, [][]float64{{1}})
			return err
		}},
		{"heat map columns", func() error {
			x := plot.Axis{Label: "x", Categories: []string{"a", "b"}}
			_, err := plot.SweepHeatmapFigure("s", x, cat, metric, [][]float64{{1}, {2, 3}})
			return err
		}},
		{"unknown format", func() error {
			f, _ := plot.SweepLineFigure("s", num, metric, []plot.SweepPoint{{X: 1, Mean: 1}})
			return f.Render(io.Discard, "gif")
		}},
		{"series lengths", func() error {
			f := &plot.Figure{Name: "bad", X: num, Y: metric,
				Panels: []plot.Panel{{Series: []plot.Series{{Label: "a", X: []float64{1, 2}, Y: []float64{1}}}}}}
			return f.Render(io.Discard, "svg")
		}},
		{"no panels", func() error { return (&plot.Figure{Name: "empty"}).Render(io.Discard, "png") }},
	} {
		if err := tc.err(); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestMetricAxis(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"vaccinated", "vaccinated (doses)"},
		{"utilization", "utilization (share)"},
		{"mean_wait_min", "mean_wait_min (min)"},
		{"not_a_metric", "not_a_metric"},
	} {
		if got := plot.MetricAxis(tc.name).Text(); got != tc.text {
			t.Errorf("MetricAxis(%q).Text() = %q, want %q", tc.name, got, tc.text)
		}
	}
}

// TestWritePlots checks the files Write writes.
func TestWritePlots(t *testing.T) {
	figs := sweepFigures(t)
	dir := filepath.Join(t.TempDir(), "new", "plots")
	paths, err := plot.Write(dir, figs)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(figs)*len(plot.Formats) {
		t.Fatalf("wrote %d files, want %d", len(paths), len(figs)*len(plot.Formats))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(paths) {
		t.Errorf("%s holds %d entries, want %d (no temporary files)", dir, len(entries), len(paths))
	}
	for i, f := range figs {
		for j, format := range plot.Formats {
			got, err := os.ReadFile(paths[i*len(plot.Formats)+j])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, render(t, f, format)) {
				t.Errorf("%s differs from the figure drawn in memory", paths[i*len(plot.Formats)+j])
			}
		}
	}
}
