package scenarios

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"vaxsim/sim"
	"vaxsim/sim/des"
)

// This file reads the CSV logs of [replay] with encoding/csv: a header
// row naming the columns, then one row per record, read as a stream.
// Fields are separated by commas and may be quoted ("a, b", with "" for a
// quote inside); a field cannot hold a line break; blank lines are
// skipped. Errors name file:line:column, the column being the 1-based
// byte of the field in its line (csv.Reader.FieldPos).

// Limits of a CSV log.
const (
	// MaxCSVLine is the longest line of a CSV log, in bytes: a longer
	// one is an error, found without reading the rest of it.
	MaxCSVLine = 1 << 20
	// maxCSVErrors is the number of errors reported in one log before
	// reading stops.
	maxCSVErrors = 10
	// maxUnknownColumns is the number of unused columns a warning names.
	maxUnknownColumns = 3
)

// column is a column of a CSV log.
type column struct {
	name     string
	required bool
}

// csvError is an error of a CSV file at a line and column.
type csvError struct {
	line, col int
	msg       string
}

func (e *csvError) Error() string { return e.msg }

// lineLimit passes on the bytes of a reader and fails with a *csvError
// as soon as a line is longer than MaxCSVLine, so that a file that is not
// a CSV log is not read whole into one record. It counts lines, and so
// knows where the file ends.
type lineLimit struct {
	r     io.Reader
	line  int   // lines ended so far
	n     int   // bytes of the current line so far
	prev  int   // bytes of the last line ended, with its '\n'
	total int64 // bytes read so far
}

func (l *lineLimit) Read(p []byte) (int, error) {
	if l.total > replayLogSize {
		return 0, l.tooLarge()
	}
	n, err := l.r.Read(p[:min(int64(len(p)), replayLogSize+1-l.total)])
	l.total += int64(n)
	if l.total > replayLogSize {
		err = l.tooLarge()
	}
	b := p[:n]
	if l.n+len(b) <= MaxCSVLine { // no line in b can pass the limit
		i := bytes.LastIndexByte(b, '\n')
		if i < 0 {
			l.n += len(b)
			return n, err
		}
		l.line += bytes.Count(b, []byte{'\n'})
		if j := bytes.LastIndexByte(b[:i], '\n'); j >= 0 {
			l.prev = i - j
		} else {
			l.prev = l.n + i + 1
		}
		l.n = len(b) - i - 1
		return n, err
	}
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			i = len(b)
		}
		if l.n+i > MaxCSVLine {
			return n - len(b), &csvError{l.line + 1, MaxCSVLine + 1,
				fmt.Sprintf("line longer than the limit of %d bytes (1 MiB); is this a CSV log?", MaxCSVLine)}
		}
		if i == len(b) {
			l.n += i
			break
		}
		l.line, l.prev, l.n, b = l.line+1, l.n+i+1, 0, b[i+1:]
	}
	return n, err
}

// tooLarge is the error of a log that passes MaxReplayLogSize while
// it is read (a file whose size said otherwise).
func (l *lineLimit) tooLarge() error {
	return &csvError{l.line + 1, 1, fmt.Sprintf("the log passes the limit of %d bytes (512 MiB) for a replay log", replayLogSize)}
}

// end returns the position just past the last byte read, as
// encoding/csv reports it: the last line, and the column after it.
func (l *lineLimit) end() (line, col int) {
	if l.n > 0 {
		return l.line + 1, l.n + 1
	}
	return l.line, l.prev + 1
}

// csvLog reads one CSV log: its header, then its rows one at a time.
type csvLog struct {
	name  string // the file, for messages
	r     *csv.Reader
	lim   *lineLimit
	row   []string       // the current row's fields
	cols  map[string]int // column name -> field index
	width int            // fields in the header
	line  int            // of the current row
	rows  int            // rows read after the header
	errs  ErrorList
	full  bool // too many errors, or a syntax error: stop reading
	// rows out of time order
	strict    bool
	last      des.Time
	lastLine  int
	unordered int
	warnings  []string
	// Rows in true time order that the civil clock does not order: in
	// the hour a zone repeats, given with offsets.
	st       *stamps     // nil: no true instants
	orderCol string      // the column rows are ordered by
	orderTI  trueInstant // the true instant of the current row's time
	lastTI   trueInstant
	folded   int
}

