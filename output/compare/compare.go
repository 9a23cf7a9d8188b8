package compare

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"vaxsim/output/runfiles"
	"vaxsim/output/stats"
	"vaxsim/output/sweepfiles"
	"vaxsim/sim"
)

// Defaults of [Thresholds].
const (
	// DefaultAlpha is the default significance level.
	DefaultAlpha = 0.05
	// DefaultTolerance is the default smallest relative change that
	// counts: 2% of the base mean.
	DefaultTolerance = 0.02
)

// runfiles.Replication counts compare asks for.
const (
	// MinReplications is the fewest replications a side (or a sweep
	// point) may have: a t-test needs a variance on each side.
	MinReplications = 2
	// SuggestedReplications is the fewest replications a side for which
	// compare does not warn that only large changes can be detected.
	SuggestedReplications = 10
)

// Thresholds decide which differences [Compare] reports.
type Thresholds struct {
	// Alpha is the significance level, in (0, 1): a difference is
	// significant if its Holm-adjusted p-value is below Alpha.
	Alpha float64
	// Tolerance is the smallest relative change that counts, as a
	// fraction of |base mean| (0.02 is 2%), at least 0: a change smaller
	// than Tolerance·|base mean| is reported as "~" however significant.
	// With a base mean of 0 every significant change counts.
	Tolerance float64
	// PerMetric overrides Tolerance for the metrics it names; nil for
	// none.
	PerMetric map[string]float64
}

// DefaultThresholds returns Alpha = DefaultAlpha and Tolerance =
// DefaultTolerance, with no per-metric tolerance.
func DefaultThresholds() Thresholds {
	return Thresholds{Alpha: DefaultAlpha, Tolerance: DefaultTolerance}
}

// Check reports a threshold out of range.
func (th Thresholds) Check() error {
	if !(th.Alpha > 0 && th.Alpha < 1) {
		return fmt.Errorf("alpha must be between 0 and 1 (exclusive), not %g", th.Alpha)
	}
	if !(th.Tolerance >= 0) || math.IsInf(th.Tolerance, 0) {
		return fmt.Errorf("tolerance must be a finite number >= 0, not %g", th.Tolerance)
	}
	for _, name := range slices.Sorted(maps.Keys(th.PerMetric)) {
		if tol := th.PerMetric[name]; !(tol >= 0) || math.IsInf(tol, 0) {
			return fmt.Errorf("tolerance of %s must be a finite number >= 0, not %g", name, tol)
		}
	}
	return nil
}

// ToleranceOf returns the tolerance of the metric called name.
func (th Thresholds) ToleranceOf(name string) float64 {
	if tol, ok := th.PerMetric[name]; ok {
		return tol
	}
	return th.Tolerance
}

// Verdict says how a metric moved from base to new.
type Verdict int8

// The verdicts.
const (
	// Same ("~"): no significant change, or one within the tolerance.
	Same Verdict = iota
	// Better: a significant change beyond the tolerance, in the metric's
	// better direction.
	Better
	// Worse: a significant change beyond the tolerance, against the
	// metric's better direction.
	Worse
	// Changed: a significant change beyond the tolerance in a metric with
	// no better direction (or unknown to this version of vaxsim).
	Changed
	// Untested ("?"): too few values on a side to test.
	Untested
)

var verdictNames = [...]string{Same: "~", Better: "better", Worse: "worse", Changed: "changed", Untested: "?"}

// String returns "~", "better", "worse", "changed" or "?".
func (v Verdict) String() string {
	if v >= 0 && int(v) < len(verdictNames) {
		return verdictNames[v]
	}
	return fmt.Sprintf("Verdict(%d)", int(v))
}

// Method says how a metric was compared.
type Method int8

// The methods.
const (
	// Paired is the paired t-test: both sides used the same master seed
	// and the same replications, so values are compared replication by
	// replication.
	Paired Method = iota
	// Welch is Welch's t-test of two independent samples.
	Welch
	// Exact is a decision without a test: neither side varies (paired: the
	// differences do not vary), so the means are equal or differ for
	// certain (p = 1 or 0). Exact decisions are not in Holm's family.
	Exact
	// NotTested means too few values on a side.
	NotTested
)

var methodNames = [...]string{Paired: "paired", Welch: "welch", Exact: "exact", NotTested: "none"}

