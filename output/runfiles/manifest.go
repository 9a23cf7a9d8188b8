package runfiles

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"time"

	"vaxsim/sim"
)

// Manifest is the content of manifest.json: how a run was made. It is the
// only file of a result folder that may differ between two runs of the
// same scenario, seed and replications.
type Manifest struct {
	Version      string    `json:"version"`       // vaxsim version
	GoVersion    string    `json:"go_version"`    // runtime.Version() of the binary
	Scenario     string    `json:"scenario"`      // scenario name
	Source       string    `json:"source"`        // where the scenario came from: a file path or a bundled name
	Description  string    `json:"description"`   // the scenario's description, one line for people
	Overrides    []string  `json:"overrides"`     // the --set overrides, key=value, in order
	Command      string    `json:"command"`       // the command line that reproduces the run
	Seed         uint64    `json:"seed"`          // master seed
	Replications int       `json:"replications"`  // number of replications
	StreamScheme string    `json:"stream_scheme"` // derivation of random streams from (seed, replication, name)
	Events       int64     `json:"events"`        // events run, all replications together
	Reps         []RepInfo `json:"reps"`          // per replication, in order
	// Warnings are caveats about the run: those of the replications
	// (see [NewManifest]) and any the caller adds.
	Warnings []string  `json:"warnings"`
	Start    time.Time `json:"start"` // when the run started
	// ScenarioTOML is the resolved scenario as TOML, after defaults and
	// --set overrides: running it again reproduces the run.
	ScenarioTOML string `json:"scenario_toml"`
	// Files holds the SHA-256 (hexadecimal) of each data file of the
	// folder, by name: readers check that the files they read are these.
	Files map[string]string `json:"files,omitempty"`
	// Elapsed is the wall time taken (written last).
	Elapsed Duration `json:"elapsed"`
}

// RepInfo describes one replication.
type RepInfo struct {
	Rep      int      `json:"rep"`
	Seed     uint64   `json:"seed"`   // master seed; streams derive from (seed, rep, name)
	Events   int64    `json:"events"` // events run
	Warnings []string `json:"warnings,omitempty"`
}

// NewManifest returns a manifest holding what results tell: the Go
// version, scenario name, master seed (of the first result), number of
// replications, events and, per replication, its seed, events and
// warnings. Manifest.Warnings lists each distinct replication warning
// once, in order of first appearance, followed by the replications it
// appeared in, runs of consecutive replications shortened as in
// "(replications 0-3, 7)". The caller sets Version, Source, StreamScheme, Start,
// Elapsed and ScenarioTOML. NewManifest panics if a result is nil.
func NewManifest(results []*sim.Result) *Manifest {
	m := &Manifest{GoVersion: runtime.Version(), Replications: len(results), Reps: []RepInfo{}, Warnings: []string{}}
	if len(results) > 0 {
		m.Scenario, m.Seed = results[0].Scenario, results[0].Seed
	}
	var order []string
	in := map[string][]int{} // the replications each warning appeared in
	for _, r := range results {
		m.Events += r.Events
		m.Reps = append(m.Reps, RepInfo{Rep: r.Rep, Seed: r.Seed, Events: r.Events, Warnings: r.Warnings})
		for _, w := range r.Warnings {
			reps, seen := in[w]
			if !seen {
				order = append(order, w)
			}
			if len(reps) == 0 || reps[len(reps)-1] != r.Rep {
				in[w] = append(reps, r.Rep)
			}
		}
	}
	for _, w := range order {
		label := "replication "
		if len(in[w]) > 1 {
			label = "replications "
		}
		m.Warnings = append(m.Warnings, w+" ("+label+Spans(in[w])+")")
	}
	return m
}

// Spans writes increasing integers with runs shortened: 0-3, 7.
func Spans(xs []int) string {
	var parts []string
	for i := 0; i < len(xs); {
		j := i
		for j+1 < len(xs) && xs[j+1] == xs[j]+1 {
			j++
		}
		part := strconv.Itoa(xs[i])
		if j > i {
			part += "-" + strconv.Itoa(xs[j])
		}
		parts = append(parts, part)
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// Duration is a time.Duration written in JSON as a duration string such
// as "1.5s".
type Duration time.Duration

// String returns the duration as time.Duration writes it.
func (d Duration) String() string { return time.Duration(d).String() }

// MarshalJSON writes d as a duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads a duration string; an empty string leaves d alone.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("elapsed: %w", err)
	}
	if s == "" {
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("elapsed: %w", err)
	}
	*d = Duration(v)
	return nil
}

// WriteManifest writes m as indented JSON.
// Empty lists are written as [], not null.
func WriteManifest(w io.Writer, m *Manifest) error {
	c := *m
	if c.Overrides == nil {
		c.Overrides = []string{}
	}
	if c.Reps == nil {
		c.Reps = []RepInfo{}
	}
	if c.Warnings == nil {
		c.Warnings = []string{}
	}
	return WriteJSON(w, &c)
}

// WriteJSON writes v as indented JSON and a newline.
func WriteJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ReadManifest reads a manifest.json written by [WriteManifest].
func ReadManifest(r io.Reader) (*Manifest, error) { return ReadJSON[Manifest](r) }

// ReadJSON decodes a manifest of type T.
func ReadJSON[T any](r io.Reader) (*T, error) {
	m := new(T)
	if err := json.NewDecoder(r).Decode(m); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	return m, nil
}
