package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"vaxsim/sim/des"
)

// dayPlan is one site's appointment book for one day.
type dayPlan struct {
	hours    Hours
	stations int
	first    des.Time // absolute time of the first slot
	slotLen  des.Time
	n        int32   // slot starts
	nextFree int32   // slots before it are full or past
	perSlot  float64 // bookings a slot takes, overbooking included (fractional)
	booked   []int32 // by slot, allocated on first booking
	slots    int64   // n x PerSlot
	nBooked  int64   // first and second doses
	noShows  int64
	lost     int64

	// first-dose bookings: the cap set at release (supply-limited sites),
	// those taken, and those whose holder has been to the site
	cap1, first1, firstDone int64
	// second doses booked for the day and those whose holder has been
	dose2, dose2Done int64
	missed2          int64 // second doses missed, counted on this day
	// due are the second-dose arrivals of the day, booked on earlier days;
	// they are scheduled when the site opens that day.
	due []dueArrival
}

func (p *dayPlan) slotAt(k int32) des.Time { return p.first + des.Time(k)*p.slotLen }

func (p *dayPlan) full(k int32) bool { return p.booked != nil && p.booked[k] >= p.capOf(k) }

// capOf returns how many bookings slot k takes: overbooking spreads the
// extra bookings evenly over the day.
func (p *dayPlan) capOf(k int32) int32 {
	return int32(math.Floor(float64(k+1)*p.perSlot+1e-9) - math.Floor(float64(k)*p.perSlot+1e-9))
}

// bookable reports whether slot k has room and starts at or after
// earliest.
func (p *dayPlan) bookable(k int32, earliest des.Time) bool {
	return !p.full(k) && p.slotAt(k) >= earliest
}

// freeSlot returns the first bookable slot from k on, or the day's number
// of slots and false.
func (p *dayPlan) freeSlot(k int32, earliest des.Time) (int32, bool) {
	for ; k < p.n; k++ {
		if p.bookable(k, earliest) {
			return k, true
		}
	}
	return p.n, false
}

// firstFree returns the site's earliest slot on days first to last that
// is bookable from earliest by a first dose (the day's first-dose cap is
// not reached). Slots found full or too soon are skipped for good (the
// days' nextFree): booked slots never free up and earliest only moves on.
func (s *site) firstFree(first, last int, earliest des.Time) (day int, slot int32, ok bool) {
	for d := max(first, 0); d <= last; d++ {
		p := &s.plans[d]
		if p.first1 >= p.cap1 {
			continue // no more first doses this day (supply-limited)
		}
		p.nextFree, ok = p.freeSlot(p.nextFree, earliest)
		if ok {
			return d, p.nextFree, true
		}
	}
	return 0, 0, false
}

// book records a booking in slot k.
func (p *dayPlan) book(k int32) {
	if p.booked == nil {
		p.booked = make([]int32, p.n)
	}
	p.booked[k]++
	p.nBooked++
}

// site is a vaccination site in one replication.
type site struct {
	i      int
	cfg    *Site
	stages []stage   // the flow through the site, in order (stage.go)
	dose   int       // index of the stage that gives the dose
	stocks []stock   // by product
	plans  []dayPlan // by day index 0..nPlan-1
	direct []Delivery
	await  [][]int32 // by product: people due a second dose waiting for a delivery

	open       bool
	closeAt    des.Time // end of the current session
	admitUntil des.Time // walk-ins and invitees admitted before this
	done       bool     // the session's closing work is done

	punct, patience, standby *rand.Rand

	c     [NumMetrics]int64 // counts of the current day
	marks [3]int64          // received, wasted in open vials, expired at the start of the day

	dayWaits des.Tally
	totWaits des.Tally
	// Stations busy and open (station·ms), the day just ended, and over
	// the days so far; the line (person·ms) and the time open, so far.
	dayBusy, dayCap   float64
	totBusy, totCap   float64
	totQueue, totOpen float64
}

// doseStage returns the stage that gives the dose.
func (s *site) doseStage() *stage { return &s.stages[s.dose] }

