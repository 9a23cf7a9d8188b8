package scenarios

import (
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

// Bounds of values, checked after decoding. They keep a run's memory and
// arithmetic in range and catch slips of the pen (a cohort of 1e15).
const (
	maxDays         = 3660
	maxDosesPerVial = 1000
	maxStations     = 100_000
	maxPerSlot      = 100_000
	maxOverbook     = 10.0
	maxQueueCap     = 1_000_000_000
	maxInitialDoses = 1_000_000_000_000
	maxCohortSize   = 10_000_000_000
	maxRate         = 1_000_000.0
	maxAttempts     = 1_000_000
	maxWindowDays   = 365
	maxInvite       = 1_000_000_000
	maxFactor       = 1000.0
)

// converter turns a decoded Spec into a sim.Scenario, checking every
// value and every cross-reference. Errors go to c; conversion goes on
// after an error so that all are reported.
type converter struct {
	c     *collector
	spec  *Spec
	sc    *sim.Scenario
	loc   *time.Location
	start sim.Date
	// timeOK is false when start or time_zone is unusable; instants are
	// then not converted (their errors would only repeat that one).
	timeOK   bool
	products map[string]int
	sites    map[string]int
	cohorts  map[string]int
	depots   map[string]int
}

func convert(c *collector, spec *Spec, defaultName string) *sim.Scenario {
	cv := &converter{c: c, spec: spec, sc: &sim.Scenario{},
		products: spec.Products.index(), sites: spec.Sites.index(), cohorts: spec.Cohorts.index(), depots: spec.Depots.index()}
	cv.scenario(defaultName)
	cv.convertProducts()
	cv.convertSites()
	cv.convertPortal()
	cv.checkRun()
	cv.convertCohorts()
	cv.convertInvitations()
	cv.convertSupply()
	return cv.sc
}

// validScenarioName reports whether name can name a scenario, and so
// an output folder: letters, digits, '_', '-' and '.', starting with a
// letter or digit, at most maxNameLen.
func validScenarioName(name string) bool {
	return nameOf(name, ".") && strings.IndexByte("_-.", name[0]) < 0
}

// defaultName derives a scenario name from a file name: its base without
// the extension, other characters replaced by '-'.
func defaultName(file string) string {
	base := filepath.Base(file)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	b := []byte(base)
	for i, c := range b {
		if !isBare(c) && c != '.' {
			b[i] = '-'
		}
	}
	name := strings.TrimLeft(string(b), ".-_")
	if len(name) > maxNameLen {
		name = name[:maxNameLen]
	}
	if name == "" {
		name = "scenario"
	}
	return name
}

// path joins key parts.
func path(parts ...string) []string { return parts }

// keyIn returns the paths of the keys of the table at parts: keyIn("sites",
// "tcc")("stations") is sites.tcc.stations.
func keyIn(parts ...string) func(key string) []string {
	return func(key string) []string { return append(parts[:len(parts):len(parts)], key) }
}

func (cv *converter) scenario(defaultName string) {
	s := cv.spec.Scenario
	sc := cv.sc
	sc.Name = s.Name
	switch {
	case sc.Name == "":
		sc.Name = defaultName
	case !validScenarioName(sc.Name):
		cv.c.add(path("scenario", "name"), "name %q: use letters, digits, '_', '-' and '.', starting with a letter or digit (at most %d); it names output folders", sc.Name, maxNameLen)
	}
	if strings.ContainsAny(s.Description, "\n\r") {
		cv.c.add(path("scenario", "description"), "must be one line")
	}
	sc.Description = s.Description
	okStart, okZone := false, false
	if s.Start == "" {
		cv.c.add(path("scenario", "start"), "required: the first reported day, as in start = 2021-01-22")
	} else if d, err := parseDate(string(s.Start)); err != nil {
		cv.c.add(path("scenario", "start"), "%v", err)
	} else {
		sc.Start, cv.start, okStart = d, d, true
	}
	switch s.TimeZone {
	case "":
		cv.c.add(path("scenario", "time_zone"), "required: an IANA time zone, as in time_zone = \"America/Phoenix\"")
	case "Local":
		cv.c.add(path("scenario", "time_zone"), "\"Local\" depends on the machine; name the zone, as in \"America/Phoenix\"")
	default:
		if loc, err := time.LoadLocation(s.TimeZone); err != nil {
			cv.c.add(path("scenario", "time_zone"), "unknown time zone %q; use an IANA name such as \"America/Phoenix\" or \"UTC\"", s.TimeZone)
		} else {
			cv.loc, okZone = loc, true
		}
	}
	cv.timeOK = okStart && okZone
	sc.Days = cv.intIn(path("scenario", "days"), s.Days, 1, maxDays)
	if s.MaxEvents < 0 {
		cv.c.add(path("scenario", "max_events"), "must be >= 0 (0 means %d), found %d", sim.DefaultMaxEvents, s.MaxEvents)
	}
	sc.MaxEvents = s.MaxEvents
}

// simStart returns the start of the simulated time: the portal's first
// release, or 00:00 of the first day if that is earlier.
func (cv *converter) simStart() des.Time {
	pt := cv.sc.Portal
	return min(0, -des.Time(pt.WindowDays)*des.Day+pt.ReleaseAt)
}

// horizon returns the end of the run: the end of its last day.
func (cv *converter) horizon() des.Time { return des.Time(cv.sc.Days) * des.Day }

// runDates describes the run's days for messages: "2021-01-22 to
// 2021-01-23".
func (cv *converter) runDates() string {
	return cv.start.String() + " to " + cv.start.AddDays(max(cv.sc.Days, 1)-1).String()
}

// checkRun checks that the simulated time, from the portal's first
// release to the end of the last day, lies in the years 1 to 9999, where
// its dates can be written.
func (cv *converter) checkRun() {
	if !cv.timeOK || cv.sc.Days == 0 {
		return
	}
	first := cv.start.AddDays(-cv.sc.Portal.WindowDays)
	last := cv.start.AddDays(cv.sc.Days - 1)
	if first.Year < 1 || last.Year > 9999 {
		cv.c.add(path("scenario", "start"), "the run, from %s (the portal's first release, window_days = %d before the start) to %s, must lie within the years 0001 to 9999",
			first, cv.sc.Portal.WindowDays, last)
	}
}

func (cv *converter) convertProducts() {
	for _, e := range cv.spec.Products {
		at := keyIn("products", e.Name)
		v := e.Value
		pr := sim.Product{
			Name:         e.Name,
			DosesPerVial: cv.intIn(at("doses_per_vial"), v.DosesPerVial, 1, maxDosesPerVial),
			OpenVialLife: cv.duration(at("open_vial_life"), v.OpenVialLife, 0, math.MaxInt64),
			ShelfLife:    cv.duration(at("shelf_life"), v.ShelfLife, 0, math.MaxInt64),
			IntervalDays: cv.intIn(at("interval_days"), v.IntervalDays, 0, maxDays),
		}
		pr.LateAfterDays, pr.MissedAfterDays = v.LateAfter, v.MissedAfter
		if pr.IntervalDays > 0 {
			if pr.LateAfterDays == 0 {
				pr.LateAfterDays = pr.IntervalDays + DefaultLateMargin
			}
			if pr.MissedAfterDays == 0 {
				pr.MissedAfterDays = max(DefaultMissedAfter, pr.LateAfterDays)
			}
			pr.LateAfterDays = cv.intIn(at("late_after_days"), pr.LateAfterDays, pr.IntervalDays, maxDays)
			pr.MissedAfterDays = cv.intIn(at("missed_after_days"), pr.MissedAfterDays, pr.LateAfterDays, maxDays)
		} else if v.LateAfter != 0 || v.MissedAfter != 0 {
			cv.c.add(at("interval_days"), "late_after_days and missed_after_days need interval_days > 0 (a two-dose product)")
		}
		cv.sc.Products = append(cv.sc.Products, pr)
	}
}

func (cv *converter) convertSites() {
	for _, e := range cv.spec.Sites {
		at := keyIn("sites", e.Name)
		s := e.Value
		site := sim.Site{Name: e.Name, Product: cv.product(at("product"), s.Product)}
		site.Stations = cv.intIn(at("stations"), s.Stations, 1, maxStations)
		if s.Service == "" {
			cv.c.add(at("service"), "required: the service time, as in service = \"3m + exp(mean=1m)\"")
		} else {
			site.Service = cv.dist(at("service"), string(s.Service), Durations, serviceRule)
		}
		week, open := cv.week(at("hours"), s.Hours, nil)
		site.Week = week
		for _, pe := range s.Periods {
			pat := keyIn("sites", e.Name, "periods", pe.Name)
			var per sim.Period
			from, ok1 := cv.dateIndex(pat("from"), pe.Value.From, true)
			until, ok2 := cv.dateIndex(pat("until"), pe.Value.Until, true)
			if ok1 && ok2 && until < from {
				cv.c.add(pat("until"), "period ends (%s) before it starts (%s)", pe.Value.Until, pe.Value.From)
			}
			if ok1 && ok2 && cv.timeOK && (until < 0 || from >= cv.sc.Days) {
				cv.c.warn(pat("from"), "the period, %s to %s, lies outside the run (%s) and never applies", pe.Value.From, pe.Value.Until, cv.runDates())
			}
			per.From, per.Until = from, until
			per.Stations = cv.intIn(pat("stations"), pe.Value.Stations, 0, maxStations)
			per.PerSlot = cv.intIn(pat("per_slot"), pe.Value.PerSlot, 0, maxPerSlot)
			var popen bool
			per.Week, popen = cv.week(pat("hours"), pe.Value.Hours, &site.Week)
			open = open || popen
			site.Periods = append(site.Periods, per)
		}
		if !open {
			cv.c.add(at("hours"), "the site never opens: give hours.default or the hours of some weekday, as in default = \"08:00-17:00\"")
		}
		for _, d := range s.Closed {
			if k, ok := cv.dateIndex(at("closed"), d, false); ok {
				if k < 0 || k >= cv.sc.Days {
					cv.c.warn(at("closed"), "%s is outside the run (%s) and is ignored", d, cv.runDates())
				}
				site.Closed = append(site.Closed, k)
			}
		}
		site.SlotLength = cv.duration(at("slot_length"), s.SlotLength, 1, des.Day)
		site.PerSlot = cv.intIn(at("per_slot"), s.PerSlot, 0, maxPerSlot)
		site.Overbook = cv.floatIn(at("overbook"), s.Overbook, 0, maxOverbook)
		site.Walkins = s.Walkins
		site.LastAdmission = cv.duration(at("last_admission"), s.LastAdmission, 0, des.Day)
		site.MaxQueue = cv.intIn(at("max_queue"), s.MaxQueue, sim.NoQueueCap, maxQueueCap)
		site.Patience = cv.dist(at("patience"), string(s.Patience), Durations, patienceRule)
		site.AppointmentsFirst = s.AppointmentsFirst
		switch cv.enum(at("at_close"), s.AtClose, []string{"serve", "turn_away"}) {
		case "turn_away":
			site.AtClose = sim.TurnAway
		default:
			site.AtClose = sim.ServeQueue
		}
		site.Punctuality = cv.dist(at("punctuality"), string(s.Punctuality), Durations, punctualityRule)
		site.Standby = cv.dist(at("standby"), string(s.Standby), Counts, standbyRule)
		site.KeepOpenVials = s.KeepOpenVials
		site.InitialDoses = cv.int64In(at("initial_doses"), s.InitialDoses, 0, maxInitialDoses)
		site.UnlimitedDoses = s.UnlimitedDoses
		site.SupplyLimited = s.SupplyLimited
		cv.sc.Sites = append(cv.sc.Sites, site)
	}
}

// weekdays pairs the hours keys with time.Weekday.
var weekdays = []struct {
	key string
	day time.Weekday
}{
	{"mon", time.Monday}, {"tue", time.Tuesday}, {"wed", time.Wednesday}, {"thu", time.Thursday},
	{"fri", time.Friday}, {"sat", time.Saturday}, {"sun", time.Sunday},
}

// week converts an hours table. Days not given take default, or, when
// base is not nil and default is not given either, the day of base. It
// also reports whether the week opens on some day.
func (cv *converter) week(p []string, h HoursSpec, base *sim.Week) (sim.Week, bool) {
	var w sim.Week
	if base != nil {
		w = *base
	}
	at := keyIn(p...)
	nerr := len(cv.c.errs)
	hasDefault := h.Default != ""
	var def sim.Hours
	if hasDefault {
		def = cv.hours(at("default"), h.Default)
	}
	days := []ClockRange{h.Mon, h.Tue, h.Wed, h.Thu, h.Fri, h.Sat, h.Sun}
	open := false
	for i, wd := range weekdays {
		switch {
		case days[i] != "":
			w[wd.day] = cv.hours(at(wd.key), days[i])
		case hasDefault:
			w[wd.day] = def
		case base == nil:
			w[wd.day] = sim.Hours{}
		}
		open = open || w[wd.day].IsOpen()
	}
	// After a bad entry, do not also report that the site never opens.
	return w, open || len(cv.c.errs) > nerr
}

func (cv *converter) hours(p []string, s ClockRange) sim.Hours {
	h, err := parseClockRange(string(s))
	if err != nil {
		cv.c.add(p, "%v", err)
	}
	return h
}

func (cv *converter) convertPortal() {
	ps := cv.spec.Portal
	pt := &cv.sc.Portal
	pt.WindowDays = cv.intIn(path("portal", "window_days"), ps.WindowDays, 0, maxWindowDays)
	pt.ReleaseAt = cv.clock(path("portal", "release_at"), ps.ReleaseAt)
	pt.Notice = cv.duration(path("portal", "notice"), ps.Notice, 0, des.Time(maxWindowDays+1)*des.Day)
	type span struct {
		name       string
		start, end des.Time
	}
	var spans []span
	for _, e := range ps.Outages {
		at := keyIn("portal", "outages", e.Name)
		o := sim.Outage{Name: e.Name}
		start, startTrue, startOff, ok1 := cv.instantTrue(at("start"), e.Value.Start, true)
		end, endTrue, endOff, ok2 := cv.instantTrue(at("end"), e.Value.End, true)
		if ok1 && ok2 && (startOff || endOff) {
			// Offsets compare as instants. In true order across the hour
			// a zone repeats when it falls back, which the civil clock
			// shows once, the outage lasts its true length from its
			// start.
			switch {
			case !endTrue.After(startTrue):
				end = start
			case end <= start:
				end = start + des.FromDuration(endTrue.Sub(startTrue))
			}
		}
		if ok1 && ok2 && end <= start {
			cv.c.add(at("end"), "the outage ends (%s) before or when it starts (%s)", e.Value.End, e.Value.Start)
			ok1 = false
		}
		o.Start, o.End = start, end
		o.Mode = cv.mode(at("mode"), e.Value.Mode)
		o.Success = cv.prob(at("success"), e.Value.Success)
		o.ShowUp = cv.prob(at("show_up"), e.Value.ShowUp)
		if !e.Value.Enabled {
			continue
		}
		if ok1 && ok2 && (end <= cv.simStart() || start >= cv.horizon()) {
			cv.c.warn(at("start"), "the outage, %s to %s, lies outside the simulated time (from the portal's first release to the end of the run, %s) and never happens",
				e.Value.Start, e.Value.End, cv.runDates())
		}
		if ok1 && ok2 {
			for _, s := range spans {
				if start < s.end && s.start < end {
					cv.c.add(at("start"), "overlaps outage %q; enabled outages must not overlap", s.name)
				}
			}
			spans = append(spans, span{e.Name, start, end})
		}
		pt.Outages = append(pt.Outages, o)
	}
	rs := ps.RandomOutages
	at := keyIn("portal", "random_outages")
	r := &pt.Random
	r.Enabled = rs.Enabled
	if rs.MTBF == "" {
		if rs.Enabled {
			cv.c.add(at("mtbf"), "required when random outages are enabled: the mean time between failures, as in mtbf = \"30d\"")
		}
	} else {
		r.MTBF = cv.duration(at("mtbf"), rs.MTBF, des.Minute, math.MaxInt64)
	}
	if rs.Repair == "" {
		if rs.Enabled {
			cv.c.add(at("repair"), "required when random outages are enabled: the outage duration, as in repair = \"lognormal(median=1h, p90=6h)\"")
		}
	} else {
		r.Repair = cv.dist(at("repair"), string(rs.Repair), Durations, repairRule)
	}
	r.Mode = cv.mode(at("mode"), rs.Mode)
	r.Success = cv.prob(at("success"), rs.Success)
	r.ShowUp = cv.prob(at("show_up"), rs.ShowUp)
}

func (cv *converter) mode(p []string, s string) sim.OutageMode {
	switch cv.enum(p, s, []string{"down", "degraded", "lost"}) {
	case "degraded":
		return sim.Degraded
	case "lost":
		return sim.Lost
	}
	return sim.Down
}

func (cv *converter) convertCohorts() {
	siteNames := cv.spec.Sites.Names()
	pt := cv.sc.Portal
	firstRelease := min(0, -des.Time(pt.WindowDays)*des.Day+pt.ReleaseAt)
	for _, e := range cv.spec.Cohorts {
		at := keyIn("cohorts", e.Name)
		s := e.Value
		co := sim.Cohort{Name: e.Name}
		co.Size = cv.int64In(at("size"), s.Size, 0, maxCohortSize)
		co.Willing = cv.prob(at("willing"), s.Willing)
		switch cv.enum(at("channel"), s.Channel, []string{"portal", "invitation", "walkin"}) {
		case "invitation":
			co.Channel = sim.InvitationChannel
		case "walkin":
			co.Channel = sim.WalkinChannel
		default:
			co.Channel = sim.PortalChannel
		}
		if s.Eligible == "" {
			if co.Channel == sim.PortalChannel {
				co.EligibleAt = firstRelease
			}
		} else if t, ok := cv.instant(at("eligible"), s.Eligible, false); ok {
			co.EligibleAt = t
		}
		co.NoShow = cv.prob(at("no_show"), s.NoShow)
		co.Sites = cv.refs(at("sites"), s.Sites, cv.sites, siteNames, "site")
		if s.Sites != nil && len(s.Sites) == 0 {
			cv.c.add(at("sites"), "empty: the cohort would accept no site; leave sites out for every site, or name some of %s", choices(siteNames))
		}
		co.AttemptRate = cv.floatIn(at("attempt_rate"), s.AttemptRate, 0, maxRate)
		co.Eager = cv.prob(at("eager"), s.Eager)
		co.EagerMean = cv.duration(at("eager_mean"), s.EagerMean, 0, des.Time(maxDays)*des.Day)
		co.RetryMean = cv.duration(at("retry_mean"), s.RetryMean, 0, des.Time(maxDays)*des.Day)
		co.MaxAttempts = cv.intIn(at("max_attempts"), s.MaxAttempts, 0, maxAttempts)
		co.WalkinRate = cv.floatIn(at("walkin_rate"), s.WalkinRate, 0, maxRate)
		co.Profile = cv.profile(at("profile"), s.Profile)

		switch co.Channel {
		case sim.PortalChannel:
			if s.AttemptRate == 0 && s.Eager == 0 {
				cv.c.add(at("attempt_rate"), "a portal cohort needs attempt_rate > 0 or eager > 0, or it never books")
			}
			if s.WalkinRate != 0 {
				cv.c.add(at("walkin_rate"), "applies only to channel = \"walkin\"; this cohort's channel is \"portal\"")
			}
		case sim.WalkinChannel:
			if s.WalkinRate <= 0 {
				cv.c.add(at("walkin_rate"), "a walk-in cohort needs walkin_rate > 0 (arrivals per hour), or nobody comes")
			}
			cv.notPortal(at, s, "walkin")
			cv.needWalkinSite(at("sites"), co.Sites)
		case sim.InvitationChannel:
			if s.WalkinRate != 0 {
				cv.c.add(at("walkin_rate"), "applies only to channel = \"walkin\"; this cohort's channel is \"invitation\"")
			}
			cv.notPortal(at, s, "invitation")
		}
		cv.sc.Cohorts = append(cv.sc.Cohorts, co)
	}
	// Phase rules refer to earlier cohorts.
	for i, e := range cv.spec.Cohorts {
		s := e.Value
		at := keyIn("cohorts", e.Name)
		if s.OpensAfter == "" {
			if s.OpensBelow != 0 {
				cv.c.add(at("opens_below"), "applies only with opens_after (the cohort whose backlog opens this one)")
			}
			continue
		}
		j, ok := cv.cohorts[s.OpensAfter]
		switch {
		case !ok:
			cv.c.add(at("opens_after"), "%s", unknownName("cohort", s.OpensAfter, cohortNames(cv.spec)))
			continue
		case j >= i:
			cv.c.add(at("opens_after"), "cohort %q must come before %q in the file (phases open in order)", s.OpensAfter, e.Name)
			continue
		}
		below := cv.int64In(at("opens_below"), s.OpensBelow, 0, maxCohortSize)
		co := &cv.sc.Cohorts[i]
		co.OpensAfter = &sim.PhaseRule{After: j, Below: below}
		if s.Eligible == "" {
			co.EligibleAt = des.Never
		}
	}
}

func cohortNames(spec *Spec) []string { return spec.Cohorts.Names() }

// notPortal flags portal-only settings on a cohort of another channel.
func (cv *converter) notPortal(at func(string) []string, s CohortSpec, channel string) {
	if s.AttemptRate != 0 {
		cv.c.add(at("attempt_rate"), "applies only to channel = \"portal\"; this cohort's channel is %q", channel)
	}
	if s.Eager != 0 {
		cv.c.add(at("eager"), "applies only to channel = \"portal\"; this cohort's channel is %q", channel)
	}
}

// needWalkinSite checks that a walk-in cohort accepts some site that
// takes walk-ins.
func (cv *converter) needWalkinSite(p []string, sites []int) {
	if len(cv.sc.Sites) == 0 {
		return
	}
	if sites == nil {
		for i := range cv.sc.Sites {
			sites = append(sites, i)
		}
	}
	for _, i := range sites {
		if cv.sc.Sites[i].Walkins {
			return
		}
	}
	cv.c.add(p, "none of the cohort's sites takes walk-ins; set walkins = true on one of them")
}

// profile checks 24 hourly weights and scales them to mean 1.
func (cv *converter) profile(p []string, w []float64) []float64 {
	if w == nil {
		return nil
	}
	if len(w) != 24 {
		cv.c.add(p, "needs 24 weights, one per hour from 00-01 to 23-24; found %d", len(w))
		return nil
	}
	sum := 0.0
	for i, x := range w {
		if !(x >= 0) || math.IsInf(x, 1) {
			cv.c.add(p, "weight %d (hour %02d) must be a finite number >= 0, found %v", i+1, i, x)
			return nil
		}
		sum += x
	}
	if math.IsInf(sum, 1) {
		cv.c.add(p, "the weights sum to more than the largest number (%g); scale them down (only their proportions matter)", math.MaxFloat64)
		return nil
	}
	if sum == 0 {
		cv.c.add(p, "all 24 weights are 0; give some hour a positive weight")
		return nil
	}
	out := make([]float64, 24)
	for i, x := range w {
		out[i] = x * 24 / sum
	}
	return out
}

func (cv *converter) convertInvitations() {
	siteNames := cv.spec.Sites.Names()
	cohortNames := cv.spec.Cohorts.Names()
	for _, e := range cv.spec.Invitations {
		p := path("invitations", e.Name)
		at := keyIn(p...)
		s := e.Value
		inv := sim.Invitation{Name: e.Name}
		inv.At = cv.clock(at("at"), s.At)
		if s.Dates != nil {
			inv.Days = []int{}
			for _, d := range s.Dates {
				if k, ok := cv.dateIndex(at("dates"), d, false); ok {
					if k < 0 || k >= cv.sc.Days {
						cv.c.warn(at("dates"), "%s is outside the run (%s); the rule never runs on it", d, cv.runDates())
					}
					inv.Days = append(inv.Days, k)
				}
			}
		}
		inv.Sites = cv.refs(at("sites"), s.Sites, cv.sites, siteNames, "site")
		if s.Sites != nil && len(s.Sites) == 0 {
			cv.c.add(at("sites"), "empty: the rule would watch no site; leave sites out for every site, or name some of %s", choices(siteNames))
		}
		inv.Below = cv.prob(at("below"), s.Below)
		if len(s.Cohorts) == 0 {
			cv.c.add(at("cohorts"), "required: the invitation cohorts to invite from, as in cohorts = [\"law\"]")
		}
		inv.Cohorts = cv.refs(at("cohorts"), s.Cohorts, cv.cohorts, cohortNames, "cohort")
		for k, j := range inv.Cohorts {
			if co := cv.sc.Cohorts[j]; co.Channel != sim.InvitationChannel {
				cv.c.add(at("cohorts"), "cohort %q has channel %q; invitations draw only from cohorts with channel = \"invitation\"", s.Cohorts[k], co.Channel)
			}
		}
		inv.Count = cv.int64In(at("count"), s.Count, 0, maxInvite)
		inv.Factor = cv.floatIn(at("factor"), s.Factor, 0, maxFactor)
		switch {
		case s.Count == 0 && s.Factor == 0:
			cv.c.add(p, "give count (people to invite) or factor (times the unbooked slots)")
		case s.Count != 0 && s.Factor != 0:
			cv.c.add(at("factor"), "give count or factor, not both")
		}
		inv.Response = cv.prob(at("response"), s.Response)
		inv.Delay = cv.dist(at("delay"), string(s.Delay), Durations, delayRule)
		if s.Enabled {
			cv.sc.Invitations = append(cv.sc.Invitations, inv)
		}
	}
}

// refs converts a list of names to indices; nil stays nil (meaning all).
func (cv *converter) refs(p []string, names []string, index map[string]int, valid []string, what string) []int {
	if names == nil {
		return nil
	}
	out := []int{}
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			cv.c.add(p, "%s %q is listed twice", what, n)
			continue
		}
		seen[n] = true
		if i, ok := cv.ref(p, n, index, valid, what); ok {
			out = append(out, i)
		}
	}
	return out
}

