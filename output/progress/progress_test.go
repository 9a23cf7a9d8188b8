package progress

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// fakeClock advances by step at every reading.
type fakeClock struct {
	t    time.Time
	step time.Duration
}

func (c *fakeClock) now() time.Time {
	c.t = c.t.Add(c.step)
	return c.t
}

func TestLineProgress(t *testing.T) {
	tests := []struct {
		name  string
		total int
		adds  int           // units added, one at a time
		step  time.Duration // clock step per unit
		lines int
		last  string
	}{
		{"a line a tenth", 100, 100, time.Second, 10, "sweep: 100% (100 of 100 runs), 1 runs/s, 1m40s in all"},
		{"a line every 30 s between tenths", 1000, 250, time.Second, 2 + 8, "sweep: 25% (250 of 1000 runs), 1 runs/s, about 12m30s left"},
		{"fewer units than tenths", 4, 4, time.Second, 4, "sweep: 100% (4 of 4 runs), 1 runs/s, 4s in all"},
		{"cut short", 10, 3, 100 * time.Millisecond, 3 + 1, "sweep: 30% (3 of 10 runs), 10 runs/s, about 700ms left"},
		{"nothing done", 10, 0, time.Second, 1, "sweep: 0% (0 of 10 runs)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			clock := &fakeClock{t: time.Unix(0, 0), step: 0}
			p := newLineProgress(&b, "sweep", "runs", tc.total, clock.now)
			clock.step = tc.step
			for range tc.adds {
				p.Add(1)
			}
			clock.step = 0
			p.Finish()
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			if len(lines) != tc.lines || lines[len(lines)-1] != tc.last {
				t.Errorf("%d lines, the last %q; want %d, the last %q:\n%s", len(lines), lines[len(lines)-1], tc.lines, tc.last, b.String())
			}
		})
	}
}

func TestProgressKind(t *testing.T) {
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	tty := &bytes.Buffer{} // stands for a terminal below
	real := terminal
	terminal = func(w io.Writer) (int, bool) {
		if w == tty {
			return 100, true
		}
		return real(w)
	}
	defer func() { terminal = real }()
	tests := []struct {
		name  string
		w     io.Writer
		ci    string
		total int
		want  string
	}{
		{"pipe or file", &bytes.Buffer{}, "", 10, "*progress.lineProgress"},
		{"/dev/null", devNull, "", 10, "*progress.lineProgress"},
		{"terminal", tty, "", 10, "*progress.barProgress"},
		{"terminal on CI", tty, "true", 10, "*progress.lineProgress"},
		{"nothing to do", tty, "", 0, "progress.noProgress"},
	}
	for _, tc := range tests {
		t.Setenv("CI", tc.ci)
		p := New(tc.w, "sweep", "runs", tc.total)
		if got := fmt.Sprintf("%T", p); got != tc.want {
			t.Errorf("%s: New gives %s, want %s", tc.name, got, tc.want)
		}
		p.Finish()
	}
}

func TestBarFitsTerminal(t *testing.T) {
	tests := []struct {
		cols, bar int
	}{
		{0, 14},   // unknown: 80 columns
		{80, 14},  // the text takes up to 65 columns
		{200, 30}, // the bar is no wider than barWidth
		{60, 10},  // at least minBarWidth, and the line cut
		{20, 10},
	}
	for _, tc := range tests {
		var b bytes.Buffer
		clock := &fakeClock{t: time.Unix(0, 0), step: 7 * time.Millisecond}
		p := newBarProgress(&b, "sweep", "runs", 400, tc.cols, clock.now)
		if p.bar != tc.bar {
			t.Errorf("%d columns: bar %d wide, want %d", tc.cols, p.bar, tc.bar)
		}
		for range 100 {
			p.Add(1)
		}
		cols := tc.cols
		if cols == 0 {
			cols = defaultColumns
		}
		for _, d := range strings.Split(b.String(), "\r")[1:] {
			if len(d) > cols-1 {
				t.Errorf("%d columns: drew %d characters, %q", tc.cols, len(d), d)
			}
		}
	}
}

func TestBarProgress(t *testing.T) {
	var b bytes.Buffer
	clock := &fakeClock{t: time.Unix(0, 0)}
	p := newBarProgress(&b, "sweep", "runs", 40, 120, clock.now)
	clock.step = 40 * time.Millisecond // a unit every 40 ms; barInterval is 100 ms
	for range 40 {
		p.Add(1)
	}
	draws := strings.Split(b.String(), "\r")[1:]
	// Drawn at once, then at units 4, 7, ..., 37 (every 120 ms) and at the last.
	if len(draws) != 14 {
		t.Fatalf("%d redraws, want 14: %q", len(draws), draws)
	}
	if want := "sweep   2% [------------------------------] 1 of 40 runs, 25 runs/s, about 1.6s left"; draws[0] != want {
		t.Errorf("first draw %q, want %q", draws[0], want)
	}
	if got, want := draws[4], "sweep  32% [#########---------------------] 13 of 40 runs, 25 runs/s, about 1.1s left"; got != want {
		t.Errorf("fifth draw %q, want %q", got, want)
	}
	last := strings.TrimRight(draws[len(draws)-1], " ")
	if want := "sweep 100% [##############################] 40 of 40 runs, 25 runs/s, 1.6s in all"; last != want {
		t.Errorf("last draw %q, want %q", last, want)
	}
	longest := 0
	for i, d := range draws {
		if len(d) < longest {
			t.Errorf("draw %d %q is shorter than one before (%d characters): it leaves some of that one showing", i, d, longest)
		}
		longest = max(longest, len(d))
	}
	b.Reset()
	p.Finish()
	if blank := "\r" + strings.Repeat(" ", longest) + "\r"; b.String() != blank {
		t.Errorf("Finish wrote %q, want the line blanked (%d spaces)", b.String(), longest)
	}
}

// TestLate: a late report says nothing before its time, and reports all
// the work done once it has come.
func TestLate(t *testing.T) {
	var b strings.Builder
	quiet := Late(&b, "run", "replications", 10, time.Hour)
	quiet.Add(5)
	quiet.Finish()
	if b.Len() != 0 {
		t.Errorf("a report due in an hour wrote %q", b.String())
	}
	now := Late(&b, "run", "replications", 10, 0)
	now.Add(10)
	now.Finish()
	if !strings.Contains(b.String(), "10 of 10") {
		t.Errorf("a report due at once wrote %q, want 10 of 10", b.String())
	}
}
