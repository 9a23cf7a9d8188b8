package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// Plain progress lines come at most every tenth of the work or every
// lineInterval, whichever comes first; a terminal's bar is redrawn at
// most every barInterval. The bar is barWidth characters wide, less on a
// narrow terminal (at least minBarWidth); a terminal whose width is not
// known counts as defaultColumns wide.
const (
	lineInterval   = 30 * time.Second
	barInterval    = 100 * time.Millisecond
	barWidth       = 30
	minBarWidth    = 10
	defaultColumns = 80
)

// Reporter reports how much of a long task is done.
type Reporter interface {
	// Add records n more units done.
	Add(n int)
	// Finish ends the report.
	Finish()
}

// New returns the progress report of total units (named unit, as
// "runs") for w: a progress bar with rate and time left if w is a
// terminal and the environment variable CI is unset; else plain lines.
// With total 0 it reports nothing.
func New(w io.Writer, label, unit string, total int) Reporter {
	if total <= 0 {
		return None
	}
	if cols, ok := terminal(w); ok && os.Getenv("CI") == "" {
		return newBarProgress(w, label, unit, total, cols, time.Now)
	}
	return newLineProgress(w, label, unit, total, time.Now)
}

// terminal reports whether w is a terminal and, if so, its width in
// columns (0 if not known). It is a variable for tests.
var terminal = func(w io.Writer) (cols int, ok bool) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0, false
	}
	cols, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		cols = 0
	}
	return cols, true
}

// None is the Reporter that reports nothing.
var None Reporter = noProgress{}

type noProgress struct{}

func (noProgress) Add(int) {}
func (noProgress) Finish() {}

// tally is what both kinds of progress report keep: the work done, of
// how much, since when, and the writer.
type tally struct {
	mu          sync.Mutex
	w           io.Writer
	label, unit string
	total, done int
	now         func() time.Time
	start, last time.Time
}

func newTally(w io.Writer, label, unit string, total int, now func() time.Time) tally {
	t := now()
	return tally{w: w, label: label, unit: unit, total: total, now: now, start: t, last: t}
}

// barProgress redraws one line of a terminal, such as "sweep  40%
// [############------------------] 48 of 120 runs, 12.3 runs/s, about 6s
// left", at most every barInterval, and blanks it at Finish. The line
// fits the terminal's width: the bar narrows to leave room for the text,
// and a line still too long is cut, since a line that wraps cannot be
// redrawn in place.
type barProgress struct {
	tally
	cols  int // the terminal's width
	bar   int // the bar's width
	width int // of the longest line drawn
}

// newBarProgress returns the bar for a terminal cols columns wide (0 if
// not known).
func newBarProgress(w io.Writer, label, unit string, total, cols int, now func() time.Time) *barProgress {
	if cols <= 0 {
		cols = defaultColumns
	}
	p := &barProgress{tally: newTally(w, label, unit, total, now), cols: cols}
	p.last = time.Time{} // the first unit draws the bar at once
	// Room for the longest text around the bar: the label, the share,
	// the counts and a long rate and time left.
	text := len(fmt.Sprintf("%s 100%% [] %d of %d %s, %.3g %s/s, about %s left",
		label, total, total, unit, 1.23e+03, unit, 59*time.Minute+59*time.Second))
	p.bar = max(minBarWidth, min(barWidth, cols-1-text))
	return p
}

func (p *barProgress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = min(p.done+n, p.total)
	if t := p.now(); t.Sub(p.last) >= barInterval || p.done == p.total {
		p.last = t
		filled := p.done * p.bar / p.total
		line := fmt.Sprintf("%s %3d%% [%s%s] %d of %d %s%s", p.label, p.done*100/p.total,
			strings.Repeat("#", filled), strings.Repeat("-", p.bar-filled),
			p.done, p.total, p.unit, progressRate(p.done, p.total, p.unit, t.Sub(p.start)))
		if len(line) > p.cols-1 { // the last column would wrap on some terminals
			line = line[:p.cols-1]
		}
		p.width = max(p.width, len(line))
		fmt.Fprintf(p.w, "\r%-*s", p.width, line)
	}
}

func (p *barProgress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
		p.width = 0
	}
}

// lineProgress writes a line such as "sweep: 40% (48 of 120 runs), 12.3
// runs/s, about 6s left" each time another tenth of the work is done or
// lineInterval has passed since the last line, and a last line at the
// end.
type lineProgress struct {
	tally
	tenth   int // tenths of the work done at the last line
	printed bool
}

func newLineProgress(w io.Writer, label, unit string, total int, now func() time.Time) *lineProgress {
	return &lineProgress{tally: newTally(w, label, unit, total, now)}
}

func (p *lineProgress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = min(p.done+n, p.total)
	t := p.now()
	tenth := p.done * 10 / p.total
	if tenth > p.tenth || t.Sub(p.last) >= lineInterval {
		p.tenth, p.last = tenth, t
		p.line(t)
	}
}

func (p *lineProgress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.printed || p.tenth < 10 {
		p.line(p.now())
	}
}

func (p *lineProgress) line(t time.Time) {
	p.printed = true
	fmt.Fprintf(p.w, "%s: %d%% (%d of %d %s)%s\n", p.label, p.done*100/p.total, p.done, p.total, p.unit,
		progressRate(p.done, p.total, p.unit, t.Sub(p.start)))
}

// progressRate describes the pace of done of total units after elapsed:
// ", 12.3 runs/s, about 6s left", or ", 12.3 runs/s, 9.8s in all" at the
// end; nothing before the first unit.
func progressRate(done, total int, unit string, elapsed time.Duration) string {
	var s string
	if done > 0 && elapsed > 0 {
		rate := float64(done) / elapsed.Seconds()
		s += fmt.Sprintf(", %.3g %s/s", rate, unit)
		if done < total {
			left := time.Duration(float64(total-done) / rate * float64(time.Second))
			s += fmt.Sprintf(", about %s left", roundDuration(left))
		} else {
			s += fmt.Sprintf(", %s in all", roundDuration(elapsed))
		}
	}
	return s
}

// roundDuration rounds d to a precision a person reads at a glance.
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Hour:
		return d.Round(time.Minute)
	case d >= time.Minute:
		return d.Round(time.Second)
	case d >= time.Second:
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}

// Late returns a Reporter that reports nothing while the work takes less
// than after, then reports as New does: a short run stays quiet, a long
// one shows how far it is. It is safe for concurrent use.
func Late(w io.Writer, label, unit string, total int, after time.Duration) Reporter {
	return &late{w: w, label: label, unit: unit, total: total, after: after, start: time.Now()}
}

type late struct {
	mu          sync.Mutex
	w           io.Writer
	label, unit string
	total, done int
	after       time.Duration
	start       time.Time
	r           Reporter
}

func (l *late) Add(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.done += n
	if l.r == nil && time.Since(l.start) >= l.after {
		l.r = New(l.w, l.label, l.unit, l.total)
		l.r.Add(l.done)
	} else if l.r != nil {
		l.r.Add(n)
	}
}

func (l *late) Finish() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.r != nil {
		l.r.Finish()
	}
}
