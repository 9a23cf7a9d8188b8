package scenarios

import (
	"bytes"
	"fmt"
	"testing"
	"testing/fstest"
	"time"
)

// millionCSV returns a booking log of n rows for the seed day: first
// attempts of phase1b spread over the day before and the day, a quarter
// with the site and slot they booked.
func millionCSV(n int) []byte {
	var b bytes.Buffer
	b.Grow(n * 64)
	b.WriteString("time,cohort,site,appointment,attempt,outcome\n")
	from := time.Date(2021, 1, 21, 8, 0, 0, 0, time.UTC)
	step := 40 * time.Hour / time.Duration(n)
	for i := range n {
		t := from.Add(time.Duration(i) * step).Format("2006-01-02T15:04:05.000")
		if i%4 == 0 {
			fmt.Fprintf(&b, "%s,phase1b,tcc,2021-01-22T%02d:%02d:00,1,booked\n", t, 8+i%9, i%6*10)
		} else {
			fmt.Fprintf(&b, "%s,phase1b,,,%d,no_slot\n", t, 1+i%3)
		}
	}
	return b.Bytes()
}

// millionFS is the seed day with a booking log of n rows.
func millionFS(n int) fstest.MapFS {
	seed, _ := Open(DefaultName)
	text := append(bytes.Clone(seed), "\n[replay]\nbookings = \"bookings.csv\"\n"...)
	return fstest.MapFS{"day.toml": {Data: text}, "bookings.csv": {Data: millionCSV(n)}}
}

// BenchmarkLoadMillion loads a scenario with a booking log of a million
// rows (the replay issue asks for under a second).
func BenchmarkLoadMillion(b *testing.B) {
	fsys := millionFS(1_000_000)
	b.SetBytes(int64(len(fsys["bookings.csv"].Data)))
	for b.Loop() {
		f, err := Load(fsys, "day.toml", nil)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(f.Scenario.Replay.Attempts); n != 1_000_000 {
			b.Fatalf("%d rows", n)
		}
	}
}
