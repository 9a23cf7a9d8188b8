package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// secret is the text of a file outside a hostile case's scenario folder:
// no message may quote it.
const secret = "PASSWORD=hunter2-do-not-print"

// hostileCase is a hostile input: files in a scenario's folder (base.toml
// and its logs from testdata/replay, replaced or added to by files), made
// odd by setup, loaded with Options.Resolve or, when sweep is set, from
// sweep.toml with Options.LoadSweep.
type hostileCase struct {
	name  string
	files map[string]string
	setup func(t *testing.T, dir, outside string)
	sets  []string
	opt   Options
	sweep bool
	want  string // a substring of the error; "" if loading succeeds
	warn  string // a substring of a warning, when loading succeeds
}

// hostileCases are the cases of TestHostileInputs.
var hostileCases = []hostileCase{
	// Reading beyond what the user named.
	{name: "log above the folder", sets: []string{`replay.bookings="../outside/secret.csv"`},
		want: `"../outside/secret.csv" leads out of the current folder`},
	{name: "log above the folder in the file", files: map[string]string{"base.toml": replayTOML("bookings", "../outside/secret.csv")},
		want: `replay.bookings: cannot read the log: "../outside/secret.csv" leads out of the scenario's folder`},
	{name: "absolute log", files: map[string]string{"base.toml": replayTOML("bookings", "/etc/passwd")},
		want: `"/etc/passwd" is an absolute path`},
	{name: "absolute log with --set", sets: []string{`replay.outages="/proc/self/environ"`},
		want: `"/proc/self/environ" is an absolute path`},
	{name: "symbolic link out", setup: func(t *testing.T, dir, outside string) {
		symlink(t, filepath.Join(outside, "secret.csv"), filepath.Join(dir, "bookings.csv"))
	}, want: `"bookings.csv" leads out of the scenario's folder through a symbolic link`},
	{name: "relative symbolic link out", setup: func(t *testing.T, dir, outside string) {
		os.Mkdir(filepath.Join(dir, "logs"), 0o755)
		symlink(t, "../../outside/secret.csv", filepath.Join(dir, "logs", "b.csv"))
	}, files: map[string]string{"base.toml": replayTOML("bookings", "logs/b.csv")},
		want: `through a symbolic link`},
	{name: "symbolic link inside", setup: func(t *testing.T, dir, outside string) {
		os.Rename(filepath.Join(dir, "bookings.csv"), filepath.Join(dir, "real.csv"))
		symlink(t, "real.csv", filepath.Join(dir, "bookings.csv"))
	}},
	{name: "trusted log outside", opt: Options{AllowOutside: true},
		files: map[string]string{"base.toml": replayTOML("walkins", "../outside/walkins.csv")}},
	{name: "trusted secret is quoted short", opt: Options{AllowOutside: true},
		files: map[string]string{"base.toml": replayTOML("bookings", "../outside/secret.csv")},
		want:  `found: PASSWORD=hunter2-do-not-print,` + "\\x00\\x01" + `more-sec…)`},
	{name: "sweep names a scenario outside", sweep: true,
		files: map[string]string{"sweep.toml": "[sweep]\nscenario = \"../outside/s.toml\"\nvary = [\"sites.a.stations=1,2\"]\n"},
		want:  `sweep.toml:2: sweep.scenario: "../outside/s.toml" leads out of the sweep file's folder`},
	{name: "sweep sets a log outside", sweep: true,
		files: map[string]string{"sweep.toml": "[sweep]\nscenario = \"base.toml\"\nset = ['replay.walkins=\"/etc/passwd\"']\nvary = [\"sites.a.stations=1,2\"]\n"},
		want:  `"/etc/passwd" is an absolute path`},

	// Special files.
	{name: "named pipe as a log", setup: func(t *testing.T, dir, outside string) {
		os.Remove(filepath.Join(dir, "walkins.csv"))
		mkfifo(t, filepath.Join(dir, "walkins.csv"))
	}, want: "walkins.csv is a named pipe (FIFO); only regular files are read"},
	{name: "named pipe as the scenario", setup: func(t *testing.T, dir, outside string) {
		os.Remove(filepath.Join(dir, "base.toml"))
		mkfifo(t, filepath.Join(dir, "base.toml"))
	}, want: "base.toml is a named pipe (FIFO); only regular files are read"},
	{name: "named pipe as a sweep file", sweep: true, setup: func(t *testing.T, dir, outside string) {
		mkfifo(t, filepath.Join(dir, "sweep.toml"))
	}, want: "sweep.toml is a named pipe (FIFO)"}, // LoadSweep leaves it to Resolve
	{name: "a device as a log", opt: Options{AllowOutside: true}, sets: []string{`replay.shipments="/dev/zero"`},
		want: "/dev/zero is a device; only regular files are read"},
	{name: "many unused columns",
		files: map[string]string{"walkins.csv": "time,site," + strings.Repeat("col,", 1000) + "x\n2021-01-22T09:00,b" + strings.Repeat(",", 1001) + "\n"},
		want:  `column "col" appears twice in the header`},
	{name: "many unused, distinct columns", files: map[string]string{"walkins.csv": "time,site,a,b,c,d,e,f\n2021-01-22T09:00,b,,,,,,\n"},
		warn: `walkins.csv:1: columns "a", "b", "c", and 3 more are not used and ignored`},
	{name: "a folder as a log", files: map[string]string{"base.toml": replayTOML("outages", ".")},
		want: "is a folder; only regular files are read"},

	// Nonsense that was accepted silently.
	{name: "cohort accepting no site", sets: []string{"cohorts.staff.sites=[]"},
		want: "--set cohorts.staff.sites=[]: cohorts.staff.sites: empty: the cohort would accept no site; leave sites out for every site, or name some of a or b"},
	{name: "profile weights overflow", sets: []string{"cohorts.public.profile=" + profile("1.7e308")},
		want: "cohorts.public.profile: the weights sum to more than the largest number"},
	{name: "profile weight NaN", sets: []string{"cohorts.public.profile=" + profile("nan")},
		want: "cohorts.public.profile: element 1: expected a finite number, found NaN"},
	{name: "profile weight infinite", sets: []string{"cohorts.public.profile=" + profile("inf")},
		want: "cohorts.public.profile: element 1: expected a finite number, found +Inf"},
	{name: "depot share infinite", sets: []string{"depots.hub.shares=[1, inf]"},
		want: "depots.hub.shares: element 2: expected a finite number, found +Inf"},
	{name: "shipment of a product the site does not use", sets: append(twoProducts(),
		`shipments.p={product="pfizer", site="a", arrives=2021-01-22T08:00:00, doses=10}`),
		want: `shipments.p.product: site "a" uses product "moderna", not "pfizer": the doses would never be given`},
	{name: "shipment to a depot of a product no site uses", sets: append(twoProducts(),
		`shipments.p={product="pfizer", depot="hub", arrives=2021-01-22T08:00:00, doses=10}`),
		want: `none of the sites of depot "hub" (a or b) uses product "pfizer"`},
	{name: "shipment log of a product the site does not use", sets: twoProducts(),
		files: map[string]string{"shipments.csv": "date,site,product,doses\n2021-01-22,b,pfizer,10\n"},
		want:  `shipments.csv:2:14: product: site "b" uses product "moderna", not "pfizer"`},
	{name: "service rounds to 0 ms", sets: []string{`sites.a.service="exp(mean=0.1ms)"`},
		want: `sites.a.service: "exp(mean=0.1ms)": mean: invalid duration "0.1ms": it rounds to 0 ms`},
	{name: "patience rounds to 0 ms", sets: []string{`sites.a.patience="uniform(min=0.2ms, max=0.4ms)"`},
		want: `sites.a.patience: "uniform(min=0.2ms, max=0.4ms)": min: invalid duration "0.2ms": it rounds to 0 ms`},
	{name: "lognormal tail overflows", sets: []string{`sites.a.service="lognormal(median=1m, sigma=50)"`},
		want: `sites.a.service: "lognormal(median=1m, sigma=50)": draws reach 1.21e+127d (1 in 10^9 goes further), beyond the longest duration the model samples, 100000d`},
	{name: "normal tail overflows below", sets: []string{`sites.a.punctuality="normal(mean=0s, sd=90000d)"`},
		want: `sites.a.punctuality: "normal(mean=0s, sd=90000d)": draws reach 5.4e+05d`},
	{name: "gamma tail overflows", sets: []string{`portal.random_outages.repair="gamma(shape=0.001, mean=1000d)"`},
		want: `portal.random_outages.repair: "gamma(shape=0.001, mean=1000d)": draws reach`},
	{name: "count tail overflows", sets: []string{`sites.b.standby="lognormal(median=10, sigma=5)"`},
		want: `sites.b.standby: "lognormal(median=10, sigma=5)": draws reach 1.06e+14`},
	{name: "booking log with only its header", files: map[string]string{"bookings.csv": "time,cohort\n"},
		warn: "bookings.csv: the log holds only its header; the replayed portal cohorts make no booking attempts"},
	{name: "recurring shipment from 1900", sets: []string{`shipments.old={site="a", arrives=1900-01-01T00:00:00, every_days=1, doses=10000}`},
		want: "shipments.old.arrives: 1900-01-01T00:00:00 is more than every_days = 1 before the simulated time starts"},
	{name: "one shipment long before the run", sets: []string{`shipments.old={site="a", arrives=1900-01-01T00:00:00, doses=10}`},
		warn: "shipments.old.arrives: 1900-01-01T00:00:00 is before the simulated time starts (the portal's first release, the run being 2021-01-22 to 2021-01-23); the doses arrive at its start"},
	{name: "shipment after the run", sets: []string{`shipments.late={site="a", arrives=2031-01-01T00:00:00, doses=10}`},
		warn: "shipments.late.arrives: 2031-01-01T00:00:00 is after the run (2021-01-22 to 2021-01-23); the doses never arrive"},
	{name: "period outside the run", sets: []string{`sites.a.periods.old={from=1900-01-01, until=1900-02-01, stations=1}`},
		warn: "sites.a.periods.old.from: the period, 1900-01-01 to 1900-02-01, lies outside the run (2021-01-22 to 2021-01-23) and never applies"},
	{name: "invitation date outside the run", sets: []string{`invitations.x={cohorts=["law"], count=5, dates=[1900-01-01]}`},
		warn: "invitations.x.dates: 1900-01-01 is outside the run (2021-01-22 to 2021-01-23); the rule never runs on it"},
	{name: "outage outside the run", sets: []string{`portal.outages.old={start=1900-01-01T00:00:00, end=1900-01-02T00:00:00}`},
		warn: "portal.outages.old.start: the outage, 1900-01-01T00:00:00 to 1900-01-02T00:00:00, lies outside the simulated time"},
	{name: "outage log outside the run", files: map[string]string{"outages.csv": "start,end\n1900-01-01,1900-01-02\n"},
		warn: "outages.csv: 1 outages lie outside the simulated time"},
	{name: "shipment log before the run", files: map[string]string{"shipments.csv": "date,site,doses\n1900-01-01,a,5\n"},
		warn: "shipments.csv: 1 rows fall before the simulated time (the portal's first release); their doses arrive at its start"},
	{name: "run past the year 9999", sets: []string{"scenario.start=9999-12-31"},
		want: "scenario.start: the run, from 9999-12-30 (the portal's first release, window_days = 1 before the start) to 10000-01-01, must lie within the years 0001 to 9999"},
	{name: "run before the year 1", sets: []string{"scenario.start=0001-01-01"},
		want: "must lie within the years 0001 to 9999"},
}