// ref converts the name of an entry (a what, one of valid) to its index.
func (cv *converter) ref(p []string, name string, index map[string]int, valid []string, what string) (int, bool) {
	i, ok := index[name]
	if !ok {
		cv.c.add(p, "%s", unknownName(what, name, valid))
	}
	return i, ok
}

// product converts the product named at p; "" is the only product.
func (cv *converter) product(p []string, name string) int {
	names := cv.spec.Products.Names()
	switch {
	case name != "":
		i, _ := cv.ref(p, name, cv.products, names, "product")
		return i
	case len(names) == 0:
		cv.c.add(p, "required, and there are no products; add a [products.NAME] table")
	case len(names) > 1:
		cv.c.add(p, "required when there are several products: one of %s", choices(names))
	}
	return 0
}

// Value checks. Each reports an error at p and returns the value (or 0).

func (cv *converter) intIn(p []string, v, lo, hi int) int {
	if v < lo || v > hi {
		cv.c.add(p, "%s", rangeMsg(float64(v), float64(lo), float64(hi)))
		return 0
	}
	return v
}

func (cv *converter) int64In(p []string, v, lo, hi int64) int64 {
	if v < lo || v > hi {
		cv.c.add(p, "%s", rangeMsg(float64(v), float64(lo), float64(hi)))
		return 0
	}
	return v
}

