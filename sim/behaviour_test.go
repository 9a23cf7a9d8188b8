package sim

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"vaxsim/sim/des"
)

// TestBehaviour changes one thing in the seed-like scenario and checks
// the horizon totals move as they must.
func TestBehaviour(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(sc *Scenario)
		check func(tot, base Values) error
	}{
		{"baseline books and vaccinates", func(sc *Scenario) {}, func(v, base Values) error {
			return all(
				cond{"Booked > 0", v[Booked] > 0},
				cond{"Vaccinated > 0", v[Vaccinated] > 0},
				cond{"BookingsLost > 0", v[BookingsLost] > 0},
				cond{"WalkinsInvited > 0", v[WalkinsInvited] > 0},
			)
		}},
		{"portal down all along books nothing", func(sc *Scenario) {
			sc.Portal.Outages = []Outage{{Start: -5 * des.Day, End: 2 * des.Day, Mode: Down}}
		}, func(v, base Values) error {
			return all(
				cond{"Booked == 0", v[Booked] == 0},
				cond{"BookingsLost == 0", v[BookingsLost] == 0},
				cond{"PortalFailedAttempts > 0", v[PortalFailedAttempts] > 0},
				cond{"GaveUp > 0", v[GaveUp] > 0},
			)
		}},
		{"degraded portal fails some attempts", func(sc *Scenario) {
			sc.Portal.Outages = []Outage{{Start: -5 * des.Day, End: 2 * des.Day, Mode: Degraded, Success: 0.5}}
		}, func(v, base Values) error {
			return all(
				cond{"Booked > 0", v[Booked] > 0},
				cond{"PortalFailedAttempts > 0", v[PortalFailedAttempts] > 0},
				cond{"BookingsLost == 0", v[BookingsLost] == 0},
			)
		}},
		{"no outage books near capacity", func(sc *Scenario) { sc.Portal.Outages = nil }, func(v, base Values) error {
			return all(
				cond{"Booked > 1000", v[Booked] > 1000},
				cond{"BookingsLost == 0", v[BookingsLost] == 0},
			)
		}},
		{"no invitations invites nobody", func(sc *Scenario) { sc.Invitations = nil }, func(v, base Values) error {
			return all(
				cond{"WalkinsInvited == 0", v[WalkinsInvited] == 0},
				cond{"WalkinsServed < 100", v[WalkinsServed] < 100},
				cond{"WastedSlots > base WastedSlots+200", v[WastedSlots] > base[WastedSlots]+200},
			)
		}},
		{"fixed count invites that many", func(sc *Scenario) {
			sc.Invitations[0].Count = 123
		}, func(v, base Values) error { return all(cond{"WalkinsInvited == 123", v[WalkinsInvited] == 123}) }},
		{"invitation threshold not met invites nobody", func(sc *Scenario) {
			sc.Invitations[0].Below = 0.01
		}, func(v, base Values) error { return all(cond{"WalkinsInvited == 0", v[WalkinsInvited] == 0}) }},
		{"short of doses refuses people", func(sc *Scenario) { sc.Sites[0].InitialDoses = 200 }, func(v, base Values) error {
			return all(
				cond{"DoseShortfall > 0", v[DoseShortfall] > 0},
				cond{"Vaccinated == 200", v[Vaccinated] == 200},
				cond{"DosesOnHand == 0", v[DosesOnHand] == 0},
			)
		}},
		{"short vial life wastes doses", func(sc *Scenario) {
			sc.Products[0].OpenVialLife = des.Minute
			sc.Sites[0].Standby = Dist{}
		}, func(v, base Values) error { return all(cond{"DosesWasted > 100", v[DosesWasted] > 100}) }},
		{"overloaded site turns away at closing", func(sc *Scenario) {
			sc.Sites[0].Stations = 3
			sc.Sites[0].AtClose = TurnAway
		}, func(v, base Values) error {
			return all(
				cond{"TurnedAwayCapacity > 100", v[TurnedAwayCapacity] > 100},
				cond{"Utilization > 0.9", v[Utilization] > 0.9},
			)
		}},
		{"impatient walk-ins renege", func(sc *Scenario) {
			sc.Sites[0].Stations = 4
			sc.Sites[0].Patience = ExpDist(float64(20 * des.Minute))
		}, func(v, base Values) error { return all(cond{"Reneged > 0", v[Reneged] > 0}) }},
		{"short line makes walk-ins balk", func(sc *Scenario) {
			sc.Sites[0].Stations = 4
			sc.Sites[0].MaxQueue = 5
		}, func(v, base Values) error { return all(cond{"WalkinsBalked > 0", v[WalkinsBalked] > 0}) }},
		{"standby takes leftovers", func(sc *Scenario) {
			sc.Sites[0].Standby = ConstDist(9)
		}, func(v, base Values) error { return all(cond{"DosesWasted == 0", v[DosesWasted] == 0}) }},
		{"no standby wastes the last vial's leftover", func(sc *Scenario) {
			sc.Sites[0].Standby = Dist{}
			// Vials of 1,000 of the 1,500 doses: the second one is opened
			// and about 1,300 people can leave no day without a leftover.
			sc.Products[0].DosesPerVial = 1000
		}, func(v, base Values) error {
			return all(
				cond{"StandbyServed == 0", v[StandbyServed] == 0},
				cond{"DosesWastedOpenVial > 0", v[DosesWastedOpenVial] > 0},
				cond{"DosesWasted == DosesWastedOpenVial", v[DosesWasted] == v[DosesWastedOpenVial]},
			)
		}},
		{"overbooking books beyond slots", func(sc *Scenario) {
			sc.Portal.Outages = nil
			sc.Sites[0].Overbook = 0.1
			sc.Cohorts[0].Size = 5000
		}, func(v, base Values) error {
			return all(
				cond{"Booked > Slots", v[Booked] > v[Slots]},
				cond{"Booked <= 1.1*Slots", v[Booked] <= 1.1*v[Slots]},
			)
		}},
		{"not yet eligible cohort does not book", func(sc *Scenario) {
			sc.Cohorts[0].EligibleAt = 2 * des.Day
		}, func(v, base Values) error {
			return all(
				cond{"Booked == 0", v[Booked] == 0},
				cond{"Backlog == 0", v[Backlog] == 0},
				cond{"PortalFailedAttempts == 0", v[PortalFailedAttempts] == 0},
			)
		}},
		{"closed day has no slots", func(sc *Scenario) { sc.Sites[0].Closed = []int{0} }, func(v, base Values) error {
			return all(
				cond{"Slots == 0", v[Slots] == 0},
				cond{"Vaccinated == 0", v[Vaccinated] == 0},
				cond{"Booked == 0", v[Booked] == 0},
			)
		}},
		{"period hours change slots", func(sc *Scenario) {
			sc.Sites[0].Periods = []Period{{From: 0, Until: 0, Week: hours(8*des.Hour, 12*des.Hour)}}
		}, func(v, base Values) error { return all(cond{"Slots == 24*20", v[Slots] == 24*20}) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc := seedLike()
			tc.edit(sc)
			res, err := runRep(sc, 3, 0)
			if err != nil {
				t.Fatal(err)
			}
			base, err := runRep(seedLike(), 3, 0)
			if err != nil {
				t.Fatal(err)
			}
			if res.Events == 0 {
				t.Fatal("no events ran")
			}
			tot := res.Total[res.All()]
			if err := tc.check(tot, base.Total[base.All()]); err != nil {
				t.Errorf("%v; totals:\n%s", err, format(tot))
			}
		})
	}
}

