package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"
)

// This file reads sweep files: a [sweep] table naming a base scenario
// and what to vary in it, the settings of `vaxsim sweep` written down.
//
//	[sweep]
//	scenario = "pima-tcc-2021-01-22"  # a scenario file (relative to this file) or a bundled name
//	reps = 3                           # replications per point
//	seed = 7                           # master seed
//	crn = true                         # common random numbers across points
//	set = ["sites.tcc.per_slot=24"]    # --set overrides of the base scenario
//	vary = ["sites.tcc.stations=8,10,12", "invitations.fill.factor=1.2:1.6:0.2"]

// Limits of a sweep file, checked on its text before the TOML decoder
// sees it: a sweep file needs neither size nor depth.
const (
	// MaxSweepFileSize is the largest sweep file accepted, in bytes.
	MaxSweepFileSize = 64 << 10
	// sweepMaxDepth bounds the nesting of a sweep file: sweep.vary = [...]
	// is 3 levels.
	sweepMaxDepth = 4
	// sweepMaxKeys bounds the number of keys and table headers.
	sweepMaxKeys = 1000
)

// MaxReps is the most replications per point a sweep file may ask for.
const MaxReps = 100_000

// SweepSpec is a checked sweep file.
type SweepSpec struct {
	// File is the sweep file's name, as given.
	File string
	// Scenario is the base scenario, as Resolve takes it. LoadSweep
	// makes a relative file name relative to the sweep file's folder
	// when a file is there; otherwise, and from ParseSweep, it is as
	// written (a bundled scenario's name, or a file name).
	Scenario string
	// Reps is the number of replications per point, from 1 to MaxReps;
	// nil if the file does not say.
	Reps *int
	// Seed is the master seed; nil if the file does not say.
	Seed *uint64
	// CRN is whether the points share common random numbers; nil if the
	// file does not say.
	CRN *bool
	// Sets are --set overrides of the base scenario ("key.path=value"),
	// in order. They are not checked here: Resolve checks them against
	// the scenario.
	Sets []string
	// Vary are the varied keys, in order, each as ParseVary gives it.
	Vary []Vary
}

// sweepFile is the schema of a sweep file: the decoder checks its keys
// and types against it.
type sweepFile struct {
	Sweep sweepTable `toml:"sweep"`
}

// sweepTable is the [sweep] table.
type sweepTable struct {
	Scenario string  `toml:"scenario"`
	Reps     int64   `toml:"reps"`
	Seed     int64   `toml:"seed"`
	CRN      bool    `toml:"crn"`
	Set      argList `toml:"set"`
	Vary     argList `toml:"vary"`
}

// argList is a list of command-line arguments, such as --set and --vary
// values.
type argList []string

// LoadSweep reads the sweep file at path on disk and checks it as
// ParseSweep does, then finds its base scenario: a relative file name is
// taken relative to the sweep file's folder if a file is there, and must
// stay in that folder (see Options); a name that is neither such a file
// nor a bundled scenario is made relative to the folder too, so that
// Resolve reports it missing there. LoadSweep uses the default Options.
//
// If path is not a sweep file (not a regular file, larger than twice
// MaxSweepFileSize, or without a [sweep] table), LoadSweep returns nil
// and no error: path then names a scenario, for Resolve. Errors are as
// ParseSweep's.
func LoadSweep(path string) (*SweepSpec, error) {
	return Options{}.LoadSweep(path)
}

// LoadSweep is LoadSweep with the options o.
func (o Options) LoadSweep(path string) (*SweepSpec, error) {
	f, st, err := openRegular(path)
	if err != nil || st.Size() > 2*MaxSweepFileSize {
		if f != nil {
			f.Close()
		}
		return nil, nil // not a sweep file; Resolve says why
	}
	data, err := io.ReadAll(io.LimitReader(f, 2*MaxSweepFileSize+1))
	f.Close()
	if err != nil {
		return nil, nil // not readable as a sweep file; Resolve says why
	}
	spec, isSweep, err := parseSweep(path, data)
	if !isSweep || err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	rel := filepath.Join(dir, spec.Scenario)
	if o.AllowOutside {
		if !filepath.IsAbs(spec.Scenario) && fileExists(rel) {
			spec.Scenario = rel
		}
		return spec, nil
	}
	_, isBundled := bundledText(spec.Scenario)
	var perr error
	switch {
	case filepath.IsAbs(spec.Scenario) || !filepath.IsLocal(spec.Scenario):
		perr = checkLocal(spec.Scenario, "the sweep file's folder")
	case fileExists(rel):
		var f *os.File
		f, _, perr = openInside(dir, spec.Scenario, "the sweep file's folder")
		if f != nil {
			f.Close()
		}
		spec.Scenario = rel
	case !isBundled:
		spec.Scenario = rel
	}
	if perr != nil {
		lines, _ := scanText(path, data, sweepMaxDepth, sweepMaxKeys)
		c := newCollector(path)
		c.addAt(lines["sweep.scenario"], "sweep.scenario", "%v", perr)
		return nil, c.result()
	}
	return spec, nil
}

