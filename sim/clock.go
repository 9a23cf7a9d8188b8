package sim

import (
	"math"

	"vaxsim/sim/des"
)

// flat is the hour-of-day profile of a constant rate.
var flat = func() (w [24]float64) {
	for i := range w {
		w[i] = 1
	}
	return
}()

// nextPoisson returns the time of the first event after now of a Poisson
// process whose rate per millisecond is a*w[hour of day] + b, given e, a
// draw from Exp(1); or des.Never when that falls at or after limit. The
// rate is piecewise constant by hour, so the time is found exactly by
// spending e hour by hour (whole days at once when e outlasts one).
func nextPoisson(now des.Time, e, a, b float64, w *[24]float64, limit des.Time) des.Time {
	if a < 0 || b < 0 || a == 0 && b == 0 {
		return des.Never
	}
	perDay := -1.0 // the rate's integral over a whole day, when first needed
	t := now
	for t < limit {
		day, clock := des.DayOf(t)
		if clock == 0 {
			if perDay < 0 {
				var sumW float64
				for _, x := range w {
					sumW += x
				}
				perDay = a*sumW*float64(des.Hour) + b*float64(des.Day)
				if perDay <= 0 {
					return des.Never
				}
			}
			if e > perDay {
				k := math.Floor(e / perDay)
				if float64(limit-t) <= k*float64(des.Day) {
					return des.Never
				}
				t += des.Time(k) * des.Day
				e -= k * perDay
				continue
			}
		}
		h := int(clock / des.Hour)
		end := des.Time(day)*des.Day + des.Time(h+1)*des.Hour
		rate := a*w[h] + b
		span := float64(end - t)
		if rate > 0 && rate*span >= e {
			at := t + des.FromMillis(e/rate)
			if at >= end { // rounding
				at = end - 1
			}
			if at < now {
				at = now
			}
			if at >= limit {
				return des.Never
			}
			return at
		}
		e -= rate * span
		t = end
	}
	return des.Never
}
