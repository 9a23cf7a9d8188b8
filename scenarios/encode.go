package scenarios

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// encodeTree writes the generic tree as TOML, tables and keys in file
// order (keys added by --set after). It is the scenario's resolved form:
// decoding it gives the same scenario.
func encodeTree(tree map[string]any, order map[string]int) []byte {
	d := &decoder{order: order}
	var b bytes.Buffer
	encodeTable(&b, d, tree, nil)
	return b.Bytes()
}

// encodeTable writes the plain keys of table m under its header, then
// its sub-tables. A table holding only sub-tables gets no header.
func encodeTable(b *bytes.Buffer, d *decoder, m map[string]any, path []string) {
	var plain, tables []string
	for _, k := range d.sortedKeys(m, path) {
		if _, ok := m[k].(map[string]any); ok {
			tables = append(tables, k)
		} else {
			plain = append(plain, k)
		}
	}
	if len(path) > 0 && (len(plain) > 0 || len(tables) == 0) {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(b, "[%s]\n", keyString(path))
	}
	for _, k := range plain {
		b.WriteString(keyString([]string{k}))
		b.WriteString(" = ")
		encodeValue(b, m[k])
		b.WriteByte('\n')
	}
	for _, k := range tables {
		encodeTable(b, d, m[k].(map[string]any), append(path[:len(path):len(path)], k))
	}
}

// encodeValue writes one value of the generic tree in TOML syntax.
// encodeList writes a TOML array of the values in xs.
func encodeList[T any](b *bytes.Buffer, xs []T) {
	b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		encodeValue(b, x)
	}
	b.WriteByte(']')
}

func encodeValue(b *bytes.Buffer, v any) {
	switch x := v.(type) {
	case string:
		b.WriteString(quote(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		switch {
		case math.IsNaN(x):
			b.WriteString("nan")
		case math.IsInf(x, 1):
			b.WriteString("inf")
		case math.IsInf(x, -1):
			b.WriteString("-inf")
		default:
			s := strconv.FormatFloat(x, 'g', -1, 64)
			if !strings.ContainsAny(s, ".eEn") {
				s += ".0"
			}
			b.WriteString(s)
		}
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case time.Time:
		s, _ := timeText(x)
		b.WriteString(s)
	case []any:
		encodeList(b, x)
	case []map[string]any:
		encodeList(b, x)
	case map[string]any:
		b.WriteByte('{')
		for i, k := range sortStrings(mapKeys(x)) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(keyString([]string{k}))
			b.WriteString(" = ")
			encodeValue(b, x[k])
		}
		b.WriteByte('}')
	default:
		fmt.Fprintf(b, "%q", fmt.Sprint(x))
	}
}

// localLayouts write TOML local dates and times from their civil fields,
// by the name of the location the TOML decoder gives them (its guess of
// a UTC offset is ignored).
var localLayouts = map[string]string{
	"date-local":     time.DateOnly,
	"datetime-local": "2006-01-02T15:04:05.999999999",
	"time-local":     "15:04:05.999999999",
}

// timeText writes a TOML date or time as TOML text: a local one from its
// civil fields, one with an offset in RFC 3339. kind is the location name
// of a local one ("date-local", "datetime-local", "time-local"), else
// "offset".
func timeText(t time.Time) (text, kind string) {
	kind = t.Location().String()
	if layout, ok := localLayouts[kind]; ok {
		return t.Format(layout), kind
	}
	return t.Format(time.RFC3339Nano), "offset"
}

// quote writes s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		case r == utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
