package scenarios

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// DataFile is a data file a bundled scenario names, such as a replay log.
type DataFile struct {
	Path string // as the scenario names it, relative to the scenario file
	Data []byte
}

// BundledData returns the data files that the bundled scenario called
// name names in its [replay] table (bookings, walk-ins, outages,
// shipments, in that order): what a copy of the scenario needs beside
// it.
func BundledData(name string) ([]DataFile, error) {
	text, err := Open(name)
	if err != nil {
		return nil, err
	}
	var head struct {
		Replay struct {
			Bookings  string `toml:"bookings"`
			Walkins   string `toml:"walkins"`
			Outages   string `toml:"outages"`
			Shipments string `toml:"shipments"`
		} `toml:"replay"`
	}
	if _, err := toml.Decode(string(text), &head); err != nil {
		return nil, fmt.Errorf("bundled scenario %s: %v", name, err)
	}
	var files []DataFile
	for _, p := range []string{head.Replay.Bookings, head.Replay.Walkins, head.Replay.Outages, head.Replay.Shipments} {
		if p == "" || slices.ContainsFunc(files, func(f DataFile) bool { return f.Path == p }) {
			continue
		}
		data, err := fs.ReadFile(bundled, p)
		if err != nil {
			return nil, fmt.Errorf("bundled scenario %s: %v", name, err)
		}
		files = append(files, DataFile{Path: p, Data: data})
	}
	return files, nil
}

// ReplayLogs names the logs of a replay, as the keys of [replay] do.
type ReplayLogs struct {
	Bookings, Walkins, Outages, Shipments string
}

// ReplayScenario returns the text of a scenario that replays a
// recording of a run of the scenario whose resolved text (File.Resolved)
// is resolved: the same scenario, named NAME-replay, whose [replay]
// table (replacing any) names logs, with its [portal.outages],
// [portal.random_outages] and [shipments] disabled, since the logs hold
// them. Replaying a run's
// recording on its seed and replication gives its results.
func ReplayScenario(resolved []byte, logs ReplayLogs) ([]byte, error) {
	var tree map[string]any
	md, err := toml.Decode(string(resolved), &tree)
	if err != nil {
		return nil, fmt.Errorf("scenarios: the resolved scenario is not TOML: %v", err)
	}
	order := map[string]int{}
	for _, k := range md.Keys() {
		noteOrder(order, k)
	}
	if s, ok := tree["scenario"].(map[string]any); ok {
		if name, ok := s["name"].(string); ok && name != "" {
			s["name"] = name[:min(len(name), maxNameLen-len("-replay"))] + "-replay"
		}
	}
	if p, ok := tree["portal"].(map[string]any); ok {
		if r, ok := p["random_outages"].(map[string]any); ok {
			r["enabled"] = false
			noteOrder(order, []string{"portal", "random_outages", "enabled"})
		}
	}
	for _, table := range [][]string{{"portal", "outages"}, {"shipments"}} {
		node := tree
		for _, k := range table {
			node, _ = node[k].(map[string]any)
		}
		for name, v := range node {
			if m, ok := v.(map[string]any); ok {
				m["enabled"] = false
				noteOrder(order, append(slices.Clone(table), name, "enabled"))
			}
		}
	}
	replay := map[string]any{}
	for _, kv := range []struct{ key, file string }{{"bookings", logs.Bookings}, {"walkins", logs.Walkins},
		{"outages", logs.Outages}, {"shipments", logs.Shipments}} {
		if kv.file != "" {
			replay[kv.key] = kv.file
			noteOrder(order, []string{"replay", kv.key})
		}
	}
	tree["replay"] = replay
	return encodeTree(tree, order), nil
}

// ErrExists is wrapped by the error of WriteBundled for a file that is
// in the folder already.
var ErrExists = errors.New("exists")

// WriteBundled writes a copy of the bundled scenario name into the folder
// dir, made if needed, as NAME.toml, with the data files it names beside
// it (BundledData), each with writeFile (nil writes in place), and
// returns the paths written. It writes nothing if any of the files is in
// dir already: that error wraps ErrExists.
func WriteBundled(dir, name string, writeFile WriteFileFunc) ([]string, error) {
	if writeFile == nil {
		writeFile = createFile
	}
	text, err := Open(name)
	if err != nil {
		return nil, err
	}
	data, err := BundledData(name)
	if err != nil {
		return nil, err
	}
	all := append([]DataFile{{Path: strings.TrimSuffix(name, ".toml") + ".toml", Data: text}}, data...)
	for _, f := range all {
		if path := filepath.Join(dir, filepath.FromSlash(f.Path)); fileExists(path) {
			return nil, fmt.Errorf("%s %w; choose another folder or remove it", path, ErrExists)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, f := range all {
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := writeFile(path, func(w io.Writer) error { _, err := w.Write(f.Data); return err }); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// fileExists reports whether something is at path.
func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
