package scenarios

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// MaxVaryValues bounds the number of values of one varied key.
const MaxVaryValues = 1_000_000

// Vary is one varied field of a sweep, from a --vary argument or an
// entry of a sweep file's vary list.
type Vary struct {
	// Key is the field's TOML path, as in sites.tcc.stations.
	Key string
	// Spec is the values as written after the '=': a list "8,10,12", a
	// range "8:16:2" or a log range "log:1:100:3".
	Spec string
	// Values are the field's values in TOML syntax, in order: as written
	// for a list, generated for a range. Each is a valid --set value.
	Values []string
	// Plain are the same values as plain text, for tables: a TOML string
	// without its quotes and escapes, any other value as in Values.
	Plain []string
}

// ParseVary parses one --vary argument, "key=values", where values is one
// of:
//
//   - a comma-separated list of TOML values, "8,10,12" or "\"a\",\"b\"":
//     commas inside strings, arrays and inline tables do not separate;
//     each value must decode as TOML;
//   - an inclusive range "lo:hi:step" of decimal numbers, stepped exactly
//     (0:0.3:0.1 gives 0.0, 0.1, 0.2, 0.3) and written with as many
//     decimals as the most precise of the three; hi - lo must be a whole
//     number of steps;
//   - a log range "log:lo:hi:n": n values from lo to hi, both positive,
//     evenly spaced in logarithm. If lo and hi are written as integers the
//     values are rounded to integers, else written as floats with six
//     significant digits.
//
// A decimal number here is written as TOML writes a plain one: an
// optional sign, no leading zeros, no exponent, no underscores (so a
// local time such as 07:30:00 is a value, not a range).
//
// Values must be distinct as written, and at most MaxVaryValues. The
// error is "--vary ARG: message". ParseVary checks the values only as
// TOML: whether a value suits its field is for Load, given the value
// with --set, to say.
func ParseVary(arg string) (Vary, error) {
	key, spec, ok := strings.Cut(arg, "=")
	key, spec = strings.TrimSpace(key), strings.TrimSpace(spec)
	if !ok || key == "" {
		return Vary{}, fmt.Errorf("--vary %s: want key=values, as in sites.tcc.stations=8,10,12", arg)
	}
	v := Vary{Key: key, Spec: spec}
	var err error
	switch {
	case spec == "":
		err = errors.New("no values after '='")
	case strings.HasPrefix(spec, "log:"):
		v.Values, err = logRange(spec)
	case isRange(spec):
		v.Values, err = linearRange(spec)
	default:
		v.Values, err = splitValues(spec)
	}
	if err == nil {
		err = checkDistinct(v.Values)
	}
	if err != nil {
		return Vary{}, fmt.Errorf("--vary %s: %v", arg, err)
	}
	for _, value := range v.Values {
		v.Plain = append(v.Plain, plainValue(value))
	}
	return v, nil
}

// plainValue returns the TOML value v as plain text: the string if v is a
// TOML string, else v itself.
func plainValue(v string) string {
	var m map[string]any
	if _, err := toml.Decode("v = "+v+"\n", &m); err == nil {
		if s, ok := m["v"].(string); ok {
			return s
		}
	}
	return v
}

