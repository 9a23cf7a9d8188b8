// Package compare compares two result folders, runs or sweeps, metric by
// metric, as benchstat compares benchmarks: a paired t-test where both
// sides share seeds (common random numbers), Welch's otherwise, Holm's
// correction over the metrics, and a verdict per metric against a
// tolerance.
//
// It works on the files alone, so folders written by two versions of
// vaxsim can be compared. Its table renders as text, CSV or Markdown
// (package table).
package compare
