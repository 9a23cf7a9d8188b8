package runfiles

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

// recordScenario names what the recording test's rows refer to.
var recordScenario = &sim.Scenario{
	Start:    sim.Date{Year: 2021, Month: 1, Day: 22},
	Products: []sim.Product{{Name: "moderna"}, {Name: "pfizer"}},
	Sites:    []sim.Site{{Name: "tcc"}, {Name: "kino"}},
	Cohorts:  []sim.Cohort{{Name: "phase1b"}, {Name: "walkers"}},
	Depots:   []sim.Depot{{Name: "county"}},
}

// TestWriteRecording writes each kind of row and compares the files with
// their expected text: times before the first day, milliseconds only when
// not 0, sites and slots of bookings only, probabilities of the modes
// that use them, dates alone for deliveries at midnight.
func TestWriteRecording(t *testing.T) {
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
	dir := filepath.Join(t.TempDir(), "rep-0")
	if err := WriteRecording(dir, recordScenario, rec); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		BookingsFile: "time,cohort,site,appointment,attempt,outcome\n" +
			"2021-01-21T08:07:11.211,phase1b,tcc,2021-01-22T08:00:00,1,booked\n" +
			"2021-01-21T19:30:00,phase1b,,,3,outage\n" +
			"2021-01-22T09:00:00,phase1b,kino,2021-01-23T10:00:00,1,lost\n" +
			"2021-01-22T09:00:00.001,phase1b,,,1,no_slot\n",
		WalkinsFile: "time,site,cohort\n2021-01-22T08:00:00.999,kino,walkers\n",
		OutagesFile: "start,end,mode,success,show_up\n" +
			"2021-01-21T18:00:00,2021-01-22T11:30:00,lost,,0.03\n" +
			"2021-01-22T12:00:00,2021-01-22T13:00:00,degraded,0.25,\n" +
			"2021-01-22T14:00:00,2021-01-22T14:00:00.001,down,,\n",
		ShipmentsFile: "date,site,depot,product,doses\n" +
			"2021-01-22,tcc,,moderna,1500\n" +
			"2021-01-23T07:00:00,,county,pfizer,0\n",
	}
	for name, text := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, []byte(text)) {
			t.Errorf("%s:\n%s\nwant\n%s", name, got, text)
		}
	}
	if got := RecordingDir("rec", 12); got != filepath.Join("rec", "rep-12") {
		t.Errorf("RecordingDir = %q", got)
	}
}
