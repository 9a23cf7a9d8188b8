package sim

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"

	"vaxsim/sim/des"
)

// Event priorities: at one instant, the day closes first, then doses
// arrive, supply-limited sites set their first-dose caps, sites close and
// open, services end, vials lapse, people booked on earlier days arrive,
// then other people, people give up waiting, book, and invitation rules
// run.
const (
	prDayEnd   des.Priority = -100
	prDelivery des.Priority = -80
	prRelease  des.Priority = -70
	prClose    des.Priority = -60
	prOpen     des.Priority = -50
	prService  des.Priority = -20
	prLapse    des.Priority = -10
	prDue      des.Priority = -1
	prArrive   des.Priority = 0
	prRenege   des.Priority = 5
	prAttempt  des.Priority = 10
	prInvite   des.Priority = 20
)

// model is one replication of a scenario.
type model struct {
	sc      *Scenario
	env     *des.Env
	rep     int
	start   des.Time // first instant simulated (the portal's first release)
	horizon des.Time // Days x Day: the first instant not simulated
	nPlan   int      // days with slot plans: the reported days and the booking window beyond

	sites   []*site
	cohorts []*cohort
	walkins []*walkinStream
	rules   []*rule
	out     outages
	people  people
	due     dueMerge

	// portal-scope counters of the current day
	failed, gaveUp int64

	budget   int64 // of events, Scenario.MaxEvents or its default
	work     int64 // done in loops inside events, charged to the budget (spend)
	memLimit int64 // Options.MemoryLimit
	daily    func(rep, day int, rows []Values) error
	row      []Values // the day's rows, reused when they are streamed
	days     int      // reported days ended

	res      *Result
	ctx      context.Context
	err      error     // set by fail
	allWaits des.Tally // all sites, current day (the horizon's are the sites' totWaits together)
	warnings []string

	rp  *replayer  // the replay of recorded data, if any (replay.go)
	rec *Recording // what the run saw, if asked (replay_record.go)

	// handlers, made once
	hDayEnd, hOpen, hClose, hService, hLapse, hArrive, hRenege, hAttempt, hWalkin, hInvite des.HandlerID
	hDeliver, hRelease, hDue                                                               des.HandlerID
}

// Options are the settings of Run and Replicate. The zero value records
// nothing, keeps no memory between replications and runs Replicate on
// GOMAXPROCS goroutines.
type Options struct {
	// Workers is the number of goroutines Replicate runs replications on;
	// 0 means GOMAXPROCS. Results do not depend on it. Run ignores it.
	Workers int
	// Record, when set, makes each replication keep what happened in it
	// as a Recording, in the shapes a Replay takes back, and pass it to
	// Record when the replication has run without error. Replicate calls
	// Record from the goroutine that ran the replication, so calls may
	// overlap. A recording costs 32 bytes an attempt and 16 a walk-in.
	Record func(rep int, rec *Recording)
	// Memory, when not nil, is memory Run keeps from one replication to
	// the next (see Memory). Replicate gives each of its workers a Memory
	// of its own and ignores this one.
	Memory *Memory
	// MemoryLimit, when > 0, is a memory budget in bytes for each
	// replication: a run whose records grow past it stops with a
	// *BudgetError naming what took the memory. Run counts what grows
	// as it runs, from its own records, every 4096 events: people on
	// their way to a site or at one (about 100 bytes each; they grow with
	// the lines, not the population), wait samples (8 bytes a person
	// served over the horizon), pending events (24 bytes), daily rows
	// kept (264 bytes a site and day, nothing when they go to Daily) and
	// a Recording (32 bytes an attempt, 16 a walk-in). The count is a
	// function of the run, so the budget stops it at the same event on
	// every machine; the Go heap holds up to about twice as much between
	// collections (GOGC=100), so set the limit to under half the memory
	// a replication may have. Replicate runs Workers replications at
	// once, each with this budget.
	MemoryLimit int64
	// Daily, when not nil, receives each reported day's rows when the day
	// ends, in order of days, and Result.Daily stays nil: a writer can
	// stream the rows to disk instead of keeping days x (sites + 1) rows
	// in memory. rows[s] is site s's row and rows[len(rows)-1] the
	// all-sites row, as in Result.Daily[day]; the slice is reused after
	// the call returns, so copy what must be kept. A non-nil error stops
	// the run, which returns it. Replicate calls Daily from the goroutine
	// that runs the replication, so calls of different replications may
	// overlap. Rows passed before Run returns an error belong to a run
	// that has no result: discard them.
	Daily func(rep, day int, rows []Values) error
	// Done, when not nil, is called by Replicate after each replication
	// that has run without error, from the goroutine that ran it (calls
	// may overlap): a progress report. Run ignores it.
	Done func(rep int)
}

