package scenarios

import "vaxsim/sim"

// This file holds the file-shaped schema: one struct per TOML table, with
// the TOML key in the `toml` tag and the reference documentation in the
// `doc` tag (and `unit` and `default` where the type does not say it).
// The README's scenario reference is generated from these tags (see
// Reference), and a test fails when a field has no doc.

// Duration is a length of time written as a string: a number and a unit,
// as in "90s", "4m30s", "1.5h" or "3d" (units ms, s, m, h and d; "0s" or
// "0" for none). Durations are rounded to the model's millisecond.
type Duration string

// Distribution is a probability distribution of durations written as a
// string: "4m" (constant), "const(4m)", "exp(mean=3m)",
// "uniform(min=1m, max=5m)", "normal(mean=-5m, sd=5m)",
// "lognormal(median=90m, p90=240m)", "lognormal(median=90m, sigma=0.6)",
// "lognormal(mean=90m, sd=30m)", "gamma(shape=2, mean=3m)",
// "gamma(shape=2, scale=90s)", a shift plus one of these
// ("3m + exp(mean=1m)"), or "none".
type Distribution string

// CountDistribution is a distribution of counts, written like
// Distribution but with plain numbers: "uniform(min=0, max=36)", "12",
// "none".
type CountDistribution string

// Clock is a time of day, "HH:MM" or "HH:MM:SS", in the scenario's zone.
// A TOML local time (08:30:00) is accepted too.
type Clock string

// ClockRange is a day's opening hours: "08:00-17:00", "closed", or
// "00:00-24:00" for around the clock. Hours cannot pass midnight.
type ClockRange string

// Date is a civil date, a TOML local date (2021-01-22) or a string
// ("2021-01-22").
type Date string

// DateTime is an instant: a TOML local date-time (2021-01-21T18:00) or
// local date read as civil time in the scenario's zone, a date-time with
// an offset (2021-01-21T18:00:00-07:00) converted into that zone, or the
// same written as a string.
type DateTime string

// Named is a TOML table of named entries, such as [sites.tcc] and
// [sites.kino], kept in the order the entries first appear in the file.
// Entry names use letters, digits, '_' and '-'.
type Named[T any] []Entry[T]

// Entry is one named entry of a Named table.
type Entry[T any] struct {
	Name  string
	Value T
}

// Get returns the value of the entry called name, or nil if there is none.
func (n Named[T]) Get(name string) *T {
	for i := range n {
		if n[i].Name == name {
			return &n[i].Value
		}
	}
	return nil
}

// Names returns the entries' names in order.
func (n Named[T]) Names() []string {
	names := make([]string, len(n))
	for i, e := range n {
		names[i] = e.Name
	}
	return names
}

// index maps the entries' names to their indices.
func (n Named[T]) index() map[string]int {
	idx := make(map[string]int, len(n))
	for i, e := range n {
		idx[e.Name] = i
	}
	return idx
}

func (Named[T]) namedTable() {}

// Spec is a whole scenario file.
type Spec struct {
	Scenario    ScenarioSpec          `toml:"scenario" doc:"The run: name, dates, time zone and limits."`
	Products    Named[ProductSpec]    `toml:"products" doc:"Vaccine products by name."`
	Sites       Named[SiteSpec]       `toml:"sites" doc:"Vaccination sites by name."`
	Cohorts     Named[CohortSpec]     `toml:"cohorts" doc:"Groups of people by name."`
	Portal      PortalSpec            `toml:"portal" doc:"The booking portal shared by all sites."`
	Invitations Named[InvitationSpec] `toml:"invitations" doc:"Rules that invite people to fill under-booked days, by name."`
	Shipments   Named[ShipmentSpec]   `toml:"shipments" doc:"Deliveries of doses to sites or depots, by name."`
	Depots      Named[DepotSpec]      `toml:"depots" doc:"Depots that split deliveries among sites, by name."`
	SecondDoses SecondDoseSpec        `toml:"second_doses" doc:"How doses are kept for second doses, and how often people miss theirs."`
	Replay      ReplaySpec            `toml:"replay" doc:"Recorded data replayed in place of parts of the model: CSV logs of booking attempts, walk-ins, portal outages and shipments (see Replaying recorded data)."`
}

