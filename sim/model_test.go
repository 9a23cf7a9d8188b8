package sim

import (
	"context"
	"testing"

	"vaxsim/sim/des"
)

func hours(open, close des.Time) Week {
	var w Week
	for i := range w {
		w[i] = Hours{open, close}
	}
	return w
}

// runRep runs replication rep of sc with the zero Options.
func runRep(sc *Scenario, seed uint64, rep int) (*Result, error) {
	return Run(context.Background(), sc, seed, rep, Options{})
}

// seedLike is a small stand-in of the seed day, built in Go.
func seedLike() *Scenario {
	return &Scenario{
		Name: "seed-like", Start: Date{2021, 1, 22}, Days: 1,
		Products: []Product{{Name: "moderna", DosesPerVial: 10, OpenVialLife: 6 * des.Hour}},
		Sites: []Site{{
			Name: "tcc", Product: 0, Stations: 14,
			Service: Dist{Kind: Exp, Shift: 3 * float64(des.Minute), P1: float64(des.Minute)},
			Week:    hours(8*des.Hour, 17*des.Hour), SlotLength: 10 * des.Minute, PerSlot: 20,
			Punctuality:  Dist{Kind: Normal, P1: -5 * float64(des.Minute), P2: 5 * float64(des.Minute)},
			Standby:      Dist{Kind: Uniform, P1: 0, P2: 36},
			InitialDoses: 1500, MaxQueue: NoQueueCap,
		}},
		Cohorts: []Cohort{
			{Name: "phase1b", Size: 2000, Willing: 0.6, Channel: PortalChannel, NoShow: 0.05,
				EligibleAt: -10 * des.Day, AttemptRate: 3, RetryMean: 2 * des.Hour, MaxAttempts: 5},
			{Name: "law", Size: 3000, Willing: 1, Channel: InvitationChannel},
		},
		Portal: Portal{WindowDays: 1, ReleaseAt: 8 * des.Hour, Notice: des.Hour,
			Outages: []Outage{{Name: "glitch", Start: -6 * des.Hour, End: 11*des.Hour + 30*des.Minute, Mode: Lost, ShowUp: 0.1}}},
		Invitations: []Invitation{{Name: "fill", At: 8*des.Hour + 30*des.Minute, Below: 0.8,
			Cohorts: []int{1}, Factor: 1.3, Response: 0.85,
			Delay: Dist{Kind: LogNormal, P1: 15.5, P2: 0.75}}},
	}
}

func TestRunSmoke(t *testing.T) {
	sc := seedLike()
	res, err := runRep(sc, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	tot := res.Total[res.All()]
	for k, info := range Metrics {
		t.Logf("%-24s %10.2f", info.Name, tot[k])
	}
	t.Logf("events %d", res.Events)
}
