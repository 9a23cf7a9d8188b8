/*
vaxsim simulates mass-vaccination sites: booking on a portal, portal
outages, dose stock and walk-in invitations, from a TOML scenario, over
many replications. It reports throughput, wasted slots, wasted doses and
dose shortfalls.

Usage:

	vaxsim COMMAND [ARGS]

Commands:

	run [SCENARIO] [--reps N] [--seed S] [--out DIR] [--set key=value]...
	    simulate a scenario and write its results
	validate SCENARIO...
	    check scenarios without running them
	scenarios
	    list the bundled scenarios
	init NAME
	    print a bundled scenario to start from
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

A run is a pure function of (scenario, seed, replications): every file
but manifest.json is byte-identical across runs and machines' core
counts.

--set changes any scenario field by its TOML path, the value in TOML
syntax, without editing the file:

	$ vaxsim run --set sites.tcc.stations=10 --set invitations.fill.enabled=false

# Starting a scenario of your own

	$ vaxsim scenarios
	$ vaxsim init pima-tcc-2021-01-22 > my-site.toml
	$ vaxsim validate my-site.toml

validate reports every problem at once, each with file, line and key.

# Exit codes

	0   success
	1   compare found a regression
	2   bad input or usage; nothing was written
	3   a run exceeded its event budget (scenario.max_events)
	70  internal error or a violated conservation law (a defect of vaxsim)
	75  interrupted by a signal; nothing partial was written

Data goes to stdout and files; messages and warnings go to stderr.
*/
package main
