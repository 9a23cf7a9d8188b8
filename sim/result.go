package sim

import (
	"fmt"
	"math"
)

// Metric indexes Values. The names in Metrics are the stable snake_case
// names of the result contract.
type Metric int

// The metrics, in the order of the result files' columns.
const (
	Slots Metric = iota
	Booked
	Attended
	NoShows
	BookingsLost
	WalkinsInvited
	WalkinsArrived
	WalkinsServed
	StandbyServed
	Vaccinated
	Dose1
	Dose2
	WastedSlots
	DosesReceived
	DosesWasted
	DosesWastedOpenVial
	DosesWastedExpired
	DosesOnHand
	DosesReserved
	DoseShortfall
	SecondDoseShortfall
	TurnedAwayCapacity
	Backlog
	WalkinsBalked
	Reneged
	PortalFailedAttempts
	GaveUp
	SecondDoseMissed
	SecondDoseLate
	MeanWaitMin
	P95WaitMin
	MeanQueueLen
	Utilization
	NumMetrics
)

// Aggregation says how a metric combines over sites and over days.
type Aggregation uint8

const (
	// Count adds up over sites and over days.
	Count Aggregation = iota
	// Level is a stock at the end of a period: it adds up over sites and
	// takes the last day's value over days.
	Level
	// Average is a mean, a quantile or a ratio, computed from the
	// underlying observations of the sites or days combined.
	Average
)

// Direction says which way a change in a metric is an improvement.
type Direction int8

// Directions.
const (
	Neutral Direction = 0
	Higher  Direction = 1
	Lower   Direction = -1
)

// Scope says where a metric is measured.
type Scope uint8

const (
	// SiteScope metrics are measured at each site; the all-sites row sums
	// or pools them.
	SiteScope Scope = iota
	// PortalScope metrics belong to the portal or the cohorts, not to a
	// site; site rows leave them empty (NaN).
	PortalScope
)

// MetricInfo describes a metric.
type MetricInfo struct {
	Name   string
	Unit   string
	Agg    Aggregation
	Better Direction
	Scope  Scope
	Doc    string
}

// Metrics describes every metric, indexed by Metric.
var Metrics = [NumMetrics]MetricInfo{
	Slots:                {"slots", "slots", Count, Neutral, SiteScope, "appointment slots offered (slot starts in opening hours x bookings per slot)"},
	Booked:               {"booked", "appointments", Count, Higher, SiteScope, "appointments recorded for the day's slots"},
	Attended:             {"attended", "people", Count, Higher, SiteScope, "appointment holders who arrived"},
	NoShows:              {"no_shows", "people", Count, Lower, SiteScope, "appointment holders who did not come"},
	BookingsLost:         {"bookings_lost", "people", Count, Lower, SiteScope, "bookings the portal seemed to take but did not record (lost outages), by the day of the slot"},
	WalkinsInvited:       {"walkins_invited", "people", Count, Neutral, SiteScope, "people invited by invitation rules"},
	WalkinsArrived:       {"walkins_arrived", "people", Count, Neutral, SiteScope, "people who arrived without an appointment (walk-ins, invitees, lost bookings)"},
	WalkinsServed:        {"walkins_served", "people", Count, Higher, SiteScope, "people without an appointment who were vaccinated"},
	StandbyServed:        {"standby_served", "people", Count, Higher, SiteScope, "people on the standby list given a leftover dose at closing"},
	Vaccinated:           {"vaccinated", "doses", Count, Higher, SiteScope, "doses administered (dose1 + dose2)"},
	Dose1:                {"dose1", "doses", Count, Higher, SiteScope, "first doses administered"},
	Dose2:                {"dose2", "doses", Count, Higher, SiteScope, "second doses administered"},
	WastedSlots:          {"wasted_slots", "slots", Count, Lower, SiteScope, "max(0, slots - vaccinated), per site and day"},
	DosesReceived:        {"doses_received", "doses", Count, Neutral, SiteScope, "doses delivered, the initial stock included on the first day"},
	DosesWasted:          {"doses_wasted", "doses", Count, Lower, SiteScope, "doses discarded: doses_wasted_open_vial + doses_wasted_expired"},
	DosesWastedOpenVial:  {"doses_wasted_open_vial", "doses", Count, Lower, SiteScope, "doses left in punctured vials that lapsed or were discarded at closing"},
	DosesWastedExpired:   {"doses_wasted_expired", "doses", Count, Lower, SiteScope, "sealed doses past their shelf life"},
	DosesOnHand:          {"doses_on_hand", "doses", Level, Neutral, SiteScope, "doses on hand at the end of the day (held back and in open vials included)"},
	DosesReserved:        {"doses_reserved", "doses", Level, Neutral, SiteScope, "sealed doses held back for second doses at the end of the day"},
	DoseShortfall:        {"dose_shortfall", "people", Count, Lower, SiteScope, "people ready to be vaccinated (first or second dose) refused for lack of a dose"},
	SecondDoseShortfall:  {"second_dose_shortfall", "people", Count, Lower, SiteScope, "people due a second dose refused for lack of a dose (part of dose_shortfall); the site books them again when its next delivery of their product arrives"},
	TurnedAwayCapacity:   {"turned_away_capacity", "people", Count, Lower, SiteScope, "people turned away at closing or arriving after it"},
	Backlog:              {"backlog", "people", Level, Lower, PortalScope, "eligible, willing people who have not booked and not given up, at the end of the day"},
	WalkinsBalked:        {"walkins_balked", "people", Count, Lower, SiteScope, "people without an appointment who left because the line was full"},
	Reneged:              {"reneged", "people", Count, Lower, SiteScope, "people without an appointment who left the line out of impatience"},
	PortalFailedAttempts: {"portal_failed_attempts", "attempts", Count, Lower, PortalScope, "booking attempts that failed (no slot or portal outage)"},
	GaveUp:               {"gave_up", "people", Count, Lower, PortalScope, "people who stopped trying to book"},
	SecondDoseMissed:     {"second_dose_missed", "people", Count, Lower, SiteScope, "second doses not given: the person did not come (on the due day) or no dose was found within the product's window (on its last day)"},
	SecondDoseLate:       {"second_dose_late", "people", Count, Lower, SiteScope, "second doses given more than the product's late_after_days after the first"},
	MeanWaitMin:          {"mean_wait_min", "min", Average, Lower, SiteScope, "mean time from arrival (or slot time, if later) to the start of service"},
	P95WaitMin:           {"p95_wait_min", "min", Average, Lower, SiteScope, "95th percentile of the wait"},
	MeanQueueLen:         {"mean_queue_len", "people", Average, Lower, SiteScope, "time-average number waiting while open (a line served after closing is not counted)"},
	Utilization:          {"utilization", "share", Average, Neutral, SiteScope, "busy station time while open over station time open (service after closing is not counted)"},
}

