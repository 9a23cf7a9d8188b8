package scenarios

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

// readSmall returns testdata/valid/small.toml, the scenario most tests
// change.
func readSmall(t *testing.T) []byte {
	t.Helper()
	small, err := os.ReadFile("testdata/valid/small.toml")
	if err != nil {
		t.Fatal(err)
	}
	return small
}

// parseSmall parses small.toml with the --set overrides sets.
func parseSmall(t *testing.T, sets []string) *File {
	t.Helper()
	f, err := Parse("small.toml", readSmall(t), sets)
	if err != nil {
		t.Fatalf("Parse(small.toml, %q): %v", sets, err)
	}
	return f
}

// near reports whether a and b agree to 1e-9 relative.
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// TestBundledConvert loads each bundled scenario and spot-checks the
// converted values: times in milliseconds, distribution parameters,
// indices in file order.
func TestBundledConvert(t *testing.T) {
	load := func(name string) *sim.Scenario {
		t.Helper()
		f, err := Resolve(name, nil)
		if err != nil {
			t.Fatalf("Resolve(%q): %v", name, err)
		}
		if f.Source != name {
			t.Errorf("Resolve(%q).Source = %q", name, f.Source)
		}
		return f.Scenario
	}
	pima := load("pima-tcc-2021-01-22")
	mmc := load("mmc-validation")
	tcc := pima.Sites[0]
	phase1b := pima.Cohorts[0]
	glitch := pima.Portal.Outages[0]
	fill := pima.Invitations[0]
	mmcSite := mmc.Sites[0]
	day := sim.Hours{Open: 0, Close: des.Day}
	allDay := sim.Week{day, day, day, day, day, day, day}
	slotStarts := func(s sim.Site, d time.Weekday) int {
		return int((s.Week[d].Close - s.Week[d].Open + s.SlotLength - 1) / s.SlotLength)
	}
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"pima name", pima.Name, "pima-tcc-2021-01-22"},
		{"pima start", pima.Start, sim.Date{Year: 2021, Month: time.January, Day: 22}},
		{"pima start weekday", pima.Start.Weekday(), time.Friday},
		{"pima days", pima.Days, 1},
		{"product", pima.Products[0], sim.Product{Name: "moderna", DosesPerVial: 10, OpenVialLife: 6 * des.Hour}},
		{"tcc product", tcc.Product, 0},
		{"tcc stations", tcc.Stations, 14},
		{"tcc service", tcc.Service, sim.Dist{Kind: sim.Exp, Shift: 3 * 60_000, P1: 60_000}},
		{"tcc friday", tcc.Week[time.Friday], sim.Hours{Open: 8 * des.Hour, Close: 17 * des.Hour}},
		{"tcc sunday", tcc.Week[time.Sunday], sim.Hours{Open: 8 * des.Hour, Close: 17 * des.Hour}},
		{"tcc slots a day (P1 ~1,100)", slotStarts(tcc, time.Friday) * tcc.PerSlot, 1080},
		{"tcc walkins (P9)", tcc.Walkins, false},
		{"tcc last admission", tcc.LastAdmission, 30 * des.Minute},
		{"tcc punctuality", tcc.Punctuality, sim.Dist{Kind: sim.Normal, P1: -5 * 60_000, P2: 5 * 60_000}},
		{"tcc standby (P17)", tcc.Standby, sim.Dist{Kind: sim.Uniform, P1: 0, P2: 36}},
		{"tcc patience", tcc.Patience.Kind, sim.None},
		{"tcc at close", tcc.AtClose, sim.TurnAway},
		{"tcc initial doses", tcc.InitialDoses, int64(1500)},
		{"cohort order", []string{pima.Cohorts[0].Name, pima.Cohorts[1].Name, pima.Cohorts[2].Name, pima.Cohorts[3].Name},
			[]string{"phase1b", "law", "courts", "schools"}},
		{"phase1b eligible: first release, Thu 08:00", phase1b.EligibleAt, -16 * des.Hour},
		{"phase1b channel", phase1b.Channel, sim.PortalChannel},
		{"phase1b sites", phase1b.Sites, []int{0}},
		{"phase1b retry", phase1b.RetryMean, 2 * des.Hour},
		{"phase1b profile mean 1", near(mean(phase1b.Profile), 1), true},
		{"phase1b profile 19h", near(phase1b.Profile[19], 4*24/21.47), true},
		{"law channel", pima.Cohorts[1].Channel, sim.InvitationChannel},
		{"law eligible", pima.Cohorts[1].EligibleAt, des.Time(0)},
		{"portal", [3]des.Time{des.Time(pima.Portal.WindowDays), pima.Portal.ReleaseAt, pima.Portal.Notice},
			[3]des.Time{1, 8 * des.Hour, 6 * des.Hour}},
		{"glitch", glitch, sim.Outage{Name: "glitch", Start: -6 * des.Hour, End: 11*des.Hour + 30*des.Minute, Mode: sim.Lost, ShowUp: 0.03}},
		{"fill at", fill.At, 8*des.Hour + 30*des.Minute},
		{"fill days", fill.Days == nil, true},
		{"fill cohorts", fill.Cohorts, []int{1, 2, 3}},
		{"fill factor", fill.Factor, 1.43},
		{"fill delay kind", fill.Delay.Kind, sim.LogNormal},
		{"fill delay median 90m", near(math.Exp(fill.Delay.P1), 90*60_000), true},
		{"fill delay p90 240m", near(math.Exp(fill.Delay.P1+z90*fill.Delay.P2), 240*60_000), true},

		{"mmc days", mmc.Days, 7},
		{"mmc stations", mmcSite.Stations, 10},
		{"mmc service", mmcSite.Service, sim.ExpDist(4 * 60_000)},
		{"mmc around the clock", mmcSite.Week, allDay},
		{"mmc no slots", mmcSite.PerSlot, 0},
		{"mmc no queue cap", mmcSite.MaxQueue, sim.NoQueueCap},
		{"tcc no queue cap by default", tcc.MaxQueue, sim.NoQueueCap},
		{"mmc walkins", mmcSite.Walkins, true},
		{"mmc unlimited", mmcSite.UnlimitedDoses, true},
		{"mmc cohort", mmc.Cohorts[0].Channel, sim.WalkinChannel},
		{"mmc utilisation 0.8", near(mmc.Cohorts[0].WalkinRate*mmcSite.Service.Mean()/float64(des.Hour)/float64(mmcSite.Stations), 0.8), true},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, tc.got, tc.want)
		}
	}
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// TestResolvedRoundTrip checks that the resolved TOML of every valid file
// parses to the same scenario.
func TestResolvedRoundTrip(t *testing.T) {
	type input struct {
		name string
		data []byte
		sets []string
	}
	var inputs []input
	for _, in := range Bundled() {
		data, err := Open(in.Name)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{in.Name + ".toml", data, nil})
	}
	inputs = append(inputs, input{"small.toml", readSmall(t), []string{
		"sites.tcc.stations=12",
		`portal.outages.extra={start=2021-01-23T09:00:00, end=2021-01-23T10:00:00, mode="degraded", success=0.5}`,
		`sites.tcc.periods={winter={from=2021-01-23, until="2021-01-24", hours={sat="closed"}}}`,
	}})
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			f, err := Parse(in.name, in.data, in.sets)
			if err != nil {
				t.Fatalf("Parse(%s, %q): %v", in.name, in.sets, err)
			}
			again, err := Parse(in.name, f.Resolved, nil)
			if err != nil {
				t.Fatalf("Parse(resolved %s): %v\n%s", in.name, err, f.Resolved)
			}
			if !reflect.DeepEqual(again.Scenario, f.Scenario) {
				t.Errorf("resolved %s gives another scenario:\n%+v\nwant\n%+v\nresolved:\n%s", in.name, again.Scenario, f.Scenario, f.Resolved)
			}
			if !bytes.Equal(again.Resolved, f.Resolved) {
				t.Errorf("resolving %s twice differs:\n%s\nthen\n%s", in.name, f.Resolved, again.Resolved)
			}
		})
	}
}

