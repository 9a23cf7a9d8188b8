package compare_test

import (
	"testing"

	"vaxsim/output/compare"
)

func TestParseTolerance(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"2%", 0.02, true},
		{"0.5%", 0.005, true},
		{"150%", 1.5, true},
		{"0.02", 0.02, true},
		{"0", 0, true},
		{" 3% ", 0.03, true},
		{"1", 0, false},
		{"-2%", 0, false},
		{"NaN%", 0, false},
		{"inf", 0, false},
		{"%", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, err := compare.ParseTolerance(tt.in)
		if (err == nil) != tt.ok || tt.ok && got != tt.want {
			t.Errorf("compare.ParseTolerance(%q) = %g, %v; want %g, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
