package scenarios

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files and the README's scenario reference")

// generated are invalid inputs made by the test: too large or too odd to
// commit. Their expected errors are golden files like the others.
var generated = map[string]func() []byte{
	// 10 MB: a valid file padded with comments.
	"huge-file": func() []byte {
		small, _ := os.ReadFile("testdata/valid/small.toml")
		var b bytes.Buffer
		b.Write(small)
		for b.Len() < 10<<20 {
			b.WriteString("# padding padding padding padding padding padding padding padding\n")
		}
		return b.Bytes()
	},
	// The measured hazard: one 20 KB key of 10,000 dotted parts.
	"deep-dotted-key": func() []byte {
		return []byte(strings.Repeat("a.", 10_000) + "a = 1\n")
	},
	"deep-table-header": func() []byte {
		return []byte("[scenario]\nstart = 2021-01-22\n\n[" + strings.Repeat("sites.", 20) + "tcc]\nstations = 1\n")
	},
	"deep-arrays": func() []byte {
		return []byte("[cohorts.public]\nprofile = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n")
	},
	"deep-inline-tables": func() []byte {
		return []byte("[sites.tcc]\nhours = " + strings.Repeat("{ a = ", 2000) + "1" + strings.Repeat(" }", 2000) + "\n")
	},
	"too-many-keys": func() []byte {
		return numbered("[scenario]\n", "k%d = 1\n", 20_001)
	},
	"too-many-sites": func() []byte {
		return numbered("[scenario]\nstart = 2021-01-22\ntime_zone = \"UTC\"\n", "[sites.s%d]\nstations = 1\n", 501)
	},
}

// numbered returns head followed by n copies of format, the i-th given i.
func numbered(head, format string, n int) []byte {
	var b bytes.Buffer
	b.WriteString(head)
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.Bytes()
}

// invalidCase is one input that must be rejected.
type invalidCase struct {
	name string
	data []byte
	sets []string
}

func invalidCases(t *testing.T) []invalidCase {
	t.Helper()
	files, err := filepath.Glob("testdata/invalid/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no invalid cases: %v", err)
	}
	var cases []invalidCase
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".toml")
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var sets []string
		if s, err := os.ReadFile(strings.TrimSuffix(f, ".toml") + ".sets"); err == nil {
			sets = strings.Split(strings.TrimSpace(string(s)), "\n")
		}
		cases = append(cases, invalidCase{name, data, sets})
	}
	for name, gen := range generated {
		cases = append(cases, invalidCase{name: name, data: gen()})
	}
	return cases
}

// TestInvalid checks that each invalid input is rejected, quickly and
// without a panic, with errors naming file:line (or --set) and the key
// path, and compares the messages with testdata/invalid/NAME.err.
func TestInvalid(t *testing.T) {
	cases := invalidCases(t)
	if len(cases) < 17 {
		t.Errorf("only %d invalid cases", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.name + ".toml"
			start := time.Now()
			f, err := Parse(file, tc.data, tc.sets)
			if elapsed := time.Since(start); elapsed > time.Second {
				t.Errorf("Parse(%s, sets %q) took %v; want < 1s", file, tc.sets, elapsed)
			}
			if err == nil {
				t.Fatalf("Parse(%s, sets %q) = %+v, nil; want an error", file, tc.sets, f.Scenario)
			}
			if f != nil {
				t.Errorf("Parse(%s) returned a file and an error", file)
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("Parse(%s) error %T %v; want a non-empty ErrorList", file, err, err)
			}
			for _, e := range list {
				if e.File != file {
					t.Errorf("error %q names file %q; want %q", e, e.File, file)
				}
				if e.Line <= 0 && e.Set == "" {
					t.Errorf("error %q has neither a line nor a --set argument", e)
				}
				wholeFile := strings.HasPrefix(e.Msg, "TOML syntax") || strings.HasPrefix(e.Msg, "the file is larger")
				if e.Key == "" && !wholeFile {
					t.Errorf("error %q names no key path", e)
				}
			}
			checkGolden(t, filepath.Join("testdata", "invalid", tc.name+".err"), err.Error()+"\n")
		})
	}
}

// checkGolden compares got with the golden file, or rewrites it with
// -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./scenarios -update to create it); got:\n%s", err, got)
	}
	if got != string(want) {
		t.Errorf("messages differ from %s (go test ./scenarios -update rewrites it)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// TestDeepDottedKeyFast checks the measured decoder hazard: a 20 KB file
// holding one deeply dotted key took BurntSushi/toml v1.6.0 9.6 s and
// 4.9 GB. The pre-scan must reject it at once.
func TestDeepDottedKeyFast(t *testing.T) {
	data := []byte(strings.Repeat("a.", 10_000) + "a = 1\n")
	start := time.Now()
	_, err := Parse("deep.toml", data, nil)
	elapsed := time.Since(start)
	if err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Errorf("Parse(%d-byte dotted key) error = %v; want a nesting error", len(data), err)
	}
	if elapsed > time.Second {
		t.Errorf("Parse(%d-byte dotted key) took %v; want < 1s", len(data), elapsed)
	}
}

// TestLimitsAllowValid checks that the limits leave room for real files:
// the deepest key of the schema and a file near the size limit load.
func TestLimitsAllowValid(t *testing.T) {
	small := readSmall(t)
	deep := string(small) + "\n[sites.tcc.periods.winter.hours]\nmon = \"09:00-12:00\"\n"
	deep = strings.Replace(deep, "[sites.tcc.hours]", "[sites.tcc.periods.winter]\nfrom = 2021-01-01\nuntil = 2021-03-01\n\n[sites.tcc.hours]", 1)
	// Brackets, dots and hashes inside strings and comments are not
	// nesting.
	tricky := strings.Replace(string(small), "[scenario]\n", "[scenario]\n"+
		`description = "a [[[[[[[[[[ # {{{{{{{{{{ \" a.b.c.d.e.f.g.h.i.j"`+"\n", 1) + `
# [[[[[[[[[[ {{{{{{{{{{ a.b.c.d.e.f.g.h.i.j """ '''
[sites.tcc.periods.holiday]
from = 2021-01-22
until = "2021-01-23"
hours = { default = "10:00-14:00",   # a comment [[[[[[[[[[[
          sat = "closed" }
`
	multi := strings.Replace(string(small), "[scenario]\n", "[scenario]\n"+
		"description = '''one [[[[[[[[[[[[ {{{{{{{{{ line'''\n", 1)
	padded := string(small) + strings.Repeat("# padding padding padding padding padding padding padding\n", (MaxFileSize-len(small))/60)
	for _, tc := range []struct {
		name string
		data string
	}{
		{"deepest schema key", deep},
		{"near the size limit", padded},
		{"brackets in strings and comments", tricky},
		{"multi-line literal string", multi},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Parse(tc.name, []byte(tc.data), nil); err != nil {
				t.Errorf("Parse(%s, %d bytes): %v", tc.name, len(tc.data), err)
			}
		})
	}
}
