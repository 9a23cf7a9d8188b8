package output

import (
	"math"
	"strconv"
	"strings"
)

// missing reports whether v is written as null or an empty cell.
func missing(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

// formatNumber returns the text of a finite v: an integral value with
// magnitude below 2^53 as a plain integer, any other as the shortest
// 'g' form that reads back to v. Negative zero is written as 0.
func formatNumber(v float64) string {
	if v == 0 {
		return "0"
	}
	if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// cell returns the CSV cell of v: empty if v is NaN or infinite.
func cell(v float64) string {
	if missing(v) {
		return ""
	}
	return formatNumber(v)
}

// jsonNumber returns the JSON text of v: null if v is NaN or infinite.
func jsonNumber(v float64) string {
	if missing(v) {
		return "null"
	}
	return formatNumber(v)
}

// parseCell reads a CSV cell written by cell: empty is NaN.
func parseCell(s string) (float64, error) {
	if s == "" {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

// grouped formats v with the given number of decimals and commas between
// groups of three digits: grouped(1298.4, 0) is "1,298".
func grouped(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
		if strings.Trim(s, "0.") == "" {
			sign = "" // no "-0"
		}
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	b.WriteString(frac)
	return b.String()
}
