// Package sweep runs a scenario over a grid of parameter values and
// writes the sweep's folder (its formats: package sweepfiles).
//
// [Run] resolves every point of the grid from a base scenario (a file or
// a bundled name, through package scenarios), runs the replications of
// this process's points on all cores with common random numbers or a seed
// per point, writes each point's part file as soon as it is done, and,
// when the whole sweep is done, its results, summary and plots. A sweep
// may be split into shards (run by a Slurm job array or a Kubernetes
// Indexed Job, [ShardFromEnv]) that [Merge] joins, and resumed after an
// interrupt. The files are the same whatever the number of workers or
// shards.
//
// The package sits at the end of the data flow: it takes scenarios from
// package scenarios, runs them with package sim and writes their results
// with the output packages; nothing below it imports it.
//
// Errors caused by the input (a bad value, a folder holding another
// sweep, an incomplete merge) are [*InputError]; an interrupt returns an
// error that wraps context.Canceled.
package sweep
