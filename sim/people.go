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
// site. Records are reused.
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

// people is the store of person records; live counts those in use.
type people struct {
	recs des.FreeList[person]
	live int64
}

// at returns record i; the pointer is valid until the next alloc.
func (p *people) at(i int32) *person { return p.recs.At(i) }

// alloc returns a new record. A reused record keeps its token, so that
// events for its former holder stay stale.
func (p *people) alloc(cohort, site int, kind uint8, st pstate) int32 {
	i := p.recs.Get()
	r := p.recs.At(i)
	*r = person{cohort: int32(cohort), site: int32(site), kind: kind, st: st, req: des.NoReq, token: r.token}
	p.live++
	return i
}

// release frees record i and makes the events scheduled for it stale.
func (p *people) release(i int32) {
	p.recs.At(i).token++
	p.recs.Put(i)
	p.live--
}
