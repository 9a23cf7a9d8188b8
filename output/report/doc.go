// Package report writes the one-page HTML report of a result folder:
// headline metrics with their confidence intervals, a per-site table, the
// plots inline, the warnings and how to reproduce the run.
//
// The page loads nothing from the network and needs no scripts; the same
// files give the same bytes.
package report