// TestSet checks --set overrides that must work.
func TestSet(t *testing.T) {
	for _, tc := range []struct {
		name     string
		sets     []string
		check    func(sc *sim.Scenario) any
		want     any
		resolved string // a line Resolved must hold
	}{
		{"int", []string{"sites.tcc.stations=12"},
			func(sc *sim.Scenario) any { return sc.Sites[0].Stations }, 12, "stations = 12"},
		{"later set wins", []string{"sites.tcc.stations=12", "sites.tcc.stations=9"},
			func(sc *sim.Scenario) any { return sc.Sites[0].Stations }, 9, "stations = 9"},
		{"disable a rule", []string{"invitations.fill.enabled=false"},
			func(sc *sim.Scenario) any { return len(sc.Invitations) }, 0, "enabled = false"},
		{"start as string moves instants", []string{`scenario.start="2021-01-23"`},
			func(sc *sim.Scenario) any { return sc.Portal.Outages[0].Start }, -30 * des.Hour, `start = "2021-01-23"`},
		{"start as TOML date", []string{"scenario.start=2021-01-23"},
			func(sc *sim.Scenario) any { return sc.Start.Day }, 23, "start = 2021-01-23"},
		{"field absent from the file", []string{"sites.tcc.overbook=0.1"},
			func(sc *sim.Scenario) any { return sc.Sites[0].Overbook }, 0.1, "overbook = 0.1"},
		{"integer for a number", []string{"cohorts.public.attempt_rate=2"},
			func(sc *sim.Scenario) any { return sc.Cohorts[0].AttemptRate }, 2.0, "attempt_rate = 2"},
		{"table absent from the file", []string{"portal.random_outages.enabled=true", `portal.random_outages.mtbf="30d"`,
			`portal.random_outages.repair="lognormal(median=1h, p90=6h)"`},
			func(sc *sim.Scenario) any { return [2]any{sc.Portal.Random.Enabled, sc.Portal.Random.MTBF} },
			[2]any{true, 30 * des.Day}, "[portal.random_outages]"},
		{"new entry as a whole table", []string{`portal.outages.extra={start=2021-01-23T09:00:00, end=2021-01-23T10:00:00}`},
			func(sc *sim.Scenario) any { return sc.Portal.Outages[1] },
			sim.Outage{Name: "extra", Start: 33 * des.Hour, End: 34 * des.Hour, Mode: sim.Down}, "[portal.outages.extra]"},
		{"hours", []string{`sites.tcc.hours.sat="09:00-12:00"`},
			func(sc *sim.Scenario) any { return sc.Sites[0].Week[time.Saturday] },
			sim.Hours{Open: 9 * des.Hour, Close: 12 * des.Hour}, `sat = "09:00-12:00"`},
		{"no waiting room", []string{"sites.tcc.max_queue=0"},
			func(sc *sim.Scenario) any { return sc.Sites[0].MaxQueue }, 0, "max_queue = 0"},
		{"give up at once", []string{`cohorts.public.retry_mean="0s"`},
			func(sc *sim.Scenario) any { return sc.Cohorts[0].RetryMean }, des.Time(0), `retry_mean = "0s"`},
		{"clock as TOML local time", []string{"invitations.fill.at=08:30:00"},
			func(sc *sim.Scenario) any { return sc.Invitations[0].At }, 8*des.Hour + 30*des.Minute, "at = 08:30:00"},
		{"list", []string{`cohorts.public.sites=["tcc"]`},
			func(sc *sim.Scenario) any { return sc.Cohorts[0].Sites }, []int{0}, `sites = ["tcc"]`},
		{"spaces around =", []string{` sites.tcc.stations = 7 `},
			func(sc *sim.Scenario) any { return sc.Sites[0].Stations }, 7, "stations = 7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := parseSmall(t, tc.sets)
			if got := tc.check(f.Scenario); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("with %q: got %+v, want %+v", tc.sets, got, tc.want)
			}
			if !strings.Contains(string(f.Resolved), "\n"+tc.resolved+"\n") {
				t.Errorf("with %q: resolved TOML lacks %q:\n%s", tc.sets, tc.resolved, f.Resolved)
			}
		})
	}
}

