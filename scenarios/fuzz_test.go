package scenarios

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse checks that Parse never panics and returns either a valid
// scenario whose resolved form gives the same scenario, or a non-empty
// error. The seed corpus (bundled and test files) runs in go test.
func FuzzParse(f *testing.F) {
	for _, in := range Bundled() {
		data, err := Open(in.Name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	files, _ := filepath.Glob("testdata/*/*.toml")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("a = [[[[[[[[[[[[1]]]]]]]]]]]]"))
	f.Add([]byte("[sites.x]\nhours = {default = \"08:00-17:00\", mon = { a = 1 }}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz.toml", data, nil)
		if err != nil {
			if file != nil || err.Error() == "" {
				t.Fatalf("Parse returned file %v and error %q", file, err)
			}
			return
		}
		if file == nil || file.Scenario == nil {
			t.Fatalf("Parse returned neither a scenario nor an error")
		}
		again, err := Parse("fuzz.toml", file.Resolved, nil)
		if err != nil {
			t.Fatalf("resolved form does not parse: %v\n%s", err, file.Resolved)
		}
		if !reflect.DeepEqual(again.Scenario, file.Scenario) {
			t.Fatalf("resolved form gives another scenario:\n%+v\nwant\n%+v", again.Scenario, file.Scenario)
		}
	})
}