// ScenarioSpec is the [scenario] table.
type ScenarioSpec struct {
	Name        string `toml:"name" default:"the file name without .toml" doc:"Short name, used for output folders and manifests."`
	Description string `toml:"description" doc:"One line for people, shown by vaxsim scenarios."`
	Start       Date   `toml:"start" default:"required" doc:"First reported day, a civil date in time_zone. Instants count from 00:00 that day."`
	Days        int    `toml:"days" unit:"days" doc:"Number of reported days, 1 to 3660."`
	TimeZone    string `toml:"time_zone" default:"required" doc:"IANA time zone (\"America/Phoenix\"). Dates and clock times are civil times there (every day has 24 hours); date-times with an offset are converted into it."`
	MaxEvents   int64  `toml:"max_events" unit:"events" doc:"Event budget of one replication; a run that needs more stops (exit code 3). 0 means 2,000,000,000."`
}

// ProductSpec is a [products.NAME] table.
type ProductSpec struct {
	DosesPerVial int      `toml:"doses_per_vial" unit:"doses" doc:"Doses in one vial, 1 to 1000."`
	OpenVialLife Duration `toml:"open_vial_life" doc:"A punctured vial's leftover doses are wasted this long after the first dose is drawn; \"0s\" means never."`
	ShelfLife    Duration `toml:"shelf_life" doc:"Sealed doses expire this long after their delivery (doses_wasted_expired); \"0s\" means never."`
	IntervalDays int      `toml:"interval_days" unit:"days" doc:"Days from the first dose to the second, booked at the same site outside the portal; 0 for a single-dose product."`
	LateAfter    int      `toml:"late_after_days" unit:"days" default:"interval_days + 4" doc:"A second dose given more than this many days after the first is late (second_dose_late); at least interval_days."`
	MissedAfter  int      `toml:"missed_after_days" unit:"days" default:"42, or late_after_days if more" doc:"A second dose not given within this many days of the first is missed (second_dose_missed); at least late_after_days."`
}

// SecondDoseSpec is the [second_doses] table.
type SecondDoseSpec struct {
	HoldBack float64 `toml:"hold_back" unit:"share" doc:"Share of each delivery of a two-dose product that a site holds back for second doses, 0 to 1; 0 is \"first doses first\", relying on later shipments."`
	Miss     float64 `toml:"miss" unit:"probability" doc:"Probability that a person does not come for their second dose, 0 to 1."`
}

// ShipmentSpec is a [shipments.NAME] table: one delivery, or a recurring
// one.
type ShipmentSpec struct {
	Enabled   bool     `toml:"enabled" doc:"Whether the shipment comes."`
	Product   string   `toml:"product" default:"the only product, if there is one" doc:"Name of the product shipped."`
	Site      string   `toml:"site" doc:"Name of the site it goes to; give site or depot, not both."`
	Depot     string   `toml:"depot" doc:"Name of the depot it goes to; give site or depot, not both."`
	Arrives   DateTime `toml:"arrives" default:"required" doc:"When the (first) delivery arrives; a date alone means 00:00."`
	Doses     int64    `toml:"doses" unit:"doses" doc:"Doses in each delivery; give doses or sizes, not both."`
	Sizes     []int64  `toml:"sizes" unit:"doses" doc:"Doses in each delivery in turn (a size series); the shipment ends after the last."`
	EveryDays int      `toml:"every_days" unit:"days" doc:"Days between deliveries; 0 for a single delivery."`
	Until     Date     `toml:"until" default:"the last reported day" doc:"Last date a recurring delivery may arrive (before any delay)."`
	Delay     Duration `toml:"delay" doc:"Extra time before each delivery arrives (a storm week)."`
}

// DepotSpec is a [depots.NAME] table.
type DepotSpec struct {
	Sites  []string  `toml:"sites" default:"required" doc:"Names of the sites the depot supplies."`
	Rule   string    `toml:"rule" enum:"capacity,fixed,backlog" doc:"How deliveries are split: \"capacity\" (each site's slots over the next 7 days), \"fixed\" (shares) or \"backlog\" (people waiting to book who accept each site)."`
	Shares []float64 `toml:"shares" doc:"Fixed rule: one weight per site, in the order of sites."`
}