// TestCivilTime checks that date-times are civil values in the
// scenario's zone: local ones by their written fields, ones with an
// offset converted into the zone, each day 24 hours even across a
// daylight-saving change.
func TestCivilTime(t *testing.T) {
	for _, tc := range []struct {
		name string
		sets []string
		want des.Time
	}{
		{"local date-time", []string{"cohorts.public.eligible=2021-01-21T18:00:00"}, -6 * des.Hour},
		{"local date-time without seconds", []string{"cohorts.public.eligible=2021-01-21T18:00"}, -6 * des.Hour},
		{"local date-time as string", []string{`cohorts.public.eligible="2021-01-21T18:00"`}, -6 * des.Hour},
		{"local date", []string{"cohorts.public.eligible=2021-01-23"}, 24 * des.Hour},
		{"offset date-time", []string{"cohorts.public.eligible=2021-01-22T01:00:00Z"}, -6 * des.Hour},
		{"offset date-time as string", []string{`cohorts.public.eligible="2021-01-22T10:30:00+02:00"`}, 90 * des.Minute},
		{"fractional seconds", []string{"cohorts.public.eligible=2021-01-22T00:00:01.5"}, 1500},
		// America/New_York springs forward at 02:00 on 2021-03-14.
		{"civil clock across DST", []string{`scenario.time_zone="America/New_York"`, "scenario.start=2021-03-14",
			"cohorts.public.eligible=2021-03-15T03:30:00"}, 27*des.Hour + 30*des.Minute},
		{"offset into a DST zone", []string{`scenario.time_zone="America/New_York"`, "scenario.start=2021-03-14",
			"cohorts.public.eligible=2021-03-14T12:00:00Z"}, 8 * des.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := parseSmall(t, tc.sets)
			if got := f.Scenario.Cohorts[0].EligibleAt; got != tc.want {
				t.Errorf("with %q: eligible at %v, want %v", tc.sets, got, tc.want)
			}
		})
	}
}

