package queueing

import (
	"math"
	"testing"
)

// Reference values: B from the textbook sum B = (a^c/c!) / sum_{k<=c} a^k/k!
// and C from C = (a^c/c! c/(c-a)) / (sum_{k<c} a^k/k! + a^c/c! c/(c-a)),
// evaluated directly (not by the recurrences under test).
func TestErlang(t *testing.T) {
	tests := []struct {
		c        int
		a        float64
		b, cprob float64
	}{
		// c=1: B = a/(1+a), C = a (the M/M/1 probability of waiting is rho).
		{1, 0.5, 1.0 / 3, 0.5},
		// c=2, a=1: B = 1/5, C = 1/3.
		{2, 1, 0.2, 1.0 / 3},
		// c=10, a=8 by the direct sums.
		{10, 8, 0.1216610642529515, 0.4091801507964435},
	}
	for _, tc := range tests {
		if got := ErlangB(tc.c, tc.a); math.Abs(got-tc.b) > 1e-7 {
			t.Errorf("ErlangB(%d, %v) = %v, want %v", tc.c, tc.a, got, tc.b)
		}
		if got := ErlangC(tc.c, tc.a); math.Abs(got-tc.cprob) > 1e-7 {
			t.Errorf("ErlangC(%d, %v) = %v, want %v", tc.c, tc.a, got, tc.cprob)
		}
	}
	// M/M/1: Wq = rho / (mu - lambda).
	if got, want := MMCWait(1, 0.8, 1), 0.8/0.2; math.Abs(got-want) > 1e-12 {
		t.Errorf("MMCWait(1, 0.8, 1) = %v, want %v", got, want)
	}
	if !math.IsNaN(ErlangC(2, 2)) || !math.IsNaN(ErlangB(-1, 1)) {
		t.Error("out-of-domain inputs do not give NaN")
	}
}
