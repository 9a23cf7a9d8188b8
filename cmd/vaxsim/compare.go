package main

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"vaxsim/output/compare"
	"vaxsim/output/table"
	"vaxsim/sim"
)

func init() {
	register(command{"compare", "BASE_DIR NEW_DIR [--alpha 0.05] [--tolerance 2%] [--metric-tolerance name=5%]... [--fail-on better-or-worse|worse|any] [--format text|csv|markdown] [--all]",
		"compare two result folders; exit 1 if a result moved", setupCompare})
}

// maxNamed is the number of failing results the exit message names.
const maxNamed = 8

func setupCompare(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	def := compare.DefaultThresholds()
	alpha := fs.Float64("alpha", def.Alpha, "significance level, after Holm's correction over all metrics compared")
	tolerance := fs.String("tolerance", percentFlag(def.Tolerance), "smallest change that counts, relative to the base mean (\"2%\" or 0.02)")
	perMetric := fs.StringArray("metric-tolerance", nil, "tolerance of one metric: name=5% (repeatable)")
	failOn := fs.String("fail-on", compare.FailOnBetterOrWorse.String(),
		"what exits 1: better-or-worse (a metric with a direction moved), worse, or any (neutral metrics too)")
	format := fs.String("format", table.FormatText.String(), "output format: text, csv or markdown")
	all := fs.Bool("all", false, "in markdown, show every metric in its place instead of folding those that did not move")
	return func(_ context.Context, io streams, args []string) error {
		// Every flag is checked before any file is read.
		th := compare.Thresholds{Alpha: *alpha}
		var err error
		if th.Tolerance, err = parsePercent(*tolerance); err != nil {
			return usagef("compare: --tolerance: %v", err)
		}
		for _, kv := range *perMetric {
			name, val, ok := strings.Cut(kv, "=")
			if !ok {
				return usagef("compare: --metric-tolerance %q: want name=tolerance, as in mean_wait_min=5%%", kv)
			}
			if _, known := sim.MetricByName(name); !known {
				return usagef("compare: --metric-tolerance: no metric %q; metrics: %s", name, metricList())
			}
			tol, err := parsePercent(val)
			if err != nil {
				return usagef("compare: --metric-tolerance %s: %v", name, err)
			}
			if th.PerMetric == nil {
				th.PerMetric = map[string]float64{}
			}
			th.PerMetric[name] = tol
		}
		if err := th.Check(); err != nil {
			return usagef("compare: %v", err)
		}
		policy, err := compare.ParseFailOn(*failOn)
		if err != nil {
			return usagef("compare: --fail-on: %v", err)
		}
		f, err := table.ParseFormat(*format)
		if err != nil {
			return usagef("compare: --format: %v", err)
		}
		if len(args) != 2 {
			return usagef("compare: want two result folders, BASE_DIR and NEW_DIR (got %s)", plural(len(args), "argument"))
		}

		c, err := compare.Compare(args[0], args[1], th)
		if err != nil {
			return inputErr(fmt.Errorf("compare: %w", err))
		}
		if err := c.Write(io.out, f, *all); err != nil {
			return err
		}
		for _, w := range c.Warnings {
			fmt.Fprintln(io.msg, "warning:", w)
		}
		failing := c.Failing(policy)
		if len(failing) == 0 {
			return nil
		}
		var names []string
		for i, r := range failing {
			if i == maxNamed {
				names = append(names, fmt.Sprintf("and %d more", len(failing)-maxNamed))
				break
			}
			name := r.Metric + " " + r.Verdict.String()
			if r.Point != "" {
				name = r.Point + ": " + name
			}
			names = append(names, name)
		}
		return &exitError{exitRegression, fmt.Errorf("compare: %s moved beyond tolerance (--fail-on %s): %s",
			plural(len(failing), "result"), policy, strings.Join(names, "; "))}
	}
}

// parsePercent reads a relative tolerance: "2%" or a fraction below 1
// such as 0.02.
func parsePercent(s string) (float64, error) {
	num, pct := strings.CutSuffix(strings.TrimSpace(s), "%")
	v, err := strconv.ParseFloat(num, 64)
	switch {
	case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
		return 0, fmt.Errorf("%q is not a percentage (as in 2%%) or a fraction (as in 0.02)", s)
	case v < 0:
		return 0, fmt.Errorf("%q is negative", s)
	case pct:
		return v / 100, nil
	case v >= 1:
		return 0, fmt.Errorf("%q as a fraction is %g%%; write %s%% if you mean that", s, 100*v, num)
	}
	return v, nil
}

// percentFlag writes a fraction as a percentage: 0.02 is "2%".
func percentFlag(f float64) string { return strconv.FormatFloat(100*f, 'g', 10, 64) + "%" }

// metricList lists the metric names of sim.Metrics.
func metricList() string {
	names := make([]string, len(sim.Metrics))
	for i, m := range sim.Metrics {
		names[i] = m.Name
	}
	return strings.Join(names, ", ")
}