// TestLocalValuesIgnoreOffset checks that the decoder reads TOML local
// values from their civil fields, whatever UTC offset the TOML library
// stamped on them (the machine's).
func TestLocalValuesIgnoreOffset(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    time.Time
		into any
		want string
	}{
		{"date-time", time.Date(2021, 1, 21, 18, 0, 0, 0, time.FixedZone("datetime-local", 5*3600+1800)), new(DateTime), "2021-01-21T18:00:00"},
		{"date-time west", time.Date(2021, 1, 21, 18, 0, 0, 0, time.FixedZone("datetime-local", -10*3600)), new(DateTime), "2021-01-21T18:00:00"},
		{"date", time.Date(2021, 1, 22, 0, 0, 0, 0, time.FixedZone("date-local", 14*3600)), new(Date), "2021-01-22"},
		{"time", time.Date(0, 1, 1, 8, 30, 0, 0, time.FixedZone("time-local", -12*3600)), new(Clock), "08:30:00"},
	} {
		d := &decoder{c: newCollector("t.toml")}
		rv := reflect.ValueOf(tc.into).Elem()
		d.decode(tc.v, rv, []string{"x"})
		if got := rv.String(); got != tc.want || len(d.c.errs) > 0 {
			t.Errorf("%s: decode(%v) = %q, errors %v; want %q", tc.name, tc.v, got, d.c.errs, tc.want)
		}
	}
}

