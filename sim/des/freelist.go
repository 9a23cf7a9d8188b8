package des

// FreeList is a slice of records of type T handed out by index: Get takes
// an index not in use and Put gives it back for reuse. It stores records
// that come and go (requests, entities on their way through a model) with
// stable indices, and allocates nothing once it has grown to its working
// size. The zero value is empty and ready to use.
type FreeList[T any] struct {
	items []T
	free  []int32 // indices given back, the last one reused first
}

// Get returns the index of a record not in use: the one given back last,
// which still holds what it held then, or else a new zero record.
func (l *FreeList[T]) Get() int32 {
	if n := len(l.free); n > 0 {
		i := l.free[n-1]
		l.free = l.free[:n-1]
		return i
	}
	var zero T
	l.items = append(l.items, zero)
	return int32(len(l.items) - 1)
}

// Put gives record i back for reuse; it keeps its contents until Get
// returns i again.
func (l *FreeList[T]) Put(i int32) { l.free = append(l.free, i) }

// At returns record i. The pointer is valid until the next Get.
func (l *FreeList[T]) At(i int32) *T { return &l.items[i] }

// Len returns the number of records, in use or not: indices run from 0 to
// Len()-1.
func (l *FreeList[T]) Len() int { return len(l.items) }

// Reset forgets every record and keeps the memory for those to come.
func (l *FreeList[T]) Reset() { l.items, l.free = l.items[:0], l.free[:0] }
