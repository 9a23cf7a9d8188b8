package scenarios

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

// firstLineDiff shows the first line where got and want differ.
func firstLineDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b || i >= len(g) || i >= len(w) {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + a + "\nwant: " + b
		}
	}
	return "(no line differs)"
}

// logWriters are the writers of the four logs, by file name, each taking
// its rows from a recording.
var logWriters = []struct {
	name  string
	write func(w io.Writer, sc *sim.Scenario, rec *sim.Recording) error
}{
	{BookingsLog, func(w io.Writer, sc *sim.Scenario, rec *sim.Recording) error {
		return WriteBookings(w, sc, rec.Attempts)
	}},
	{WalkinsLog, func(w io.Writer, sc *sim.Scenario, rec *sim.Recording) error { return WriteWalkins(w, sc, rec.Walkins) }},
	{OutagesLog, func(w io.Writer, sc *sim.Scenario, rec *sim.Recording) error { return WriteOutages(w, sc, rec.Outages) }},
	{ShipmentsLog, func(w io.Writer, sc *sim.Scenario, rec *sim.Recording) error {
		return WriteShipments(w, sc, rec.Deliveries)
	}},
}

// writeLogs writes the four logs of rec, by file name.
func writeLogs(t *testing.T, sc *sim.Scenario, rec *sim.Recording) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, lw := range logWriters {
		var b bytes.Buffer
		if err := lw.write(&b, sc, rec); err != nil {
			t.Fatalf("writing %s: %v", lw.name, err)
		}
		out[lw.name] = b.Bytes()
	}
	return out
}

// replayed returns the rows a scenario read from its replay logs, as a
// recording.
func replayed(sc *sim.Scenario) *sim.Recording {
	rec := &sim.Recording{Outages: sc.Portal.Outages, Deliveries: sc.Deliveries}
	if sc.Replay != nil {
		rec.Attempts, rec.Walkins = sc.Replay.Attempts, sc.Replay.Walkins
	}
	return rec
}

// TestWriteLogs writes each kind of row and compares the logs with the
// golden files of testdata/record/rows, which are what vaxsim wrote
// before this package owned the format: times before the first day,
// milliseconds only when not 0, sites and slots of bookings only,
// probabilities of the modes that use them, dates alone for deliveries
// at midnight. Then it reads the golden logs back through the scenario
// beside them and writes what it read: the same bytes again.
func TestWriteLogs(t *testing.T) {
	const dir = "testdata/record/rows"
	f, err := Load(os.DirFS(dir), "scenario.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	sc := f.Scenario
	const h, m = des.Hour, des.Minute
	rec := &sim.Recording{
		Attempts: []sim.Attempt{
			{At: -16*h + 7*m + 11211, Slot: 8 * h, Cohort: 0, Site: 0, Outcome: sim.OutcomeBooked},
			{At: -4*h - 30*m, Slot: sim.AnySlot, Cohort: 0, Site: -1, Failures: 2, Outcome: sim.OutcomeOutage},
			{At: 9 * h, Slot: des.Day + 10*h, Cohort: 0, Site: 1, Outcome: sim.OutcomeLost},
			{At: 9*h + 1, Slot: sim.AnySlot, Cohort: 0, Site: -1, Outcome: sim.OutcomeNoSlot},
		},
		Walkins: []sim.Arrival{{At: 8*h + 999, Site: 1, Cohort: 1}},
		Outages: []sim.Outage{
			{Start: -6 * h, End: 11*h + 30*m, Mode: sim.Lost, ShowUp: 0.03, Success: 0.9},
			{Start: 12 * h, End: 13 * h, Mode: sim.Degraded, Success: 0.25},
			{Start: 14 * h, End: 14*h + 1, Mode: sim.Down},
		},
		Deliveries: []sim.Delivery{
			{At: 0, Product: 0, Site: 0, Depot: -1, Doses: 1500},
			{At: des.Day + 7*h, Product: 1, Site: -1, Depot: 0, Doses: 0},
		},
	}
	written := writeLogs(t, sc, rec)
	for _, lw := range logWriters {
		checkGolden(t, filepath.Join(dir, lw.name), string(written[lw.name]))
	}
	again := writeLogs(t, sc, replayed(sc))
	for _, lw := range logWriters {
		if !bytes.Equal(again[lw.name], written[lw.name]) {
			t.Errorf("%s read and written again:\n%s\nwritten first:\n%s", lw.name, again[lw.name], written[lw.name])
		}
	}
}

// TestWriteRecordings records replication 0 of the seed day at seed 1
// and writes it as a recording folder: the files are the golden ones of
// testdata/record/seed-day, which are what vaxsim run --record wrote
// before this package owned the format. The folder's replay.toml reads
// the logs back, and writing what it read gives the same bytes.
func TestWriteRecordings(t *testing.T) {
	f, err := Resolve(DefaultName, nil)
	if err != nil {
		t.Fatal(err)
	}
	var rec *sim.Recording
	opts := sim.Options{Record: func(_ int, r *sim.Recording) { rec = r }}
	if _, err := sim.Run(context.Background(), f.Scenario, 1, 0, opts); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var paths []string
	writeFile := func(path string, write func(io.Writer) error) error {
		paths = append(paths, path)
		return createFile(path, write)
	}
	if err := WriteRecordings(dir, f, []*sim.Recording{rec}, writeFile); err != nil {
		t.Fatal(err)
	}
	rep := RecordingDir(dir, 0)
	if rep != filepath.Join(dir, "rep-0") {
		t.Errorf("RecordingDir(%q, 0) = %q, want %q", dir, rep, filepath.Join(dir, "rep-0"))
	}
	names := []string{BookingsLog, WalkinsLog, OutagesLog, ShipmentsLog, ReplayScenarioFile}
	var want []string
	for _, name := range names {
		want = append(want, filepath.Join(rep, name))
	}
	if !slices.Equal(paths, want) {
		t.Errorf("WriteRecordings wrote\n%q\nwant\n%q", paths, want)
	}
	for _, name := range names {
		got, err := os.ReadFile(filepath.Join(rep, name))
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, filepath.Join("testdata/record/seed-day", name), string(got))
	}

	back, err := Load(os.DirFS(rep), ReplayScenarioFile, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Warnings) > 0 {
		t.Errorf("replay.toml: warnings %q", back.Warnings)
	}
	again := writeLogs(t, back.Scenario, replayed(back.Scenario))
	for _, lw := range logWriters {
		first, _ := os.ReadFile(filepath.Join(rep, lw.name))
		if !bytes.Equal(again[lw.name], first) {
			t.Errorf("%s read and written again differs from the first writing:\n%s", lw.name, firstLineDiff(again[lw.name], first))
		}
	}
}

// TestWriteRecordingsErrors: a nil recording and a folder that cannot
// be made are errors.
func TestWriteRecordingsErrors(t *testing.T) {
	f, err := Resolve(DefaultName, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := WriteRecordings(dir, f, []*sim.Recording{nil}, nil); err == nil || !strings.Contains(err.Error(), "no recording of replication 0") {
		t.Errorf("WriteRecordings(nil recording) = %v, want an error naming replication 0", err)
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteRecordings(file, f, []*sim.Recording{{}}, nil); err == nil || !strings.Contains(err.Error(), file) {
		t.Errorf("WriteRecordings into a file = %v, want an error naming %s", err, file)
	}
}
