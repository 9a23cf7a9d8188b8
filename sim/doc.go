// Package sim is the vaxsim model: vaccination sites, cohorts of people,
// a booking portal with outages, dose stock and invitation rules, on the
// event kernel of package des.
//
// A [Scenario] is plain, validated data (package scenarios builds it from
// TOML); [Run] simulates one replication of it and returns a [Result] of
// daily values per site and horizon totals, named by the stable metrics
// of [Metrics]. [Replicate] runs many replications in parallel, with
// results identical whatever the number of workers. Both take [Options],
// whose zero value is the plain run.
//
// # Conventions
//
// Time is des.Time, milliseconds from the scenario's first day at 00:00
// on a civil clock (every day 24 hours). Rates are per day for booking
// attempts and per hour for walk-ins. Shares and probabilities are in
// [0, 1]. Collections refer to each other by index. A sampled duration
// is rounded to whole milliseconds and cut to [0, [MaxDuration]] (an
// offset such as punctuality to [-MaxDuration, MaxDuration]), so that any
// distribution a scenario can name yields times the clock can hold.
//
// People who have not acted are counts, not objects: a cohort's next
// booking attempt is drawn from the size of its pools and their rates.
// Records exist only for people on the way to a site or at one, so memory
// follows the active few, not the population.
//
// # Recorded data
//
// A Scenario's Replay replays recorded booking attempts and walk-in
// arrivals in place of some cohorts' stochastic processes; recorded
// outages and shipments are ordinary Outages and Deliveries. The portal's
// answers, no-shows, service and doses stay simulated. Run with
// Options.Record returns what a replication did as a Recording, which
// replays to the same results on the same seed and replication.
//
// # Random numbers
//
// Every random choice draws from a named stream of the replication
// ("service/site=tcc", "noshow/cohort=law", "outage/portal"...), seeded
// from (seed, replication, name). Two variants of a scenario therefore
// share common random numbers wherever they share names.
//
// # Errors
//
// Run checks doses (received = administered + wasted + on hand, per site)
// and people (every member of a cohort in exactly one state) at the end
// of every day and returns an *InvariantError on a violation: that is a
// defect of vaxsim, never of the input. A replication that exceeds its
// event budget returns a *BudgetError. Run never returns a partial result.
//
// # Same-instant order
//
// Events at one instant run in this order: the day closes; doses are
// delivered; supply-limited sites set their first-dose caps; sites close,
// then open; services end; open vials lapse; people booked on earlier
// days arrive, then other people; people in line give up waiting; the
// portal takes booking attempts; invitation rules run. Within a kind,
// events run in the order they were scheduled (openings and caps in the
// order of sites; appointments of a day in the order they were booked).
package sim
