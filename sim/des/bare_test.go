package des_test

import (
	"math/rand/v2"
	"testing"

	"vaxsim/sim/des"
)

// bareMMC is the yardstick for BenchmarkKernelMMC: the same M/M/c model
// and random streams as a hand-written loop over a 4-ary heap of
// (time, seq, kind) with no handlers, no priorities and no resource
// bookkeeping beyond a FIFO ring. It is what a tuned special-purpose
// simulator would do.
type bareEv struct {
	at   des.Time
	seq  uint64
	kind uint8
}

type bareHeap []bareEv

func (h bareHeap) less(i, j int) bool {
	return h[i].at < h[j].at || h[i].at == h[j].at && h[i].seq < h[j].seq
}

func (h *bareHeap) push(e bareEv) {
	*h = append(*h, e)
	s := *h
	i := len(s) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !s.less(i, p) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *bareHeap) pop() bareEv {
	s := *h
	top := s[0]
	n := len(s) - 1
	s[0] = s[n]
	s = s[:n]
	*h = s
	i := 0
	for {
		m, first := i, 4*i+1
		for j := first; j < first+4 && j < n; j++ {
			if s.less(j, m) {
				m = j
			}
		}
		if m == i {
			return top
		}
		s[i], s[m] = s[m], s[i]
		i = m
	}
}

// bareMMC is the M/M/c model of BenchmarkKernelMMC run by the bare loop.
type bareMMC struct {
	lambda, mu float64
	c, busy    int
	arr, svc   *rand.Rand
	h          bareHeap
	seq        uint64
	now        des.Time
	queue      []des.Time // FIFO ring of arrival times
	head, tail int
	waitSum    float64
}

func newBareMMC(seed uint64, c int, lambda, mu float64) *bareMMC {
	m := &bareMMC{lambda: lambda, mu: mu, c: c,
		arr: des.NewStream(seed, 0, "arrivals"), svc: des.NewStream(seed, 0, "service"),
		queue: make([]des.Time, 1<<16)}
	m.schedule(des.FromMillis(m.arr.ExpFloat64()/lambda), 0)
	return m
}

func (m *bareMMC) schedule(at des.Time, kind uint8) {
	m.seq++
	m.h.push(bareEv{at, m.seq, kind})
}

// step runs the next event.
func (m *bareMMC) step() {
	e := m.h.pop()
	m.now = e.at
	if e.kind == 0 {
		m.schedule(m.now+des.FromMillis(m.arr.ExpFloat64()/m.lambda), 0)
		if m.busy < m.c {
			m.busy++
			m.schedule(m.now+des.FromMillis(m.svc.ExpFloat64()/m.mu), 1)
		} else {
			m.queue[m.tail&(len(m.queue)-1)] = m.now
			m.tail++
		}
		return
	}
	if m.head < m.tail {
		m.waitSum += float64(m.now - m.queue[m.head&(len(m.queue)-1)])
		m.head++
		m.schedule(m.now+des.FromMillis(m.svc.ExpFloat64()/m.mu), 1)
	} else {
		m.busy--
	}
}

// newWarmBareMMC returns the bare loop on M/M/8 at utilisation 0.9, run
// for 10 hours: heap and queue at working size, as BenchmarkKernelMMC's
// model.
func newWarmBareMMC() *bareMMC {
	const mu = 1.0 / float64(des.Minute)
	m := newBareMMC(1, 8, 0.9*8*mu, mu)
	for m.now < 10*des.Hour {
		m.step()
	}
	return m
}

func BenchmarkBareHeapMMC(b *testing.B) {
	m := newWarmBareMMC()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.step()
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/event")
	if m.waitSum < 0 {
		b.Fatal("negative wait")
	}
}