// HoursSpec is a table of opening hours by weekday ([sites.NAME.hours]).
// A day not given takes default; in a period, a day given neither there
// nor in the period's default keeps the site's regular hours.
type HoursSpec struct {
	Default ClockRange `toml:"default" default:"\"closed\" (in a period: the site's regular hours)" doc:"Hours of every weekday not given below."`
	Mon     ClockRange `toml:"mon" default:"default" doc:"Monday's hours."`
	Tue     ClockRange `toml:"tue" default:"default" doc:"Tuesday's hours."`
	Wed     ClockRange `toml:"wed" default:"default" doc:"Wednesday's hours."`
	Thu     ClockRange `toml:"thu" default:"default" doc:"Thursday's hours."`
	Fri     ClockRange `toml:"fri" default:"default" doc:"Friday's hours."`
	Sat     ClockRange `toml:"sat" default:"default" doc:"Saturday's hours."`
	Sun     ClockRange `toml:"sun" default:"default" doc:"Sunday's hours."`
}

// PeriodSpec is a [sites.NAME.periods.PERIOD] table: a date range whose
// hours override the site's weekly hours.
type PeriodSpec struct {
	From     Date      `toml:"from" default:"required" doc:"First day of the period."`
	Until    Date      `toml:"until" default:"required" doc:"Last day of the period (inclusive), not before from."`
	Hours    HoursSpec `toml:"hours" doc:"Opening hours in the period, by weekday; days not given keep the site's regular hours."`
	Stations int       `toml:"stations" unit:"stations" doc:"Stations in the period; 0 keeps the site's."`
	PerSlot  int       `toml:"per_slot" unit:"bookings" doc:"Bookings per slot in the period; 0 keeps the site's."`
}

// SiteSpec is a [sites.NAME] table.
type SiteSpec struct {
	Product           string            `toml:"product" default:"the only product, if there is one" doc:"Name of the product the site uses."`
	Stations          int               `toml:"stations" unit:"stations" doc:"Vaccination stations working in parallel, 1 to 100000."`
	Service           Distribution      `toml:"service" default:"required" doc:"Time at a station for one person; never negative."`
	Hours             HoursSpec         `toml:"hours" doc:"Regular opening hours by weekday."`
	Periods           Named[PeriodSpec] `toml:"periods" doc:"Date ranges with other hours; the first period holding a day wins."`
	Closed            []Date            `toml:"closed" doc:"Dates on which the site does not open at all."`
	SlotLength        Duration          `toml:"slot_length" doc:"Length of one appointment slot; slots start at opening and every slot_length after, while open."`
	PerSlot           int               `toml:"per_slot" unit:"bookings" doc:"Bookings per slot; 0 for a site without appointments. Slots a day = slot starts x per_slot."`
	Overbook          float64           `toml:"overbook" unit:"share of slots" doc:"Extra bookings beyond the slots, as a share of them (0.1 = 10% more), 0 to 10."`
	Walkins           bool              `toml:"walkins" doc:"Admit people without an appointment (walk-in cohorts and people whose booking the portal lost). Invited people are always admitted."`
	LastAdmission     Duration          `toml:"last_admission" doc:"Stop admitting walk-ins and invitees this long before closing."`
	MaxQueue          int               `toml:"max_queue" unit:"people" doc:"Walk-ins and invitees who find every station busy and this many people waiting leave (walkins_balked); 0 means no waiting room (as in Erlang B), -1 no cap."`
	Patience          Distribution      `toml:"patience" doc:"How long a walk-in or invitee waits in line before leaving (reneged); \"none\" means forever."`
	AppointmentsFirst bool              `toml:"appointments_first" doc:"Serve appointment holders before others in line; false means first come, first served."`
	AtClose           string            `toml:"at_close" enum:"serve,turn_away" doc:"At closing, \"serve\" everyone in line or \"turn_away\" those still waiting (turned_away_capacity)."`
	Punctuality       Distribution      `toml:"punctuality" doc:"Arrival time of an appointment holder minus the slot time; may be negative (early)."`
	Standby           CountDistribution `toml:"standby" unit:"people per open day" doc:"People on the standby list at closing, who take doses left in open vials (they are outside the cohorts: no second dose is booked for them); \"none\" means nobody."`
	KeepOpenVials     bool              `toml:"keep_open_vials" doc:"Keep punctured vials past closing until their open_vial_life lapses, instead of discarding their leftover doses."`
	InitialDoses      int64             `toml:"initial_doses" unit:"doses" doc:"Doses on hand at the start."`
	UnlimitedDoses    bool              `toml:"unlimited_doses" doc:"Never short of doses (for analytic checks)."`
	SupplyLimited     bool              `toml:"supply_limited" doc:"Release, for each day, only as many first-dose bookings as the site expects doses for (doses on hand and direct shipments due by then, less doses promised); otherwise every slot is offered and people are refused at the door when doses run out."`
}

