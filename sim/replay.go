package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"vaxsim/sim/des"
)

// This file replays recorded data: booking attempts and walk-in arrivals
// taken from logs instead of the cohorts' stochastic processes. Recorded
// outages and shipments need no code of their own: package scenarios
// turns them into Portal.Outages (with random outages off) and
// Deliveries.
//
// What stays recorded: when each attempt is made, by which cohort, by
// someone with how many earlier failures, at which site and for which
// slot; when each walk-in arrives where. What is still simulated: the
// portal's answer (a free slot, an outage), whether a person shows up,
// punctuality, service, doses, invitations. Replications therefore still
// differ, and a what-if on top of a log (more slots, the portal down)
// changes the answers the recorded attempts get.

// Replay is recorded data that takes the place of the stochastic booking
// and walk-in processes of some cohorts (Scenario.Replay).
type Replay struct {
	// Attempts are recorded booking attempts in time order; attempts at
	// one instant are made in the order given.
	Attempts []Attempt
	// Walkins are recorded walk-in arrivals in time order.
	Walkins []Arrival
	// Cohorts are the indices of the replayed cohorts: portal cohorts
	// whose attempts are Attempts and walk-in cohorts whose arrivals are
	// Walkins. Their stochastic processes are off before Until. Every
	// row names a replayed cohort; a replayed cohort may have no rows.
	Cohorts []int
	// Until ends the replay: rows at or after it are not replayed, and
	// the replayed cohorts take up their stochastic processes from then
	// on (recorded bookings for the past, a stochastic process for the
	// future). des.Never replays the whole run.
	Until des.Time
	// Resample varies the rows from replication to replication;
	// NoResample replays them as they are.
	Resample Resample
	// Factor is the mean number of times ScaleRows replays each row.
	Factor float64
}

// Resample is how a replay varies recorded rows across replications.
// Each way draws from its own named stream, so a replay stays a pure
// function of (scenario, seed, replication).
type Resample uint8

// The ways to resample.
const (
	// NoResample replays every row once, as recorded.
	NoResample Resample = iota
	// Bootstrap replaces each day of a log's span (its first row's day to
	// its last's) by a day of the span drawn with replacement, shifted to
	// it: the rows of a day stay together, with their times of day.
	// Booking attempts draw from the stream "replay/bootstrap/bookings",
	// walk-ins from "replay/bootstrap/walkins".
	Bootstrap
	// ScaleRows replays each row floor(Factor) times, and once more with
	// probability Factor - floor(Factor): 0.8 thins a log to about 80% of
	// its rows, 1.2 adds about 20%. Copies come at the same instant as
	// the row. Streams "replay/scale/bookings" and "replay/scale/walkins".
	ScaleRows
)

var resampleNames = [...]string{"none", "bootstrap", "scale"}

// String returns the way's name.
func (r Resample) String() string {
	if int(r) < len(resampleNames) {
		return resampleNames[r]
	}
	return fmt.Sprintf("Resample(%d)", int(r))
}

// AnySlot is the Slot of an Attempt that names no slot: the attempt takes
// the earliest free one.
const AnySlot des.Time = math.MinInt64

// Attempt is one recorded booking attempt: 32 bytes, so that a log of a
// million attempts takes 32 MB.
type Attempt struct {
	At des.Time // when the attempt was made
	// Slot is the start of the slot booked (Site must be set), or
	// AnySlot. A replayed attempt takes the slot holding this instant if
	// it is free, else the earliest free slot at Site.
	Slot   des.Time
	Cohort int32 // index of a replayed portal cohort
	// Site is the index of the site booked or tried, one the cohort
	// accepts, or -1 for any: the earliest free slot at any of the
	// cohort's sites, as the model books.
	Site int32
	// Failures is the number of the person's earlier failed attempts: 0
	// for a first attempt. The attempt takes a person from the cohort's
	// pool of people with that many failures (the model keeps one pool
	// for every retry when max_attempts is 0, where 1 stands for all).
	Failures int32
	// Outcome is the recorded outcome. Replay computes its own; the
	// recorded one says whether the log holds the person's next attempt
	// (a failure) or not (a booking).
	Outcome Outcome
}

func (a Attempt) time() des.Time { return a.At }

func (a Attempt) shifted(d des.Time) Attempt {
	a.At += d
	if a.Slot != AnySlot {
		a.Slot += d
	}
	return a
}

