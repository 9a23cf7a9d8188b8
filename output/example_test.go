package output_test

import (
	"log"
	"math"
	"os"
	"path/filepath"

	"vaxsim/output"
	"vaxsim/output/files"
	"vaxsim/output/runfiles"
	"vaxsim/sim"
)

// Write a result folder for two replications of a one-site, one-day run,
// read its summary back and print it for a planner.
func Example() {
	var results []*sim.Result
	for rep, vaccinated := range []float64{1290, 1306} {
		var site, all sim.Values
		for m := range sim.NumMetrics {
			if sim.Metrics[m].Scope == sim.PortalScope {
				site[m] = math.NaN() // not applicable to a site
			}
		}
		site[sim.Slots], site[sim.Booked], site[sim.Vaccinated] = 1350, 1350, vaccinated
		site[sim.WastedSlots] = 1350 - vaccinated
		site[sim.MeanWaitMin], site[sim.Utilization] = 11.5+float64(rep), 0.9
		all = site
		all[sim.Backlog], all[sim.GaveUp], all[sim.PortalFailedAttempts] = 2000, 12, 340
		results = append(results, &sim.Result{
			Scenario: "tcc-one-day", Rep: rep, Seed: 1,
			Start: sim.Date{Year: 2021, Month: 1, Day: 22}, Sites: []string{"tcc"},
			Daily: [][]sim.Values{{site, all}}, Total: []sim.Values{site, all},
		})
	}

	dir, err := os.MkdirTemp("", "vaxsim-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := output.WriteRun(dir, &output.Run{Results: results}); err != nil {
		log.Fatal(err)
	}
	s, err := files.Read(filepath.Join(dir, runfiles.SummaryFile), runfiles.ReadSummary)
	if err != nil {
		log.Fatal(err)
	}
	if err := runfiles.WriteText(os.Stdout, s); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Scenario:      tcc-one-day
	// Replications:  2
	// Seed:          1
	//
	// vaccinated            1,298 doses         (95% CI 1,196 to 1,400)
	// booked                1,350 appointments  (95% CI 1,350 to 1,350)
	// no_shows                  0 people        (95% CI 0 to 0)
	// wasted_slots             52 slots         (95% CI 0 to 154)
	// walkins_served            0 people        (95% CI 0 to 0)
	// doses_wasted              0 doses         (95% CI 0 to 0)
	// dose_shortfall            0 people        (95% CI 0 to 0)
	// turned_away_capacity      0 people        (95% CI 0 to 0)
	// mean_wait_min          12.0 min           (95% CI 5.6 to 18.4)
	// p95_wait_min           0.00 min           (95% CI 0.00 to 0.00)
	// utilization           90.0%               (95% CI 90.0% to 90.0%)
}
