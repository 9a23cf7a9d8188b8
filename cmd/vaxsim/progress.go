package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Plain progress lines come at most every tenth of the work or every
// lineInterval, whichever comes first.
const lineInterval = 30 * time.Second

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
		return &barProgress{bar: progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(label),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString(unit),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)}
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

// barProgress is a terminal progress bar.
type barProgress struct {
	bar *progressbar.ProgressBar
}

func (p *barProgress) Add(n int) { p.bar.Add(n) }
func (p *barProgress) Finish()   { p.bar.Finish() }

// lineProgress writes a line such as "sweep: 40% (48 of 120 runs), 12.3
// runs/s, about 6s left" each time another tenth of the work is done or
// lineInterval has passed since the last line, and a last line at the
// end.
type lineProgress struct {
	mu          sync.Mutex
	w           io.Writer
	label, unit string
	total, done int
	now         func() time.Time
	start, last time.Time
	tenth       int // tenths of the work done at the last line
	printed     bool
}

func newLineProgress(w io.Writer, label, unit string, total int, now func() time.Time) *lineProgress {
	t := now()
	return &lineProgress{w: w, label: label, unit: unit, total: total, now: now, start: t, last: t}
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
	elapsed := t.Sub(p.start)
	fmt.Fprintf(p.w, "%s: %d%% (%d of %d %s)", p.label, p.done*100/p.total, p.done, p.total, p.unit)
	if p.done > 0 && elapsed > 0 {
		rate := float64(p.done) / elapsed.Seconds()
		fmt.Fprintf(p.w, ", %.3g %s/s", rate, p.unit)
		if p.done < p.total {
			left := time.Duration(float64(p.total-p.done) / rate * float64(time.Second))
			fmt.Fprintf(p.w, ", about %s left", roundDuration(left))
		} else {
			fmt.Fprintf(p.w, ", %s in all", roundDuration(elapsed))
		}
	}
	fmt.Fprintln(p.w)
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