func (cv *converter) floatIn(p []string, v, lo, hi float64) float64 {
	if !(v >= lo && v <= hi) {
		cv.c.add(p, "%s", rangeMsg(v, lo, hi))
		return 0
	}
	return v
}

func rangeMsg(v, lo, hi float64) string {
	if v < lo {
		return "must be at least " + formatFloat(lo) + ", found " + formatFloat(v)
	}
	return "must be at most " + formatFloat(hi) + ", found " + formatFloat(v)
}

// formatFloat writes v plainly for messages (no exponent when it is of
// a reasonable size).
func formatFloat(v float64) string {
	if math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func (cv *converter) prob(p []string, v float64) float64 {
	if !(v >= 0 && v <= 1) {
		cv.c.add(p, "must be a probability from 0 to 1, found %s", formatFloat(v))
		return 0
	}
	return v
}

func (cv *converter) enum(p []string, s string, valid []string) string {
	if slices.Contains(valid, s) {
		return s
	}
	cv.c.add(p, "%s", unknownName("value", s, quoteAll(valid)))
	return ""
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = `"` + x + `"`
	}
	return out
}

func (cv *converter) duration(p []string, s Duration, lo, hi des.Time) des.Time {
	d, err := ParseDuration(string(s))
	if err != nil {
		cv.c.add(p, "%v", err)
		return 0
	}
	switch {
	case d < lo && lo == 1:
		cv.c.add(p, "must be more than 0, found %q", s)
		return 0
	case d < lo:
		cv.c.add(p, "must be at least %s, found %q", formatDuration(float64(lo)), s)
		return 0
	case d > hi:
		cv.c.add(p, "must be at most %s, found %q", formatDuration(float64(hi)), s)
		return 0
	}
	return d
}

