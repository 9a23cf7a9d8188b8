package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"vaxsim/output/runfiles"
)

// readmeBlock returns the first fenced block of language lang after the
// line holding marker in the README.
func readmeBlock(t *testing.T, marker, lang string) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, marker)
	if i < 0 {
		t.Fatalf("the README has no %q", marker)
	}
	start := strings.Index(s[i:], "```"+lang+"\n")
	if start < 0 {
		t.Fatalf("no %s block after %q in the README", lang, marker)
	}
	block := s[i+start+len("```"+lang+"\n"):]
	return block[:strings.Index(block, "```")]
}

// csvHeader returns the first line of a CSV file, split.
func csvHeader(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	return strings.Split(strings.TrimSpace(line), ",")
}

// TestREADMESnippets: a run's summary.csv and a sweep's have the same
// columns, and the README's pandas snippet runs as written on the sweep
// of its first example (where Python and pandas are installed).
func TestREADMESnippets(t *testing.T) {
	noShardEnv(t)
	snippet := readmeBlock(t, "for instance in Python", "python")
	t.Chdir(t.TempDir())
	mustRun(t, "sweep", "--vary", "sites.tcc.stations=8,10,12", "--vary", "invitations.fill.factor=1.2,1.4", "--reps", "3", "--no-plots")
	mustRun(t, "run", "--reps", "3", "--no-plots")
	sweepCols := csvHeader(t, filepath.Join("results", "pima-tcc-2021-01-22-sweep", runfiles.SummaryCSVFile))
	runCols := csvHeader(t, filepath.Join("results", "pima-tcc-2021-01-22", runfiles.SummaryCSVFile))
	if !slices.Equal(sweepCols, runfiles.StatHeader) || !slices.Equal(runCols, runfiles.StatHeader) {
		t.Errorf("summary.csv columns: sweep %q, run %q; want both %q", sweepCols, runCols, runfiles.StatHeader)
	}
	python := ""
	for _, p := range []string{"python3", "/usr/bin/python3"} { // the second: Debian's, where python3-pandas installs
		if exec.Command(p, "-c", "import pandas").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		t.Skip("no python3 with pandas is installed; the snippet is not run")
	}
	out, err := exec.Command(python, "-c", snippet+`
run = pd.read_csv("results/pima-tcc-2021-01-22/summary.csv")
assert list(run.columns) == list(pd.read_csv(out + "summary.csv").columns), "the columns differ"
`).CombinedOutput()
	if err != nil {
		t.Fatalf("the README's pandas snippet: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "invitations.fill.factor") {
		t.Errorf("the snippet printed no table of the factor:\n%s", out)
	}
}