// Memory is memory a goroutine keeps from one replication to the next:
// the calendar, the random streams, the person records, the sites'
// stations and lines and the wait samples. A replication run in a Memory,
// of any scenario, gives the result it gives without (the memory is
// reset, not its contents reused), with a fraction of the allocation. A
// Memory is for one goroutine at a time; its zero value is ready to use.
type Memory struct {
	env    *des.Env
	people des.FreeList[person]
	waits  []float64
	sites  []siteMemory // by site
}

// siteMemory is the reusable memory of one site.
type siteMemory struct {
	pools              []*des.Resource // by stage
	dayWaits, totWaits []float64
}

// Run simulates replication rep of sc with master seed seed. The result is
// a pure function of (sc, seed, rep). It checks ctx every few thousand
// events (a fraction of a millisecond) and stops with ctx's error once it
// is done. It returns a *BudgetError when the replication needs more
// events than sc.MaxEvents (people invited count as events too) and an
// *InvariantError when a conservation law breaks; never a partial result.
func Run(ctx context.Context, sc *Scenario, seed uint64, rep int, opts Options) (*Result, error) {
	mem := opts.Memory
	m, err := newModel(sc, seed, rep, mem)
	if err != nil {
		return nil, err
	}
	if mem != nil {
		defer m.keep(mem)
	}
	m.ctx = ctx
	m.memLimit, m.daily = opts.MemoryLimit, opts.Daily
	if opts.Record != nil {
		m.rec = &Recording{}
	}
	if m.daily == nil {
		m.res.Daily = make([][]Values, sc.Days)
	}
	res, err := m.run()
	if err != nil {
		return nil, err
	}
	res.Warnings = append(res.Warnings, m.replayWarnings()...)
	if opts.Record != nil {
		opts.Record(rep, m.finishRecording())
	}
	return res, nil
}

// Replicate runs replications 0..reps-1 on opts.Workers goroutines, each
// in a Memory of its own, and returns the results ordered by replication,
// identical whatever the number of workers. On failure it returns the
// error of the lowest failing replication. Cancelling ctx stops the
// remaining replications and returns ctx's error.
func Replicate(ctx context.Context, sc *Scenario, seed uint64, reps int, opts Options) ([]*Result, error) {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]*Result, reps)
	errs := make([]error, reps)
	// Each worker takes the next replication itself, so that no goroutine
	// hands them out and none waits for one.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, reps) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			own := opts
			own.Memory = new(Memory)
			for ctx.Err() == nil {
				r := int(next.Add(1) - 1)
				if r >= reps {
					return
				}
				results[r], errs[r] = runSafely(ctx, sc, seed, r, own)
				if errs[r] == nil && opts.Done != nil {
					opts.Done(r)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return results, nil
}

// runSafely is Run, with a panic, a defect of vaxsim, returned as an
// error of the replication rather than ending the process from a worker.
func runSafely(ctx context.Context, sc *Scenario, seed uint64, rep int, opts Options) (res *Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, fmt.Errorf("internal error in replication %d: %v", rep, v)
		}
	}()
	return Run(ctx, sc, seed, rep, opts)
}

