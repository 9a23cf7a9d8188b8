package sim

import (
	"fmt"
	"math"
	"testing"

	"pgregory.net/rapid"

	"vaxsim/sim/des"
)

// genDist draws a valid distribution of durations around mean ms.
func genDist(t *rapid.T, label string, mean float64) Dist {
	switch rapid.IntRange(0, 5).Draw(t, label+"-kind") {
	case 0:
		return ConstDist(mean)
	case 1:
		return ExpDist(mean)
	case 2:
		return Dist{Kind: Uniform, P1: 0, P2: 2 * mean}
	case 3:
		return Dist{Kind: Normal, P1: mean, P2: mean / 3}
	case 4:
		return Dist{Kind: LogNormal, P1: math.Log(mean), P2: 0.5}
	}
	return Dist{Kind: Gamma, Shift: mean / 2, P1: 2, P2: mean / 4}
}

func genHours(t *rapid.T, label string) Hours {
	if rapid.IntRange(0, 6).Draw(t, label+"-closed") == 0 {
		return Hours{}
	}
	open := des.Time(rapid.IntRange(0, 20).Draw(t, label+"-open")) * des.Hour
	close := open + des.Time(rapid.IntRange(1, int((des.Day-open)/des.Hour)).Draw(t, label+"-len"))*des.Hour
	return Hours{open, close}
}

