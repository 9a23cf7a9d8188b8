package scenarios

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	slashpath "path"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

// This file reads the [replay] table and its CSV logs into plain data of
// the sim.Scenario: booking attempts and walk-ins into sim.Replay,
// outages into Portal.Outages (random outages off), shipments into
// Deliveries. The README's "Replaying recorded data" documents the
// formats and what replay means.

// The columns of the logs.
var (
	bookingColumns = []column{{"time", true}, {"cohort", false}, {"site", false},
		{"appointment", false}, {"attempt", false}, {"outcome", false}}
	walkinColumns   = []column{{"time", true}, {"site", true}, {"cohort", false}}
	outageColumns   = []column{{"start", true}, {"end", true}, {"mode", false}, {"success", false}, {"show_up", false}}
	shipmentColumns = []column{{"date", true}, {"site", false}, {"depot", false}, {"product", false}, {"doses", true}}
)

// maxAttemptNumber bounds the attempt column.
const maxAttemptNumber = 1_000_000

// dataFiles opens the data files a scenario names: relative to the
// scenario's folder, in fsys or, if fsys is nil, on disk. Unless outside
// is set, a path must stay in that folder (Options.AllowOutside).
type dataFiles struct {
	fsys    fs.FS
	dir     string
	outside bool
}

// scenarioFolder and currentFolder name the folders paths stay in.
const (
	scenarioFolder = "the scenario's folder"
	currentFolder  = "the current folder"
)

// open opens the regular file at p, a path given in the scenario or
// (fromSet) with --set, which is relative to the current folder on disk.
// It returns the file, its size and its name for messages.
func (d dataFiles) open(p string, fromSet bool) (io.ReadCloser, int64, string, error) {
	if fromSet || d.fsys == nil {
		dir, what := d.dir, scenarioFolder
		if fromSet {
			dir, what = ".", currentFolder
		}
		name := p
		if !fromSet && !filepath.IsAbs(p) {
			name = filepath.Join(dir, p)
		}
		var f *os.File
		var st fs.FileInfo
		var err error
		if d.outside {
			f, st, err = openRegular(name)
		} else {
			f, st, err = openInside(dir, p, what)
		}
		if err != nil {
			return nil, 0, name, err
		}
		return f, st.Size(), name, nil
	}
	name := slashpath.Join(d.dir, p)
	switch {
	case slashpath.IsAbs(p) || !fs.ValidPath(name):
		return nil, 0, p, fmt.Errorf("%s is not a path inside the scenario's folder", excerpt(p))
	case !d.outside && (!within(name, d.dir) || !insideFS(d.fsys, d.dir, name)):
		return nil, 0, name, errOutside(p, scenarioFolder, "leads out of "+scenarioFolder)
	}
	f, err := openFS(d.fsys, name)
	if err != nil {
		return nil, 0, name, err
	}
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	return f, size, name, nil
}

// replayReader converts the [replay] table and reads its logs.
type replayReader struct {
	c     *collector
	spec  *ReplaySpec
	sc    *sim.Scenario
	files dataFiles
	st    *stamps
	// replayed cohorts by channel: name -> index
	portal, walkin map[string]int32
	sites          map[string]int
	from, to       des.Time // the simulated time: first release to horizon
	warnings       []string
}

