package runfiles

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"vaxsim/output/files"
	"vaxsim/sim"
	"vaxsim/sim/des"
)

// The replay logs of a recording folder: `vaxsim run --record DIR` writes
// one folder of them per replication, DIR/rep-N. Their formats are the
// ones a scenario's [replay] table reads (README: Replaying recorded
// data): a header row, then one row per record, timestamps as civil
// date-times in the scenario's zone ("2021-01-22T08:31:12.345",
// milliseconds when not 0).
const (
	BookingsFile  = "bookings.csv"  // time,cohort,site,appointment,attempt,outcome
	WalkinsFile   = "walkins.csv"   // time,site,cohort
	OutagesFile   = "outages.csv"   // start,end,mode,success,show_up
	ShipmentsFile = "shipments.csv" // date,site,depot,product,doses
)

// RecordingDir returns the folder of replication rep in a recording
// folder dir: dir/rep-N.
func RecordingDir(dir string, rep int) string {
	return filepath.Join(dir, "rep-"+strconv.Itoa(rep))
}

// WriteRecording writes rec, the recording of a run of sc, into dir as
// the four replay logs, creating dir if needed. Each file is written
// atomically (see files.Write).
func WriteRecording(dir string, sc *sim.Scenario, rec *sim.Recording) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	logs := []struct {
		name  string
		write func(io.Writer) error
	}{
		{BookingsFile, func(w io.Writer) error { return WriteBookings(w, sc, rec.Attempts) }},
		{WalkinsFile, func(w io.Writer) error { return WriteWalkins(w, sc, rec.Walkins) }},
		{OutagesFile, func(w io.Writer) error { return WriteOutages(w, sc, rec.Outages) }},
		{ShipmentsFile, func(w io.Writer) error { return WriteShipments(w, sc, rec.Deliveries) }},
	}
	for _, f := range logs {
		if err := files.Write(filepath.Join(dir, f.name), f.write); err != nil {
			return err
		}
	}
	return nil
}

// stamper formats model times as civil date-times of the scenario.
type stamper struct {
	start sim.Date
	day   int    // the day of the cached date
	date  string // "2021-01-22"
}

func newStamper(sc *sim.Scenario) *stamper {
	return &stamper{start: sc.Start, day: 0, date: sc.Start.String()}
}

// stamp appends t to b as "2006-01-02T15:04:05", with ".000" milliseconds
// when they are not 0; as a date alone if dateOnly and t is at 00:00.
func (s *stamper) stamp(b []byte, t des.Time, dateOnly bool) []byte {
	day, clock := des.DayOf(t)
	if day != s.day {
		s.day, s.date = day, s.start.AddDays(day).String()
	}
	b = append(b, s.date...)
	if dateOnly && clock == 0 {
		return b
	}
	ms := int64(clock)
	h, m, sec, frac := ms/3_600_000, ms/60_000%60, ms/1000%60, ms%1000
	b = append(b, 'T', byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10),
		':', byte('0'+sec/10), byte('0'+sec%10))
	if frac != 0 {
		b = append(b, '.', byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10))
	}
	return b
}

// rowWriter writes CSV rows of plain fields (names, numbers, timestamps:
// none needs quoting).
type rowWriter struct {
	w   io.Writer
	buf []byte
}

func (r *rowWriter) line(b []byte) error {
	b = append(b, '\n')
	_, err := r.w.Write(b)
	r.buf = b[:0]
	return err
}

// WriteBookings writes booking attempts of a run of sc as a booking log:
// time, cohort, site and appointment (of a booking or a lost one; empty
// for a failure), attempt (1 + earlier failures) and outcome.
func WriteBookings(w io.Writer, sc *sim.Scenario, rows []sim.Attempt) error {
	rw := &rowWriter{w: w}
	if err := rw.line(append(rw.buf, "time,cohort,site,appointment,attempt,outcome"...)); err != nil {
		return err
	}
	st := newStamper(sc)
	for _, a := range rows {
		b := st.stamp(rw.buf, a.At, false)
		b = append(append(b, ','), sc.Cohorts[a.Cohort].Name...)
		b = append(b, ',')
		if a.Site >= 0 {
			b = append(b, sc.Sites[a.Site].Name...)
		}
		b = append(b, ',')
		if a.Slot != sim.AnySlot {
			b = st.stamp(b, a.Slot, false)
		}
		b = strconv.AppendInt(append(b, ','), int64(a.Failures)+1, 10)
		b = append(append(b, ','), a.Outcome.String()...)
		if err := rw.line(b); err != nil {
			return err
		}
	}
	return nil
}

// WriteWalkins writes walk-in arrivals of a run of sc as a walk-in log:
// time, site, cohort.
func WriteWalkins(w io.Writer, sc *sim.Scenario, rows []sim.Arrival) error {
	rw := &rowWriter{w: w}
	if err := rw.line(append(rw.buf, "time,site,cohort"...)); err != nil {
		return err
	}
	st := newStamper(sc)
	for _, a := range rows {
		b := st.stamp(rw.buf, a.At, false)
		b = append(append(b, ','), sc.Sites[a.Site].Name...)
		b = append(append(b, ','), sc.Cohorts[a.Cohort].Name...)
		if err := rw.line(b); err != nil {
			return err
		}
	}
	return nil
}

// WriteOutages writes a portal's outages as an outage log: start, end,
// mode, success (of a degraded outage) and show_up (of a lost one).
func WriteOutages(w io.Writer, sc *sim.Scenario, rows []sim.Outage) error {
	rw := &rowWriter{w: w}
	if err := rw.line(append(rw.buf, "start,end,mode,success,show_up"...)); err != nil {
		return err
	}
	st := newStamper(sc)
	for _, o := range rows {
		b := st.stamp(rw.buf, o.Start, false)
		b = st.stamp(append(b, ','), o.End, false)
		b = append(append(b, ','), o.Mode.String()...)
		b = append(b, ',')
		if o.Mode == sim.Degraded {
			b = strconv.AppendFloat(b, o.Success, 'g', -1, 64)
		}
		b = append(b, ',')
		if o.Mode == sim.Lost {
			b = strconv.AppendFloat(b, o.ShowUp, 'g', -1, 64)
		}
		if err := rw.line(b); err != nil {
			return err
		}
	}
	return nil
}

// WriteShipments writes deliveries of a run of sc as a shipment log:
// date (a date, or a date-time if not at 00:00), site or depot, product,
// doses.
func WriteShipments(w io.Writer, sc *sim.Scenario, rows []sim.Delivery) error {
	rw := &rowWriter{w: w}
	if err := rw.line(append(rw.buf, "date,site,depot,product,doses"...)); err != nil {
		return err
	}
	st := newStamper(sc)
	for _, d := range rows {
		b := st.stamp(rw.buf, d.At, true)
		b = append(b, ',')
		if d.Site >= 0 {
			b = append(b, sc.Sites[d.Site].Name...)
		}
		b = append(b, ',')
		if d.Site < 0 {
			b = append(b, sc.Depots[d.Depot].Name...)
		}
		b = append(append(b, ','), sc.Products[d.Product].Name...)
		b = strconv.AppendInt(append(b, ','), d.Doses, 10)
		if err := rw.line(b); err != nil {
			return err
		}
	}
	return nil
}
