package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"vaxsim/output/files"
	"vaxsim/output/runfiles"
	"vaxsim/scenarios"
)

// replayName is the bundled scenario that replays the seed day's logs.
const replayName = "pima-tcc-replay"

// TestGenerateReplay makes, with -update, the logs of the bundled
// scenario pima-tcc-replay, and otherwise checks that they are still what
// it makes: the recording of replication 0 of the seed day
// (pima-tcc-2021-01-22) at seed 1, by vaxsim run --record. Regenerate
// them after a change to the seed day or the model with
//
//	go test ./cmd/vaxsim -run TestGenerateReplay -update
func TestGenerateReplay(t *testing.T) {
	dir := t.TempDir()
	rec := filepath.Join(dir, "rec")
	args := []string{"run", scenarios.DefaultName, "--reps", "1", "--seed", "1",
		"--out", filepath.Join(dir, "out"), "--no-plots", "--record", rec}
	if _, stderr, code := inProcess(args...); code != 0 {
		t.Fatalf("vaxsim %v: exit %d\n%s", args, code, stderr)
	}
	bundled, err := scenarios.BundledData(replayName)
	if err != nil {
		t.Fatal(err)
	}
	logs := map[string]string{ // bundled file -> recorded file
		replayName + "-bookings.csv": scenarios.BookingsLog,
		replayName + "-outages.csv":  scenarios.OutagesLog,
	}
	if len(bundled) != len(logs) {
		t.Fatalf("%s names %d logs, want %d", replayName, len(bundled), len(logs))
	}
	for _, b := range bundled {
		name, ok := logs[b.Path]
		if !ok {
			t.Fatalf("%s names log %s, which this test does not make", replayName, b.Path)
		}
		got, err := os.ReadFile(filepath.Join(scenarios.RecordingDir(rec, 0), name))
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(filepath.Join("..", "..", "scenarios", b.Path), got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if !bytes.Equal(got, b.Data) {
			t.Errorf("scenarios/%s is not the recording of the seed day's replication 0 at seed 1; "+
				"regenerate it with go test ./cmd/vaxsim -run TestGenerateReplay -update", b.Path)
		}
	}
}

// runOK runs vaxsim in this process and fails the test unless it exits 0.
func runOK(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	stdout, stderr, code := inProcess(args...)
	if code != 0 {
		t.Fatalf("vaxsim %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	return stdout, stderr
}

// readFile returns the text of a file or fails the test.
func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestRecordRoundTrip records runs with --record and replays each
// replication's logs with the replay.toml written beside them, on the
// same seed (check 1 of the replay issue): the replayed replication's
// rows of daily.csv are identical, byte for byte, since the logs hold
// every booking attempt, walk-in, outage and delivery, and replay draws
// the other streams (no-shows, punctuality, service, the portal's
// degraded and lost outcomes, invitations, second doses) in the same
// order. The scenarios cover attempts that fail for lack of a slot and
// in outages, retries and give-ups, scheduled and random outages,
// walk-ins, invitations, and shipments to a site and to a depot.
func TestRecordRoundTrip(t *testing.T) {
	cases := []struct {
		name, scenario string
		sets           []string
		reps           int
	}{
		{"seed day", scenarios.DefaultName, nil, 1},
		{"seed day with random outages", scenarios.DefaultName, []string{
			"portal.random_outages.enabled=true", `portal.random_outages.mtbf="4h"`,
			`portal.random_outages.repair="exp(mean=30m)"`, `portal.random_outages.mode="degraded"`,
			"portal.random_outages.success=0.3"}, 1},
		{"every stream, two replications", filepath.Join("testdata", "replay", "roundtrip.toml"), nil, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			rec := filepath.Join(dir, "rec")
			args := []string{"run", tc.scenario, "--reps", strconv.Itoa(tc.reps), "--seed", "7", "--no-plots",
				"--out", filepath.Join(dir, "recorded"), "--record", rec}
			for _, s := range tc.sets {
				args = append(args, "--set", s)
			}
			_, recStderr := runOK(t, args...)
			recorded := strings.Split(readFile(t, filepath.Join(dir, "recorded", runfiles.DailyFile)), "\n")
			for rep := range tc.reps {
				replay := filepath.Join(scenarios.RecordingDir(rec, rep), scenarios.ReplayScenarioFile)
				out := filepath.Join(dir, "replayed-"+strconv.Itoa(rep))
				_, stderr := runOK(t, "run", replay, "--reps", strconv.Itoa(tc.reps), "--seed", "7", "--no-plots", "--out", out)
				// The model's own caveats (a horizon cutting off bookings)
				// come up in both runs; the replay must add none.
				for _, line := range strings.Split(stderr, "\n") {
					if w, ok := strings.CutPrefix(line, "warning: "); ok && !strings.Contains(recStderr, strings.SplitN(w, " (replication", 2)[0]) {
						t.Errorf("replication %d: the replay of a recording warns: %s", rep, line)
					}
				}
				replayed := strings.Split(readFile(t, filepath.Join(out, runfiles.DailyFile)), "\n")
				if len(replayed) != len(recorded) {
					t.Fatalf("replication %d: %d lines of daily.csv, recorded %d", rep, len(replayed), len(recorded))
				}
				same := 0
				for i, line := range recorded {
					if i == 0 || !strings.HasPrefix(line, strconv.Itoa(rep)+",") {
						continue
					}
					if replayed[i] != line {
						t.Errorf("replication %d, daily.csv line %d:\nrecorded %s\nreplayed %s", rep, i+1, line, replayed[i])
					}
					same++
				}
				if same == 0 {
					t.Fatalf("replication %d: no rows compared", rep)
				}
			}
		})
	}
}

// TestRecordFiles checks what --record writes: a folder per replication
// with the four logs and replay.toml, which names them, disables the
// outages (scheduled and random) and shipments the logs hold, and is named
// NAME-replay.
func TestRecordFiles(t *testing.T) {
	dir := t.TempDir()
	rec := filepath.Join(dir, "rec")
	runOK(t, "run", filepath.Join("testdata", "replay", "roundtrip.toml"), "--reps", "2", "--no-plots",
		"--out", filepath.Join(dir, "out"), "--record", rec)
	for rep := range 2 {
		for _, name := range []string{scenarios.BookingsLog, scenarios.WalkinsLog, scenarios.OutagesLog, scenarios.ShipmentsLog, scenarios.ReplayScenarioFile} {
			if _, err := os.Stat(filepath.Join(scenarios.RecordingDir(rec, rep), name)); err != nil {
				t.Errorf("replication %d: %v", rep, err)
			}
		}
	}
	text := readFile(t, filepath.Join(scenarios.RecordingDir(rec, 0), scenarios.ReplayScenarioFile))
	// table returns the lines of a table of the file, after its header.
	table := func(header string) string {
		_, rest, _ := strings.Cut("\n"+text, "\n"+header+"\n")
		body, _, _ := strings.Cut(rest, "\n[")
		return body
	}
	for header, want := range map[string]string{
		"[scenario]":              `name = "roundtrip-replay"`,
		"[portal.outages.fault]":  "enabled = false",
		"[portal.random_outages]": "enabled = false",
		"[shipments.direct]":      "enabled = false",
		"[shipments.weekly]":      "enabled = false",
		"[replay]": "bookings = \"bookings.csv\"\nwalkins = \"walkins.csv\"\n" +
			"outages = \"outages.csv\"\nshipments = \"shipments.csv\"\n",
	} {
		if !strings.Contains(table(header), want) {
			t.Errorf("replay.toml: %s does not hold %q:\n%s", header, want, text)
		}
	}
}

// sameValues reports whether two rows of metric values are equal, NaN
// (not applicable) equal to NaN.
func sameValues(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return x == y || x != x && y != y })
}