// newReplayReader checks the keys of the [replay] table of spec, whose
// other tables have been converted into sc, and sets sc.Replay. Errors
// go to c. The logs are read by read.
func newReplayReader(c *collector, spec *Spec, sc *sim.Scenario, files dataFiles) *replayReader {
	rs := &spec.Replay
	r := &replayReader{c: c, spec: rs, sc: sc, files: files,
		portal: map[string]int32{}, walkin: map[string]int32{}, sites: map[string]int{}}
	at := keyIn("replay")
	for i, s := range sc.Sites {
		r.sites[s.Name] = i
	}
	var loc *time.Location
	if l, err := time.LoadLocation(spec.Scenario.TimeZone); err == nil && spec.Scenario.TimeZone != "Local" {
		loc = l
	}
	if loc != nil && !sc.Start.IsZero() {
		r.st = newStamps(loc, sc.Start)
	}
	pt := sc.Portal
	r.from = min(0, -des.Time(pt.WindowDays)*des.Day+pt.ReleaseAt)
	r.to = des.Time(sc.Days) * des.Day

	how := sim.NoResample
	switch rs.Resample {
	case "none":
	case "bootstrap":
		how = sim.Bootstrap
	case "thin", "scale":
		how = sim.ScaleRows
	default:
		c.add(at("resample"), "%s", unknownName("value", rs.Resample, quoteAll([]string{"none", "bootstrap", "thin", "scale"})))
	}
	switch {
	case rs.Resample == "thin" && !(rs.Factor >= 0 && rs.Factor <= 1):
		c.add(at("factor"), "resample = \"thin\" keeps each row with probability factor, from 0 to 1; found %s (use \"scale\" for more rows)", formatFloat(rs.Factor))
	case rs.Resample == "scale" && !(rs.Factor >= 0 && rs.Factor <= 1000):
		c.add(at("factor"), "resample = \"scale\" needs factor from 0 to 1000, found %s", formatFloat(rs.Factor))
	case how != sim.ScaleRows && rs.Factor != DefaultReplayFactor:
		c.add(at("factor"), "applies only with resample = \"thin\" or \"scale\"")
	}

	// The replayed cohorts.
	names := spec.Cohorts.Names()
	var replayed []int
	if rs.Cohorts == nil {
		for i, co := range sc.Cohorts {
			if co.Channel == sim.PortalChannel && rs.Bookings != "" || co.Channel == sim.WalkinChannel && rs.Walkins != "" {
				replayed = append(replayed, i)
			}
		}
	} else {
		replayed = (&converter{c: c}).refs(at("cohorts"), rs.Cohorts, spec.Cohorts.index(), names, "cohort")
	}
	for _, i := range replayed {
		if i >= len(sc.Cohorts) {
			continue
		}
		co := sc.Cohorts[i]
		switch {
		case co.Channel == sim.PortalChannel && rs.Bookings == "":
			c.add(at("cohorts"), "cohort %q books through the portal, and there is no booking log (replay.bookings) to replay", co.Name)
		case co.Channel == sim.WalkinChannel && rs.Walkins == "":
			c.add(at("cohorts"), "cohort %q walks in, and there is no walk-in log (replay.walkins) to replay", co.Name)
		case co.Channel == sim.InvitationChannel:
			c.add(at("cohorts"), "cohort %q comes when invited; only portal and walk-in cohorts can be replayed", co.Name)
		case co.Channel == sim.PortalChannel:
			r.portal[co.Name] = int32(i)
		default:
			r.walkin[co.Name] = int32(i)
		}
	}
	if rs.Bookings != "" && len(r.portal) == 0 {
		c.add(at("bookings"), "no portal cohort to replay: the booking log needs a cohort with channel = \"portal\" (in replay.cohorts, if given)")
	}
	if rs.Walkins != "" && len(r.walkin) == 0 {
		c.add(at("walkins"), "no walk-in cohort to replay: the walk-in log needs a cohort with channel = \"walkin\" (in replay.cohorts, if given)")
	}
	logs := rs.Bookings != "" || rs.Walkins != ""
	if !logs && rs.Resample != DefaultResample {
		c.add(at("resample"), "applies only with a booking or walk-in log (replay.bookings, replay.walkins)")
	}
	until := des.Never
	if rs.Until != "" {
		if !logs {
			c.add(at("until"), "applies only with a booking or walk-in log (replay.bookings, replay.walkins)")
		}
		cv := &converter{c: c, loc: loc, start: sc.Start, timeOK: r.st != nil}
		if t, ok := cv.instant(at("until"), rs.Until, false); ok {
			until = t
		}
	}
	if logs {
		sc.Replay = &sim.Replay{Cohorts: replayed, Until: until, Resample: how}
		if how == sim.ScaleRows {
			sc.Replay.Factor = rs.Factor
		}
	}
	return r
}

