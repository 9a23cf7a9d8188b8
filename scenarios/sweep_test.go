package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// stationsSweep is the sweep file of the command's tests.
const stationsSweep = `# a sweep of the seed day
[sweep]
scenario = "pima-tcc-2021-01-22"
reps = 3
seed = 7
vary = ["sites.tcc.stations=8,10,12"]
`

func TestParseSweep(t *testing.T) {
	spec, err := ParseSweep("stations.toml", []byte(stationsSweep))
	if err != nil {
		t.Fatal(err)
	}
	if spec.File != "stations.toml" || spec.Scenario != DefaultName || spec.Reps == nil || *spec.Reps != 3 ||
		spec.Seed == nil || *spec.Seed != 7 || spec.CRN != nil || spec.Sets != nil {
		t.Errorf("ParseSweep(%q) = %+v", stationsSweep, spec)
	}
	want := []Vary{{Key: "sites.tcc.stations", Spec: "8,10,12", Values: []string{"8", "10", "12"}}}
	if !slices.EqualFunc(spec.Vary, want, func(a, b Vary) bool {
		return a.Key == b.Key && a.Spec == b.Spec && slices.Equal(a.Values, b.Values)
	}) {
		t.Errorf("vary %+v, want %+v", spec.Vary, want)
	}

	all := "[sweep]\nscenario = \"x.toml\"\ncrn = false\nseed = 0\nset = [\"sites.tcc.per_slot=24\", 'sites.tcc.at_close=\"serve\"']\n" +
		"vary = [\"a=1:3:1\", \"b=log:1:100:3\"]\n"
	spec, err = ParseSweep("all.toml", []byte(all))
	if err != nil {
		t.Fatal(err)
	}
	if spec.Scenario != "x.toml" || spec.Reps != nil || spec.Seed == nil || *spec.Seed != 0 || spec.CRN == nil || *spec.CRN ||
		!slices.Equal(spec.Sets, []string{"sites.tcc.per_slot=24", `sites.tcc.at_close="serve"`}) || len(spec.Vary) != 2 ||
		!slices.Equal(spec.Vary[1].Values, []string{"1", "10", "100"}) {
		t.Errorf("ParseSweep(%q) = %+v", all, spec)
	}
}

// TestParseSweepErrors: each bad sweep file is rejected with errors
// naming file:line and key, compared with testdata/sweep/NAME.err.
func TestParseSweepErrors(t *testing.T) {
	tests := []struct{ name, text string }{
		{"unknown-key", "[sweep]\nscenario = \"x\"\nrepz = 3\n"},
		{"unknown-table", "[sweep]\nscenario = \"x\"\n\n[sites.tcc]\nstations = 3\n"},
		{"no-scenario", "[sweep]\nvary = [\"a=1\"]\n"},
		{"syntax", "[sweep]\nscenario = \n"},
		{"deep-key", "[sweep]\n" + strings.Repeat("a.", 200) + "a = 1\n"},
		{"deep-array", "[sweep]\nx = [[[[[1]]]]]\n"},
		{"too-large", "[sweep]\nscenario = \"x\"\n" + strings.Repeat("# padding padding padding padding\n", 2000)},
		{"negative-seed", "[sweep]\nscenario = \"pima-tcc-2021-01-22\"\nseed = -1\nvary = [\"sites.tcc.stations=8\"]\n"},
		{"reps", "[sweep]\nscenario = \"x\"\nreps = 0\n"},
		{"wrong-types", "[sweep]\nscenario = 3\nreps = \"3\"\ncrn = 1\nset = \"a=1\"\nvary = [1]\n"},
		{"empty-entries", "[sweep]\nscenario = \"x\"\nset = [\"\"]\nvary = [\"a=1\", \"\"]\n"},
		{"bad-vary", "[sweep]\nscenario = \"x\"\nvary = [\"a=1,1\", \"b=8:16:3\", \"c=serve\"]\n"},
		{"sweep-not-a-table", "sweep = 3\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.name + ".toml"
			spec, err := ParseSweep(file, []byte(tc.text))
			if err == nil {
				t.Fatalf("ParseSweep(%q) = %+v, nil; want an error", tc.text, spec)
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("ParseSweep(%q) error %T %v; want an ErrorList", tc.text, err, err)
			}
			for _, e := range list {
				if e.File != file || e.Line <= 0 {
					t.Errorf("ParseSweep(%q): error %q does not name %s:line", tc.text, e, file)
				}
			}
			checkGolden(t, filepath.Join("testdata", "sweep", tc.name+".err"), err.Error()+"\n")
		})
	}
	if _, err := ParseSweep("day.toml", []byte("[scenario]\nname = \"x\"\n")); err == nil || !strings.Contains(err.Error(), "day.toml: no [sweep] table") {
		t.Errorf("ParseSweep of a scenario = %v, want an error saying there is no [sweep] table", err)
	}
}

// TestLoadSweep: the base scenario is found beside the sweep file (and
// only there, unless Options.AllowOutside), and what is not a sweep file
// is left to Resolve.
func TestLoadSweep(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("tcc.toml", "[scenario]\n")
	cases := []struct {
		name, file, text, want string
		opt                    Options
	}{
		{"bundled", "bundled.toml", stationsSweep, DefaultName, Options{}},
		{"beside", "beside.toml", strings.Replace(stationsSweep, DefaultName, "tcc.toml", 1), filepath.Join(dir, "tcc.toml"), Options{}},
		{"not beside", "other.toml", strings.Replace(stationsSweep, DefaultName, "none.toml", 1), filepath.Join(dir, "none.toml"), Options{}},
		{"not beside, trusted", "other.toml", strings.Replace(stationsSweep, DefaultName, "none.toml", 1), "none.toml", Options{AllowOutside: true}},
		{"absolute, trusted", "abs.toml", strings.Replace(stationsSweep, DefaultName, filepath.Join(dir, "tcc.toml"), 1), filepath.Join(dir, "tcc.toml"), Options{AllowOutside: true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			spec, err := tc.opt.LoadSweep(write(tc.file, tc.text))
			if err != nil || spec == nil || spec.Scenario != tc.want {
				t.Errorf("LoadSweep(%s) = %+v, %v; want scenario %s", tc.file, spec, err, tc.want)
			}
		})
	}
	for _, p := range []string{filepath.Join(dir, "tcc.toml"), dir, filepath.Join(dir, "missing.toml"), DefaultName} {
		if spec, err := LoadSweep(p); spec != nil || err != nil {
			t.Errorf("LoadSweep(%s) = %+v, %v; want nil, nil (not a sweep file)", p, spec, err)
		}
	}
	abs := write("abs.toml", strings.Replace(stationsSweep, DefaultName, filepath.Join(dir, "tcc.toml"), 1))
	if _, err := LoadSweep(abs); err == nil || !strings.Contains(err.Error(), abs+":3: sweep.scenario: ") || !strings.Contains(err.Error(), "is an absolute path") {
		t.Errorf("LoadSweep(%s) = %v, want an error: absolute path at line 3", abs, err)
	}
	bad := write("bad.toml", "[sweep]\nscenario = \"x\"\nrepz = 3\n")
	if _, err := LoadSweep(bad); err == nil || !strings.Contains(err.Error(), bad+":3: sweep.repz: unknown key \"repz\" (did you mean \"reps\"?)") {
		t.Errorf("LoadSweep(%s) = %v, want the unknown key at line 3", bad, err)
	}
}
