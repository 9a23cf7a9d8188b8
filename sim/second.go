package sim

import "vaxsim/sim/des"

// dueSecond takes person pi, just given a first dose of a two-dose
// product, to their second: a missed one (by the policy's probability)
// counts on the due day; otherwise an appointment is made at the same
// site for the due day, outside the portal.
func (m *model) dueSecond(pi int32) {
	p := m.people.at(pi)
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

// rescheduleSecond sends person pi, due a second dose and turned away at
// closing today, to the next open day.
func (m *model) rescheduleSecond(pi int32) {
	p := m.people.at(pi)
	m.move(p, stDose2Due)
	p.waiting = false
	p.req = des.NoReq
	m.scheduleSecond(pi, m.today()+1)
}

// awaitSupply puts person pi, refused a second dose for lack of one, on
// their site's list for the product: the site books them again when a
// delivery of it arrives, as sites rescheduled second doses when supply
// ran out (P22).
func (m *model) awaitSupply(pi int32) {
	p := m.people.at(pi)
	m.move(p, stDose2Due)
	p.waiting = false
	p.req = des.NoReq
	s := m.sites[p.site]
	s.await[p.product] = append(s.await[p.product], pi)
}

// supplied books again the people waiting at site s for product, after
// a delivery of it.
func (m *model) supplied(s *site, product int) {
	list := s.await[product]
	s.await[product] = nil
	for _, pi := range list {
		m.scheduleSecond(pi, m.today())
	}
}

// expireAwaiting counts as missed the people waiting for supply whose
// window ends with day d.
func (m *model) expireAwaiting(s *site, d int) {
	for k, list := range s.await {
		kept := list[:0]
		for _, pi := range list {
			p := m.people.at(pi)
			last := int(p.dose1Day) + m.sc.Products[p.product].MissedAfterDays
			if d < last {
				kept = append(kept, pi)
				continue
			}
			if last < m.sc.Days {
				s.plans[max(last, 0)].missed2++
			}
			m.leave(pi, stMissed)
		}
		s.await[k] = kept
	}
}

// scheduleSecond books person pi's second dose at their site on the first
// open day from day on with a free slot: the slot of the time of day of
// their first dose if it has room, else the next one with room that day
// (then the earlier ones). Past the product's window the dose is missed
// (counted on the window's last day). A day beyond the simulated ones
// leaves the person due, with nothing scheduled.
func (m *model) scheduleSecond(pi int32, day int) {
	p := m.people.at(pi)
	s := m.sites[p.site]
	now := m.env.Now()
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
			k, ok := plan.freeSlot(min(max(int32((at-plan.first)/plan.slotLen), 0), plan.n-1), now)
			if !ok { // the day's earlier slots
				k, ok = plan.freeSlot(0, now)
			}
			if !ok {
				continue
			}
			plan.book(k)
			at = plan.slotAt(k)
		} else {
			if at < now {
				continue
			}
			plan.nBooked++
		}
		plan.dose2++
		at = max(at+offset(s.cfg.Punctuality.Sample(s.punct)), now)
		m.arriveOn(s, d, at, personRef{pi, p.token})
		return
	}
}
