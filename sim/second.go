package sim

import "vaxsim/sim/des"

// dueSecond takes person pi, just given a first dose of a two-dose
// product, to their second: a missed one (by the policy's probability)
// counts on the due day; otherwise an appointment is made at the same
// site for the due day, outside the portal.
func (m *model) dueSecond(pi int32) {
	p := &m.people.recs[pi]
	c := m.cohorts[p.cohort]
	s := m.sites[p.site]
	prod := &m.sc.Products[p.product]
	m.move(p, stDose2Due)
	p.kind = visitDose2
	p.req = des.NoReq
	due := int(p.dose1Day) + prod.IntervalDays
	if c.second.Float64() < m.sc.SecondDoses.Miss {
		if due < m.sc.Days {
			s.plans[due].missed2++
		}
		m.leave(pi, stMissed)
		return
	}
	m.scheduleSecond(pi, due)
}

// rescheduleSecond sends person pi, due a second dose and turned away or
// refused today, to the next open day.
func (m *model) rescheduleSecond(pi int32) {
	p := &m.people.recs[pi]
	m.move(p, stDose2Due)
	p.waiting = false
	p.req = des.NoReq
	m.scheduleSecond(pi, m.today()+1)
}

// scheduleSecond books person pi's second dose on the first day from day
// on which their site is open, at the slot of the time of day of their
// first dose, within the product's window. Past the window the dose is
// missed (counted on the window's last day). A day beyond the simulated
// ones leaves the person due, with nothing scheduled.
func (m *model) scheduleSecond(pi int32, day int) {
	p := &m.people.recs[pi]
	s := m.sites[p.site]
	last := int(p.dose1Day) + m.sc.Products[p.product].MissedAfterDays
	for d := max(day, 0); ; d++ {
		if d > last {
			if last < m.sc.Days {
				s.plans[last].missed2++
			}
			m.leave(pi, stMissed)
			return
		}
		if d >= len(s.plans) || des.Time(d)*des.Day >= m.horizon {
			return // due after the horizon
		}
		plan := &s.plans[d]
		if !plan.hours.IsOpen() {
			continue
		}
		at := des.Time(d)*des.Day + min(max(p.dose1At, plan.hours.Open), plan.hours.Close-1)
		if plan.n > 0 {
			k := min(max(int32((at-plan.first)/plan.slotLen), 0), plan.n-1)
			plan.book(k)
			at = plan.slotAt(k)
		} else {
			plan.nBooked++
		}
		plan.dose2++
		at += des.FromMillis(s.cfg.Punctuality.Sample(s.punct))
		m.env.At(max(at, m.env.Now()), prArrive, m.hArrive, ref(pi, p.token))
		return
	}
}
