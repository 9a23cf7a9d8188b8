package des

import (
	"math"
	"time"
)

// Time is a simulated instant or duration: an int64 count of milliseconds.
type Time int64

// Units of Time.
const (
	Millisecond Time = 1
	Second           = 1000 * Millisecond
	Minute           = 60 * Second
	Hour             = 60 * Minute
	Day              = 24 * Hour
)

// Never is a time later than any event; Peek returns it on an empty calendar.
const Never Time = math.MaxInt64

// FromDuration converts a time.Duration to Time, rounding to the nearest
// millisecond (halves away from zero).
func FromDuration(d time.Duration) Time {
	return Time(d.Round(time.Millisecond) / time.Millisecond)
}

// Duration converts t to a time.Duration.
func (t Time) Duration() time.Duration { return time.Duration(t) * time.Millisecond }

// Minutes returns t in minutes.
func (t Time) Minutes() float64 { return float64(t) / float64(Minute) }

// Hours returns t in hours.
func (t Time) Hours() float64 { return float64(t) / float64(Hour) }

// FromMillis rounds a float count of milliseconds to Time (halves away
// from zero). Values beyond the range of Time saturate; NaN gives 0.
func FromMillis(ms float64) Time {
	switch {
	case ms != ms:
		return 0
	case ms >= math.MaxInt64:
		return math.MaxInt64
	case ms <= math.MinInt64:
		return math.MinInt64
	}
	return Time(math.Round(ms))
}

// FromMinutes rounds a float count of minutes to Time.
func FromMinutes(min float64) Time { return FromMillis(min * float64(Minute)) }

// DayOf returns the index of the day holding t (floor division, so
// negative times fall on negative days) and the time of day.
func DayOf(t Time) (day int, clock Time) {
	d := t / Day
	c := t % Day
	if c < 0 {
		d--
		c += Day
	}
	return int(d), c
}
