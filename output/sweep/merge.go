package sweep

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"vaxsim/output/files"
	"vaxsim/output/sweepfiles"
)

// maxMissingListed bounds the missing points Merge describes one by one.
const maxMissingListed = 20

// MergeOptions are the settings of [Merge].
type MergeOptions struct {
	// Version is the vaxsim version written into the manifest.
	Version string
	// NoPlots leaves out the sweep's plots.
	NoPlots bool
	// Log receives warnings, one per line; nil discards them.
	Log io.Writer
}

// Merge joins the part files of one sweep, found in the sweep folders
// dirs (the shards' folders, or one folder they all wrote into), and
// writes the sweep's results, summary, manifest and plots into out. The
// folders must hold the same sweep; a point may be in several only if its
// files are byte-identical. An incomplete sweep is an *InputError listing
// the missing points; nothing is then written.
func Merge(dirs []string, out string, o MergeOptions) (*sweepfiles.Sweep, error) {
	start := time.Now()
	logf := func(format string, args ...any) {
		if o.Log != nil {
			fmt.Fprintf(o.Log, format+"\n", args...)
		}
	}
	if len(dirs) == 0 {
		return nil, inputf("merge: name the sweep folders to merge")
	}
	var def *sweepfiles.Sweep
	for _, d := range dirs {
		s, err := files.Read(filepath.Join(d, sweepfiles.SweepFile), sweepfiles.ReadSweep)
		if errors.Is(err, os.ErrNotExist) {
			return nil, inputf("merge: %s is not a sweep folder: it has no %s", d, sweepfiles.SweepFile)
		}
		if err != nil {
			return nil, inputf("merge: %w", err)
		}
		if def == nil {
			def = s
			continue
		}
		if why := def.Mismatch(s); why != "" {
			return nil, inputf("merge: %s and %s hold different sweeps: %s", dirs[0], d, why)
		}
		if s.Version != def.Version {
			logf("warning: %s was made by vaxsim %s, %s by %s", dirs[0], def.Version, d, s.Version)
		}
	}
	if err := files.CheckWritable(out); err != nil {
		return nil, &InputError{err}
	}
	if err := checkFolder(&Options{Log: o.Log}, out, def); err != nil {
		return nil, err
	}
	paths, err := sweepfiles.CollectParts(def, dirs)
	var missing *sweepfiles.MissingPointsError
	if errors.As(err, &missing) {
		return nil, inputf("merge: the sweep is incomplete: %v; nothing was written. The missing points:\n%s(run their shards again with --resume, then merge)",
			missing, sweepfiles.MissingPointsText(def.Grid(), missing.Missing, maxMissingListed))
	}
	if err != nil {
		return nil, inputf("merge: %w", err)
	}
	removeFinalLeftovers(out)
	man := newManifest("merge", def, o.Version, start)
	man.Inputs = dirs
	man.Description = shardDescription(dirs)
	if err := finish(out, def, paths, man, start, !o.NoPlots); err != nil {
		return nil, inputf("merge: %w", err)
	}
	return def, nil
}

// shardDescription returns the base scenario's description from the
// first shard manifest found in the parts folders of dirs, or "".
func shardDescription(dirs []string) string {
	for _, d := range dirs {
		names, _ := filepath.Glob(filepath.Join(d, sweepfiles.PartsDir, "shard-*.json"))
		for _, name := range names {
			if m, err := files.Read(name, sweepfiles.ReadManifest); err == nil && m.Description != "" {
				return m.Description
			}
		}
	}
	return ""
}
