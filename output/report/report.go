package report

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"
	"sync"

	"vaxsim/output/plot"
	"vaxsim/output/runfiles"
	"vaxsim/output/stats"
	"vaxsim/sim"
)

// ReportFile is the name of the report `vaxsim report` writes into a
// result folder.
const ReportFile = "report.html"

// HeadlineMetrics returns the names of the headline metrics, in order:
// those of the text summary printed by `vaxsim run` and at the top of
// the report.
func HeadlineMetrics() []string {
	names := make([]string, len(runfiles.Headline))
	for i, m := range runfiles.Headline {
		names[i] = sim.Metrics[m].Name
	}
	return names
}

// siteColumns are the metrics of the report's per-site table, by name;
// those a summary lacks are left out.
var siteColumns = []string{"slots", "vaccinated", "wasted_slots", "doses_wasted", "dose_shortfall",
	"mean_wait_min", "p95_wait_min", "utilization"}

// Write writes report.html for the result files rf: one page that
// reads without a network or scripts. It holds the scenario's name and
// description, the headline metrics with their 95% confidence intervals,
// a per-site table, the run's plots as inline SVG with their captions,
// the warnings, every metric in a folded table, and the version, seed and
// replications the run was made with. The description comes from the
// manifest's resolved scenario; without a manifest the report says the
// version is unknown. The same files give the same bytes.
func Write(w io.Writer, rf *runfiles.Folder) error {
	s := rf.Summary
	figs, err := plot.RunFigures(s.Scenario, rf.Daily)
	if err != nil {
		return err
	}
	r := reportData{Scenario: s.Scenario, Replications: s.Replications, Seed: s.Seed}
	if first, last, ok := rf.Daily.Dates(); ok {
		r.First, r.Last, r.Days = first.String(), last.String(), last.Sub(first)+1
	}
	if m := rf.Manifest; m != nil {
		r.Version, r.GoVersion, r.Source, r.StreamScheme = m.Version, m.GoVersion, m.Source, m.StreamScheme
		r.Description = m.Description
		r.Warnings = m.Warnings
		if !m.Start.IsZero() {
			r.Started = m.Start.UTC().Format("2006-01-02 15:04 UTC")
		}
		if m.Elapsed > 0 {
			r.Elapsed = m.Elapsed.String()
		}
		r.Rerun = m.Command
		if r.Rerun == "" { // a manifest of an older vaxsim
			r.Rerun = fmt.Sprintf("vaxsim run %s --reps %d --seed %d", shellQuote(m.Source), s.Replications, s.Seed)
		}
		r.Overrides = m.Overrides
	}
	for _, name := range HeadlineMetrics() {
		if st, ok := s.Stat(name); ok {
			r.Headline = append(r.Headline, reportRow(name, st, s.Replications))
		}
	}
	for _, m := range s.Metrics {
		r.All = append(r.All, reportRow(m.Name, m.Stat, s.Replications))
	}
	for _, name := range siteColumns {
		for _, site := range s.Sites {
			if _, ok := site.Stat(name); ok {
				info := reportMetricInfo(name)
				r.SiteColumns = append(r.SiteColumns, siteColumn{Name: name, Unit: info.Unit})
				break
			}
		}
	}
	for _, site := range s.Sites {
		row := siteRow{Site: site.Site}
		for _, c := range r.SiteColumns {
			cell := statCell{Mean: "–"}
			if st, ok := site.Stat(c.Name); ok {
				m := reportRow(c.Name, st, s.Replications)
				cell = statCell{Mean: m.Mean, CI: m.CI}
			}
			row.Cells = append(row.Cells, cell)
		}
		r.Sites = append(r.Sites, row)
	}
	if r.Figures, err = inlineFigures(figs); err != nil {
		return err
	}
	return reportTemplate().ExecuteTemplate(w, "report", r)
}

// inlineFigures draws figs as inline SVG for the page.
func inlineFigures(figs []*plot.Figure) ([]reportFigure, error) {
	var out []reportFigure
	for _, f := range figs {
		var b bytes.Buffer
		inline := *f
		inline.Caption = "" // the page shows it as the figure's caption
		if err := inline.Render(&b, "svg"); err != nil {
			return nil, err
		}
		out = append(out, reportFigure{ID: "plot-" + f.Name, Title: f.Title, Caption: f.Caption,
			SVG: template.HTML(inlineSVG(b.Bytes(), f.Title))})
	}
	return out, nil
}

