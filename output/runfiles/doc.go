// Package runfiles writes and reads the files of a run's result folder:
// the statistics over replications, the per-day and per-replication
// tables, the manifest, the replay logs of a recording, and the short
// text summary printed for a planner.
//
// # Files
//
// A result folder holds four files (written by output.WriteRun):
//
//   - summary.json: statistics over replications of each metric's horizon
//     total, for all sites and per site ([Summary], [WriteSummary],
//     [ReadSummary]);
//   - daily.csv: one row per replication, date and site, with the all-sites
//     row named "all" ([WriteDaily], [ReadDaily]);
//   - replications.csv: one row per replication, horizon totals of all sites
//     ([WriteReplications], [ReadReplications]);
//   - manifest.json: how the run was made: versions, seeds, the resolved
//     scenario, warnings, times ([Manifest]).
//
// and a folder plots with the figures of package plot.
//
// [WriteRecording] writes a run's recording (vaxsim run --record) into a
// folder per replication: the replay logs bookings.csv, walkins.csv,
// outages.csv and shipments.csv, in the formats a scenario's [replay]
// table reads back ([WriteBookings], [WriteWalkins], [WriteOutages],
// [WriteShipments]).
//
// The formats are a contract: metric names and their order come from
// sim.Metrics, and later commands (compare, plot, report) work on these
// files alone, possibly written by another version of vaxsim. Readers
// therefore take the metric columns and keys from the file, in the file's
// order, and do not require them to match the running version's metrics.
// The README's output reference is generated from the same tables and
// checked by a test.
//
// # Determinism
//
// Every file but manifest.json is a pure function of the results: no
// wall-clock time, no map iteration, numbers in one fixed text form.
// Identical results give byte-identical files. Numbers are written in the
// shortest form that reads back to the same float64: integral values
// (counts, levels) as plain integers, others as strconv.FormatFloat(v,
// 'g', -1, 64). manifest.json alone holds the start time, the elapsed
// time and the Go version.
//
// # Not applicable
//
// NaN means "not applicable" (a portal metric on a site row, a wait on a
// day nobody was served). Statistics skip NaN values and count the rest
// ([stats.Stat] N). Files write NaN, and the infinities, which a run never
// produces, as null in JSON and as an empty cell in CSV; readers return
// NaN for both.
//
// # Errors
//
// Errors a caller or a file can cause are returned; they name the file and,
// for CSV, the line. A write never leaves a partial file under its final
// name: each file is written to a temporary name in the same folder and
// renamed into place. Functions panic only on programmer misuse, with
// messages prefixed "output:", and say so in their documentation.
package runfiles