// newCSVLog reads the header of the log in r, named name in messages,
// and checks it against cols: every required column must be there, no
// column twice; other columns are ignored with one warning.
func newCSVLog(name string, r io.Reader, cols []column, strict bool) *csvLog {
	lim := &lineLimit{r: r}
	cr := csv.NewReader(lim)
	cr.FieldsPerRecord = -1 // checked here, with a message of our own
	cr.ReuseRecord = true
	l := &csvLog{name: name, r: cr, lim: lim, cols: map[string]int{}, strict: strict, last: math.MinInt64}
	var want []string
	for _, c := range cols {
		want = append(want, c.name)
	}
	if err := l.read(); err != nil {
		if err == io.EOF {
			l.addAt(1, 1, "empty file; a header row is required, naming the columns (%s)", strings.Join(want, ","))
		} else {
			l.readError(err)
		}
		return l
	}
	header := slices.Clone(l.row)
	header[0] = strings.TrimPrefix(header[0], "\uFEFF") // a byte-order mark
	if len(header) == 1 {
		for _, sep := range []string{";", "\t", "|"} {
			if strings.Contains(header[0], sep) {
				l.addAt(l.line, 1, "the header is one column, %s: the file seems separated by %q; write comma-separated values (%s)",
					excerpt(header[0]), sep, strings.Join(want, ","))
				return l
			}
		}
	}
	l.width = len(header)
	var unknown []string
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := l.cols[h]; dup {
			l.addAt(l.line, l.fieldCol(i), "column %s appears twice in the header", excerpt(h))
			continue
		}
		l.cols[h] = i
		if !slices.ContainsFunc(cols, func(c column) bool { return c.name == h }) {
			unknown = append(unknown, excerpt(h))
		}
	}
	for _, c := range cols {
		if _, ok := l.cols[c.name]; c.required && !ok {
			l.addAt(l.line, 1, "no column %q; the header must name %s (columns: %s; found: %s)",
				c.name, requiredNames(cols), strings.Join(want, ","), plainExcerpt(strings.Join(header, ",")))
		}
	}
	if len(unknown) > 0 {
		what := "column " + unknown[0] + " is"
		if len(unknown) > maxUnknownColumns { // quote only a little of the file
			unknown = append(unknown[:maxUnknownColumns], fmt.Sprintf("and %d more", len(unknown)-maxUnknownColumns))
		}
		if len(unknown) > 1 {
			what = "columns " + strings.Join(unknown, ", ") + " are"
		}
		l.warnings = append(l.warnings, fmt.Sprintf("%s:%d: %s not used and ignored (columns read: %s)", name, l.line, what, strings.Join(want, ",")))
	}
	return l
}

// read reads the next record into l.row and its line into l.line. It
// returns io.EOF at the end, a *csv.ParseError or *csvError for bad
// syntax, or the reader's error.
func (l *csvLog) read() error {
	row, err := l.r.Read()
	if err != nil {
		return err
	}
	l.row = row
	l.line, _ = l.r.FieldPos(0)
	if last := len(row) - 1; strings.IndexByte(row[last], '\n') >= 0 || l.lineOf(last) != l.line {
		for i := range row {
			if strings.IndexByte(row[i], '\n') >= 0 {
				line, col := l.r.FieldPos(i)
				return &csvError{line, col, "a quoted field does not end on its line (a field cannot hold a line break)"}
			}
		}
	}
	return nil
}

// lineOf returns the line where field i of the current row starts.
func (l *csvLog) lineOf(i int) int {
	line, _ := l.r.FieldPos(i)
	return line
}

// fieldCol returns the column where field i of the current row starts.
func (l *csvLog) fieldCol(i int) int {
	_, col := l.r.FieldPos(i)
	return col
}

