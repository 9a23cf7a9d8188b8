package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestFileQueue checks the order in which writeFileJobs's work is handed
// out: the PNG figures to draw, the other files, the SVG figures; a drawn
// image's encoding before any of those; syncs when nothing else is ready;
// once all is synced, the files put in place, the last one after the
// others and only if the files it follows were written. A worker with nothing to do waits for
// the tasks under way, and stops when nothing is left.
func TestFileQueue(t *testing.T) {
	for _, dataFails := range []bool{false, true} {
		dir := t.TempDir()
		figs := fixtureFigures(t)[:2]
		jobs := append([]fileJob{
			{path: filepath.Join(dir, "data"), write: nopWrite},
			{path: filepath.Join(dir, "manifest"), write: nopWrite, last: true},
		}, figureJobs(dir, figs)...)
		const data, manifest, png0, svg0, png1, svg1 = 0, 1, 2, 3, 4, 5
		q := newFileQueue(jobs)
		if want := []int{png0, png1, data, manifest, svg0, svg1}; !slices.Equal(q.todo, want) {
			t.Fatalf("order %v, want %v", q.todo, want)
		}
		next := func(want fileTask) {
			t.Helper()
			got, ok := q.next()
			if !ok || got != want {
				t.Fatalf("next() = %+v, %v; want %+v", got, ok, want)
			}
		}
		staged := func(job int) *stagedFile {
			t.Helper()
			s, err := stage(jobs[job].path, nopWrite)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}

		// A drawn image is encoded first; a failed drawing leaves
		// nothing to encode.
		next(fileTask{job: png0})
		next(fileTask{job: png1})
		canvas := &pngCanvas{}
		q.finish(fileTask{job: png0, canvas: canvas}, nil)
		q.finish(fileTask{job: png1}, errors.New("no ink"))
		next(fileTask{job: png0, canvas: canvas})
		s0 := staged(png0)
		q.finish(fileTask{job: png0, file: s0}, nil)

		// The other files before the SVG figures, syncs after them.
		next(fileTask{job: data})
		var sData *stagedFile
		if dataFails {
			q.finish(fileTask{job: data}, errors.New("disk full"))
		} else {
			sData = staged(data)
			q.finish(fileTask{job: data, file: sData}, nil)
		}
		next(fileTask{job: manifest})
		sMan := staged(manifest)
		q.finish(fileTask{job: manifest, file: sMan}, nil)
		next(fileTask{job: svg0})
		next(fileTask{job: svg1}) // under way
		next(fileTask{job: png0, file: s0})
		if !dataFails {
			next(fileTask{job: data, file: sData})
		}
		next(fileTask{job: manifest, file: sMan})

		// Nothing ready: a wait while tasks are under way; then, all
		// synced, the files put in place in the order of the jobs, the
		// last one after the others (if the data was written); then the
		// end.
		got := make(chan fileTask)
		go func() {
			t, _ := q.next()
			got <- t
		}()
		select {
		case task := <-got:
			t.Fatalf("next() handed out %+v while tasks were under way", task)
		case <-time.After(20 * time.Millisecond):
		}
		q.finish(fileTask{job: svg0}, nil) // failed to stage, say
		q.finish(fileTask{job: png0, file: s0, synced: true}, nil)
		if !dataFails {
			q.finish(fileTask{job: data, file: sData, synced: true}, nil)
		}
		q.finish(fileTask{job: manifest, file: sMan, synced: true}, nil)
		q.finish(fileTask{job: svg1}, nil)
		var placed []int
		for task, ok := <-got, true; ok; task, ok = q.next() {
			if !task.place {
				t.Fatalf("next() = %+v once all was synced, want a file to put in place", task)
			}
			placed = append(placed, task.job)
			q.finish(q.do(task))
		}
		wantPlaced := []int{data, png0, manifest}
		if dataFails {
			wantPlaced = []int{png0}
		}
		if !slices.Equal(placed, wantPlaced) {
			t.Errorf("data failing %v: placed %v, want %v", dataFails, placed, wantPlaced)
		}
		want := []string{"data", "manifest", figs[0].Name + ".png"}
		if dataFails {
			want = []string{figs[0].Name + ".png"}
		}
		var got2 []string
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			got2 = append(got2, e.Name())
		}
		if !slices.Equal(got2, want) {
			t.Errorf("data failing %v: folder holds %q, want %q", dataFails, got2, want)
		}
	}
}

func nopWrite(io.Writer) error { return nil }
