package sweepfiles

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
	"vaxsim/output/files"
	"vaxsim/output/runfiles"
)

// Manifest is the content of a sweep's manifest.json, and of the
// manifest a shard leaves in the parts folder: how the files were made.
// Like a run's manifest, it is the only file that may differ between two
// makings of the same sweep.
type Manifest struct {
	Version   string `json:"version"`    // vaxsim version
	GoVersion string `json:"go_version"` // runtime.Version() of the binary
	// Command is "sweep" or "merge".
	Command string `json:"command"`
	// Shard is "i/n" for the manifest of one shard, empty otherwise.
	Shard string `json:"shard,omitempty"`
	// Inputs are the folders merged (merge only).
	Inputs []string `json:"inputs,omitempty"`
	// Description is the base scenario's description, one line for
	// people.
	Description string `json:"description"`
	// Sweep is the sweep's definition, as in sweep.json.
	Sweep *Sweep `json:"sweep"`
	// PointsRun and PointsSkipped count the points this command ran and
	// those it found complete already (--resume).
	PointsRun     int `json:"points_run"`
	PointsSkipped int `json:"points_skipped"`
	// Events counts the events of the replications this command ran.
	Events int64 `json:"events"`
	// Warnings are the caveats of the points' replications, each once
	// with the points it appeared at (see [Warnings]), and any the caller
	// adds.
	Warnings []string  `json:"warnings"`
	Start    time.Time `json:"start"` // when the command started
	// Elapsed is the wall time taken (written last).
	Elapsed runfiles.Duration `json:"elapsed"`
}

// NewManifest returns a manifest of sweep s made by command, with
// the Go version filled in; the caller sets the rest.
func NewManifest(command string, s *Sweep) *Manifest {
	return &Manifest{GoVersion: runtime.Version(), Command: command, Sweep: s, Warnings: []string{}}
}

// WriteManifest writes m as indented JSON.
// No warnings are written as [], not null.
func WriteManifest(w io.Writer, m *Manifest) error {
	c := *m
	if c.Warnings == nil {
		c.Warnings = []string{}
	}
	return runfiles.WriteJSON(w, &c)
}

// ReadManifest reads a manifest written by [WriteManifest].
func ReadManifest(r io.Reader) (*Manifest, error) {
	return runfiles.ReadJSON[Manifest](r)
}

// ShardManifestName returns the name, in PartsDir, of the manifest of
// shard i of n: "shard-2-of-8.json".
func ShardManifestName(i, n int) string { return fmt.Sprintf("shard-%d-of-%d.json", i, n) }

