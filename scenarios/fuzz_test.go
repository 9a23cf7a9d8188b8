package scenarios

import (
	"cmp"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"

	"vaxsim/sim"
)

// FuzzParse checks that Parse never panics and returns either a valid
// scenario whose resolved form gives the same scenario, or a non-empty
// error. The seed corpus (bundled and test files) runs in go test.
// Minimizing a new input of this size takes the default minute, during
// which no inputs are run: fuzz it with -fuzzminimizetime=2s.
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
	small, err := os.ReadFile("testdata/valid/small.toml")
	if err != nil {
		f.Fatal(err)
	}
	for _, extra := range []string{
		"[sites.tcc]\nservice = \"lognormal(median=1m, sigma=50)\"\n",
		"[shipments.old]\nsite = \"tcc\"\narrives = 1900-01-01T00:00:00\nevery_days = 1\ndoses = 10000\n",
		"[replay]\nbookings = \"/proc/self/environ\"\n",
		"[replay]\nwalkins = \"../testdata/replay/walkins.csv\"\n",
		"[portal.outages.fold]\nstart = 2021-11-07T01:30:00-06:00\nend = 2021-11-07T01:20:00-07:00\n",
	} {
		f.Add(append(slices.Clone(small), "\n"+extra...))
	}
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

// FuzzSet checks that a --set argument on a small scenario never panics
// and gives either an error or a scenario whose resolved form gives the
// same scenario.
func FuzzSet(f *testing.F) {
	small, err := os.ReadFile("testdata/valid/small.toml")
	if err != nil {
		f.Fatal(err)
	}
	for _, arg := range []string{
		"sites.tcc.stations=12", `sites.tcc.service="lognormal(median=1m, sigma=50)"`, "cohorts.public.sites=[]",
		"cohorts.public.profile=[1.7e308, 1.7e308]", `replay.bookings="../../etc/passwd"`, `replay.walkins="/dev/zero"`,
		"scenario.start=9999-12-31", "portal.outages.x={start=2021-01-22T01:30:00-06:00, end=2021-01-22T01:20:00-07:00}",
		`shipments.s={site="tcc", arrives=1900-01-01T00:00:00, every_days=1, doses=10000}`, "a.b.c.d.e.f.g.h.i=1",
		"sites.tcc.hours={mon={a=1}}", "=", "x=", `scenario.time_zone="America/Denver"`,
	} {
		f.Add(arg)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		file, err := Parse("small.toml", small, []string{arg})
		if err != nil {
			if file != nil || err.Error() == "" {
				t.Fatalf("Parse returned file %v and error %q", file, err)
			}
			return
		}
		again, err := Parse("small.toml", file.Resolved, nil)
		if err != nil {
			t.Fatalf("--set %q: resolved form does not parse: %v\n%s", arg, err, file.Resolved)
		}
		if !reflect.DeepEqual(again.Scenario, file.Scenario) {
			t.Fatalf("--set %q: resolved form gives another scenario", arg)
		}
	})
}

// fuzzLog checks that a replay log never makes Load panic: the log read
// from data in place of testdata/replay's file name, its rows (if it
// loads) in time order.
func fuzzLog(f *testing.F, name string, seeds ...string) {
	fsys := fstest.MapFS{}
	for _, n := range []string{"base.toml", "bookings.csv", "walkins.csv", "outages.csv", "shipments.csv"} {
		data, err := os.ReadFile("testdata/replay/" + n)
		if err != nil {
			f.Fatal(err)
		}
		fsys[n] = &fstest.MapFile{Data: data}
	}
	f.Add(fsys[name].Data)
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m := maps.Clone(fsys)
		m[name] = &fstest.MapFile{Data: data}
		file, err := Load(m, "base.toml", nil)
		if err != nil {
			if file != nil || err.Error() == "" {
				t.Fatalf("Load returned file %v and error %q", file, err)
			}
			return
		}
		sc := file.Scenario
		if r := sc.Replay; r != nil {
			if !slices.IsSortedFunc(r.Attempts, func(a, b sim.Attempt) int { return cmp.Compare(a.At, b.At) }) ||
				!slices.IsSortedFunc(r.Walkins, func(a, b sim.Arrival) int { return cmp.Compare(a.At, b.At) }) {
				t.Fatalf("rows not in time order")
			}
		}
		for _, o := range sc.Portal.Outages {
			if o.End <= o.Start {
				t.Fatalf("outage %s ends at %d, not after its start %d", o.Name, o.End, o.Start)
			}
		}
	})
}

// The replay log readers. Their seed corpora run in go test.
func FuzzBookingsLog(f *testing.F) {
	fuzzLog(f, "bookings.csv", "time\n", "time,cohort\n2021-01-22T09:00:00-07:00,public\n2021-01-22T08:00:00Z,staff\n",
		"\"time\nx", "time,time\n", "time;cohort\n", "time,attempt\n2021-01-22,0\n", "\ufefftime,cohort,site,appointment\n2021-01-22,staff,b,2021-01-22T10:00\n")
}

func FuzzWalkinsLog(f *testing.F) {
	fuzzLog(f, "walkins.csv", "time,site\n", "time,site\n9999-12-31T23:59:59.999999999+23:59,b\n0000-01-01,b\n", "time,site\r\n2021-01-22,\"b\"\"\"\r\n")
}

func FuzzOutagesLog(f *testing.F) {
	fuzzLog(f, "outages.csv", "start,end\n", "start,end\n2021-01-22T01:30:00-06:00,2021-01-22T01:20:00-07:00\n",
		"start,end,mode,success\n2021-01-22,2021-01-23,lost,nan\n", "start,end\n1900-01-01,1900-01-02\n")
}

func FuzzShipmentsLog(f *testing.F) {
	fuzzLog(f, "shipments.csv", "date,site,doses\n", "date,site,doses\n1900-01-01,a,-1\n2021-01-22,a,1000000000001\n",
		"date,depot,product,doses\n2021-01-22,hub,moderna,5\n2021-01-22,hub,pfizer,5\n")
}

// FuzzParseSweep checks that the sweep file parser never panics and
// returns a spec or a non-empty error.
func FuzzParseSweep(f *testing.F) {
	f.Add([]byte(stationsSweep))
	for _, s := range []string{"[sweep]\n", "[sweep]\nscenario = \"x\"\nreps = -1\nseed = -1\n", "[sweep]\nvary = [[[[[1]]]]]\n",
		"sweep = 1\n", "[sweep]\nscenario = \"../../etc/passwd\"\nset = [\"\", \"a=\"]\nvary = [\"a=1:2:0\", \"b=1,,2\"]\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, err := ParseSweep("sweep.toml", data)
		if (spec == nil) == (err == nil) || err != nil && err.Error() == "" {
			t.Fatalf("ParseSweep returned %+v and %v", spec, err)
		}
	})
}