// String returns "paired", "welch", "exact" or "none".
func (m Method) String() string {
	if m >= 0 && int(m) < len(methodNames) {
		return methodNames[m]
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// FailOn says which verdicts make a comparison fail ([Comparison.Fails]).
type FailOn int8

// The failure policies.
const (
	// FailOnBetterOrWorse fails on any metric that got better or worse:
	// a result moved, so the baseline needs a look. Metrics without a
	// direction (Changed) are shown but do not fail. The default.
	FailOnBetterOrWorse FailOn = iota
	// FailOnWorse fails only on metrics that got worse.
	FailOnWorse
	// FailOnAny fails on any significant change beyond tolerance,
	// Changed included.
	FailOnAny
)

var failOnNames = [...]string{FailOnBetterOrWorse: "better-or-worse", FailOnWorse: "worse", FailOnAny: "any"}

// String returns "better-or-worse", "worse" or "any".
func (f FailOn) String() string {
	if f >= 0 && int(f) < len(failOnNames) {
		return failOnNames[f]
	}
	return fmt.Sprintf("FailOn(%d)", int(f))
}

// ParseFailOn returns the policy called name.
func ParseFailOn(name string) (FailOn, error) {
	for f, n := range failOnNames {
		if n == name {
			return FailOn(f), nil
		}
	}
	return 0, fmt.Errorf("unknown policy %q (want better-or-worse, worse or any)", name)
}

// fails reports whether v fails under f.
func (f FailOn) fails(v Verdict) bool {
	switch v {
	case Worse:
		return true
	case Better:
		return f != FailOnWorse
	case Changed:
		return f == FailOnAny
	}
	return false
}

// Comparison is the outcome of [Compare]: one row per metric (and sweep
// point), with warnings about the data.
type Comparison struct {
	// Base and New describe the two sides.
	Base, New Side
	// Vary names the varied keys of two sweeps; nil for two runs.
	Vary []string
	// Points describes each point compared, in the order of the base
	// sweep; two runs have one point, labelled "".
	Points []PointComparison
	// Thresholds are the thresholds used.
	Thresholds Thresholds
	// Tests is the number of t-tests in Holm's family (rows whose Method
	// is Paired or Welch).
	Tests int
	// Rows hold one row per point and metric compared: by point in the
	// order of Points, then by metric in the order of the base files.
	Rows []Comparand
	// Warnings are caveats about the data: few replications, metrics
	// found on one side only, metrics not applicable in some
	// replications, points of one sweep missing from the other.
	Warnings []string
}

// Side describes one side of a comparison.
type Side struct {
	// Dir is the folder read.
	Dir string
	// Scenario is the scenario's name; empty if the folder does not say.
	Scenario string
	// Seeds are the distinct master seeds of the replications compared,
	// ascending.
	Seeds []uint64
	// runfiles.Replications is the number of replications (the smallest of any
	// point compared, for a sweep).
	Replications int
}

// PointComparison describes how one point was compared.
type PointComparison struct {
	// Label is the point's varied values, "key=value, ..."; "" for runs.
	Label string
	// Paired reports whether the point's replications were paired: the
	// same master seed and replication indices on both sides.
	Paired bool
	// BaseReps and NewReps count the point's replications on each side.
	BaseReps, NewReps int
}

// Comparand is the comparison of one metric at one point.
type Comparand struct {
	// Point is the sweep point's label; "" for runs.
	Point string
	// Metric is the metric's name and Unit its unit (from sim.Metrics;
	// empty for a metric this version does not know).
	Metric, Unit string
	// Better is the metric's better direction (Neutral if unknown).
	Better sim.Direction
	// Method is how the metric was compared.
	Method Method
	// Base and New describe the values compared on each side: paired,
	// the replications where both sides have a value; Welch, each side's
	// values that are not NaN.
	Base, New stats.Stat
	// Delta is New.Mean - Base.Mean.
	Delta float64
	// Change is Delta / |Base.Mean|: -0.25 is 25% lower. It is 0 if both
	// means are 0 and ±Inf if only the base mean is.
	Change float64
	// P is the two-sided p-value of the test, PHolm the p-value after
	// Holm's correction over the comparison's tests, which is what is
	// compared with Alpha. Exact decisions have P = PHolm = 1 (equal) or 0
	// (different); both are NaN for NotTested.
	P, PHolm float64
	// Tolerance is the relative tolerance applied.
	Tolerance float64
	// Verdict is the outcome.
	Verdict Verdict
}

// Compare reads the result folders baseDir and newDir (two runs or two
// sweeps, see [ReadResultSet]) and compares them with [CompareSets].
func Compare(baseDir, newDir string, th Thresholds) (*Comparison, error) {
	if err := th.Check(); err != nil {
		return nil, err
	}
	base, err := ReadResultSet(baseDir)
	if err != nil {
		return nil, err
	}
	nw, err := ReadResultSet(newDir)
	if err != nil {
		return nil, err
	}
	return CompareSets(base, nw, th)
}

// CompareSets compares the replications of new with those of base, the
// way benchstat compares benchmarks, on result files alone: each metric
// found on both sides, at each sweep point found on both sides (matched by
// their varied values).
//
//   - A point is compared with the paired t-test when both sides used the
//     same master seed and the same replication indices (common random
//     numbers: replication i of one side is the twin of replication i of
//     the other), and with Welch's t-test otherwise. Paired, only
//     replications where both sides have a value count; Welch, the values
//     that are not NaN.
//   - A metric that varies on neither side (paired: whose differences do
//     not vary) is decided exactly: equal means are Same, different means
//     a certain change (p = 0). A metric applicable on neither side is
//     Same. One with fewer than two values on a side is Untested.
//   - Holm's correction over all the t-tests of the comparison keeps the
//     chance of any false alarm at most th.Alpha, however many metrics and
//     points are compared.
//   - A metric is Better, Worse or Changed if its Holm-adjusted p-value is
//     below th.Alpha and |Delta| is at least its tolerance times |base
//     mean|, and Same otherwise. Better and Worse follow the metric's
//     direction in sim.Metrics; metrics without one, or unknown to this
//     version, are Changed.
//
// It returns an error if the inputs cannot be compared: thresholds out of
// range, a run against a sweep, two scenarios of different names, sweeps
// of different varied keys or without a common point, no common metric,
// or a side (or point) with fewer than [MinReplications] replications.
func CompareSets(base, nw *ResultSet, th Thresholds) (*Comparison, error) {
	if err := th.Check(); err != nil {
		return nil, err
	}
	c := &Comparison{
		Base:       Side{Dir: base.Dir, Scenario: base.Scenario},
		New:        Side{Dir: nw.Dir, Scenario: nw.Scenario},
		Thresholds: th,
	}
	switch {
	case base.Sweep() && !nw.Sweep():
		return nil, fmt.Errorf("%s is a sweep and %s a run: compare two runs or two sweeps", base.Dir, nw.Dir)
	case !base.Sweep() && nw.Sweep():
		return nil, fmt.Errorf("%s is a run and %s a sweep: compare two runs or two sweeps", base.Dir, nw.Dir)
	case base.Scenario != "" && nw.Scenario != "" && base.Scenario != nw.Scenario:
		return nil, fmt.Errorf("%s holds scenario %q and %s scenario %q: compare results of the same scenario", base.Dir, base.Scenario, nw.Dir, nw.Scenario)
	case base.Scenario == "" || nw.Scenario == "":
		c.warnf("cannot check that both sides ran the same scenario: a folder holds none of %s, %s and %s", runfiles.SummaryFile, sweepfiles.SweepFile, runfiles.ManifestFile)
	}
	pairs, err := matchPoints(c, base, nw)
	if err != nil {
		return nil, err
	}
	metrics := commonMetrics(c, pairs)
	if len(metrics) == 0 {
		return nil, fmt.Errorf("%s and %s have no metric in common", base.Dir, nw.Dir)
	}
	baseSeeds, newSeeds := map[uint64]bool{}, map[uint64]bool{}
	c.Base.Replications, c.New.Replications = math.MaxInt, math.MaxInt
	for _, pp := range pairs {
		b, n := pp.base, pp.new
		where := ""
		if pp.label != "" {
			where = "point " + pp.label + " of "
		}
		for _, side := range []struct {
			dir string
			p   *Point
		}{{base.Dir, b}, {nw.Dir, n}} {
			if k := len(side.p.Reps.Rows); k < MinReplications {
				return nil, fmt.Errorf("%s%s has %s; compare needs at least %d replications a side (run with --reps %d or more; %d or more to detect small changes)",
					where, side.dir, countOf(k, "replication"), MinReplications, MinReplications, SuggestedReplications)
			}
		}
		for _, r := range b.Reps.Rows {
			baseSeeds[r.Seed] = true
		}
		for _, r := range n.Reps.Rows {
			newSeeds[r.Seed] = true
		}
		c.Base.Replications = min(c.Base.Replications, len(b.Reps.Rows))
		c.New.Replications = min(c.New.Replications, len(n.Reps.Rows))
		c.comparePoint(pp, metrics)
	}
	c.Base.Seeds, c.New.Seeds = sortedKeys(baseSeeds), sortedKeys(newSeeds)
	if k := min(c.Base.Replications, c.New.Replications); k < SuggestedReplications {
		c.warnf("only %s a side: only large changes can be detected; %d or more are suggested", countOf(k, "replication"), SuggestedReplications)
	}
	c.decide()
	return c, nil
}

// pointPair is a point found in both sets.
type pointPair struct {
	label     string
	base, new *Point
}

// matchPoints pairs the points of base and nw: the single point of two
// runs, or the points of two sweeps with the same varied values.
func matchPoints(c *Comparison, base, nw *ResultSet) ([]pointPair, error) {
	if !base.Sweep() {
		return []pointPair{{"", &base.Points[0], &nw.Points[0]}}, nil
	}
	if !sameKeys(base.Vary, nw.Vary) {
		return nil, fmt.Errorf("%s varies %s and %s varies %s: compare sweeps of the same keys",
			base.Dir, strings.Join(base.Vary, ", "), nw.Dir, strings.Join(nw.Vary, ", "))
	}
	c.Vary = base.Vary
	// key returns the point's values in the order of base.Vary.
	key := func(s *ResultSet, p *Point) string {
		vals := make([]string, len(base.Vary))
		for i, k := range base.Vary {
			vals[i] = normalValue(p.Values[slices.Index(s.Vary, k)])
		}
		return strings.Join(vals, "\x00")
	}
	newAt := map[string]int{}
	for i := range nw.Points {
		newAt[key(nw, &nw.Points[i])] = i
	}
	var pairs []pointPair
	matched := map[int]bool{}
	for i := range base.Points {
		b := &base.Points[i]
		label := b.Label(base.Vary)
		j, ok := newAt[key(base, b)]
		if !ok {
			c.warnf("point %s of %s is not in %s", label, base.Dir, nw.Dir)
			continue
		}
		matched[j] = true
		pairs = append(pairs, pointPair{label, b, &nw.Points[j]})
	}
	for j := range nw.Points {
		if !matched[j] {
			c.warnf("point %s of %s is not in %s", nw.Points[j].Label(nw.Vary), nw.Dir, base.Dir)
		}
	}
	if len(pairs) == 0 {
		return nil, fmt.Errorf("the sweeps %s and %s have no point in common", base.Dir, nw.Dir)
	}
	return pairs, nil
}

// sameKeys reports whether a and b hold the same keys, in any order.
func sameKeys(a, b []string) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(k string) bool { return !slices.Contains(b, k) })
}

