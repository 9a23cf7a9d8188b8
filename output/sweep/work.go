package sweep

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"vaxsim/output/files"
	"vaxsim/output/sweepfiles"
	"vaxsim/sim"
)

// pointJob is one point to run and its replications as they finish.
type pointJob struct {
	id      int
	sc      *sim.Scenario
	seed    uint64
	sets    []string // the point's varied values, for messages
	results []*sim.Result
	left    atomic.Int32 // replications not yet finished
}

// runPoints runs the replications of jobs on o.Workers goroutines, in
// point and replication order, and writes each point's part file into
// parts as soon as its last replication finishes: the files are the same
// whatever the number of workers, only the order of their writing
// differs. It adds to out the points written, their events and warnings.
// When ctx is cancelled it starts no more replications, lets the running
// ones stop at the end of their current simulated day, discards the
// unfinished points and returns ctx's error. The first replication error
// stops the sweep the same way and is returned, naming the point.
func runPoints(ctx context.Context, o *Options, jobs []*pointJob, reps int, parts string, out *Outcome) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
		done     int
		warnings = make(map[int][]string)
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
		cancel()
	}
	progress := func() {}
	if o.Progress != nil {
		o.Progress(0, len(jobs)*reps)
		progress = func() {
			mu.Lock()
			done++
			o.Progress(done, len(jobs)*reps)
			mu.Unlock()
		}
	}
	for _, j := range jobs {
		j.results = make([]*sim.Result, reps)
		j.left.Store(int32(reps))
	}
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Each worker takes the next replication itself: task k is
	// replication k%reps of point k/reps.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(workers, len(jobs)*reps)) {
		wg.Go(func() {
			defer func() { // a defect in a replication stops the sweep with an error, not a crash
				if v := recover(); v != nil {
					fail(fmt.Errorf("internal error: %v", v))
				}
			}()
			var mem sim.Memory // kept from one replication to the next
			for ctx.Err() == nil {
				k := int(next.Add(1) - 1)
				if k >= len(jobs)*reps {
					return
				}
				j, rep := jobs[k/reps], k%reps
				r, err := sim.Run(ctx, j.sc, j.seed, rep, sim.Options{Memory: &mem})
				if err != nil {
					if ctx.Err() == nil || !errors.Is(err, context.Canceled) {
						fail(fmt.Errorf("point %d (%s): %w", j.id, strings.Join(j.sets, " "), err))
					}
					continue
				}
				// Keep the totals only: the daily rows are not part of a sweep's results.
				j.results[rep] = &sim.Result{Scenario: r.Scenario, Rep: r.Rep, Seed: r.Seed, Start: r.Start,
					Sites: r.Sites, Total: r.Total, Events: r.Events, Warnings: r.Warnings}
				progress()
				if j.left.Add(-1) > 0 {
					continue
				}
				p, err := sweepfiles.NewPointResult(j.id, j.results)
				if err == nil {
					err = files.Write(filepath.Join(parts, sweepfiles.PartName(j.id)), func(w io.Writer) error { return sweepfiles.WritePart(w, p) })
				}
				if err == nil {
					err = files.SyncDir(parts)
				}
				if err != nil {
					fail(err)
					continue
				}
				mu.Lock()
				out.Run++
				for _, r := range j.results {
					out.Events += r.Events
				}
				warnings[j.id] = p.Warnings
				mu.Unlock()
				j.results = nil
			}
		})
	}
	wg.Wait()
	var grouped sweepfiles.Warnings
	for _, j := range jobs {
		grouped.Add(j.id, warnings[j.id])
	}
	out.Warnings = grouped.List()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}