// Arrival is one recorded walk-in arrival.
type Arrival struct {
	At     des.Time
	Site   int32 // index of a site that takes walk-ins
	Cohort int32 // index of a replayed walk-in cohort that accepts Site
}

func (a Arrival) time() des.Time { return a.At }

func (a Arrival) shifted(d des.Time) Arrival { a.At += d; return a }

// Outcome is the outcome of a booking attempt.
type Outcome uint8

// The outcomes. The zero value, OutcomeBooked, is what a log of bookings
// (rather than attempts) records.
const (
	OutcomeBooked Outcome = iota // a slot was booked
	OutcomeLost                  // the portal seemed to book it but lost it (a lost outage)
	OutcomeNoSlot                // no free slot at an accepted site
	OutcomeOutage                // the portal was down, or failed the attempt (degraded)
	OutcomeFailed                // failed, cause not recorded
)

var outcomeNames = [...]string{"booked", "lost", "no_slot", "outage", "failed"}

// String returns the outcome's name as written in booking logs.
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// ParseOutcome returns the outcome called name ("booked", "lost",
// "no_slot", "outage" or "failed").
func ParseOutcome(name string) (Outcome, bool) {
	i := slices.Index(outcomeNames[:], name)
	return Outcome(max(i, 0)), i >= 0
}

// Failed reports whether the outcome is a failed attempt, after which the
// person tries again or gives up.
func (o Outcome) Failed() bool { return o >= OutcomeNoSlot }

// timed is a row of a log: it has a time and can be moved in time.
type timed[T any] interface {
	time() des.Time
	shifted(d des.Time) T
}

// cursor goes through the rows of a log in time order, resampled as a
// replication asks.
type cursor[T timed[T]] struct {
	rows   []T
	how    Resample
	factor float64
	r      *rand.Rand

	i, end int      // the next row and the end of the current range
	shift  des.Time // added to the rows of the current range
	// Bootstrap: days[k] is the index of the first row on the span's
	// day k (days[span] = len(rows)); src[k] is the day replayed on day k.
	days, src []int
	day       int // index into src of the current range
	// ScaleRows: the row being copied and the copies still to come.
	cur    T
	copies int
}

func newCursor[T timed[T]](rows []T, how Resample, factor float64, r *rand.Rand) *cursor[T] {
	c := &cursor[T]{rows: rows, how: how, factor: factor, r: r, end: len(rows)}
	if how == Bootstrap && len(rows) > 0 {
		first, _ := des.DayOf(rows[0].time())
		last, _ := des.DayOf(rows[len(rows)-1].time())
		span := last - first + 1
		c.days = make([]int, span+1)
		j := 0
		for k := range c.days {
			for j < len(rows) {
				if d, _ := des.DayOf(rows[j].time()); d >= first+k {
					break
				}
				j++
			}
			c.days[k] = j
		}
		c.src = make([]int, span)
		for k := range c.src {
			c.src[k] = r.IntN(span)
		}
		c.day, c.end = -1, 0
	}
	return c
}

// next returns the next row, or false at the end of the log.
func (c *cursor[T]) next() (T, bool) {
	for {
		if c.copies > 0 {
			c.copies--
			return c.cur, true
		}
		if c.i >= c.end {
			if c.how != Bootstrap || c.day+1 >= len(c.src) {
				var none T
				return none, false
			}
			c.day++
			s := c.src[c.day]
			c.i, c.end = c.days[s], c.days[s+1]
			c.shift = des.Time(c.day-s) * des.Day
			continue
		}
		row := c.rows[c.i]
		c.i++
		if c.shift != 0 {
			row = row.shifted(c.shift)
		}
		if c.how == ScaleRows {
			n := int(c.factor)
			if frac := c.factor - float64(n); frac > 0 && c.r.Float64() < frac {
				n++
			}
			if n == 0 {
				continue
			}
			c.cur, c.copies = row, n-1
		}
		return row, true
	}
}

// replayer is the replay of one replication.
type replayer struct {
	until    des.Time
	attempts *cursor[Attempt]
	walkins  *cursor[Arrival]
	attempt  Attempt      // of the pending attempt event
	walkin   Arrival      // of the pending walk-in event
	retry    []*rand.Rand // by cohort: simulated retries (nil if not replayed)

	hAttempt, hWalkin, hRetry des.HandlerID

	// for the warnings
	early, gone, ineligible, walkinsMissed, retries int64
}