// normalValue returns a varied value in a canonical form, so that "7" and
// "7.0" match.
func normalValue(s string) string {
	s = strings.TrimSpace(s)
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return s
}

// commonMetrics returns the metrics of the first base point that every
// point of both sides has, in the base file's order, and warns about the
// others.
func commonMetrics(c *Comparison, pairs []pointPair) []string {
	baseNames, newNames := pairs[0].base.Reps.Metrics, pairs[0].new.Reps.Metrics
	var common []string
	for _, m := range baseNames {
		if slices.Contains(newNames, m) {
			common = append(common, m)
		} else {
			c.warnf("metric %s is only in %s: not compared", m, c.Base.Dir)
		}
	}
	for _, m := range newNames {
		if !slices.Contains(baseNames, m) {
			c.warnf("metric %s is only in %s: not compared", m, c.New.Dir)
		}
	}
	return common
}

// comparePoint adds a row for each metric at one point.
func (c *Comparison) comparePoint(pp pointPair, metrics []string) {
	b, n := pp.base, pp.new
	pc := PointComparison{Label: pp.label, BaseReps: len(b.Reps.Rows), NewReps: len(n.Reps.Rows)}
	// Paired: new's replication matching each of base's, in base's order.
	twin := twins(b.Reps, n.Reps)
	pc.Paired = twin != nil
	c.Points = append(c.Points, pc)
	where := ""
	if pp.label != "" {
		where = " at " + pp.label
	}
	for _, name := range metrics {
		x, _ := b.Reps.Values(name)
		y, _ := n.Reps.Values(name)
		if pc.Paired {
			y = permute(y, twin)
		}
		bn, nn := countNaN(x), countNaN(y)
		if bn > 0 || nn > 0 {
			c.warnf("%s%s is not applicable in %d of %d base and %d of %d new replications: compared on the others",
				name, where, bn, len(x), nn, len(y))
		}
		row := c.compareMetric(name, x, y, pc.Paired)
		row.Point = pp.label
		if row.Method == NotTested {
			c.warnf("%s%s: too few values to compare (%d base, %d new; at least %d a side)",
				name, where, row.Base.N, row.New.N, MinReplications)
		}
		c.Rows = append(c.Rows, row)
	}
}