func (cv *converter) clock(p []string, s Clock) des.Time {
	t, err := parseClock(string(s), false)
	if err != nil {
		cv.c.add(p, "%v", err)
	}
	return t
}

// distRule says what a field allows beyond a valid distribution.
type distRule struct {
	none     bool // "none" is allowed
	negative bool // values below 0 are allowed
	positive bool // the mean must be > 0
}

// Rules of the distribution fields.
var (
	serviceRule     = distRule{positive: true}
	patienceRule    = distRule{none: true}
	punctualityRule = distRule{none: true, negative: true}
	standbyRule     = distRule{none: true}
	repairRule      = distRule{positive: true}
	delayRule       = distRule{none: true}
)

// dist parses the distribution of a field and checks the field's rule.
// An empty string is "none".
func (cv *converter) dist(p []string, s string, u Unit, rule distRule) sim.Dist {
	if s == "" {
		return sim.Dist{Kind: sim.None}
	}
	d, err := ParseDist(s, u)
	if err != nil {
		cv.c.add(p, "%v", err)
		return sim.Dist{}
	}
	field := strings.ReplaceAll(p[len(p)-1], "_", " ")
	if d.Kind == sim.None && !rule.none {
		cv.c.add(p, "\"none\" is not allowed here; give a distribution")
		return sim.Dist{}
	}
	if !rule.negative && d.Kind != sim.None && d.Min() < 0 {
		cv.c.add(p, "%q can be negative, and %s must be >= 0; use exp, lognormal, gamma or uniform, with a shift if needed", s, field)
		return sim.Dist{}
	}
	if rule.positive && d.Mean() <= 0 {
		cv.c.add(p, "%q has mean 0; %s must take time", s, field)
		return sim.Dist{}
	}
	return d
}

