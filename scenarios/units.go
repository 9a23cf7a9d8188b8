package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

// maxDurationDays bounds durations written with a day unit.
const maxDurationDays = 100_000

// ParseDuration parses a duration such as "90s", "4m30s", "1.5h", "3d" or
// "1d12h" (units ms, s, m, h and d; a leading sign is allowed) and returns
// it in milliseconds, rounded. A bare number is accepted only for 0.
func ParseDuration(s string) (des.Time, error) {
	in := strings.TrimSpace(s)
	bad := func(why string) error {
		return fmt.Errorf("invalid duration %q: %s; write a number and a unit, as in \"90s\", \"4m30s\", \"2h\" or \"3d\"", s, why)
	}
	if in == "" {
		return 0, bad("empty")
	}
	if in == "0" || in == "+0" || in == "-0" {
		return 0, nil
	}
	if _, err := strconv.ParseFloat(in, 64); err == nil {
		return 0, bad("no unit")
	}
	neg := false
	rest := in
	if rest[0] == '+' || rest[0] == '-' {
		neg = rest[0] == '-'
		rest = rest[1:]
	}
	var total des.Time
	// A leading "Nd" part: days, which time.ParseDuration does not know.
	if i := strings.IndexByte(rest, 'd'); i > 0 {
		days, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil || days < 0 || math.IsInf(days, 0) || math.IsNaN(days) {
			return 0, bad("bad number of days")
		}
		if days > maxDurationDays {
			return 0, bad(fmt.Sprintf("more than %d days", maxDurationDays))
		}
		total = des.FromMillis(days * float64(des.Day))
		rest = rest[i+1:]
	}
	if rest != "" {
		if rest[0] == '+' || rest[0] == '-' {
			return 0, bad("sign inside")
		}
		d, err := time.ParseDuration(rest)
		if err != nil {
			return 0, bad("not understood")
		}
		total += des.FromDuration(d)
	}
	if total == 0 && strings.ContainsAny(strings.TrimLeft(in, "+-"), "123456789") {
		return 0, bad("it rounds to 0 ms, and the model's clock counts whole milliseconds")
	}
	if neg {
		total = -total
	}
	return total, nil
}

// formatDuration writes ms as a short duration ("1h30m", "4m30s", "250ms").
func formatDuration(ms float64) string {
	if ms == 0 {
		return "0s"
	}
	d := time.Duration(math.Round(ms)) * time.Millisecond
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// parseClock parses a time of day "HH:MM" or "HH:MM:SS". "24:00" is
// accepted only when allow24 is set (a closing time).
func parseClock(s string, allow24 bool) (des.Time, error) {
	in := strings.TrimSpace(s)
	parts := strings.Split(in, ":")
	bad := func() (des.Time, error) {
		if allow24 {
			return 0, fmt.Errorf("invalid time of day %q: write HH:MM or HH:MM:SS, 00:00 to 24:00", s)
		}
		return 0, fmt.Errorf("invalid time of day %q: write HH:MM or HH:MM:SS, 00:00 to 23:59:59", s)
	}
	if len(parts) < 2 || len(parts) > 3 {
		return bad()
	}
	var v [3]int
	for i, p := range parts {
		if len(p) < 1 || len(p) > 2 || (i > 0 && len(p) != 2) {
			return bad()
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || p[0] == '+' || p[0] == '-' {
			return bad()
		}
		v[i] = n
	}
	h, m, sec := v[0], v[1], v[2]
	if m > 59 || sec > 59 {
		return bad()
	}
	if h == 24 && m == 0 && sec == 0 && allow24 {
		return des.Day, nil
	}
	if h > 23 {
		return bad()
	}
	return des.Time(h)*des.Hour + des.Time(m)*des.Minute + des.Time(sec)*des.Second, nil
}

// parseClockRange parses opening hours "08:00-17:00" or "closed".
func parseClockRange(s string) (sim.Hours, error) {
	in := strings.TrimSpace(s)
	if in == "closed" {
		return sim.Hours{}, nil
	}
	open, closing, ok := strings.Cut(in, "-")
	if !ok {
		return sim.Hours{}, fmt.Errorf("invalid hours %q: write \"HH:MM-HH:MM\" (\"00:00-24:00\" for around the clock) or \"closed\"", s)
	}
	o, err := parseClock(open, false)
	if err != nil {
		return sim.Hours{}, fmt.Errorf("hours %q: opening: %v", s, err)
	}
	c, err := parseClock(closing, true)
	if err != nil {
		return sim.Hours{}, fmt.Errorf("hours %q: closing: %v", s, err)
	}
	if c <= o {
		return sim.Hours{}, fmt.Errorf("hours %q close before or when they open; hours cannot pass midnight (\"00:00-24:00\" is around the clock, \"closed\" is closed)", s)
	}
	return sim.Hours{Open: o, Close: c}, nil
}

// parseDate parses a civil date "YYYY-MM-DD".
func parseDate(s string) (sim.Date, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return sim.Date{}, fmt.Errorf("invalid date %q: write YYYY-MM-DD, as in 2021-01-22", s)
	}
	return sim.DateOf(t), nil
}

// civilLayouts are the date-time forms without an offset, read as civil
// time in the scenario's zone.
var civilLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04",
	time.DateOnly,
}

// offsetLayouts are the date-time forms with an offset.
var offsetLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04Z07:00",
}

// parseDateTime parses an instant and returns its civil date and clock
// time in loc.
func parseDateTime(s string, loc *time.Location) (sim.Date, des.Time, error) {
	d, clock, _, _, err := parseInstant(s, loc)
	return d, clock, err
}

// parseInstant is parseDateTime, also returning the true instant s names
// and whether it has an offset. Without one, the instant is the civil
// time in loc (in the hour a zone repeats, one of the two).
func parseInstant(s string, loc *time.Location) (sim.Date, des.Time, time.Time, bool, error) {
	in := strings.TrimSpace(s)
	for _, layout := range offsetLayouts {
		if t, err := time.Parse(layout, in); err == nil {
			d, clock, _ := civil(t.In(loc))
			return d, clock, t, true, nil
		}
	}
	for _, layout := range civilLayouts {
		if t, err := time.ParseInLocation(layout, in, time.UTC); err == nil {
			d, clock, _ := civil(t)
			y, mo, day := t.Date()
			h, mi, sec := t.Clock()
			return d, clock, time.Date(y, mo, day, h, mi, sec, t.Nanosecond(), loc), false, nil
		}
	}
	return sim.Date{}, 0, time.Time{}, false, fmt.Errorf("invalid date-time %q: write 2021-01-21T18:00 (in the scenario's zone) or 2021-01-21T18:00:00-07:00", s)
}

// civil returns t's civil date and time of day in t's own location.
func civil(t time.Time) (sim.Date, des.Time, error) {
	h, m, sec := t.Clock()
	clock := des.Time(h)*des.Hour + des.Time(m)*des.Minute + des.Time(sec)*des.Second +
		des.FromDuration(time.Duration(t.Nanosecond()))
	return sim.DateOf(t), clock, nil
}

// instant converts a civil date and clock time to model time relative to
// start, on the civil clock (every day 24 hours).
func instant(start, d sim.Date, clock des.Time) des.Time {
	return des.Time(daysBetween(start, d))*des.Day + clock
}

// daysBetween returns the days from start to d, for any years (Date.Sub
// goes through a time.Duration, which ends at 292 years).
func daysBetween(start, d sim.Date) int {
	return int(daysFromCivil(d.Year, int(d.Month), d.Day) - daysFromCivil(start.Year, int(start.Month), start.Day))
}