// decimalRE matches a plain decimal number as TOML writes it: no leading
// zeros, no exponent, no underscores. It defines the numbers of a range,
// which are stricter than TOML's.
var decimalRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[+-]?(0|[1-9][0-9]*)(\.[0-9]+)?$`) })

// isRange reports whether spec is lo:hi:step with three decimal numbers
// (a TOML local time such as 07:30:00 is not: its parts have leading zeros).
func isRange(spec string) bool {
	parts := strings.Split(spec, ":")
	if len(parts) != 3 {
		return false
	}
	for _, s := range parts {
		if !decimalRE().MatchString(s) {
			return false
		}
	}
	return true
}

// decimals returns the number of digits after the point of a decimal.
func decimals(s string) int {
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

func linearRange(spec string) ([]string, error) {
	parts := strings.Split(spec, ":")
	var r [3]big.Rat
	places := 0
	for i, s := range parts {
		r[i].SetString(s) // a decimal always parses
		places = max(places, decimals(s))
	}
	lo, hi, step := &r[0], &r[1], &r[2]
	if step.Sign() <= 0 {
		return nil, fmt.Errorf("range %s: the step must be positive", spec)
	}
	if hi.Cmp(lo) < 0 {
		return nil, fmt.Errorf("range %s: hi is below lo", spec)
	}
	steps := new(big.Rat).Quo(new(big.Rat).Sub(hi, lo), step)
	if !steps.IsInt() {
		return nil, fmt.Errorf("range %s: hi - lo is not a whole number of steps", spec)
	}
	if !steps.Num().IsInt64() || steps.Num().Int64() >= MaxVaryValues {
		return nil, fmt.Errorf("range %s: more than %d values", spec, MaxVaryValues)
	}
	n := int(steps.Num().Int64()) + 1
	values := make([]string, n)
	v := new(big.Rat).Set(lo)
	for i := range values {
		values[i] = v.FloatString(places)
		v.Add(v, step)
	}
	return values, nil
}

func logRange(spec string) ([]string, error) {
	parts := strings.Split(strings.TrimPrefix(spec, "log:"), ":")
	if len(parts) != 3 {
		return nil, fmt.Errorf("log range %s: want log:lo:hi:n", spec)
	}
	for _, s := range parts[:2] {
		if !decimalRE().MatchString(s) {
			return nil, fmt.Errorf("log range %s: %q is not a decimal number", spec, s)
		}
	}
	lo, _ := strconv.ParseFloat(parts[0], 64)
	hi, _ := strconv.ParseFloat(parts[1], 64)
	n, err := strconv.Atoi(parts[2])
	switch {
	case err != nil || n < 2:
		return nil, fmt.Errorf("log range %s: n must be an integer of at least 2", spec)
	case n > MaxVaryValues:
		return nil, fmt.Errorf("log range %s: more than %d values", spec, MaxVaryValues)
	case lo <= 0 || hi <= lo:
		return nil, fmt.Errorf("log range %s: want 0 < lo < hi", spec)
	}
	integers := decimals(parts[0]) == 0 && decimals(parts[1]) == 0
	values := make([]string, n)
	for i := range values {
		v := lo
		switch i {
		case 0:
		case n - 1:
			v = hi
		default:
			v = math.Exp(math.Log(lo) + float64(i)/float64(n-1)*(math.Log(hi)-math.Log(lo)))
		}
		if integers {
			values[i] = strconv.FormatFloat(math.Round(v), 'f', 0, 64)
		} else {
			values[i] = tomlFloat(v)
		}
	}
	if integers {
		if err := checkDistinct(values); err != nil {
			return nil, fmt.Errorf("log range %s: rounded to integers, %v; use fewer values or write lo and hi as decimals", spec, err)
		}
	}
	return values, nil
}

// tomlFloat writes v with six significant digits as a TOML float: with a
// point or an exponent.
func tomlFloat(v float64) string {
	s := strconv.FormatFloat(v, 'g', 6, 64)
	if !strings.ContainsAny(s, ".eEn") { // n: NaN and Inf, which cannot occur
		s += ".0"
	}
	return s
}

// splitValues splits a comma-separated list of TOML values, ignoring the
// commas inside strings, arrays and inline tables, and checks each value
// with the TOML decoder. The split only finds where values end; the
// decoder says whether each is TOML.
func splitValues(spec string) ([]string, error) {
	var values []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(spec); i++ {
		c := spec[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			values = append(values, strings.TrimSpace(spec[start:i]))
			start = i + 1
		}
	}
	if quote != 0 || depth != 0 {
		return nil, errors.New("unterminated string, array or inline table")
	}
	values = append(values, strings.TrimSpace(spec[start:]))
	for i, v := range values {
		if v == "" {
			return nil, fmt.Errorf("value %d of the list is empty", i+1)
		}
		if err := checkValue(v); err != nil {
			return nil, fmt.Errorf("value %d of the list, %s, %v", i+1, plainExcerpt(v), err)
		}
	}
	return values, nil
}

// checkValue returns an error unless v, after the limits on nesting that
// protect the decoder, decodes as one TOML value.
func checkValue(v string) error {
	doc := "v = " + v + "\n"
	if _, lerr := scanText("", []byte(doc), maxDepth, maxKeys); lerr != nil {
		return errors.New("is nested too deeply")
	}
	var m map[string]any
	if _, err := toml.Decode(doc, &m); err != nil || len(m) != 1 {
		msg := "is not a TOML value"
		if pe, ok := err.(toml.ParseError); ok {
			msg += " (" + pe.Message + ")"
		}
		return fmt.Errorf("%s; write strings in quotes, as in \"%s\"", msg, strings.ReplaceAll(v, `"`, `\"`))
	}
	return nil
}

func checkDistinct(values []string) error {
	seen := make(map[string]bool, len(values))
	for _, v := range values {
		if seen[v] {
			return fmt.Errorf("the value %s appears twice", v)
		}
		seen[v] = true
	}
	return nil
}
