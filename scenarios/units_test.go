package scenarios

import (
	"strings"
	"testing"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want des.Time
		err  string
	}{
		{in: "0", want: 0},
		{in: "0s", want: 0},
		{in: "90s", want: 90 * des.Second},
		{in: "4m30s", want: 4*des.Minute + 30*des.Second},
		{in: "1.5h", want: 90 * des.Minute},
		{in: "250ms", want: 250},
		{in: "3d", want: 3 * des.Day},
		{in: "1d12h", want: 36 * des.Hour},
		{in: "-5m", want: -5 * des.Minute},
		{in: " 2h ", want: 2 * des.Hour},
		{in: "1.4ms", want: 1},
		{in: "", err: "empty"},
		{in: "4", err: "no unit"},
		{in: "4 m", err: "not understood"},
		{in: "4x", err: "not understood"},
		{in: "d", err: "not understood"},
		{in: "1d-2h", err: "sign inside"},
		{in: "200000d", err: "more than 100000 days"},
		{in: "99999999999h", err: "not understood"},
	} {
		got, err := ParseDuration(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseDuration(%q) error = %v; want one containing %q", tc.in, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseClockRange(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want sim.Hours
		err  string
	}{
		{in: "08:00-17:00", want: sim.Hours{Open: 8 * des.Hour, Close: 17 * des.Hour}},
		{in: "8:00 - 16:30", want: sim.Hours{Open: 8 * des.Hour, Close: 16*des.Hour + 30*des.Minute}},
		{in: "00:00-24:00", want: sim.Hours{Open: 0, Close: des.Day}},
		{in: "07:30:15-19:00:00", want: sim.Hours{Open: 7*des.Hour + 30*des.Minute + 15*des.Second, Close: 19 * des.Hour}},
		{in: "closed", want: sim.Hours{}},
		{in: "17:00-08:00", err: "close before"},
		{in: "08:00-08:00", err: "close before or when"},
		{in: "22:00-06:00", err: "cannot pass midnight"},
		{in: "24:00-24:00", err: "opening"},
		{in: "08:00-24:01", err: "closing"},
		{in: "08:00", err: "write \"HH:MM-HH:MM\""},
		{in: "8am-5pm", err: "invalid time of day"},
		{in: "08:60-17:00", err: "invalid time of day"},
		{in: "08:0-17:00", err: "invalid time of day"},
		{in: "-1:00-17:00", err: "invalid"},
	} {
		got, err := parseClockRange(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("parseClockRange(%q) error = %v; want one containing %q", tc.in, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("parseClockRange(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	for _, tc := range []struct {
		ms   float64
		want string
	}{
		{0, "0s"}, {250, "250ms"}, {10_000, "10s"}, {60_000, "1m"}, {90_000, "1m30s"},
		{float64(des.Hour), "1h"}, {float64(des.Hour + des.Minute), "1h1m"}, {float64(des.Hour + des.Second), "1h0m1s"},
	} {
		if got := formatDuration(tc.ms); got != tc.want {
			t.Errorf("formatDuration(%v) = %q, want %q", tc.ms, got, tc.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	valid := []string{"stations", "service", "slot_length", "standby"}
	for _, tc := range []struct{ in, want string }{
		{"statons", "stations"},
		{"Stations", "stations"},
		{"servise", "service"},
		{"slotlength", "slot_length"},
		{"xyz", ""},
		{"capacity", ""},
	} {
		if got := nearest(tc.in, valid); got != tc.want {
			t.Errorf("nearest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDefaultName(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"pima-tcc-2021-01-22.toml", "pima-tcc-2021-01-22"},
		{"dir/sub/my scenario.toml", "my-scenario"},
		{"/abs/v1.2.toml", "v1.2"},
		{".hidden.toml", "hidden"},
		{"--.toml", "scenario"},
	} {
		if got := defaultName(tc.file); got != tc.want {
			t.Errorf("defaultName(%q) = %q, want %q", tc.file, got, tc.want)
		}
	}
}
