package sim_test

import (
	"context"
	"fmt"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

// hall is a site open 8:00-16:00 with 4 stations and 20 slots an hour,
// booked through a portal that releases each day's slots at 08:00 the day
// before and is down from 9:00 to 11:00 on the day.
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

// One day at the hall: the portal books its 160 slots, the booked who
// come are vaccinated, the no-shows leave slots unused and the last
// vial's leftover is wasted at closing (the hall keeps no standby list).
func ExampleRun() {
	res, err := sim.Run(context.Background(), hall(), 1, 0, sim.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	tot := res.Total[res.All()]
	fmt.Printf("slots %.0f, booked %.0f, no-shows %.0f\n", tot[sim.Slots], tot[sim.Booked], tot[sim.NoShows])
	fmt.Printf("vaccinated %.0f, wasted slots %.0f, doses wasted %.0f\n", tot[sim.Vaccinated], tot[sim.WastedSlots], tot[sim.DosesWasted])
	fmt.Printf("mean wait %.1f min, utilisation %.2f\n", tot[sim.MeanWaitMin], tot[sim.Utilization])
	// Output:
	// slots 160, booked 160, no-shows 6
	// vaccinated 154, wasted slots 6, doses wasted 6
	// mean wait 0.2 min, utilisation 0.30
}

// Replications run in a Memory, which keeps the model's memory from one
// to the next, give the results of replications run without.
func ExampleMemory() {
	var mem sim.Memory
	for rep := range 3 {
		got, err := sim.Run(context.Background(), hall(), 1, rep, sim.Options{Memory: &mem})
		if err != nil {
			fmt.Println(err)
			return
		}
		want, _ := sim.Run(context.Background(), hall(), 1, rep, sim.Options{})
		all := got.All()
		fmt.Printf("replication %d: vaccinated %.0f in the Memory, %.0f without\n", rep, got.Total[all][sim.Vaccinated], want.Total[all][sim.Vaccinated])
	}
	// Output:
	// replication 0: vaccinated 154 in the Memory, 154 without
	// replication 1: vaccinated 154 in the Memory, 154 without
	// replication 2: vaccinated 152 in the Memory, 152 without
}
