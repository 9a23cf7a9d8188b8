package sim

import (
	"math"
	"math/rand/v2"
	"slices"

	"vaxsim/sim/des"
)

// rule is an invitation rule in one replication.
type rule struct {
	cfg          *Invitation
	sites        []int // watched, by index
	respond, lag *rand.Rand
}

func (m *model) addRule(i int) {
	cfg := &m.sc.Invitations[i]
	r := &rule{cfg: cfg,
		respond: m.env.Stream("invite/rule=" + cfg.Name),
		lag:     m.env.Stream("invite-delay/rule=" + cfg.Name)}
	m.rules = append(m.rules, r)
	sites := cfg.Sites
	if sites == nil {
		for s := range m.sites {
			sites = append(sites, s)
		}
	}
	r.sites = sites
}

type inviteH struct{ m *model }

func (h inviteH) Handle(env *des.Env, arg int64) {
	m := h.m
	r := inviteRefOf(arg)
	m.invite(m.rules[r.rule], m.sites[r.site], int(r.day))
}

// invite runs rule r for site s on day d: when the day is under-booked it
// invites people from the rule's cohorts, who come with the rule's
// response probability after its delay, if they can be admitted that day.
func (m *model) invite(r *rule, s *site, d int) {
	cfg := r.cfg
	p := &s.plans[d]
	if p.slots == 0 || float64(p.nBooked) >= cfg.Below*float64(p.slots) {
		return
	}
	want := cfg.Count
	if want <= 0 {
		want = int64(math.Ceil(cfg.Factor * float64(p.slots-p.nBooked)))
	}
	now := m.env.Now()
	avail := make([]int64, len(cfg.Cohorts))
	for j, ci := range cfg.Cohorts {
		if c := m.cohorts[ci]; c.eligibleAt <= now {
			avail[j] = c.n[stWaiting]
		}
	}
	take := apportion(want, avail)
	openAt := des.Time(d)*des.Day + p.hours.Open
	admitUntil := des.Time(d)*des.Day + p.hours.Close - s.cfg.LastAdmission
	for j, ci := range cfg.Cohorts {
		c := m.cohorts[ci]
		for range take[j] {
			if !m.spend(1) {
				return
			}
			s.c[WalkinsInvited]++
			c.n[stWaiting]--
			if r.respond.Float64() >= cfg.Response {
				c.n[stDeclined]++
				continue
			}
			at := max(now+duration(cfg.Delay.Sample(r.lag)), openAt, now)
			if at >= admitUntil {
				c.n[stDeclined]++
				continue
			}
			c.n[stInvited]++
			pi := m.people.alloc(ci, s.i, visitInvited, stInvited)
			m.env.At(at, prArrive, m.hArrive, personRef{pi, m.people.at(pi).token}.arg())
		}
	}
}

// apportion splits want among pools in proportion to their sizes, by
// largest remainder, never taking more than a pool holds.
func apportion(want int64, pools []int64) []int64 {
	var total int64
	sizes := make([]float64, len(pools))
	for i, n := range pools {
		total += n
		sizes[i] = float64(n)
	}
	if want >= total {
		return slices.Clone(pools)
	}
	return largestRemainder(want, sizes, pools)
}
