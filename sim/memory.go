package sim

import (
	"fmt"
	"unsafe"
)

// What a replication holds that grows as it runs, in bytes, for the
// memory budget (Options.MemoryLimit). The rest (scenario, slot plans,
// streams) is fixed when the run starts and small beside these.
const (
	// personBytes is a person on their way or at a site: the record and
	// its free-list index, a request in a site's line (16 + 4 bytes) and
	// a pending arrival or service event (24).
	personBytes = int64(unsafe.Sizeof(person{})) + 4 + 20 + 24
	eventBytes  = 24 // a calendar entry (package des)
	waitBytes   = 8  // a wait sample, kept for the 95th percentile
	rowBytes    = int64(unsafe.Sizeof(Values{}))
)

// memoryUse is an estimate of the memory a replication holds that grows
// with its work.
type memoryUse struct {
	records, people int64 // person records (in use and free for reuse), in use
	events          int64 // pending
	waits           int64 // wait samples kept
	rows            int64 // daily rows kept
	recorded        int64 // bytes of the Recording
}

func (u memoryUse) bytes() int64 {
	return u.records*personBytes + u.events*eventBytes + u.waits*waitBytes + u.rows*rowBytes + u.recorded
}

// memoryUse counts the model's growing records. It is a pure function of
// the run so far, so a memory budget stops a run at the same event on
// every machine, whatever else the process does.
func (m *model) memoryUse() memoryUse {
	u := memoryUse{records: int64(m.people.recs.Len()), people: m.people.live,
		events: int64(m.env.Pending()), waits: m.allWaits.Count()}
	for _, s := range m.sites {
		u.waits += s.totWaits.Count() + s.dayWaits.Count()
	}
	if m.daily == nil {
		u.rows = int64(m.days) * int64(len(m.sites)+1)
	}
	if m.rec != nil {
		u.recorded = int64(len(m.rec.Attempts))*int64(unsafe.Sizeof(Attempt{})) +
			int64(len(m.rec.Walkins))*int64(unsafe.Sizeof(Arrival{}))
	}
	return u
}

// checkMemory returns a *BudgetError when the run holds more than its
// memory budget.
func (m *model) checkMemory() error {
	if m.memLimit <= 0 {
		return nil
	}
	u := m.memoryUse()
	if u.bytes() <= m.memLimit {
		return nil
	}
	mb := func(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
	detail := fmt.Sprintf("the run keeps %d people on their way or at sites (%d records, %s), %d wait samples (%s), %d pending events (%s)",
		u.people, u.records, mb(u.records*personBytes), u.waits, mb(u.waits*waitBytes), u.events, mb(u.events*eventBytes))
	if m.daily == nil {
		detail += fmt.Sprintf(", %d daily rows (%s)", u.rows, mb(u.rows*rowBytes))
	}
	if m.rec != nil {
		detail += fmt.Sprintf(", a recording of %s", mb(u.recorded))
	}
	err := m.budgetError()
	err.Memory, err.Detail = m.memLimit, detail
	return err
}
