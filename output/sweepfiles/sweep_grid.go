package sweepfiles

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// MaxSweepPoints bounds the number of points of a sweep's grid.
const MaxSweepPoints = 1_000_000

// Param is one varied scenario field of a sweep and the values it takes.
type Param struct {
	// Key is the field's TOML path, as in sites.tcc.stations.
	Key string `json:"key"`
	// Spec is the values as the user wrote them after the '=': a list
	// "8,10,12", a range "8:16:2" or a log range "log:1:100:3".
	Spec string `json:"spec"`
	// Values are the field's values in TOML syntax, in order: as written
	// for a list, generated for a range.
	Values []string `json:"values"`
}

// Grid is the full factorial grid of a sweep: every combination of the
// values of its parameters. Points are numbered from 0 in row-major order:
// the first parameter varies slowest and the last fastest, so a point's
// number, its id, depends only on the parameters and their values.
type Grid struct {
	Params []Param
}

// ParseVary parses one --vary argument, "key=values", where values is one
// of:
//
//   - a comma-separated list of TOML values, "8,10,12" or "\"a\",\"b\"":
//     commas inside strings, arrays and inline tables do not separate;
//   - an inclusive range "lo:hi:step" of decimal numbers, stepped exactly
//     (0:0.3:0.1 gives 0.0, 0.1, 0.2, 0.3) and written with as many
//     decimals as the most precise of the three; hi - lo must be a whole
//     number of steps;
//   - a log range "log:lo:hi:n": n values from lo to hi, both positive,
//     evenly spaced in logarithm. If lo and hi are written as integers the
//     values are rounded to integers, else written as floats with six
//     significant digits.
//
// Values must be distinct. ParseVary checks the syntax only: whether a
// value suits its field is for the scenario to say.
func ParseVary(arg string) (Param, error) {
	key, spec, ok := strings.Cut(arg, "=")
	key, spec = strings.TrimSpace(key), strings.TrimSpace(spec)
	if !ok || key == "" {
		return Param{}, fmt.Errorf("--vary %s: want key=values, as in sites.tcc.stations=8,10,12", arg)
	}
	p := Param{Key: key, Spec: spec}
	var err error
	switch {
	case spec == "":
		err = errors.New("no values after '='")
	case strings.HasPrefix(spec, "log:"):
		p.Values, err = logRange(spec)
	case isRange(spec):
		p.Values, err = linearRange(spec)
	default:
		p.Values, err = splitValues(spec)
	}
	if err == nil {
		err = checkDistinct(p.Values)
	}
	if err != nil {
		return Param{}, fmt.Errorf("--vary %s: %v", arg, err)
	}
	return p, nil
}

// decimalRE matches a plain decimal number as TOML writes it: no leading
// zeros, no exponent, no underscores.
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
	if !steps.Num().IsInt64() || steps.Num().Int64() >= MaxSweepPoints {
		return nil, fmt.Errorf("range %s: more than %d values", spec, MaxSweepPoints)
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
	case n > MaxSweepPoints:
		return nil, fmt.Errorf("log range %s: more than %d values", spec, MaxSweepPoints)
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
// commas inside strings, arrays and inline tables.
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
	}
	return values, nil
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

// NewGrid returns the grid of params after checking that there is at
// least one parameter, that keys are distinct and that the grid has at
// most MaxSweepPoints points.
func NewGrid(params []Param) (*Grid, error) {
	if len(params) == 0 {
		return nil, errors.New("a sweep needs at least one varied key (--vary key=values)")
	}
	n := 1
	for i, p := range params {
		if len(p.Values) == 0 {
			return nil, fmt.Errorf("--vary %s has no values", p.Key)
		}
		for _, q := range params[:i] {
			if q.Key == p.Key {
				return nil, fmt.Errorf("--vary %s is given twice; give all its values in one --vary", p.Key)
			}
		}
		if n > MaxSweepPoints/len(p.Values) {
			return nil, fmt.Errorf("the grid has more than %d points", MaxSweepPoints)
		}
		n *= len(p.Values)
	}
	return &Grid{Params: params}, nil
}

// Len returns the number of points: the product of the numbers of values.
func (g *Grid) Len() int {
	n := 1
	for _, p := range g.Params {
		n *= len(p.Values)
	}
	return n
}

// Keys returns the parameters' keys in order.
func (g *Grid) Keys() []string {
	keys := make([]string, len(g.Params))
	for i, p := range g.Params {
		keys[i] = p.Key
	}
	return keys
}

// Values returns the values of the parameters at point id, in the order of
// the parameters. It panics if id is not in [0, Len()).
func (g *Grid) Values(id int) []string {
	if id < 0 || id >= g.Len() {
		panic(fmt.Sprintf("output: point %d is outside a grid of %d points", id, g.Len()))
	}
	values := make([]string, len(g.Params))
	for i := len(g.Params) - 1; i >= 0; i-- {
		vs := g.Params[i].Values
		values[i] = vs[id%len(vs)]
		id /= len(vs)
	}
	return values
}

// Sets returns the overrides that make point id of the base scenario:
// "key=value" for each parameter, in the syntax of --set. It panics if id
// is not in [0, Len()).
func (g *Grid) Sets(id int) []string {
	values := g.Values(id)
	sets := make([]string, len(values))
	for i, v := range values {
		sets[i] = g.Params[i].Key + "=" + v
	}
	return sets
}

// Equal reports whether g and h have the same keys with the same values
// in the same order, and so number their points alike.
func (g *Grid) Equal(h *Grid) bool {
	if len(g.Params) != len(h.Params) {
		return false
	}
	for i, p := range g.Params {
		q := h.Params[i]
		if p.Key != q.Key || !slices.Equal(p.Values, q.Values) {
			return false
		}
	}
	return true
}