// addSite adds site i of the scenario, in the memory of reuse if not nil.
func (m *model) addSite(i int, reuse *siteMemory) error {
	cfg := &m.sc.Sites[i]
	if cfg.Product < 0 || cfg.Product >= len(m.sc.Products) {
		return fmt.Errorf("site %s: product index %d out of range", cfg.Name, cfg.Product)
	}
	if cfg.Stations < 1 {
		return fmt.Errorf("site %s: stations must be >= 1", cfg.Name)
	}
	if cfg.PerSlot > 0 && cfg.SlotLength <= 0 {
		return fmt.Errorf("site %s: slot length must be > 0", cfg.Name)
	}
	s := &site{i: i, cfg: cfg}
	var pool *des.Resource
	if reuse != nil {
		if len(reuse.pools) > 0 {
			pool = reuse.pools[0]
		}
		s.dayWaits.Reuse(reuse.dayWaits)
		s.totWaits.Reuse(reuse.totWaits)
	}
	for _, p := range m.sc.Products {
		s.stocks = append(s.stocks, newStock(p, cfg.UnlimitedDoses))
	}
	s.await = make([][]int32, len(m.sc.Products))
	m.receive(s, cfg.Product, cfg.InitialDoses, m.start)
	name := "/site=" + cfg.Name
	s.stages = []stage{m.newStage(cfg.Stations, cfg.Service, "service"+name, pool)}
	s.punct = m.env.Stream("punctuality" + name)
	s.patience = m.env.Stream("patience" + name)
	s.standby = m.env.Stream("standby" + name)
	s.dayWaits.KeepSamples = true
	s.totWaits.KeepSamples = true

	s.plans = make([]dayPlan, m.nPlan)
	for d := range s.plans {
		h, stations, perSlot := m.hoursOn(cfg, d)
		p := &s.plans[d]
		p.hours, p.stations, p.cap1 = h, stations, math.MaxInt64
		if !h.IsOpen() || perSlot <= 0 {
			continue
		}
		p.first = des.Time(d)*des.Day + h.Open
		p.slotLen = cfg.SlotLength
		p.n = int32((h.Close - h.Open + cfg.SlotLength - 1) / cfg.SlotLength)
		p.perSlot = float64(perSlot) * (1 + cfg.Overbook)
		p.slots = int64(p.n) * int64(perSlot)
	}
	m.sites = append(m.sites, s)
	return nil
}

// scheduleDay schedules the openings and invitation checks of day d, in
// the order of sites and of rules, so that events of one kind at one
// instant run in that order. The days' events are scheduled one day
// ahead, at the end of the day before, to keep the calendar small.
func (m *model) scheduleDay(d int) {
	for i, s := range m.sites {
		if h := s.plans[d].hours; h.IsOpen() {
			m.env.At(des.Time(d)*des.Day+h.Open, prOpen, m.hOpen, int64(i))
		}
	}
	for i, r := range m.rules {
		if r.cfg.Days != nil && !slices.Contains(r.cfg.Days, d) {
			continue
		}
		for _, si := range r.sites {
			if m.sites[si].plans[d].hours.IsOpen() {
				m.env.At(des.Time(d)*des.Day+r.cfg.At, prInvite, m.hInvite, inviteRef{int32(i), int32(si), int32(d)}.arg())
			}
		}
	}
}

// scheduleReleases schedules the first-dose caps of supply-limited sites
// whose release falls in [from, to), in the order of sites, then days.
// Releases due before the simulation starts happen at its start.
func (m *model) scheduleReleases(from, to des.Time) {
	// Release times grow with the day, so only days lo..hi-1 can fall in
	// [from, to): a day's work is the days it releases, not every day
	// planned (which made the run's set-up work days x days x sites).
	lo, hi := 0, m.nPlan
	if from > m.start {
		lo = max(lo, m.firstReleasedAt(from))
	}
	hi = min(hi, m.firstReleasedAt(to))
	for i, s := range m.sites {
		if !s.cfg.SupplyLimited {
			continue
		}
		for d := lo; d < hi; d++ {
			t := max(m.releaseTime(d), m.start)
			if t >= from && t < to && s.plans[d].slots > 0 {
				m.env.At(t, prRelease, m.hRelease, siteDay{int32(i), int32(d)}.arg())
			}
		}
	}
}

// hoursOn returns a site's opening hours, stations and bookings per slot
// on day d.
func (m *model) hoursOn(cfg *Site, d int) (h Hours, stations, perSlot int) {
	h, stations, perSlot = cfg.Week[m.sc.Start.AddDays(d).Weekday()], cfg.Stations, cfg.PerSlot
	if slices.Contains(cfg.Closed, d) {
		return Hours{}, stations, perSlot
	}
	for _, p := range cfg.Periods {
		if d >= p.From && d <= p.Until {
			h = p.Week[m.sc.Start.AddDays(d).Weekday()]
			if p.Stations > 0 {
				stations = p.Stations
			}
			if p.PerSlot > 0 {
				perSlot = p.PerSlot
			}
			break
		}
	}
	return h, stations, perSlot
}

