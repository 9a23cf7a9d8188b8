package des

import (
	"fmt"
	"testing"
)

func TestFreeList(t *testing.T) {
	var l FreeList[string]
	var got []int32
	for _, name := range []string{"a", "b", "c"} {
		i := l.Get()
		*l.At(i) = name
		got = append(got, i)
	}
	l.Put(0)
	l.Put(2)
	got = append(got, l.Get(), l.Get(), l.Get())
	if fmt.Sprint(got) != "[0 1 2 2 0 3]" {
		t.Errorf("indices %v, want [0 1 2 2 0 3]: new ones in order, the last given back reused first", got)
	}
	if *l.At(2) != "c" || *l.At(3) != "" || l.Len() != 4 {
		t.Errorf("records %q %q, length %d; want a reused record to keep its contents, a new one zero, length 4",
			*l.At(2), *l.At(3), l.Len())
	}
	l.Reset()
	if l.Len() != 0 || l.Get() != 0 || *l.At(0) != "" {
		t.Error("after Reset the list is not empty, or its first record is not a new zero one")
	}
	fill := func() {
		l.Reset()
		for range 100 {
			l.Put(l.Get())
			l.Get()
		}
	}
	fill()
	if allocs := testing.AllocsPerRun(10, fill); allocs != 0 {
		t.Errorf("Reset and 100 records: %v allocations, want 0 at working size", allocs)
	}
}
