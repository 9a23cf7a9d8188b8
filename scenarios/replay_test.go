package scenarios

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

// replayFS returns the replay test scenario with its four logs, the
// files given replacing them (an empty text removes a file).
func replayFS(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"base.toml", "bookings.csv", "walkins.csv", "outages.csv", "shipments.csv"} {
		data, err := os.ReadFile("testdata/replay/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// TestReplayLogs loads the four logs of testdata/replay, which use the
// forms the format allows: columns in any order and an unused one, a
// byte-order mark, CRLF line ends, quoted fields, a blank line, spaces
// around values, local date-times with and without seconds and
// fractions, RFC 3339 with an offset or Z, dates alone, and rows out of
// order.
func TestReplayLogs(t *testing.T) {
	f, err := Load(replayFS(t, nil), "base.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	sc := f.Scenario
	const h, m = des.Hour, des.Minute
	r := sc.Replay
	if r == nil {
		t.Fatal("no replay")
	}
	wantAttempts := []sim.Attempt{
		{At: 8 * h, Slot: sim.AnySlot, Cohort: 0, Site: 1, Outcome: sim.OutcomeLost},
		{At: 9 * h, Slot: 10 * h, Cohort: 0, Site: 0, Outcome: sim.OutcomeBooked},
		{At: 9*h + 30*m, Slot: sim.AnySlot, Cohort: 1, Site: -1, Failures: 1, Outcome: sim.OutcomeNoSlot},
		{At: 9*h + 45*m + 250, Slot: sim.AnySlot, Cohort: 0, Site: -1, Outcome: sim.OutcomeBooked}, // 16:45Z is 09:45 in Phoenix
	}
	if !slices.Equal(r.Attempts, wantAttempts) {
		t.Errorf("attempts:\n%+v\nwant\n%+v", r.Attempts, wantAttempts)
	}
	wantWalkins := []sim.Arrival{{At: 9 * h, Site: 1, Cohort: 2}, {At: des.Day + 10*h + 15*m + 30*des.Second, Site: 1, Cohort: 2}}
	if !slices.Equal(r.Walkins, wantWalkins) {
		t.Errorf("walk-ins %+v, want %+v", r.Walkins, wantWalkins)
	}
	if !slices.Equal(r.Cohorts, []int{0, 1, 2}) || r.Until != des.Never || r.Resample != sim.NoResample {
		t.Errorf("replay cohorts %v, until %v, resample %v; want [0 1 2], never, none", r.Cohorts, r.Until, r.Resample)
	}
	wantOutages := []sim.Outage{
		{Name: "outages.csv:3", Start: -6 * h, End: h, Mode: sim.Down},
		{Name: "outages.csv:2", Start: 9 * h, End: 10 * h, Mode: sim.Degraded, Success: 0.5},
	}
	if !slices.Equal(sc.Portal.Outages, wantOutages) || sc.Portal.Random.Enabled {
		t.Errorf("outages %+v (random: %v), want %+v and random off", sc.Portal.Outages, sc.Portal.Random.Enabled, wantOutages)
	}
	wantDeliveries := []sim.Delivery{
		{Name: "shipments.csv:2", At: 0, Product: 0, Site: 0, Depot: -1, Doses: 100},
		{Name: "shipments.csv:3", At: 12 * h, Product: 0, Site: -1, Depot: 0, Doses: 50},
	}
	if !slices.Equal(sc.Deliveries, wantDeliveries) {
		t.Errorf("deliveries %+v, want %+v", sc.Deliveries, wantDeliveries)
	}
	wantWarnings := []string{
		`bookings.csv:1: column "note" is not used and ignored (columns read: time,cohort,site,appointment,attempt,outcome)`,
		"bookings.csv: 1 row was out of time order and has been sorted (replay.strict_order = true rejects it)",
		"outages.csv: the outage log replaces the random outages (portal.random_outages), which are off",
		"outages.csv: 1 row was out of time order and has been sorted (replay.strict_order = true rejects it)",
	}
	if !slices.Equal(f.Warnings, wantWarnings) {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(f.Warnings, "\n"), strings.Join(wantWarnings, "\n"))
	}
	if _, err := sim.Run(context.Background(), sc, 1, 0, sim.Options{}); err != nil {
		t.Errorf("run: %v", err)
	}
}

// TestReplayTable checks the [replay] keys other than the logs.
func TestReplayTable(t *testing.T) {
	cases := []struct {
		name string
		sets []string
		want string // an error, or "" for none
		test func(t *testing.T, r *sim.Replay)
	}{
		{"until", []string{"replay.until=2021-01-22T12:00:00"}, "", func(t *testing.T, r *sim.Replay) {
			if r.Until != 12*des.Hour {
				t.Errorf("until %v, want 12h", r.Until)
			}
		}},
		{"bootstrap", []string{`replay.resample="bootstrap"`}, "", func(t *testing.T, r *sim.Replay) {
			if r.Resample != sim.Bootstrap {
				t.Errorf("resample %v", r.Resample)
			}
		}},
		{"scale", []string{`replay.resample="scale"`, "replay.factor=1.2"}, "", func(t *testing.T, r *sim.Replay) {
			if r.Resample != sim.ScaleRows || r.Factor != 1.2 {
				t.Errorf("resample %v factor %v", r.Resample, r.Factor)
			}
		}},
		{"thin", []string{`replay.resample="thin"`, "replay.factor=0.8"}, "", func(t *testing.T, r *sim.Replay) {
			if r.Resample != sim.ScaleRows || r.Factor != 0.8 {
				t.Errorf("resample %v factor %v", r.Resample, r.Factor)
			}
		}},
		{"some cohorts", []string{`replay.cohorts=["public","staff"]`, `replay.walkins=""`}, "", func(t *testing.T, r *sim.Replay) {
			if !slices.Equal(r.Cohorts, []int{0, 1}) {
				t.Errorf("cohorts %v", r.Cohorts)
			}
		}},
		{"thin above 1", []string{`replay.resample="thin"`, "replay.factor=1.5"}, "replay.factor: resample = \"thin\" keeps each row with probability factor", nil},
		{"factor without scale", []string{"replay.factor=2"}, "replay.factor: applies only with resample", nil},
		{"unknown resample", []string{`replay.resample="jackknife"`}, `replay.resample: unknown value "jackknife"`, nil},
		{"invitation cohort", []string{`replay.cohorts=["law"]`}, `cohort "law" comes when invited`, nil},
		{"portal cohort without log", []string{`replay.bookings=""`, `replay.cohorts=["public","walkers"]`}, `cohort "public" books through the portal, and there is no booking log`, nil},
		{"unknown cohort", []string{`replay.cohorts=["publc"]`}, `unknown cohort "publc" (did you mean "public"?)`, nil},
		{"until without logs", []string{`replay.bookings=""`, `replay.walkins=""`, "replay.until=2021-01-22T12:00:00"}, "replay.until: applies only with a booking or walk-in log", nil},
		{"missing file", []string{`replay.shipments="none.csv"`}, "replay.shipments: cannot read the log: open none.csv", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir("testdata/replay") // a path given with --set is relative to the current folder
			f, err := Load(os.DirFS("."), "base.toml", tc.sets)
			if tc.want != "" {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("Load with %q: error %v, want one containing %q", tc.sets, err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load with %q: %v", tc.sets, err)
			}
			tc.test(t, f.Scenario.Replay)
		})
	}
}

// TestReplayLogErrors loads broken logs: each error names the file, line
// and column of the problem and says what is valid.
func TestReplayLogErrors(t *testing.T) {
	const head = "time,cohort,site,appointment,attempt,outcome\n"
	cases := []struct {
		name, file, text string
		sets             []string
		want             string // the first error, exactly
	}{
		{"missing column", "bookings.csv", "cohort,site\npublic,a\n", nil,
			`bookings.csv:1:1: no column "time"; the header must name "time" and "cohort" (columns: time,cohort,site,appointment,attempt,outcome; found: cohort,site)`},
		{"bad timestamp", "bookings.csv", head + "2021-13-01T09:00,public,a,,1,booked\n", nil,
			`bookings.csv:2:1: time: invalid timestamp "2021-13-01T09:00"; ` + stampHint},
		{"bad time of day", "walkins.csv", "time,site\n2021-01-22T25:00,b\n", nil,
			`walkins.csv:2:1: time: invalid timestamp "2021-01-22T25:00"; ` + stampHint},
		{"negative doses", "shipments.csv", "date,site,depot,product,doses\n2021-01-22,a,,,-5\n", nil,
			"shipments.csv:2:16: doses: must be 0 or more, found -5"},
		{"unknown site", "bookings.csv", head + "2021-01-22T09:00,public,kino,,1,booked\n", nil,
			`bookings.csv:2:25: site: unknown site "kino"; valid: a or b`},
		{"site the cohort does not accept", "bookings.csv", head + "2021-01-22T09:00,staff,b,,1,booked\n", nil,
			`bookings.csv:2:24: site: cohort "staff" does not accept site "b" (cohorts.staff.sites: a)`},
		{"unknown cohort", "bookings.csv", head + "2021-01-22T09:00,pubic,a,,1,booked\n", nil,
			`bookings.csv:2:18: cohort: unknown cohort "pubic" (did you mean "public"?)`},
		{"cohort not replayed", "bookings.csv", head + "2021-01-22T09:00,law,a,,1,booked\n", nil,
			`bookings.csv:2:18: cohort: cohort "law" is not a replayed portal cohort (replayed: public or staff; see replay.cohorts)`},
		{"end before start", "outages.csv", "start,end,mode\n2021-01-22T10:00,2021-01-22T09:00,down\n", nil,
			"outages.csv:2:18: end: 2021-01-22T09:00 is not after start 2021-01-22T10:00; an outage ends after it starts"},
		{"empty file", "bookings.csv", "", nil,
			"bookings.csv:1:1: empty file; a header row is required, naming the columns (time,cohort,site,appointment,attempt,outcome)"},
		{"wrong delimiter", "bookings.csv", "time;cohort;site\n2021-01-22T09:00;public;a\n", nil,
			`bookings.csv:1:1: the header is one column, "time;cohort;site": the file seems separated by ";"; write comma-separated values (time,cohort,site,appointment,attempt,outcome)`},
		{"10 MB line", "bookings.csv", head + strings.Repeat("x", 10<<20) + "\n", nil,
			"bookings.csv:2:1048577: line longer than the limit of 1048576 bytes (1 MiB); is this a CSV log?"},
		{"fields missing", "bookings.csv", head + "2021-01-22T09:00,public\n", nil,
			"bookings.csv:2:18: 2 fields in this row, 6 in the header"},
		{"open quote", "bookings.csv", head + `2021-01-22T09:00,"public,a,,1,booked` + "\n", nil,
			"bookings.csv:2:1: a quoted field in this row does not end on its line (a field cannot hold a line break)"},
		{"open quote, no line end", "bookings.csv", head + `2021-01-22T09:00,"public,a,,1,booked`, nil,
			"bookings.csv:2:1: a quoted field in this row does not end on its line (a field cannot hold a line break)"},
		{"open quote before other rows", "bookings.csv", head + `2021-01-22T09:00,"public,a,,1,booked` + "\n" +
			"2021-01-22T10:00,public,a,,1,booked\n\n2021-01-22T11:00,public,a,,1,booked\n", nil,
			"bookings.csv:2:1: a quoted field in this row does not end on its line (a field cannot hold a line break)"},
		{"open quote closed on a later line", "bookings.csv", head + `2021-01-22T09:00,"public,a,,1,booked` + "\n" +
			`2021-01-22T10:00,"public",a,,1,booked` + "\n", nil,
			"bookings.csv:2:1: a quoted field in this row does not end on its line (a field cannot hold a line break)"},
		{"line break in a quoted field", "bookings.csv", head + "2021-01-22T09:00,public,a,,\"1\n\",booked\n", nil,
			"bookings.csv:2:28: a quoted field does not end on its line (a field cannot hold a line break)"},
		{"line break in the last field", "walkins.csv", "time,site\n2021-01-22T09:00,\"b\r\n\"\n", nil,
			"walkins.csv:2:18: a quoted field does not end on its line (a field cannot hold a line break)"},
		{"text after a closing quote", "bookings.csv", head + `2021-01-22T09:00,"public"x,a,,1,booked` + "\n", nil,
			"bookings.csv:2:26: text after the closing quote of a field"},
		{"quote inside a field", "bookings.csv", head + `2021-01-22T09:00,pub"lic,a,,1,booked` + "\n", nil,
			`bookings.csv:2:21: a quote in a field that does not start with one; quote the whole field ("a ""b"" c")`},
		{"10 MB line at the end", "walkins.csv", "time,site\n" + strings.Repeat("x", 10<<20), nil,
			"walkins.csv:2:1048577: line longer than the limit of 1048576 bytes (1 MiB); is this a CSV log?"},
		{"10 MB header", "walkins.csv", strings.Repeat("x", 10<<20) + "\n", nil,
			"walkins.csv:1:1048577: line longer than the limit of 1048576 bytes (1 MiB); is this a CSV log?"},
		{"duplicate column", "walkins.csv", "time,site, Time\n2021-01-22T09:00,b,x\n", nil,
			`walkins.csv:1:11: column "time" appears twice in the header`},
		{"bad attempt", "bookings.csv", head + "2021-01-22T09:00,public,a,,0,booked\n", nil,
			`bookings.csv:2:28: attempt: "0" is not a whole number from 1 (a first attempt) to 1000000`},
		{"bad outcome", "bookings.csv", head + "2021-01-22T09:00,public,a,,1,ok\n", nil,
			`bookings.csv:2:30: outcome: unknown outcome "ok"; valid: "booked", "lost", "no_slot", "outage" or "failed"`},
		{"appointment without site", "bookings.csv", head + "2021-01-22T09:00,public,,2021-01-22T10:00,1,booked\n", nil,
			"bookings.csv:2:26: appointment: an appointment needs the site it is at (column site)"},
		{"walk-ins at a site without", "walkins.csv", "time,site\n2021-01-22T09:00,a\n", nil,
			`walkins.csv:2:18: site: cohort "walkers" does not accept site "a" (cohorts.walkers.sites: b)`},
		{"site and depot", "shipments.csv", "date,site,depot,product,doses\n2021-01-22,a,hub,,5\n", nil,
			"shipments.csv:2:12: site: give the site or the depot the doses go to (one of the two)"},
		{"unknown product", "shipments.csv", "date,site,depot,product,doses\n2021-01-22,a,,pfizer,5\n", nil,
			`shipments.csv:2:15: product: unknown product "pfizer"; valid: moderna`},
		{"bad probability", "outages.csv", "start,end,mode,success\n2021-01-22T09:00,2021-01-22T10:00,degraded,1.5\n", nil,
			`outages.csv:2:44: success: "1.5" is not a probability from 0 to 1`},
		{"strict order", "bookings.csv", head + "2021-01-22T09:00,public,a,,1,booked\n2021-01-22T08:00,public,a,,1,booked\n",
			[]string{"replay.strict_order=true"},
			"bookings.csv:3:1: time: before the row above it (line 2); rows must be in time order (replay.strict_order = true)"},
	}
	if len(cases) < 8 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Load(replayFS(t, map[string]string{tc.file: tc.text}), "base.toml", tc.sets)
			if err == nil {
				t.Fatalf("Load = %v, nil; want an error", f.Scenario.Replay)
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %T %v; want an ErrorList", err, err)
			}
			if got := list[0].Error(); got != tc.want {
				t.Errorf("first error\n%s\nwant\n%s", got, tc.want)
			}
			for _, e := range list {
				if !strings.HasSuffix(e.File, ".csv") || e.Line < 1 || e.Column < 1 {
					t.Errorf("error %q does not name a log's file:line:column", e)
				}
			}
		})
	}
}