// bundledText returns the text of the bundled scenario name, if there is
// one.
func bundledText(name string) ([]byte, bool) {
	data, err := Open(name)
	return data, err == nil
}

// ParseSweep checks the sweep file text data, named name in messages,
// and returns its settings. Decoding is strict: a key other than those
// of the [sweep] table is an error (with a did-you-mean), as is a value
// of the wrong type, a missing scenario, reps outside 1 to MaxReps, a
// negative seed, an empty set or vary entry, or a vary entry that
// ParseVary rejects. Errors come as an ErrorList, each "file:line:
// key.path: message", every problem at once; limits on size and nesting
// are checked on the text before any TOML decoding.
func ParseSweep(name string, data []byte) (*SweepSpec, error) {
	spec, isSweep, err := parseSweep(name, data)
	if err == nil && !isSweep {
		c := newCollector(name)
		c.addAt(0, "", "no [sweep] table; a sweep file has a [sweep] table with scenario, reps, seed, crn, set and vary")
		return nil, c.result()
	}
	return spec, err
}

// parseSweep is ParseSweep, also reporting whether data is a sweep file
// at all: whether it has a [sweep] table (or a key under sweep). When it
// is not, there is no error.
func parseSweep(name string, data []byte) (*SweepSpec, bool, error) {
	c := newCollector(name)
	lines, lerr := scanText(name, data[:min(len(data), MaxSweepFileSize+1)], sweepMaxDepth, sweepMaxKeys)
	if _, ok := lines["sweep"]; !ok {
		return nil, false, nil
	}
	if len(data) > MaxSweepFileSize {
		line := 1 + bytes.Count(data[:MaxSweepFileSize], []byte("\n"))
		c.addAt(line, "", "the file is larger than the limit of %d bytes (64 KiB) for a sweep file; it passes the limit on this line", MaxSweepFileSize)
		return nil, true, c.result()
	}
	if lerr != nil {
		if strings.HasPrefix(lerr.Msg, "keys, tables and arrays are nested") {
			lerr.Msg = fmt.Sprintf("keys, tables and arrays are nested more than %d levels deep; a sweep file needs 3 (sweep.vary = [...])", sweepMaxDepth)
		}
		c.errs = append(c.errs, lerr)
		return nil, true, c.result()
	}
	var tree map[string]any
	if _, err := toml.Decode(string(data), &tree); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			c.addAt(pe.Position.Line, pe.LastKey, "TOML syntax: %s", sanitize(pe.Message))
		} else {
			c.addAt(0, "", "TOML: %s", sanitize(err.Error()))
		}
		return nil, true, c.result()
	}
	for k, l := range lines {
		c.pos[k] = origin{line: l}
	}
	var f sweepFile
	d := &decoder{c: c, order: map[string]int{}}
	d.decode(tree, reflect.ValueOf(&f).Elem(), nil)
	// Check the values that decoded; one of the wrong type has had its
	// error.
	table, isTable := tree["sweep"].(map[string]any)
	at := keyIn("sweep")
	spec := &SweepSpec{File: name, Sets: f.Sweep.Set}
	scenario, isString := table["scenario"].(string)
	if scenario == "" && (isString || table["scenario"] == nil) && (isTable || tree["sweep"] == nil) {
		c.add(at("scenario"), "required: the base scenario, a scenario file (relative to this file) or a bundled name, as in scenario = %q", DefaultName)
	}
	spec.Scenario = scenario
	if reps, ok := table["reps"].(int64); ok {
		if reps < 1 || reps > MaxReps {
			c.add(at("reps"), "must be from 1 to %d, found %d", MaxReps, reps)
		}
		n := int(reps)
		spec.Reps = &n
	}
	if seed, ok := table["seed"].(int64); ok {
		if seed < 0 {
			c.add(at("seed"), "must not be negative, found %d", seed)
		}
		u := uint64(seed)
		spec.Seed = &u
	}
	if crn, ok := table["crn"].(bool); ok {
		spec.CRN = &crn
	}
	st := &f.Sweep
	for i, s := range st.Set {
		if s == "" {
			c.add(at("set"), "element %d is empty; write key=value, as in \"sites.tcc.stations=12\"", i+1)
		}
	}
	for i, s := range st.Vary {
		if s == "" {
			c.add(at("vary"), "element %d is empty; write key=values, as in \"sites.tcc.stations=8,10,12\"", i+1)
			continue
		}
		v, err := ParseVary(s)
		if err != nil {
			c.add(at("vary"), "element %d: %v", i+1, err)
			continue
		}
		spec.Vary = append(spec.Vary, v)
	}
	if err := c.result(); err != nil {
		return nil, true, err
	}
	return spec, true, nil
}
