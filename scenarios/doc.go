// Package scenarios reads scenario files: the TOML schema, strict
// loading with positioned errors, --set overrides, and the bundled
// scenarios. It turns a file into a validated sim.Scenario and is the
// only package that knows about TOML.
//
// # Conventions
//
// Every collection is a table of named entries ([sites.tcc],
// [cohorts.law], [portal.outages.glitch]), so that any field has a dotted
// key path (sites.tcc.stations) that --set and sweeps can address.
// Entries are converted in the order they first appear in the file, and
// refer to each other by name; the sim.Scenario refers by index.
//
// Units are written in strings: durations "4m30s", "90m", "2h", "3d";
// distributions "exp(mean=3m)", "3m + exp(mean=1m)" and the other forms
// listed under Distribution; clock times "08:30"; opening hours
// "08:00-17:00". Durations become milliseconds (des.Time).
//
// Time: dates and clock times are civil values in the scenario's
// time_zone. TOML local dates and date-times are read from their civil
// fields (the decoder's guess of a UTC offset is ignored); date-times
// with an offset are converted into the zone. An instant becomes days
// since scenario.start times des.Day plus the time of day: the model's
// clock is civil, every day 24 hours long. Instants given with offsets
// compare as instants: in the hour a zone repeats when it falls back,
// which the civil clock shows once, an outage from 01:30-06:00 to
// 01:20-07:00 lasts its true 50 minutes from 01:30, and log rows in true
// order pass replay.strict_order (sorted on the civil clock, with a
// warning); rows in civil order that go back in true time do not. The zone is checked with
// time.LoadLocation (zone data is embedded, so no system database is
// needed) and recorded in the resolved file.
//
// Replay logs: the [replay] table names CSV files (relative to the
// scenario file, to the bundled files, or, given with --set, to the
// current folder) of recorded booking attempts, walk-ins, outages and
// shipments. They are read as a stream into plain data of the
// sim.Scenario (Replay, Portal.Outages, Deliveries); their errors are
// "file:line:column: message" (Error.Column), their caveats File.Warnings.
//
// Files named in files: a replay log, and a sweep file's base scenario,
// must be in the naming file's folder or below it (a path given with
// --set, in the current folder): an absolute path, ".." above the folder
// or a symbolic link out of it is an error unless Options.AllowOutside
// is set, for trusted files. Only regular files are read (a named pipe
// or a device is an error, checked before the file is opened and again
// after), each within a limit: MaxFileSize for a scenario,
// MaxSweepFileSize for a sweep file, MaxReplayLogSize and MaxReplayRows
// for a replay log. Messages quote at most 40 bytes of a file's text,
// with bytes other than printable ASCII escaped.
//
// Defaults: a key left out takes the value of the Default constants and
// DefaultX constructors; the reference (Reference, and the README)
// lists every key with its default.
//
// # Errors
//
// Errors a user can cause are returned, never panicked: an ErrorList of
// *Error, each "file:line: key.path: message" (or "--set ARG: key.path:
// message"), listing every problem found at once, sorted by line. Limits
// on size (MaxFileSize), nesting depth and the number of keys are checked
// on the raw text before any TOML decoding, because the decoder's cost
// explodes on deeply nested input. Numbers of entries and list lengths
// are bounded before entries are decoded. Counts use signed types, so a
// negative count is reported rather than wrapped.
//
// Input that is valid but cannot take effect gives a warning in
// File.Warnings, formatted like an error: a period, closed date,
// invitation date, outage or shipment outside the run, a booking or
// walk-in log with a header only. A recurring shipment starting more than
// one interval before the run is an error, since its earlier deliveries
// would all arrive at the start, as is a run outside the years 1 to 9999,
// a cohort or invitation rule naming no site (sites = []), a shipment of
// a product no site at its destination uses, and a distribution whose
// tail passes MaxSampledDuration.
//
// The package panics only if its own schema uses a type the decoder does
// not support (a programmer error caught by the tests).
package scenarios

import _ "time/tzdata" // time zones without a system database
