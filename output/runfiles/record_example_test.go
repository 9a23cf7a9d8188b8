package runfiles_test

import (
	"os"

	"vaxsim/output/runfiles"
	"vaxsim/sim"
	"vaxsim/sim/des"
)

// Write recorded booking attempts as a booking log: timestamps are civil
// date-times of the scenario, attempts count from 1.
func ExampleWriteBookings() {
	sc := &sim.Scenario{
		Start:   sim.Date{Year: 2021, Month: 1, Day: 22},
		Sites:   []sim.Site{{Name: "tcc"}},
		Cohorts: []sim.Cohort{{Name: "phase1b"}},
	}
	rows := []sim.Attempt{
		{At: -14 * des.Hour, Slot: 8*des.Hour + 10*des.Minute, Site: 0, Outcome: sim.OutcomeBooked},
		{At: -2*des.Hour + 1500, Slot: sim.AnySlot, Site: -1, Failures: 1, Outcome: sim.OutcomeNoSlot},
	}
	if err := runfiles.WriteBookings(os.Stdout, sc, rows); err != nil {
		panic(err)
	}
	// Output:
	// time,cohort,site,appointment,attempt,outcome
	// 2021-01-21T10:00:00,phase1b,tcc,2021-01-22T08:10:00,1,booked
	// 2021-01-21T22:00:01.500,phase1b,,,2,no_slot
}