type reportData struct {
	Scenario, Description          string
	Replications                   int
	Seed                           uint64
	First, Last                    string
	Days                           int
	Version, GoVersion, Source     string
	StreamScheme, Started, Elapsed string
	Rerun                          string
	Overrides, Warnings            []string
	Headline, All                  []reportMetric
	SiteColumns                    []siteColumn
	Sites                          []siteRow
	Figures                        []reportFigure
}

type reportMetric struct {
	Name, Mean, Unit, CI, Doc string
}

type siteColumn struct{ Name, Unit string }

type siteRow struct {
	Site  string
	Cells []statCell
}

type statCell struct{ Mean, CI string }

type reportFigure struct {
	ID, Title, Caption string
	SVG                template.HTML
}

// reportMetricInfo returns what this version of vaxsim knows of the metric
// called name: a metric it does not know is shown as a count without a
// unit.
func reportMetricInfo(name string) sim.MetricInfo {
	if m, ok := sim.MetricByName(name); ok {
		return sim.Metrics[m]
	}
	return sim.MetricInfo{Name: name, Agg: sim.Count}
}

// reportRow formats a metric's statistics as the text summary does.
func reportRow(name string, st stats.Stat, reps int) reportMetric {
	info := reportMetricInfo(name)
	cells := runfiles.TextRow(info, st, reps)
	ci := strings.TrimPrefix(cells[3], "(95% CI ")
	ci = strings.TrimPrefix(ci, "(")
	ci = strings.Replace(ci, ")", "", 1)
	return reportMetric{Name: name, Mean: cells[1], Unit: cells[2], CI: ci, Doc: info.Doc}
}

// shellQuote quotes s for a POSIX shell if it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

