// Package stats describes samples of replications and compares two of
// them: the mean with its 95% confidence interval (Describe), Welch's and
// the paired t-test, and Holm's correction for testing many metrics at
// once.
//
// NaN values mean "not applicable" and are left out of every statistic.
// The tests check the numbers against R's t.test and an independent
// reference computed with exact rational arithmetic (testdata).
package stats
