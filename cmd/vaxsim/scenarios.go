package main

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"vaxsim/scenarios"
)

func init() {
	register(command{"scenarios", "", "list the bundled scenarios", setupScenarios})
	register(command{"init", "NAME [--dir DIR]", "print a bundled scenario to start from", setupInit})
}

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
			return initDir(io, *dir, args[0]) // record_init.go
		}
		data, err := scenarios.Open(args[0])
		if err != nil {
			return inputErr(err)
		}
		if _, err = io.out.Write(data); err != nil {
			return err
		}
		noteLogs(io, args[0]) // record_init.go
		return nil
	}
}