var svgSize = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^<svg width="[^"]*" height="[^"]*"`) })

// inlineSVG turns an SVG file drawn by [plot.Figure.Render] into an element
// for an HTML page: without the XML prolog and comment, scaled to the
// page's width, and labelled for screen readers.
func inlineSVG(svg []byte, label string) string {
	s := string(svg)
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	return svgSize().ReplaceAllLiteralString(s, `<svg class="plot" role="img" aria-label="`+template.HTMLEscapeString(label)+`"`)
}

// reportTemplate is parsed when a report is first written, not when the
// program starts: every command would pay for it. It holds the run's page
// ("report") and the sweep's ("sweep"), which share the head ("head").
var reportTemplate = sync.OnceValue(func() *template.Template {
	t := template.Must(template.New("head").Parse(headHTML))
	template.Must(t.New("report").Parse(reportHTML))
	return template.Must(t.New("sweep").Parse(sweepHTML))
})

// headHTML is what both pages share: the head (title and style), and
// the sections of plots and warnings.
const headHTML = `{{define "plots and warnings"}}<section id="plots">
<h2>Plots</h2>
{{range .Figures}}<figure id="{{.ID}}">
{{.SVG}}<figcaption>{{.Caption}}</figcaption>
</figure>
{{end}}</section>
{{if .Warnings}}
<section id="warnings" class="warnings">
<h2>Warnings</h2>
<ul>
{{range .Warnings}}<li>{{.}}</li>
{{end}}</ul>
</section>
{{end}}{{end}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Scenario}}: vaxsim report</title>
<style>
:root { color-scheme: light; }
body { font-family: "Liberation Sans", Arimo, Arial, Helvetica, sans-serif; color: #1a1a1a; background: #fff;
  max-width: 62rem; margin: 0 auto; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.8rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 2px solid #0072b2; padding-bottom: .2rem; }
.description { font-size: 1.1rem; margin: 0 0 .5rem; }
.meta { color: #444; margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
th { background: #f2f6fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.ci { color: #444; white-space: nowrap; }
.small { display: block; color: #555; font-size: .8rem; }
code { font-family: "Liberation Mono", Menlo, Consolas, monospace; font-size: .92em; }
figure { margin: 1.5rem 0; page-break-inside: avoid; }
svg.plot { display: block; width: 100%; height: auto; max-width: 768px; }
svg.plot text { font-family: "Liberation Sans", Arimo, Arial, Helvetica, sans-serif !important; }
figcaption { color: #333; font-size: .9rem; max-width: 768px; }
.wide { overflow-x: auto; }
#sites table { font-size: .85rem; }
#sites th, #sites td { padding: .3rem .45rem; }
.warnings li { color: #8a3b00; }
details { margin-top: 1rem; }
summary { cursor: pointer; font-weight: bold; }
footer { margin-top: 2.5rem; border-top: 1px solid #ddd; padding-top: .8rem; color: #444; font-size: .9rem; }
@media print { body { max-width: none; } h2 { page-break-after: avoid; } }
</style>
</head>
`

const reportHTML = `{{template "head" .}}<body>
<header>
<h1>{{.Scenario}}</h1>
{{if .Description}}<p class="description">{{.Description}}</p>
{{end}}{{if .Overrides}}<p class="meta">What-if: the scenario with {{range $i, $s := .Overrides}}{{if $i}}, {{end}}<code>--set {{$s}}</code>{{end}}</p>
{{end}}<p class="meta">{{if .First}}{{.First}}{{if ne .First .Last}} to {{.Last}}{{end}} ({{.Days}} day{{if ne .Days 1}}s{{end}}), {{end}}{{.Replications}} replication{{if ne .Replications 1}}s{{end}}, seed {{.Seed}}, vaxsim {{if .Version}}{{.Version}}{{else}}version unknown (no manifest.json){{end}}</p>
</header>

<section id="headline">
<h2>Headline metrics</h2>
<p>Each value is the mean over {{.Replications}} replication{{if ne .Replications 1}}s{{end}} of the horizon total (levels at its end, waits and utilization as averages), with the 95% confidence interval of that mean.</p>
<table>
<thead><tr><th>metric</th><th class="num">mean</th><th>unit</th><th>95% confidence interval</th><th>meaning</th></tr></thead>
<tbody>
{{range .Headline}}<tr><td><code>{{.Name}}</code></td><td class="num">{{.Mean}}</td><td>{{.Unit}}</td><td class="ci">{{.CI}}</td><td>{{.Doc}}</td></tr>
{{end}}</tbody>
</table>
</section>
{{if .Sites}}
<section id="sites">
<h2>Per site</h2>
<p>Mean over replications of each site's horizon total; under it, the 95% confidence interval.</p>
<div class="wide"><table>
<thead><tr><th>site</th>{{range .SiteColumns}}<th class="num"><code>{{.Name}}</code>{{if .Unit}}<span class="small">{{.Unit}}</span>{{end}}</th>{{end}}</tr></thead>
<tbody>
{{range .Sites}}<tr><td>{{.Site}}</td>{{range .Cells}}<td class="num">{{.Mean}}{{if .CI}}<span class="small">{{.CI}}</span>{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table></div>
</section>
{{end}}
{{template "plots and warnings" .}}
<section id="all-metrics">
<h2>All metrics</h2>
<details>
<summary>Every metric of summary.json ({{len .All}})</summary>
<table>
<thead><tr><th>metric</th><th class="num">mean</th><th>unit</th><th>95% confidence interval</th><th>meaning</th></tr></thead>
<tbody>
{{range .All}}<tr><td><code>{{.Name}}</code></td><td class="num">{{.Mean}}</td><td>{{.Unit}}</td><td class="ci">{{.CI}}</td><td>{{.Doc}}</td></tr>
{{end}}</tbody>
</table>
</details>
</section>

<footer>
<p>Made with vaxsim {{if .Version}}{{.Version}}{{if .GoVersion}} ({{.GoVersion}}){{end}}{{else}}(version unknown: no manifest.json){{end}}, seed {{.Seed}}, {{.Replications}} replication{{if ne .Replications 1}}s{{end}}{{if .Source}}, scenario from <code>{{.Source}}</code>{{end}}.{{if .Started}} The run started {{.Started}}{{if .Elapsed}} and took {{.Elapsed}}{{end}}.{{end}}</p>
{{if .StreamScheme}}<p>Random streams: {{.StreamScheme}}.</p>
{{end}}{{if .Rerun}}<p>To reproduce the results: <code>{{.Rerun}}</code> (manifest.json holds the resolved scenario).</p>
{{end}}</footer>
</body>
</html>
`
