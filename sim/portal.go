package sim

import "vaxsim/sim/des"

// tryBook is the portal's answer to a booking attempt made now by someone
// of cohort c, with failures earlier failures, who has left their pool:
// an outage or no free slot fails it, else a slot is booked (or lost).
// It books the earliest free slot at any site the cohort accepts when
// site is -1, else, for a recorded attempt, the slot asked for at that
// site (findSlotAt). It returns the outcome and the slot's site and start.
func (m *model) tryBook(c *cohort, failures, site int, want des.Time) (out Outcome, s int, slotAt des.Time) {
	now := m.env.Now()
	mode := m.out.at(now)
	switch {
	case mode.kind == modeDown,
		mode.kind == modeDegraded && c.outcome.Float64() >= mode.success:
		m.failAttempt(c, failures)
		return OutcomeOutage, -1, AnySlot
	}
	if now < c.noSlotUntil {
		m.failAttempt(c, failures)
		return OutcomeNoSlot, -1, AnySlot
	}
	var d int
	var k int32
	var ok bool
	if site >= 0 {
		s, d, k, ok = m.findSlotAt(site, want, now)
	} else if s, d, k, ok = m.findSlot(c, now); !ok {
		// Booked slots never free up and caps change only at releases:
		// until the next release every search fails the same way.
		c.noSlotUntil = m.releaseTime(m.releasedThrough(now) + 1)
	}
	if !ok {
		m.failAttempt(c, failures)
		return OutcomeNoSlot, -1, AnySlot
	}
	st := m.sites[s]
	p := &st.plans[d]
	slotAt = p.slotAt(k)
	if mode.kind == modeLost {
		p.lost++
		if c.outcome.Float64() < mode.showUp {
			m.appointment(c, st, slotAt, visitLost)
		} else {
			c.n[stLostAway]++
		}
		return OutcomeLost, s, slotAt
	}
	p.book(k)
	p.first1++
	if c.noshow.Float64() < c.cfg.NoShow {
		p.noShows++
		c.n[stNoShow]++
		return OutcomeBooked, s, slotAt
	}
	m.appointment(c, st, slotAt, visitAppointment)
	return OutcomeBooked, s, slotAt
}

// failAttempt counts a failed attempt by someone who had failed failures
// times before: they retry or give up.
func (m *model) failAttempt(c *cohort, failures int) {
	m.failed++
	failures++
	if c.givesUp(failures) {
		m.gaveUp++
		c.n[stGaveUp]++
		return
	}
	b := min(failures-1, len(c.retry)-1)
	c.retry[b]++
	c.n[stRetrying]++
}

// appointment makes a record for someone coming to a slot at slotAt.
func (m *model) appointment(c *cohort, s *site, slotAt des.Time, kind uint8) {
	c.n[stBooked]++
	pi := m.people.alloc(c.i, s.i, kind, stBooked)
	at := slotAt + offset(s.cfg.Punctuality.Sample(s.punct))
	d, _ := des.DayOf(slotAt)
	m.arriveOn(s, d, max(at, m.env.Now()), personRef{pi, m.people.at(pi).token})
}

// findSlot finds the earliest free slot, at least the portal's notice
// ahead and already released, at a site the cohort accepts (each site's
// firstFree); ties go to the site listed first.
func (m *model) findSlot(c *cohort, now des.Time) (site, day int, slot int32, ok bool) {
	earliest, first, last := m.bookingDays(now)
	best := des.Never
	for _, si := range c.sites {
		s := m.sites[si]
		if d, k, found := s.firstFree(first, last, earliest); found {
			if at := s.plans[d].slotAt(k); at < best {
				best, site, day, slot, ok = at, si, d, k, true
			}
		}
	}
	return
}

// bookingDays returns the first instant a booking made now may take, at
// least the portal's notice ahead, and the first and last days whose
// slots it may book (the last released).
func (m *model) bookingDays(now des.Time) (earliest des.Time, first, last int) {
	earliest = now + m.sc.Portal.Notice
	first, _ = des.DayOf(earliest)
	return earliest, first, min(m.releasedThrough(now), m.nPlan-1)
}
