package sweepfiles

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The names of the files of a sweep folder. A sweep's manifest is
// runfiles.ManifestFile, as a run's.
const (
	// SweepFile holds the sweep's definition ([Sweep]); resume and merge
	// check it.
	SweepFile = "sweep.json"
	// PointsFile lists the points: id, seed and varied values.
	PointsFile = "points.csv"
	// SweepResultsFile holds one row per point and replication.
	SweepResultsFile = "results.csv"
	// SweepSummaryFile holds one row per point and metric.
	SweepSummaryFile = "summary.csv"
	// PartsDir is the folder of the part files, one per completed point.
	PartsDir = "parts"
)

// PointSeedScheme names how a point's seed derives from the master seed
// when common random numbers are off: the first 8 bytes, little-endian,
// of a SHA-256 hash of a label, the seed and the point id.
const PointSeedScheme = `u64le(sha256("vaxsim/sweep/v1" | u64le(seed) | u64le(point))[:8])`

// Sweep is the definition of a sweep, the content of sweep.json: what was
// varied, how often and with which seeds. Two folders hold parts of the
// same sweep only if their definitions agree (see [Sweep.Mismatch]).
type Sweep struct {
	// Version is the version of vaxsim that wrote the file.
	Version string `json:"version"`
	// Scenario is the base scenario's name.
	Scenario string `json:"scenario"`
	// Source is where the base scenario came from: a file path or a
	// bundled name.
	Source string `json:"source"`
	// Sets are the --set overrides applied to the base scenario before
	// the varied keys.
	Sets []string `json:"sets"`
	// Vary lists the varied keys and their values: the grid.
	Vary []Param `json:"vary"`
	// Points is the number of points of the grid.
	Points int `json:"points"`
	// Replications is the number of replications of every point.
	Replications int `json:"replications"`
	// Seed is the master seed.
	Seed uint64 `json:"seed"`
	// CRN reports common random numbers: every point runs with Seed, so
	// replication r draws the same random numbers at every point. Without
	// CRN each point has its own seed (see [Sweep.PointSeed]).
	CRN bool `json:"crn"`
	// PointSeedScheme is [PointSeedScheme] without CRN, empty with it.
	PointSeedScheme string `json:"point_seed_scheme"`
	// StreamScheme is the derivation of random streams from (seed,
	// replication, name).
	StreamScheme string `json:"stream_scheme"`
	// ScenarioTOML is the base scenario as TOML after the --set
	// overrides.
	ScenarioTOML string `json:"scenario_toml"`
}

// Grid returns the sweep's grid.
func (s *Sweep) Grid() *Grid { return &Grid{Params: s.Vary} }

// PointSeed returns the master seed of point id: Seed with common random
// numbers, else a hash of Seed and id (see [PointSeedScheme]).
func (s *Sweep) PointSeed(id int) uint64 {
	if s.CRN {
		return s.Seed
	}
	var b [len("vaxsim/sweep/v1") + 16]byte
	n := copy(b[:], "vaxsim/sweep/v1")
	binary.LittleEndian.PutUint64(b[n:], s.Seed)
	binary.LittleEndian.PutUint64(b[n+8:], uint64(id))
	sum := sha256.Sum256(b[:])
	return binary.LittleEndian.Uint64(sum[:8])
}

// Mismatch returns "" if t defines the same sweep as s: the same grid,
// replications, seed, common random numbers and base scenario, so that
// the same point id means the same run. Otherwise it says how they differ.
// Version, Source and Sets are not compared: the same scenario may be
// named by different paths, and the resolved scenario is compared instead.
func (s *Sweep) Mismatch(t *Sweep) string {
	switch {
	case !s.Grid().Equal(t.Grid()):
		return fmt.Sprintf("the grid differs (%s against %s)", describeGrid(s.Vary), describeGrid(t.Vary))
	case s.Replications != t.Replications:
		return fmt.Sprintf("the replications differ (%d against %d)", s.Replications, t.Replications)
	case s.Seed != t.Seed:
		return fmt.Sprintf("the seeds differ (%d against %d)", s.Seed, t.Seed)
	case s.CRN != t.CRN:
		return fmt.Sprintf("common random numbers differ (crn %t against %t)", s.CRN, t.CRN)
	case s.ScenarioTOML != t.ScenarioTOML:
		return fmt.Sprintf("the base scenario differs (%s from %s against %s from %s)", s.Scenario, s.Source, t.Scenario, t.Source)
	}
	return ""
}

