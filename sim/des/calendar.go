package des

// Priority orders events that fall at the same instant: lower runs first.
// A model names its own levels (for example one per kind of event) in the
// range of int8.
type Priority int8

// Common priority levels.
const (
	Urgent Priority = -64
	Normal Priority = 0
	Late   Priority = 64
)

// Handler handles events. Handle is called with the environment and the
// argument given when the event was scheduled.
type Handler interface {
	Handle(env *Env, arg int64)
}

// HandlerID names a Handler registered with an Env (see Env.Register).
type HandlerID uint16

// entry is one scheduled event, 24 bytes. key packs, from the top, the
// priority (offset to be unsigned, 8 bits), the sequence (40 bits) and
// the handler (16 bits): one integer comparison orders by priority then
// sequence, and since sequences are unique the handler never decides.
type entry struct {
	at  Time
	key uint64
	arg int64
}

const (
	handlerBits = 16
	seqBits     = 40
	maxSeq      = 1<<seqBits - 1
)

func packKey(p Priority, seq uint64, h HandlerID) uint64 {
	return uint64(uint8(int16(p)+128))<<(seqBits+handlerBits) | seq<<handlerBits | uint64(h)
}

func (e *entry) handler() HandlerID { return HandlerID(e.key) }

func (e *entry) before(f *entry) bool {
	return e.at < f.at || e.at == f.at && e.key < f.key
}

// calendar is a 4-ary min-heap of entries ordered by (at, key). A 4-ary
// heap halves the depth of a binary one and keeps siblings in one cache
// line pair, which is what a hand-written event loop would use.
type calendar struct {
	h []entry
}

func (c *calendar) len() int { return len(c.h) }

func (c *calendar) push(e entry) {
	c.h = append(c.h, e)
	i := len(c.h) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !c.h[i].before(&c.h[p]) {
			break
		}
		c.h[i], c.h[p] = c.h[p], c.h[i]
		i = p
	}
}

// pop removes and returns the earliest entry. The calendar must not be empty.
//
// It moves the hole left at the root down to a leaf along the earliest
// children, then lifts the last entry into it from there (Floyd's
// bottom-up sift): the last entry is late and belongs near the bottom, so
// this compares about a quarter fewer entries than sifting it down from
// the root.
func (c *calendar) pop() entry {
	h := c.h
	top := h[0]
	n := len(h) - 1
	last := h[n]
	h = h[:n]
	c.h = h
	if n == 0 {
		return top
	}
	i := 0
	for {
		first := 4*i + 1
		if first >= n {
			break
		}
		m := first
		for j := first + 1; j < min(first+4, n); j++ {
			if h[j].before(&h[m]) {
				m = j
			}
		}
		h[i] = h[m]
		i = m
	}
	for i > 0 {
		p := (i - 1) / 4
		if !last.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = last
	return top
}
