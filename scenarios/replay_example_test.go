package scenarios_test

import (
	"context"
	"fmt"
	"testing/fstest"

	"vaxsim/scenarios"
	"vaxsim/sim"
)

// Load a scenario that replays a booking log and an incident log beside
// it: the logs become plain data of the sim.Scenario.
func ExampleLoad_replay() {
	fsys := fstest.MapFS{
		"day.toml": {Data: []byte(`
[scenario]
start = 2021-01-22
time_zone = "America/Phoenix"

[products.moderna]
doses_per_vial = 10

[sites.tcc]
service = "4m"
hours = { default = "08:00-17:00" }

[cohorts.phase1b]
size = 3000
attempt_rate = 0.5

[replay]
bookings = "logs/bookings.csv"
outages = "logs/outages.csv"
`)},
		"logs/bookings.csv": {Data: []byte(`time,cohort,site,appointment,attempt,outcome
2021-01-21T08:07:11.211,phase1b,tcc,2021-01-22T08:00:00,1,booked
2021-01-21T19:30:00,phase1b,,,1,outage
2021-01-22T14:02:00-07:00,phase1b,,,2,booked
`)},
		"logs/outages.csv": {Data: []byte(`start,end,mode
2021-01-21T18:00,2021-01-22T11:30,down
`)},
	}
	f, err := scenarios.Load(fsys, "day.toml", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	sc := f.Scenario
	for _, a := range sc.Replay.Attempts {
		fmt.Printf("at %v: site %d, attempt %d, recorded %v\n", a.At.Duration(), a.Site, a.Failures+1, a.Outcome)
	}
	o := sc.Portal.Outages[0]
	fmt.Println("outage", o.Mode, "from", o.Start.Duration(), "to", o.End.Duration())
	res, err := sim.Run(context.Background(), sc, 1, 0, sim.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	tot := res.Total[res.All()]
	fmt.Println("booked:", tot[sim.Booked], "failed attempts:", tot[sim.PortalFailedAttempts])
	// Output:
	// at -15h52m48.789s: site 0, attempt 1, recorded booked
	// at -4h30m0s: site -1, attempt 1, recorded outage
	// at 14h2m0s: site -1, attempt 2, recorded booked
	// outage down from -6h0m0s to 11h30m0s
	// booked: 2 failed attempts: 1
}

// List the replay logs a bundled scenario names, which vaxsim init
// --dir writes beside it.
func ExampleBundledData() {
	files, err := scenarios.BundledData("pima-tcc-replay")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range files {
		fmt.Println(f.Path, len(f.Data) > 0)
	}
	// Output:
	// pima-tcc-replay-bookings.csv true
	// pima-tcc-replay-outages.csv true
}

// Make the scenario that replays a recording of a run: vaxsim run
// --record writes it beside each replication's logs as replay.toml.
func ExampleReplayScenario() {
	resolved := []byte(`[scenario]
name = "day"

[portal.outages.glitch]
start = 2021-01-21T18:00:00
end = 2021-01-22T11:30:00
`)
	text, err := scenarios.ReplayScenario(resolved, scenarios.ReplayLogs{Bookings: "bookings.csv", Outages: "outages.csv"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(text))
	// Output:
	// [scenario]
	// name = "day-replay"
	//
	// [portal.outages.glitch]
	// start = 2021-01-21T18:00:00
	// end = 2021-01-22T11:30:00
	// enabled = false
	//
	// [replay]
	// bookings = "bookings.csv"
	// outages = "outages.csv"
}
