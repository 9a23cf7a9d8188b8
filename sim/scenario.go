package sim

import (
	"vaxsim/sim/des"
)

// Scenario is the typed, validated input of a run. It holds no file
// names, TOML tags or time zones: package scenarios builds it from files.
//
// Instants (des.Time) count milliseconds from Start at 00:00 in the
// scenario's zone, on a civil clock: every day is 24 hours long, whatever
// daylight saving does. Instants may be negative (an outage that starts
// the evening before the first reported day). Clock times of day are
// des.Time in [0, des.Day]. Collections refer to each other by index.
type Scenario struct {
	Name        string // short name, as in file names
	Description string // one line for people
	Start       Date   // first reported day
	Days        int    // number of reported days, >= 1

	Products    []Product
	Sites       []Site
	Cohorts     []Cohort
	Portal      Portal
	Invitations []Invitation
	Depots      []Depot
	// Deliveries are the doses shipped, in any order: recurring and
	// delayed shipments are expanded by the caller.
	Deliveries  []Delivery
	SecondDoses SecondDosePolicy
	// Replay, if not nil, replays recorded booking attempts and walk-in
	// arrivals in place of some cohorts' stochastic processes (replay.go).
	Replay *Replay

	// MaxEvents bounds the events of one replication, each person an
	// invitation rule invites counting as one more; a run that needs more
	// stops with a *BudgetError. 0 means DefaultMaxEvents.
	MaxEvents int64
}

// DefaultMaxEvents is the event budget of a replication when the
// scenario sets none.
const DefaultMaxEvents = 2_000_000_000

// Product is a vaccine product: how its doses come, how long they keep,
// and its second dose.
type Product struct {
	Name         string
	DosesPerVial int      // doses in one vial, >= 1
	OpenVialLife des.Time // a punctured vial's leftover doses lapse after this; 0 means never
	ShelfLife    des.Time // sealed doses expire this long after delivery; 0 means never

	// IntervalDays is the days from the first dose to the second; 0
	// means a single-dose product. A second dose given more than
	// LateAfterDays after the first is late; one not given within
	// MissedAfterDays is missed (IntervalDays <= LateAfterDays <=
	// MissedAfterDays).
	IntervalDays    int
	LateAfterDays   int
	MissedAfterDays int
}

// SecondDosePolicy says how doses are kept for second doses and how
// often people miss theirs.
type SecondDosePolicy struct {
	// HoldBack is the share of each delivery of a two-dose product that
	// a site keeps for second doses; 0 is "first doses first, relying on
	// later shipments".
	HoldBack float64
	// Miss is the probability that a person does not come for their
	// second dose (MMWR: 3.4%, row D2-1).
	Miss float64
}

// Delivery is one shipment's arrival: Doses of Product arriving at At,
// at a site (Site >= 0) or at a depot (Depot >= 0; Site = -1).
type Delivery struct {
	Name    string
	At      des.Time
	Product int
	Site    int
	Depot   int
	Doses   int64
}

// Allocation is how a depot splits a delivery among its sites.
type Allocation uint8

// The allocation rules.
const (
	// CapacityShare splits in proportion to each site's slots over the
	// next seven days (stations x open hours for sites without slots).
	CapacityShare Allocation = iota
	// FixedShares splits by the depot's Shares.
	FixedShares
	// BacklogShare splits in proportion to the people waiting to book
	// who accept each site (shared equally among the sites a cohort
	// accepts), falling back to capacity when nobody waits.
	BacklogShare
)

var allocationNames = [...]string{"capacity", "fixed", "backlog"}

// String returns the rule's name as written in scenarios.
func (a Allocation) String() string { return allocationNames[a] }

// Depot receives deliveries and passes them on at once to its sites.
type Depot struct {
	Name   string
	Sites  []int // indices, at least one
	Rule   Allocation
	Shares []float64 // FixedShares: one weight per site in Sites
}

// Hours are the opening hours of one day: from Open to Close, clock times
// in [0, des.Day]. Open == Close means closed that day.
type Hours struct {
	Open, Close des.Time
}

// IsOpen reports whether the hours open at all.
func (h Hours) IsOpen() bool { return h.Close > h.Open }

// Week holds opening hours by time.Weekday (Sunday = 0).
type Week [7]Hours

// Period overrides a site's weekly hours on days From..Until (day
// indices relative to Start, inclusive), and its stations and bookings
// per slot when they are above 0.
type Period struct {
	From, Until int
	Week        Week
	Stations    int
	PerSlot     int
}

// CloseRule says what happens to the line when a site closes.
type CloseRule uint8

const (
	// ServeQueue serves everyone in line at closing time; nobody new is
	// admitted.
	ServeQueue CloseRule = iota
	// TurnAway turns away everyone still waiting at closing time (counted
	// in turned_away_capacity); people in service finish.
	TurnAway
)