// sessionEnd returns when a session that opens on day d closes: a site
// open until midnight that opens again at midnight stays open.
func (s *site) sessionEnd(d int) des.Time {
	for {
		h := s.plans[d].hours
		if h.Close < des.Day || d+1 >= len(s.plans) || !s.plans[d+1].hours.IsOpen() || s.plans[d+1].hours.Open != 0 {
			return des.Time(d)*des.Day + h.Close
		}
		d++
	}
}

type openH struct{ m *model }

func (h openH) Handle(env *des.Env, arg int64) {
	m := h.m
	s := m.sites[arg]
	d, _ := des.DayOf(env.Now())
	if due := s.plans[d].due; len(due) > 0 {
		s.plans[d].due = nil
		m.addDue(due)
	}
	if st := s.doseStage(); s.plans[d].stations != st.pool.Capacity() {
		st.pool.SetCapacity(env.Now(), s.plans[d].stations)
		m.serve(s, des.NoReq)
	}
	if s.open { // a session running on from the day before
		return
	}
	for i := range s.stages {
		s.stages[i].markOpen(env.Now())
	}
	s.open = true
	s.done = false
	s.closeAt = s.sessionEnd(d)
	s.admitUntil = s.closeAt - s.cfg.LastAdmission
	if s.closeAt < m.horizon {
		env.At(s.closeAt, prClose, m.hClose, arg)
	}
	for _, w := range m.walkins {
		if w.site == s.i {
			m.scheduleWalkin(w)
		}
	}
}

type closeH struct{ m *model }

func (h closeH) Handle(env *des.Env, arg int64) {
	m := h.m
	s := m.sites[arg]
	s.measureOpen(env.Now())
	s.open = false
	if s.cfg.AtClose == TurnAway {
		for i := range s.stages {
			pool := s.stages[i].pool
			for q := pool.Head(); q != des.NoReq; q = pool.Head() {
				pi := int32(pool.Owner(q))
				pool.Cancel(env.Now(), q)
				s.c[TurnedAwayCapacity]++
				m.turnAway(pi)
			}
		}
	}
	m.finishSession(s)
}

// turnAway sends person pi away from a site; someone due a second dose
// tries again on the next open day.
func (m *model) turnAway(pi int32) {
	if m.people.at(pi).kind == visitDose2 {
		m.rescheduleSecond(pi)
		return
	}
	m.leave(pi, stTurnedAway)
}

// finishSession does a closed site's closing work once its line and
// stations are empty: standby people take doses left in the open vial of
// the site's product, then open vials are discarded unless they are kept.
func (m *model) finishSession(s *site) {
	if s.open || s.done {
		return
	}
	for i := range s.stages {
		if !s.stages[i].idle() {
			return
		}
	}
	s.done = true
	st := &s.stocks[s.cfg.Product]
	if s.cfg.Standby.Kind != None && !st.unlimited {
		n := count(s.cfg.Standby.Sample(s.standby))
		if n > 0 {
			g := st.giveLeftover(n)
			s.c[StandbyServed] += g
			s.c[Vaccinated] += g
			s.c[Dose1] += g
		}
	}
	if !s.cfg.KeepOpenVials {
		for k := range s.stocks {
			s.stocks[k].discardOpen()
		}
	}
}

// arrive brings person pi, already counted as arrived, into site s's
// line, or turns them away.
func (m *model) arrive(s *site, pi int32) {
	now := m.env.Now()
	p := m.people.at(pi)
	booked := p.kind == visitAppointment || p.kind == visitLost || p.kind == visitDose2
	if !s.open || !booked && now >= s.admitUntil {
		s.c[TurnedAwayCapacity]++
		m.turnAway(pi)
		return
	}
	pool := s.doseStage().pool
	if !booked && s.cfg.MaxQueue != NoQueueCap &&
		pool.InUse() >= pool.Capacity() && pool.Len() >= s.cfg.MaxQueue {
		s.c[WalkinsBalked]++
		m.leave(pi, stBalked)
		return
	}
	m.move(p, stAtSite)
	p.arrivedAt = now
	var key int64
	if s.cfg.AppointmentsFirst && p.kind != visitAppointment && p.kind != visitDose2 {
		key = 1
	}
	q, ok := pool.Request(now, int64(pi), key)
	p.req = q
	if ok {
		m.serve(s, q)
		return
	}
	p.waiting = true
	if !booked && s.cfg.Patience.Kind != None {
		d := duration(s.cfg.Patience.Sample(s.patience))
		m.env.After(d, prRenege, m.hRenege, personRef{pi, p.token}.arg())
	}
}