// compareMetric compares the values x (base) and y (new) of one metric;
// paired, x[i] and y[i] come from twin replications.
func (c *Comparison) compareMetric(name string, x, y []float64, paired bool) Comparand {
	row := Comparand{Metric: name, Tolerance: c.Thresholds.ToleranceOf(name), Method: Welch}
	if m, ok := sim.MetricByName(name); ok {
		row.Unit, row.Better = sim.Metrics[m].Unit, sim.Metrics[m].Better
	}
	nowhere := countNaN(x) == len(x) && countNaN(y) == len(y)
	if paired {
		row.Method = Paired
		x, y = bothPresent(x, y)
	}
	row.Base, row.New = stats.Describe(x), stats.Describe(y)
	row.Delta = row.New.Mean - row.Base.Mean
	row.Change = row.Delta / math.Abs(row.Base.Mean)
	if row.Delta == 0 {
		row.Change = 0
	}
	var t stats.TTest
	var err error
	if paired {
		t, err = stats.PairedTTest(y, x)
	} else {
		t, err = stats.WelchTTest(y, x)
	}
	switch {
	case nowhere:
		// Not applicable on either side: nothing moved.
		row.Method, row.P, row.Delta, row.Change = Exact, 1, 0, 0
	case errors.Is(err, stats.ErrTooFewValues):
		row.Method, row.P, row.Verdict = NotTested, math.NaN(), Untested
	case t.SE == 0:
		row.Method, row.P = Exact, t.P
	default:
		row.P = t.P
	}
	row.PHolm = row.P
	return row
}