// replaying reports whether cohort c's attempts or arrivals come from a
// log at the current time.
func (m *model) replaying(c *cohort) bool {
	return c.replayed && m.env.Now() < m.rp.until
}

// replays reports whether sc replays cohort i.
func replays(sc *Scenario, i int) bool {
	return sc.Replay != nil && slices.Contains(sc.Replay.Cohorts, i)
}

// startAttempts starts cohort c's stochastic booking attempts: from its
// eligibility, or, for a replayed cohort, when the replay ends.
func (m *model) startAttempts(c *cohort) {
	from := max(m.start, c.eligibleAt)
	if c.replayed {
		if m.sc.Replay.Until >= m.horizon {
			return
		}
		from = max(from, m.sc.Replay.Until)
	}
	m.scheduleAttempt(c, from)
}

// walkinsFrom returns the first instant walk-in cohort c may arrive by
// its stochastic process: its eligibility, or the end of its replay.
func (m *model) walkinsFrom(c *cohort) des.Time {
	if c.replayed {
		return max(c.eligibleAt, m.sc.Replay.Until)
	}
	return c.eligibleAt
}

// checkReplay checks the plain data of a replay against the scenario.
func checkReplay(sc *Scenario) error {
	r := sc.Replay
	replayed := make([]bool, len(sc.Cohorts))
	for _, i := range r.Cohorts {
		if i < 0 || i >= len(sc.Cohorts) {
			return fmt.Errorf("replay: cohort index %d out of range", i)
		}
		if ch := sc.Cohorts[i].Channel; ch == InvitationChannel {
			return fmt.Errorf("replay: cohort %s: only portal and walk-in cohorts can be replayed", sc.Cohorts[i].Name)
		}
		replayed[i] = true
	}
	if r.Resample > ScaleRows || r.Resample == ScaleRows && !(r.Factor >= 0 && r.Factor <= 1000) {
		return fmt.Errorf("replay: resample %v with factor %v", r.Resample, r.Factor)
	}
	accepts := func(co *Cohort, s int) bool { return co.Sites == nil || slices.Contains(co.Sites, s) }
	for k, a := range r.Attempts {
		switch {
		case a.Cohort < 0 || int(a.Cohort) >= len(sc.Cohorts) || !replayed[a.Cohort] ||
			sc.Cohorts[a.Cohort].Channel != PortalChannel:
			return fmt.Errorf("replay: attempt %d: cohort %d is not a replayed portal cohort", k, a.Cohort)
		case a.Site < -1 || int(a.Site) >= len(sc.Sites) || a.Site >= 0 && !accepts(&sc.Cohorts[a.Cohort], int(a.Site)):
			return fmt.Errorf("replay: attempt %d: site %d is not one cohort %s accepts", k, a.Site, sc.Cohorts[a.Cohort].Name)
		case a.Slot != AnySlot && a.Site < 0:
			return fmt.Errorf("replay: attempt %d names a slot but no site", k)
		case a.Failures < 0:
			return fmt.Errorf("replay: attempt %d: negative failures", k)
		case a.Outcome > OutcomeFailed:
			return fmt.Errorf("replay: attempt %d: outcome %d out of range", k, a.Outcome)
		case k > 0 && a.At < r.Attempts[k-1].At:
			return fmt.Errorf("replay: attempt %d is before attempt %d; attempts must be in time order", k, k-1)
		}
	}
	for k, a := range r.Walkins {
		switch {
		case a.Cohort < 0 || int(a.Cohort) >= len(sc.Cohorts) || !replayed[a.Cohort] ||
			sc.Cohorts[a.Cohort].Channel != WalkinChannel:
			return fmt.Errorf("replay: walk-in %d: cohort %d is not a replayed walk-in cohort", k, a.Cohort)
		case a.Site < 0 || int(a.Site) >= len(sc.Sites) || !sc.Sites[a.Site].Walkins ||
			!accepts(&sc.Cohorts[a.Cohort], int(a.Site)):
			return fmt.Errorf("replay: walk-in %d: site %d does not take walk-ins of cohort %s", k, a.Site, sc.Cohorts[a.Cohort].Name)
		case k > 0 && a.At < r.Walkins[k-1].At:
			return fmt.Errorf("replay: walk-in %d is before walk-in %d; walk-ins must be in time order", k, k-1)
		}
	}
	return nil
}