// checkProductUsed checks that some site at the delivery's destination
// uses its product.
func (cv *converter) checkProductUsed(p []string, d sim.Delivery) {
	sc := cv.sc
	if d.Product < 0 || d.Product >= len(sc.Products) {
		return
	}
	product := sc.Products[d.Product].Name
	switch {
	case d.Site >= 0 && d.Site < len(sc.Sites):
		if s := sc.Sites[d.Site]; s.Product != d.Product && s.Product < len(sc.Products) {
			cv.c.add(p, "site %q uses product %q, not %q: the doses would never be given; ship %q, or ship to a site that uses %q",
				s.Name, sc.Products[s.Product].Name, product, sc.Products[s.Product].Name, product)
		}
	case d.Depot >= 0 && d.Depot < len(sc.Depots):
		dep := sc.Depots[d.Depot]
		var names []string
		for _, i := range dep.Sites {
			if i < len(sc.Sites) {
				if sc.Sites[i].Product == d.Product {
					return
				}
				names = append(names, sc.Sites[i].Name)
			}
		}
		if len(names) > 0 {
			cv.c.add(p, "none of the sites of depot %q (%s) uses product %q: the doses would never be given", dep.Name, choices(names), product)
		}
	}
}

// dateIndex converts a date to a day index relative to the start.
func (cv *converter) dateIndex(p []string, s Date, required bool) (int, bool) {
	if s == "" {
		if required {
			cv.c.add(p, "required: a date, as in 2021-01-22")
		}
		return 0, false
	}
	d, err := parseDate(string(s))
	if err != nil {
		cv.c.add(p, "%v", err)
		return 0, false
	}
	if !cv.timeOK {
		return 0, false
	}
	return daysBetween(cv.start, d), true
}