func requiredNames(cols []column) string {
	var names []string
	for _, c := range cols {
		if c.required {
			names = append(names, strconv.Quote(c.name))
		}
	}
	if len(names) > 1 {
		return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	return choices(names)
}

// next reads the next row; it returns false at the end of the file, after
// a syntax error or after too many errors.
func (l *csvLog) next() bool {
	for !l.full && l.width > 0 {
		if err := l.read(); err != nil {
			if err != io.EOF {
				l.readError(err)
			}
			return false
		}
		if l.rows++; l.rows > replayRows {
			l.addAt(l.line, 1, "more than %d rows, the limit of a replay log", replayRows)
			l.full = true
			return false
		}
		if n := len(l.row); n != l.width {
			l.addAt(l.line, l.fieldCol(min(n, l.width)-1), "%d fields in this row, %d in the header", n, l.width)
			continue
		}
		return true
	}
	return false
}

// readError records a syntax error or an error of the file, and stops
// reading.
func (l *csvLog) readError(err error) {
	var ce *csvError
	var pe *csv.ParseError
	switch {
	case errors.As(err, &ce):
		l.addAt(ce.line, ce.col, "%s", ce.msg)
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrBareQuote):
		l.addAt(pe.Line, pe.Column, `a quote in a field that does not start with one; quote the whole field ("a ""b"" c")`)
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote) && l.spans(pe):
		// The reader went on past the row's line looking for the closing
		// quote; the column where the field started is not known.
		l.addAt(pe.StartLine, 1, "a quoted field in this row does not end on its line (a field cannot hold a line break)")
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote):
		l.addAt(pe.Line, pe.Column+1, "text after the closing quote of a field")
	case errors.As(err, &pe):
		l.addAt(pe.Line, pe.Column, "%v", pe.Err)
	default:
		l.addAt(l.lim.line+1, 0, "%v", err)
	}
	l.full = true
}

// spans reports whether a syntax error is past the line where its row
// starts, or at the end of the file, where a quoted field that does not
// end stops the reader.
func (l *csvLog) spans(pe *csv.ParseError) bool {
	line, col := l.lim.end()
	return pe.Line > pe.StartLine || pe.Line == line && pe.Column == col
}

// addAt records an error at line and column.
func (l *csvLog) addAt(line, col int, format string, args ...any) {
	if l.full {
		return
	}
	if len(l.errs) == maxCSVErrors {
		l.errs = append(l.errs, &Error{File: l.name, Line: line, Column: col,
			Msg: fmt.Sprintf("stopped reading after %d errors", maxCSVErrors)})
		l.full = true
		return
	}
	l.errs = append(l.errs, &Error{File: l.name, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)})
}

// has reports whether the log has column name.
func (l *csvLog) has(name string) bool {
	_, ok := l.cols[name]
	return ok
}

// col returns the index of column name, or -1 if the log has none.
func (l *csvLog) col(name string) int {
	if i, ok := l.cols[name]; ok {
		return i
	}
	return -1
}

// get returns the current row's value in column name, trimmed, or ""
// if the log has no such column.
func (l *csvLog) get(name string) string { return l.at(l.col(name)) }

// at returns the current row's value in the column of index i (from
// col), trimmed, or "" if i is -1.
func (l *csvLog) at(i int) string {
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(l.row[i])
}

// rowBuffer collects the rows of a log in chunks, so that a million rows
// are copied once, into a slice of their exact size.
type rowBuffer[T any] struct {
	full [][]T
	cur  []T
	n    int
}

func (b *rowBuffer[T]) add(x T) {
	if len(b.cur) == cap(b.cur) {
		if b.cur != nil {
			b.full = append(b.full, b.cur)
		}
		b.cur = make([]T, 0, min(max(2*cap(b.cur), 256), 1<<16))
	}
	b.cur = append(b.cur, x)
	b.n++
}

// rows returns the rows added, in order.
func (b *rowBuffer[T]) rows() []T {
	out := make([]T, 0, b.n)
	for _, c := range b.full {
		out = append(out, c...)
	}
	return append(out, b.cur...)
}

