// Package output writes a run's result folder: its data files (package
// runfiles) and its plots (package plot), in one call ([WriteRun]).
//
// The packages below it each hold one concern: runfiles and sweepfiles
// the file formats of run and sweep folders, stats the statistics over
// replications, table the table model and its renderings, plot the
// figures, compare the comparison of two folders, report the HTML report,
// sweep the running of parameter sweeps, and files the writing of files
// whole or not at all.
package output
