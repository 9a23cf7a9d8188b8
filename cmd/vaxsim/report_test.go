package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"vaxsim/output/report"
	"vaxsim/output/runfiles"
)

// copyResultFolder copies the result files of the stored fixture run into
// a fresh folder and returns it.
func copyResultFolder(t *testing.T) string {
	t.Helper()
	const stored = "../../output/plot/testdata/run"
	dir := filepath.Join(t.TempDir(), "run")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{runfiles.SummaryFile, runfiles.DailyFile, runfiles.ReplicationsFile, runfiles.ManifestFile} {
		b, err := os.ReadFile(filepath.Join(stored, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReportCommand(t *testing.T) {
	dir := copyResultFolder(t)
	_, stderr, code := inProcess("report", dir)
	path := filepath.Join(dir, report.ReportFile)
	if code != 0 || stderr != "report in "+path+"\n" {
		t.Fatalf("report: exit %d, stderr %q", code, stderr)
	}
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range report.HeadlineMetrics() {
		if !bytes.Contains(page, []byte("<code>"+name+"</code>")) {
			t.Errorf("report.html does not name the headline metric %s", name)
		}
	}
	if bytes.Contains(page, []byte(`src="http`)) || bytes.Contains(page, []byte(`href="http`)) {
		t.Errorf("report.html loads something from the network")
	}
	other := filepath.Join(t.TempDir(), "colleague.html")
	if _, stderr, code := inProcess("report", dir, "--out", other); code != 0 {
		t.Fatalf("report --out: exit %d\n%s", code, stderr)
	}
	if b, _ := os.ReadFile(other); !bytes.Equal(b, page) {
		t.Errorf("report --out wrote another page than report")
	}
}

// chromiumFlags run Debian's chromium headless on a machine without a
// display, a GPU, a sandbox for root, or a network (see
// .library/env/machines/go.md); --enable-logging=stderr makes it print
// each message the page logs to the DevTools console as a line holding
// ":CONSOLE".
var chromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--hide-scrollbars", "--enable-logging=stderr", "--v=0",
}

// consoleLine matches chromium's log line of a console message, as in
// `[1:2:1126/064612.839790:INFO:CONSOLE:1] "boom", source: file:///a.html (1)`
// (older versions write CONSOLE(1)).
var consoleLine = regexp.MustCompile(`:CONSOLE[:(][^\]]*\]\s*(.*)`)

// findChromium returns the chromium binary. Without one it skips the test,
// unless CI is set: .ci/run installs Debian's chromium and sets CI=1, so
// there the test must run.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "" {
		t.Skip("chromium is not installed: install Debian's chromium (as .ci/run does) to open the report in a browser")
	}
	t.Fatal("chromium is not installed, but CI is set: .ci/run should have installed Debian's chromium")
	return ""
}

// openInChromium loads the page at path in headless chromium at the given
// window size and returns the console messages it logged and a screenshot.
//
// Console errors are read from chromium's log on stderr: with
// --enable-logging=stderr, every message the page logs to the console
// (script errors, console calls and the browser's own errors about the
// page, such as an SVG attribute it cannot parse) is a line with
// ":CONSOLE". A page without scripts should log nothing at all, so any
// such line counts as an error. TestConsoleDetection checks that this
// still catches errors with the installed chromium.
func openInChromium(t *testing.T, chromium, path string, width, height int) (console []string, shot image.Image) {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	shotPath := filepath.Join(dir, "screenshot.png")
	args := append(append([]string{}, chromiumFlags...),
		"--user-data-dir="+filepath.Join(dir, "profile"),
		"--screenshot="+shotPath,
		fmt.Sprintf("--window-size=%d,%d", width, height),
		"file://"+filepath.ToSlash(abs))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, args...)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(args, " "), err, log.String())
	}
	for _, line := range strings.Split(log.String(), "\n") {
		if m := consoleLine.FindStringSubmatch(line); m != nil {
			console = append(console, m[1])
		}
	}
	f, err := os.Open(shotPath)
	if err != nil {
		t.Fatalf("chromium took no screenshot: %v\n%s", err, log.String())
	}
	defer f.Close()
	if shot, err = png.Decode(f); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if keep := os.Getenv("VAXSIM_SCREENSHOT"); keep != "" {
		b, _ := os.ReadFile(shotPath)
		os.WriteFile(keep, b, 0o644)
	}
	return console, shot
}

// inked reports the share of a screenshot's pixels that are not the
// colour of its top-left corner (the page's background), and the number
// of distinct colours.
func inked(img image.Image) (share float64, colours int) {
	b := img.Bounds()
	bg := color.RGBAModel.Convert(img.At(b.Min.X, b.Min.Y))
	seen := map[color.Color]bool{}
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y))
			if c != bg {
				n++
			}
			if len(seen) < 1000 {
				seen[c] = true
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy()), len(seen)
}

// TestReportInChromium opens report.html in headless chromium: the page
// must log nothing to the console, and its screenshot must not be blank.
func TestReportInChromium(t *testing.T) {
	chromium := findChromium(t)
	t.Parallel()
	dir := copyResultFolder(t)
	if _, stderr, code := inProcess("report", dir); code != 0 {
		t.Fatalf("report: exit %d\n%s", code, stderr)
	}
	console, shot := openInChromium(t, chromium, filepath.Join(dir, report.ReportFile), 1000, 2400)
	for _, msg := range console {
		t.Errorf("report.html logged to the console: %s", msg)
	}
	if b := shot.Bounds(); b.Dx() != 1000 || b.Dy() != 2400 {
		t.Errorf("screenshot is %dx%d, want 1000x2400", b.Dx(), b.Dy())
	}
	// A blank page is one colour; the report's text, tables and plots
	// cover several per cent of it in many colours.
	if share, colours := inked(shot); share < 0.02 || colours < 16 {
		t.Errorf("the screenshot looks blank: %.2f%% of pixels drawn, %d colours", 100*share, colours)
	}
}

// TestConsoleDetection checks that openInChromium sees console errors: a
// page with an SVG attribute chromium cannot parse, the kind of error an
// inline plot could cause, must log one. Without this, a chromium that
// stopped logging would let TestReportInChromium pass unseen.
func TestConsoleDetection(t *testing.T) {
	chromium := findChromium(t)
	t.Parallel()
	path := filepath.Join(t.TempDir(), "broken.html")
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>broken</title></head><body>` +
		`<svg width="100" height="100"><path d="M 0 0 L x y" stroke="black"/></svg></body></html>`
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	console, shot := openInChromium(t, chromium, path, 400, 300)
	if len(console) == 0 {
		t.Errorf("no console message for an SVG path chromium cannot parse: console errors would go unseen")
	}
	if share, _ := inked(shot); share != 0 {
		t.Logf("the broken page drew %.2f%% of its pixels", 100*share)
	}
}
