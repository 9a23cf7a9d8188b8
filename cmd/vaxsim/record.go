package main

import (
	"io"
	"path/filepath"

	"vaxsim/output/files"
	"vaxsim/output/runfiles"
	"vaxsim/scenarios"
	"vaxsim/sim"
)

// ReplayScenarioFile is the scenario run --record writes beside each
// replication's logs: the scenario run, replaying them.
const ReplayScenarioFile = "replay.toml"

// writeRecordings writes each replication's recording of a run of f into
// dir/rep-N: the replay logs (bookings.csv, walkins.csv, outages.csv,
// shipments.csv) and replay.toml, the scenario replaying them. Replayed
// on the run's seed, replication N of replay.toml gives replication N's
// results again: with one replication, `vaxsim run dir/rep-0/replay.toml
// --reps 1 --seed S` repeats the run.
func writeRecordings(dir string, f *scenarios.File, recs []*sim.Recording) error {
	logs := scenarios.ReplayLogs{Outages: runfiles.OutagesFile, Shipments: runfiles.ShipmentsFile}
	for _, c := range f.Scenario.Cohorts {
		switch c.Channel {
		case sim.PortalChannel:
			logs.Bookings = runfiles.BookingsFile
		case sim.WalkinChannel:
			logs.Walkins = runfiles.WalkinsFile
		}
	}
	text, err := scenarios.ReplayScenario(f.Resolved, logs)
	if err != nil {
		return err
	}
	for rep, rec := range recs {
		d := runfiles.RecordingDir(dir, rep)
		if err := runfiles.WriteRecording(d, f.Scenario, rec); err != nil {
			return err
		}
		err := files.Write(filepath.Join(d, ReplayScenarioFile), func(w io.Writer) error {
			_, err := w.Write(text)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
