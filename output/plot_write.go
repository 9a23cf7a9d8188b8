package output

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
)

// WritePlots writes each figure as NAME.png and NAME.svg into dir,
// creating dir if needed; each file is written atomically (see
// [WriteFile]). It returns the paths written, in order.
//
// The figures are drawn on all cores. Neither the files nor their bytes
// depend on the order in which the work is done.
func WritePlots(dir string, figs []*Figure) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	jobs := figureJobs(dir, figs)
	errs := writeFileJobs(jobs)
	var paths []string
	for i, j := range jobs {
		if errs[i] != nil {
			return paths, errs[i]
		}
		paths = append(paths, j.path)
	}
	return paths, nil
}

// figureJobs are the files of figs in dir: NAME.FORMAT for each of
// [PlotFormats].
func figureJobs(dir string, figs []*Figure) []fileJob {
	var jobs []fileJob
	for _, f := range figs {
		for _, format := range PlotFormats {
			jobs = append(jobs, fileJob{path: filepath.Join(dir, f.Name+"."+format), fig: f, format: format})
		}
	}
	return jobs
}

// fileJob is one file for writeFileJobs to write: a figure in a format, or
// what write writes.
type fileJob struct {
	path   string
	fig    *Figure
	format string                // with fig: "png" or "svg"
	write  func(io.Writer) error // without fig
	// last puts the file in place after all the others, and only if the
	// others that are not figures were written: a manifest.
	last bool
}

// writeFileJobs writes the files of jobs, each atomically as [WriteFile]
// does, on all cores, and returns each one's error (nil if it was
// written). The folders must exist.
func writeFileJobs(jobs []fileJob) []error {
	q := newFileQueue(jobs)
	var workers sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		workers.Go(q.work)
	}
	workers.Wait()
	return q.errs
}

// fileQueue hands out the work of writeFileJobs to its workers, one task
// at a time, the first of these there is:
//
//  1. a PNG image drawn and waiting to be encoded (and staged);
//  2. a job not started, in this order: the PNG figures (drawn, then
//     handed back to be encoded), the other files, the SVG figures;
//  3. a staged file to sync;
//  4. once all files are synced: a file to put in place, in the order of
//     the jobs; the last files once all others are in place, and only if
//     the others that are not figures were written.
//
// Encoding is about half of a PNG file's time; as a task of its own it
// goes to whichever worker is free, so the workers finish closer together
// than if each drew and encoded whole files, and since encoding comes
// first no more images wait than there are workers. The quick jobs come
// after the figures to fill the gaps at the end. Syncs wait on the disk
// more than they work: a worker with nothing else to do syncs files while
// the others finish the last figures, and each sync after the first finds
// little left to wait for (see [stagedFile]). The files are put in place
// once all are synced, since a rename among the syncs would have each of
// them commit the file system's journal again.
type fileQueue struct {
	jobs []fileJob
	errs []error // by job; written under mu

	mu      sync.Mutex
	changed sync.Cond  // signalled when a task is finished
	todo    []int      // jobs not started, in the order to start them
	encode  []fileTask // drawn images to encode, oldest first
	staged  []fileTask // staged files to sync, oldest first
	synced  []fileTask // synced files to put in place
	last    []fileTask // synced last files
	working int        // tasks handed out and not finished
	placing bool       // all files are synced: the placing has begun
}

// fileTask is a piece of work of a fileQueue, for job: to draw a PNG
// image (with canvas and file nil), to encode one (canvas), to write the
// file (neither, not a PNG), to sync it (file), or to put it in place
// (file and place). A task done returns the one that follows: an image to
// encode, a staged file to sync, a synced file (synced).
type fileTask struct {
	job    int
	canvas *pngCanvas
	file   *stagedFile
	synced bool
	place  bool
}

func newFileQueue(jobs []fileJob) *fileQueue {
	q := &fileQueue{jobs: jobs, errs: make([]error, len(jobs))}
	q.changed.L = &q.mu
	for _, rank := range []func(fileJob) bool{
		func(j fileJob) bool { return j.fig != nil && j.format == "png" },
		func(j fileJob) bool { return j.fig == nil },
		func(j fileJob) bool { return j.fig != nil && j.format != "png" },
	} {
		for i, j := range jobs {
			if rank(j) {
				q.todo = append(q.todo, i)
			}
		}
	}
	return q
}

// work does the queue's tasks until none is left.
func (q *fileQueue) work() {
	for {
		t, ok := q.next()
		if !ok {
			return
		}
		q.finish(q.do(t))
	}
}

// do does task t and returns the task that follows from it, if any: an
// image to encode, a file to sync, or a file to put in place.
func (q *fileQueue) do(t fileTask) (next fileTask, err error) {
	j := q.jobs[t.job]
	next.job = t.job
	switch {
	case t.place:
		return next, t.file.place()
	case t.file != nil:
		next.file, next.synced = t.file, true
		return next, t.file.sync()
	case t.canvas != nil:
		next.file, err = stage(j.path, func(w io.Writer) error { _, err := t.canvas.WriteTo(w); return err })
		t.canvas.release()
		return next, err
	case j.fig != nil && j.format == "png":
		l, err := j.fig.layout()
		if err == nil {
			next.canvas, err = j.fig.drawPNG(l)
		}
		if err != nil {
			err = fmt.Errorf("output: writing %s: %w", j.path, err)
		}
		return next, err
	case j.fig != nil:
		next.file, err = stage(j.path, func(w io.Writer) error { return j.fig.Render(w, j.format) })
		return next, err
	default:
		next.file, err = stage(j.path, j.write)
		return next, err
	}
}

// next returns the next task, waiting while none is ready but some are
// under way; false when all is done.
func (q *fileQueue) next() (fileTask, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		var t fileTask
		switch {
		case len(q.encode) > 0:
			t, q.encode = q.encode[0], q.encode[1:]
		case len(q.todo) > 0:
			t.job, q.todo = q.todo[0], q.todo[1:]
		case len(q.staged) > 0:
			t, q.staged = q.staged[0], q.staged[1:]
		case q.working > 0 && !q.placing:
			q.changed.Wait()
			continue
		case !q.placing:
			q.placing = true
			slices.SortFunc(q.synced, func(a, b fileTask) int { return cmp.Compare(a.job, b.job) })
			continue
		case len(q.synced) > 0:
			t, q.synced = q.synced[0], q.synced[1:]
			t.synced, t.place = false, true
		case q.working > 0:
			q.changed.Wait()
			continue
		case len(q.last) > 0:
			t, q.last = q.last[0], q.last[1:]
			t.synced, t.place = false, true
			if !q.othersWritten() {
				t.file.discard()
				continue
			}
		default:
			return fileTask{}, false
		}
		q.working++
		return t, true
	}
}

// finish records the outcome of a task: its error, or the task that
// follows from it.
func (q *fileQueue) finish(next fileTask, err error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.working--
	switch {
	case err != nil:
		q.errs[next.job] = err
	case next.canvas != nil:
		q.encode = append(q.encode, next)
	case next.synced && q.jobs[next.job].last:
		q.last = append(q.last, next)
	case next.synced:
		q.synced = append(q.synced, next)
	case next.file != nil:
		q.staged = append(q.staged, next)
	}
	q.changed.Broadcast()
}

// othersWritten reports whether every job that is neither a figure nor
// last was written; q.mu must be held.
func (q *fileQueue) othersWritten() bool {
	for i, j := range q.jobs {
		if j.fig == nil && !j.last && q.errs[i] != nil {
			return false
		}
	}
	return true
}