func newModel(sc *Scenario, seed uint64, rep int, mem *Memory) (*model, error) {
	if sc.Days < 1 {
		return nil, fmt.Errorf("scenario %q: days must be >= 1", sc.Name)
	}
	if len(sc.Products) == 0 && len(sc.Sites) > 0 {
		return nil, fmt.Errorf("scenario %q: sites need a product", sc.Name)
	}
	m := &model{sc: sc, rep: rep, horizon: des.Time(sc.Days) * des.Day, ctx: context.Background()}
	p := sc.Portal
	m.nPlan = sc.Days + p.WindowDays
	// The simulation starts when the portal first releases slots (or at
	// the first day, if that is earlier): before, nobody can book.
	m.start = min(m.releaseTime(0), 0)
	if mem != nil && mem.env != nil {
		m.env = mem.env
		m.env.Reset(seed, rep, m.start)
		m.people.recs = mem.people
		m.people.recs.Reset()
		m.allWaits.Reuse(mem.waits)
	} else {
		m.env = des.NewEnv(seed, rep, m.start)
	}
	m.due.pending = des.Never
	for _, h := range []struct {
		id *des.HandlerID
		h  des.Handler
	}{
		{&m.hDayEnd, dayEndH{m}}, {&m.hOpen, openH{m}}, {&m.hClose, closeH{m}},
		{&m.hService, serviceH{m}}, {&m.hLapse, lapseH{m}}, {&m.hArrive, arriveH{m}},
		{&m.hRenege, renegeH{m}}, {&m.hAttempt, attemptH{m}}, {&m.hWalkin, walkinH{m}},
		{&m.hInvite, inviteH{m}}, {&m.hDeliver, deliverH{m}}, {&m.hRelease, releaseH{m}},
		{&m.hDue, dueH{m}},
	} {
		*h.id = m.env.Register(h.h)
	}

	m.res = &Result{Scenario: sc.Name, Rep: rep, Seed: seed, Start: sc.Start, days: sc.Days}
	for i := range sc.Sites {
		var reuse *siteMemory
		if mem != nil && i < len(mem.sites) {
			reuse = &mem.sites[i]
		}
		if err := m.addSite(i, reuse); err != nil {
			return nil, err
		}
		m.res.Sites = append(m.res.Sites, sc.Sites[i].Name)
	}
	m.res.Total = make([]Values, len(sc.Sites)+1)
	if err := m.setupSupply(); err != nil {
		return nil, err
	}
	for i := range sc.Cohorts {
		if err := m.addCohort(i); err != nil {
			return nil, err
		}
	}
	for i := range sc.Invitations {
		m.addRule(i)
	}
	m.out = buildOutages(p, m.env.Stream("outage/portal"), m.start, m.horizon)
	if err := m.setupReplay(); err != nil {
		return nil, err
	}
	m.allWaits.KeepSamples = true
	m.scheduleDay(0)
	m.scheduleReleases(m.start, des.Day)
	if sc.Days > 1 {
		m.env.At(des.Day, prDayEnd, m.hDayEnd, 0)
	}
	return m, nil
}

// keep hands the model's reusable memory back to mem.
func (m *model) keep(mem *Memory) {
	mem.env = m.env
	mem.people = m.people.recs
	mem.waits = m.allWaits.Samples()
	mem.sites = mem.sites[:0]
	for _, s := range m.sites {
		var pools []*des.Resource
		for i := range s.stages {
			pools = append(pools, s.stages[i].pool)
		}
		mem.sites = append(mem.sites, siteMemory{pools, s.dayWaits.Samples(), s.totWaits.Samples()})
	}
}

// releaseTime returns when the portal releases the slots of day d.
func (m *model) releaseTime(d int) des.Time {
	p := m.sc.Portal
	return des.Time(d-p.WindowDays)*des.Day + p.ReleaseAt
}

// firstReleasedAt returns the first day whose slots are released at or
// after t.
func (m *model) firstReleasedAt(t des.Time) int {
	p := m.sc.Portal
	day, clock := des.DayOf(t - p.ReleaseAt)
	if clock > 0 {
		day++
	}
	return max(day+p.WindowDays, 0)
}

// releasedThrough returns the last day whose slots are released at t.
func (m *model) releasedThrough(t des.Time) int {
	p := m.sc.Portal
	day, _ := des.DayOf(t - p.ReleaseAt)
	return day + p.WindowDays
}

// today returns the reported day an event at the current time counts on:
// activity before the first day counts on the first.
func (m *model) today() int {
	d, _ := des.DayOf(m.env.Now())
	return max(0, min(d, m.sc.Days-1))
}

// checkEvery is the number of events run between checks of the context
// (and the memory budget): a few hundred microseconds of simulation, so
// that a cancelled run stops at once, and too rare to cost anything.
const checkEvery = 4096

func (m *model) run() (*Result, error) {
	m.budget = m.sc.MaxEvents
	if m.budget <= 0 {
		m.budget = DefaultMaxEvents
	}
	for {
		left := m.budget - m.used()
		if left <= 0 && m.env.Peek() < m.horizon {
			return nil, m.budgetError()
		}
		// With left <= 0 no event is left to run: RunUntil sets the clock.
		if m.env.RunUntil(m.horizon, min(max(left, 1), checkEvery)) {
			break
		}
		if m.err != nil {
			return nil, m.err
		}
		if err := m.ctx.Err(); err != nil {
			return nil, err
		}
		if err := m.checkMemory(); err != nil {
			return nil, err
		}
	}
	if err := m.endDay(m.sc.Days - 1); err != nil {
		return nil, err
	}
	m.finishTotals()
	m.horizonWarnings()
	m.res.Events = m.env.Events()
	m.res.Warnings = m.warnings
	return m.res, nil
}

