package output

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// WritePlots writes each figure as NAME.png and NAME.svg into dir,
// creating dir if needed; each file is written atomically (see
// [WriteFile]). It returns the paths written, in order.
//
// The figures are drawn on all cores. Neither the files nor their bytes
// depend on the order in which the work is done.
func WritePlots(dir string, figs []*Figure) ([]string, error) {
	return writePlots(dir, figs, nil)
}

// writePlots is WritePlots that calls started, if not nil, once: when
// the last PNG figure is started, or at the latest before it returns.
// The caller may start work of its own there, in goroutines, to fill the
// gaps until the last figures are finished; started must not block.
func writePlots(dir string, figs []*Figure, started func()) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		if started != nil {
			started()
		}
		return nil, fmt.Errorf("output: %w", err)
	}
	var jobs []plotJob
	for _, f := range figs {
		for _, format := range PlotFormats {
			jobs = append(jobs, plotJob{f, format, filepath.Join(dir, f.Name+"."+format)})
		}
	}
	q := newPlotQueue(jobs)
	q.started = started
	errs := make([]error, len(jobs))
	var workers, writes sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for {
				i, pc, ok := q.next()
				if !ok {
					return
				}
				j := jobs[i]
				var b bytes.Buffer
				var err error
				switch {
				case pc != nil:
					_, err = pc.WriteTo(&b)
					pc.release()
				case j.format == "png":
					var l *figureLayout
					if l, err = j.fig.layout(); err == nil {
						pc, err = j.fig.drawPNG(l)
					}
					q.drawn(i, pc)
					if err == nil {
						continue // to be encoded by the next free worker
					}
				default:
					err = j.fig.Render(&b, j.format)
				}
				if err != nil {
					errs[i] = fmt.Errorf("output: writing %s: %w", j.path, err)
					continue
				}
				// The file's writing waits mostly on the disk (it is
				// synced): it goes on while the worker draws on.
				writes.Add(1)
				go func() {
					defer writes.Done()
					errs[i] = WriteFile(j.path, func(w io.Writer) error { _, err := w.Write(b.Bytes()); return err })
				}()
			}
		}()
	}
	workers.Wait()
	q.lastStarted() // if no worker saw it: there were no figures
	writes.Wait()
	var paths []string
	for i, j := range jobs {
		if errs[i] != nil {
			return paths, errs[i]
		}
		paths = append(paths, j.path)
	}
	return paths, nil
}

// plotJob is one file of WritePlots: a figure in a format.
type plotJob struct {
	fig    *Figure
	format string
	path   string
}

// plotQueue hands out the work of WritePlots to its workers: the PNG
// figures to draw, then the SVG figures (quick to draw: they fill the
// gaps at the end), and, before any of those, the PNG images drawn and
// waiting to be encoded.
//
// Encoding is about half of a PNG file's time; as work of its own it
// goes to whichever worker is free, so the workers finish closer
// together than if each drew and encoded whole files. Since encoding
// comes first, no more images wait than there are workers.
type plotQueue struct {
	jobs []plotJob

	mu      sync.Mutex
	changed sync.Cond  // signalled when a PNG is drawn (or fails)
	todo    []int      // jobs not started, in the order to start them
	encode  []drawnPNG // drawn, not yet encoded, oldest first
	drawing int        // PNG images being drawn
	started func()     // called once no PNG figure is left to start
}

// drawnPNG is a PNG image drawn for job, to be encoded.
type drawnPNG struct {
	job    int
	canvas *pngCanvas
}

func newPlotQueue(jobs []plotJob) *plotQueue {
	q := &plotQueue{jobs: jobs}
	q.changed.L = &q.mu
	for _, png := range []bool{true, false} {
		for i, j := range jobs {
			if (j.format == "png") == png {
				q.todo = append(q.todo, i)
			}
		}
	}
	return q
}

// next returns the next piece of work: a drawn PNG image to encode for
// job, or (with a nil canvas) a job to start, which for a PNG job the
// caller must report with drawn. It waits while nothing is left but
// images being drawn, and returns false when all work is handed out.
func (q *plotQueue) next() (job int, canvas *pngCanvas, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		if len(q.todo) == 0 || q.jobs[q.todo[0]].format != "png" {
			q.lastStarted()
		}
		if len(q.encode) > 0 {
			d := q.encode[0]
			q.encode = q.encode[1:]
			return d.job, d.canvas, true
		}
		if len(q.todo) > 0 {
			job, q.todo = q.todo[0], q.todo[1:]
			if q.jobs[job].format == "png" {
				q.drawing++
			}
			return job, nil, true
		}
		if q.drawing == 0 {
			return 0, nil, false
		}
		q.changed.Wait()
	}
}

// drawn reports that the PNG image of job is drawn, on canvas, or failed
// (a nil canvas).
func (q *plotQueue) drawn(job int, canvas *pngCanvas) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.drawing--
	if canvas != nil {
		q.encode = append(q.encode, drawnPNG{job, canvas})
	}
	q.changed.Broadcast()
}

// lastStarted calls and forgets q.started, if set; q.mu must be held, or
// no worker running.
func (q *plotQueue) lastStarted() {
	if f := q.started; f != nil {
		q.started = nil
		f()
	}
}