// CohortSpec is a [cohorts.NAME] table.
type CohortSpec struct {
	Size        int64     `toml:"size" unit:"people" doc:"Number of people, 0 to 10,000,000,000."`
	Eligible    DateTime  `toml:"eligible" default:"always: for portal cohorts from the first slot release, else from the start" doc:"When the cohort may first act."`
	Willing     float64   `toml:"willing" unit:"share" doc:"Share who want the vaccine, 0 to 1."`
	Channel     string    `toml:"channel" enum:"portal,invitation,walkin" doc:"How they come: \"portal\" (book appointments), \"invitation\" (only when invited) or \"walkin\" (arrive without booking)."`
	NoShow      float64   `toml:"no_show" unit:"probability" doc:"Probability that an appointment holder does not come, 0 to 1."`
	Sites       []string  `toml:"sites" default:"every site" doc:"Names of the sites they accept."`
	AttemptRate float64   `toml:"attempt_rate" unit:"per person per day" doc:"Portal: rate of first booking attempts of a person who has not tried yet."`
	Eager       float64   `toml:"eager" unit:"share" doc:"Portal: share who instead try soon after becoming eligible (the surge when a phase opens), 0 to 1."`
	EagerMean   Duration  `toml:"eager_mean" doc:"Portal: mean delay (exponential) of the eager from eligibility to their first attempt."`
	RetryMean   Duration  `toml:"retry_mean" doc:"Portal: mean delay (exponential) before retrying after a failed attempt; \"0s\" means giving up at the first failure."`
	MaxAttempts int       `toml:"max_attempts" unit:"attempts" doc:"Portal: give up after this many failed attempts; 0 means never."`
	WalkinRate  float64   `toml:"walkin_rate" unit:"per hour per site" doc:"Walk-in: arrivals per hour at each accepted site that takes walk-ins, while it is open."`
	Profile     []float64 `toml:"profile" default:"flat" unit:"24 weights" doc:"Relative weight of attempt_rate and walkin_rate in each hour of the day (00-01 first); scaled to mean 1; not all 0."`
	OpensAfter  string    `toml:"opens_after" doc:"Name of an earlier cohort (phase): this one opens at the end of the first day on which that cohort's backlog is below opens_below, if that comes before eligible."`
	OpensBelow  int64     `toml:"opens_below" unit:"people" doc:"With opens_after: the backlog below which this cohort opens."`
}

// OutageSpec is a [portal.outages.NAME] table: a window in which the
// portal fails.
type OutageSpec struct {
	Enabled bool     `toml:"enabled" doc:"Whether the outage happens."`
	Start   DateTime `toml:"start" default:"required" doc:"When the outage starts."`
	End     DateTime `toml:"end" default:"required" doc:"When the portal works again; after start."`
	Mode    string   `toml:"mode" enum:"down,degraded,lost" doc:"\"down\": every attempt fails; \"degraded\": each attempt succeeds with probability success; \"lost\": attempts seem to succeed but are not recorded."`
	Success float64  `toml:"success" unit:"probability" doc:"Degraded: probability an attempt succeeds."`
	ShowUp  float64  `toml:"show_up" unit:"probability" doc:"Lost: probability a person whose booking was lost comes anyway."`
}

// RandomOutagesSpec is the [portal.random_outages] table.
type RandomOutagesSpec struct {
	Enabled bool         `toml:"enabled" doc:"Draw random outages."`
	MTBF    Duration     `toml:"mtbf" default:"required when enabled" doc:"Mean time between failures (exponential)."`
	Repair  Distribution `toml:"repair" default:"required when enabled" doc:"Duration of an outage."`
	Mode    string       `toml:"mode" enum:"down,degraded,lost" doc:"As in [portal.outages.NAME]."`
	Success float64      `toml:"success" unit:"probability" doc:"Degraded: probability an attempt succeeds."`
	ShowUp  float64      `toml:"show_up" unit:"probability" doc:"Lost: probability a person whose booking was lost comes anyway."`
}

