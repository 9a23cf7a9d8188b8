package sim

import (
	"math"
	"testing"
)

// eventArg is a value packed into an event argument.
type eventArg interface{ arg() int64 }

// TestEventArgs packs and unpacks each kind of event argument with every
// field at both ends of its range, alone and together.
func TestEventArgs(t *testing.T) {
	person := func(a int64) eventArg { return personRefOf(a) }
	day := func(a int64) eventArg { return siteDayOf(a) }
	stock := func(a int64) eventArg { return stockRefOf(a) }
	retry := func(a int64) eventArg { return retryRefOf(a) }
	attempt := func(a int64) eventArg { return attemptRefOf(a) }
	invite := func(a int64) eventArg { return inviteRefOf(a) }
	const maxI, maxU = math.MaxInt32, math.MaxUint32
	tests := []struct {
		in     eventArg
		unpack func(int64) eventArg
	}{
		{personRef{0, 0}, person},
		{personRef{maxI, 0}, person},
		{personRef{0, maxU}, person},
		{personRef{maxI, maxU}, person},
		{siteDay{0, 0}, day},
		{siteDay{maxI, 0}, day},
		{siteDay{0, maxI}, day},
		{siteDay{maxI, maxI}, day},
		{stockRef{0, 0}, stock},
		{stockRef{maxI, 0}, stock},
		{stockRef{0, maxI}, stock},
		{stockRef{maxI, maxI}, stock},
		{retryRef{0, 0}, retry},
		{retryRef{maxI, 0}, retry},
		{retryRef{0, maxI}, retry},
		{retryRef{maxI, maxI}, retry},
		{attemptRef{0, 0, false}, attempt},
		{attemptRef{0, 0, true}, attempt},
		{attemptRef{1<<30 - 1, 0, false}, attempt},
		{attemptRef{0, maxU, false}, attempt},
		{attemptRef{1<<30 - 1, maxU, true}, attempt},
		{inviteRef{0, 0, 0}, invite},
		{inviteRef{1<<23 - 1, 0, 0}, invite},
		{inviteRef{0, 1<<20 - 1, 0}, invite},
		{inviteRef{0, 0, 1<<20 - 1}, invite},
		{inviteRef{1<<23 - 1, 1<<20 - 1, 1<<20 - 1}, invite},
	}
	for _, tc := range tests {
		a := tc.in.arg()
		if got := tc.unpack(a); got != tc.in {
			t.Errorf("%T%+v packed to %#x unpacks to %+v", tc.in, tc.in, a, got)
		}
	}
}