// TestReplayBundled runs the bundled pima-tcc-replay: at seed 1 its
// replication 0 is the seed day's (its logs are that replication's
// recording), its other replications replay the same bookings with their
// own no-shows and service; and its what-if, invitations at 08:00, keeps
// the bookings and changes the waits.
func TestReplayBundled(t *testing.T) {
	dir := t.TempDir()
	run := func(name string, sets ...string) *runfiles.Daily {
		out := filepath.Join(dir, name+strings.Join(sets, ""))
		args := []string{"run", name, "--reps", "3", "--seed", "1", "--no-plots", "--out", out}
		for _, s := range sets {
			args = append(args, "--set", s)
		}
		runOK(t, args...)
		d, err := files.Read(filepath.Join(out, runfiles.DailyFile), runfiles.ReadDaily)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	seed, replay := run(scenarios.DefaultName), run(replayName)
	at8 := run(replayName, "invitations.fill.at=08:00")
	booked, noShows, wait := replay.Column("booked"), replay.Column("no_shows"), replay.Column("mean_wait_min")
	perRep := len(replay.Rows) / 3
	differ := false
	for i, r := range replay.Rows {
		s := seed.Rows[i]
		switch {
		case r.Rep == 0 && !sameValues(r.Values, s.Values):
			t.Errorf("replication 0, %s: replayed %v, seed day %v", r.Site, r.Values, s.Values)
		case r.Rep > 0:
			differ = differ || r.Values[noShows] != s.Values[noShows] || r.Values[booked] != s.Values[booked]
			if first := replay.Rows[i-r.Rep*perRep]; r.Values[booked] != first.Values[booked] {
				t.Errorf("replication %d, %s: booked %v, replication 0 %v; the log is the same", r.Rep, r.Site, r.Values[booked], first.Values[booked])
			}
		}
		if a := at8.Rows[i]; a.Values[booked] != r.Values[booked] || a.Values[wait] == r.Values[wait] {
			t.Errorf("replication %d, %s: invitations at 08:00 book %v and wait %v min, at 08:30 %v and %v",
				r.Rep, r.Site, a.Values[booked], a.Values[wait], r.Values[booked], r.Values[wait])
		}
	}
	if !differ {
		t.Error("replications 1 and 2 of the replay equal the seed day's: replay replays more than the logs")
	}
}

// replayDir writes the round-trip scenario into a new folder with a
// [replay] table naming four small, valid logs, the files given replacing
// them, and returns the scenario's path.
func replayDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	text := readFile(t, filepath.Join("testdata", "replay", "roundtrip.toml")) + `
[replay]
bookings = "bookings.csv"
walkins = "walkins.csv"
outages = "outages.csv"
shipments = "shipments.csv"
`
	logs := map[string]string{
		"scenario.toml": text,
		"bookings.csv":  "time,cohort\n2021-03-01T09:00,public\n2021-03-01T09:05,teachers\n",
		"walkins.csv":   "time,site\n2021-03-01T09:00,north\n",
		"outages.csv":   "start,end\n2021-03-01T09:00,2021-03-01T10:00\n",
		"shipments.csv": "date,site,doses\n2021-03-01,north,10\n",
	}
	for name, text := range files {
		logs[name] = text
	}
	for name, text := range logs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "scenario.toml")
}

