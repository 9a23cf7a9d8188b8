package sweep

import (
	"context"
	"fmt"
	"io"
	"vaxsim/scenarios"
)

// MaxReps is the most replications per point.
const MaxReps = 100_000

// Options define a sweep and how this process runs it. The zero value of
// each field but Source, Vary and Reps is a sensible default.
type Options struct {
	// Source names the base scenario: a TOML file or a bundled name.
	Source string
	// Sets override fields of the base scenario: "key=value", the value
	// in TOML syntax.
	Sets []string
	// Vary are the varied keys and their values, as --vary takes them:
	// "key=v1,v2,...", "key=lo:hi:step" or "key=log:lo:hi:n" (see
	// scenarios.ParseVary). The first varies slowest.
	Vary []string
	// Reps is the number of replications per point (1 to MaxReps).
	Reps int
	// Seed is the master seed.
	Seed uint64
	// NoCRN gives each point a seed of its own instead of the same seed
	// at every point (common random numbers).
	NoCRN bool
	// Shard and Shards select the points this process runs: those whose
	// id is Shard modulo Shards. Shards 0 means 1: every point.
	Shard, Shards int
	// Resume goes on with a sweep already started in Dir: points whose
	// part files are complete are not run again. Without it such points
	// are an error.
	Resume bool
	// Dir is the sweep's folder; empty means DefaultDir.
	Dir string
	// Workers is the number of replications run at once; 0 means
	// runtime.GOMAXPROCS(0). The files do not depend on it.
	Workers int
	// NoPlots leaves out the sweep's plots.
	NoPlots bool
	// Version is the vaxsim version written into the folder's files.
	Version string
	// StreamScheme describes the derivation of random streams, written
	// into sweep.json.
	StreamScheme string
	// Log receives progress messages and warnings, one per line; nil
	// discards them.
	Log io.Writer
	// Progress, if set, is called with the replications done and the
	// total to run: once with done 0 before the first, then after each.
	// It is called from the workers, one call at a time.
	Progress func(done, total int)
}

// InputError is an error caused by the sweep's input or folder: a bad
// option or value, a folder that holds another sweep, an incomplete
// merge. Nothing was run or written.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// inputf returns an *InputError with the message.
func inputf(format string, args ...any) error {
	return &InputError{fmt.Errorf(format, args...)}
}

// interrupted is the error of a sweep stopped by its context: its text
// says how to go on, and it wraps context.Canceled.
type interrupted struct{ msg string }

func (e *interrupted) Error() string { return e.msg }
func (e *interrupted) Unwrap() error { return context.Canceled }

// logf writes a line to o.Log, if set.
func (o *Options) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

// FromFile sets o from the sweep file spec (scenarios.LoadSweep): the
// base scenario, the file's sets and varied keys before o's, and its
// replications, seed and common random numbers unless given(setting)
// says the caller set them itself ("reps", "seed", "crn").
func (o *Options) FromFile(spec *scenarios.SweepSpec, given func(setting string) bool) {
	o.Source = spec.Scenario
	o.Sets = append(spec.Sets[:len(spec.Sets):len(spec.Sets)], o.Sets...)
	var vary []string
	for _, v := range spec.Vary {
		vary = append(vary, v.Key+"="+v.Spec)
	}
	o.Vary = append(vary, o.Vary...)
	if spec.Reps != nil && !given("reps") {
		o.Reps = *spec.Reps
	}
	if spec.Seed != nil && !given("seed") {
		o.Seed = *spec.Seed
	}
	if spec.CRN != nil && !given("crn") {
		o.NoCRN = !*spec.CRN
	}
}