func TestBundledList(t *testing.T) {
	list := Bundled()
	var names []string
	for _, in := range list {
		names = append(names, in.Name)
		if in.Description == "" || strings.Contains(in.Description, "\n") {
			t.Errorf("bundled %s: description %q; want one non-empty line", in.Name, in.Description)
		}
	}
	if !reflect.DeepEqual(names, sortStrings(names)) {
		t.Errorf("Bundled() names %v not sorted", names)
	}
	for _, want := range []string{DefaultName, "mmc-validation"} {
		if _, err := Open(want); err != nil {
			t.Errorf("Open(%q): %v", want, err)
		}
	}
}

// TestResolve checks the lookup order: a file on disk, then a bundled
// name, else an error listing the bundled names.
func TestResolve(t *testing.T) {
	small := readSmall(t)
	dir := t.TempDir()
	t.Chdir(t.TempDir())                                // away from the package's own .toml files
	onDisk := filepath.Join(dir, "mmc-validation.toml") // shadows the bundled name when given as a path
	if err := os.WriteFile(onDisk, small, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		arg, source, name, err string
	}{
		{arg: onDisk, source: onDisk, name: "small"},
		{arg: "mmc-validation", source: "mmc-validation", name: "mmc-validation"},
		{arg: "mmc-validation.toml", source: "mmc-validation", name: "mmc-validation"},
		{arg: "", source: DefaultName, name: DefaultName},
		{arg: "pima-tcc-2021-01-21", err: `did you mean "pima-tcc-2021-01-22"?`},
		{arg: "nothing-like-it", err: "bundled: mmc-validation, pima-county-2021-q1, pima-tcc-2021-01-22, pima-tcc-replay, stadium-24x7"},
		{arg: dir, err: "is a directory"},
	} {
		f, err := Resolve(tc.arg, nil)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Resolve(%q) error = %v; want one containing %q", tc.arg, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Resolve(%q): %v", tc.arg, err)
			continue
		}
		if f.Source != tc.source || f.Scenario.Name != tc.name {
			t.Errorf("Resolve(%q) = source %q, name %q; want %q, %q", tc.arg, f.Source, f.Scenario.Name, tc.source, tc.name)
		}
	}
}

func TestLoadFS(t *testing.T) {
	f, err := Load(os.DirFS("testdata"), "valid/small.toml", []string{"sites.tcc.stations=3"})
	if err != nil {
		t.Fatalf("Load(testdata, valid/small.toml): %v", err)
	}
	if f.Source != "valid/small.toml" || f.Scenario.Sites[0].Stations != 3 {
		t.Errorf("Load: source %q, stations %d", f.Source, f.Scenario.Sites[0].Stations)
	}
	if _, err := Load(os.DirFS("testdata"), "valid/none.toml", nil); err == nil {
		t.Errorf("Load(missing file) = nil error")
	}
	_, err = Load(os.DirFS("testdata"), "invalid/misspelt-key.toml", nil)
	if err == nil || !strings.HasPrefix(err.Error(), "invalid/misspelt-key.toml:13: sites.tcc.statons:") {
		t.Errorf("Load(invalid/misspelt-key.toml) error = %v", err)
	}
}

// TestDescription: the resolved scenario carries the file's description,
// so that readers of a run need not read its TOML.
func TestDescription(t *testing.T) {
	for _, in := range Bundled() {
		t.Run(in.Name, func(t *testing.T) {
			f, err := Resolve(in.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			if f.Scenario.Description == "" || f.Scenario.Description != in.Description {
				t.Errorf("Resolve(%s).Scenario.Description = %q, want the file's %q", in.Name, f.Scenario.Description, in.Description)
			}
			g, err := Parse("resolved.toml", f.Resolved, nil) // the replay logs are read beside it, here
			if err != nil {
				t.Fatal(err)
			}
			if g.Scenario.Description != f.Scenario.Description {
				t.Errorf("the resolved text of %s gives description %q, want %q", in.Name, g.Scenario.Description, f.Scenario.Description)
			}
		})
	}
}
