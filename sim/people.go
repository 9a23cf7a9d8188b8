package sim

import "vaxsim/sim/des"

// A person's state, for the accounting of everyone in a cohort. People in
// pools are counts; only the states marked "object" have a record in the
// person store.
type pstate uint8

const (
	stUnwilling  pstate = iota // do not want the vaccine
	stWaiting                  // willing, have not acted (the pools)
	stRetrying                 // failed to book, will try again
	stGaveUp                   // stopped trying to book
	stBooked                   // object: on the way to an appointment (or a lost one)
	stNoShow                   // did not come to their appointment
	stLostAway                 // booking lost, did not come
	stInvited                  // object: invited, on the way
	stDeclined                 // invited, did not come
	stAtSite                   // object: in line or in service
	stVaccinated               // got the dose of a single-dose product
	stRefused                  // came without an appointment and found no dose
	stTurnedAway               // turned away at closing
	stBalked                   // left: line full
	stReneged                  // left: out of patience
	stDose2Due                 // object: had a first dose, due a second
	stComplete                 // had both doses
	stMissed                   // missed the second dose
	numStates
)

// Kinds of visit.
const (
	visitAppointment uint8 = iota
	visitInvited
	visitWalkin
	visitLost  // booking lost by the portal, came anyway
	visitDose2 // coming for a second dose
)

// person is a record for someone with an appointment, on the way or at a
// site. Records are reused through a free list.
type person struct {
	cohort    int32
	site      int32
	kind      uint8
	st        pstate // the state the person is counted in
	arrivedAt des.Time
	req       des.Req
	token     uint32   // bumped when the record is freed: stale events ignore it
	waiting   bool     // in line, not yet in service
	product   int16    // of the first dose
	dose1Day  int32    // day of the first dose
	dose1At   des.Time // clock time of the first dose
}

type people struct {
	recs []person
	free []int32
	live int64
}

func (p *people) alloc(cohort, site int, kind uint8, st pstate) int32 {
	var i int32
	if n := len(p.free); n > 0 {
		i = p.free[n-1]
		p.free = p.free[:n-1]
	} else {
		i = int32(len(p.recs))
		p.recs = append(p.recs, person{})
	}
	tok := p.recs[i].token
	p.recs[i] = person{cohort: int32(cohort), site: int32(site), kind: kind, st: st, req: des.NoReq, token: tok}
	p.live++
	return i
}

func (p *people) release(i int32) {
	p.recs[i].token++
	p.free = append(p.free, i)
	p.live--
}
