package sim

import (
	"math/rand/v2"

	"vaxsim/sim/des"
)

// stage is one step of the flow through a site: a pool of stations, with
// its line, and the time a person spends at one. A site is an ordered
// list of stages. Today every site has one, the stage that gives the
// dose, made from the site's Stations and Service.
type stage struct {
	pool    *des.Resource
	service Dist
	r       *rand.Rand // service times

	// The stage is measured while its site is open: mark holds the
	// integrals at the last opening (or midnight), open their sums over
	// the open part of the day so far.
	mark, open integrals
}

// integrals are the integrals over time of a stage's busy stations, of
// its stations (its capacity) and of its line, in station·ms and
// person·ms.
type integrals struct{ busy, capacity, line float64 }

// newStage returns a stage of the given stations and service, its service
// times drawn from stream, in the memory of pool if not nil.
func (m *model) newStage(stations int, service Dist, stream string, pool *des.Resource) stage {
	if pool != nil {
		pool.Reset(stations, m.start)
	} else {
		pool = des.NewResource(stations, m.start)
	}
	return stage{pool: pool, service: service, r: m.env.Stream(stream)}
}

// integrals returns the stage's integrals from the start to now.
func (st *stage) integrals(now des.Time) integrals {
	p := st.pool
	return integrals{p.Busy.Integral(now), p.Servers.Integral(now), p.Waiting.Integral(now)}
}

// markOpen starts measuring the stage at now, as its site opens.
func (st *stage) markOpen(now des.Time) { st.mark = st.integrals(now) }

// measureOpen adds the integrals since the mark to the open sums and
// moves the mark to now.
func (st *stage) measureOpen(now des.Time) {
	cur := st.integrals(now)
	st.open.busy += cur.busy - st.mark.busy
	st.open.capacity += cur.capacity - st.mark.capacity
	st.open.line += cur.line - st.mark.line
	st.mark = cur
}

// serviceTime draws the time of one service at the stage.
func (st *stage) serviceTime() des.Time {
	return duration(st.service.Sample(st.r))
}

// idle reports whether nobody is in the stage's line or at its stations.
func (st *stage) idle() bool { return st.pool.Len() == 0 && st.pool.InUse() == 0 }
