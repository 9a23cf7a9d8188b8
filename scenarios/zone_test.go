package scenarios

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"vaxsim/sim/des"
)

// denver is a scenario in a zone with daylight saving time, starting the
// day it falls back (2021-11-07, 02:00 MDT becomes 01:00 MST).
const denver = `[scenario]
start = 2021-11-07
days = 2
time_zone = "America/Denver"

[products.p]
doses_per_vial = 1

[sites.a]
stations = 1
service = "4m"
hours = { default = "08:00-16:00" }

[cohorts.public]
size = 100
attempt_rate = 1
`

// TestFallBack checks instants given with offsets in the hour that
// America/Denver repeats when it falls back: they compare as instants
// (the model's clock is civil and shows the hour once).
func TestFallBack(t *testing.T) {
	if _, err := time.LoadLocation("America/Denver"); err != nil {
		t.Skipf("no zone data for America/Denver: %v", err)
	}
	const h, m = des.Hour, des.Minute
	t.Run("outage", func(t *testing.T) {
		for _, tc := range []struct {
			start, end string
			want       des.Time // the outage's end; 0 for an error
		}{
			// 07:30Z to 08:20Z: 50 minutes from 01:30 civil.
			{"2021-11-07T01:30:00-06:00", "2021-11-07T01:20:00-07:00", h + 80*m},
			{"2021-11-07T01:30:00-06:00", "2021-11-07T01:40:00-06:00", h + 40*m},
			{"2021-11-07T01:30:00-06:00", "2021-11-07T02:30:00-07:00", 2*h + 30*m},
			// 08:20Z to 07:40Z ends before it starts, though 01:20 < 01:40.
			{"2021-11-07T01:20:00-07:00", "2021-11-07T01:40:00-06:00", 0},
		} {
			text := denver + "\n[portal.outages.x]\nstart = " + tc.start + "\nend = " + tc.end + "\n"
			f, err := Parse("denver.toml", []byte(text), nil)
			switch {
			case tc.want == 0 && (err == nil || !strings.Contains(err.Error(), "denver.toml:20: portal.outages.x.end: the outage ends (")):
				t.Errorf("%s to %s: error %v; want the end before the start", tc.start, tc.end, err)
			case tc.want != 0 && err != nil:
				t.Errorf("%s to %s: %v", tc.start, tc.end, err)
			case tc.want != 0 && f.Scenario.Portal.Outages[0].End != tc.want:
				t.Errorf("%s to %s: ends at %v; want %v", tc.start, tc.end, f.Scenario.Portal.Outages[0].End, tc.want)
			}
		}
	})
	logs := func(strict bool, bookings, outages string) (*File, error) {
		text := denver + "\n[replay]\nbookings = \"b.csv\"\noutages = \"o.csv\"\n"
		if strict {
			text += "strict_order = true\n"
		}
		return Load(fstest.MapFS{"d.toml": {Data: []byte(text)}, "b.csv": {Data: []byte(bookings)},
			"o.csv": {Data: []byte(outages)}}, "d.toml", nil)
	}
	noOutages := "start,end\n"
	t.Run("log in true order", func(t *testing.T) {
		b := "time\n2021-11-07T01:50:00-06:00\n2021-11-07T01:10:00-07:00\n2021-11-07T01:40:00-07:00\n2021-11-07T02:10:00\n"
		f, err := logs(true, b, noOutages)
		if err != nil {
			t.Fatalf("strict order, rows in true order: %v", err)
		}
		var at []des.Time
		for _, a := range f.Scenario.Replay.Attempts {
			at = append(at, a.At)
		}
		if want := []des.Time{h + 10*m, h + 40*m, h + 50*m, 2*h + 10*m}; !equalTimes(at, want) {
			t.Errorf("attempts at %v; want %v (sorted on the civil clock)", at, want)
		}
		if w := strings.Join(f.Warnings, "\n"); !strings.Contains(w, "b.csv: 1 rows in true time order come before the row above them on the civil clock") {
			t.Errorf("warnings %q; want one of the repeated hour", f.Warnings)
		}
	})
	t.Run("log in civil order only", func(t *testing.T) {
		b := "time\n2021-11-07T01:10:00-07:00\n2021-11-07T01:50:00-06:00\n"
		if _, err := logs(true, b, noOutages); err == nil || !strings.Contains(err.Error(), "b.csv:3:1: time: before the row above it (line 2)") {
			t.Errorf("strict order, second row before the first in true time: error %v", err)
		}
		if _, err := logs(false, b, noOutages); err != nil {
			t.Errorf("without strict order: %v", err)
		}
	})
	t.Run("log outage", func(t *testing.T) {
		f, err := logs(false, "time\n2021-11-07T09:00\n", "start,end\n2021-11-07T01:30:00-06:00,2021-11-07T01:20:00-07:00\n")
		if err != nil {
			t.Fatal(err)
		}
		if o := f.Scenario.Portal.Outages[0]; o.Start != h+30*m || o.End != h+80*m {
			t.Errorf("outage %v to %v; want 1h30m to 2h20m", o.Start, o.End)
		}
		_, err = logs(false, "time\n2021-11-07T09:00\n", "start,end\n2021-11-07T01:20:00-07:00,2021-11-07T01:40:00-06:00\n")
		if err == nil || !strings.Contains(err.Error(), "o.csv:2:27: end: 2021-11-07T01:40:00-06:00 is not after start") {
			t.Errorf("outage ending before it starts in true time: error %v", err)
		}
	})
}

func equalTimes(a, b []des.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
