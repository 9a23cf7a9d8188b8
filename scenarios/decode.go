package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"
)

// The decoder fills a Spec from the generic tree that the TOML parser
// returns (map[string]any). It is strict: a key the schema does not know
// is an error with a did-you-mean, a value of the wrong type is an error
// naming what was found, and it goes on after an error so that every
// problem is reported at once. Named entries are decoded in the order
// they appear in the file.

// Limits on the numbers of entries, checked before an entry is decoded.
var maxEntries = map[string]int{
	"products":    50,
	"sites":       500,
	"cohorts":     500,
	"invitations": 500,
	"outages":     500,
	"periods":     100,
	"shipments":   5000,
	"depots":      100,
}

// maxList bounds the length of lists (dates, names, profile weights).
const maxList = 4000

// maxNameLen bounds the length of entry names.
const maxNameLen = 64

// toml types in the generic tree, and the schema's special leaf types.
var (
	namedIface   = reflect.TypeFor[interface{ namedTable() }]()
	dateType     = reflect.TypeFor[Date]()
	dateTimeType = reflect.TypeFor[DateTime]()
	clockType    = reflect.TypeFor[Clock]()
)

// civilTypes are the schema's date and time types: what messages call
// them, and the kinds of TOML date or time each takes (see timeText).
var civilTypes = map[reflect.Type]struct {
	want  string
	kinds []string
}{
	dateType:     {"a date (2021-01-22)", []string{"date-local"}},
	dateTimeType: {"a date-time (2021-01-21T18:00)", []string{"date-local", "datetime-local", "offset"}},
	clockType:    {`a time of day ("08:30")`, []string{"time-local"}},
}

// defaults builds the default value of a named entry's type.
var defaults = map[reflect.Type]func() any{
	reflect.TypeFor[ProductSpec]():    func() any { return DefaultProduct() },
	reflect.TypeFor[SiteSpec]():       func() any { return DefaultSite() },
	reflect.TypeFor[PeriodSpec]():     func() any { return DefaultPeriod() },
	reflect.TypeFor[CohortSpec]():     func() any { return DefaultCohort() },
	reflect.TypeFor[OutageSpec]():     func() any { return DefaultOutage() },
	reflect.TypeFor[InvitationSpec](): func() any { return DefaultInvitation() },
	reflect.TypeFor[ShipmentSpec]():   func() any { return DefaultShipment() },
	reflect.TypeFor[DepotSpec]():      func() any { return DefaultDepot() },
}

type decoder struct {
	c     *collector
	order map[string]int // key path -> order of first appearance
}

// sortedKeys returns the keys of table m at path in file order (keys
// added by --set come after, in their order).
func (d *decoder) sortedKeys(m map[string]any, path []string) []string {
	keys := make([]string, 0, len(m))
	idx := make(map[string]int, len(m))
	for k := range m {
		keys = append(keys, k)
		i, ok := d.order[keyString(append(path[:len(path):len(path)], k))]
		if !ok {
			i = math.MaxInt
		}
		idx[k] = i
	}
	sort.Slice(keys, func(a, b int) bool {
		if idx[keys[a]] != idx[keys[b]] {
			return idx[keys[a]] < idx[keys[b]]
		}
		return keys[a] < keys[b]
	})
	return keys
}

// fieldsOf returns the TOML keys of a schema struct and their field
// indices.
func fieldsOf(t reflect.Type) ([]string, map[string]int) {
	var names []string
	idx := map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("toml")
		if tag == "" || !f.IsExported() {
			continue
		}
		names = append(names, tag)
		idx[tag] = i
	}
	return names, idx
}

// singular names one entry of a named table: "sites" -> "site".
func singular(table string) string { return strings.TrimSuffix(table, "s") }