// readRows reads the rows of l with parse, which reads the current row
// and reports whether it is valid. It notes the time of each valid row,
// at(row) in column timeCol, with ordered, and returns the valid rows in
// time order; false if the log has errors.
func readRows[T any](l *csvLog, timeCol string, at func(T) des.Time, parse func() (T, bool)) ([]T, bool) {
	var buf rowBuffer[T]
	l.orderCol = timeCol
	for l.next() {
		if x, ok := parse(); ok {
			l.ordered(timeCol, at(x))
			buf.add(x)
		}
	}
	if len(l.errs) > 0 {
		return nil, false
	}
	rows := buf.rows()
	if l.unordered > 0 || l.folded > 0 {
		slices.SortStableFunc(rows, func(a, b T) int { return cmp.Compare(at(a), at(b)) })
	}
	return rows, true
}

// errIn records an error about the current row's value in column name.
func (l *csvLog) errIn(name string, format string, args ...any) {
	col := 1
	if i, ok := l.cols[name]; ok {
		col = l.fieldCol(i)
	}
	l.addAt(l.line, col, "%s: %s", name, fmt.Sprintf(format, args...))
}

// ordered notes the time of the current row, in column name: with strict
// order a row before the one above is an error; otherwise it is counted,
// and readRows sorts the rows.
func (l *csvLog) ordered(name string, t des.Time) {
	// Timestamps with offsets compare as instants: rows in true order
	// may go back on the civil clock (folded, sorted by it), and rows in
	// civil order may go back in true time (an error with strict order).
	inOrder := t >= l.last
	if l.lastLine > 0 && (l.orderTI.ok || l.lastTI.ok) {
		inOrder = l.st.trueOrder(l.last, l.lastTI, t, l.orderTI)
	}
	switch {
	case inOrder && t < l.last:
		l.folded++
	case !inOrder && l.strict:
		l.errIn(name, "before the row above it (line %d); rows must be in time order (replay.strict_order = true)", l.lastLine)
		return
	case !inOrder && t < l.last:
		l.unordered++
		return
	}
	l.last, l.lastLine, l.lastTI = t, l.line, l.orderTI
}

// finish returns the log's warnings, with one for rows out of order.
func (l *csvLog) finish() []string {
	switch {
	case l.unordered == 1:
		l.warnings = append(l.warnings, fmt.Sprintf("%s: 1 row was out of time order and has been sorted (replay.strict_order = true rejects it)", l.name))
	case l.unordered > 1:
		l.warnings = append(l.warnings, fmt.Sprintf("%s: %d rows were out of time order and have been sorted (replay.strict_order = true rejects them)", l.name, l.unordered))
	}
	if l.folded > 0 {
		l.warnings = append(l.warnings, fmt.Sprintf("%s: %d rows in true time order come before the row above them on the civil clock, "+
			"which shows the hour a zone repeats when it falls back once; they have been sorted by civil time", l.name, l.folded))
	}
	return l.warnings
}

// stamps converts timestamps of CSV logs to model time.
type stamps struct {
	loc   *time.Location
	start sim.Date
	base  int64 // days from the civil epoch to start
}

func newStamps(loc *time.Location, start sim.Date) *stamps {
	return &stamps{loc: loc, start: start, base: daysFromCivil(start.Year, int(start.Month), start.Day)}
}

// stampHint says how to write a timestamp.
const stampHint = "write 2021-01-22T08:30:00 (in the scenario's zone; seconds and a fraction are optional), 2021-01-22T08:30:00-07:00 (RFC 3339) or 2021-01-22"

// parse converts a timestamp: a date-time in the scenario's zone, an RFC
// 3339 date-time with an offset (converted into the zone), or a date
// (00:00). 'T', 't' or a space separates date and time.
//
// It also returns what the model time loses of a timestamp with an
// offset: the true instant, which orders two timestamps that the civil
// clock does not (in the hour a zone repeats when it falls back).
func (s *stamps) parse(v string) (des.Time, trueInstant, bool) {
	y, mo, d, clock, off, hasOff, ok := parseStamp(v)
	if !ok {
		return 0, trueInstant{}, false
	}
	if hasOff {
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.FixedZone("", off)).Add(clock.Duration()).In(s.loc)
		date, c, _ := civil(t)
		return instant(s.start, date, c), trueInstant{true, t.UnixMilli()}, true
	}
	return des.Time(daysFromCivil(y, mo, d)-s.base)*des.Day + clock, trueInstant{}, true
}