// TestReplayBadInput runs scenarios whose logs are broken (check 4 of the
// replay issue): each exits 2 with the file, line and column of the
// problem, and writes nothing, neither results nor recordings.
func TestReplayBadInput(t *testing.T) {
	cases := []struct {
		name, file, text string
		at               string // line:column
	}{
		{"missing column", "bookings.csv", "cohort\npublic\n", "1:1"},
		{"bad timestamp", "bookings.csv", "time,cohort\n2021-03-32T09:00,public\n", "2:1"},
		{"negative doses", "shipments.csv", "date,site,doses\n2021-03-01,north,-10\n", "2:18"},
		{"unknown site", "walkins.csv", "time,site\n2021-03-01T09:00,west\n", "2:18"},
		{"end before start", "outages.csv", "start,end\n2021-03-01T10:00,2021-03-01T09:00\n", "2:18"},
		{"empty file", "bookings.csv", "", "1:1"},
		{"wrong delimiter", "shipments.csv", "date;site;doses\n2021-03-01;north;10\n", "1:1"},
		{"10 MB line", "bookings.csv", "time,cohort\n" + strings.Repeat("2021-03-01T09:00,", 620_000) + "\n", "2:1048577"},
		{"unknown cohort", "bookings.csv", "time,cohort\n2021-03-01T09:00,publik\n", "2:18"},
		{"unknown mode", "outages.csv", "start,end,mode\n2021-03-01T09:00,2021-03-01T10:00,broken\n", "2:35"},
		{"out of order, strictly", "walkins.csv", "time,site\n2021-03-01T10:00,north\n2021-03-01T09:00,north\n", "3:1"},
	}
	if len(cases) < 8 {
		t.Fatalf("%d cases; the issue asks for at least 8", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			scenario := replayDir(t, map[string]string{tc.file: tc.text})
			dir := filepath.Dir(scenario)
			out, rec := filepath.Join(dir, "out"), filepath.Join(dir, "rec")
			args := []string{"run", scenario, "--reps", "1", "--out", out, "--record", rec}
			if strings.Contains(tc.name, "strictly") {
				args = append(args, "--set", "replay.strict_order=true")
			}
			_, stderr, code := inProcess(args...)
			if code != exitInput {
				t.Errorf("exit %d, want %d\n%s", code, exitInput, stderr)
			}
			if want := filepath.Join(dir, tc.file) + ":" + tc.at + ": "; !strings.HasPrefix(stderr, "vaxsim: "+want) {
				t.Errorf("stderr does not start with the file, line and column %q:\n%s", want, truncateText(stderr))
			}
			for _, d := range []string{out, rec} {
				if _, err := os.Stat(d); !os.IsNotExist(err) {
					t.Errorf("%s was written (stat: %v)", d, err)
				}
			}
		})
	}
}