// instant converts a date-time to model time.
func (cv *converter) instant(p []string, s DateTime, required bool) (des.Time, bool) {
	t, _, _, ok := cv.instantTrue(p, s, required)
	return t, ok
}

// instantTrue is instant, also returning the true instant s names and
// whether it was given with an offset.
func (cv *converter) instantTrue(p []string, s DateTime, required bool) (des.Time, time.Time, bool, bool) {
	if s == "" {
		if required {
			cv.c.add(p, "required: a date-time, as in 2021-01-21T18:00")
		}
		return 0, time.Time{}, false, false
	}
	loc := cv.loc
	if loc == nil {
		loc = time.UTC
	}
	d, clock, tt, hasOff, err := parseInstant(string(s), loc)
	if err != nil {
		cv.c.add(p, "%v", err)
		return 0, time.Time{}, false, false
	}
	if !cv.timeOK {
		return 0, time.Time{}, false, false
	}
	return instant(cv.start, d, clock), tt, hasOff, true
}

// convertSupply converts the second-dose policy, the depots and the
// shipments, expanding recurring and delayed shipments into deliveries.
func (cv *converter) convertSupply() {
	sd := cv.spec.SecondDoses
	cv.sc.SecondDoses = sim.SecondDosePolicy{
		HoldBack: cv.prob(path("second_doses", "hold_back"), sd.HoldBack),
		Miss:     cv.prob(path("second_doses", "miss"), sd.Miss),
	}
	siteNames := cv.spec.Sites.Names()
	for _, e := range cv.spec.Depots {
		at := keyIn("depots", e.Name)
		v := e.Value
		dep := sim.Depot{Name: e.Name}
		if len(v.Sites) == 0 {
			cv.c.add(at("sites"), "required: the sites the depot supplies, as in sites = [\"tcc\", \"kino\"]")
		}
		dep.Sites = cv.refs(at("sites"), v.Sites, cv.sites, siteNames, "site")
		switch cv.enum(at("rule"), v.Rule, []string{"capacity", "fixed", "backlog"}) {
		case "fixed":
			dep.Rule = sim.FixedShares
			if len(v.Shares) != len(v.Sites) {
				cv.c.add(at("shares"), "the fixed rule needs one share per site: %d sites, %d shares", len(v.Sites), len(v.Shares))
			}
			sum := 0.0
			for _, x := range v.Shares {
				if !(x >= 0) || math.IsInf(x, 1) {
					cv.c.add(at("shares"), "shares must be finite numbers >= 0, found %s", formatFloat(x))
				}
				sum += x
			}
			if math.IsInf(sum, 1) {
				cv.c.add(at("shares"), "the shares sum to more than the largest number (%g); scale them down (only their proportions matter)", math.MaxFloat64)
			} else if sum <= 0 && len(v.Shares) > 0 {
				cv.c.add(at("shares"), "shares are all 0; give some site a positive share")
			}
			dep.Shares = v.Shares
		case "backlog":
			dep.Rule = sim.BacklogShare
		default:
			dep.Rule = sim.CapacityShare
		}
		if dep.Rule != sim.FixedShares && v.Shares != nil {
			cv.c.add(at("shares"), "applies only to rule = \"fixed\"")
		}
		cv.sc.Depots = append(cv.sc.Depots, dep)
	}
	depotNames := cv.spec.Depots.Names()
	horizon := cv.horizon()
	for _, e := range cv.spec.Shipments {
		at := keyIn("shipments", e.Name)
		v := e.Value
		nerr := len(cv.c.errs)
		d := sim.Delivery{Name: e.Name, Product: cv.product(at("product"), v.Product), Site: -1, Depot: -1}
		productOK := len(cv.c.errs) == nerr
		switch {
		case (v.Site == "") == (v.Depot == ""):
			cv.c.add(path("shipments", e.Name), "give site or depot (where the doses go), not both")
		case v.Site != "":
			if j, ok := cv.ref(at("site"), v.Site, cv.sites, siteNames, "site"); ok {
				d.Site = j
			}
		default:
			if j, ok := cv.ref(at("depot"), v.Depot, cv.depots, depotNames, "depot"); ok {
				d.Depot = j
			}
		}
		first, ok := cv.instant(at("arrives"), v.Arrives, true)
		every := cv.intIn(at("every_days"), v.EveryDays, 0, maxDays)
		delay := cv.duration(at("delay"), v.Delay, 0, des.Time(maxDays)*des.Day)
		var sizes []int64
		switch {
		case v.Sizes != nil && v.Doses != 0:
			cv.c.add(at("sizes"), "give doses or sizes, not both")
		case v.Sizes != nil:
			for _, n := range v.Sizes {
				sizes = append(sizes, cv.int64In(at("sizes"), n, 0, maxInitialDoses))
			}
		default:
			sizes = []int64{cv.int64In(at("doses"), v.Doses, 0, maxInitialDoses)}
		}
		until := horizon - 1
		if v.Until != "" {
			if k, ok := cv.dateIndex(at("until"), v.Until, false); ok {
				until = des.Time(k+1)*des.Day - 1
			}
		}
		if every == 0 && len(sizes) > 1 {
			cv.c.add(at("every_days"), "a size series needs every_days > 0")
		}
		if productOK {
			cv.checkProductUsed(at("product"), d)
		}
		if !ok || !e.Value.Enabled || len(sizes) == 0 {
			continue
		}
		start := cv.simStart()
		switch {
		case every > 0 && first+delay+des.Time(every)*des.Day < start:
			cv.c.add(at("arrives"), "%s is more than every_days = %d before the simulated time starts (the portal's first release, the run being %s): "+
				"the deliveries before it would all arrive at its start; give the first arrival in the run", v.Arrives, every, cv.runDates())
			continue
		case first+delay < start:
			cv.c.warn(at("arrives"), "%s is before the simulated time starts (the portal's first release, the run being %s); the doses arrive at its start", v.Arrives, cv.runDates())
		case first+delay >= horizon:
			cv.c.warn(at("arrives"), "%s is after the run (%s); the doses never arrive", v.Arrives, cv.runDates())
		}
		for k, t := 0, first; t <= until; k, t = k+1, t+des.Time(every)*des.Day {
			n := sizes[0]
			if v.Sizes != nil {
				if k >= len(sizes) {
					break
				}
				n = sizes[k]
			}
			d.At, d.Doses = t+delay, n
			cv.sc.Deliveries = append(cv.sc.Deliveries, d)
			if every == 0 {
				break
			}
		}
	}
}