// trueInstant is the true instant of a timestamp written with an offset,
// in milliseconds since 1970 UTC; for one without (ok false), the civil
// time is the instant (stamps.unix).
type trueInstant struct {
	ok bool
	ms int64
}

// unix returns the true instant, in milliseconds since 1970 UTC, of the
// model time t whose timestamp had true instant ti: ti's if it had an
// offset, else that of t's civil time in the zone (in a repeated hour,
// one of the two).
func (s *stamps) unix(t des.Time, ti trueInstant) int64 {
	if ti.ok {
		return ti.ms
	}
	day := t / des.Day
	if t%des.Day < 0 {
		day--
	}
	ms := int(t - day*des.Day) // the civil time of day
	return time.Date(s.start.Year, s.start.Month, s.start.Day+int(day), ms/3_600_000, ms/60_000%60, ms/1000%60,
		ms%1000*1_000_000, s.loc).UnixMilli()
}

// trueOrder reports whether model times a then b, whose timestamps had
// true instants ai and bi, are in true time order: by their true
// instants when one of them had an offset, else by the civil clock.
func (s *stamps) trueOrder(a des.Time, ai trueInstant, b des.Time, bi trueInstant) bool {
	if s == nil || !ai.ok && !bi.ok || a == math.MinInt64 {
		return a <= b
	}
	return s.unix(a, ai) <= s.unix(b, bi)
}

// parseStamp parses "YYYY-MM-DD", optionally followed by 'T' (or 't' or
// ' ') and "HH:MM", ":SS", ".fraction" and an offset "Z" or "±HH:MM".
func parseStamp[S ~string | ~[]byte](v S) (y, mo, d int, clock des.Time, off int, hasOff, ok bool) {
	num := digits[S]
	if len(v) < 10 || v[4] != '-' || v[7] != '-' {
		return
	}
	var ok1, ok2, ok3 bool
	y, ok1 = num(v[:4])
	mo, ok2 = num(v[5:7])
	d, ok3 = num(v[8:10])
	if !ok1 || !ok2 || !ok3 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
		return
	}
	rest := v[10:]
	if len(rest) == 0 {
		return y, mo, d, 0, 0, false, true
	}
	if rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ' || len(rest) < 6 || rest[3] != ':' {
		return
	}
	h, okh := num(rest[1:3])
	mi, okm := num(rest[4:6])
	if !okh || !okm || h > 23 || mi > 59 {
		return
	}
	rest = rest[6:]
	sec, ns := 0, 0
	if len(rest) >= 3 && rest[0] == ':' {
		var oks bool
		if sec, oks = num(rest[1:3]); !oks || sec > 59 {
			return
		}
		rest = rest[3:]
		if len(rest) > 0 && rest[0] == '.' {
			j := 1
			for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
				j++
			}
			if j == 1 || j > 10 {
				return
			}
			frac, _ := num(rest[1:j])
			for k := j; k < 10; k++ {
				frac *= 10
			}
			ns = frac
			rest = rest[j:]
		}
	}
	clock = des.Time(h)*des.Hour + des.Time(mi)*des.Minute + des.Time(sec)*des.Second + des.FromDuration(time.Duration(ns))
	switch {
	case len(rest) == 0:
		return y, mo, d, clock, 0, false, true
	case len(rest) == 1 && (rest[0] == 'Z' || rest[0] == 'z'):
		return y, mo, d, clock, 0, true, true
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, ok1 := num(rest[1:3])
		om, ok2 := num(rest[4:6])
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return
		}
		off = oh*3600 + om*60
		if rest[0] == '-' {
			off = -off
		}
		return y, mo, d, clock, off, true, true
	}
	return
}

// digits reads a non-empty string of decimal digits (at most 9).
func digits[S ~string | ~[]byte](s S) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0 && len(s) <= 9
}

// daysIn returns the number of days of month mo of year y.
func daysIn(y, mo int) int {
	switch mo {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the number of days from 1970-01-01 to the given
// proleptic Gregorian date (H. Hinnant's algorithm).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}
