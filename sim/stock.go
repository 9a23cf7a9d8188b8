package sim

import "vaxsim/sim/des"

// lot is doses delivered together, which expire together.
type lot struct {
	expires des.Time // des.Never when the product does not expire
	n       int64
}

// lotQueue holds sealed doses in lots, oldest first. Deliveries of one
// product arrive in time order and share a shelf life, so the oldest lot
// is also the first to expire.
type lotQueue struct {
	q     []lot
	head  int
	total int64
}

func (l *lotQueue) push(expires des.Time, n int64) {
	if n <= 0 {
		return
	}
	if l.head > 32 && l.head*2 > len(l.q) { // reclaim the used front
		l.q = append(l.q[:0], l.q[l.head:]...)
		l.head = 0
	}
	l.q = append(l.q, lot{expires, n})
	l.total += n
}

// take removes up to n doses from the oldest lots and returns how many.
func (l *lotQueue) take(n int64) int64 {
	var got int64
	for got < n && l.head < len(l.q) {
		f := &l.q[l.head]
		k := min(n-got, f.n)
		f.n -= k
		got += k
		if f.n == 0 {
			l.head++
		}
	}
	l.total -= got
	return got
}

// expire removes the lots expired at now and returns their doses.
func (l *lotQueue) expire(now des.Time) int64 {
	var gone int64
	for l.head < len(l.q) && l.q[l.head].expires <= now {
		gone += l.q[l.head].n
		l.head++
	}
	l.total -= gone
	return gone
}

// stock is one site's doses of one product: sealed doses in lots and at
// most one punctured vial shared by the site's stations. Held-back doses
// are an earmark on the count, not separate vials: a first dose may be
// given only while more doses are on hand than are held back, and each
// second dose releases one earmark. At every instant every dose received
// is administered, wasted (an open vial lapsed or closed, or a sealed
// dose expired) or on hand; balanced verifies it.
type stock struct {
	dosesPerVial int64
	vialLife     des.Time // 0: an open vial never lapses
	shelfLife    des.Time // 0: sealed doses never expire
	unlimited    bool

	sealed   lotQueue
	open     int64    // doses left in the punctured vial
	reserved int64    // doses on hand held back for second doses
	lapsesAt des.Time // when the open vial lapses
	// lapseDue is true while a lapse event of this stock is scheduled:
	// there is at most one, aimed at the open vial of the time it was
	// scheduled, and moved on to the vial then open when it comes early.
	lapseDue bool

	received, administered    int64
	wastedOpen, wastedExpired int64
}

func newStock(p Product, unlimited bool) stock {
	return stock{dosesPerVial: int64(p.DosesPerVial), vialLife: p.OpenVialLife,
		shelfLife: p.ShelfLife, unlimited: unlimited}
}

// receive adds a delivery of n doses at now, holding back reserved of
// them for second doses.
func (s *stock) receive(now des.Time, n, reserved int64) {
	exp := des.Never
	if s.shelfLife > 0 {
		exp = now + s.shelfLife
	}
	s.sealed.push(exp, n)
	s.received += n
	s.reserved += reserved
}

// onHand returns the doses held, sealed and open.
func (s *stock) onHand() int64 { return s.sealed.total + s.open }

func (s *stock) wasted() int64 { return s.wastedOpen + s.wastedExpired }

// clamp keeps the earmark within the doses on hand after a loss.
func (s *stock) clamp() { s.reserved = min(s.reserved, s.onHand()) }

// expire discards the sealed doses whose shelf life has ended by now.
func (s *stock) expire(now des.Time) {
	if s.shelfLife > 0 {
		s.wastedExpired += s.sealed.expire(now)
		s.clamp()
	}
}

// take draws one dose for a person at a station: a first dose only from
// the doses not held back, a second dose from any. It reports whether a
// dose was there and whether a lapse event must be scheduled for a vial
// punctured for it (at lapsesAt).
func (s *stock) take(now des.Time, dose2 bool) (ok, punctured bool) {
	if s.unlimited {
		s.received++
		s.administered++
		return true, false
	}
	s.expire(now)
	if !dose2 && s.onHand() <= s.reserved {
		return false, false
	}
	if s.open == 0 {
		n := s.sealed.take(s.dosesPerVial)
		if n == 0 {
			return false, false
		}
		s.open = n
		if s.vialLife > 0 {
			s.lapsesAt = now + s.vialLife
			punctured = !s.lapseDue
			s.lapseDue = true
		}
	}
	s.open--
	s.administered++
	if dose2 && s.reserved > 0 {
		s.reserved--
	}
	return true, punctured
}

// giveLeftover administers up to n doses left in the open vial beyond
// those held back (standby) and returns how many were given.
func (s *stock) giveLeftover(n int64) int64 {
	g := max(0, min(n, s.open, s.onHand()-s.reserved))
	s.open -= g
	s.administered += g
	return g
}

// discardOpen wastes the open vial's leftover doses.
func (s *stock) discardOpen() {
	s.wastedOpen += s.open
	s.open = 0
	s.clamp()
}

// lapse handles the stock's lapse event at now: it discards the open
// vial if it lapses now, and reports whether the event must be scheduled
// again, at lapsesAt, for a vial punctured since.
func (s *stock) lapse(now des.Time) (again bool) {
	s.lapseDue = false
	switch {
	case s.open == 0:
		return false
	case s.lapsesAt <= now:
		s.discardOpen()
		return false
	}
	s.lapseDue = true
	return true
}

// balanced reports whether received = administered + wasted + on hand,
// with no count negative and the earmark within the stock.
func (s *stock) balanced() bool {
	return s.received == s.administered+s.wasted()+s.onHand() &&
		s.sealed.total >= 0 && s.open >= 0 && s.reserved >= 0 && s.reserved <= s.onHand()
}
