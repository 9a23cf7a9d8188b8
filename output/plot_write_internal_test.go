package output

import (
	"slices"
	"testing"
	"time"
)

// TestPlotQueue checks the order in which WritePlots's work is handed
// out: PNG figures first, SVG figures after them, a drawn image's
// encoding before anything else; and that a worker with nothing to do
// waits for images being drawn, and stops when nothing is left.
func TestPlotQueue(t *testing.T) {
	figs := fixtureFigures(t)
	var jobs []plotJob
	for _, f := range figs {
		for _, format := range PlotFormats {
			jobs = append(jobs, plotJob{fig: f, format: format})
		}
	}
	q := newPlotQueue(jobs)

	// The order of the jobs.
	var pngs, svgs []int
	for i, j := range jobs {
		if j.format == "png" {
			pngs = append(pngs, i)
		} else {
			svgs = append(svgs, i)
		}
	}
	if want := append(slices.Clone(pngs), svgs...); !slices.Equal(q.todo, want) {
		t.Fatalf("order %v, want %v", q.todo, want)
	}

	// Encoding comes first; a failed drawing leaves nothing to encode.
	first, pc, ok := q.next()
	if !ok || pc != nil || first != pngs[0] {
		t.Fatalf("next() = %d %v %v, want job %d to draw", first, pc, ok, pngs[0])
	}
	second, _, _ := q.next()
	canvas := &pngCanvas{}
	q.drawn(first, canvas)
	q.drawn(second, nil) // failed
	if job, pc, ok := q.next(); !ok || job != first || pc != canvas {
		t.Fatalf("next() = %d %v %v after job %d was drawn, want it to encode", job, pc, ok, first)
	}
	if job, pc, _ := q.next(); pc != nil || job != pngs[2] {
		t.Fatalf("next() = %d %v, want job %d to draw", job, pc, pngs[2])
	}
	last := pngs[2]

	// The rest, then a wait for the last image being drawn.
	for range len(jobs) - 3 {
		job, _, ok := q.next()
		if !ok {
			t.Fatal("the queue ran dry early")
		}
		if jobs[job].format == "png" {
			q.drawn(job, canvas)
			if enc, _, _ := q.next(); enc != job {
				t.Fatalf("job %d drawn, next handed out %d, not its encoding", job, enc)
			}
		}
	}
	got := make(chan int)
	go func() {
		job, _, ok := q.next()
		if !ok {
			job = -1
		}
		got <- job
	}()
	select {
	case job := <-got:
		t.Fatalf("next() handed out %d while job %d was still being drawn", job, last)
	case <-time.After(20 * time.Millisecond):
	}
	q.drawn(last, canvas)
	if job := <-got; job != last {
		t.Fatalf("after job %d was drawn, next() handed out %d", last, job)
	}
	if job, _, ok := q.next(); ok {
		t.Fatalf("next() handed out %d when all work was done", job)
	}
}