// cond is a condition on the totals, named by its expression.
type cond struct {
	what string
	ok   bool
}

// all returns an error naming the conditions that do not hold, or nil.
func all(conds ...cond) error {
	var failed []string
	for _, c := range conds {
		if !c.ok {
			failed = append(failed, c.what)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("does not hold: %s", strings.Join(failed, "; "))
	}
	return nil
}

func format(v Values) string {
	var s string
	for k, x := range v {
		s += fmt.Sprintf("  %-24s %g\n", Metric(k), x)
	}
	return s
}

func TestDeterminism(t *testing.T) {
	sc := seedLike()
	a, err := Replicate(context.Background(), sc, 7, 6, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Replicate(context.Background(), sc, 7, 6, Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if dump(a) != dump(b) {
		t.Error("1 and 3 workers gave different results for the same seed")
	}
	c, _ := Replicate(context.Background(), sc, 8, 6, Options{Workers: 2})
	if dump(a) == dump(c) {
		t.Error("seeds 7 and 8 gave the same results")
	}
	if fmt.Sprint(a[0].Total) == fmt.Sprint(a[1].Total) {
		t.Error("replications 0 and 1 gave the same results")
	}
}

func TestReplicateCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Replicate(ctx, seedLike(), 1, 50, Options{Workers: 2}); err == nil {
		t.Error("a cancelled Replicate returned no error")
	}
}

func TestBudget(t *testing.T) {
	sc := seedLike()
	sc.MaxEvents = 100
	_, err := runRep(sc, 1, 0)
	if _, ok := err.(*BudgetError); !ok {
		t.Fatalf("got %v, want a *BudgetError", err)
	}
}

// dump prints results by value (NaN-safe, unlike reflect.DeepEqual).
func dump(rs []*Result) string {
	var s string
	for _, r := range rs {
		s += fmt.Sprintf("%+v\n", *r)
	}
	return s
}

// TestMemoryAcrossScenarios checks that Run in a Memory gives the results
// of Run without when it runs replications of different scenarios in turn, with
// more sites and fewer, more stations and fewer: the memory one leaves
// must not show in the next.
func TestMemoryAcrossScenarios(t *testing.T) {
	small := seedLike()
	small.Sites[0].Stations = 3
	large := seedLike()
	large.Name = "two sites"
	second := large.Sites[0]
	second.Name, second.Stations = "annex", 20
	large.Sites = append(large.Sites, second)
	for i := range large.Cohorts {
		large.Cohorts[i].Size *= 2
	}
	var mem Memory
	for i, sc := range []*Scenario{seedLike(), large, small, large, seedLike()} {
		rep := i % 2
		got, err := Run(context.Background(), sc, 5, rep, Options{Memory: &mem})
		if err != nil {
			t.Fatalf("%s: %v", sc.Name, err)
		}
		want, err := runRep(sc, 5, rep)
		if err != nil {
			t.Fatal(err)
		}
		if dump([]*Result{got}) != dump([]*Result{want}) {
			t.Errorf("run %d (%s, %d stations, %d sites): the result in a Memory differs from the one without",
				i, sc.Name, sc.Sites[0].Stations, len(sc.Sites))
		}
	}
}
