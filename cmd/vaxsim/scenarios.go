package main

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"vaxsim/output/files"
	"vaxsim/scenarios"
)

func setupScenarios(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	return func(_ context.Context, io streams, args []string) error {
		if len(args) > 0 {
			return usagef("scenarios takes no arguments")
		}
		list := scenarios.Bundled()
		width := 0
		for _, s := range list {
			width = max(width, len(s.Name))
		}
		for _, s := range list {
			fmt.Fprintf(io.out, "%-*s  %s\n", width, s.Name, s.Description)
		}
		return nil
	}
}

func setupInit(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	dir := fs.String("dir", "", "write the scenario, and the replay logs it names, into `DIR` instead of printing it")
	return func(_ context.Context, io streams, args []string) error {
		if len(args) != 1 {
			return usagef("init: name one bundled scenario (see 'vaxsim scenarios')")
		}
		if *dir != "" {
			paths, err := scenarios.WriteBundled(*dir, args[0], files.Write)
			for _, p := range paths {
				fmt.Fprintln(io.msg, "wrote", p)
			}
			if err != nil {
				return inputErr(fmt.Errorf("init: %w", err))
			}
			return nil
		}
		data, err := scenarios.Open(args[0])
		if err != nil {
			return inputErr(err)
		}
		if _, err = io.out.Write(data); err != nil {
			return err
		}
		if data, err := scenarios.BundledData(args[0]); err == nil && len(data) > 0 {
			fmt.Fprintf(io.msg, "note: %s replays %d logs beside it; vaxsim init %s --dir DIR writes them too\n",
				args[0], len(data), args[0])
		}
		return nil
	}
}
