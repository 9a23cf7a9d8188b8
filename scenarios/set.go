package scenarios

import (
	"reflect"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// maxSetValue bounds the length of a --set value.
const maxSetValue = 64 << 10

// setting is one parsed --set argument.
type setting struct {
	arg   string
	path  []string
	value any
}

// parseSet splits "key.path=value" and parses the value as TOML. Errors
// go to c, naming the argument.
func parseSet(c *collector, arg string) (setting, bool) {
	sc := &scanner{data: []byte(arg), line: 1, lines: map[string]int{}, maxDepth: maxDepth, maxKeys: maxKeys}
	path, ok := sc.key(nil, 0)
	sc.skipSpace()
	if !ok || sc.peek() != '=' {
		if sc.err != nil {
			c.addSet(arg, "", "%s", sc.err.Msg)
		} else {
			c.addSet(arg, "", "expected key=value with a dotted key, as in sites.tcc.stations=12")
		}
		return setting{}, false
	}
	key := keyString(path)
	text := strings.TrimSpace(arg[sc.i+1:])
	if text == "" {
		c.addSet(arg, key, "no value after '='; write a TOML value, as in %s=12 or %s=\"text\"", key, key)
		return setting{}, false
	}
	if len(text) > maxSetValue {
		c.addSet(arg, key, "value longer than %d bytes", maxSetValue)
		return setting{}, false
	}
	doc := "v = " + text + "\n"
	if _, lerr := scanText("", []byte(doc), maxDepth-len(path)+1, maxKeys); lerr != nil {
		c.addSet(arg, key, "value nested too deeply")
		return setting{}, false
	}
	var m map[string]any
	if _, err := toml.Decode(doc, &m); err != nil || len(m) != 1 {
		msg := "not a TOML value"
		if pe, ok := err.(toml.ParseError); ok {
			msg += " (" + pe.Message + ")"
		}
		c.addSet(arg, key, "%s; write strings in quotes, as in %s=\"%s\"", msg, key, strings.ReplaceAll(text, `"`, `\"`))
		return setting{}, false
	}
	return setting{arg: arg, path: path, value: m["v"]}, true
}

// checkSetPath reports whether path names a field of the schema, given
// the tree it will be applied to. A path may go through a named entry
// only if the entry exists; it may name a new entry as a whole (the
// value is then the entry's table).
func checkSetPath(c *collector, s setting, tree map[string]any) bool {
	t := reflect.TypeFor[Spec]()
	node := tree
	for i, part := range s.path {
		prefix := s.path[:i+1]
		switch {
		case t.Implements(namedIface):
			table := s.path[i-1]
			entry, exists := node[part]
			if !exists {
				var names []string
				for k := range node {
					names = append(names, k)
				}
				if i < len(s.path)-1 {
					c.addSet(s.arg, keyString(s.path), "%s; to add one, set %s to a whole table",
						unknownName(singular(table), part, sortStrings(names)), keyString(prefix))
					return false
				}
				if !validName(part) {
					c.addSet(s.arg, keyString(s.path), "%s name %q: use letters, digits, '_' and '-'", singular(table), part)
					return false
				}
			}
			node, _ = entry.(map[string]any)
			t = t.Elem().Field(1).Type
		case t.Kind() == reflect.Struct:
			names, idx := fieldsOf(t)
			f, ok := idx[part]
			if !ok {
				c.addSet(s.arg, keyString(s.path), "%s", unknownName("key", part, names))
				return false
			}
			t = t.Field(f).Type
			if node != nil {
				node, _ = node[part].(map[string]any)
			}
		default:
			c.addSet(s.arg, keyString(s.path), "%s is not a table", keyString(s.path[:i]))
			return false
		}
	}
	return true
}

// applySet stores the setting's value in the tree, creating tables on
// the way, and records its origin and order.
func applySet(c *collector, order map[string]int, s setting, tree map[string]any) {
	node := tree
	for _, part := range s.path[:len(s.path)-1] {
		next, ok := node[part].(map[string]any)
		if !ok {
			next = map[string]any{}
			node[part] = next
		}
		node = next
	}
	node[s.path[len(s.path)-1]] = s.value
	noteOrder(order, s.path)
	key := keyString(s.path)
	for k := range c.pos {
		if k == key || strings.HasPrefix(k, key+".") {
			delete(c.pos, k)
		}
	}
	c.pos[key] = origin{set: s.arg}
	if m, ok := s.value.(map[string]any); ok {
		noteTableOrder(order, s.path, m)
	}
}

// noteOrder gives path, and each of its prefixes, the next order index
// if it has none.
func noteOrder(order map[string]int, path []string) {
	for n := 1; n <= len(path); n++ {
		k := keyString(path[:n])
		if _, ok := order[k]; !ok {
			order[k] = len(order)
		}
	}
}

// noteTableOrder gives the keys of an inline table value an order (their
// own order is lost in the tree; sort them by name).
func noteTableOrder(order map[string]int, path []string, m map[string]any) {
	for _, k := range sortStrings(mapKeys(m)) {
		sub := append(path[:len(path):len(path)], k)
		noteOrder(order, sub)
		if mm, ok := m[k].(map[string]any); ok {
			noteTableOrder(order, sub, mm)
		}
	}
}

func mapKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

func sortStrings(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