// String returns the metric's name.
func (m Metric) String() string {
	if m >= 0 && m < NumMetrics {
		return Metrics[m].Name
	}
	return fmt.Sprintf("Metric(%d)", int(m))
}

// MetricByName returns the metric called name.
func MetricByName(name string) (Metric, bool) {
	for i := range Metrics {
		if Metrics[i].Name == name {
			return Metric(i), true
		}
	}
	return 0, false
}

// Values holds one value per metric. NaN means "not applicable" (a portal
// metric on a site row; a wait on a day nobody was served).
type Values [NumMetrics]float64

// Result is the outcome of one replication.
type Result struct {
	Scenario string
	Rep      int
	Seed     uint64
	Start    Date
	Sites    []string // site names; the all-sites row follows them
	// Daily[d][s] holds day d's values at site s; s == len(Sites) is the
	// all-sites row, which adds the portal-scope metrics. It is nil when
	// the run streamed its rows to Options.Daily.
	Daily [][]Values
	// Total[s] holds horizon totals: counts summed over days, levels at
	// the end of the last day, averages over the whole horizon.
	Total []Values
	// Events is the number of events run.
	Events int64
	// Warnings are caveats about this run's model or results.
	Warnings []string

	days int // reported days, set by Run
}

// All returns the index of the all-sites row in Daily and Total.
func (r *Result) All() int { return len(r.Sites) }

// Days returns the number of reported days (those of the scenario, also
// when Daily is nil because the rows were streamed).
func (r *Result) Days() int { return max(r.days, len(r.Daily)) }

// InvariantError reports a broken conservation law or model invariant.
// It means a defect in vaxsim, not in the input.
type InvariantError struct {
	Rep  int
	Day  Date
	Site string
	Msg  string
}

func (e *InvariantError) Error() string {
	where := e.Site
	if where == "" {
		where = "all sites"
	}
	return fmt.Sprintf("invariant violated in replication %d on %s at %s: %s", e.Rep, e.Day, where, e.Msg)
}

// BudgetError reports a replication that needed more events than its
// event budget allows (Scenario.MaxEvents), or more memory than its
// memory budget (Options.MemoryLimit).
type BudgetError struct {
	Rep    int
	Events int64 // the event budget
	Day    Date  // the day the run stopped on
	// Memory is the memory budget in bytes when that is the one
	// exceeded, else 0; Detail then says what took the memory.
	Memory int64
	Detail string
}

func (e *BudgetError) Error() string {
	if e.Memory > 0 {
		return fmt.Sprintf("replication %d exceeded its memory budget of %.0f MB on %s: %s (raise the memory limit, cap the sites' lines with max_queue, shorten the scenario or stream the daily rows)",
			e.Rep, float64(e.Memory)/(1<<20), e.Day, e.Detail)
	}
	return fmt.Sprintf("replication %d exceeded its budget of %d events on %s (raise max_events or shorten the scenario)", e.Rep, e.Events, e.Day)
}

// nan is the not-applicable value.
var nan = math.NaN()
