package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"reflect"

	"github.com/BurntSushi/toml"

	"vaxsim/sim"
)

// Limits checked on the text before the TOML decoder sees it. The
// decoder's time grows fast with the depth of keys: BurntSushi/toml
// v1.6.0 took 9.6 s and 4.9 GB for one 20 KB deeply dotted key.
const (
	// MaxFileSize is the largest scenario file accepted, in bytes.
	MaxFileSize = 1 << 20
	// maxDepth bounds the nesting of tables, dotted keys, inline tables
	// and arrays together; the schema's deepest key has 6 levels
	// (sites.NAME.periods.PERIOD.hours.mon).
	maxDepth = 8
	// maxKeys bounds the number of keys and table headers.
	maxKeys = 20_000
)

// File is a loaded scenario.
type File struct {
	// Scenario is the typed, validated model input.
	Scenario *sim.Scenario
	// Source is the file's path, or the bundled scenario's name.
	Source string
	// Resolved is the scenario as TOML after the --set overrides, for
	// the run manifest. Parsing it gives the same Scenario.
	Resolved []byte
	// Warnings are caveats about the input that are not errors, such as
	// columns of a replay log that are not used (replay.go).
	Warnings []string
}

// Load reads the scenario file at path in fsys, applies the --set
// overrides in sets (each "key.path=value", the value in TOML syntax) and
// returns the checked scenario. Errors a user can cause come back as an
// ErrorList naming file, line (or --set argument) and key path. The
// replay logs the scenario names are read from fsys, relative to path,
// and must be in path's folder (see Options); a log given with --set is
// read from disk, relative to the current folder. Only regular files
// are read. Load uses the default Options.
func Load(fsys fs.FS, path string, sets []string) (*File, error) {
	return Options{}.Load(fsys, path, sets)
}

// Load is Load with the options o.
func (o Options) Load(fsys fs.FS, path string, sets []string) (*File, error) {
	f, err := openFS(fsys, path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := readLimited(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return parse(path, data, sets, dataFiles{fsys: fsys, dir: slashDir(path), outside: o.AllowOutside})
}

// readLimited reads at most MaxFileSize+1 bytes, enough to tell that a
// file is too large without reading all of it.
func readLimited(r io.Reader) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, MaxFileSize+1))
}

// Parse checks the scenario text data, named name in messages, applies
// the --set overrides in sets and converts it to a sim.Scenario. It
// reports every problem it finds at once, as an ErrorList.
//
// The steps: limits on the raw text (size, nesting depth, number of
// keys); TOML syntax; --set overrides on the generic tree; strict
// decoding into Spec (unknown keys, wrong types); conversion and checks
// of values and cross-references; then the replay logs, read from disk
// relative to name's folder (or, for a path given with --set, to the
// current folder), whose errors come as "file:line:column: message".
// Those paths must stay in their folder (see Options); Parse uses the
// default Options.
func Parse(name string, data []byte, sets []string) (*File, error) {
	return Options{}.Parse(name, data, sets)
}

// Parse is Parse with the options o.
func (o Options) Parse(name string, data []byte, sets []string) (*File, error) {
	return parse(name, data, sets, dataFiles{dir: filepath.Dir(name), outside: o.AllowOutside})
}

// parse is Parse reading the replay logs from files.
func parse(name string, data []byte, sets []string, files dataFiles) (*File, error) {
	c := newCollector(name)
	c.sets = sets
	if len(data) > MaxFileSize {
		line := 1 + bytes.Count(data[:MaxFileSize], []byte("\n"))
		c.addAt(line, "", "the file is larger than the limit of %d bytes (1 MiB); it passes the limit on this line", MaxFileSize)
		return nil, c.result()
	}
	lines, lerr := scanText(name, data, maxDepth, maxKeys)
	if lerr != nil {
		c.errs = append(c.errs, lerr)
		return nil, c.result()
	}
	var tree map[string]any
	md, err := toml.Decode(string(data), &tree)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			c.addAt(pe.Position.Line, pe.LastKey, "TOML syntax: %s", sanitize(pe.Message))
		} else {
			c.addAt(0, "", "TOML: %s", sanitize(err.Error()))
		}
		return nil, c.result()
	}
	if tree == nil {
		tree = map[string]any{}
	}
	for k, l := range lines {
		c.pos[k] = origin{line: l}
	}
	order := map[string]int{}
	for _, k := range md.Keys() {
		noteOrder(order, k) // parents of [a.b] are implicit: order them too
	}
	for _, arg := range sets {
		s, ok := parseSet(c, arg)
		if ok && checkSetPath(c, s, tree) {
			applySet(c, order, s, tree)
		}
	}
	spec := DefaultSpec()
	d := &decoder{c: c, order: order}
	d.decode(tree, reflect.ValueOf(&spec).Elem(), nil)
	sc := convert(c, &spec, defaultName(name))
	rp := newReplayReader(c, &spec, sc, files)
	if err := c.result(); err != nil {
		return nil, err
	}
	warnings, err := rp.read()
	if err != nil {
		return nil, err
	}
	return &File{Scenario: sc, Source: name, Resolved: encodeTree(tree, order), Warnings: append(c.warnings, warnings...)}, nil
}
