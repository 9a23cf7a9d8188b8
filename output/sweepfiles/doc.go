// Package sweepfiles reads and writes the files of a sweep's folder:
// sweep.json (the definition: base scenario, varied keys and values,
// replications, seeds), points.csv, the per-point part files in parts/,
// results.csv and summary.csv (one row per point, replication or
// statistic), and manifest.json.
//
// Like package runfiles, the formats are a contract that compare, plot
// and report read back; numbers are written as runfiles writes them.
package sweepfiles