// profile is a profile of 24 weights, the first w and the others 1.7e308.
func profile(w string) string {
	return "[" + w + strings.Repeat(", 1.7e308", 23) + "]"
}

// twoProducts are --set arguments adding a second product, pfizer, to
// base.toml, whose sites use moderna.
func twoProducts() []string {
	return []string{"products.pfizer={doses_per_vial=6}", `sites.a.product="moderna"`, `sites.b.product="moderna"`}
}

// replayTOML is base.toml with its replay log key naming file.
func replayTOML(key, file string) string {
	data, err := os.ReadFile("testdata/replay/base.toml")
	if err != nil {
		panic(err)
	}
	old := key + ` = "` + key + `.csv"`
	return strings.Replace(string(data), old, key+" = "+quoteTOML(file), 1)
}

func quoteTOML(s string) string { return `'` + s + `'` }

func symlink(t *testing.T, target, link string) {
	t.Helper()
	os.Remove(link)
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// TestHostileInputs loads hostile inputs: each must end well within 5 s
// with the expected error (or warning), and no message may quote a file
// outside the scenario's folder beyond a short, escaped excerpt of a
// file a trusted scenario named.
func TestHostileInputs(t *testing.T) {
	if len(hostileCases) < 25 {
		t.Errorf("only %d hostile cases; want at least 25", len(hostileCases))
	}
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			dir, outside := filepath.Join(root, "scenario"), filepath.Join(root, "outside")
			for _, d := range []string{dir, outside} {
				if err := os.Mkdir(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for _, name := range []string{"base.toml", "bookings.csv", "walkins.csv", "outages.csv", "shipments.csv"} {
				copyFile(t, filepath.Join("testdata", "replay", name), filepath.Join(dir, name))
			}
			copyFile(t, filepath.Join("testdata", "replay", "walkins.csv"), filepath.Join(outside, "walkins.csv"))
			writeFile(t, filepath.Join(outside, "secret.csv"), secret+",\x00\x01more-secret-text-that-is-long\nx,y\n")
			writeFile(t, filepath.Join(outside, "s.toml"), secret+"\n")
			for name, text := range tc.files {
				writeFile(t, filepath.Join(dir, name), text)
			}
			if tc.setup != nil {
				tc.setup(t, dir, outside)
			}
			t.Chdir(dir)
			done := make(chan struct{})
			var f *File
			var err error
			go func() {
				defer close(done)
				defer func() {
					if p := recover(); p != nil {
						err = errors.New("panic")
						t.Errorf("panic: %v", p)
					}
				}()
				f, err = loadHostile(tc)
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatalf("still loading after 5 s")
			}
			checkHostile(t, tc, f, err)
		})
	}
}

