package scenarios

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// referenceIntro opens the generated reference.
const referenceIntro = `<!-- Generated from the doc tags in scenarios/schema.go by ` + "`go test ./scenarios -update`" + `; do not edit. -->

A scenario is a TOML file (or a bundled name: ` + "`vaxsim scenarios`" + ` lists them). Every collection is a
table of named entries, so every field has a dotted key path that ` + "`--set`" + ` and ` + "`--vary`" + ` can
address: ` + "`--set sites.tcc.stations=12`" + `, ` + "`--set invitations.fill.enabled=false`" + `,
` + "`--set 'scenario.start=\"2021-01-23\"'`" + ` (the value is TOML: strings in quotes). A key the schema does not
know is an error, and so is a value of the wrong type; every error names the file, line and key path.

Units are written in strings:

- **duration**: a number and a unit, ` + "`\"90s\"`, `\"4m30s\"`, `\"1.5h\"`, `\"3d\"`" + ` (ms, s, m, h, d); ` + "`\"0s\"`" + ` for none.
- **distribution**: ` + "`\"4m\"`" + ` (constant), ` + "`\"const(4m)\"`, `\"exp(mean=3m)\"`, `\"uniform(min=1m, max=5m)\"`,\n  `\"normal(mean=-5m, sd=5m)\"`, `\"lognormal(median=90m, p90=240m)\"`, `\"lognormal(median=90m, sigma=0.6)\"`,\n  `\"lognormal(mean=90m, sd=30m)\"`, `\"gamma(shape=2, mean=3m)\"`, `\"gamma(shape=2, scale=90s)\"`" + `, a shift
  plus one of these (` + "`\"3m + exp(mean=1m)\"`" + `), or ` + "`\"none\"`" + `. A distribution of counts uses plain numbers:
  ` + "`\"uniform(min=0, max=36)\"`" + `.
- **time of day**: ` + "`\"08:30\"`" + ` or ` + "`\"08:30:15\"`" + `. **hours**: ` + "`\"08:00-17:00\"`, `\"closed\"`" + `, or
  ` + "`\"00:00-24:00\"`" + ` for around the clock.
- **date**: ` + "`2021-01-22`" + ` (a TOML local date) or ` + "`\"2021-01-22\"`" + `. **date-time**: ` + "`2021-01-21T18:00:00`" + `,
  read as civil time in ` + "`scenario.time_zone`" + `, or with an offset (` + "`2021-01-21T18:00:00-07:00`" + `),
  converted into that zone. The model's clock is civil: every day has 24 hours.

Limits: files up to 1 MiB, keys nested at most 8 levels, at most 20,000 keys, 500 sites, cohorts,
invitations or outages, 50 products, 100 periods a site, lists of 4,000 elements.
`

// tableDefaults builds the default value of each schema table type.
var tableDefaults = map[reflect.Type]func() any{
	reflect.TypeFor[Spec]():              func() any { return DefaultSpec() },
	reflect.TypeFor[ScenarioSpec]():      func() any { return DefaultSpec().Scenario },
	reflect.TypeFor[PortalSpec]():        func() any { return DefaultSpec().Portal },
	reflect.TypeFor[RandomOutagesSpec](): func() any { return DefaultSpec().Portal.RandomOutages },
	reflect.TypeFor[HoursSpec]():         func() any { return HoursSpec{} },
	reflect.TypeFor[ReplaySpec]():        func() any { return DefaultSpec().Replay },
}

func defaultOf(t reflect.Type) reflect.Value {
	if f, ok := tableDefaults[t]; ok {
		return reflect.ValueOf(f())
	}
	if f, ok := defaults[t]; ok {
		return reflect.ValueOf(f())
	}
	return reflect.Zero(t)
}

// Reference returns the Markdown reference of the scenario format: for
// each TOML table, its keys with type, unit, default and meaning. It is
// generated from the schema's doc tags; README.md holds a copy.
func Reference() string {
	var b strings.Builder
	b.WriteString(referenceIntro)
	seen := map[reflect.Type]string{}
	t := reflect.TypeFor[Spec]()
	for i := range t.NumField() {
		f := t.Field(i)
		key := f.Tag.Get("toml")
		if f.Type.Implements(namedIface) {
			refTable(&b, key+".NAME", f.Type.Elem().Field(1).Type, f.Tag.Get("doc"), seen)
		} else {
			refTable(&b, key, f.Type, f.Tag.Get("doc"), seen)
		}
	}
	return b.String()
}