func describeGrid(ps []Param) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Key + "=" + strings.Join(p.Values, ",")
	}
	return strings.Join(parts, " ")
}

// MarshalJSON encodes s with no sets as [] rather than null.
func (s Sweep) MarshalJSON() ([]byte, error) {
	type plain Sweep // without the methods
	if s.Sets == nil {
		s.Sets = []string{}
	}
	return json.Marshal(plain(s))
}

// WriteSweep writes s as indented JSON, the format of sweep.json.
func WriteSweep(w io.Writer, s *Sweep) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ReadSweep reads a sweep.json written by [WriteSweep] and checks that
// its grid is well formed and has Points points.
func ReadSweep(r io.Reader) (*Sweep, error) {
	s := new(Sweep)
	if err := json.NewDecoder(r).Decode(s); err != nil {
		return nil, fmt.Errorf("sweep: %w", err)
	}
	g, err := NewGrid(s.Vary)
	if err != nil {
		return nil, fmt.Errorf("sweep: %w", err)
	}
	if g.Len() != s.Points {
		return nil, fmt.Errorf("sweep: the grid has %d points, not %d", g.Len(), s.Points)
	}
	if s.Replications < 1 {
		return nil, fmt.Errorf("sweep: %d replications", s.Replications)
	}
	return s, nil
}

// WritePoints writes points.csv: the header point,seed followed by the
// varied keys, then one row per point in id order with its master seed
// and its values as plain text (TOML strings without their quotes).
func WritePoints(w io.Writer, s *Sweep) error {
	g := s.Grid()
	cw := csv.NewWriter(w)
	if err := cw.Write(append([]string{"point", "seed"}, g.Keys()...)); err != nil {
		return err
	}
	for id := range g.Len() {
		rec := append([]string{strconv.Itoa(id), strconv.FormatUint(s.PointSeed(id), 10)}, g.PlainValues(id)...)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Points is the content of points.csv.
type Points struct {
	// Keys are the varied keys in the file's order.
	Keys []string
	// Rows hold one point each, in the file's order.
	Rows []PointRow
}

// PointRow is one point of a sweep.
type PointRow struct {
	Point  int
	Seed   uint64   // master seed of the point's replications
	Values []string // one per key, as plain text (see Param.Plain)
}

// ReadPoints reads a points.csv written by [WritePoints]. Errors give the
// line.
func ReadPoints(r io.Reader) (*Points, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("line 1: missing header")
	}
	if err != nil {
		return nil, err
	}
	if len(header) < 3 || header[0] != "point" || header[1] != "seed" {
		return nil, fmt.Errorf(`line 1: header %q does not start with "point", "seed" and a key`, header)
	}
	p := &Points{Keys: header[2:]}
	for j, k := range p.Keys {
		if k == "" || slices.Index(p.Keys, k) < j {
			return nil, fmt.Errorf("line 1: key %q is empty or appears twice", k)
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return p, nil
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		row := PointRow{Values: rec[2:]}
		if row.Point, err = strconv.Atoi(rec[0]); err != nil || row.Point != len(p.Rows) {
			return nil, fmt.Errorf("line %d: point %q, want %d", line, rec[0], len(p.Rows))
		}
		if row.Seed, err = strconv.ParseUint(rec[1], 10, 64); err != nil {
			return nil, fmt.Errorf("line %d: seed: %q is not an unsigned integer", line, rec[1])
		}
		p.Rows = append(p.Rows, row)
	}
}