// loadHostile loads the case's scenario, from the current folder.
func loadHostile(tc hostileCase) (*File, error) {
	if !tc.sweep {
		return tc.opt.Resolve("base.toml", tc.sets)
	}
	spec, err := tc.opt.LoadSweep("sweep.toml")
	if err != nil {
		return nil, err
	}
	if spec == nil { // not a sweep file: the command takes it for a scenario
		return tc.opt.Resolve("sweep.toml", tc.sets)
	}
	return tc.opt.Resolve(spec.Scenario, append(spec.Sets, tc.sets...))
}

func checkHostile(t *testing.T, tc hostileCase, f *File, err error) {
	t.Helper()
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	if f != nil {
		msg += strings.Join(f.Warnings, "\n")
	}
	if strings.Contains(msg, "hunter2") && !tc.opt.AllowOutside {
		t.Errorf("a message quotes a file outside the folder:\n%s", msg)
	}
	if strings.Contains(msg, "more-secret-text-that") {
		t.Errorf("a message quotes more than %d bytes of a file:\n%s", maxExcerpt, msg)
	}
	switch {
	case tc.want == "" && err != nil:
		t.Fatalf("error:\n%v\nwant none", err)
	case tc.want != "" && err == nil:
		t.Fatalf("no error; want one containing %q", tc.want)
	case tc.want != "" && !strings.Contains(msg, tc.want):
		t.Fatalf("error:\n%v\nwant one containing %q", err, tc.want)
	}
	if tc.warn != "" && (f == nil || !strings.Contains(strings.Join(f.Warnings, "\n"), tc.warn)) {
		var w []string
		if f != nil {
			w = f.Warnings
		}
		t.Errorf("warnings %q; want one containing %q", w, tc.warn)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(data))
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLoadFSStaysInside checks Load's paths in an fs.FS: ".." above the
// scenario's folder and a symbolic link out of it (os.DirFS follows
// links) are errors unless Options.AllowOutside.
func TestLoadFSStaysInside(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"s", "other"} {
		os.Mkdir(filepath.Join(root, d), 0o755)
	}
	for _, name := range []string{"base.toml", "bookings.csv", "walkins.csv", "outages.csv", "shipments.csv"} {
		copyFile(t, filepath.Join("testdata", "replay", name), filepath.Join(root, "s", name))
	}
	copyFile(t, filepath.Join("testdata", "replay", "walkins.csv"), filepath.Join(root, "other", "w.csv"))
	symlink(t, filepath.Join(root, "other", "w.csv"), filepath.Join(root, "s", "link.csv"))
	fsys := os.DirFS(root)
	for _, tc := range []struct {
		set  string
		opt  Options
		want string
	}{
		{`replay.walkins="../other/w.csv"`, Options{}, `"../other/w.csv" leads out of the scenario's folder`},
		{`replay.walkins="link.csv"`, Options{}, `"link.csv" leads out of the scenario's folder`},
		{`replay.walkins="/etc/passwd"`, Options{AllowOutside: true}, `"/etc/passwd" is not a path inside the scenario's folder`},
		{`replay.walkins="../other/w.csv"`, Options{AllowOutside: true}, ""},
	} {
		// Set in the file, not with --set (which reads from disk).
		text := strings.Replace(replayTOML("walkins", "x"), "walkins = 'x'", strings.Replace(tc.set, "replay.", "", 1), 1)
		writeFile(t, filepath.Join(root, "s", "t.toml"), text)
		_, err := tc.opt.Load(fsys, "s/t.toml", nil)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s (%+v): error %v; want %q", tc.set, tc.opt, err, tc.want)
		}
	}
}

