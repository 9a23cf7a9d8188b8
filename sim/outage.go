package sim

import (
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
	var cuts []des.Time
	for _, w := range ws {
		cuts = append(cuts, w.start, w.end)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var o outages
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		var mode portalMode
		for _, w := range ws {
			if w.start <= a && b <= w.end {
				mode = worse(mode, w.mode)
			}
		}
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
