package sim_test

import (
	"context"
	"fmt"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

// Record a run, then replay its booking attempts and outages: on the
// same seed and replication the results are the same, and on another
// replication the attempts are the same but no-shows and service differ.
func ExampleRun_record() {
	sc := hall()
	var rec *sim.Recording
	res, err := sim.Run(context.Background(), sc, 1, 0, sim.Options{
		Record: func(rep int, r *sim.Recording) { rec = r },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	replay := *sc
	replay.Portal.Outages = rec.Outages
	replay.Replay = &sim.Replay{Attempts: rec.Attempts, Cohorts: []int{0}, Until: des.Never}
	again, err := sim.Run(context.Background(), &replay, 1, 0, sim.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	all := res.All()
	fmt.Println("attempts recorded:", len(rec.Attempts))
	for _, k := range []sim.Metric{sim.Booked, sim.Vaccinated, sim.PortalFailedAttempts} {
		fmt.Printf("%s: %.0f run, %.0f replayed\n", k, res.Total[all][k], again.Total[all][k])
	}
	// Output:
	// attempts recorded: 4469
	// booked: 160 run, 160 replayed
	// vaccinated: 154 run, 154 replayed
	// portal_failed_attempts: 4149 run, 4149 replayed
}

// Replay a log of 100 bookings (a booking log records no failures) with
// about 20% more of them, drawn afresh in each replication.
func ExampleReplay_scale() {
	sc := hall()
	var rows []sim.Attempt
	for i := range 100 {
		rows = append(rows, sim.Attempt{At: -8*des.Hour + des.Time(i)*des.Minute, Slot: sim.AnySlot, Site: -1, Outcome: sim.OutcomeBooked})
	}
	sc.Replay = &sim.Replay{Attempts: rows, Cohorts: []int{0}, Until: des.Never, Resample: sim.ScaleRows, Factor: 1.2}
	for rep := range 3 {
		res, err := sim.Run(context.Background(), sc, 1, rep, sim.Options{})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("replication %d: %.0f booked\n", rep, res.Total[res.All()][sim.Booked])
	}
	// Output:
	// replication 0: 123 booked
	// replication 1: 113 booked
	// replication 2: 116 booked
}
