package sim

import (
	"math"
	"math/rand/v2"

	"vaxsim/sim/des"
)

// cohort is a cohort in one replication. People who have not acted are
// counts: n holds everyone by state, and the pools that act are
// n[stWaiting] (of which eager are the surge) and the retry buckets.
type cohort struct {
	i          int
	cfg        *Cohort
	n          [numStates]int64
	eager      int64
	retry      []int64 // by failed attempts - 1; one bucket when attempts are unlimited
	sites      []int
	prof       [24]float64
	eligibleAt des.Time

	attempts, outcome, noshow, second *rand.Rand
	token                             uint32   // of the one pending attempt event
	noSlotUntil                       des.Time // no free slot for the cohort before this
	replayed                          bool     // attempts or arrivals come from a log (replay.go)
}

func (m *model) addCohort(i int) error {
	cfg := &m.sc.Cohorts[i]
	c := &cohort{i: i, cfg: cfg, sites: cfg.Sites, eligibleAt: cfg.EligibleAt, prof: flat, noSlotUntil: math.MinInt64}
	if c.sites == nil {
		for s := range m.sites {
			c.sites = append(c.sites, s)
		}
	}
	if len(cfg.Profile) == 24 {
		copy(c.prof[:], cfg.Profile)
	}
	willing := int64(float64(cfg.Size)*cfg.Willing + 0.5)
	c.n[stUnwilling] = cfg.Size - willing
	c.n[stWaiting] = willing
	name := "/cohort=" + cfg.Name
	c.attempts = m.env.Stream("attempts" + name)
	c.outcome = m.env.Stream("portal" + name)
	c.noshow = m.env.Stream("noshow" + name)
	c.second = m.env.Stream("second" + name)
	m.cohorts = append(m.cohorts, c)
	c.replayed = replays(m.sc, i)
	switch cfg.Channel {
	case PortalChannel:
		c.eager = int64(float64(willing)*cfg.Eager + 0.5)
		buckets := max(cfg.MaxAttempts-1, 1)
		c.retry = make([]int64, buckets)
		m.startAttempts(c)
	case WalkinChannel:
		for _, s := range c.sites {
			if m.sc.Sites[s].Walkins {
				m.walkins = append(m.walkins, &walkinStream{cohort: c, site: s, i: len(m.walkins),
					r: m.env.Stream("walkins" + name + "/site=" + m.sc.Sites[s].Name)})
			}
		}
	}
	return nil
}

// move moves person p from the state they are counted in to st.
func (m *model) move(p *person, st pstate) {
	c := m.cohorts[p.cohort]
	c.n[p.st]--
	c.n[st]++
	p.st = st
}

// leave moves person pi to a final state and frees their record.
func (m *model) leave(pi int32, st pstate) {
	m.move(m.people.at(pi), st)
	m.people.release(pi)
}

// rates returns the cohort's attempt rates per millisecond: a is the rate
// weighed by the hour-of-day profile (first attempts and retries), b the
// flat rate of the eager.
func (c *cohort) rates() (a, b float64) {
	fresh, retry, b := c.rateParts()
	return fresh + retry, b
}

// rateParts returns the profiled rates of first attempts and of retries,
// and the flat rate of the eager, per millisecond.
func (c *cohort) rateParts() (fresh, retry, eager float64) {
	cfg := c.cfg
	if cfg.AttemptRate > 0 {
		fresh = float64(c.n[stWaiting]-c.eager) * cfg.AttemptRate / float64(des.Day)
	}
	if cfg.RetryMean > 0 {
		retry = float64(c.n[stRetrying]) / float64(cfg.RetryMean)
	}
	if cfg.EagerMean > 0 {
		eager = float64(c.eager) / float64(cfg.EagerMean)
	} else if c.eager > 0 {
		eager = float64(c.eager) // at once: one per millisecond
	}
	return fresh, retry, eager
}

// scheduleAttempt schedules the cohort's next booking attempt at or after
// from, replacing any pending one.
func (m *model) scheduleAttempt(c *cohort, from des.Time) {
	c.token++
	if from > m.env.Now() {
		// not yet eligible: wake up then and draw from there
		m.env.At(from, prAttempt, m.hAttempt, attemptRef{int32(c.i), c.token, true}.arg())
		return
	}
	a, b := c.rates()
	t := nextPoisson(m.env.Now(), c.attempts.ExpFloat64(), a, b, &c.prof, m.horizon)
	if t != des.Never {
		m.env.At(t, prAttempt, m.hAttempt, attemptRef{int32(c.i), c.token, false}.arg())
	}
}

