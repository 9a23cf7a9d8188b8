package des

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestCalendarOrder pops entries pushed in random order, with many equal
// times and priorities, and checks they come out sorted by (at, key).
func TestCalendarOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 3, 4, 5, 17, 100, 1000} {
		var c calendar
		var want []entry
		var seq uint64
		push := func() {
			seq++
			e := entry{at: Time(r.IntN(50)), key: packKey(Priority(r.IntN(3)-1), seq, HandlerID(r.IntN(4))), arg: int64(seq)}
			c.push(e)
			want = append(want, e)
		}
		for range n {
			push()
		}
		var got []entry
		for i := 0; c.len() > 0; i++ {
			got = append(got, c.pop())
			if i%3 == 0 && len(want) < 2*n { // pushes between pops, later than the last pop
				seq++
				e := entry{at: got[len(got)-1].at + 1 + Time(r.IntN(10)), key: packKey(Priority(r.IntN(3)-1), seq, 0), arg: int64(seq)}
				c.push(e)
				want = append(want, e)
			}
		}
		slices.SortFunc(want, func(a, b entry) int {
			if a.before(&b) {
				return -1
			}
			return 1
		})
		if !slices.Equal(got, want) {
			t.Fatalf("n=%d: popped out of order", n)
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
