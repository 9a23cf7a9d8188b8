package sim_test

import (
	"context"
	"fmt"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

// hall is a site open 8:00-16:00 with 20 slots an hour, booked through a
// portal that releases each day's slots at 08:00 the day before and is
// down from 9:00 to 11:00 on the day.
func hall() *sim.Scenario {
	var week sim.Week
	for d := range week {
		week[d] = sim.Hours{Open: 8 * des.Hour, Close: 16 * des.Hour}
	}
	return &sim.Scenario{
		Name: "hall", Start: sim.Date{Year: 2021, Month: 1, Day: 22}, Days: 1,
		Products: []sim.Product{{Name: "moderna", DosesPerVial: 10, OpenVialLife: 6 * des.Hour}},
		Sites: []sim.Site{{Name: "hall", Stations: 4, Service: sim.ExpDist(float64(4 * des.Minute)),
			Week: week, SlotLength: 15 * des.Minute, PerSlot: 5, MaxQueue: sim.NoQueueCap, InitialDoses: 500}},
		Cohorts: []sim.Cohort{{Name: "public", Size: 2000, Willing: 1, Channel: sim.PortalChannel,
			NoShow: 0.05, AttemptRate: 0.5, RetryMean: des.Hour, MaxAttempts: 5, EligibleAt: -16 * des.Hour}},
		Portal: sim.Portal{WindowDays: 1, ReleaseAt: 8 * des.Hour, Outages: []sim.Outage{
			{Name: "fault", Start: 9 * des.Hour, End: 11 * des.Hour, Mode: sim.Down}}},
	}
}

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
	fmt.Println("attempts recorded:", len(rec.Attempts) > 1000)
	fmt.Println("same booked:", res.Total[all][sim.Booked] == again.Total[all][sim.Booked])
	fmt.Println("same vaccinated:", res.Total[all][sim.Vaccinated] == again.Total[all][sim.Vaccinated])
	fmt.Println("same failed attempts:", res.Total[all][sim.PortalFailedAttempts] == again.Total[all][sim.PortalFailedAttempts])
	// Output:
	// attempts recorded: true
	// same booked: true
	// same vaccinated: true
	// same failed attempts: true
}

// Replay a log of bookings (a booking log records no failures) with 20%
// more of them, drawn afresh in each replication.
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
		booked := res.Total[res.All()][sim.Booked]
		fmt.Println("replication", rep, "booked about 120:", booked > 100 && booked < 140)
	}
	// Output:
	// replication 0 booked about 120: true
	// replication 1 booked about 120: true
	// replication 2 booked about 120: true
}
