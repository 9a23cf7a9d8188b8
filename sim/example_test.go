package sim_test

import (
	"context"
	"fmt"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

// A site open 8:00-16:00 with 4 stations and 30 walk-ins an hour,
// simulated for one day.
func ExampleRun() {
	var week sim.Week
	for d := range week {
		week[d] = sim.Hours{Open: 8 * des.Hour, Close: 16 * des.Hour}
	}
	sc := &sim.Scenario{
		Name: "example", Start: sim.Date{Year: 2021, Month: 1, Day: 22}, Days: 1,
		Products: []sim.Product{{Name: "moderna", DosesPerVial: 10, OpenVialLife: 6 * des.Hour}},
		Sites: []sim.Site{{
			Name: "hall", Stations: 4, Service: sim.ExpDist(float64(5 * des.Minute)),
			Week: week, Walkins: true, MaxQueue: sim.NoQueueCap, InitialDoses: 500,
		}},
		Cohorts: []sim.Cohort{{Name: "public", Size: 10000, Willing: 1,
			Channel: sim.WalkinChannel, WalkinRate: 30}},
	}
	res, err := sim.Run(context.Background(), sc, 1, 0, sim.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	tot := res.Total[res.All()]
	fmt.Println("arrived:", tot[sim.WalkinsArrived] > 200)
	fmt.Println("balanced:", tot[sim.DosesReceived] == tot[sim.Vaccinated]+tot[sim.DosesWasted]+tot[sim.DosesOnHand])
	// Output:
	// arrived: true
	// balanced: true
}

// A Memory keeps its memory from one replication to the next; its
// results are those of Run without.
func ExampleMemory() {
	var week sim.Week
	for d := range week {
		week[d] = sim.Hours{Open: 8 * des.Hour, Close: 16 * des.Hour}
	}
	sc := &sim.Scenario{
		Name: "example", Start: sim.Date{Year: 2021, Month: 1, Day: 22}, Days: 1,
		Products: []sim.Product{{Name: "moderna", DosesPerVial: 10, OpenVialLife: 6 * des.Hour}},
		Sites: []sim.Site{{
			Name: "hall", Stations: 4, Service: sim.ExpDist(float64(5 * des.Minute)),
			Week: week, Walkins: true, MaxQueue: sim.NoQueueCap, InitialDoses: 500,
		}},
		Cohorts: []sim.Cohort{{Name: "public", Size: 10000, Willing: 1,
			Channel: sim.WalkinChannel, WalkinRate: 30}},
	}
	var mem sim.Memory
	same := true
	for rep := range 3 {
		got, err := sim.Run(context.Background(), sc, 1, rep, sim.Options{Memory: &mem})
		if err != nil {
			fmt.Println(err)
			return
		}
		want, _ := sim.Run(context.Background(), sc, 1, rep, sim.Options{})
		same = same && fmt.Sprint(got.Total) == fmt.Sprint(want.Total)
	}
	fmt.Println("same as Run:", same)
	// Output:
	// same as Run: true
}
