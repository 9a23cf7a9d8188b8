package des

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestCalendarOrder runs random mixes of pushes and pops, as a model
// makes them (never before the last time popped, often at that very
// time, at any priority), and checks each pop against the least entry of
// a plain list. Times start below zero, and the gaps range from none to
// days.
func TestCalendarOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		var c calendar
		var ref []entry
		var seq uint64
		now := Time(-r.Int64N(1e9))
		span := []Time{1, 3, 100, 1e4, 1e8}[trial%5]
		for step := range 2000 {
			if len(ref) > 0 && (r.IntN(2) == 0 || step > 1500) {
				m := 0
				for k := range ref {
					if ref[k].before(&ref[m]) {
						m = k
					}
				}
				if got := c.pop(); got != ref[m] {
					t.Fatalf("trial %d step %d: popped %+v, want %+v", trial, step, got, ref[m])
				}
				now = ref[m].at
				ref = append(ref[:m], ref[m+1:]...)
				continue
			}
			seq++
			at := now
			if r.IntN(3) > 0 {
				at += Time(r.Int64N(int64(span)))
			}
			e := entry{at: at, key: packKey(Priority(r.IntN(5)-2), seq, HandlerID(r.IntN(4))), arg: int64(seq)}
			c.push(e)
			ref = append(ref, e)
			if c.len() != len(ref) {
				t.Fatalf("trial %d: len %d, want %d", trial, c.len(), len(ref))
			}
		}
	}
}

// BenchmarkCalendarHold is the classic "hold" test of an event calendar:
// at a steady size, pop the earliest event and push one a random
// (exponential) time later. Large models hold about a thousand events
// (a county's busy stations and its cohorts' next attempts).
func BenchmarkCalendarHold(b *testing.B) {
	for _, size := range []int{10, 1000, 100_000} {
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			r := rand.New(rand.NewPCG(3, 4))
			var c calendar
			var seq uint64
			for range size {
				seq++
				c.push(entry{at: Time(r.ExpFloat64() * 1000), key: packKey(Normal, seq, 0)})
			}
			for b.Loop() {
				e := c.pop()
				seq++
				c.push(entry{at: e.at + Time(r.ExpFloat64()*1000), key: packKey(Normal, seq&maxSeq, 0)})
			}
		})
	}
}
