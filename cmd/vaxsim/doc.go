/*
vaxsim simulates mass-vaccination sites: booking on a portal, portal
outages, dose stock and walk-in invitations, from a TOML scenario, over
many replications. It reports throughput, wasted slots, wasted doses and
dose shortfalls.

Usage:

	vaxsim COMMAND [ARGS]

Commands:

	run [SCENARIO] [--reps N] [--seed S] [--out DIR] [--set key=value]... [--record DIR]
	    simulate a scenario and write its results
	plot DIR [--out DIR]
	    draw a result folder's plots again from its files
	report DIR [--out FILE]
	    write a one-page HTML report of a result folder
	sweep [SCENARIO | SWEEP_FILE] --vary key=values... [--reps N] [--out DIR] [--shard i/n] [--resume] [--plan]
	    run a scenario over a grid of parameter values
	merge DIR... [--out DIR]
	    join the shards of a sweep and write its results
	validate SCENARIO...
	    check scenarios without running them
	scenarios
	    list the bundled scenarios
	init NAME [--dir DIR]
	    print a bundled scenario to start from
	compare BASE_DIR NEW_DIR [--alpha A] [--tolerance T] [--format F]
	    compare two result folders; exit 1 if a result moved
	version
	    print the version
	help [COMMAND]
	    print this manual or a command's flags

SCENARIO is a TOML file or the name of a bundled scenario. Without one,
run simulates the bundled seed day, pima-tcc-2021-01-22: the Tucson
Convention Center on Friday 2021-01-22, when a portal fault left 130 of
about 1,100 appointments booked and the county invited law enforcement,
courts and schools instead.

# Running a scenario

	$ vaxsim run --reps 20 --seed 1

runs 20 replications in parallel on all cores and prints each headline
metric with its 95% confidence interval over the replications. It writes
into the output folder (default results/SCENARIO):

	summary.json       mean, sd, 95% interval, min and max of every metric
	daily.csv          one row per replication, date and site (and "all")
	replications.csv   one row per replication, horizon totals
	manifest.json      version, seeds, the resolved scenario, time taken
	plots/             PNG and SVG plots (see Plots and reports; --no-plots skips them)

A run is a pure function of (scenario, seed, replications): every file
but manifest.json is byte-identical across runs and machines' core
counts.

--set changes any scenario field by its TOML path, the value in TOML
syntax, without editing the file:

	$ vaxsim run --set sites.tcc.stations=10 --set invitations.fill.enabled=false

# Plots and reports

run draws its plots into DIR/plots, each as PNG and SVG: vaccinations
against slots per site and day, wasted slots per day, cumulative doses
received, administered and wasted with the doses on hand, the backlog,
and the waits per site, with 95% confidence intervals over the
replications. plot draws them again from the result files alone, for a
folder of an older run or a merged sweep, byte for byte as run drew
them; --out puts them elsewhere:

	$ vaxsim plot results/pima-tcc-2021-01-22

report writes DIR/report.html, one page to send to a colleague: the
scenario and its description, the headline metrics with their 95%
intervals, a table per site, the plots, and the version and seed used.
It needs no network and no scripts:

	$ vaxsim report results/pima-tcc-2021-01-22

# Starting a scenario of your own

	$ vaxsim scenarios
	$ vaxsim init pima-tcc-2021-01-22 > my-site.toml
	$ vaxsim validate my-site.toml

validate reports every problem at once, each with file, line and key.

# Replaying recorded data

A planner after a bad day has data, not distributions: the portal's
booking log, its incident log, the shipment records. A scenario's
[replay] table names such logs, CSV files beside it, and vaxsim replays
them in place of the model's booking rates, outages and shipments: the
recorded attempts are made at their times, by their cohorts, for their
sites and slots, while the portal's answers, no-shows, service, doses and
invitations are still simulated. The bundled pima-tcc-replay is the seed
day driven by its own booking and incident logs:

	$ vaxsim run pima-tcc-replay --reps 5

and a what-if on top of the same bookings, invitations sent at 08:00
instead of 08:30 (the invitees meet the morning's appointments, and the
mean wait grows from about 67 to 80 minutes):

	$ vaxsim run pima-tcc-replay --reps 5 --set invitations.fill.at=08:00

init --dir writes a bundled scenario with the logs it names, to edit:

	$ vaxsim init pima-tcc-replay --dir my-day
	$ vaxsim run my-day/pima-tcc-replay.toml --reps 5

run --record DIR writes what each replication did as logs, into
DIR/rep-N: bookings.csv (every booking attempt), walkins.csv,
outages.csv and shipments.csv, with replay.toml, the scenario replaying
them. Replayed on the same seed, a replication gives the same results,
byte for byte:

	$ vaxsim run --reps 1 --seed 3 --record recorded --out original
	$ vaxsim run recorded/rep-0/replay.toml --reps 1 --seed 3 --out replayed

A recorded booking that the simulated portal cannot honour (the site is
full, or the portal down, in a what-if) counts in portal_failed_attempts,
and the person tries again by the cohort's retry rules until they book or
give up. replay.until ends the replay at an instant, after which the
cohorts book by their rates again; replay.resample varies a log across
replications ("bootstrap" by day, "thin" or "scale" by a factor):

	vaxsim run pima-tcc-replay --set 'replay.resample="scale"' --set replay.factor=1.2

A malformed log exits 2, naming the file, line and column, and writes
nothing; rows out of time order are sorted with a warning, or rejected
with replay.strict_order = true. The README's "Replaying recorded data"
documents the formats.

# Sweeps

	$ vaxsim sweep --vary sites.tcc.stations=8,10,12 --vary invitations.fill.factor=1.2,1.4 --reps 5

runs the seed day at every combination of the varied values, the full
factorial grid: here 3 x 2 = 6 points of 5 replications each, on all
cores. Points are numbered from 0, the first --vary varying slowest.
--vary takes a list of TOML values (strings in quotes, as in
sites.tcc.at_close="serve","turn_away"), an inclusive range lo:hi:step,
stepped exactly (0.02:0.12:0.05 gives 0.02, 0.07, 0.12), or
log:lo:hi:n, n values spaced evenly in logarithm. --set changes the base
scenario. Every point is checked before anything runs: one bad point
exits 2 and runs nothing. The output folder (default
results/SCENARIO-sweep) gets:

	points.csv     point id, seed and the varied values
	results.csv    one row per point and replication, horizon totals
	summary.csv    one row per point and metric: n, mean, sd, 95% interval
	manifest.json  version, the sweep, time taken
	sweep.json     the sweep's definition: grid, replications, seed
	parts/         one file per finished point
	plots/         each headline metric against each varied key, with
	               95% intervals; a heat map if two keys vary (--no-plots:
	               none)

Replication r uses the same random numbers at every point (common random
numbers), so the differences between points are not blurred by noise;
--no-crn gives each point a seed of its own, hashed from the seed and the
point. The results do not depend on the number of cores.

	$ vaxsim sweep --vary sites.tcc.stations=8:12:2 --reps 3 --plan

prints the number of points and runs, and a Slurm job array line and a
Kubernetes Indexed Job's settings that run the sweep in shards. Shard i
of n runs the points i, i+n, i+2n and so on: give --shard i/n, or let the
scheduler say, through $SLURM_ARRAY_TASK_ID and $SLURM_ARRAY_TASK_COUNT
(a Slurm job array; --shard-count overrides the count) or
$JOB_COMPLETION_INDEX with --shard-count (a Kubernetes Indexed Job).
Shards may share the output folder or have one each. merge joins them,
checks that every point is there (else it exits 2 and names the missing
points) and writes the files of the whole sweep, byte-identical to those
of the sweep run on one machine:

	$ vaxsim sweep --vary sites.tcc.stations=8:12:2 --reps 3 --shard 0/2 --out shards
	$ vaxsim sweep --vary sites.tcc.stations=8:12:2 --reps 3 --shard 1/2 --out shards
	$ vaxsim merge shards

A finished point is saved at once, whole; a crash or a kill loses only
the points in flight, and --resume skips the saved points and runs the
rest. SIGINT or SIGTERM stops a sweep after saving the points it
finished (exit 75). A folder holding another sweep (another grid, seed,
replications or base scenario) is refused.

A sweep file holds a sweep in a [sweep] table; flags add to it:

	[sweep]
	scenario = "pima-tcc-2021-01-22"   # a bundled name, or a file beside this one
	reps = 20
	seed = 1
	crn = true
	set = ["invitations.fill.response=0.9"]
	vary = ["sites.tcc.stations=8:16:2", "invitations.fill.factor=1.2:1.6:0.1"]

The progress bar, with rate and time left, shows on a terminal; on a
pipe, or with CI set, a line every tenth of the runs or 30 seconds.

# Comparing runs

	$ vaxsim run --reps 20 --seed 1 --out baseline
	$ vaxsim run --reps 20 --seed 1 --out new
	$ vaxsim compare baseline new
	$ vaxsim compare baseline new --format markdown > comparison.md

compare reads two result folders, a baseline and a new run (or two
sweeps, point by point), and prints for every metric the base and new
means with their 95% intervals, the change, the p-value and a verdict:
~ (no significant change beyond the tolerance), better or worse (by the
metric's direction: more vaccinated is better, fewer wasted slots is
better), or changed (a metric without a direction, such as utilization).
It reads only the files and runs nothing, so a baseline kept under
version control can be compared with the run of another commit.

When both sides have the same seed and replications, replication i of
each drew the same random numbers and compare pairs them (paired
t-test); otherwise it uses Welch's t-test. Holm's correction over all
metrics keeps the chance of any false alarm below --alpha (0.05), and a
change smaller than --tolerance (2%) of the base mean never counts;
--metric-tolerance mean_wait_min=5% sets one metric's. --format csv
gives every number in full precision, --format markdown a table for a
pull-request comment. Warnings (few replications, a metric only on one
side) go to stderr.

compare exits 0 if nothing moved; 1 if a metric got better or worse
(--fail-on worse: only if one got worse; --fail-on any: metrics without
a direction count too); 2 on bad input: a missing folder, two different
scenarios, or fewer than 2 replications a side (10 or more detect small
changes). Halving the seed day's stations, for instance, exits 1 with
vaccinated and mean_wait_min worse:

	vaxsim run --reps 20 --out half --set sites.tcc.stations=7
	vaxsim compare baseline half

# Exit codes

	0   success
	1   compare found a result that moved (see Comparing runs)
	2   bad input or usage; nothing was written
	3   a run exceeded its event budget (scenario.max_events)
	70  internal error or a violated conservation law (a defect of vaxsim)
	75  interrupted by a signal; nothing partial was written (a sweep keeps
	    its finished points: --resume goes on)

Data goes to stdout and files; messages and warnings go to stderr.
*/
package main
