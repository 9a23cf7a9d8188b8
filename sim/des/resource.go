package des

import "fmt"

// Req identifies one request made to a Resource. It is valid from Request
// until Release or Cancel; after that its number may be reused.
type Req int32

// NoReq is the Req of no request.
const NoReq Req = -1

type reqState uint8

const (
	reqFree reqState = iota
	reqWaiting
	reqHeld
	reqCancelled // withdrawn while waiting; still in its class's ring until skipped
)

type reqRec struct {
	owner int64 // the caller's identity for the request
	state reqState
}

// class is the waiting line of one key: a ring of requests in the order
// they were made. Cancelled requests stay in it until they reach the
// front, and are skipped there.
type class struct {
	key  int64
	ring []Req
	head int
}

// Resource is a pool of identical servers (stations, lanes) with a waiting
// line. Requests have identity: each Request returns a Req that the caller
// later releases (when it holds a server) or cancels (while it waits).
//
// A released server is handed on at once: Release grants it to the first
// request in line and returns that request, whose service the caller then
// starts. A caller therefore cannot free a server and forget the line.
// Only a rise of capacity (SetCapacity) leaves servers for Next to hand
// out.
//
// The waiting line is ordered by a caller-given key, lower first, and then
// by the order of requests (FIFO ties). FIFO is key 0 for everyone;
// "appointments first" is a class in the key. Each key keeps its own
// first-in-first-out ring, so every operation takes constant time for a
// handful of keys.
//
// Resource allocates only while it grows to its working size. Busy,
// Servers and Waiting integrate the number of busy servers, of servers
// and of waiting requests over time: utilisation over a window is the
// growth of Busy's integral over that of Servers, whatever the changes of
// capacity in between.
type Resource struct {
	capacity int
	busy     int
	waiting  int
	recs     FreeList[reqRec] // by Req
	classes  []class          // by key, ascending

	// Busy is the number of servers in use over time.
	Busy TimeAverage
	// Servers is the capacity over time.
	Servers TimeAverage
	// Waiting is the number of requests waiting over time.
	Waiting TimeAverage
}

// NewResource returns a resource with capacity servers, integrating its
// levels from time now.
// It panics if capacity is negative.
func NewResource(capacity int, now Time) *Resource {
	r := &Resource{}
	r.Reset(capacity, now)
	return r
}

// Reset empties r and gives it capacity servers, integrating its levels
// from time now, as NewResource(capacity, now) would, but keeps r's
// memory for the requests to come. Requests made before are forgotten.
// It panics if capacity is negative.
func (r *Resource) Reset(capacity int, now Time) {
	if capacity < 0 {
		panic("des: negative resource capacity")
	}
	r.capacity, r.busy, r.waiting = capacity, 0, 0
	r.recs.Reset()
	for i := range r.classes {
		r.classes[i].ring, r.classes[i].head = r.classes[i].ring[:0], 0
	}
	r.Busy, r.Servers, r.Waiting = TimeAverage{}, TimeAverage{}, TimeAverage{}
	r.Busy.Reset(now)
	r.Servers.Reset(now)
	r.Servers.Set(now, float64(capacity))
	r.Waiting.Reset(now)
}

// Capacity returns the number of servers.
func (r *Resource) Capacity() int { return r.capacity }

// InUse returns the number of servers held.
func (r *Resource) InUse() int { return r.busy }

// Len returns the number of waiting requests.
func (r *Resource) Len() int { return r.waiting }

// Owner returns the owner given to Request for q.
func (r *Resource) Owner(q Req) int64 { return r.recs.At(int32(q)).owner }

func (r *Resource) newReq(owner int64, st reqState) Req {
	q := r.recs.Get()
	*r.recs.At(q) = reqRec{owner: owner, state: st}
	return Req(q)
}

// state returns the state of request q, or reqFree for a number that was
// never a request.
func (r *Resource) state(q Req) reqState {
	if q < 0 || int(q) >= r.recs.Len() {
		return reqFree
	}
	return r.recs.At(int32(q)).state
}

// setState sets the state of request q; a freed request's number goes
// back for reuse.
func (r *Resource) setState(q Req, st reqState) {
	r.recs.At(int32(q)).state = st
	if st == reqFree {
		r.recs.Put(int32(q))
	}
}

