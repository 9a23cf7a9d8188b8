package report_test

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strings"
	"testing"
	"vaxsim/output/plot"
	"vaxsim/output/report"
	"vaxsim/output/runfiles"
)

func render(t *testing.T, rf *runfiles.Folder) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.Write(&b, rf); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// references matches the attributes and CSS through which a page can load
// something: src, href, xlink:href, srcset, action, poster, data and
// url(...).
var references = regexp.MustCompile(`(?i)\b(?:src|href|srcset|action|poster|data)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)|url\(\s*([^)]*)\)|@import`)

// selfContainedProblems lists the references of page to another file or
// to the network: every src or href must be a fragment (#...) or a data:
// URL, so no http: or https: URL is loaded; and there is no script.
func selfContainedProblems(page string) []string {
	var problems []string
	for _, m := range references.FindAllStringSubmatch(page, -1) {
		ref := strings.Trim(m[1]+m[2], `"' `)
		if m[0] == "@import" || !strings.HasPrefix(ref, "#") && !strings.HasPrefix(ref, "data:") {
			problems = append(problems, fmt.Sprintf("refers to %q (%s)", ref, m[0]))
		}
		if strings.Contains(strings.ToLower(ref), "http:") || strings.Contains(strings.ToLower(ref), "https:") {
			problems = append(problems, fmt.Sprintf("loads %q from the network", ref))
		}
	}
	if strings.Contains(strings.ToLower(page), "<script") {
		problems = append(problems, "has a script")
	}
	return problems
}

func checkSelfContained(t *testing.T, page string) {
	t.Helper()
	for _, p := range selfContainedProblems(page) {
		t.Errorf("the report %s; it must be self-contained and read without scripts", p)
	}
}

// TestReport checks report.html of the fixture run: self-contained, every
// headline metric named with its interval, the scenario's description,
// seed and version, a row per site, every plot inline with its caption.
func TestReport(t *testing.T) {
	rf := readPlotFixture(t)
	page := render(t, rf)
	checkSelfContained(t, page)

	headline := page[strings.Index(page, `<section id="headline">`):strings.Index(page, `<section id="plots">`)]
	for _, name := range report.HeadlineMetrics() {
		if _, ok := rf.Summary.Stat(name); !ok {
			t.Fatalf("the fixture's summary lacks %s", name)
		}
		if !strings.Contains(headline, "<code>"+name+"</code>") {
			t.Errorf("the headline table does not name %s", name)
		}
	}
	if n := strings.Count(headline, `<td class="ci">`); n < len(report.HeadlineMetrics()) {
		t.Errorf("the headline table has %d interval cells, want %d", n, len(report.HeadlineMetrics()))
	}
	for _, want := range []string{
		"<h1>two-sites-week</h1>",
		template.HTMLEscapeString("Two sites over one week: a portal cohort larger than the slots, walk-ins at Kino, stocks that run out"),
		"seed 7", "5 replications", "vaxsim " + rf.Manifest.Version, "2021-02-01 to 2021-02-07 (7 days)",
		"<td>tcc</td>", "<td>kino</td>", "95% confidence interval",
		"vaxsim run output/testdata/plot/two-sites-week.toml --reps 5 --seed 7",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	figs, err := plot.RunFigures(rf.Summary.Scenario, rf.Daily)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figs {
		if !strings.Contains(page, `<figure id="plot-`+f.Name+`">`) || !strings.Contains(html.UnescapeString(page), f.Caption) {
			t.Errorf("the report lacks the figure %s or its caption", f.Name)
		}
	}
	if n := strings.Count(page, "<svg "); n != len(figs) {
		t.Errorf("the report has %d inline SVG images, want %d", n, len(figs))
	}
	if strings.Contains(page, "<?xml") {
		t.Errorf("the report holds an XML prolog of an SVG file")
	}
	if page != render(t, readPlotFixture(t)) {
		t.Errorf("two reports of the same files differ")
	}
}

// TestReportWithoutManifest checks the report of a folder without
// manifest.json (as another tool might write): it says the version is
// unknown and still names every headline metric.
func TestReportWithoutManifest(t *testing.T) {
	rf := readPlotFixture(t)
	rf.Manifest = nil
	page := render(t, rf)
	checkSelfContained(t, page)
	if !strings.Contains(page, "version unknown") {
		t.Errorf("the report does not say the version is unknown")
	}
	for _, name := range report.HeadlineMetrics() {
		if !strings.Contains(page, "<code>"+name+"</code>") {
			t.Errorf("the report does not name %s", name)
		}
	}
}

// TestCheckSelfContained checks the checker itself on pages that refer to
// other files or to the network.
func TestCheckSelfContained(t *testing.T) {
	for _, page := range []string{
		`<img src="http://example.com/a.png">`,
		`<link rel="stylesheet" href="https://cdn.example.com/a.css">`,
		`<a href=plots/a.svg>`,
		`<svg><image xlink:href="a.png"/></svg>`,
		`<style>body { background: url(https://example.com/x.png) }</style>`,
		`<style>@import "a.css";</style>`,
		`<script>1</script>`,
	} {
		if len(selfContainedProblems(page)) == 0 {
			t.Errorf("selfContainedProblems accepts %s", page)
		}
	}
	ok := `<a href="#plots">plots</a><img src="data:image/png;base64,AAAA"><svg xmlns="http://www.w3.org/2000/svg"></svg>`
	if p := selfContainedProblems(ok); len(p) > 0 {
		t.Errorf("selfContainedProblems rejects a self-contained page: %q", p)
	}
}

// readPlotFixture reads the stored run the plot tests draw.
func readPlotFixture(t *testing.T) *runfiles.Folder {
	t.Helper()
	rf, err := runfiles.ReadFolder("../plot/testdata/run")
	if err != nil {
		t.Fatal(err)
	}
	return rf
}