// refTable writes the table of type t, titled [title], then the tables
// nested in it.
func refTable(b *strings.Builder, title string, t reflect.Type, doc string, seen map[reflect.Type]string) {
	seen[t] = title
	fmt.Fprintf(b, "\n### `[%s]`\n\n%s\n\n", title, doc)
	b.WriteString("| key | type | default | meaning |\n|---|---|---|---|\n")
	def := defaultOf(t)
	type nested struct {
		title string
		t     reflect.Type
		doc   string
	}
	var subs []nested
	for i := range t.NumField() {
		f := t.Field(i)
		key := f.Tag.Get("toml")
		if key == "" {
			continue
		}
		typ := refType(f)
		var dflt string
		switch {
		case f.Type.Implements(namedIface):
			et := f.Type.Elem().Field(1).Type
			placeholder := "NAME"
			if strings.Contains(title, "NAME") {
				placeholder = strings.ToUpper(singular(key))
			}
			sub := title + "." + key + "." + placeholder
			if prev, ok := seen[et]; ok {
				sub = prev
			} else {
				subs = append(subs, nested{sub, et, f.Tag.Get("doc")})
			}
			typ = fmt.Sprintf("named tables `[%s]`", sub)
			dflt = "none"
		case f.Type.Kind() == reflect.Struct:
			sub := title + "." + key
			if prev, ok := seen[f.Type]; ok {
				typ = fmt.Sprintf("table, as `[%s]`", prev)
			} else {
				seen[f.Type] = sub
				subs = append(subs, nested{sub, f.Type, f.Tag.Get("doc")})
				typ = fmt.Sprintf("table `[%s]`", sub)
			}
			dflt = "see the table"
		}
		if d := f.Tag.Get("default"); d != "" {
			dflt = d
		} else if dflt == "" {
			dflt = formatDefault(def.Field(i))
		}
		fmt.Fprintf(b, "| `%s` | %s | %s | %s |\n", key, cell(typ), cell(dflt), cell(f.Tag.Get("doc")))
	}
	for _, s := range subs {
		delete(seen, s.t) // let refTable record the title
		refTable(b, s.title, s.t, s.doc, seen)
	}
}

// refType names a field's type and unit for the reference.
func refType(f reflect.StructField) string {
	var s string
	switch f.Type {
	case reflect.TypeFor[Duration]():
		s = "duration"
	case reflect.TypeFor[Distribution]():
		s = "distribution"
	case reflect.TypeFor[CountDistribution]():
		s = "distribution of counts"
	case reflect.TypeFor[Clock]():
		s = "time of day"
	case reflect.TypeFor[ClockRange]():
		s = "hours"
	case reflect.TypeFor[Date]():
		s = "date"
	case reflect.TypeFor[DateTime]():
		s = "date-time"
	case reflect.TypeFor[[]Date]():
		s = "list of dates"
	case reflect.TypeFor[[]string]():
		s = "list of names"
	case reflect.TypeFor[[]float64]():
		s = "list of numbers"
	case reflect.TypeFor[[]int64]():
		s = "list of integers"
	default:
		switch f.Type.Kind() {
		case reflect.String:
			s = "string"
			if e := f.Tag.Get("enum"); e != "" {
				s = "`\"" + strings.ReplaceAll(e, ",", "\"` or `\"") + "\"`"
			}
		case reflect.Int, reflect.Int64:
			s = "integer"
		case reflect.Float64:
			s = "number"
		case reflect.Bool:
			s = "boolean"
		}
	}
	if u := f.Tag.Get("unit"); u != "" {
		s += " (" + u + ")"
	}
	return s
}

// formatDefault writes a default value in TOML syntax.
func formatDefault(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		return "`" + strconv.Quote(v.String()) + "`"
	case reflect.Int, reflect.Int64:
		return "`" + strconv.FormatInt(v.Int(), 10) + "`"
	case reflect.Float64:
		return "`" + strconv.FormatFloat(v.Float(), 'g', -1, 64) + "`"
	case reflect.Bool:
		return "`" + strconv.FormatBool(v.Bool()) + "`"
	case reflect.Slice:
		if v.Len() == 0 {
			return "none"
		}
	}
	return fmt.Sprint(v.Interface())
}

// cell escapes text for a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
