package scenarios

import (
	"reflect"
	"sort"

	"github.com/BurntSushi/toml"
)

// Keys returns every key path that --set and --vary accept for the
// scenario f, sorted: each field of each table f has, named entries by
// their names (sites.tcc.stations, sites.tmc.periods.ramp.hours.sat), and
// each field of the fixed tables any scenario may have (scenario,
// portal, portal.random_outages, second_doses, replay). New named
// entries can be added with --set too; their keys are not listed.
func Keys(f *File) []string {
	var tree map[string]any
	if _, err := toml.Decode(string(f.Resolved), &tree); err != nil {
		return nil // Resolved is written by this package and always decodes
	}
	spec := DefaultSpec()
	d := &decoder{c: newCollector(f.Source), order: map[string]int{}}
	d.decode(tree, reflect.ValueOf(&spec).Elem(), nil)
	var keys []string
	keysOf(reflect.ValueOf(spec), "", &keys)
	sort.Strings(keys)
	return keys
}

// keysOf appends the key paths of the table v, at prefix, to keys.
func keysOf(v reflect.Value, prefix string, keys *[]string) {
	t := v.Type()
	for i := range t.NumField() {
		key := t.Field(i).Tag.Get("toml")
		if key == "" {
			continue
		}
		fv, path := v.Field(i), prefix+key
		switch {
		case fv.Type().Implements(namedIface):
			for j := range fv.Len() {
				e := fv.Index(j)
				keysOf(e.Field(1), path+"."+e.Field(0).String()+".", keys)
			}
		case fv.Kind() == reflect.Struct:
			keysOf(fv, path+".", keys)
		default:
			*keys = append(*keys, path)
		}
	}
}
