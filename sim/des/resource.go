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
)

type reqRec struct {
	owner int64 // the caller's identity for the request
	key   int64 // queue order: lower first
	seq   uint64
	pos   int32 // index in the waiting heap while waiting
	state reqState
}

// Resource is a pool of identical servers (stations, lanes) with a waiting
// line. Requests have identity: each Request returns a Req that the caller
// later releases (when it holds a server) or cancels (while it waits).
//
// The waiting line is ordered by a caller-given key, lower first, and then
// by the order of requests (FIFO ties). FIFO is key 0 for everyone;
// "appointments first" is a class in the key's high bits.
//
// Resource allocates only while it grows to its working size. Busy and
// Waiting integrate the number of busy servers and of waiting requests
// over time.
type Resource struct {
	capacity int
	busy     int
	seq      uint64
	recs     []reqRec
	free     []Req
	wait     []Req // heap ordered by (key, seq)

	// Busy is the number of servers in use over time.
	Busy TimeAverage
	// Waiting is the number of requests waiting over time.
	Waiting TimeAverage
}

// NewResource returns a resource with capacity servers, integrating its
// levels from time now.
// It panics if capacity is negative.
func NewResource(capacity int, now Time) *Resource {
	if capacity < 0 {
		panic("des: negative resource capacity")
	}
	r := &Resource{capacity: capacity}
	r.Busy.Reset(now)
	r.Waiting.Reset(now)
	return r
}

// Capacity returns the number of servers.
func (r *Resource) Capacity() int { return r.capacity }

// InUse returns the number of servers held.
func (r *Resource) InUse() int { return r.busy }

// Len returns the number of waiting requests.
func (r *Resource) Len() int { return len(r.wait) }

// Owner returns the owner given to Request for q.
func (r *Resource) Owner(q Req) int64 { return r.recs[q].owner }

// Request asks for a server on behalf of owner. If a server is free and
// nobody waits, the request holds it at once and granted is true;
// otherwise the request waits in the line under key.
func (r *Resource) Request(now Time, owner, key int64) (q Req, granted bool) {
	if n := len(r.free); n > 0 {
		q = r.free[n-1]
		r.free = r.free[:n-1]
	} else {
		q = Req(len(r.recs))
		r.recs = append(r.recs, reqRec{})
	}
	r.seq++
	r.recs[q] = reqRec{owner: owner, key: key, seq: r.seq, pos: -1}
	if r.busy < r.capacity && len(r.wait) == 0 {
		r.recs[q].state = reqHeld
		r.busy++
		r.Busy.Set(now, float64(r.busy))
		return q, true
	}
	r.recs[q].state = reqWaiting
	r.push(q)
	r.Waiting.Set(now, float64(len(r.wait)))
	return q, false
}

// Release frees the server held by q. Call Next afterwards to hand free
// servers to waiting requests.
// It panics if q does not hold a server.
func (r *Resource) Release(now Time, q Req) {
	if q < 0 || int(q) >= len(r.recs) || r.recs[q].state != reqHeld {
		panic(fmt.Sprintf("des: release of request %d that holds no server", q))
	}
	r.recs[q].state = reqFree
	r.free = append(r.free, q)
	r.busy--
	r.Busy.Set(now, float64(r.busy))
}

// Cancel withdraws a waiting request (reneging, balking after joining).
// It reports whether q was waiting; a request that holds a server is not
// cancelled (release it instead).
func (r *Resource) Cancel(now Time, q Req) bool {
	if q < 0 || int(q) >= len(r.recs) || r.recs[q].state != reqWaiting {
		return false
	}
	r.remove(int(r.recs[q].pos))
	r.recs[q].state = reqFree
	r.free = append(r.free, q)
	r.Waiting.Set(now, float64(len(r.wait)))
	return true
}

// Next hands a free server to the first waiting request and returns it,
// or returns NoReq, false when no server is free or nobody waits. Call it
// in a loop after Release or SetCapacity.
func (r *Resource) Next(now Time) (Req, bool) {
	if r.busy >= r.capacity || len(r.wait) == 0 {
		return NoReq, false
	}
	q := r.wait[0]
	r.remove(0)
	r.recs[q].state = reqHeld
	r.busy++
	r.Busy.Set(now, float64(r.busy))
	r.Waiting.Set(now, float64(len(r.wait)))
	return q, true
}

// Head returns the first waiting request without granting it, or NoReq.
func (r *Resource) Head() Req {
	if len(r.wait) == 0 {
		return NoReq
	}
	return r.wait[0]
}

// SetCapacity changes the number of servers. Requests in service keep
// their servers when capacity drops below InUse; no new request is granted
// until InUse falls below the new capacity. After a rise, call Next to
// grant waiting requests.
// It panics if capacity is negative.
func (r *Resource) SetCapacity(capacity int) {
	if capacity < 0 {
		panic("des: negative resource capacity")
	}
	r.capacity = capacity
}

func (r *Resource) less(i, j int) bool {
	a, b := &r.recs[r.wait[i]], &r.recs[r.wait[j]]
	return a.key < b.key || a.key == b.key && a.seq < b.seq
}

func (r *Resource) swap(i, j int) {
	r.wait[i], r.wait[j] = r.wait[j], r.wait[i]
	r.recs[r.wait[i]].pos = int32(i)
	r.recs[r.wait[j]].pos = int32(j)
}

func (r *Resource) push(q Req) {
	r.wait = append(r.wait, q)
	i := len(r.wait) - 1
	r.recs[q].pos = int32(i)
	r.up(i)
}

func (r *Resource) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !r.less(i, p) {
			break
		}
		r.swap(i, p)
		i = p
	}
}

func (r *Resource) down(i int) {
	n := len(r.wait)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if l+1 < n && r.less(l+1, l) {
			m = l + 1
		}
		if !r.less(m, i) {
			return
		}
		r.swap(i, m)
		i = m
	}
}

func (r *Resource) remove(i int) {
	n := len(r.wait) - 1
	q := r.wait[i]
	if i != n {
		r.swap(i, n)
	}
	r.wait = r.wait[:n]
	r.recs[q].pos = -1
	if i != n {
		r.down(i)
		r.up(i)
	}
}
