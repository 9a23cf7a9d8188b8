package sim

import (
	"fmt"
	"testing"

	"vaxsim/sim/des"
)

// twoDose is a site giving a two-dose product (21 days apart, late after
// 25, missed after 42: row V-P5) to a large booking cohort, supplied
// weekly with weekly doses until the day cut (0: never cut).
func twoDose(holdBack float64, weekly int64, cut int) *Scenario {
	sc := &Scenario{
		Name: "two-dose", Start: Date{2021, 1, 4}, Days: 70,
		Products: []Product{{Name: "pfizer", DosesPerVial: 6, OpenVialLife: 6 * des.Hour,
			IntervalDays: 21, LateAfterDays: 25, MissedAfterDays: 42}},
		Sites: []Site{{Name: "pod", Stations: 8, Service: ExpDist(float64(4 * des.Minute)),
			Week: hours(8*des.Hour, 18*des.Hour), SlotLength: 10 * des.Minute, PerSlot: 6,
			MaxQueue: NoQueueCap}},
		Cohorts: []Cohort{{Name: "public", Size: 30_000, Willing: 1, Channel: PortalChannel,
			NoShow: 0.05, AttemptRate: 0.2, RetryMean: des.Day, MaxAttempts: 20}},
		Portal:      Portal{WindowDays: 7, ReleaseAt: 9 * des.Hour, Notice: des.Hour},
		SecondDoses: SecondDosePolicy{HoldBack: holdBack, Miss: 0.034},
	}
	for d := 0; d < sc.Days; d += 7 {
		if cut > 0 && d >= cut {
			break
		}
		sc.Deliveries = append(sc.Deliveries, Delivery{Name: "weekly", At: des.Time(d)*des.Day + 7*des.Hour, Site: 0, Doses: weekly})
	}
	return sc
}

// TestHoldBack is the fourth check: under a constant supply,
// holding back half of each delivery leaves no second dose short; giving
// all to first doses and then losing the supply leaves second doses
// short.
func TestHoldBack(t *testing.T) {
	tests := []struct {
		name      string
		sc        *Scenario
		shortfall bool
	}{
		{"half held back, constant supply", twoDose(0.5, 2000, 0), false},
		{"first doses first, supply stops after four weeks", twoDose(0, 2000, 28), true},
	}
	reps := 3
	if testing.Short() {
		reps = 1
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for rep := range reps {
				res, err := runRep(tc.sc, 11, rep)
				if err != nil {
					t.Fatal(err)
				}
				tot := res.Total[res.All()]
				if tot[Dose2] == 0 {
					t.Fatalf("rep %d: no second doses given; totals:\n%s", rep, format(tot))
				}
				if got := tot[SecondDoseShortfall] > 0; got != tc.shortfall {
					t.Errorf("rep %d: second_dose_shortfall = %v, want > 0: %v; totals:\n%s",
						rep, tot[SecondDoseShortfall], tc.shortfall, format(tot))
				}
				if tot[SecondDoseShortfall] > tot[DoseShortfall] {
					t.Errorf("rep %d: second-dose shortfall %v exceeds the shortfall %v", rep, tot[SecondDoseShortfall], tot[DoseShortfall])
				}
			}
		})
	}
}