// decide applies Holm's correction to the t-tests and sets the verdicts.
func (c *Comparison) decide() {
	var ps []float64
	var at []int
	for i, r := range c.Rows {
		if r.Method == Paired || r.Method == Welch {
			ps, at = append(ps, r.P), append(at, i)
		}
	}
	c.Tests = len(ps)
	for k, p := range stats.Holm(ps) {
		c.Rows[at[k]].PHolm = p
	}
	for i := range c.Rows {
		r := &c.Rows[i]
		if r.Method == NotTested {
			continue
		}
		r.Verdict = Same
		if !(r.PHolm < c.Thresholds.Alpha) || math.Abs(r.Delta) < r.Tolerance*math.Abs(r.Base.Mean) {
			continue
		}
		switch {
		case r.Better == sim.Neutral:
			r.Verdict = Changed
		case (r.Delta > 0) == (r.Better == sim.Higher):
			r.Verdict = Better
		default:
			r.Verdict = Worse
		}
	}
}

// Fails reports whether a row's verdict fails the comparison under f.
func (c *Comparison) Fails(f FailOn) bool { return len(c.Failing(f)) > 0 }

// Failing returns the rows whose verdict fails the comparison under f.
func (c *Comparison) Failing(f FailOn) []Comparand {
	var out []Comparand
	for _, r := range c.Rows {
		if f.fails(r.Verdict) {
			out = append(out, r)
		}
	}
	return out
}

// Count returns the number of rows with verdict v.
func (c *Comparison) Count(v Verdict) int {
	n := 0
	for _, r := range c.Rows {
		if r.Verdict == v {
			n++
		}
	}
	return n
}

func (c *Comparison) warnf(format string, args ...any) {
	c.Warnings = append(c.Warnings, fmt.Sprintf(format, args...))
}

// twins returns, for each replication of a in order, the index of the
// replication of b with the same replication index and seed, or nil if a
// and b do not hold the same (replication, seed) pairs.
func twins(a, b *runfiles.Replications) []int {
	if len(a.Rows) != len(b.Rows) {
		return nil
	}
	type id struct {
		rep  int
		seed uint64
	}
	at := map[id]int{}
	for j, r := range b.Rows {
		at[id{r.Rep, r.Seed}] = j
	}
	if len(at) != len(b.Rows) {
		return nil // a replication appears twice
	}
	out := make([]int, len(a.Rows))
	seen := map[int]bool{}
	for i, r := range a.Rows {
		j, ok := at[id{r.Rep, r.Seed}]
		if !ok || seen[j] {
			return nil
		}
		seen[j] = true
		out[i] = j
	}
	return out
}

// permute returns xs[idx[0]], xs[idx[1]], ...
func permute(xs []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

// bothPresent returns the pairs (x[i], y[i]) in which neither is NaN.
func bothPresent(x, y []float64) (xs, ys []float64) {
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			xs, ys = append(xs, x[i]), append(ys, y[i])
		}
	}
	return xs, ys
}

func countNaN(xs []float64) int {
	n := 0
	for _, x := range xs {
		if math.IsNaN(x) {
			n++
		}
	}
	return n
}

func sortedKeys(m map[uint64]bool) []uint64 {
	if len(m) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(m))
}

// countOf returns "1 replication" or "3 replications".
func countOf(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
