package sim

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"vaxsim/sim/des"
)

// setupSupply checks the depots and deliveries and schedules the
// deliveries that arrive before the horizon. A delivery due before the
// simulation starts arrives at its start.
func (m *model) setupSupply() error {
	for _, d := range m.sc.Depots {
		if len(d.Sites) == 0 {
			return fmt.Errorf("depot %s has no sites", d.Name)
		}
		if d.Rule == FixedShares && len(d.Shares) != len(d.Sites) {
			return fmt.Errorf("depot %s: %d shares for %d sites", d.Name, len(d.Shares), len(d.Sites))
		}
	}
	for i, d := range m.sc.Deliveries {
		switch {
		case d.Product < 0 || d.Product >= len(m.sc.Products):
			return fmt.Errorf("delivery %s: product index %d out of range", d.Name, d.Product)
		case d.Site >= len(m.sites) || d.Site < 0 && (d.Depot < 0 || d.Depot >= len(m.sc.Depots)):
			return fmt.Errorf("delivery %s: no site or depot", d.Name)
		case d.Doses < 0:
			return fmt.Errorf("delivery %s: negative doses", d.Name)
		}
		at := max(d.At, m.start)
		if at >= m.horizon {
			continue
		}
		if d.Site >= 0 {
			s := m.sites[d.Site]
			s.direct = append(s.direct, Delivery{At: at, Product: d.Product, Doses: d.Doses, Site: d.Site, Depot: -1})
		} else {
			for _, si := range m.sc.Depots[d.Depot].Sites {
				s := m.sites[si]
				s.direct = append(s.direct, Delivery{At: at, Product: d.Product, Doses: d.Doses, Site: -1, Depot: d.Depot})
			}
		}
		m.env.At(at, prDelivery, m.hDeliver, int64(i))
	}
	for _, s := range m.sites {
		slices.SortStableFunc(s.direct, func(a, b Delivery) int { return cmp.Compare(a.At, b.At) })
	}
	return nil
}

type deliverH struct{ m *model }

func (h deliverH) Handle(env *des.Env, arg int64) {
	m := h.m
	d := m.sc.Deliveries[arg]
	if d.Site >= 0 {
		m.receive(m.sites[d.Site], d.Product, d.Doses, env.Now())
		return
	}
	dep := &m.sc.Depots[d.Depot]
	for j, n := range largestRemainder(d.Doses, m.depotWeights(dep), nil) {
		m.receive(m.sites[dep.Sites[j]], d.Product, n, env.Now())
	}
}

// receive adds n doses of product to site s's stock, holding back the
// policy's share of a two-dose product for second doses.
func (m *model) receive(s *site, product int, n int64, now des.Time) {
	var reserved int64
	if m.sc.Products[product].IntervalDays > 0 {
		reserved = int64(math.Round(float64(n) * m.sc.SecondDoses.HoldBack))
	}
	s.stocks[product].receive(now, n, reserved)
	if n > 0 && s.await != nil {
		m.supplied(s, product)
	}
}

// depotWeights returns the weights by which a depot splits a delivery.
func (m *model) depotWeights(dep *Depot) []float64 {
	w := make([]float64, len(dep.Sites))
	switch dep.Rule {
	case FixedShares:
		copy(w, dep.Shares)
		return w
	case BacklogShare:
		now := m.env.Now()
		var total float64
		for _, c := range m.cohorts {
			if c.cfg.Channel != PortalChannel || c.eligibleAt > now || len(c.sites) == 0 {
				continue
			}
			share := float64(c.n[stWaiting]+c.n[stRetrying]) / float64(len(c.sites))
			for j, si := range dep.Sites {
				if slices.Contains(c.sites, si) {
					w[j] += share
					total += share
				}
			}
		}
		if total > 0 {
			return w
		}
	}
	today := max(0, m.today())
	for j, si := range dep.Sites {
		s := m.sites[si]
		for d := today; d < min(today+7, len(s.plans)); d++ {
			p := &s.plans[d]
			if p.slots > 0 {
				w[j] += float64(p.slots)
			} else {
				w[j] += float64(p.stations) * (p.hours.Close - p.hours.Open).Hours()
			}
		}
	}
	return w
}

// largestRemainder splits total in proportion to weights: floors first,
// then one more to the largest remainders (ties to the first), giving no
// share more than its cap when caps is not nil (the caps must then add up
// to more than total). Zero weights everywhere split equally; a total of
// zero or less gives nothing.
func largestRemainder(total int64, weights []float64, caps []int64) []int64 {
	out := make([]int64, len(weights))
	if total <= 0 {
		return out
	}
	var sum float64
	for _, w := range weights {
		sum += w
	}
	if sum <= 0 {
		weights = make([]float64, len(weights))
		for i := range weights {
			weights[i] = 1
		}
		sum = float64(len(weights))
	}
	rem := make([]float64, len(weights))
	var given int64
	for i, w := range weights {
		q := float64(total) * w / sum
		out[i] = int64(q)
		rem[i] = q - float64(out[i])
		given += out[i]
	}
	for ; given < total; given++ {
		best := -1
		for i := range rem {
			if (caps == nil || out[i] < caps[i]) && (best < 0 || rem[i] > rem[best]) {
				best = i
			}
		}
		out[best]++
		rem[best] = -1
	}
	return out
}

type releaseH struct{ m *model }

// Handle sets the first-dose cap of a supply-limited site's day when its
// slots are released: the doses the site expects by that day (on hand,
// plus deliveries due to it, plus its share of deliveries due to its
// depots by today's split), less the doses it has promised.
func (h releaseH) Handle(env *des.Env, arg int64) {
	m := h.m
	r := siteDayOf(arg)
	s, d := m.sites[r.site], int(r.day)
	p := &s.plans[d]
	now := env.Now()
	dayStart := des.Time(d) * des.Day
	st := &s.stocks[s.cfg.Product]
	st.expire(now)
	reserved := st.reserved
	general := st.onHand() - reserved
	holdBack := 0.0
	if m.sc.Products[s.cfg.Product].IntervalDays > 0 {
		holdBack = m.sc.SecondDoses.HoldBack
	}
	shares := map[int]float64{} // the site's share of each depot, by today's weights
	for _, dl := range s.direct {
		if dl.At <= now || dl.At >= dayStart+p.hours.Close || dl.Product != s.cfg.Product {
			continue
		}
		n := dl.Doses
		if dl.Depot >= 0 {
			share, ok := shares[dl.Depot]
			if !ok {
				dep := &m.sc.Depots[dl.Depot]
				w := m.depotWeights(dep)
				var sum, mine float64
				for j, x := range w {
					sum += x
					if dep.Sites[j] == s.i {
						mine += x
					}
				}
				if sum > 0 {
					share = mine / sum
				}
				shares[dl.Depot] = share
			}
			n = int64(float64(n) * share)
		}
		r := int64(math.Round(float64(n) * holdBack))
		general += n - r
		reserved += r
	}
	var first, second int64
	for dd := max(m.today(), 0); dd <= d; dd++ {
		q := &s.plans[dd]
		// An earlier day's cap is promised whole, booked or not: its
		// bookings may still come.
		promised := q.first1
		if dd < d && q.cap1 != math.MaxInt64 {
			promised = max(promised, q.cap1)
		}
		first += max(0, promised-q.firstDone)
		second += max(0, q.dose2-q.dose2Done)
	}
	// Never more than the day can take: its bookable slots less the
	// second doses already in them.
	room := int64(math.Floor(float64(p.n)*p.perSlot+1e-9)) - p.dose2
	p.cap1 = max(0, min(room, general-first-max(0, second-reserved)))
}
