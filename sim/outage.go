package sim

import (
	"cmp"
	"math/rand/v2"
	"slices"

	"vaxsim/sim/des"
)

// modeKind is the portal's state; a higher kind is more severe and wins
// where outages overlap.
type modeKind uint8

const (
	modeUp modeKind = iota
	modeDegraded
	modeLost
	modeDown
)

type portalMode struct {
	kind    modeKind
	success float64 // degraded
	showUp  float64 // lost
}

type segment struct {
	start, end des.Time
	mode       portalMode
}

// outages is the portal's timeline: non-overlapping segments in time
// order, looked up with a cursor since time only moves on.
type outages struct {
	segs []segment
	cur  int
}

func kindOf(m OutageMode) modeKind {
	switch m {
	case Down:
		return modeDown
	case Lost:
		return modeLost
	}
	return modeDegraded
}

// buildOutages merges the scheduled outages and the random ones drawn
// from r over [from, to) into segments.
func buildOutages(p Portal, r *rand.Rand, from, to des.Time) outages {
	var ws []segment
	for _, o := range p.Outages {
		ws = append(ws, segment{o.Start, o.End, portalMode{kindOf(o.Mode), o.Success, o.ShowUp}})
	}
	if ro := p.Random; ro.Enabled && ro.MTBF > 0 {
		t := from
		for {
			t += expo(r, ro.MTBF)
			if t >= to {
				break
			}
			d := max(duration(ro.Repair.Sample(r)), 1)
			ws = append(ws, segment{t, t + d, portalMode{kindOf(ro.Mode), ro.Success, ro.ShowUp}})
			t += d
		}
	}
	return mergeOutages(ws)
}

// mergeOutages cuts windows that may overlap into segments that do not:
// on each piece between two consecutive window ends, the worst mode of
// the windows covering it, folded in the order of ws. It sweeps the
// pieces in time order with the set of windows covering the current one,
// so its work grows with the windows times the largest overlap, not the
// square of the windows (random outages every minute of ten years are
// five million windows).
func mergeOutages(ws []segment) outages {
	var cuts []des.Time
	for _, w := range ws {
		cuts = append(cuts, w.start, w.end)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	byStart := make([]int, len(ws))
	for i := range byStart {
		byStart[i] = i
	}
	slices.SortStableFunc(byStart, func(i, j int) int { return cmp.Compare(ws[i].start, ws[j].start) })
	var active []int // indices into ws of the windows covering the piece, increasing
	next := 0
	var o outages
	for i := 0; i+1 < len(cuts); i++ {
		a := cuts[i]
		for ; next < len(byStart) && ws[byStart[next]].start <= a; next++ {
			k := byStart[next]
			at, _ := slices.BinarySearch(active, k)
			active = slices.Insert(active, at, k)
		}
		// A window covers [a, b) when it starts by a and ends after a:
		// its end is a cut, so it is b or later.
		active = slices.DeleteFunc(active, func(k int) bool { return ws[k].end <= a })
		var mode portalMode
		for _, k := range active {
			mode = worse(mode, ws[k].mode)
		}
		b := cuts[i+1]
		if mode.kind != modeUp {
			o.segs = append(o.segs, segment{a, b, mode})
		}
	}
	return o
}

func worse(a, b portalMode) portalMode {
	switch {
	case b.kind > a.kind:
		return b
	case b.kind == a.kind && b.kind == modeDegraded && b.success < a.success:
		return b
	}
	return a
}

// at returns the portal's mode at t; t must not go back in time between
// calls.
func (o *outages) at(t des.Time) portalMode {
	for o.cur < len(o.segs) && o.segs[o.cur].end <= t {
		o.cur++
	}
	if o.cur < len(o.segs) && o.segs[o.cur].start <= t {
		return o.segs[o.cur].mode
	}
	return portalMode{}
}
