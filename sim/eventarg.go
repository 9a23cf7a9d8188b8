package sim

// Event arguments that carry more than one value. Each is a small type
// whose arg method packs it into the int64 argument of an event, and
// whose ...Of function unpacks one. Each field's range is the one its
// bits allow, given in the type's comment; TestEventArgs checks every
// field at both ends of its range.

// personRef names a person record and its token: an event scheduled for
// a record that has been freed (and perhaps reused) since carries a stale
// token and is ignored.
type personRef struct {
	rec   int32 // index in the person store, >= 0
	token uint32
}

func (r personRef) arg() int64 { return pack32(uint32(r.rec), r.token) }

func personRefOf(a int64) personRef {
	hi, lo := unpack32(a)
	return personRef{int32(hi), lo}
}

// siteDay names a day of a site: the release of its slots.
type siteDay struct {
	site, day int32 // >= 0
}

func (r siteDay) arg() int64 { return pack32(uint32(r.site), uint32(r.day)) }

func siteDayOf(a int64) siteDay {
	hi, lo := unpack32(a)
	return siteDay{int32(hi), int32(lo)}
}

// stockRef names a site's stock of one product: the lapse of its open
// vial.
type stockRef struct {
	site, product int32 // >= 0
}

func (r stockRef) arg() int64 { return pack32(uint32(r.site), uint32(r.product)) }

func stockRefOf(a int64) stockRef {
	hi, lo := unpack32(a)
	return stockRef{int32(hi), int32(lo)}
}

// retryRef is a simulated retry of a replayed cohort (replay.go): the
// cohort, and the earlier failures of the person retrying.
type retryRef struct {
	cohort, failures int32 // >= 0
}

func (r retryRef) arg() int64 { return pack32(uint32(r.cohort), uint32(r.failures)) }

func retryRefOf(a int64) retryRef {
	hi, lo := unpack32(a)
	return retryRef{int32(hi), int32(lo)}
}

// attemptRef is a cohort's pending booking-attempt event: the cohort, its
// token when the event was scheduled (a later scheduling makes it stale)
// and whether the event only wakes the cohort when it becomes eligible.
type attemptRef struct {
	cohort int32 // 0 .. 2^30-1
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
	rule int32 // 0 .. 2^23-1
	site int32 // 0 .. 2^20-1
	day  int32 // 0 .. 2^20-1
}

func (r inviteRef) arg() int64 {
	return int64(r.rule)<<40 | int64(r.site)<<20 | int64(r.day)
}

func inviteRefOf(a int64) inviteRef {
	const low20 = 1<<20 - 1
	return inviteRef{rule: int32(a >> 40), site: int32(a >> 20 & low20), day: int32(a & low20)}
}

// pack32 packs two 32-bit values into an event argument, hi in the upper
// half; unpack32 takes them out again.
func pack32(hi, lo uint32) int64 { return int64(hi)<<32 | int64(lo) }

func unpack32(a int64) (hi, lo uint32) { return uint32(a >> 32), uint32(a) }