// TestReplayManyErrors checks that reading a log stops after a few
// errors rather than reporting each of a million bad rows.
func TestReplayManyErrors(t *testing.T) {
	text := "time,site\n" + strings.Repeat("yesterday,b\n", 1000)
	_, err := Load(replayFS(t, map[string]string{"walkins.csv": text}), "base.toml", nil)
	var list ErrorList
	if !errors.As(err, &list) || len(list) != maxCSVErrors+1 ||
		list[maxCSVErrors].Msg != "stopped reading after 10 errors" {
		t.Errorf("error: %v; want %d errors, then a stop", err, maxCSVErrors)
	}
}

// TestReplayShipments replays shipment records in place of the shipment
// model (check 3 of the replay issue): doses_received at each site on
// each day is what the records say, and a depot's records are split among
// its sites by its rule (here fixed shares 1:3, remainders to the
// largest, ties to the first site).
func TestReplayShipments(t *testing.T) {
	cases := []struct {
		name string
		log  string
		want [2][2]float64 // [day][site a, b]
	}{
		{"to sites", "date,site,depot,product,doses\n" +
			"2021-01-22,a,,moderna,100\n" +
			"2021-01-22T13:30,b,,,40\n" +
			"2021-01-22T23:59:59,a,,,7\n" +
			"2021-01-23T08:00-07:00,b,,,250\n" +
			"2021-01-23,a,,,0\n",
			[2][2]float64{{107, 40}, {0, 250}}},
		{"to a depot", "date,site,depot,product,doses\n" +
			"2021-01-22T06:00,,hub,,100\n" + // 25 and 75
			"2021-01-22T07:00,,hub,,10\n" + // 2.5 and 7.5: 3 and 7
			"2021-01-23T07:00,,hub,,1\n" + // 0.25 and 0.75: 0 and 1
			"2021-01-23T09:00,a,,,5\n",
			[2][2]float64{{28, 82}, {5, 1}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Load(replayFS(t, map[string]string{"shipments.csv": tc.log}), "base.toml",
				[]string{`replay.bookings=""`, `replay.walkins=""`, `replay.outages=""`})
			if err != nil {
				t.Fatal(err)
			}
			res, err := sim.Run(context.Background(), f.Scenario, 1, 0, sim.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for d := range 2 {
				var all float64
				for s := range 2 {
					got := res.Daily[d][s][sim.DosesReceived]
					all += tc.want[d][s]
					if got != tc.want[d][s] {
						t.Errorf("day %d, site %s: doses_received %v, want %v", d, res.Sites[s], got, tc.want[d][s])
					}
				}
				if got := res.Daily[d][res.All()][sim.DosesReceived]; got != all {
					t.Errorf("day %d, all sites: doses_received %v, want %v", d, got, all)
				}
			}
		})
	}
}

// TestReplayDocumented checks that the README's "Replaying recorded
// data" names every column of every log.
func TestReplayDocumented(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(data), "<!-- replay:start -->")
	section, _, ok := strings.Cut(section, "<!-- replay:end -->")
	if !ok {
		t.Fatal("README.md has no replay section between <!-- replay:start --> and <!-- replay:end -->")
	}
	for log, cols := range map[string][]column{"bookings": bookingColumns, "walkins": walkinColumns,
		"outages": outageColumns, "shipments": shipmentColumns} {
		if !strings.Contains(section, "`"+log+"`") {
			t.Errorf("the README does not describe the %s log", log)
		}
		for _, c := range cols {
			if !strings.Contains(section, "`"+c.name+"`") {
				t.Errorf("the README does not describe column %s of the %s log", c.name, log)
			}
		}
	}
	for _, o := range outcomeNames {
		if !strings.Contains(section, "`"+o+"`") {
			t.Errorf("the README does not describe outcome %s", o)
		}
	}
}

// TestWriteBundled: a copy of a bundled scenario is written with the logs
// it names, and a second copy into the same folder writes nothing.
func TestWriteBundled(t *testing.T) {
	dir := t.TempDir()
	paths, err := WriteBundled(dir, "pima-tcc-replay", nil)
	if err != nil || len(paths) < 2 {
		t.Fatalf("WriteBundled = %q, %v; want the scenario and its logs", paths, err)
	}
	f, err := Resolve(paths[0], nil)
	if err != nil {
		t.Fatalf("the copy does not load: %v", err)
	}
	if f.Scenario.Name != "pima-tcc-replay" {
		t.Errorf("the copy is of %s", f.Scenario.Name)
	}
	if _, err := WriteBundled(dir, "pima-tcc-replay", nil); !errors.Is(err, ErrExists) {
		t.Errorf("a second copy into the same folder: %v, want ErrExists", err)
	}
}
