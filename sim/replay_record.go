package sim

import (
	"cmp"
	"slices"

	"vaxsim/sim/des"
)

// Recording is what one replication saw, as plain data: replaying its
// Attempts, Walkins, Outages and Deliveries in the same scenario (with
// the logged cohorts replayed, random outages off and the shipments
// replaced) on the same seed and replication gives the same results.
type Recording struct {
	// Attempts are every booking attempt, in the order made, with the
	// portal's answer (Site and Slot of a booking, or of a lost one).
	Attempts []Attempt
	// Walkins are every walk-in who arrived at a site (those turned away
	// at the door included), in the order they came.
	Walkins []Arrival
	// Outages are the portal's outage timeline: scheduled and random
	// outages merged (where they overlap, the more severe mode wins), in
	// time order.
	Outages []Outage
	// Deliveries are the deliveries that arrived in the run, in time
	// order (a delivery due before the simulation starts arrives at its
	// start), to a site or to a depot.
	Deliveries []Delivery
}

// recordAttempt records a booking attempt made now.
func (m *model) recordAttempt(c *cohort, failures int, out Outcome, site int, slot des.Time) {
	a := Attempt{At: m.env.Now(), Slot: AnySlot, Cohort: int32(c.i), Site: -1, Failures: int32(failures), Outcome: out}
	if out == OutcomeBooked || out == OutcomeLost {
		a.Site, a.Slot = int32(site), slot
	}
	m.rec.Attempts = append(m.rec.Attempts, a)
}

// recordWalkin records a walk-in of cohort c arriving at site s now.
func (m *model) recordWalkin(c *cohort, s *site) {
	m.rec.Walkins = append(m.rec.Walkins, Arrival{At: m.env.Now(), Site: int32(s.i), Cohort: int32(c.i)})
}

// finishRecording adds the outages and deliveries to the recording and
// returns it.
func (m *model) finishRecording() *Recording {
	rec := m.rec
	names := map[modeKind]OutageMode{modeDown: Down, modeDegraded: Degraded, modeLost: Lost}
	for _, s := range m.out.segs {
		rec.Outages = append(rec.Outages, Outage{Start: s.start, End: s.end,
			Mode: names[s.mode.kind], Success: s.mode.success, ShowUp: s.mode.showUp})
	}
	for _, d := range m.sc.Deliveries {
		if at := max(d.At, m.start); at < m.horizon {
			d.At = at
			rec.Deliveries = append(rec.Deliveries, d)
		}
	}
	slices.SortStableFunc(rec.Deliveries, func(a, b Delivery) int { return cmp.Compare(a.At, b.At) })
	return rec
}