// genScenario draws a small valid scenario exercising every mechanism.
func genScenario(t *rapid.T) *Scenario {
	sc := &Scenario{Name: "gen", Start: Date{2021, 1, rapid.IntRange(1, 28).Draw(t, "day")},
		Days: rapid.IntRange(1, 8).Draw(t, "days")}
	for i := range rapid.IntRange(1, 2).Draw(t, "products") {
		life := des.Time(rapid.IntRange(0, 12).Draw(t, "life")) * des.Hour
		p := Product{Name: fmt.Sprint("p", i),
			DosesPerVial: rapid.IntRange(1, 12).Draw(t, "dpv"), OpenVialLife: life,
			ShelfLife: des.Time(rapid.IntRange(0, 96).Draw(t, "shelf")) * des.Hour}
		if rapid.Bool().Draw(t, "twodose") {
			p.IntervalDays = rapid.IntRange(1, 3).Draw(t, "interval")
			p.LateAfterDays = p.IntervalDays + rapid.IntRange(0, 2).Draw(t, "late")
			p.MissedAfterDays = p.LateAfterDays + rapid.IntRange(0, 3).Draw(t, "missed")
		}
		sc.Products = append(sc.Products, p)
	}
	sc.SecondDoses = SecondDosePolicy{HoldBack: rapid.Float64Range(0, 1).Draw(t, "holdback"),
		Miss: rapid.Float64Range(0, 0.2).Draw(t, "miss")}
	nSites := rapid.IntRange(1, 3).Draw(t, "sites")
	for i := range nSites {
		var w Week
		for d := range w {
			w[d] = genHours(t, "hours")
		}
		s := Site{Name: fmt.Sprint("s", i), Product: rapid.IntRange(0, len(sc.Products)-1).Draw(t, "product"),
			Stations:          rapid.IntRange(1, 6).Draw(t, "stations"),
			Service:           genDist(t, "service", float64(rapid.IntRange(1, 10).Draw(t, "svc"))*float64(des.Minute)),
			Week:              w,
			SlotLength:        des.Time(rapid.IntRange(5, 60).Draw(t, "slot")) * des.Minute,
			PerSlot:           rapid.IntRange(0, 6).Draw(t, "perslot"),
			Overbook:          rapid.Float64Range(0, 0.3).Draw(t, "overbook"),
			Walkins:           rapid.Bool().Draw(t, "walkins"),
			LastAdmission:     des.Time(rapid.IntRange(0, 60).Draw(t, "lastadm")) * des.Minute,
			MaxQueue:          rapid.IntRange(-1, 20).Draw(t, "maxqueue"),
			AtClose:           CloseRule(rapid.IntRange(0, 1).Draw(t, "atclose")),
			Punctuality:       Dist{Kind: Normal, P1: 0, P2: float64(des.Time(rapid.IntRange(0, 20).Draw(t, "punct")) * des.Minute)},
			KeepOpenVials:     rapid.Bool().Draw(t, "keep"),
			InitialDoses:      int64(rapid.IntRange(0, 500).Draw(t, "doses")),
			AppointmentsFirst: rapid.Bool().Draw(t, "apptfirst"),
		}
		if rapid.Bool().Draw(t, "patient") {
			s.Patience = genDist(t, "patience", float64(30*des.Minute))
		}
		if rapid.Bool().Draw(t, "standby") {
			s.Standby = Dist{Kind: Uniform, P1: 0, P2: 20}
		}
		if rapid.IntRange(0, 5).Draw(t, "unlimited") == 0 {
			s.UnlimitedDoses = true
		}
		if rapid.Bool().Draw(t, "period") {
			s.Periods = []Period{{From: 1, Until: 2, Week: hours(10*des.Hour, 14*des.Hour),
				Stations: rapid.IntRange(0, 8).Draw(t, "periodstations")}}
		}
		s.SupplyLimited = rapid.Bool().Draw(t, "supplylimited")
		if rapid.Bool().Draw(t, "closedday") {
			s.Closed = []int{0}
		}
		sc.Sites = append(sc.Sites, s)
	}
	var invitees []int
	for i := range rapid.IntRange(1, 4).Draw(t, "cohorts") {
		c := Cohort{Name: fmt.Sprint("c", i), Size: int64(rapid.IntRange(0, 3000).Draw(t, "size")),
			Willing:    rapid.Float64Range(0, 1).Draw(t, "willing"),
			Channel:    Channel(rapid.IntRange(0, 2).Draw(t, "channel")),
			NoShow:     rapid.Float64Range(0, 0.3).Draw(t, "noshow"),
			EligibleAt: des.Time(rapid.IntRange(-48, 48).Draw(t, "eligible")) * des.Hour,
		}
		switch c.Channel {
		case PortalChannel:
			c.AttemptRate = rapid.Float64Range(0, 5).Draw(t, "rate")
			c.Eager = rapid.Float64Range(0, 1).Draw(t, "eager")
			c.EagerMean = des.Time(rapid.IntRange(0, 120).Draw(t, "eagermean")) * des.Minute
			c.RetryMean = des.Time(rapid.IntRange(0, 300).Draw(t, "retry")) * des.Minute
			c.MaxAttempts = rapid.IntRange(0, 5).Draw(t, "maxattempts")
		case WalkinChannel:
			c.WalkinRate = rapid.Float64Range(0, 60).Draw(t, "walkinrate")
		case InvitationChannel:
			invitees = append(invitees, i)
		}
		if rapid.Bool().Draw(t, "someSites") {
			c.Sites = []int{rapid.IntRange(0, nSites-1).Draw(t, "site")}
		}
		if i > 0 && rapid.Bool().Draw(t, "phase") {
			c.EligibleAt = des.Never
			c.OpensAfter = &PhaseRule{After: rapid.IntRange(0, i-1).Draw(t, "after"),
				Below: int64(rapid.IntRange(0, 2000).Draw(t, "below"))}
		}
		if rapid.Bool().Draw(t, "profile") {
			c.Profile = make([]float64, 24)
			for h := 8; h < 20; h++ {
				c.Profile[h] = 2
			}
		}
		sc.Cohorts = append(sc.Cohorts, c)
	}
	sc.Portal = Portal{WindowDays: rapid.IntRange(0, 3).Draw(t, "window"),
		ReleaseAt: des.Time(rapid.IntRange(0, 23).Draw(t, "release")) * des.Hour,
		Notice:    des.Time(rapid.IntRange(0, 180).Draw(t, "notice")) * des.Minute}
	for i := range rapid.IntRange(0, 3).Draw(t, "outages") {
		start := des.Time(rapid.IntRange(-72, 72).Draw(t, "ostart")) * des.Hour
		sc.Portal.Outages = append(sc.Portal.Outages, Outage{Name: fmt.Sprint("o", i),
			Start: start, End: start + des.Time(rapid.IntRange(1, 24).Draw(t, "olen"))*des.Hour,
			Mode: OutageMode(rapid.IntRange(0, 2).Draw(t, "mode")), Success: 0.5, ShowUp: 0.3})
	}
	if rapid.Bool().Draw(t, "random") {
		sc.Portal.Random = RandomOutages{Enabled: true, MTBF: 12 * des.Hour, Repair: ExpDist(float64(des.Hour)),
			Mode: OutageMode(rapid.IntRange(0, 2).Draw(t, "rmode")), Success: 0.3, ShowUp: 0.5}
	}
	if rapid.Bool().Draw(t, "depot") {
		sc.Depots = []Depot{{Name: "d", Sites: []int{0, nSites - 1},
			Rule: Allocation(rapid.IntRange(0, 2).Draw(t, "rule")), Shares: []float64{1, 3}}}
	}
	for i := range rapid.IntRange(0, 6).Draw(t, "deliveries") {
		d := Delivery{Name: fmt.Sprint("ship", i),
			At:      des.Time(rapid.IntRange(-48, 24*sc.Days).Draw(t, "shipat")) * des.Hour,
			Product: rapid.IntRange(0, len(sc.Products)-1).Draw(t, "shipproduct"),
			Site:    rapid.IntRange(-1, nSites-1).Draw(t, "shipsite"),
			Doses:   int64(rapid.IntRange(0, 400).Draw(t, "shipdoses"))}
		if d.Site < 0 {
			if len(sc.Depots) == 0 {
				d.Site = 0
			} else {
				d.Depot = 0
			}
		}
		sc.Deliveries = append(sc.Deliveries, d)
	}
	if len(invitees) > 0 {
		sc.Invitations = append(sc.Invitations, Invitation{Name: "fill",
			At:    des.Time(rapid.IntRange(0, 20).Draw(t, "at")) * des.Hour,
			Below: rapid.Float64Range(0, 1.2).Draw(t, "below"), Cohorts: invitees,
			Count: int64(rapid.IntRange(0, 100).Draw(t, "count")), Factor: rapid.Float64Range(0, 2).Draw(t, "factor"),
			Response: rapid.Float64Range(0, 1).Draw(t, "response"), Delay: genDist(t, "delay", float64(des.Hour))})
	}
	return sc
}