// setupReplay starts the replay of the scenario's logs, if it has any.
func (m *model) setupReplay() error {
	r := m.sc.Replay
	if r == nil {
		return nil
	}
	if err := checkReplay(m.sc); err != nil {
		return err
	}
	rp := &replayer{until: r.Until, retry: make([]*rand.Rand, len(m.cohorts))}
	m.rp = rp
	var rb, rw *rand.Rand
	switch r.Resample {
	case Bootstrap:
		rb, rw = m.env.Stream("replay/bootstrap/bookings"), m.env.Stream("replay/bootstrap/walkins")
	case ScaleRows:
		rb, rw = m.env.Stream("replay/scale/bookings"), m.env.Stream("replay/scale/walkins")
	}
	rp.attempts = newCursor(r.Attempts, r.Resample, r.Factor, rb)
	rp.walkins = newCursor(r.Walkins, r.Resample, r.Factor, rw)
	rp.hAttempt = m.env.Register(replayAttemptH{m})
	rp.hWalkin = m.env.Register(replayWalkinH{m})
	rp.hRetry = m.env.Register(replayRetryH{m})
	for _, c := range m.cohorts {
		if c.replayed && c.cfg.Channel == PortalChannel {
			rp.retry[c.i] = m.env.Stream("replay-retry/cohort=" + c.cfg.Name)
		}
	}
	m.nextAttempt()
	m.nextWalkin()
	return nil
}

// nextAttempt schedules the next recorded attempt to replay.
func (m *model) nextAttempt() {
	rp := m.rp
	for {
		a, ok := rp.attempts.next()
		if !ok || a.At >= rp.until || a.At >= m.horizon {
			return
		}
		if a.At < m.env.Now() {
			rp.early++ // before the simulation starts
			continue
		}
		rp.attempt = a
		m.env.At(a.At, prAttempt, rp.hAttempt, 0)
		return
	}
}

// nextWalkin schedules the next recorded walk-in arrival to replay.
func (m *model) nextWalkin() {
	rp := m.rp
	for {
		a, ok := rp.walkins.next()
		if !ok || a.At >= rp.until || a.At >= m.horizon {
			return
		}
		if a.At < m.env.Now() {
			rp.early++
			continue
		}
		rp.walkin = a
		m.env.At(a.At, prArrive, rp.hWalkin, 0)
		return
	}
}

type replayAttemptH struct{ m *model }

// Handle makes the pending recorded attempt and schedules the next.
func (h replayAttemptH) Handle(env *des.Env, _ int64) {
	m := h.m
	m.replayAttempt(m.rp.attempt)
	m.nextAttempt()
}

// replayAttempt makes recorded attempt a: it takes a person with
// a.Failures earlier failures from the cohort's pools and asks the portal
// for a slot. If the portal fails them where the log recorded no failure,
// the log does not hold their next attempt, so their retry is simulated.
func (m *model) replayAttempt(a Attempt) {
	rp := m.rp
	c := m.cohorts[a.Cohort]
	if c.eligibleAt > m.env.Now() {
		rp.ineligible++
		return
	}
	failures := int(a.Failures)
	if !m.takeFromPool(c, failures) {
		rp.gone++
		return
	}
	out, site, slot := m.tryBook(c, failures, int(a.Site), a.Slot)
	if m.rec != nil {
		m.recordAttempt(c, failures, out, site, slot)
	}
	if out.Failed() && !a.Outcome.Failed() {
		m.simulateRetry(c, failures+1)
	}
}

// takeFromPool takes someone with the given number of earlier failures
// out of cohort c's pools, and reports whether there was anyone.
func (m *model) takeFromPool(c *cohort, failures int) bool {
	if failures == 0 {
		if c.n[stWaiting] == 0 {
			return false
		}
		if c.eager > 0 { // the eager come first: they try soon after eligibility
			c.eager--
		}
		c.n[stWaiting]--
		return true
	}
	b := min(failures-1, len(c.retry)-1)
	if c.retry[b] == 0 {
		return false
	}
	c.retry[b]--
	c.n[stRetrying]--
	return true
}

// simulateRetry schedules the next attempt of someone of cohort c who has
// just failed for the failures-th time and is not in the log again,
// unless they gave up: a Poisson process at the cohort's retry rate,
// weighed by its hour-of-day profile, as the model's retries.
func (m *model) simulateRetry(c *cohort, failures int) {
	if c.givesUp(failures) {
		return
	}
	t := nextPoisson(m.env.Now(), m.rp.retry[c.i].ExpFloat64(), 1/float64(c.cfg.RetryMean), 0, &c.prof, min(m.horizon, m.rp.until))
	if t != des.Never {
		m.env.At(t, prAttempt, m.rp.hRetry, retryRef{int32(c.i), int32(failures)}.arg())
	}
}