// TestReplayLimits checks the limits of a replay log, lowered for the
// test: its size on disk, its size as read, and its rows.
func TestReplayLimits(t *testing.T) {
	defer func(size int64, rows int) { replayLogSize, replayRows = size, rows }(replayLogSize, replayRows)
	rows := "time,site\n" + strings.Repeat("2021-01-22T09:00,b\n", 10)
	for _, tc := range []struct {
		name string
		size int64
		rows int
		want string
	}{
		{"size", 100, 1000, "more than the limit of 100 bytes (512 MiB) for a replay log"},
		{"rows", 1000, 5, "walkins.csv:7:1: more than 5 rows, the limit of a replay log"},
		{"within", 1000, 10, ""},
	} {
		replayLogSize, replayRows = tc.size, tc.rows
		_, err := Load(replayFS(t, map[string]string{"walkins.csv": rows}), "base.toml", nil)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: error %v; want %q", tc.name, err, tc.want)
		}
	}
	// A file whose size says less than it holds is stopped as it is read.
	replayLogSize, replayRows = 100, 1000
	l := newCSVLog("w.csv", strings.NewReader(rows), walkinColumns, false)
	for l.next() {
	}
	if len(l.errs) == 0 || !strings.Contains(l.errs[0].Error(), "the log passes the limit of 100 bytes") {
		t.Errorf("reading %d bytes with a limit of 100: errors %v", len(rows), l.errs)
	}
}