// horizonWarnings notes what the horizon cuts off: appointments booked
// for later days and second doses that fall due after the last day. Their
// text names no count of the replication, so that the same caveat of many
// replications reads as one.
func (m *model) horizonWarnings() {
	var later, due int64
	for _, s := range m.sites {
		for d := m.sc.Days; d < len(s.plans); d++ {
			later += s.plans[d].nBooked
		}
	}
	for _, c := range m.cohorts {
		due += c.n[stDose2Due]
	}
	last := m.sc.Start.AddDays(m.sc.Days - 1)
	if later > 0 {
		m.warnings = append(m.warnings, fmt.Sprintf(
			"appointments were booked for days after the last day, %s (the portal books up to window_days = %s ahead): "+
				"they are not simulated, and results count appointments by the day of their slot, so the reported days are complete; "+
				"to see those appointments kept, raise scenario.days", last, days(m.sc.Portal.WindowDays)))
	}
	if due > 0 {
		var within int
		for _, p := range m.sc.Products {
			if p.IntervalDays > 0 {
				within = max(within, p.MissedAfterDays, p.IntervalDays)
			}
		}
		m.warnings = append(m.warnings, fmt.Sprintf(
			"people given a first dose were still due their second at the end of the last day, %s: "+
				"those second doses are counted neither in dose2 nor in second_dose_missed, so the totals understate second doses to come; "+
				"to see every second dose given or missed, raise scenario.days by up to %s (the longest missed_after_days)", last, days(within)))
	}
}

// days writes a number of days for a message.
func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

type dayEndH struct{ m *model }

func (h dayEndH) Handle(env *des.Env, arg int64) {
	m := h.m
	d := int(arg)
	if err := m.endDay(d); err != nil {
		m.fail(err)
	}
	m.scheduleDay(d + 1)
	m.scheduleReleases(env.Now(), env.Now()+des.Day)
	if d+2 < m.sc.Days {
		env.At(env.Now()+des.Day, prDayEnd, m.hDayEnd, int64(d+1))
	}
}

// used returns the work done so far against the event budget: the events
// run and the work events did in loops of their own (people invited).
func (m *model) used() int64 { return m.env.Events() + m.work }

// spend charges n units of work done inside an event to the event budget
// and reports whether the budget still holds; when it does not, the run
// stops with a *BudgetError and the caller must return.
func (m *model) spend(n int64) bool {
	m.work += n
	if m.used() > m.budget {
		m.fail(m.budgetError())
		return false
	}
	if m.work%checkEvery == 0 {
		if err := m.checkMemory(); err != nil {
			m.fail(err)
			return false
		}
	}
	return true
}

// budgetError returns the error of a run out of its event budget now.
func (m *model) budgetError() *BudgetError {
	d, _ := des.DayOf(m.env.Now())
	return &BudgetError{Rep: m.rep, Events: m.budget, Day: m.sc.Start.AddDays(max(d, 0))}
}

// fail stops the run with err; run reports it.
func (m *model) fail(err error) {
	if m.err == nil {
		m.err = err
	}
	m.env.Stop()
}