// Site is a vaccination site.
type Site struct {
	Name     string
	Product  int // index into Scenario.Products
	Stations int // vaccination stations, >= 1
	Service  Dist
	// Week is the regular opening hours; Periods override it on date
	// ranges (the first period holding a day wins). Closed lists day
	// indices on which the site does not open at all.
	Week    Week
	Periods []Period
	Closed  []int

	SlotLength des.Time // length of one appointment slot, > 0
	PerSlot    int      // bookings per slot; slots a day = slot starts in opening hours x PerSlot
	Overbook   float64  // share of extra bookings beyond slots, >= 0

	// Walkins admits people without an appointment (walk-in cohorts and
	// people whose booking the portal lost). Invited people are always
	// admitted.
	Walkins bool
	// LastAdmission stops admitting walk-ins and invitees this long before
	// closing.
	LastAdmission des.Time
	// MaxQueue caps the line: walk-ins and invitees who find every
	// station busy and MaxQueue people waiting leave (walkins_balked).
	// 0 means no waiting room; NoQueueCap means no cap.
	MaxQueue int
	// Patience is how long a walk-in or invitee waits before leaving the
	// line (reneged); Kind None means forever.
	Patience Dist
	// AppointmentsFirst serves appointment holders before others in line;
	// otherwise the line is first come, first served.
	AppointmentsFirst bool
	AtClose           CloseRule
	// Punctuality is an appointment holder's arrival time minus the slot
	// time.
	Punctuality Dist
	// Standby is the number of people on the standby list at closing each
	// open day; they take doses left in open vials. Kind None means none.
	Standby Dist
	// KeepOpenVials keeps punctured vials past closing (until their
	// OpenVialLife lapses) instead of discarding their leftover doses.
	KeepOpenVials bool

	InitialDoses   int64 // doses of Product on hand at the start
	UnlimitedDoses bool  // never short of doses (for analytic checks)

	// SupplyLimited releases, for each day, only as many first-dose
	// bookings as the site expects doses for: doses on hand, deliveries
	// due to it by that day and its share (by the depot's split at release
	// time) of deliveries due to its depots, less the first and second
	// doses already promised.
	SupplyLimited bool
}

// NoQueueCap is the MaxQueue of a site whose line has no cap.
const NoQueueCap = -1

// Channel is how a cohort reaches a site.
type Channel uint8

// The channels.
const (
	PortalChannel     Channel = iota // book through the portal
	InvitationChannel                // come only when invited
	WalkinChannel                    // arrive without booking
)

var channelNames = [...]string{"portal", "invitation", "walkin"}

// String returns the channel's name as written in scenarios.
func (c Channel) String() string { return channelNames[c] }

// Cohort is a group of people who behave alike.
type Cohort struct {
	Name       string
	Size       int64
	EligibleAt des.Time // when they may first act
	// OpensAfter, when set, also opens the cohort at the end of the first
	// day on which an earlier phase's backlog falls low, if that comes
	// before EligibleAt.
	OpensAfter *PhaseRule
	Willing    float64 // share who want the vaccine, in [0, 1]
	Channel    Channel
	NoShow     float64 // probability an appointment holder does not come
	Sites      []int   // accepted sites (indices); nil means every site

	// Portal channel. A willing, eligible person who has not tried yet
	// makes a first attempt at rate AttemptRate per day; a share Eager of
	// them instead try after an exponential delay of mean EagerMean from
	// the moment they become eligible (the surge when a phase opens).
	// After a failed attempt a person retries after an exponential delay
	// of mean RetryMean, and gives up after MaxAttempts failed attempts
	// (0: never gives up; a RetryMean of 0 means giving up at the first
	// failure).
	AttemptRate float64
	Eager       float64
	EagerMean   des.Time
	RetryMean   des.Time
	MaxAttempts int

	// Walk-in channel: arrivals per hour at each accepted site that takes
	// walk-ins, while it is open.
	WalkinRate float64

	// Profile weighs AttemptRate and WalkinRate by hour of day (24
	// weights, mean 1 after scaling); nil means flat.
	Profile []float64
}

// PhaseRule opens a cohort when cohort After's backlog (eligible,
// willing people who have not booked or given up) is below Below at the
// end of a day.
type PhaseRule struct {
	After int
	Below int64
}

// Portal is the booking portal shared by all sites.
type Portal struct {
	// WindowDays: the slots of day d are released at ReleaseAt on day
	// d - WindowDays.
	WindowDays int
	ReleaseAt  des.Time
	// Notice is the least time between a booking and its slot.
	Notice  des.Time
	Outages []Outage
	Random  RandomOutages
}

// OutageMode is how the portal fails.
type OutageMode uint8

// The outage modes.
const (
	Down     OutageMode = iota // every attempt fails
	Degraded                   // each attempt succeeds with probability Success
	Lost                       // attempts seem to succeed but are not recorded
)

var modeNames = [...]string{"down", "degraded", "lost"}

// String returns the mode's name as written in scenarios.
func (m OutageMode) String() string { return modeNames[m] }

// Outage is a window [Start, End) in which the portal fails.
type Outage struct {
	Name       string
	Start, End des.Time
	Mode       OutageMode
	Success    float64 // Degraded: probability an attempt succeeds
	ShowUp     float64 // Lost: probability a person whose booking was lost comes anyway
}

// RandomOutages draws outages of one mode: times between failures are
// exponential with mean MTBF; durations come from Repair.
type RandomOutages struct {
	Enabled bool
	MTBF    des.Time
	Repair  Dist
	Mode    OutageMode
	Success float64
	ShowUp  float64
}

// Invitation is a rule that invites people to come without an
// appointment when a site's day is under-booked.
type Invitation struct {
	Name string
	At   des.Time // clock time of the check on each day the site is open
	Days []int    // day indices the rule runs on; nil means every open day
	// Sites the rule watches (indices); nil means every site.
	Sites []int
	// Below: invite when booked/slots for the day is below this share.
	Below float64
	// Cohorts to invite from (indices), split in proportion to their
	// remaining people.
	Cohorts []int
	// Count invites a fixed number; when 0, the rule invites
	// ceil(Factor x (slots - booked)).
	Count  int64
	Factor float64
	// Response is the probability an invitee comes; Delay is the time from
	// the invitation to arrival. Invitees who would arrive after the last
	// admission do not come.
	Response float64
	Delay    Dist
}
