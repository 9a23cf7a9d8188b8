package scenarios

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

// This file writes the replay logs that replay.go reads: `vaxsim run
// --record DIR` records each replication of a run as a folder that a
// scenario's [replay] table replays. The formats are the README's
// "Replaying recorded data": a header row naming the columns (the same
// tables the reader checks), then one row per record, timestamps as
// civil date-times in the scenario's zone.

// The files of a recording folder (RecordingDir).
const (
	BookingsLog        = "bookings.csv"  // booking attempts: time,cohort,site,appointment,attempt,outcome
	WalkinsLog         = "walkins.csv"   // walk-in arrivals: time,site,cohort
	OutagesLog         = "outages.csv"   // portal outages: start,end,mode,success,show_up
	ShipmentsLog       = "shipments.csv" // deliveries: date,site,depot,product,doses
	ReplayScenarioFile = "replay.toml"   // the scenario that replays the logs beside it
)

// RecordingDir returns the folder of replication rep in a recording
// folder dir: dir/rep-N.
func RecordingDir(dir string, rep int) string {
	return filepath.Join(dir, "rep-"+strconv.Itoa(rep))
}

// WriteFileFunc writes the file at path with write, which writes the
// file's bytes. output.WriteFile, which writes atomically, is one.
type WriteFileFunc func(path string, write func(io.Writer) error) error

// WriteRecordings writes recs, the recordings of replications 0, 1, ...
// of a run of f, into dir: for each replication the folder
// RecordingDir(dir, rep), created if needed, holding the four replay
// logs (BookingsLog, WalkinsLog, OutagesLog, ShipmentsLog) and
// ReplayScenarioFile, the scenario replaying them (ReplayScenario; it
// names the booking and walk-in logs only if f has portal or walk-in
// cohorts). Replayed on the run's seed, replication N of
// dir/rep-N/replay.toml gives replication N's results again.
//
// Each file is written with writeFile; nil writes it in place with
// os.Create. The first error is returned, naming the file; a nil
// recording is an error.
func WriteRecordings(dir string, f *File, recs []*sim.Recording, writeFile WriteFileFunc) error {
	if writeFile == nil {
		writeFile = createFile
	}
	text, err := ReplayScenario(f.Resolved, recordingLogs(f.Scenario))
	if err != nil {
		return err
	}
	sc := f.Scenario
	for rep, rec := range recs {
		if rec == nil {
			return fmt.Errorf("scenarios: no recording of replication %d", rep)
		}
		d := RecordingDir(dir, rep)
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		files := []struct {
			name  string
			write func(io.Writer) error
		}{
			{BookingsLog, func(w io.Writer) error { return WriteBookings(w, sc, rec.Attempts) }},
			{WalkinsLog, func(w io.Writer) error { return WriteWalkins(w, sc, rec.Walkins) }},
			{OutagesLog, func(w io.Writer) error { return WriteOutages(w, sc, rec.Outages) }},
			{ShipmentsLog, func(w io.Writer) error { return WriteShipments(w, sc, rec.Deliveries) }},
			{ReplayScenarioFile, func(w io.Writer) error { _, err := w.Write(text); return err }},
		}
		for _, file := range files {
			if err := writeFile(filepath.Join(d, file.name), file.write); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordingLogs names the logs replay.toml replays: the booking log if
// sc has a portal cohort, the walk-in log if it has a walk-in cohort, and
// always the outages and shipments, which replace the scenario's own.
func recordingLogs(sc *sim.Scenario) ReplayLogs {
	logs := ReplayLogs{Outages: OutagesLog, Shipments: ShipmentsLog}
	for _, c := range sc.Cohorts {
		switch c.Channel {
		case sim.PortalChannel:
			logs.Bookings = BookingsLog
		case sim.WalkinChannel:
			logs.Walkins = WalkinsLog
		}
	}
	return logs
}

// createFile writes the file at path with write, in place.
func createFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("scenarios: writing %s: %w", path, err)
	}
	return nil
}

// writeLog writes one replay log: the header from the log's columns,
// then a record for each row, which fill writes into record (cleared
// before each row) using st for timestamps. It returns w's first error.
func writeLog[T any](w io.Writer, sc *sim.Scenario, cols []column, rows []T, fill func(record []string, st *stamper, row T)) error {
	cw := csv.NewWriter(w)
	record := make([]string, len(cols))
	for i, c := range cols {
		record[i] = c.name
	}
	cw.Write(record) // an error stays in cw, for cw.Error
	st := newStamper(sc)
	for _, row := range rows {
		clear(record)
		fill(record, st, row)
		cw.Write(record)
	}
	cw.Flush()
	return cw.Error()
}

// stamper formats model times as the civil date-times of a scenario.
type stamper struct {
	start sim.Date
	day   int    // the day of the cached date
	date  string // "2021-01-22"
	buf   []byte
}

func newStamper(sc *sim.Scenario) *stamper {
	return &stamper{start: sc.Start, date: sc.Start.String()}
}

// stamp formats t as "2006-01-02T15:04:05", with ".000" milliseconds
// when they are not 0; as a date alone if dateOnly and t is at 00:00.
func (s *stamper) stamp(t des.Time, dateOnly bool) string {
	day, clock := des.DayOf(t)
	if day != s.day {
		s.day, s.date = day, s.start.AddDays(day).String()
	}
	if dateOnly && clock == 0 {
		return s.date
	}
	ms := int64(clock)
	h, m, sec, frac := ms/3_600_000, ms/60_000%60, ms/1000%60, ms%1000
	b := append(s.buf[:0], s.date...)
	b = append(b, 'T', byte('0'+h/10), byte('0'+h%10), ':', byte('0'+m/10), byte('0'+m%10),
		':', byte('0'+sec/10), byte('0'+sec%10))
	if frac != 0 {
		b = append(b, '.', byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10))
	}
	s.buf = b
	return string(b)
}