// truncateText shortens a long message for a failure report.
func truncateText(s string) string {
	if len(s) > 500 {
		return s[:500] + "…"
	}
	return s
}

// TestReplayWarnings runs logs that load with warnings: rows out of time
// order are sorted, and unknown columns are ignored, each said once on
// stderr and kept in manifest.json.
func TestReplayWarnings(t *testing.T) {
	scenario := replayDir(t, map[string]string{
		"walkins.csv":  "time,site,note\n2021-03-01T10:00,north,a\n2021-03-01T09:00,north,b\n2021-03-01T08:30,north,c\n",
		"bookings.csv": "time,cohort,agent,channel\n2021-03-01T09:00,public,x,web\n",
	})
	dir := filepath.Dir(scenario)
	_, stderr := runOK(t, "run", scenario, "--reps", "1", "--no-plots", "--out", filepath.Join(dir, "out"))
	manifest, err := files.Read(filepath.Join(dir, "out", runfiles.ManifestFile), runfiles.ReadManifest)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"warning: " + filepath.Join(dir, "bookings.csv") + `:1: columns "agent", "channel" are not used and ignored`,
		"warning: " + filepath.Join(dir, "walkins.csv") + `:1: column "note" is not used and ignored`,
		"warning: " + filepath.Join(dir, "walkins.csv") + ": 2 rows were out of time order and have been sorted",
	} {
		if strings.Count(stderr, want) != 1 {
			t.Errorf("stderr does not say once %q:\n%s", want, stderr)
		}
		if w := strings.TrimPrefix(want, "warning: "); !slices.ContainsFunc(manifest.Warnings, func(m string) bool { return strings.HasPrefix(m, w) }) {
			t.Errorf("manifest.json does not keep %q", w)
		}
	}
}

// TestReplayDownLog replays a booking log whose every attempt falls
// inside a down outage of the incident log (check 2 of the replay issue,
// end to end): nothing is booked, and each attempt counts in
// portal_failed_attempts. The cohort gives up at its first failure, so
// the log's attempts are all there is.
func TestReplayDownLog(t *testing.T) {
	var b strings.Builder
	b.WriteString("time,cohort,site\n")
	const n = 40
	for i := range n {
		fmt.Fprintf(&b, "2021-03-01T%02d:%02d:00,public,north\n", 9+i/20, i%20*3) // 09:00 to 10:57
	}
	scenario := replayDir(t, map[string]string{
		"bookings.csv": b.String(),
		"outages.csv":  "start,end,mode\n2021-03-01T08:30,2021-03-01T11:00,down\n",
	})
	out := filepath.Join(filepath.Dir(scenario), "out")
	runOK(t, "run", scenario, "--reps", "3", "--no-plots", "--out", out, "--set", `cohorts.public.retry_mean="0s"`)
	reps, err := files.Read(filepath.Join(out, runfiles.ReplicationsFile), runfiles.ReadReplications)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps.Rows {
		for metric, want := range map[string]float64{"booked": 0, "portal_failed_attempts": n, "gave_up": n} {
			if got := r.Values[reps.Column(metric)]; got != want {
				t.Errorf("replication %d: %s = %v, want %v", r.Rep, metric, got, want)
			}
		}
	}
}
