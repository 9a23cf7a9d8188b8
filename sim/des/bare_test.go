package des_test

import (
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

func BenchmarkBareHeapMMC(b *testing.B) {
	const mu = 1.0 / float64(des.Minute)
	const c = 8
	lambda := 0.9 * c * mu
	arr := des.NewStream(1, 0, "arrivals")
	svc := des.NewStream(1, 0, "service")
	var h bareHeap
	var seq uint64
	var now des.Time
	busy := 0
	queue := make([]des.Time, 1<<16) // FIFO ring of arrival times
	var head, tail int
	var waitSum float64
	schedule := func(at des.Time, kind uint8) {
		seq++
		h.push(bareEv{at, seq, kind})
	}
	schedule(des.FromMillis(arr.ExpFloat64()/lambda), 0)
	step := func() {
		e := h.pop()
		now = e.at
		if e.kind == 0 {
			schedule(now+des.FromMillis(arr.ExpFloat64()/lambda), 0)
			if busy < c {
				busy++
				schedule(now+des.FromMillis(svc.ExpFloat64()/mu), 1)
			} else {
				queue[tail&(len(queue)-1)] = now
				tail++
			}
			return
		}
		if head < tail {
			waitSum += float64(now - queue[head&(len(queue)-1)])
			head++
			schedule(now+des.FromMillis(svc.ExpFloat64()/mu), 1)
		} else {
			busy--
		}
	}
	for now < 10*des.Hour {
		step()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		step()
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/event")
	if waitSum < 0 {
		b.Fatal("negative wait")
	}
}