// PortalSpec is the [portal] table.
type PortalSpec struct {
	WindowDays    int               `toml:"window_days" unit:"days" doc:"The slots of day d are released on day d - window_days, at release_at; 0 to 365."`
	ReleaseAt     Clock             `toml:"release_at" doc:"Time of day at which slots are released."`
	Notice        Duration          `toml:"notice" doc:"Least time between a booking and its slot."`
	Outages       Named[OutageSpec] `toml:"outages" doc:"Planned or historical outages; enabled ones must not overlap."`
	RandomOutages RandomOutagesSpec `toml:"random_outages" doc:"Outages drawn at random."`
}

// InvitationSpec is an [invitations.NAME] table: a rule that invites
// people to come without an appointment when a site's day is under-booked.
type InvitationSpec struct {
	Enabled  bool         `toml:"enabled" doc:"Whether the rule runs."`
	At       Clock        `toml:"at" doc:"Time of day of the check, on each day the site is open."`
	Dates    []Date       `toml:"dates" default:"every open day" doc:"Dates on which the rule runs."`
	Sites    []string     `toml:"sites" default:"every site" doc:"Names of the sites the rule watches."`
	Below    float64      `toml:"below" unit:"share of slots" doc:"Invite when the day's booked share of slots is below this, 0 to 1."`
	Cohorts  []string     `toml:"cohorts" default:"required" doc:"Names of the invitation cohorts to invite from, split in proportion to the people they have left."`
	Count    int64        `toml:"count" unit:"people" doc:"Invite this many people; give count or factor, not both."`
	Factor   float64      `toml:"factor" doc:"Invite ceil(factor x (slots - booked)) people; give count or factor, not both."`
	Response float64      `toml:"response" unit:"probability" doc:"Probability that an invitee comes, 0 to 1."`
	Delay    Distribution `toml:"delay" doc:"Time from the invitation to arrival; invitees who would arrive after the last admission do not come."`
}

// ReplaySpec is the [replay] table: CSV logs that take the place of the
// model's booking and walk-in processes, of its outages and of its
// shipments. A path is relative to the scenario file (for a bundled
// scenario, to the bundled files), or to the current folder when it is
// given with --set.
type ReplaySpec struct {
	Bookings    string   `toml:"bookings" doc:"CSV log of booking attempts (time, cohort, site, appointment, attempt, outcome): the replayed portal cohorts make these attempts and no others."`
	Walkins     string   `toml:"walkins" doc:"CSV log of walk-in arrivals (time, site, cohort): the replayed walk-in cohorts arrive at these times and no others."`
	Outages     string   `toml:"outages" doc:"CSV log of portal outages (start, end, mode, success, show_up), added to [portal.outages.NAME]; random outages are off."`
	Shipments   string   `toml:"shipments" doc:"CSV log of deliveries (date, site or depot, product, doses), added to [shipments.NAME] (disable the shipments the log replaces)."`
	Cohorts     []string `toml:"cohorts" default:"every portal cohort with bookings, every walk-in cohort with walkins" doc:"Names of the replayed cohorts, whose attempts or arrivals come from the logs."`
	Until       DateTime `toml:"until" default:"the end of the run" doc:"End of the replay: rows from then on are dropped, and the replayed cohorts book and arrive by their rates."`
	Resample    string   `toml:"resample" enum:"none,bootstrap,thin,scale" doc:"Vary the bookings and walk-ins across replications: \"bootstrap\" replays each day of a log's span as one of its days drawn with replacement; \"thin\" and \"scale\" replay each row factor times on average."`
	Factor      float64  `toml:"factor" doc:"Thin (0 to 1) or scale (0 to 1000): the mean number of times each row is replayed; 1.2 is 20% more."`
	StrictOrder bool     `toml:"strict_order" doc:"Reject rows out of time order, instead of sorting them with a warning."`
}

