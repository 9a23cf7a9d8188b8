package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"vaxsim/output/compare"
	"vaxsim/output/table"
)

// maxNamed is the number of failing results the exit message names.
const maxNamed = 8

func setupCompare(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	def := compare.DefaultThresholds()
	alpha := fs.Float64("alpha", def.Alpha, "significance level, after Holm's correction over all metrics compared")
	tolerance := fs.String("tolerance", compare.FormatTolerance(def.Tolerance), "smallest change that counts, relative to the base mean (\"2%\" or 0.02)")
	perMetric := fs.StringArray("metric-tolerance", nil, "tolerance of one metric: name=5% (repeatable)")
	failOn := fs.String("fail-on", compare.FailOnBetterOrWorse.String(),
		"what exits 1: better-or-worse (a metric with a direction moved), worse, or any (neutral metrics too)")
	format := fs.String("format", table.FormatText.String(), "output format: text, csv or markdown")
	all := fs.Bool("all", false, "in markdown, show every metric in its place instead of folding those that did not move")
	return func(_ context.Context, io streams, args []string) error {
		// Every flag is checked before any file is read.
		th := compare.Thresholds{Alpha: *alpha}
		var err error
		if th.Tolerance, err = compare.ParseTolerance(*tolerance); err != nil {
			return usagef("compare: --tolerance: %v", err)
		}
		for _, kv := range *perMetric {
			if err := th.SetMetricTolerance(kv); err != nil {
				return usagef("compare: --metric-tolerance %v", err)
			}
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
