package sweepfiles_test

import (
	"fmt"
	"log"
	"math"
	"strings"

	"vaxsim/output/sweepfiles"
	"vaxsim/sim"
)

// Points are numbered with the first key varying slowest; a point's
// overrides are --set arguments for the base scenario.
func ExampleGrid_Sets() {
	g, err := sweepfiles.NewGrid([]sweepfiles.Param{
		{Key: "sites.tcc.stations", Spec: "8,10,12", Values: []string{"8", "10", "12"}},
		{Key: "invitations.fill.factor", Spec: "1.2,1.4", Values: []string{"1.2", "1.4"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for id := range g.Len() {
		fmt.Println(id, g.Sets(id))
	}
	// Output:
	// 0 [sites.tcc.stations=8 invitations.fill.factor=1.2]
	// 1 [sites.tcc.stations=8 invitations.fill.factor=1.4]
	// 2 [sites.tcc.stations=10 invitations.fill.factor=1.2]
	// 3 [sites.tcc.stations=10 invitations.fill.factor=1.4]
	// 4 [sites.tcc.stations=12 invitations.fill.factor=1.2]
	// 5 [sites.tcc.stations=12 invitations.fill.factor=1.4]
}

// Reduce the replications of a point to rows of results.csv and
// statistics in summary.csv.
func ExampleWriter() {
	var results []*sim.Result
	for rep, vaccinated := range []float64{1290, 1306, 1301} {
		var total sim.Values
		for m := range total {
			total[m] = math.NaN()
		}
		total[sim.Vaccinated] = vaccinated
		results = append(results, &sim.Result{Scenario: "tcc", Rep: rep, Seed: 1, Total: []sim.Values{total}})
	}
	p, err := sweepfiles.NewPointResult(0, results)
	if err != nil {
		log.Fatal(err)
	}
	var res, sum strings.Builder
	w := sweepfiles.NewWriter(&res, &sum, p.Metrics)
	if err := w.Add(p); err != nil {
		log.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	for _, line := range strings.Split(sum.String(), "\n") {
		if strings.HasPrefix(line, "point,") || strings.HasPrefix(line, "0,all,vaccinated,") {
			fmt.Println(line)
		}
	}
	row := strings.Split(strings.Split(res.String(), "\n")[1], ",")
	fmt.Println("first row of results.csv: point,rep,seed", strings.Join(row[:3], ","), "vaccinated", row[3+int(sim.Vaccinated)])
	// Output:
	// point,site,metric,n,mean,sd,ci95_low,ci95_high
	// 0,all,vaccinated,3,1299,8.18535277187245,1278.6664564954115,1319.3335435045885
	// first row of results.csv: point,rep,seed 0,0,1 vaccinated 1290
}