type replayRetryH struct{ m *model }

// Handle makes a simulated retry of someone of the cohort with the
// failures of its retryRef, if someone is still in that pool.
func (h replayRetryH) Handle(env *des.Env, arg int64) {
	m := h.m
	r := retryRefOf(arg)
	c := m.cohorts[r.cohort]
	failures := int(r.failures)
	if !m.takeFromPool(c, failures) {
		return // a recorded attempt took them first: the same, by exchange
	}
	m.rp.retries++
	out, site, slot := m.tryBook(c, failures, -1, AnySlot)
	if m.rec != nil {
		m.recordAttempt(c, failures, out, site, slot)
	}
	if out.Failed() {
		m.simulateRetry(c, failures+1)
	}
}

type replayWalkinH struct{ m *model }

// Handle brings in the pending recorded walk-in, as walkinH does, and
// schedules the next.
func (h replayWalkinH) Handle(env *des.Env, _ int64) {
	m := h.m
	a := m.rp.walkin
	c := m.cohorts[a.Cohort]
	s := m.sites[a.Site]
	if c.n[stWaiting] > 0 && s.open && c.eligibleAt <= env.Now() {
		pi := m.people.alloc(c.i, s.i, visitWalkin, stWaiting)
		s.c[WalkinsArrived]++
		if m.rec != nil {
			m.recordWalkin(c, s)
		}
		m.arrive(s, pi)
	} else {
		m.rp.walkinsMissed++
	}
	m.nextWalkin()
}

// findSlotAt finds a slot at site si for a recorded attempt: the slot
// holding the instant want if it is free, released, at least the portal's
// notice ahead and within the day's first-dose cap; else the earliest
// free slot at the site (firstFree), as findSlot would at that site alone.
func (m *model) findSlotAt(si int, want, now des.Time) (site, day int, slot int32, ok bool) {
	earliest, first, last := m.bookingDays(now)
	s := m.sites[si]
	if want != AnySlot && want >= earliest {
		if d, _ := des.DayOf(want); d >= 0 && d <= last {
			p := &s.plans[d]
			if p.n > 0 && want >= p.first && p.first1 < p.cap1 {
				if k := int32((want - p.first) / p.slotLen); k < p.n && p.bookable(k, earliest) {
					return si, d, k, true
				}
			}
		}
	}
	day, slot, ok = s.firstFree(first, last, earliest)
	return si, day, slot, ok
}

// replayWarnings returns the caveats of the replication's replay.
func (m *model) replayWarnings() []string {
	rp := m.rp
	if rp == nil {
		return nil
	}
	var w []string
	if rp.early > 0 {
		w = append(w, fmt.Sprintf("replay: %d recorded rows before the simulation's start (the portal's first release) were not replayed; "+
			"results lack what they would have done; if they matter, raise portal.window_days or move release_at earlier so that the simulation starts before them", rp.early))
	}
	if rp.gone > 0 {
		w = append(w, fmt.Sprintf("replay: %d recorded booking attempts were not made: nobody was left in their pool (in this run they had booked or given up before), "+
			"so fewer people booked than the log records; expected in a what-if that books people sooner, otherwise check the cohorts' size, willing and max_attempts against the log", rp.gone))
	}
	if rp.ineligible > 0 {
		w = append(w, fmt.Sprintf("replay: %d recorded booking attempts came before their cohort was eligible and were not made, "+
			"so fewer people booked than the log records; set the cohorts' eligible (or opens_after) no later than their first recorded attempt", rp.ineligible))
	}
	if rp.walkinsMissed > 0 {
		w = append(w, fmt.Sprintf("replay: %d recorded walk-ins did not come: their cohort had nobody left or was not eligible, or the site was closed, "+
			"so walkins_arrived is below the log's; check the cohorts' size, willing and eligible and the sites' hours against the log", rp.walkinsMissed))
	}
	if rp.retries > 0 {
		w = append(w, fmt.Sprintf("replay: %d booking attempts were simulated retries of people the portal failed where the log recorded a booking; "+
			"they follow the cohort's retry_mean, not the log; expected in a what-if with fewer slots or more outages, otherwise the scenario's slots or outages differ from the log's", rp.retries))
	}
	return w
}