// arriveOn schedules an arrival at site s at time at, for a slot on day
// d. An arrival on a later day is kept with that day's plan until the
// site opens, so that the calendar holds only the near future.
func (m *model) arriveOn(s *site, d int, at des.Time, who personRef) {
	if d > m.today() && d < m.sc.Days && s.plans[d].hours.IsOpen() {
		s.plans[d].due = append(s.plans[d].due, dueArrival{at, who})
		return
	}
	m.env.At(at, prArrive, m.hArrive, who.arg())
}

type arriveH struct{ m *model }

func (h arriveH) Handle(env *des.Env, arg int64) { h.m.arrival(personRefOf(arg)) }

// arrival brings a person to their site, unless the reference is stale.
func (m *model) arrival(who personRef) {
	env := m.env
	pi := who.rec
	p := m.people.at(pi)
	if p.token != who.token {
		return
	}
	s := m.sites[p.site]
	if !s.open { // early for a site that opens later today: wait for it
		d, clock := des.DayOf(env.Now())
		if d >= 0 && d < len(s.plans) && s.plans[d].hours.IsOpen() && clock < s.plans[d].hours.Open {
			env.At(des.Time(d)*des.Day+s.plans[d].hours.Open, prArrive, m.hArrive, who.arg())
			return
		}
	}
	if p.kind == visitAppointment || p.kind == visitDose2 {
		s.c[Attended]++
	} else {
		s.c[WalkinsArrived]++
	}
	m.arrive(s, pi)
}

// startService gives the person holding a station a dose and starts the
// service, or sends them away when there is no dose. In that case the
// station goes to the next in line, if anyone: startService returns their
// request, and the caller starts their service (serve).
func (m *model) startService(s *site, pi int32) (next des.Req) {
	now := m.env.Now()
	p := m.people.at(pi)
	p.waiting = false
	w := float64(now - p.arrivedAt)
	s.dayWaits.Add(w)
	m.allWaits.Add(w)
	dose2 := p.kind == visitDose2
	prod := s.cfg.Product
	if dose2 {
		prod = int(p.product)
	}
	today := m.today()
	plan := &s.plans[today]
	if p.kind == visitAppointment {
		plan.firstDone++
	} else if dose2 {
		plan.dose2Done++
	}
	st := &s.stocks[prod]
	ok, punctured := st.take(now, dose2)
	if !ok {
		s.c[DoseShortfall]++
		next = s.doseStage().pool.Release(now, p.req)
		switch c := m.cohorts[p.cohort]; {
		case dose2:
			s.c[SecondDoseShortfall]++
			m.awaitSupply(pi)
		case p.kind == visitAppointment && c.cfg.RetryMean > 0:
			m.rebook(c, pi)
		default:
			m.leave(pi, stRefused)
		}
		return next
	}
	if punctured {
		m.env.At(st.lapsesAt, prLapse, m.hLapse, stockRef{int32(s.i), int32(prod)}.arg())
	}
	// The dose counts as given when it leaves the stock; the person
	// keeps the station for the rest of the service.
	s.c[Vaccinated]++
	if dose2 {
		s.c[Dose2]++
		if today-int(p.dose1Day) > m.sc.Products[prod].LateAfterDays {
			s.c[SecondDoseLate]++
		}
	} else {
		s.c[Dose1]++
		p.product = int16(prod)
		p.dose1Day = int32(today)
		_, p.dose1At = des.DayOf(now)
		if p.kind != visitAppointment {
			s.c[WalkinsServed]++
		}
	}
	m.env.After(s.doseStage().serviceTime(), prService, m.hService, personRef{pi, p.token}.arg())
	return des.NoReq
}

