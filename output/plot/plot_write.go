package plot

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"golang.org/x/sync/errgroup"

	"vaxsim/output/files"
)

// Write writes each figure as NAME.png and NAME.svg into dir, creating
// dir if needed; each file is written atomically (see [files.Write]). It
// returns the paths written, in order.
//
// The files are drawn on all cores. Neither the files nor their bytes
// depend on the order in which the work is done.
func Write(dir string, figs []*Figure) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, f := range figs {
		for _, format := range Formats {
			path := filepath.Join(dir, f.Name+"."+format)
			paths = append(paths, path)
			g.Go(func() (err error) {
				defer func() { // a defect in drawing is the run's error, not a crash
					if v := recover(); v != nil {
						err = fmt.Errorf("internal error drawing %s: %v", path, v)
					}
				}()
				return files.Write(path, func(w io.Writer) error { return f.Render(w, format) })
			})
		}
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return paths, nil
}