// decode stores the value v found at path into rv.
func (d *decoder) decode(v any, rv reflect.Value, path []string) {
	t := rv.Type()
	switch {
	case t.Implements(namedIface):
		d.decodeNamed(v, rv, path)
	case t.Kind() == reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			d.c.add(path, "expected a table, found %s", describe(v))
			return
		}
		names, idx := fieldsOf(t)
		for _, k := range d.sortedKeys(m, path) {
			sub := append(path[:len(path):len(path)], k)
			i, ok := idx[k]
			if !ok {
				d.c.add(sub, "%s", unknownName("key", k, names))
				continue
			}
			d.decode(m[k], rv.Field(i), sub)
		}
	case civilTypes[t].want != "":
		// Dates and times are kept as text, written as in the file.
		ct := civilTypes[t]
		s, ok := v.(string)
		if x, isTime := v.(time.Time); isTime {
			var kind string
			s, kind = timeText(x)
			ok = slices.Contains(ct.kinds, kind)
		}
		if !ok {
			d.c.add(path, "expected %s, found %s", ct.want, describe(v))
			return
		}
		rv.SetString(s)
	case t.Kind() == reflect.String:
		s, ok := v.(string)
		if !ok {
			d.c.add(path, "expected %s, found %s", typeWord(t), describe(v))
			return
		}
		rv.SetString(s)
	case t.Kind() == reflect.Int || t.Kind() == reflect.Int64:
		n, ok := v.(int64)
		if !ok {
			d.c.add(path, "expected an integer, found %s", describe(v))
			return
		}
		if rv.OverflowInt(n) {
			d.c.add(path, "integer %d is out of range", n)
			return
		}
		rv.SetInt(n)
	case t.Kind() == reflect.Float64:
		switch x := v.(type) {
		case int64:
			rv.SetFloat(float64(x))
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				d.c.add(path, "expected a finite number, found %v", x)
				return
			}
			rv.SetFloat(x)
		default:
			d.c.add(path, "expected a number, found %s", describe(v))
		}
	case t.Kind() == reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			d.c.add(path, "expected true or false, found %s", describe(v))
			return
		}
		rv.SetBool(b)
	case t.Kind() == reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			d.c.add(path, "expected %s, found %s", typeWord(t), describe(v))
			return
		}
		if len(list) > maxList {
			d.c.add(path, "list of %d elements; the limit is %d", len(list), maxList)
			return
		}
		out := reflect.MakeSlice(t, len(list), len(list))
		n := len(d.c.errs)
		for i, x := range list {
			d.decode(x, out.Index(i), path)
			if len(d.c.errs) > n {
				// Say which element was wrong.
				e := d.c.errs[len(d.c.errs)-1]
				e.Msg = fmt.Sprintf("element %d: %s", i+1, e.Msg)
				return
			}
		}
		rv.Set(out)
	default:
		panic(fmt.Sprintf("scenarios: schema field of unsupported type %v", t))
	}
}

// decodeNamed decodes a table of named entries, in file order, each
// starting from its type's defaults.
func (d *decoder) decodeNamed(v any, rv reflect.Value, path []string) {
	m, ok := v.(map[string]any)
	if !ok {
		what := "entries"
		if len(path) > 0 {
			what = singular(path[len(path)-1]) + " entries"
		}
		d.c.add(path, "expected a table of named %s ([%s.NAME]), found %s", what, keyString(path), describe(v))
		return
	}
	table := path[len(path)-1]
	if limit, ok := maxEntries[table]; ok && len(m) > limit {
		d.c.add(path, "%d entries; the limit is %d", len(m), limit)
		return
	}
	entryType := rv.Type().Elem()
	valueType := entryType.Field(1).Type
	mk := defaults[valueType]
	for _, name := range d.sortedKeys(m, path) {
		sub := append(path[:len(path):len(path)], name)
		if !validName(name) {
			d.c.add(sub, "%s name %q: use letters, digits, '_' and '-' (at most %d)", singular(table), name, maxNameLen)
			continue
		}
		e := reflect.New(entryType).Elem()
		e.Field(0).SetString(name)
		if mk != nil {
			e.Field(1).Set(reflect.ValueOf(mk()))
		}
		d.decode(m[name], e.Field(1), sub)
		rv.Set(reflect.Append(rv, e))
	}
}

// validName reports whether name can name an entry: 1 to maxNameLen
// letters, digits, '_' and '-' (the characters of a bare TOML key).
func validName(name string) bool { return nameOf(name, "") }

// nameOf reports whether name has 1 to maxNameLen characters, each
// allowed in a bare TOML key or one of also.
func nameOf(name, also string) bool {
	if name == "" || len(name) > maxNameLen {
		return false
	}
	for i := range len(name) {
		if !isBare(name[i]) && strings.IndexByte(also, name[i]) < 0 {
			return false
		}
	}
	return true
}

// describe names a value of the generic tree for messages: its TOML type
// and, for scalars, the value.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		return "string " + excerpt(x)
	case int64:
		return fmt.Sprintf("integer %d", x)
	case float64:
		return fmt.Sprintf("float %v", x)
	case bool:
		return fmt.Sprintf("boolean %t", x)
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return "date " + x.Format(time.DateOnly)
		case "time-local":
			return "time " + x.Format("15:04:05")
		case "datetime-local":
			return "date-time " + x.Format("2006-01-02T15:04:05")
		}
		return "date-time " + x.Format(time.RFC3339)
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("%T", v)
}

// typeWord names a schema type for messages and the reference.
func typeWord(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[Duration]():
		return "a duration (\"4m30s\")"
	case reflect.TypeFor[Distribution]():
		return "a distribution (\"exp(mean=3m)\")"
	case reflect.TypeFor[CountDistribution]():
		return "a distribution of counts (\"uniform(min=0, max=36)\")"
	case reflect.TypeFor[ClockRange]():
		return "opening hours (\"08:00-17:00\" or \"closed\")"
	case reflect.TypeFor[[]Date]():
		return "a list of dates"
	case reflect.TypeFor[[]string]():
		return "a list of names"
	case reflect.TypeFor[argList]():
		return "a list of strings"
	case reflect.TypeFor[[]float64]():
		return "a list of numbers"
	}
	return "a string"
}
