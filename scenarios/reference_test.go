package scenarios

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestSchemaDocumented checks that every field of every schema table has
// a TOML key and documentation.
func TestSchemaDocumented(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(t0 reflect.Type, path string)
	walk = func(typ reflect.Type, path string) {
		if seen[typ] {
			return
		}
		seen[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			key := f.Tag.Get("toml")
			where := path + "." + f.Name
			if key == "" {
				t.Errorf("%s has no toml tag", where)
				continue
			}
			if strings.TrimSpace(f.Tag.Get("doc")) == "" {
				t.Errorf("%s (key %q) has no doc tag", where, key)
			}
			ft := f.Type
			if ft.Implements(namedIface) {
				ft = ft.Elem().Field(1).Type
			}
			if ft.Kind() == reflect.Struct {
				walk(ft, where)
			}
		}
	}
	walk(reflect.TypeFor[Spec](), "Spec")
	if len(seen) < 10 {
		t.Errorf("walked only %d schema tables", len(seen))
	}
}

// TestEnumsDocumented checks that the enum tags list the values the
// converter accepts.
func TestEnumsDocumented(t *testing.T) {
	for _, tc := range []struct {
		typ   reflect.Type
		field string
		want  string
	}{
		{reflect.TypeFor[SiteSpec](), "AtClose", "serve,turn_away"},
		{reflect.TypeFor[CohortSpec](), "Channel", "portal,invitation,walkin"},
		{reflect.TypeFor[OutageSpec](), "Mode", "down,degraded,lost"},
		{reflect.TypeFor[RandomOutagesSpec](), "Mode", "down,degraded,lost"},
	} {
		f, _ := tc.typ.FieldByName(tc.field)
		if got := f.Tag.Get("enum"); got != tc.want {
			t.Errorf("%v.%s enum tag %q, want %q", tc.typ, tc.field, got, tc.want)
		}
	}
}

const (
	refStart = "<!-- scenario-reference:start -->\n"
	refEnd   = "<!-- scenario-reference:end -->"
)

// TestReadmeReference checks that README.md's scenario reference is the
// generated one; -update rewrites it.
func TestReadmeReference(t *testing.T) {
	const path = "../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i := strings.Index(readme, refStart)
	j := strings.Index(readme, refEnd)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the markers %q and %q", path, refStart, refEnd)
	}
	got := readme[i+len(refStart) : j]
	want := Reference() + "\n"
	if got == want {
		return
	}
	if *update {
		out := readme[:i+len(refStart)] + want + readme[j:]
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the scenario reference in %s is not the generated one; run go test ./scenarios -update", path)
}

// TestReferenceTypes checks every schema field has a type word in the
// reference, so no row reads as an empty type.
func TestReferenceTypes(t *testing.T) {
	for _, line := range strings.Split(Reference(), "\n") {
		if strings.HasPrefix(line, "| `") && strings.Contains(line, "|  (") {
			t.Errorf("reference row without a type: %s", line)
		}
	}
}
