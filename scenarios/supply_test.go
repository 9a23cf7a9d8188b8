package scenarios

import (
	"context"
	"fmt"
	"testing"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

const supplyScenario = `
[scenario]
start = 2021-01-04
days = 28
time_zone = "America/Phoenix"

[products.pfizer]
doses_per_vial = 6
interval_days = 21
shelf_life = "30d"

[products.moderna]
doses_per_vial = 10
interval_days = 28
late_after_days = 32
missed_after_days = 40

[sites.a]
product = "pfizer"
service = "4m"
supply_limited = true
hours.default = "08:00-17:00"

[sites.a.periods.busy]
from = 2021-01-11
until = 2021-01-17
stations = 12

[sites.b]
product = "moderna"
service = "4m"
hours.default = "08:00-17:00"

[cohorts.old]
size = 1000
attempt_rate = 0.5

[cohorts.young]
size = 5000
attempt_rate = 0.5
opens_after = "old"
opens_below = 100

[depots.county]
sites = ["a", "b"]
rule = "fixed"
shares = [1.0, 3.0]

[shipments.weekly]
product = "pfizer"
depot = "county"
arrives = 2021-01-05T07:00:00
doses = 1170
every_days = 7
until = 2021-01-19

[shipments.series]
product = "moderna"
site = "b"
arrives = 2021-01-04
sizes = [100, 200, 300]
every_days = 7

[shipments.storm]
product = "moderna"
site = "b"
arrives = 2021-01-25T07:00:00
doses = 500
delay = "2d"

[shipments.cancelled]
enabled = false
product = "moderna"
site = "b"
arrives = 2021-01-25
doses = 1

[second_doses]
hold_back = 0.5
miss = 0.034
`

func TestSupplyConvert(t *testing.T) {
	f, err := Parse("supply.toml", []byte(supplyScenario), nil)
	if err != nil {
		t.Fatal(err)
	}
	sc := f.Scenario
	var got []string
	for _, d := range sc.Deliveries {
		got = append(got, fmt.Sprintf("%s@%v site=%d depot=%d p=%d n=%d", d.Name, d.At, d.Site, d.Depot, d.Product, d.Doses))
	}
	h7 := 7 * des.Hour
	want := []string{
		fmt.Sprintf("weekly@%v site=-1 depot=0 p=0 n=1170", 1*des.Day+h7),
		fmt.Sprintf("weekly@%v site=-1 depot=0 p=0 n=1170", 8*des.Day+h7),
		fmt.Sprintf("weekly@%v site=-1 depot=0 p=0 n=1170", 15*des.Day+h7),
		fmt.Sprintf("series@%v site=1 depot=-1 p=1 n=100", 0),
		fmt.Sprintf("series@%v site=1 depot=-1 p=1 n=200", 7*des.Day),
		fmt.Sprintf("series@%v site=1 depot=-1 p=1 n=300", 14*des.Day),
		fmt.Sprintf("storm@%v site=1 depot=-1 p=1 n=500", 23*des.Day+h7),
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("deliveries:\n got %v\nwant %v", got, want)
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"pfizer windows (defaults: +4, 42)", [3]int{sc.Products[0].IntervalDays, sc.Products[0].LateAfterDays, sc.Products[0].MissedAfterDays}, [3]int{21, 25, 42}},
		{"moderna windows", [3]int{sc.Products[1].IntervalDays, sc.Products[1].LateAfterDays, sc.Products[1].MissedAfterDays}, [3]int{28, 32, 40}},
		{"shelf life", sc.Products[0].ShelfLife, 30 * des.Day},
		{"depot", sc.Depots[0], sim.Depot{Name: "county", Sites: []int{0, 1}, Rule: sim.FixedShares, Shares: []float64{1, 3}}},
		{"policy", sc.SecondDoses, sim.SecondDosePolicy{HoldBack: 0.5, Miss: 0.034}},
		{"supply limited", sc.Sites[0].SupplyLimited, true},
		{"period stations", sc.Sites[0].Periods[0].Stations, 12},
		{"phase rule", *sc.Cohorts[1].OpensAfter, sim.PhaseRule{After: 0, Below: 100}},
		{"phase closed until the rule opens it", sc.Cohorts[1].EligibleAt, des.Never},
	} {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if _, err := sim.Run(context.Background(), sc, 1, 0, sim.Options{}); err != nil {
		t.Errorf("the converted scenario does not run: %v", err)
	}
}