// serve starts the services of the people granted stations at site s:
// the holder of q (NoReq for none), then whoever the line is granted to
// next: when someone leaves a station at once for lack of a dose, or
// when a rise of capacity has freed several. At a closed site it then
// does the closing work, once the site is empty.
func (m *model) serve(s *site, q des.Req) {
	now := m.env.Now()
	pool := s.doseStage().pool
	for {
		if q == des.NoReq {
			if q, _ = pool.Next(now); q == des.NoReq {
				break
			}
		}
		q = m.startService(s, int32(pool.Owner(q)))
	}
	if !s.open {
		m.finishSession(s)
	}
}

type serviceH struct{ m *model }

func (h serviceH) Handle(env *des.Env, arg int64) {
	m := h.m
	pi := personRefOf(arg).rec
	p := m.people.at(pi)
	s := m.sites[p.site]
	next := s.doseStage().pool.Release(env.Now(), p.req)
	switch {
	case p.kind == visitDose2:
		m.leave(pi, stComplete)
	case m.sc.Products[p.product].IntervalDays > 0:
		m.dueSecond(pi)
	default:
		m.leave(pi, stVaccinated)
	}
	m.serve(s, next)
}

type renegeH struct{ m *model }

func (h renegeH) Handle(env *des.Env, arg int64) {
	m := h.m
	r := personRefOf(arg)
	pi := r.rec
	p := m.people.at(pi)
	if p.token != r.token || !p.waiting {
		return
	}
	s := m.sites[p.site]
	s.doseStage().pool.Cancel(env.Now(), p.req)
	s.c[Reneged]++
	m.leave(pi, stReneged)
	if !s.open {
		m.finishSession(s)
	}
}

type lapseH struct{ m *model }

func (h lapseH) Handle(env *des.Env, arg int64) {
	r := stockRefOf(arg)
	st := &h.m.sites[r.site].stocks[r.product]
	if st.lapse(env.Now()) {
		env.At(st.lapsesAt, prLapse, h.m.hLapse, arg)
	}
}

// measureOpen adds the stages' integrals since their marks to the day's
// open-time sums and moves the marks to now.
func (s *site) measureOpen(now des.Time) {
	for i := range s.stages {
		s.stages[i].measureOpen(now)
	}
}

// dayValues fills v with site s's values for day d, which ends now, and
// starts the next day's counters.
func (s *site) dayValues(d int, now des.Time, v *Values) {
	p := &s.plans[d]
	for k, n := range s.c {
		v[k] = float64(n)
	}
	var recv, open, expired, onHand, reserved int64
	for k := range s.stocks {
		st := &s.stocks[k]
		st.expire(now)
		recv += st.received
		open += st.wastedOpen
		expired += st.wastedExpired
		onHand += st.onHand()
		reserved += st.reserved
	}
	v[Slots] = float64(p.slots)
	v[Booked] = float64(p.nBooked)
	v[NoShows] = float64(p.noShows)
	v[BookingsLost] = float64(p.lost)
	v[SecondDoseMissed] += float64(p.missed2)
	v[WastedSlots] = math.Max(0, v[Slots]-v[Vaccinated])
	v[DosesOnHand] = float64(onHand)
	v[DosesReserved] = float64(reserved)
	v[DosesReceived] = float64(recv - s.marks[0])
	v[DosesWastedOpenVial] = float64(open - s.marks[1])
	v[DosesWastedExpired] = float64(expired - s.marks[2])
	v[DosesWasted] = v[DosesWastedOpenVial] + v[DosesWastedExpired]
	s.marks = [3]int64{recv, open, expired}
	v[Backlog], v[PortalFailedAttempts], v[GaveUp] = nan, nan, nan
	v[MeanWaitMin], v[P95WaitMin] = waitStats(&s.dayWaits)

	if s.open { // open through midnight
		s.measureOpen(now)
	}
	// Utilisation is the time stations were busy over the time they were
	// open, the integral of the capacity: it may change within a day.
	var day integrals
	for i := range s.stages {
		st := &s.stages[i]
		day.busy += st.open.busy
		day.capacity += st.open.capacity
		day.line += st.open.line
		st.open = integrals{}
	}
	openTime := float64(p.hours.Close - p.hours.Open)
	s.dayBusy, s.dayCap = day.busy, day.capacity
	v[Utilization] = ratio(s.dayBusy, s.dayCap)
	v[MeanQueueLen] = ratio(day.line, openTime)
	s.totBusy += s.dayBusy
	s.totCap += s.dayCap
	s.totQueue += day.line
	s.totOpen += openTime

	s.totWaits.Merge(&s.dayWaits)
	s.dayWaits.Reset()
	s.c = [NumMetrics]int64{}
}