// TestConservationProperty runs random valid scenarios: Run checks doses
// and people at the end of every day and fails with an InvariantError on
// a violation; on top, the daily rows must balance cumulatively and the
// metric identities must hold.
func TestConservationProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := genScenario(t)
		seed := rapid.Uint64().Draw(t, "seed")
		res, err := runRep(sc, seed, 0)
		if err != nil {
			t.Fatalf("run: %v", err)
		}
		for s := 0; s <= res.All(); s++ {
			var received, given, wasted, arrived, served float64
			for d, row := range res.Daily {
				v := row[s]
				received += v[DosesReceived]
				given += v[Vaccinated]
				wasted += v[DosesWasted]
				if received != given+wasted+v[DosesOnHand] {
					t.Fatalf("day %d site %d: received %v != vaccinated %v + wasted %v + on hand %v",
						d, s, received, given, wasted, v[DosesOnHand])
				}
				if v[Vaccinated] != v[Dose1]+v[Dose2] {
					t.Fatalf("day %d site %d: vaccinated %v != dose1 + dose2", d, s, v[Vaccinated])
				}
				if v[WastedSlots] < 0 || s < res.All() && v[WastedSlots] != math.Max(0, v[Slots]-v[Vaccinated]) {
					t.Fatalf("day %d site %d: wasted slots %v with slots %v vaccinated %v", d, s, v[WastedSlots], v[Slots], v[Vaccinated])
				}
				arrived += v[WalkinsArrived]
				served += v[WalkinsServed]
				if served > arrived {
					t.Fatalf("by day %d site %d: served %v walk-ins of %v arrived", d, s, served, arrived)
				}
				for k, x := range v {
					if x < 0 {
						t.Fatalf("day %d site %d: %s = %v < 0", d, s, Metric(k), x)
					}
				}
			}
		}
	})
}
