package des

import (
	"fmt"
	"math/rand/v2"
)

// Env is one simulation: a clock, an event calendar and the random streams
// of one replication. An Env is not safe for concurrent use; run
// replications in separate Envs.
type Env struct {
	now     Time
	seq     uint64
	cal     calendar
	stopped bool
	events  int64

	seed     uint64
	rep      int
	streams  map[string]*stream
	handlers []Handler
	gen      int // counts Resets: a stream of an older generation is reseeded on use
}

// stream is a named generator and the generation it was seeded in.
type stream struct {
	pcg *rand.PCG
	r   *rand.Rand
	gen int
}

// NewEnv returns an environment whose clock reads start, with random
// streams derived from the master seed and the replication index.
func NewEnv(seed uint64, rep int, start Time) *Env {
	return &Env{now: start, seed: seed, rep: rep, streams: map[string]*stream{}}
}

// Reset makes e as NewEnv(seed, rep, start) would, keeping its memory:
// the calendar's storage and the stream generators, which are reseeded
// when next asked for. Handlers must be registered again. Run many
// replications one after another in one Env to spare the allocator.
func (e *Env) Reset(seed uint64, rep int, start Time) {
	e.now, e.seq, e.stopped, e.events = start, 0, false, 0
	e.cal.h = e.cal.h[:0]
	e.seed, e.rep = seed, rep
	clear(e.handlers)
	e.handlers = e.handlers[:0]
	e.gen++
}

// Now returns the current simulated time.
func (e *Env) Now() Time { return e.now }

// Seed returns the master seed the environment was made with.
func (e *Env) Seed() uint64 { return e.seed }

// Replication returns the replication index the environment was made with.
func (e *Env) Replication() int { return e.rep }

// Events returns the number of events run so far.
func (e *Env) Events() int64 { return e.events }

// Pending returns the number of events in the calendar.
func (e *Env) Pending() int { return e.cal.len() }

// Register makes h a handler of the environment's events and returns the
// id to schedule them with. Register handlers once, at set-up: an
// environment takes at most 65,536.
// It panics if h is nil or there are too many handlers.
func (e *Env) Register(h Handler) HandlerID {
	if h == nil {
		panic("des: nil handler")
	}
	if len(e.handlers) >= 1<<handlerBits {
		panic("des: more than 65,536 handlers")
	}
	e.handlers = append(e.handlers, h)
	return HandlerID(len(e.handlers) - 1)
}

// At schedules the handler h's Handle(e, arg) at time t with priority p.
// It panics if t is before Now, h is not registered, or more than 2^40
// events have been scheduled.
func (e *Env) At(t Time, p Priority, h HandlerID, arg int64) {
	if t < e.now {
		panic(fmt.Sprintf("des: event at %d before now %d", t, e.now))
	}
	if int(h) >= len(e.handlers) {
		panic(fmt.Sprintf("des: handler %d not registered", h))
	}
	if e.seq == maxSeq {
		panic("des: more than 2^40 events scheduled")
	}
	e.seq++
	e.cal.push(entry{at: t, key: packKey(p, e.seq, h), arg: arg})
}

// After schedules the handler h's Handle(e, arg) after delay d with
// priority p. It panics if d is negative, or as At does.
func (e *Env) After(d Time, p Priority, h HandlerID, arg int64) {
	if d < 0 {
		panic(fmt.Sprintf("des: negative delay %d", d))
	}
	e.At(e.now+d, p, h, arg)
}

// Peek returns the time of the next event, or Never if there is none.
func (e *Env) Peek() Time {
	if e.cal.len() == 0 {
		return Never
	}
	return e.cal.h[0].at
}

// Step runs the next event and reports whether there was one.
func (e *Env) Step() bool {
	if e.cal.len() == 0 {
		return false
	}
	ev := e.cal.pop()
	e.now = ev.at
	e.events++
	e.handlers[ev.handler()].Handle(e, ev.arg)
	return true
}

// Stop makes the running RunUntil return after the current event.
func (e *Env) Stop() { e.stopped = true }

// RunUntil runs every event scheduled strictly before t, in order, then
// sets the clock to t. Events at exactly t or later stay scheduled. It
// returns early, with the clock at the last event run, when a handler
// calls Stop or maxEvents events have run in this call (maxEvents <= 0
// means no limit); it reports whether it reached t.
func (e *Env) RunUntil(t Time, maxEvents int64) bool {
	e.stopped = false
	var n int64
	for e.cal.len() > 0 && e.cal.h[0].at < t {
		if e.stopped || maxEvents > 0 && n >= maxEvents {
			return false
		}
		e.Step()
		n++
	}
	if e.stopped {
		return false
	}
	if t > e.now {
		e.now = t
	}
	return true
}
