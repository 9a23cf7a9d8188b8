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
			held := first
			for {
				r.Release(0, held)
				q, ok := r.Next(0)
				if !ok {
					break
				}
				got = append(got, r.Owner(q))
				held = q
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
	r.SetCapacity(1)
	r.Release(20, a)
	if _, ok := r.Next(20); ok {
		t.Fatal("granted a server above the lowered capacity")
	}
	r.SetCapacity(4)
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
}
