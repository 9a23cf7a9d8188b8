package sim

import (
	"cmp"
	"slices"

	"vaxsim/sim/des"
)

// dueArrival is an arrival kept with a day plan until the day comes.
type dueArrival struct {
	at  des.Time
	who personRef
}

// dueMerge feeds the day's arrivals booked on earlier days into the
// calendar one at a time. When a site opens, its list for the day is
// sorted by time (early arrivals brought to the opening); the merge takes
// the lists in order of (time, order of opening, place in the list). That
// is exactly the order the calendar would give had every arrival been
// scheduled at its site's opening, but the calendar holds one event
// instead of a day's arrivals.
type dueMerge struct {
	heads   []dueHead             // a small heap, one entry per list with arrivals left
	lists   des.FreeList[dueList] // by id; an exhausted list's id is reused
	opened  int64                 // counts openings, for the merge order
	pending des.Time              // time of the scheduled merge event, or des.Never
	token   int64                 // of the scheduled merge event
}

// dueList is one site's arrivals of one opening, in time order. A site
// open around the clock may hold two at once: a day's last arrivals run
// past midnight into the next day's.
type dueList struct {
	arrivals []dueArrival
	next     int
}

type dueHead struct {
	at    des.Time
	order int64 // the opening's count
	list  int32
}

func (a dueHead) less(b dueHead) bool {
	return a.at < b.at || a.at == b.at && a.order < b.order
}

// addDue takes a site's list of arrivals for today, at its opening.
func (m *model) addDue(due []dueArrival) {
	now := m.env.Now()
	for i := range due {
		due[i].at = max(due[i].at, now)
	}
	slices.SortStableFunc(due, func(a, b dueArrival) int { return cmp.Compare(a.at, b.at) })
	dm := &m.due
	id := dm.lists.Get()
	*dm.lists.At(id) = dueList{arrivals: due}
	dm.opened++
	dm.push(dueHead{due[0].at, dm.opened, id})
	m.scheduleDue()
}

// scheduleDue makes sure the merge event stands at the head's time.
func (m *model) scheduleDue() {
	dm := &m.due
	if len(dm.heads) == 0 {
		dm.pending = des.Never
		return
	}
	if at := dm.heads[0].at; at != dm.pending {
		dm.token++
		dm.pending = at
		m.env.At(at, prDue, m.hDue, dm.token)
	}
}

type dueH struct{ m *model }

// Handle brings in the first due arrival of the merge and schedules the
// next; one arrival per event, so that events of the same instant keep
// their order around it.
func (h dueH) Handle(env *des.Env, arg int64) {
	m := h.m
	dm := &m.due
	if arg != dm.token {
		return // replaced by an earlier head
	}
	dm.pending = des.Never
	head := dm.pop()
	l := dm.lists.At(head.list)
	a := l.arrivals[l.next]
	l.next++
	if l.next < len(l.arrivals) {
		dm.push(dueHead{l.arrivals[l.next].at, head.order, head.list})
	} else {
		*l = dueList{}
		dm.lists.Put(head.list)
	}
	m.arrival(a.who)
	m.scheduleDue()
}

func (dm *dueMerge) push(h dueHead) {
	dm.heads = append(dm.heads, h)
	i := len(dm.heads) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !dm.heads[i].less(dm.heads[p]) {
			break
		}
		dm.heads[i], dm.heads[p] = dm.heads[p], dm.heads[i]
		i = p
	}
}

func (dm *dueMerge) pop() dueHead {
	h := dm.heads
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	dm.heads = h
	i := 0
	for {
		l, m := 2*i+1, i
		if l < n && h[l].less(h[m]) {
			m = l
		}
		if l+1 < n && h[l+1].less(h[m]) {
			m = l + 1
		}
		if m == i {
			return top
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