// endDay closes the books of day d: it records each site's values and the
// all-sites row, checks conservation of doses and people, and resets the
// day's counters.
func (m *model) endDay(d int) error {
	now := m.env.Now()
	date := m.sc.Start.AddDays(d)
	var row []Values
	if m.daily != nil && m.row != nil {
		row = m.row
		clear(row)
	} else {
		row = make([]Values, len(m.sites)+1)
	}
	all := &row[len(m.sites)]
	var busyAll, capAll, queueAll float64
	for i, s := range m.sites {
		v := &row[i]
		m.expireAwaiting(s, d)
		s.dayValues(d, now, v)
		var administered int64
		for k := range s.stocks {
			st := &s.stocks[k]
			if !st.balanced() {
				return &InvariantError{Rep: m.rep, Day: date, Site: s.cfg.Name, Msg: fmt.Sprintf(
					"%s: doses received %d != administered %d + wasted %d + on hand %d",
					m.sc.Products[k].Name, st.received, st.administered, st.wasted(), st.onHand())}
			}
			administered += st.administered
		}
		for k := range Metrics {
			switch Metrics[k].Agg {
			case Count, Level:
				all[k] += v[k]
			}
		}
		busyAll += s.dayBusy
		capAll += s.dayCap
		queueAll += v[MeanQueueLen]
		if math.IsNaN(v[MeanQueueLen]) {
			queueAll -= v[MeanQueueLen]
		}
		addTotals(&m.res.Total[i], v)
		if t := &m.res.Total[i]; int64(t[Vaccinated]) != administered ||
			t[DosesReceived] != t[Vaccinated]+t[DosesWasted]+t[DosesOnHand] {
			return &InvariantError{Rep: m.rep, Day: date, Site: s.cfg.Name, Msg: fmt.Sprintf(
				"reported vaccinated %v (stock: %d), received %v, wasted %v, on hand %v do not balance",
				t[Vaccinated], administered, t[DosesReceived], t[DosesWasted], t[DosesOnHand])}
		}
	}
	all[MeanWaitMin], all[P95WaitMin] = waitStats(&m.allWaits)
	all[MeanQueueLen] = queueAll
	all[Utilization] = ratio(busyAll, capAll)
	m.allWaits.Reset()

	var backlog int64
	var objects int64
	for _, c := range m.cohorts {
		var sum int64
		for _, n := range c.n {
			if n < 0 {
				return &InvariantError{Rep: m.rep, Day: date, Msg: fmt.Sprintf("cohort %s has a negative count of people: %v", c.cfg.Name, c.n)}
			}
			sum += n
		}
		if sum != c.cfg.Size {
			return &InvariantError{Rep: m.rep, Day: date, Msg: fmt.Sprintf("cohort %s accounts for %d people, not its %d", c.cfg.Name, sum, c.cfg.Size)}
		}
		objects += c.n[stBooked] + c.n[stInvited] + c.n[stAtSite] + c.n[stDose2Due]
		if c.cfg.Channel == PortalChannel && c.eligibleAt <= now {
			backlog += c.n[stWaiting] + c.n[stRetrying]
		}
	}
	if objects != m.people.live {
		return &InvariantError{Rep: m.rep, Day: date, Msg: fmt.Sprintf("%d people are on their way or at a site, but %d records are live", objects, m.people.live)}
	}
	m.openPhases(now)
	all[Backlog] = float64(backlog)
	all[PortalFailedAttempts] = float64(m.failed)
	all[GaveUp] = float64(m.gaveUp)
	m.failed, m.gaveUp = 0, 0
	addTotals(&m.res.Total[len(m.sites)], all)
	m.days++
	if m.daily != nil {
		m.row = row
		return m.daily(m.rep, d, row)
	}
	m.res.Daily[d] = row
	return nil
}

// finishTotals fills the horizon averages.
func (m *model) finishTotals() {
	var busy, capTime, queue, open float64
	for i, s := range m.sites {
		t := &m.res.Total[i]
		t[MeanWaitMin], t[P95WaitMin] = waitStats(&s.totWaits)
		t[Utilization] = ratio(s.totBusy, s.totCap)
		t[MeanQueueLen] = ratio(s.totQueue, s.totOpen)
		for _, k := range []Metric{Backlog, PortalFailedAttempts, GaveUp} {
			t[k] = nan
		}
		busy += s.totBusy
		capTime += s.totCap
		if s.totOpen > 0 {
			queue += s.totQueue / s.totOpen
			open = 1
		}
	}
	t := &m.res.Total[len(m.sites)]
	t[MeanWaitMin], t[P95WaitMin] = m.allWaitStats()
	t[Utilization] = ratio(busy, capTime)
	t[MeanQueueLen] = nan
	if open > 0 {
		t[MeanQueueLen] = queue
	}
}

// addTotals adds a day's counts to horizon totals and takes its levels.
func addTotals(tot, day *Values) {
	for k := range Metrics {
		switch Metrics[k].Agg {
		case Count:
			tot[k] += day[k]
		case Level:
			tot[k] = day[k]
		}
	}
}

// allWaitStats returns the horizon's mean and 95th-percentile wait in
// minutes over all sites: those of the sites' waits together. Waits are
// whole milliseconds, so their sum is exact in any order (below 2^53 ms,
// some 285,000 years of waiting).
func (m *model) allWaitStats() (mean, p95 float64) {
	var n int64
	var sum float64
	ts := make([]*des.Tally, len(m.sites))
	for i, s := range m.sites {
		ts[i] = &s.totWaits
		n += s.totWaits.Count()
		sum += s.totWaits.Sum()
	}
	if n == 0 {
		return nan, nan
	}
	return sum / float64(n) / float64(des.Minute), des.QuantileOf(0.95, ts...) / float64(des.Minute)
}

func waitStats(t *des.Tally) (mean, p95 float64) {
	if t.Count() == 0 {
		return nan, nan
	}
	return t.Mean() / float64(des.Minute), t.Quantile(0.95) / float64(des.Minute)
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return nan
	}
	return a / b
}

// expo draws an exponential delay of the given mean.
func expo(r *rand.Rand, mean des.Time) des.Time {
	return duration(r.ExpFloat64() * float64(mean))
}