// read reads the logs the [replay] table names into the scenario. It
// returns the logs' warnings, and their errors as an ErrorList in file
// order, each "file:line:column: message".
func (r *replayReader) read() ([]string, error) {
	var errs ErrorList
	logs := []struct {
		key  string
		cols []column
		read func(l *csvLog)
		// none says what happens when the log has no rows; "" when
		// that is a plain fact (a recording of a run without outages
		// or shipments writes their logs with a header only).
		none string
	}{
		{"bookings", r.bookingColumns(), r.readBookings, "the replayed portal cohorts make no booking attempts"},
		{"walkins", r.walkinColumns(), r.readWalkins, "the replayed walk-in cohorts do not come"},
		{"outages", outageColumns, r.readOutages, ""},
		{"shipments", shipmentColumns, r.readShipments, ""},
	}
	for _, lg := range logs {
		p := map[string]string{"bookings": r.spec.Bookings, "walkins": r.spec.Walkins,
			"outages": r.spec.Outages, "shipments": r.spec.Shipments}[lg.key]
		if p == "" {
			continue
		}
		key := path("replay", lg.key)
		f, size, name, err := r.files.open(p, r.c.originOf(key).set != "")
		if err == nil && size > replayLogSize {
			f.Close()
			err = fmt.Errorf("%s is %d bytes, more than the limit of %d bytes (512 MiB) for a replay log", name, size, replayLogSize)
		}
		if err != nil {
			r.c.add(key, "cannot read the log: %v", err)
			errs = append(errs, r.c.errs[len(r.c.errs)-1])
			continue
		}
		l := newCSVLog(name, f, lg.cols, r.spec.StrictOrder)
		l.st = r.st
		if len(l.errs) == 0 {
			lg.read(l)
			if l.rows == 0 && len(l.errs) == 0 && lg.none != "" {
				r.warnings = append(r.warnings, fmt.Sprintf("%s: the log holds only its header; %s", name, lg.none))
			}
		}
		f.Close()
		errs = append(errs, l.errs...)
		r.warnings = append(r.warnings, l.finish()...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return r.warnings, nil
}

// cohortColumns returns cols with the cohort column required when more
// than one cohort of the log's channel is replayed.
func cohortColumns(cols []column, replayed map[string]int32) []column {
	out := slices.Clone(cols)
	for i := range out {
		if out[i].name == "cohort" {
			out[i].required = len(replayed) > 1
		}
	}
	return out
}

func (r *replayReader) bookingColumns() []column { return cohortColumns(bookingColumns, r.portal) }
func (r *replayReader) walkinColumns() []column  { return cohortColumns(walkinColumns, r.walkin) }

// cohortOf returns the cohort of the current row: the one named in its
// cohort column, which must be a replayed cohort of the log's channel,
// or the only one.
func (r *replayReader) cohortOf(l *csvLog, col int, replayed map[string]int32, channel string) (int32, bool) {
	name := l.at(col)
	if name == "" {
		if len(replayed) == 1 {
			for _, i := range replayed {
				return i, true
			}
		}
		l.errIn("cohort", "empty; name one of the replayed %s cohorts, %s", channel, choices(sortedKeys(replayed)))
		return 0, false
	}
	i, ok := replayed[name]
	if !ok {
		if slices.Contains(cohortNamesOf(r.sc), name) {
			l.errIn("cohort", "cohort %s is not a replayed %s cohort (replayed: %s; see replay.cohorts)", excerpt(name), channel, choices(sortedKeys(replayed)))
		} else {
			l.errIn("cohort", "%s", unknownName("cohort", name, sortedKeys(replayed)))
		}
	}
	return i, ok
}

func sortedKeys(m map[string]int32) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func cohortNamesOf(sc *sim.Scenario) []string {
	names := make([]string, len(sc.Cohorts))
	for i, c := range sc.Cohorts {
		names[i] = c.Name
	}
	return names
}

func siteNamesOf(sc *sim.Scenario) []string {
	names := make([]string, len(sc.Sites))
	for i, s := range sc.Sites {
		names[i] = s.Name
	}
	return names
}

// stamp reads the timestamp in column name (of index col) of the current
// row.
func (r *replayReader) stamp(l *csvLog, col int, name string) (des.Time, bool) {
	t, _, ok := r.stampTrue(l, col, name)
	return t, ok
}

// stampTrue is stamp, also returning the timestamp's true instant, which
// it notes as the row's if name is the column rows are ordered by.
func (r *replayReader) stampTrue(l *csvLog, col int, name string) (des.Time, trueInstant, bool) {
	v := l.at(col)
	if v == "" {
		l.errIn(name, "empty; %s", stampHint)
		return 0, trueInstant{}, false
	}
	t, ti, ok := r.st.parse(v)
	if !ok {
		l.errIn(name, "invalid timestamp %s; %s", excerpt(v), stampHint)
	}
	if name == l.orderCol {
		l.orderTI = ti
	}
	return t, ti, ok
}

// site reads the site in the current row's column "site" (of index col): one of the
// scenario's sites, accepted by cohort ci (or by any, if ci < 0).
func (r *replayReader) site(l *csvLog, col int, ci int32) (int, bool) {
	name := l.at(col)
	s, ok := r.sites[name]
	if !ok {
		l.errIn("site", "%s", unknownName("site", name, siteNamesOf(r.sc)))
		return 0, false
	}
	if ci >= 0 {
		if co := r.sc.Cohorts[ci]; co.Sites != nil && !slices.Contains(co.Sites, s) {
			var ok []string
			for _, j := range co.Sites {
				ok = append(ok, r.sc.Sites[j].Name)
			}
			l.errIn("site", "cohort %q does not accept site %s (cohorts.%s.sites: %s)", co.Name, excerpt(name), co.Name, choices(ok))
			return 0, false
		}
	}
	return s, true
}

// cohortIf returns ci if ok, else -1 (any cohort).
func cohortIf(ci int32, ok bool) int32 {
	if ok {
		return ci
	}
	return -1
}

// warnOutside warns of the rows outside the simulated time; at returns
// a row's time.
func warnOutside[T any](r *replayReader, l *csvLog, rows []T, at func(T) des.Time) {
	n := 0
	for _, x := range rows {
		if t := at(x); t < r.from || t >= r.to {
			n++
		}
	}
	if n > 0 {
		r.warnings = append(r.warnings, fmt.Sprintf("%s: %d rows fall outside the simulated time (from the portal's first release to the end of the last day) and are not replayed", l.name, n))
	}
}

// outcomes are the outcomes of attempts by name.
var outcomes, outcomeNames = func() (map[string]sim.Outcome, []string) {
	m := map[string]sim.Outcome{}
	var names []string
	for o := sim.OutcomeBooked; o <= sim.OutcomeFailed; o++ {
		m[o.String()] = o
		names = append(names, o.String())
	}
	return m, names
}()

func (r *replayReader) readBookings(l *csvLog) {
	tm, cohort, site, appt := l.col("time"), l.col("cohort"), l.col("site"), l.col("appointment")
	attempt, outcome := l.col("attempt"), l.col("outcome")
	at := func(a sim.Attempt) des.Time { return a.At }
	rows, ok := readRows(l, "time", at, func() (sim.Attempt, bool) {
		a := sim.Attempt{Slot: sim.AnySlot, Site: -1}
		ok := true
		var okT bool
		a.At, okT = r.stamp(l, tm, "time")
		ci, okC := r.cohortOf(l, cohort, r.portal, "portal")
		a.Cohort = ci
		if l.at(site) != "" {
			s, okS := r.site(l, site, cohortIf(ci, okC))
			a.Site = int32(s)
			ok = ok && okS
		}
		if l.at(appt) != "" {
			if a.Site < 0 && ok {
				l.errIn("appointment", "an appointment needs the site it is at (column site)")
				ok = false
			} else if t, okA := r.stamp(l, appt, "appointment"); okA {
				a.Slot = t
			} else {
				ok = false
			}
		}
		if v := l.at(attempt); v != "" {
			n, okN := digits(v)
			if !okN || n < 1 || n > maxAttemptNumber {
				l.errIn("attempt", "%s is not a whole number from 1 (a first attempt) to %d", excerpt(v), maxAttemptNumber)
				ok = false
			}
			a.Failures = int32(n - 1)
		}
		if v := l.at(outcome); v != "" {
			o, okO := outcomes[v]
			if !okO {
				l.errIn("outcome", "%s", unknownName("outcome", v, quoteAll(outcomeNames)))
				ok = false
			}
			a.Outcome = o
		}
		return a, ok && okT && okC
	})
	if !ok {
		return
	}
	warnOutside(r, l, rows, at)
	r.sc.Replay.Attempts = rows
}

func (r *replayReader) readWalkins(l *csvLog) {
	at := func(a sim.Arrival) des.Time { return a.At }
	rows, ok := readRows(l, "time", at, func() (sim.Arrival, bool) {
		t, okT := r.stamp(l, l.col("time"), "time")
		ci, okC := r.cohortOf(l, l.col("cohort"), r.walkin, "walk-in")
		s, okS := r.site(l, l.col("site"), cohortIf(ci, okC))
		if okS && !r.sc.Sites[s].Walkins {
			l.errIn("site", "site %q does not take walk-ins (sites.%s.walkins = false)", r.sc.Sites[s].Name, r.sc.Sites[s].Name)
			okS = false
		}
		return sim.Arrival{At: t, Site: int32(s), Cohort: ci}, okT && okC && okS
	})
	if !ok {
		return
	}
	warnOutside(r, l, rows, at)
	r.sc.Replay.Walkins = rows
}

// prob reads a probability in column name, "" meaning 0.
func prob(l *csvLog, name string) (float64, bool) {
	v := string(l.get(name))
	if v == "" {
		return 0, true
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || !(x >= 0 && x <= 1) {
		l.errIn(name, "%s is not a probability from 0 to 1", excerpt(v))
		return 0, false
	}
	return x, true
}

func (r *replayReader) readOutages(l *csvLog) {
	modes := map[string]sim.OutageMode{"down": sim.Down, "degraded": sim.Degraded, "lost": sim.Lost}
	rows, ok := readRows(l, "start", func(o sim.Outage) des.Time { return o.Start }, func() (sim.Outage, bool) {
		o := sim.Outage{Name: fmt.Sprintf("%s:%d", l.name, l.line)}
		var ok1, ok2 bool
		var startTI, endTI trueInstant
		o.Start, startTI, ok1 = r.stampTrue(l, l.col("start"), "start")
		o.End, endTI, ok2 = r.stampTrue(l, l.col("end"), "end")
		ok := ok1 && ok2
		if ok && (startTI.ok || endTI.ok) {
			// Offsets compare as instants. In true order across the hour
			// a zone repeats when it falls back, which the civil clock
			// shows once, the outage lasts its true length from its start.
			switch d := r.st.unix(o.End, endTI) - r.st.unix(o.Start, startTI); {
			case d <= 0:
				o.End = o.Start
			case o.End <= o.Start:
				o.End = o.Start + des.Time(d)
			}
		}
		if ok && o.End <= o.Start {
			l.errIn("end", "%s is not after start %s; an outage ends after it starts", plainExcerpt(l.get("end")), plainExcerpt(l.get("start")))
			ok = false
		}
		if v := l.get("mode"); v != "" {
			m, okM := modes[v]
			if !okM {
				l.errIn("mode", "%s", unknownName("mode", v, quoteAll([]string{"down", "degraded", "lost"})))
				ok = false
			}
			o.Mode = m
		}
		var okS, okU bool
		o.Success, okS = prob(l, "success")
		o.ShowUp, okU = prob(l, "show_up")
		return o, ok && okS && okU
	})
	if !ok {
		return
	}
	n := 0
	for _, o := range rows {
		if o.End <= r.from || o.Start >= r.to {
			n++
		}
	}
	if n > 0 {
		r.warnings = append(r.warnings, fmt.Sprintf("%s: %d outages lie outside the simulated time (from the portal's first release to the end of the last day) and never happen", l.name, n))
	}
	pt := &r.sc.Portal
	pt.Outages = append(pt.Outages, rows...)
	if pt.Random.Enabled {
		pt.Random.Enabled = false
		r.warnings = append(r.warnings, fmt.Sprintf("%s: the outage log replaces the random outages (portal.random_outages), which are off", l.name))
	}
}

func (r *replayReader) readShipments(l *csvLog) {
	products := map[string]int{}
	var productNames []string
	for i, p := range r.sc.Products {
		products[p.Name] = i
		productNames = append(productNames, p.Name)
	}
	depots := map[string]int{}
	var depotNames []string
	for i, d := range r.sc.Depots {
		depots[d.Name] = i
		depotNames = append(depotNames, d.Name)
	}
	rows, ok := readRows(l, "date", func(d sim.Delivery) des.Time { return d.At }, func() (sim.Delivery, bool) {
		d := sim.Delivery{Name: fmt.Sprintf("%s:%d", l.name, l.line), Site: -1, Depot: -1}
		var ok bool
		d.At, ok = r.stamp(l, l.col("date"), "date")
		site, depot := l.get("site"), l.get("depot")
		switch {
		case (site == "") == (depot == ""):
			col := "site"
			if !l.has(col) {
				col = "depot"
			}
			l.errIn(col, "give the site or the depot the doses go to (one of the two)")
			ok = false
		case site != "":
			s, okS := r.site(l, l.col("site"), -1)
			d.Site, ok = s, ok && okS
		default:
			j, okD := depots[depot]
			if !okD {
				l.errIn("depot", "%s", unknownName("depot", depot, depotNames))
			}
			d.Depot, ok = j, ok && okD
		}
		switch p := l.get("product"); {
		case p != "":
			j, okP := products[p]
			if !okP {
				l.errIn("product", "%s", unknownName("product", p, productNames))
			}
			d.Product, ok = j, ok && okP
		case len(productNames) != 1:
			l.errIn("product", "empty, and there is not exactly one product: name one of %s", choices(productNames))
			ok = false
		}
		v := l.get("doses")
		n, err := strconv.ParseInt(v, 10, 64)
		switch {
		case err != nil:
			l.errIn("doses", "%s is not a whole number of doses", excerpt(v))
			ok = false
		case n < 0:
			l.errIn("doses", "must be 0 or more, found %d", n)
			ok = false
		case n > maxInitialDoses:
			l.errIn("doses", "must be at most %d, found %d", int64(maxInitialDoses), n)
			ok = false
		}
		d.Doses = n
		if ok {
			ok = r.productUsed(l, d)
		}
		return d, ok
	})
	if !ok {
		return
	}
	early, late := 0, 0
	for _, d := range rows {
		switch {
		case d.At < r.from:
			early++
		case d.At >= r.to:
			late++
		}
	}
	if early > 0 {
		r.warnings = append(r.warnings, fmt.Sprintf("%s: %d rows fall before the simulated time (the portal's first release); their doses arrive at its start", l.name, early))
	}
	if late > 0 {
		r.warnings = append(r.warnings, fmt.Sprintf("%s: %d rows fall after the end of the last day; their doses never arrive", l.name, late))
	}
	r.sc.Deliveries = append(r.sc.Deliveries, rows...)
}

// productUsed checks that some site at the current row's destination
// uses the row's product.
func (r *replayReader) productUsed(l *csvLog, d sim.Delivery) bool {
	sc := r.sc
	product := sc.Products[d.Product].Name
	var sites []int
	if d.Site >= 0 {
		sites = []int{d.Site}
	} else {
		sites = sc.Depots[d.Depot].Sites
	}
	var names []string
	for _, i := range sites {
		if i < 0 || i >= len(sc.Sites) || sc.Sites[i].Product == d.Product {
			return true
		}
		names = append(names, sc.Sites[i].Name)
	}
	if d.Site >= 0 {
		s := sc.Sites[d.Site]
		l.errIn("product", "site %q uses product %q, not %q: the doses would never be given", s.Name, sc.Products[s.Product].Name, product)
	} else {
		l.errIn("product", "none of the sites of depot %q (%s) uses product %q: the doses would never be given", sc.Depots[d.Depot].Name, choices(names), product)
	}
	return false
}

// slashDir returns the folder of a slash-separated path in a file system.
func slashDir(p string) string { return slashpath.Dir(p) }
