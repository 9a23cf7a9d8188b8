// Package progress reports the progress of long work, such as the
// replications of a sweep, on a terminal or a log: a bar with the rate
// and the time left that fits the terminal's width, or, on a pipe, a
// batch log or with CI set, a plain line every tenth of the work or 30
// seconds.
package progress