type attemptH struct{ m *model }

func (h attemptH) Handle(env *des.Env, arg int64) {
	m := h.m
	r := attemptRefOf(arg)
	c := m.cohorts[r.cohort]
	if r.token != c.token {
		return
	}
	if r.wake { // woken at eligibility
		m.scheduleAttempt(c, env.Now())
		return
	}
	m.attempt(c)
	m.scheduleAttempt(c, env.Now())
}

// attempt makes one booking attempt by someone from the cohort's pools.
func (m *model) attempt(c *cohort) {
	now := m.env.Now()
	fresh, retry, b := c.rateParts()
	a := fresh + retry
	_, clock := des.DayOf(now)
	wa := a * c.prof[clock/des.Hour]
	if wa+b <= 0 {
		return
	}
	u := c.attempts.Float64() * (wa + b)
	failures := 0 // of the person attempting
	var from pstate
	bucket := -1
	switch {
	case u < b:
		c.eager--
		from = stWaiting
	case u < b+wa*(fresh/a): // a > 0 here: wa > 0 or u < b
		from = stWaiting
	default:
		from = stRetrying
		bucket = pick(c.retry, c.n[stRetrying], c.attempts)
		c.retry[bucket]--
		failures = bucket + 1
	}
	c.n[from]--
	out, s, slotAt := m.tryBook(c, failures, -1, AnySlot)
	if m.rec != nil {
		m.recordAttempt(c, failures, out, s, slotAt)
	}
}

// pick chooses a bucket with probability proportional to its count;
// total is the sum of the counts.
func pick(counts []int64, total int64, r *rand.Rand) int {
	u := r.Int64N(total)
	for i, n := range counts {
		if u < n {
			return i
		}
		u -= n
	}
	panic("sim: pick from empty buckets")
}

// givesUp reports whether someone of the cohort gives up after failures
// failed attempts.
func (c *cohort) givesUp(failures int) bool {
	return c.cfg.MaxAttempts > 0 && failures >= c.cfg.MaxAttempts || c.cfg.RetryMean <= 0
}

// rebook sends person pi, refused at the site for lack of a dose, back to
// the portal to book again (the site cancels their appointment).
func (m *model) rebook(c *cohort, pi int32) {
	m.leave(pi, stRetrying)
	c.retry[0]++
	if !m.replaying(c) { // a replayed cohort's next attempts come from its log
		m.scheduleAttempt(c, max(m.env.Now(), c.eligibleAt))
	}
}

// openPhases opens the cohorts waiting for an earlier phase's backlog to
// fall below their level.
func (m *model) openPhases(now des.Time) {
	for _, c := range m.cohorts {
		rule := c.cfg.OpensAfter
		if rule == nil || c.eligibleAt <= now {
			continue
		}
		prev := m.cohorts[rule.After]
		if prev.eligibleAt <= now && prev.n[stWaiting]+prev.n[stRetrying] < rule.Below {
			c.eligibleAt = now
			if c.cfg.Channel == PortalChannel {
				m.startAttempts(c)
			}
		}
	}
}

// walkinStream is the Poisson stream of one walk-in cohort at one site.
type walkinStream struct {
	cohort *cohort
	site   int
	r      *rand.Rand
	i      int
}

// scheduleWalkin schedules the stream's next arrival within the site's
// admission time, if any.
func (m *model) scheduleWalkin(w *walkinStream) {
	c := w.cohort
	s := m.sites[w.site]
	if c.n[stWaiting] == 0 {
		return
	}
	from := max(m.env.Now(), m.walkinsFrom(c))
	rate := c.cfg.WalkinRate / float64(des.Hour)
	t := nextPoisson(from, w.r.ExpFloat64(), rate, 0, &c.prof, min(s.admitUntil, m.horizon))
	if t != des.Never {
		m.env.At(t, prArrive, m.hWalkin, int64(w.i))
	}
}

type walkinH struct{ m *model }

func (h walkinH) Handle(env *des.Env, arg int64) {
	m := h.m
	w := m.walkins[arg]
	c := w.cohort
	s := m.sites[w.site]
	if c.n[stWaiting] > 0 && s.open {
		pi := m.people.alloc(c.i, w.site, visitWalkin, stWaiting)
		s.c[WalkinsArrived]++
		if m.rec != nil {
			m.recordWalkin(c, s)
		}
		m.arrive(s, pi)
	}
	if s.open {
		m.scheduleWalkin(w)
	}
}
