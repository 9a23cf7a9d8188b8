package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/spf13/pflag"

	"vaxsim/output/plot"
	"vaxsim/output/progress"
	"vaxsim/output/sweep"
	"vaxsim/output/sweepfiles"
	"vaxsim/scenarios"
	"vaxsim/sim/des"
)

// sweepOptions are the settings of a sweep from its flags and, if given,
// its sweep file.
type sweepOptions struct {
	arg        string   // the scenario (or sweep file) as named
	sets       []string // --set overrides of the base scenario
	vary       []string // --vary arguments, in order
	reps       int
	seed       uint64
	crn        bool
	out        string
	shard      string // --shard i/n
	shardCount int    // --shard-count n
	resume     bool
	plan       bool
	noPlots    bool
	changed    func(name string) bool // whether a flag was given
}

func setupSweep(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	var o sweepOptions
	fs.StringArrayVar(&o.vary, "vary", nil, "vary a scenario field: key=v1,v2,... (TOML values), key=lo:hi:step or key=log:lo:hi:n (repeatable; the first varies slowest)")
	fs.StringArrayVar(&o.sets, "set", nil, "override a field of the base scenario: key=value, the value in TOML syntax (repeatable)")
	fs.IntVar(&o.reps, "reps", 20, "replications per point (1.."+strconv.Itoa(maxReps)+")")
	fs.Uint64Var(&o.seed, "seed", 1, "master seed")
	noCRN := fs.Bool("no-crn", false, "give each point its own seed instead of common random numbers")
	fs.StringVar(&o.out, "out", "", "output folder (default results/<scenario>-sweep)")
	fs.StringVar(&o.shard, "shard", "", "run shard i of n: the points whose id is i modulo n (default from $"+sweep.EnvSlurmTask+" or $"+sweep.EnvK8sIndex+")")
	fs.IntVar(&o.shardCount, "shard-count", 0, "number of shards, with the index from $"+sweep.EnvSlurmTask+" or $"+sweep.EnvK8sIndex)
	fs.BoolVar(&o.resume, "resume", false, "skip the points already complete in the output folder")
	fs.BoolVar(&o.noPlots, "no-plots", false, "do not draw plots into DIR/"+plot.Dir)
	fs.BoolVar(&o.plan, "plan", false, "print the number of points and runs and a Slurm job array line; run nothing")
	return func(ctx context.Context, io streams, args []string) error {
		o.crn = !*noCRN
		o.changed = func(name string) bool { return fs.Changed(name) }
		if len(args) > 1 {
			return usagef("sweep: one scenario or sweep file at a time (got %d)", len(args))
		}
		o.arg = scenarios.DefaultName
		if len(args) == 1 {
			o.arg = args[0]
		}
		return runSweep(ctx, io, &o)
	}
}

// runSweep runs the sweep of o, or prints its plan.
func runSweep(ctx context.Context, io streams, o *sweepOptions) error {
	if o.shardCount < 0 {
		return usagef("sweep: --shard-count must be positive, not %d", o.shardCount)
	}
	opts := &sweep.Options{
		Source: o.arg, Sets: o.sets, Vary: o.vary, Reps: o.reps, Seed: o.seed, NoCRN: !o.crn,
		Resume: o.resume, Dir: o.out, NoPlots: o.noPlots,
		Version: fullVersion(), StreamScheme: des.StreamScheme, Log: io.msg,
	}
	spec, err := scenarios.LoadSweep(o.arg) // nil if o.arg names a scenario
	if err != nil {
		return inputErr(err)
	}
	if spec != nil {
		flag := map[string]string{"reps": "reps", "seed": "seed", "crn": "no-crn"}
		opts.FromFile(spec, func(s string) bool { return o.changed(flag[s]) })
	}
	if !o.plan || o.shard != "" {
		if opts.Shard, opts.Shards, err = sweep.ShardFromEnv(o.shard, o.shardCount, os.Getenv); err != nil {
			return usagef("sweep: %v", err)
		}
	}
	if o.plan {
		// Every point is checked, none kept.
		opts.Shard, opts.Shards = 0, 0
		def, _, err := sweep.Define(opts)
		if err != nil {
			return sweepErr(err)
		}
		tasks := o.shardCount
		if opts.Shards > 1 {
			tasks = opts.Shards
		}
		command := []string{"vaxsim", "sweep", o.arg}
		for _, v := range o.vary {
			command = append(command, "--vary", v)
		}
		for _, s := range o.sets {
			command = append(command, "--set", s)
		}
		return sweep.WritePlan(io.out, def, command, sweepDir(o, def), tasks)
	}
	where := "sweep"
	if opts.Shards > 1 {
		where = fmt.Sprintf("sweep shard %d/%d", opts.Shard, opts.Shards)
	}
	prog := progress.None
	opts.Progress = func(done, total int) {
		if done == 0 {
			prog = progress.New(io.msg, where, "runs", total)
			return
		}
		prog.Add(1)
	}
	out, err := sweep.Run(ctx, opts)
	prog.Finish()
	if err != nil {
		return sweepErr(err)
	}
	if !out.Done {
		fmt.Fprintf(io.msg, "shard %d/%d done in %s; when every shard is done: vaxsim merge %s\n",
			opts.Shard, opts.Shards, out.Dir, sweep.ShellQuote(out.Dir))
		return nil
	}
	fmt.Fprintf(io.msg, "results in %s\n", out.Dir)
	return nil
}

// sweepDir is the sweep's folder: --out, or the default of package sweep.
func sweepDir(o *sweepOptions, def *sweepfiles.Sweep) string {
	if o.out != "" {
		return o.out
	}
	return sweep.DefaultDir(def)
}

// sweepErr gives the errors of package sweep their exit codes: bad input
// is exit 2, an interrupt 75 (it wraps context.Canceled).
func sweepErr(err error) error {
	var ie *sweep.InputError
	if errors.As(err, &ie) {
		return inputErr(err)
	}
	return err
}