// TestRunsOut is the fifth check: a site that runs out of doses
// refuses people, counted in dose_shortfall, and never gives more doses
// than it received, on any day.
func TestRunsOut(t *testing.T) {
	sc := twoDose(0, 500, 0)
	res, err := runRep(sc, 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	var received, given float64
	for d, row := range res.Daily {
		v := row[0]
		received += v[DosesReceived]
		given += v[Vaccinated]
		if given > received {
			t.Fatalf("day %d: %v doses given of %v received", d, given, received)
		}
	}
	if tot := res.Total[0]; tot[DoseShortfall] == 0 {
		t.Errorf("a starved site refused nobody; totals:\n%s", format(tot))
	}
	for d, row := range res.Daily {
		// Nothing is held back and deliveries come before opening: a
		// day that refused someone ends with nothing on hand.
		if v := row[0]; v[DoseShortfall] > 0 && v[DosesOnHand] != 0 {
			t.Errorf("day %d refused %v people but ends with %v doses on hand", d, v[DoseShortfall], v[DosesOnHand])
		}
	}
}

// TestSecondDoses follows second doses: given at the same site about the
// interval later, counted in dose2, late or missed by the product's
// window and the policy's miss rate.
func TestSecondDoses(t *testing.T) {
	sc := twoDose(0.5, 2000, 0)
	res, err := runRep(sc, 5, 0)
	if err != nil {
		t.Fatal(err)
	}
	var dose1, dose2, missed float64
	for d, row := range res.Daily {
		v := row[0]
		if d < 21 && v[Dose2] > 0 {
			t.Errorf("day %d: %v second doses before the 21-day interval", d, v[Dose2])
		}
		if d < 49 { // the first doses whose second falls inside the 70 days
			dose1 += v[Dose1]
		}
		dose2 += v[Dose2]
		missed += v[SecondDoseMissed]
	}
	// Every first dose of the first 49 days is followed within the 70
	// days by a second dose or a miss: 3.4% missed (D2-1), within a few
	// points for a few thousand people.
	if share := missed / dose1; share < 0.015 || share > 0.06 {
		t.Errorf("missed %v of %v second doses (%.3f), want about 0.034", missed, dose1, share)
	}
	if dose2+missed < 0.97*dose1 {
		t.Errorf("second doses %v + missed %v fall short of the first doses %v", dose2, missed, dose1)
	}
	if tot := res.Total[0]; tot[SecondDoseLate] != 0 || tot[DoseShortfall] == 0 || tot[DosesReserved] == 0 {
		t.Errorf("want no late second doses, some first doses refused, doses held back; totals:\n%s", format(tot))
	}
}

// TestSupplyLimited: a site that releases only the first-dose slots it
// expects doses for refuses far fewer people for the same doses given.
func TestSupplyLimited(t *testing.T) {
	free := twoDose(0.5, 1000, 0)
	limited := twoDose(0.5, 1000, 0)
	limited.Sites[0].SupplyLimited = true
	// Nobody gives up, so that demand is the same on both sides: with
	// give-ups, the failed bookings of capped days wear demand down.
	free.Cohorts[0].MaxAttempts = 0
	limited.Cohorts[0].MaxAttempts = 0
	a, err := runRep(free, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := runRep(limited, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	fa, fb := a.Total[0], b.Total[0]
	// The same doses are given either way (supply binds); capping the
	// slots turns people refused at the door into slots never offered.
	if !(fb[DoseShortfall] < fa[DoseShortfall]/4 && fb[Booked] < fa[Booked] && fb[Vaccinated] >= 0.9*fa[Vaccinated]) {
		t.Errorf("supply-limited slots: shortfall %v (free %v), booked %v (free %v), vaccinated %v (free %v)",
			fb[DoseShortfall], fa[DoseShortfall], fb[Booked], fa[Booked], fb[Vaccinated], fa[Vaccinated])
	}
}

func TestDepotAllocation(t *testing.T) {
	for _, tc := range []struct {
		rule   Allocation
		shares []float64
		want   [2]float64 // doses received by the two sites
	}{
		{FixedShares, []float64{1, 3}, [2]float64{250, 750}},
		{CapacityShare, nil, [2]float64{200, 800}}, // 2 vs 8 stations' worth of slots
	} {
		sc := twoDose(0, 0, 0)
		sc.Days = 3
		sc.Deliveries = []Delivery{{Name: "d", At: des.Hour, Site: -1, Depot: 0, Doses: 1000}}
		b := sc.Sites[0]
		b.Name, b.PerSlot = "big", 24
		sc.Sites[0].PerSlot = 6
		sc.Sites = append(sc.Sites, b)
		sc.Depots = []Depot{{Name: "county", Sites: []int{0, 1}, Rule: tc.rule, Shares: tc.shares}}
		res, err := runRep(sc, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		got := [2]float64{res.Total[0][DosesReceived], res.Total[1][DosesReceived]}
		if got != tc.want {
			t.Errorf("%v: sites received %v, want %v", tc.rule, got, tc.want)
		}
	}
}

func TestLargestRemainder(t *testing.T) {
	tests := []struct {
		total   int64
		weights []float64
		caps    []int64
		want    []int64
	}{
		{10, []float64{1, 1, 1}, nil, []int64{4, 3, 3}},                      // ties to the first
		{10, []float64{0, 0}, nil, []int64{5, 5}},                            // zero weights split equally
		{7, []float64{1, 2, 4}, nil, []int64{1, 2, 4}},                       // exact
		{5, []float64{1, 1}, nil, []int64{3, 2}},                             // remainders .5 and .5
		{6, []float64{0.5, 0.3, 0.2}, nil, []int64{3, 2, 1}},                 // remainders 0, .8, .2
		{0, []float64{1, 1}, nil, []int64{0, 0}},                             // nothing to split
		{-3, []float64{1, 1}, nil, []int64{0, 0}},                            // nor less
		{3, []float64{1, 1, 1, 1}, []int64{0, 5, 5, 5}, []int64{0, 1, 1, 1}}, // a full pool is passed over
		{5, []float64{3, 3}, []int64{3, 3}, []int64{3, 2}},
	}
	for _, tc := range tests {
		if got := largestRemainder(tc.total, tc.weights, tc.caps); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("largestRemainder(%d, %v, caps %v) = %v, want %v", tc.total, tc.weights, tc.caps, got, tc.want)
		}
	}
	if got := apportion(9, []int64{2, 3}); fmt.Sprint(got) != "[2 3]" {
		t.Errorf("apportion(9, [2 3]) = %v, want every pool whole: [2 3]", got)
	}
}

func TestShelfLife(t *testing.T) {
	sc := twoDose(0, 0, 0)
	sc.Days = 10
	sc.Products[0].ShelfLife = 3 * des.Day
	sc.Cohorts[0].Size = 10 // almost nobody to vaccinate
	sc.Deliveries = []Delivery{{Name: "d", At: 0, Site: 0, Doses: 600}}
	res, err := runRep(sc, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	tot := res.Total[0]
	if tot[DosesWastedExpired] < 500 || tot[DosesOnHand] != 0 ||
		tot[DosesWasted] != tot[DosesWastedExpired]+tot[DosesWastedOpenVial] {
		t.Errorf("expired doses not counted; totals:\n%s", format(tot))
	}
	// Delivered at 00:00 on day 0 with a 3-day shelf life, the lot
	// expires at the end of day 2.
	if v := res.Daily[2][0][DosesWastedExpired]; v < 500 {
		t.Errorf("the lot expiring at the end of day 2 was not counted on day 2: %v", v)
	}
}

func TestPhases(t *testing.T) {
	sc := twoDose(0, 100_000, 0)
	sc.Days = 30
	c75 := sc.Cohorts[0]
	c75.Name, c75.Size = "75plus", 3000
	c65 := c75
	c65.Name, c65.EligibleAt = "65plus", des.Never
	c65.OpensAfter = &PhaseRule{After: 0, Below: 500}
	sc.Cohorts = []Cohort{c75, c65}
	res, err := runRep(sc, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	opened := -1
	for d := 1; d < len(res.Daily); d++ {
		if res.Daily[d][res.All()][Backlog] > res.Daily[d-1][res.All()][Backlog] {
			opened = d
			break
		}
	}
	if opened < 1 {
		t.Fatalf("the second phase never opened (or opened at once): backlog by day %v", backlogs(res))
	}
	if prev := res.Daily[opened-1][res.All()][Backlog]; prev >= 500 {
		t.Errorf("the second phase opened after a day with backlog %v >= 500", prev)
	}
}

func backlogs(r *Result) []float64 {
	var b []float64
	for _, row := range r.Daily {
		b = append(b, row[r.All()][Backlog])
	}
	return b
}
