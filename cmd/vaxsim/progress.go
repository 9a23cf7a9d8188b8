package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// Plain progress lines come at most every tenth of the work or every
// lineInterval, whichever comes first; a terminal's bar is redrawn at
// most every barInterval.
const (
	lineInterval = 30 * time.Second
	barInterval  = 100 * time.Millisecond
	barWidth     = 30 // characters
)

// progress reports how much of a long task is done, on stderr.
type progress interface {
	// Add records n more units done.
	Add(n int)
	// Finish ends the report.
	Finish()
}

// newProgress returns the progress report of total units (named unit, as
// "runs") for w: a progress bar with rate and time left if w is a
// terminal and the environment variable CI is unset; else plain lines.
func newProgress(w io.Writer, label, unit string, total int) progress {
	if total <= 0 {
		return noProgress{}
	}
	if isTerminal(w) && os.Getenv("CI") == "" {
		return newBarProgress(w, label, unit, total, time.Now)
	}
	return newLineProgress(w, label, unit, total, time.Now)
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

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
// left", at most every barInterval, and blanks it at Finish.
type barProgress struct {
	tally
	width int // of the longest line drawn
}

func newBarProgress(w io.Writer, label, unit string, total int, now func() time.Time) *barProgress {
	p := &barProgress{tally: newTally(w, label, unit, total, now)}
	p.last = time.Time{} // the first unit draws the bar at once
	return p
}

func (p *barProgress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = min(p.done+n, p.total)
	if t := p.now(); t.Sub(p.last) >= barInterval || p.done == p.total {
		p.last = t
		filled := p.done * barWidth / p.total
		line := fmt.Sprintf("%s %3d%% [%s%s] %d of %d %s%s", p.label, p.done*100/p.total,
			strings.Repeat("#", filled), strings.Repeat("-", barWidth-filled),
			p.done, p.total, p.unit, progressRate(p.done, p.total, p.unit, t.Sub(p.start)))
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