// WriteBookings writes booking attempts of a run of sc as a booking log
// (BookingsLog): time, cohort, site and appointment (of a booking or a
// lost one; empty for a failure), attempt (1 + earlier failures) and
// outcome. The rows refer to sc's cohorts and sites by index. It returns
// w's first error.
func WriteBookings(w io.Writer, sc *sim.Scenario, rows []sim.Attempt) error {
	slots := newStamper(sc) // appointments fall on other days than attempts: cache their day apart
	return writeLog(w, sc, bookingColumns, rows, func(r []string, st *stamper, a sim.Attempt) {
		r[0] = st.stamp(a.At, false)
		r[1] = sc.Cohorts[a.Cohort].Name
		if a.Site >= 0 {
			r[2] = sc.Sites[a.Site].Name
		}
		if a.Slot != sim.AnySlot {
			r[3] = slots.stamp(a.Slot, false)
		}
		r[4] = strconv.FormatInt(int64(a.Failures)+1, 10)
		r[5] = a.Outcome.String()
	})
}

// WriteWalkins writes walk-in arrivals of a run of sc as a walk-in log
// (WalkinsLog): time, site, cohort. It returns w's first error.
func WriteWalkins(w io.Writer, sc *sim.Scenario, rows []sim.Arrival) error {
	return writeLog(w, sc, walkinColumns, rows, func(r []string, st *stamper, a sim.Arrival) {
		r[0] = st.stamp(a.At, false)
		r[1] = sc.Sites[a.Site].Name
		r[2] = sc.Cohorts[a.Cohort].Name
	})
}

// WriteOutages writes a portal's outages as an outage log (OutagesLog):
// start, end, mode, success (of a degraded outage) and show_up (of a lost
// one), the probabilities in the shortest form that reads back exactly.
// It returns w's first error.
func WriteOutages(w io.Writer, sc *sim.Scenario, rows []sim.Outage) error {
	return writeLog(w, sc, outageColumns, rows, func(r []string, st *stamper, o sim.Outage) {
		r[0] = st.stamp(o.Start, false)
		r[1] = st.stamp(o.End, false)
		r[2] = o.Mode.String()
		switch o.Mode {
		case sim.Degraded:
			r[3] = strconv.FormatFloat(o.Success, 'g', -1, 64)
		case sim.Lost:
			r[4] = strconv.FormatFloat(o.ShowUp, 'g', -1, 64)
		}
	})
}

// WriteShipments writes deliveries of a run of sc as a shipment log
// (ShipmentsLog): date (a date, or a date-time if not at 00:00), site or
// depot, product, doses. It returns w's first error.
func WriteShipments(w io.Writer, sc *sim.Scenario, rows []sim.Delivery) error {
	return writeLog(w, sc, shipmentColumns, rows, func(r []string, st *stamper, d sim.Delivery) {
		r[0] = st.stamp(d.At, true)
		if d.Site >= 0 {
			r[1] = sc.Sites[d.Site].Name
		} else {
			r[2] = sc.Depots[d.Depot].Name
		}
		r[3] = sc.Products[d.Product].Name
		r[4] = strconv.FormatInt(d.Doses, 10)
	})
}
