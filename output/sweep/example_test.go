package sweep_test

import (
	"context"
	"log"
	"os"

	"vaxsim/output/sweep"
	"vaxsim/output/table"
)

// A 2 x 3 sweep of the seed day: two station counts by three invitation
// factors, three replications at each point, with common random numbers.
func Example() {
	dir, err := os.MkdirTemp("", "sweep-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	_, err = sweep.Run(context.Background(), &sweep.Options{
		Source: "pima-tcc-2021-01-22",
		Vary:   []string{"sites.tcc.stations=10,14", "invitations.fill.factor=1.0,1.4,1.8"},
		Reps:   3, Seed: 1, Dir: dir, NoPlots: true,
	})
	if err != nil {
		log.Fatal(err)
	}
	t, err := sweep.SummaryTable(dir, "vaccinated", "wasted_slots")
	if err != nil {
		log.Fatal(err)
	}
	t.Write(os.Stdout, table.FormatText)
	// Output:
	// pima-tcc-2021-01-22: sweep of 6 points, 3 replications each
	//
	// point  sites.tcc.stations  invitations.fill.factor                       vaccinated              wasted_slots
	//     0                  10                      1.0    967   (95% CI 952 to 981)      113   (95% CI 99 to 128)
	//     1                  10                      1.4  1,283   (95% CI 1,269 to 1,298)    0   (95% CI 0 to 0)
	//     2                  10                      1.8  1,357   (95% CI 1,328 to 1,385)    0   (95% CI 0 to 0)
	//     3                  14                      1.0    967   (95% CI 952 to 981)      113   (95% CI 99 to 128)
	//     4                  14                      1.4  1,283   (95% CI 1,269 to 1,298)    0   (95% CI 0 to 0)
	//     5                  14                      1.8  1,500   (95% CI 1,500 to 1,500)    0   (95% CI 0 to 0)
}
