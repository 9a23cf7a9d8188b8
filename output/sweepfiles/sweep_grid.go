package sweepfiles

import (
	"errors"
	"fmt"
	"slices"
)

// maxPoints bounds the number of points of a sweep's grid.
const maxPoints = 1_000_000

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
	// Plain are the values as plain text, as points.csv holds them: a
	// TOML string without its quotes, any other value as in Values. Nil
	// (in a sweep.json of an older vaxsim) means the same as Values.
	Plain []string `json:"plain,omitempty"`
}

// Grid is the full factorial grid of a sweep: every combination of the
// values of its parameters. Points are numbered from 0 in row-major order:
// the first parameter varies slowest and the last fastest, so a point's
// number, its id, depends only on the parameters and their values.
type Grid struct {
	Params []Param
}

// NewGrid returns the grid of params after checking that there is at
// least one parameter, that keys are distinct and that the grid has at
// most maxPoints points.
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
		if n > maxPoints/len(p.Values) {
			return nil, fmt.Errorf("the grid has more than %d points", maxPoints)
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
	return g.values(id, func(p Param) []string { return p.Values })
}

// PlainValues returns the values of point id as plain text (see
// [Param]), as points.csv holds them. It panics as Values does.
func (g *Grid) PlainValues(id int) []string {
	return g.values(id, func(p Param) []string {
		if len(p.Plain) == len(p.Values) {
			return p.Plain
		}
		return p.Values
	})
}

// values returns the values of point id taken from each parameter's list
// of.
func (g *Grid) values(id int, of func(Param) []string) []string {
	if id < 0 || id >= g.Len() {
		panic(fmt.Sprintf("sweepfiles: point %d is outside a grid of %d points", id, g.Len()))
	}
	values := make([]string, len(g.Params))
	for i := len(g.Params) - 1; i >= 0; i-- {
		vs := of(g.Params[i])
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
