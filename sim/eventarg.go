package sim

// Event arguments that carry more than one value. Each is a small type
// whose arg method packs it into the int64 argument of an event, and
// whose ...Of function unpacks one. Index fields are >= 0; each field's
// upper bound is the one its bits allow, given where it is not that of
// its type. TestEventArgs checks every field at both ends of its range.

// personRef names a person record and its token: an event scheduled for
// a record that has been freed (and perhaps reused) since carries a stale
// token and is ignored.
type personRef struct {
	rec   int32 // index in the person store
	token uint32
}

func (r personRef) arg() int64 { return pack32(r.rec, int32(r.token)) }

func personRefOf(a int64) personRef { return personRef{hi32(a), uint32(lo32(a))} }

// Pairs of indices.
type (
	siteDay  struct{ site, day int32 }        // a site's day: the release of its slots
	stockRef struct{ site, product int32 }    // a site's stock of a product: its open vial's lapse
	retryRef struct{ cohort, failures int32 } // a replayed cohort's simulated retry (replay.go)
)

func (r siteDay) arg() int64  { return pack32(r.site, r.day) }
func (r stockRef) arg() int64 { return pack32(r.site, r.product) }
func (r retryRef) arg() int64 { return pack32(r.cohort, r.failures) }

func siteDayOf(a int64) siteDay   { return siteDay{hi32(a), lo32(a)} }
func stockRefOf(a int64) stockRef { return stockRef{hi32(a), lo32(a)} }
func retryRefOf(a int64) retryRef { return retryRef{hi32(a), lo32(a)} }

// attemptRef is a cohort's pending booking-attempt event: the cohort, its
// token when the event was scheduled (a later scheduling makes it stale)
// and whether the event only wakes the cohort when it becomes eligible.
type attemptRef struct {
	cohort int32 // up to 2^30-1
	token  uint32
	wake   bool
}

func (r attemptRef) arg() int64 {
	a := int64(r.cohort)<<33 | int64(r.token)<<1
	if r.wake {
		a |= 1
	}
	return a
}

func attemptRefOf(a int64) attemptRef {
	return attemptRef{cohort: int32(a >> 33), token: uint32(a >> 1), wake: a&1 == 1}
}

// inviteRef is a check of an invitation rule for a site on a day.
type inviteRef struct {
	rule int32 // up to 2^23-1
	site int32 // up to 2^20-1
	day  int32 // up to 2^20-1
}

func (r inviteRef) arg() int64 {
	return int64(r.rule)<<40 | int64(r.site)<<20 | int64(r.day)
}

func inviteRefOf(a int64) inviteRef {
	const low20 = 1<<20 - 1
	return inviteRef{rule: int32(a >> 40), site: int32(a >> 20 & low20), day: int32(a & low20)}
}

// pack32 packs two 32-bit values into an event argument, hi in the upper
// half; hi32 and lo32 take them out again.
func pack32(hi, lo int32) int64 { return int64(hi)<<32 | int64(uint32(lo)) }

func hi32(a int64) int32 { return int32(a >> 32) }
func lo32(a int64) int32 { return int32(a) }
