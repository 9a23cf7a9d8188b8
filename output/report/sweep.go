package report

import (
	"io"
	"strconv"
	"strings"

	"vaxsim/output/plot"
	"vaxsim/output/runfiles"
	"vaxsim/output/sweepfiles"
)

// WriteFolder writes the report of the result folder dir: a sweep's
// ([WriteSweep]) if dir holds a sweep's sweep.json, else a run's
// ([Write]).
func WriteFolder(w io.Writer, dir string) error {
	if sweepfiles.IsFolder(dir) {
		sf, err := sweepfiles.ReadFolder(dir)
		if err != nil {
			return err
		}
		return WriteSweep(w, sf)
	}
	rf, err := runfiles.ReadFolder(dir)
	if err != nil {
		return err
	}
	return Write(w, rf)
}

// WriteSweep writes the report of the complete sweep whose files are sf:
// the base scenario, the varied keys and their values, a table of the
// headline metrics at every point (mean and 95% confidence interval over
// the point's replications), the sweep's plots inline, the warnings, and
// the command that runs the sweep again. The same files give the same
// bytes.
func WriteSweep(w io.Writer, sf *sweepfiles.Folder) error {
	def, pts, sums := sf.Sweep, sf.Points, sf.Summary
	figs, err := plot.SweepFigures(def.Scenario, pts, sums)
	if err != nil {
		return err
	}
	r := sweepData{Scenario: def.Scenario, Source: def.Source, Points: def.Points, Replications: def.Replications,
		Seed: def.Seed, CRN: def.CRN, Version: def.Version, StreamScheme: def.StreamScheme, Sets: def.Sets}
	if m := sf.Manifest; m != nil {
		r.Description, r.GoVersion, r.Warnings = m.Description, m.GoVersion, m.Warnings
		if !m.Start.IsZero() {
			r.Started = m.Start.UTC().Format("2006-01-02 15:04 UTC")
		}
	}
	args := []string{"vaxsim", "sweep", shellQuote(def.Source)}
	for _, p := range def.Vary {
		r.Keys = append(r.Keys, sweepKey{Key: p.Key, Values: strings.Join(p.Values, ", ")})
		args = append(args, "--vary", shellQuote(p.Key+"="+p.Spec))
	}
	for _, s := range def.Sets {
		args = append(args, "--set", shellQuote(s))
	}
	args = append(args, "--reps", strconv.Itoa(def.Replications), "--seed", strconv.FormatUint(def.Seed, 10))
	if !def.CRN {
		args = append(args, "--no-crn")
	}
	r.Rerun = strings.Join(args, " ")

	byPoint := map[int]map[string]statCell{}
	have := map[string]bool{}
	for _, s := range sums {
		if byPoint[s.Point] == nil {
			byPoint[s.Point] = map[string]statCell{}
		}
		m := reportRow(s.Metric, s.Stat, def.Replications)
		byPoint[s.Point][s.Metric] = statCell{Mean: m.Mean, CI: m.CI}
		have[s.Metric] = true
	}
	for _, name := range siteColumns {
		if have[name] {
			r.Columns = append(r.Columns, siteColumn{Name: name, Unit: reportMetricInfo(name).Unit})
		}
	}
	for _, p := range pts.Rows {
		row := sweepRow{Point: p.Point, Values: p.Values}
		for _, c := range r.Columns {
			cell, ok := byPoint[p.Point][c.Name]
			if !ok {
				cell = statCell{Mean: "–"}
			}
			row.Cells = append(row.Cells, cell)
		}
		r.Rows = append(r.Rows, row)
	}
	if r.Figures, err = inlineFigures(figs); err != nil {
		return err
	}
	return reportTemplate().ExecuteTemplate(w, "sweep", r)
}

type sweepData struct {
	Scenario, Description, Source string
	Points, Replications          int
	Seed                          uint64
	CRN                           bool
	Version, GoVersion            string
	StreamScheme, Started         string
	Rerun                         string
	Sets                          []string
	Keys                          []sweepKey
	Columns                       []siteColumn
	Rows                          []sweepRow
	Warnings                      []string
	Figures                       []reportFigure
}

type sweepKey struct{ Key, Values string }

type sweepRow struct {
	Point  int
	Values []string
	Cells  []statCell
}

const sweepHTML = `{{template "head" .}}<body>
<header>
<h1>{{.Scenario}}: sweep</h1>
{{if .Description}}<p class="description">{{.Description}}</p>
{{end}}<p class="meta">{{.Points}} point{{if ne .Points 1}}s{{end}} x {{.Replications}} replication{{if ne .Replications 1}}s{{end}}, seed {{.Seed}}, common random numbers {{if .CRN}}on{{else}}off{{end}}, vaxsim {{.Version}}</p>
</header>

<section id="grid">
<h2>Varied</h2>
<table>
<thead><tr><th>key</th><th>values</th></tr></thead>
<tbody>
{{range .Keys}}<tr><td><code>{{.Key}}</code></td><td>{{.Values}}</td></tr>
{{end}}</tbody>
</table>
{{if .Sets}}<p>Set at every point: {{range $i, $s := .Sets}}{{if $i}}, {{end}}<code>{{$s}}</code>{{end}}.</p>
{{end}}</section>

<section id="points">
<h2>Per point</h2>
<p>Mean over each point's replications of the horizon total, all sites together; under it, the 95% confidence interval.</p>
<div class="wide"><table>
<thead><tr><th>point</th>{{range $.Keys}}<th><code>{{.Key}}</code></th>{{end}}{{range .Columns}}<th class="num"><code>{{.Name}}</code>{{if .Unit}}<span class="small">{{.Unit}}</span>{{end}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><td>{{.Point}}</td>{{range .Values}}<td><code>{{.}}</code></td>{{end}}{{range .Cells}}<td class="num">{{.Mean}}{{if .CI}}<span class="small">{{.CI}}</span>{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table></div>
</section>

{{template "plots and warnings" .}}
<footer>
<p>Made with vaxsim {{.Version}}{{if .GoVersion}} ({{.GoVersion}}){{end}}, base scenario from <code>{{.Source}}</code>.{{if .Started}} The sweep started {{.Started}}.{{end}}</p>
{{if .StreamScheme}}<p>Random streams: {{.StreamScheme}}.</p>
{{end}}<p>To run the sweep again: <code>{{.Rerun}}</code> (sweep.json holds the base scenario as resolved).</p>
</footer>
</body>
</html>
`