// Request asks for a server on behalf of owner. If a server is free and
// nobody waits, the request holds it at once and granted is true;
// otherwise the request waits in the line under key.
func (r *Resource) Request(now Time, owner, key int64) (q Req, granted bool) {
	if r.busy < r.capacity && r.waiting == 0 {
		q = r.newReq(owner, reqHeld)
		r.busy++
		r.Busy.Set(now, float64(r.busy))
		return q, true
	}
	q = r.newReq(owner, reqWaiting)
	c := r.class(key)
	c.ring = append(c.ring, q)
	r.waiting++
	r.Waiting.Set(now, float64(r.waiting))
	return q, false
}

// class returns the ring of key, adding it in key order if it is new.
func (r *Resource) class(key int64) *class {
	i := 0
	for i < len(r.classes) && r.classes[i].key < key {
		i++
	}
	if i == len(r.classes) || r.classes[i].key != key {
		r.classes = append(r.classes, class{})
		copy(r.classes[i+1:], r.classes[i:])
		r.classes[i] = class{key: key}
	}
	return &r.classes[i]
}

// Release frees the server held by q and hands it on: it grants a free
// server to the first waiting request and returns it, or returns NoReq
// when nobody waits or no server is free (the capacity has dropped below
// the servers in use). The caller starts the service of the request
// returned.
// It panics if q does not hold a server.
func (r *Resource) Release(now Time, q Req) (next Req) {
	if r.state(q) != reqHeld {
		panic(fmt.Sprintf("des: release of request %d that holds no server", q))
	}
	r.setState(q, reqFree)
	r.busy--
	r.Busy.Set(now, float64(r.busy))
	next, _ = r.Next(now)
	return next
}

// Cancel withdraws a waiting request (reneging, balking after joining).
// It reports whether q was waiting; a request that holds a server is not
// cancelled (release it instead).
func (r *Resource) Cancel(now Time, q Req) bool {
	if r.state(q) != reqWaiting {
		return false
	}
	r.setState(q, reqCancelled) // freed when its ring skips it
	r.waiting--
	r.Waiting.Set(now, float64(r.waiting))
	return true
}

// front returns the class holding the first waiting request, dropping
// cancelled requests from the fronts of the rings on the way, or nil.
func (r *Resource) front() *class {
	for i := range r.classes {
		c := &r.classes[i]
		for c.head < len(c.ring) {
			q := c.ring[c.head]
			if r.state(q) == reqWaiting {
				return c
			}
			r.setState(q, reqFree)
			c.head++
		}
		c.ring, c.head = c.ring[:0], 0
	}
	return nil
}

// Next hands a free server to the first waiting request and returns it,
// or returns NoReq, false when no server is free or nobody waits. Release
// calls it; call it in a loop after SetCapacity raises the capacity.
func (r *Resource) Next(now Time) (Req, bool) {
	if r.busy >= r.capacity || r.waiting == 0 {
		return NoReq, false
	}
	c := r.front()
	q := c.ring[c.head]
	c.head++
	if c.head == len(c.ring) {
		c.ring, c.head = c.ring[:0], 0
	} else if c.head > 64 && 2*c.head > len(c.ring) { // reclaim the used front
		n := copy(c.ring, c.ring[c.head:])
		c.ring, c.head = c.ring[:n], 0
	}
	r.setState(q, reqHeld)
	r.waiting--
	r.busy++
	r.Busy.Set(now, float64(r.busy))
	r.Waiting.Set(now, float64(r.waiting))
	return q, true
}

// Head returns the first waiting request without granting it, or NoReq.
func (r *Resource) Head() Req {
	if r.waiting == 0 {
		return NoReq
	}
	c := r.front()
	return c.ring[c.head]
}

// SetCapacity changes the number of servers at time now. Requests in
// service keep their servers when capacity drops below InUse; no new
// request is granted until InUse falls below the new capacity. After a
// rise, call Next in a loop to grant waiting requests.
// It panics if capacity is negative.
func (r *Resource) SetCapacity(now Time, capacity int) {
	if capacity < 0 {
		panic("des: negative resource capacity")
	}
	r.capacity = capacity
	r.Servers.Set(now, float64(capacity))
}
