package sweep

import (
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"vaxsim/output/sweepfiles"
	"vaxsim/scenarios"
	"vaxsim/sim"
)

// Define checks the options o, resolves the base scenario and every point
// of the grid, and returns the sweep's definition (what sweep.json holds)
// and the scenario of each point of this process's shard (o.Shard of
// o.Shards), indexed by point id, nil for the others. Nothing is run or
// written. An invalid point is an *InputError naming the first such
// point and its problems.
func Define(o *Options) (*sweepfiles.Sweep, []*sim.Scenario, error) {
	def, scs, _, err := define(o)
	return def, scs, err
}

// define is Define, also returning the base scenario's description.
func define(o *Options) (*sweepfiles.Sweep, []*sim.Scenario, string, error) {
	if o.Reps < 1 || o.Reps > MaxReps {
		return nil, nil, "", inputf("sweep: --reps must be between 1 and %d, not %d", MaxReps, o.Reps)
	}
	params := make([]sweepfiles.Param, 0, len(o.Vary))
	for _, arg := range o.Vary {
		v, err := scenarios.ParseVary(arg)
		if err != nil {
			return nil, nil, "", inputf("sweep: %v", err)
		}
		params = append(params, sweepfiles.Param{Key: v.Key, Spec: v.Spec, Values: v.Values, Plain: v.Plain})
	}
	grid, err := sweepfiles.NewGrid(params)
	if err != nil {
		return nil, nil, "", inputf("sweep: %v", err)
	}
	for _, s := range o.Sets {
		key, _, _ := strings.Cut(s, "=")
		if key = strings.TrimSpace(key); slices.Contains(grid.Keys(), key) {
			return nil, nil, "", inputf("sweep: %s is both set (--set %s) and varied; drop one", key, s)
		}
	}
	base, err := scenarios.Resolve(o.Source, o.Sets)
	if err != nil {
		return nil, nil, "", &InputError{err}
	}
	def := &sweepfiles.Sweep{
		Version:      o.Version,
		Scenario:     base.Scenario.Name,
		Source:       base.Source,
		Sets:         o.Sets,
		Vary:         grid.Params,
		Points:       grid.Len(),
		Replications: o.Reps,
		Seed:         o.Seed,
		CRN:          !o.NoCRN,
		StreamScheme: o.StreamScheme,
		ScenarioTOML: string(base.Resolved),
	}
	if o.NoCRN {
		def.PointSeedScheme = sweepfiles.PointSeedScheme
	}
	scs, err := resolvePoints(o.Source, o.Sets, grid, shardPoints(grid.Len(), o.Shard, max(o.Shards, 1)))
	if err != nil {
		return nil, nil, "", err
	}
	return def, scs, base.Scenario.Description, nil
}

// resolvePoints resolves every point of the grid g, on all cores, from
// the base scenario source with sets, and returns the scenarios of the
// points keep, indexed by point id. If any point is invalid, it returns
// an *InputError naming the first and its problems.
func resolvePoints(source string, sets []string, g *sweepfiles.Grid, keep []int) ([]*sim.Scenario, error) {
	n := g.Len()
	scs := make([]*sim.Scenario, n)
	kept := make([]bool, n)
	for _, id := range keep {
		kept[id] = true
	}
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for {
				id := int(next.Add(1) - 1)
				if id >= n {
					return
				}
				f, err := scenarios.Resolve(source, append(sets[:len(sets):len(sets)], g.Sets(id)...))
				if err != nil {
					errs[id] = err
				} else if kept[id] {
					scs[id] = f.Scenario
				}
			}
		})
	}
	wg.Wait()
	bad, first := 0, -1
	for id, err := range errs {
		if err != nil {
			if first < 0 {
				first = id
			}
			bad++
		}
	}
	if bad == 0 {
		return scs, nil
	}
	return nil, inputf("sweep: %d of %d points are invalid; nothing was run. The first, point %d (%s):\n%s",
		bad, n, first, strings.Join(g.Sets(first), " "), pointError(errs[first], g.Sets(first)))
}

// pointError returns the text of a point's scenario error, naming the
// point's values as --vary values rather than as the --set arguments
// they were applied as.
func pointError(err error, sets []string) string {
	var list scenarios.ErrorList
	if !errors.As(err, &list) {
		return err.Error()
	}
	lines := make([]string, len(list))
	for i, e := range list {
		lines[i] = e.Error()
		if slices.Contains(sets, e.Set) {
			lines[i] = "--vary value " + strings.TrimPrefix(lines[i], "--set ")
		}
	}
	return strings.Join(lines, "\n")
}