// ScanParts returns the part files in dir's parts folder by point id.
// Other files, such as the temporary files of writes in progress or cut
// short, are left out. A folder without a parts folder has no parts.
func ScanParts(dir string) (map[int]string, error) {
	entries, err := os.ReadDir(filepath.Join(dir, PartsDir))
	if errors.Is(err, os.ErrNotExist) {
		return map[int]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	parts := make(map[int]string, len(entries))
	for _, e := range entries {
		if id, ok := parsePartName(e.Name()); ok && e.Type().IsRegular() {
			parts[id] = filepath.Join(dir, PartsDir, e.Name())
		}
	}
	return parts, nil
}

// MissingPointsError reports the points of a sweep that have no part file.
type MissingPointsError struct {
	Missing []int // ids, increasing
	Points  int   // points in the sweep
}

func (e *MissingPointsError) Error() string {
	verb := "are"
	if len(e.Missing) == 1 {
		verb = "is"
	}
	return fmt.Sprintf("%d of %d points %s missing: %s", len(e.Missing), e.Points, verb, runfiles.Spans(e.Missing))
}

// CollectParts finds the part file of every point of s in the folders
// dirs and returns their paths indexed by point id. A point may be in
// several folders only if its files are byte-identical. If points are
// missing, it returns the paths found and a *MissingPointsError.
func CollectParts(s *Sweep, dirs []string) ([]string, error) {
	paths := make([]string, s.Points)
	for _, dir := range dirs {
		found, err := ScanParts(dir)
		if err != nil {
			return nil, err
		}
		for id, path := range found {
			if id >= s.Points {
				return nil, fmt.Errorf("%s: point %d is outside the sweep's %d points", path, id, s.Points)
			}
			if paths[id] == "" || sameFile(paths[id], path) {
				paths[id] = path
				continue
			}
			a, errA := os.ReadFile(paths[id])
			b, errB := os.ReadFile(path)
			if err := errors.Join(errA, errB); err != nil {
				return nil, err
			}
			if !bytes.Equal(a, b) {
				return nil, fmt.Errorf("point %d differs between %s and %s", id, paths[id], path)
			}
		}
	}
	var missing []int
	for id, p := range paths {
		if p == "" {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return paths, &MissingPointsError{Missing: missing, Points: s.Points}
	}
	return paths, nil
}

func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// WriteFolder writes the files of a complete sweep s into dir,
// creating it if needed: sweep.json, points.csv, results.csv and
// summary.csv from the part files at paths (one per point, indexed by id)
// and, last, manifest.json from m, to whose Warnings it adds the parts'
// warnings, each once with its points (see [Warnings]). Every part is read and checked (its
// point, s.Replications replications, the same metrics as the others)
// while the files are written to temporary names; only if all is well are
// they renamed into place, so on an error no file of dir has changed. An
// error names the part file it concerns.
func WriteFolder(dir string, s *Sweep, paths []string, m *Manifest) error {
	if len(paths) != s.Points {
		panic(fmt.Sprintf("output: WriteFolder: %d paths for %d points", len(paths), s.Points))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	names := []string{SweepFile, PointsFile, SweepResultsFile, SweepSummaryFile, runfiles.ManifestFile}
	return files.WriteAll(dir, names, func(ws []io.Writer) error {
		if err := WriteSweep(ws[0], s); err != nil {
			return err
		}
		if err := WritePoints(ws[1], s); err != nil {
			return err
		}
		var sw *Writer
		var warnings Warnings
		for id, path := range paths {
			p, err := files.Read(path, ReadPart)
			if err != nil {
				return err
			}
			if err := p.Check(id, s.Replications); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			if sw == nil {
				sw = NewWriter(ws[2], ws[3], p.Metrics)
			}
			if err := sw.Add(p); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			warnings.Add(id, p.Warnings)
		}
		if sw == nil {
			return errors.New("a sweep has no points")
		}
		if err := sw.Flush(); err != nil {
			return err
		}
		m.Warnings = append(m.Warnings, warnings.List()...)
		return WriteManifest(ws[4], m)
	})
}

// MissingPointsText describes the missing points of g: one line per point,
// "point ID: key=value key=value", at most limit lines followed by "and N
// more".
func MissingPointsText(g *Grid, missing []int, limit int) string {
	var b strings.Builder
	for i, id := range missing {
		if i == limit {
			fmt.Fprintf(&b, "  and %d more\n", len(missing)-limit)
			break
		}
		fmt.Fprintf(&b, "  point %d: %s\n", id, strings.Join(g.Sets(id), " "))
	}
	return b.String()
}

// Folder holds the files of a complete sweep's folder that its table,
// plots and report are drawn from.
type Folder struct {
	Sweep   *Sweep
	Points  *Points
	Summary []PointStat
	// Manifest is nil if the folder has no manifest.json.
	Manifest *Manifest
}

// ReadFolder reads sweep.json, points.csv, summary.csv and, if present,
// manifest.json from the sweep folder dir. A folder without summary.csv
// holds a sweep not yet finished: the error says so.
func ReadFolder(dir string) (*Folder, error) {
	def, err := files.Read(filepath.Join(dir, SweepFile), ReadSweep)
	if err != nil {
		return nil, err
	}
	pts, err := files.Read(filepath.Join(dir, PointsFile), ReadPoints)
	if err != nil {
		return nil, err
	}
	sums, err := files.Read(filepath.Join(dir, SweepSummaryFile), ReadSummary)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s is a sweep folder without its %s: the sweep is not finished (run its remaining shards, then vaxsim merge)", dir, SweepSummaryFile)
	}
	if err != nil {
		return nil, err
	}
	m, err := files.Read(filepath.Join(dir, runfiles.ManifestFile), ReadManifest)
	if errors.Is(err, fs.ErrNotExist) {
		m, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &Folder{Sweep: def, Points: pts, Summary: sums, Manifest: m}, nil
}

// IsFolder reports whether dir holds a sweep: a sweep.json.
func IsFolder(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, SweepFile))
	return err == nil
}
