package sim

import "vaxsim/sim/des"

// stock is one site's doses of one product: sealed doses and at most one
// punctured vial shared by the site's stations. Every dose received is, at
// every instant, administered, wasted or on hand (sealed or in the open
// vial); check verifies it.
type stock struct {
	dosesPerVial int64
	vialLife     des.Time // 0: an open vial never lapses
	unlimited    bool

	sealed   int64
	open     int64    // doses left in the punctured vial
	openedAt des.Time // when the vial was punctured
	vialSeq  int64    // counts punctures; stale lapse events carry an old one

	received, administered, wasted int64
}

func newStock(p Product, initial int64, unlimited bool) stock {
	return stock{dosesPerVial: int64(p.DosesPerVial), vialLife: p.OpenVialLife,
		unlimited: unlimited, sealed: initial, received: initial}
}

// receive adds n sealed doses (a delivery).
func (s *stock) receive(n int64) {
	s.sealed += n
	s.received += n
}

// onHand returns the doses held, sealed and open.
func (s *stock) onHand() int64 { return s.sealed + s.open }

// take draws one dose for a person at a station. It reports whether a
// dose was there and whether a vial was punctured for it (the caller then
// schedules the vial's lapse).
func (s *stock) take(now des.Time) (ok, punctured bool) {
	if s.unlimited {
		s.received++
		s.administered++
		return true, false
	}
	if s.open == 0 {
		if s.sealed == 0 {
			return false, false
		}
		n := min(s.dosesPerVial, s.sealed)
		s.sealed -= n
		s.open = n
		s.openedAt = now
		s.vialSeq++
		punctured = s.vialLife > 0
	}
	s.open--
	s.administered++
	return true, punctured
}

// giveLeftover administers up to n doses left in the open vial (standby)
// and returns how many were given.
func (s *stock) giveLeftover(n int64) int64 {
	g := min(n, s.open)
	s.open -= g
	s.administered += g
	return g
}

// discardOpen wastes the open vial's leftover doses and returns how many.
func (s *stock) discardOpen() int64 {
	w := s.open
	s.open = 0
	s.wasted += w
	return w
}

// lapse discards the open vial if it is still the one punctured as seq.
func (s *stock) lapse(seq int64) int64 {
	if seq != s.vialSeq {
		return 0
	}
	return s.discardOpen()
}

// balanced reports whether received = administered + wasted + on hand.
func (s *stock) balanced() bool {
	return s.received == s.administered+s.wasted+s.onHand() &&
		s.sealed >= 0 && s.open >= 0
}
