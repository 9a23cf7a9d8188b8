package runfiles

import (
	"math"
	"strconv"
)

// missing reports whether v is written as null or an empty cell.
func missing(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

// FormatNumber returns the text of a finite v: an integral value with
// magnitude below 2^53 as a plain integer, any other as the shortest
// 'g' form that reads back to v. Negative zero is written as 0.
func FormatNumber(v float64) string {
	if v == 0 {
		return "0"
	}
	if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Cell returns the CSV cell of v: empty if v is NaN or infinite.
func Cell(v float64) string {
	if missing(v) {
		return ""
	}
	return FormatNumber(v)
}

// jsonNumber returns the JSON text of v: null if v is NaN or infinite.
func jsonNumber(v float64) string {
	if missing(v) {
		return "null"
	}
	return FormatNumber(v)
}

// ParseCell reads a CSV cell written by cell: empty is NaN.
func ParseCell(s string) (float64, error) {
	if s == "" {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}
