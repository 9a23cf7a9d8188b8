package runfiles

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strings"

	"vaxsim/output/stats"
	"vaxsim/output/table"
	"vaxsim/sim"
)

// Headline lists the metrics of the text summary, in its order.
var Headline = []sim.Metric{
	sim.Vaccinated,
	sim.Booked,
	sim.NoShows,
	sim.WastedSlots,
	sim.WalkinsServed,
	sim.DosesWasted,
	sim.DoseShortfall,
	sim.TurnedAwayCapacity,
	sim.MeanWaitMin,
	sim.P95WaitMin,
	sim.Utilization,
}

// WriteText writes a short summary of s for a person: the scenario, the
// number of replications and the seed, then one line per Headline metric
// (vaccinated, booked, no_shows, wasted_slots, walkins_served,
// doses_wasted, dose_shortfall, turned_away_capacity, mean_wait_min,
// p95_wait_min, utilization) with its mean, unit and 95% confidence
// interval, in aligned columns:
//
//	vaccinated     1,298 doses  (95% CI 1,281 to 1,315)
//
// Counts are rounded to whole numbers with thousands separators (with one
// decimal if the mean is below 100 and not whole), minutes and queue lengths keep one or
// two decimals, shares are percentages. A metric missing from s is left
// out; one not applicable in some replications says how many it covers.
func WriteText(w io.Writer, s *Summary) error {
	bw := bufio.NewWriter(w)
	lines := []string{
		"Scenario:      " + s.Scenario,
		fmt.Sprintf("Replications:  %d", s.Replications),
		fmt.Sprintf("Seed:          %d", s.Seed),
		"",
	}
	var rows [][4]string
	for _, m := range Headline {
		info := sim.Metrics[m]
		st, ok := s.Stat(info.Name)
		if !ok {
			continue
		}
		rows = append(rows, TextRow(info, st, s.Replications))
	}
	var width [3]int
	for _, r := range rows {
		for i := range width {
			width[i] = max(width[i], len(r[i]))
		}
	}
	for _, r := range rows {
		lines = append(lines, fmt.Sprintf("%-*s  %*s %-*s  %s", width[0], r[0], width[1], r[1], width[2], r[2], r[3]))
	}
	for _, line := range lines {
		bw.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	return bw.Flush()
}

// TextRow returns the name, mean, unit and interval cells of a metric, as
// the text summary and the report show them: the interval's lower end is
// clipped at 0, since no metric is negative.
func TextRow(info sim.MetricInfo, st stats.Stat, reps int) [4]string {
	if st.N == 0 {
		return [4]string{info.Name, "n/a", "", "(not applicable)"}
	}
	unit := info.Unit
	var format func(float64) string
	switch {
	case info.Unit == "share":
		unit = ""
		format = func(v float64) string { return table.Grouped(100*v, 1) + "%" }
	case info.Agg == sim.Average:
		d := 2
		if math.Abs(st.Mean) >= 10 {
			d = 1
		}
		format = func(v float64) string { return table.Grouped(v, d) }
	default:
		d := 1
		if math.Abs(st.Mean) >= 100 || isWhole(st.Mean) {
			d = 0
		}
		format = func(v float64) string { return table.Grouped(v, d) }
	}
	// Every metric is a count, a level, a wait or a share: none is
	// negative, so neither is the interval shown (files keep it exact).
	ci := fmt.Sprintf("(95%% CI %s to %s)", format(math.Max(st.Low, 0)), format(st.High))
	if st.N == 1 {
		ci = "(no CI from 1 replication)"
	}
	if st.N < reps {
		ci += fmt.Sprintf(" in %d of %d replications", st.N, reps)
	}
	return [4]string{info.Name, format(st.Mean), unit, ci}
}

func isWhole(v float64) bool { return v == math.Trunc(v) }