// Defaults of the schema's fields. A field not listed here defaults to
// its zero value (0, false, "", empty).
const (
	DefaultDays                                = 1
	DefaultDosesPerVial                        = 1
	DefaultOpenVialLife      Duration          = "0s"
	DefaultStations                            = 1
	DefaultSlotLength        Duration          = "10m"
	DefaultPerSlot                             = 1
	DefaultLastAdmission     Duration          = "0s"
	DefaultMaxQueue                            = sim.NoQueueCap // -1: no cap on the line
	DefaultPatience          Distribution      = "none"
	DefaultAppointmentsFirst                   = true
	DefaultAtClose                             = "serve"
	DefaultPunctuality       Distribution      = "0s"
	DefaultStandby           CountDistribution = "none"
	DefaultWilling                             = 1.0
	DefaultChannel                             = "portal"
	DefaultEagerMean         Duration          = "1h"
	DefaultRetryMean         Duration          = "1h"
	DefaultWindowDays                          = 1
	DefaultReleaseAt         Clock             = "00:00"
	DefaultNotice            Duration          = "0s"
	DefaultOutageMode                          = "down"
	DefaultInvitationAt      Clock             = "08:00"
	DefaultBelow                               = 1.0
	DefaultResponse                            = 1.0
	DefaultDelay             Distribution      = "0s"
	DefaultShelfLife         Duration          = "0s"
	DefaultLateMargin                          = 4  // days after interval_days (V-P5: 17-25 days count as on time for 21)
	DefaultMissedAfter                         = 42 // days (V-P5, V-M6: up to 42 allowed; D2-1 counts later as missed)
	DefaultShipmentDelay     Duration          = "0s"
	DefaultDepotRule                           = "capacity"
	DefaultResample                            = "none"
	DefaultReplayFactor                        = 1.0
)

// DefaultSpec returns a scenario with every field at its default.
func DefaultSpec() Spec {
	return Spec{
		Scenario: ScenarioSpec{Days: DefaultDays},
		Portal: PortalSpec{
			WindowDays:    DefaultWindowDays,
			ReleaseAt:     DefaultReleaseAt,
			Notice:        DefaultNotice,
			RandomOutages: RandomOutagesSpec{Mode: DefaultOutageMode},
		},
		Replay: ReplaySpec{Resample: DefaultResample, Factor: DefaultReplayFactor},
	}
}

// DefaultProduct returns a product with every field at its default.
func DefaultProduct() ProductSpec {
	return ProductSpec{DosesPerVial: DefaultDosesPerVial, OpenVialLife: DefaultOpenVialLife, ShelfLife: DefaultShelfLife}
}

// DefaultShipment returns a shipment with every field at its default.
func DefaultShipment() ShipmentSpec {
	return ShipmentSpec{Enabled: true, Delay: DefaultShipmentDelay}
}

// DefaultDepot returns a depot with every field at its default.
func DefaultDepot() DepotSpec { return DepotSpec{Rule: DefaultDepotRule} }

// DefaultSite returns a site with every field at its default.
func DefaultSite() SiteSpec {
	return SiteSpec{
		Stations:          DefaultStations,
		SlotLength:        DefaultSlotLength,
		PerSlot:           DefaultPerSlot,
		LastAdmission:     DefaultLastAdmission,
		MaxQueue:          DefaultMaxQueue,
		Patience:          DefaultPatience,
		AppointmentsFirst: DefaultAppointmentsFirst,
		AtClose:           DefaultAtClose,
		Punctuality:       DefaultPunctuality,
		Standby:           DefaultStandby,
	}
}

// DefaultPeriod returns a period with every field at its default.
func DefaultPeriod() PeriodSpec { return PeriodSpec{} }

// DefaultCohort returns a cohort with every field at its default.
func DefaultCohort() CohortSpec {
	return CohortSpec{
		Willing:   DefaultWilling,
		Channel:   DefaultChannel,
		EagerMean: DefaultEagerMean,
		RetryMean: DefaultRetryMean,
	}
}

// DefaultOutage returns an outage with every field at its default.
func DefaultOutage() OutageSpec {
	return OutageSpec{Enabled: true, Mode: DefaultOutageMode}
}

// DefaultInvitation returns an invitation rule with every field at its
// default.
func DefaultInvitation() InvitationSpec {
	return InvitationSpec{
		Enabled:  true,
		At:       DefaultInvitationAt,
		Below:    DefaultBelow,
		Response: DefaultResponse,
		Delay:    DefaultDelay,
	}
}
