package des

import (
	"fmt"
	"testing"
)

func TestResourceOrder(t *testing.T) {
	tests := []struct {
		name string
		keys []int64 // keys of the waiting requests, in request order
		want []int64 // owners in the order they are served
	}{
		{"FIFO", []int64{0, 0, 0, 0}, []int64{1, 2, 3, 4}},
		{"by key", []int64{5, 1, 3, 2}, []int64{2, 4, 3, 1}},
		{"classes then FIFO", []int64{1, 0, 1, 0}, []int64{2, 4, 1, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := NewResource(1, 0)
			first, ok := r.Request(0, 0, 0)
			if !ok {
				t.Fatal("first request not granted")
			}
			for i, k := range tc.keys {
				if _, ok := r.Request(0, int64(i+1), k); ok {
					t.Fatalf("request %d granted while the server is busy", i+1)
				}
			}
			var got []int64
			for held := r.Release(0, first); held != NoReq; held = r.Release(0, held) {
				got = append(got, r.Owner(held))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("served %v, want %v", got, tc.want)
			}
			if r.InUse() != 0 || r.Len() != 0 {
				t.Errorf("InUse %d Len %d at the end, want 0 and 0", r.InUse(), r.Len())
			}
		})
	}
}

func TestResourceCancelAndCapacity(t *testing.T) {
	r := NewResource(2, 0)
	a, _ := r.Request(0, 1, 0)
	r.Request(0, 2, 0)
	w3, _ := r.Request(0, 3, 0)
	w4, _ := r.Request(0, 4, 0)
	r.Request(0, 5, 0)
	if r.InUse() != 2 || r.Len() != 3 {
		t.Fatalf("InUse %d Len %d, want 2 and 3", r.InUse(), r.Len())
	}
	if !r.Cancel(10, w4) {
		t.Fatal("cancel of a waiting request failed")
	}
	if r.Cancel(10, w4) || r.Cancel(10, a) {
		t.Fatal("cancel of a cancelled or held request succeeded")
	}
	if r.Head() != w3 {
		t.Fatalf("head is %d, want %d", r.Head(), w3)
	}
	r.SetCapacity(15, 1)
	if q := r.Release(20, a); q != NoReq {
		t.Fatal("granted a server above the lowered capacity")
	}
	r.SetCapacity(25, 4)
	var got []int64
	for {
		q, ok := r.Next(30)
		if !ok {
			break
		}
		got = append(got, r.Owner(q))
	}
	if fmt.Sprint(got) != "[3 5]" {
		t.Errorf("after raising capacity granted %v, want [3 5]", got)
	}
	// Busy: 2 on [0,20), 1 on [20,30), 3 on [30,40) -> integral 40+10+30.
	if got := r.Busy.Integral(40); got != 80 {
		t.Errorf("busy integral %v, want 80", got)
	}
	// Waiting: 3 on [0,10), 2 on [10,30), 0 after -> 30+40.
	if got := r.Waiting.Integral(40); got != 70 {
		t.Errorf("waiting integral %v, want 70", got)
	}
	// Servers: 2 on [0,15), 1 on [15,25), 4 on [25,40) -> 30+10+60.
	if got := r.Servers.Integral(40); got != 100 {
		t.Errorf("servers integral %v, want 100", got)
	}
}

// resourceTrace drives r through a fixed, random-looking mix of requests
// (under three keys), cancellations, releases and capacity changes, and
// returns what it observed: who was served when, and the levels' means.
func resourceTrace(r *Resource, seed int) string {
	var b []byte
	var held, waiting []Req
	x := uint32(seed)*2654435761 + 1
	next := func(n uint32) uint32 { x ^= x << 13; x ^= x >> 17; x ^= x << 5; return x % n }
	now := Time(0)
	for i := range 400 {
		now += Time(next(5))
		switch op := next(10); {
		case op < 5:
			q, ok := r.Request(now, int64(i), int64(next(3)))
			if ok {
				held = append(held, q)
			} else {
				waiting = append(waiting, q)
			}
		case op < 6 && len(waiting) > 0:
			k := int(next(uint32(len(waiting))))
			if r.Cancel(now, waiting[k]) {
				b = fmt.Appendf(b, "c%d ", r.Owner(waiting[k]))
			}
			waiting = append(waiting[:k], waiting[k+1:]...)
		case op < 9 && len(held) > 0:
			k := int(next(uint32(len(held))))
			q := r.Release(now, held[k])
			held = append(held[:k], held[k+1:]...)
			if q != NoReq {
				b = fmt.Appendf(b, "%d@%d ", r.Owner(q), now)
				held = append(held, q)
			}
		case op == 9:
			r.SetCapacity(now, 1+int(next(4)))
			for q, ok := r.Next(now); ok; q, ok = r.Next(now) {
				b = fmt.Appendf(b, "%d@%d+ ", r.Owner(q), now)
				held = append(held, q)
			}
		}
	}
	return fmt.Sprintf("%s| busy %.6f servers %.6f waiting %.6f in use %d line %d",
		b, r.Busy.Mean(now), r.Servers.Mean(now), r.Waiting.Mean(now), r.InUse(), r.Len())
}

// TestReleaseHandsOn checks that Release grants the freed server to the
// first request in line, and to nobody when nobody waits or the capacity
// has dropped to the servers still in use.
func TestReleaseHandsOn(t *testing.T) {
	tests := []struct {
		name     string
		capacity int     // after the requests are made, before the release
		keys     []int64 // of the requests waiting behind the two holding servers
		want     int64   // owner granted by the release, or -1
	}{
		{"nobody waits", 2, nil, -1},
		{"first in line", 2, []int64{0, 0}, 10},
		{"first by key", 2, []int64{1, 0}, 11},
		{"capacity dropped to the servers left", 1, []int64{0}, -1},
		{"capacity dropped below them", 0, []int64{0}, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := NewResource(2, 0)
			held, _ := r.Request(0, 1, 0)
			r.Request(0, 2, 0)
			for i, k := range tc.keys {
				r.Request(0, int64(10+i), k)
			}
			r.SetCapacity(0, tc.capacity)
			got := int64(-1)
			if q := r.Release(5, held); q != NoReq {
				got = r.Owner(q)
			}
			if got != tc.want {
				t.Errorf("release granted owner %d, want %d", got, tc.want)
			}
			if tc.want >= 0 && r.InUse() != 2 {
				t.Errorf("%d servers in use after the hand-off, want 2", r.InUse())
			}
		})
	}
}

func TestResourceReset(t *testing.T) {
	for seed := range 5 {
		want := resourceTrace(NewResource(2, 0), seed)
		used := NewResource(3, 0)
		resourceTrace(used, seed+100) // leaves servers held and requests waiting
		used.Reset(2, 0)
		if got := resourceTrace(used, seed); got != want {
			t.Errorf("seed %d: after Reset\n%s\nwant, as a new resource,\n%s", seed, got, want)
		}
	}
	// A reset resource serves as many requests as before without growing.
	r := NewResource(1, 0)
	fill := func() {
		for i := range 100 {
			r.Request(0, int64(i), int64(i%3))
		}
	}
	fill()
	if allocs := testing.AllocsPerRun(10, func() { r.Reset(1, 0); fill() }); allocs != 0 {
		t.Errorf("Reset then 100 requests: %v allocations, want 0", allocs)
	}
}
