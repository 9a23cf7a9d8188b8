package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// Limits on a sweep file, checked on its text before the TOML decoder
// sees it: the decoder's time grows fast with the depth of dotted keys
// (BurntSushi/toml v1.6.0 took 1.1 s on one 8 KB key of 4,000 parts), and
// a sweep file needs neither size nor depth.
const (
	maxSweepFileSize = 64 << 10 // bytes
	maxSweepDots     = 8        // dots outside strings on one line
	maxSweepNesting  = 4        // arrays and tables inside one another
)

// sweepTableRE finds the [sweep] table that makes a TOML file a sweep file.
var sweepTableRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^[ \t]*\[[ \t]*sweep[ \t]*\]`) })

// sweepFileSpec is the [sweep] table of a sweep file.
type sweepFileSpec struct {
	Scenario string   `toml:"scenario"` // a scenario file, relative to the sweep file, or a bundled name
	Reps     *int64   `toml:"reps"`
	Seed     *int64   `toml:"seed"`
	CRN      *bool    `toml:"crn"`
	Set      []string `toml:"set"`
	Vary     []string `toml:"vary"`
}

// loadSweepFile reads o.arg as a sweep file if it is a file with a
// [sweep] table, and merges it into o: its set and vary come before those
// of the command line, and its reps, seed and crn apply unless given as
// flags. Otherwise o.arg names the scenario itself.
func loadSweepFile(o *sweepOptions) error {
	o.source = o.arg
	st, err := os.Stat(o.arg)
	if err != nil || !st.Mode().IsRegular() || st.Size() > 2*maxSweepFileSize {
		return nil // not a sweep file; the scenario's loading reports any problem
	}
	data, err := os.ReadFile(o.arg)
	if err != nil || !sweepTableRE().Match(data) {
		return nil
	}
	spec, err := parseSweepFile(o.arg, data)
	if err != nil {
		return inputErr(err)
	}
	o.source = spec.Scenario
	if !filepath.IsAbs(spec.Scenario) {
		rel := filepath.Join(filepath.Dir(o.arg), spec.Scenario)
		if _, err := os.Stat(rel); err == nil {
			o.source = rel
		}
	}
	o.fileSets, o.fileVary = len(spec.Set), len(spec.Vary)
	o.sets = append(spec.Set, o.sets...)
	o.vary = append(spec.Vary, o.vary...)
	if spec.Reps != nil && !o.changed("reps") {
		if *spec.Reps < 1 || *spec.Reps > maxReps {
			return usagef("%s: sweep.reps must be between 1 and %d, not %d", o.arg, maxReps, *spec.Reps)
		}
		o.reps = int(*spec.Reps)
	}
	if spec.Seed != nil && !o.changed("seed") {
		if *spec.Seed < 0 {
			return usagef("%s: sweep.seed must not be negative, not %d", o.arg, *spec.Seed)
		}
		o.seed = uint64(*spec.Seed)
	}
	if spec.CRN != nil && !o.changed("no-crn") {
		o.crn = *spec.CRN
	}
	return nil
}

// parseSweepFile checks and decodes a sweep file. Unknown keys are errors.
func parseSweepFile(name string, data []byte) (*sweepFileSpec, error) {
	if err := checkSweepText(data); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var f struct {
		Sweep *sweepFileSpec `toml:"sweep"`
	}
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		if pe, ok := err.(toml.ParseError); ok {
			return nil, fmt.Errorf("%s:%d: %s", name, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		var keys []string
		for _, k := range undecoded {
			keys = append(keys, k.String())
		}
		return nil, fmt.Errorf("%s: unknown keys %s; a sweep file has a [sweep] table with scenario, reps, seed, crn, set and vary",
			name, strings.Join(keys, ", "))
	}
	if f.Sweep == nil || f.Sweep.Scenario == "" {
		return nil, fmt.Errorf("%s: sweep.scenario is missing: name the base scenario, a file or a bundled name", name)
	}
	if slices.Contains(f.Sweep.Vary, "") {
		return nil, fmt.Errorf("%s: sweep.vary holds an empty entry", name)
	}
	return f.Sweep, nil
}

// checkSweepText bounds the size of a sweep file, the dots outside
// strings on each line and the nesting of arrays and tables, so that a
// hostile file cannot keep the TOML decoder busy.
func checkSweepText(data []byte) error {
	if len(data) > maxSweepFileSize {
		return fmt.Errorf("larger than the limit of %d bytes for a sweep file", maxSweepFileSize)
	}
	line, dots, depth := 1, 0, 0
	var quote byte
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\n' {
			line, dots = line+1, 0
		}
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' && i+1 < len(data) && data[i+1] != '\n' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			if depth++; depth > maxSweepNesting {
				return fmt.Errorf("line %d: arrays and tables nested more than %d deep", line, maxSweepNesting)
			}
		case c == ']' || c == '}':
			depth--
		case c == '.':
			if dots++; dots > maxSweepDots {
				return fmt.Errorf("line %d: more than %d dots outside strings (keys nested too deeply)", line, maxSweepDots)
			}
		}
	}
	return nil
}
