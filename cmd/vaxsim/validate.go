package main

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"vaxsim/scenarios"
)

func setupValidate(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	sets := fs.StringArray("set", nil, "override a field before validating: key=value (repeatable)")
	return func(_ context.Context, io streams, args []string) error {
		if len(args) == 0 {
			return usagef("validate: name at least one scenario file or bundled name")
		}
		bad := 0
		for _, a := range args {
			f, err := scenarios.Resolve(a, *sets)
			if err != nil {
				fmt.Fprintln(io.msg, err)
				bad++
				continue
			}
			sc := f.Scenario
			fmt.Fprintf(io.out, "%s: ok (%s: %s, %s, %s)\n", a, sc.Name, plural(len(sc.Sites), "site"),
				plural(len(sc.Cohorts), "cohort"), plural(sc.Days, "day"))
		}
		if bad > 0 {
			return &exitError{exitInput, fmt.Errorf("%d of %d scenarios invalid", bad, len(args))}
		}
		return nil
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
