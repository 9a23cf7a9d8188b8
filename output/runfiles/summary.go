package runfiles

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"vaxsim/output/stats"
	"vaxsim/sim"
)

// Summary is the content of summary.json: statistics over replications of
// each metric's horizon total (counts summed over the horizon, levels at
// its end, averages over the whole horizon).
type Summary struct {
	Scenario     string
	Seed         uint64 // master seed
	Replications int
	// Metrics holds the all-sites statistics, one per metric. [Summarize]
	// puts them in the order of sim.Metrics; [ReadSummary] in the file's
	// order.
	Metrics []NamedStat
	// Sites holds per-site statistics in the order of the scenario's
	// sites. A site lists the site-scope metrics only: portal-scope
	// metrics are not applicable to a site.
	Sites []SiteSummary
}

// NamedStat is the [stats.Stat] of the metric called Name.
type NamedStat struct {
	Name string
	stats.Stat
}

// SiteSummary holds the statistics of one site.
type SiteSummary struct {
	Site    string
	Metrics []NamedStat
}

// Stat returns the all-sites statistics of the metric called name.
func (s *Summary) Stat(name string) (stats.Stat, bool) { return lookup(s.Metrics, name) }

// Stat returns the site's statistics of the metric called name.
func (s *SiteSummary) Stat(name string) (stats.Stat, bool) { return lookup(s.Metrics, name) }

func lookup(ms []NamedStat, name string) (stats.Stat, bool) {
	for _, m := range ms {
		if m.Name == name {
			return m.Stat, true
		}
	}
	return stats.Stat{}, false
}

// Summarize returns the statistics of the horizon totals of results,
// which hold the replications of one run ordered by replication: over
// each result's all-sites row r.Total[r.All()], and per site over
// r.Total[s]. Scenario and Seed come from the first result; with no
// results every statistic has N = 0.
//
// Summarize panics if [CheckResults] reports an error: results that are
// not the replications of one scenario, or do not have one row per site
// plus the all-sites row.
func Summarize(results []*sim.Result) *Summary {
	if err := CheckResults(results); err != nil {
		panic("output: Summarize: " + err.Error())
	}
	s := &Summary{Replications: len(results)}
	var sites []string
	if len(results) > 0 {
		s.Scenario, s.Seed, sites = results[0].Scenario, results[0].Seed, results[0].Sites
	}
	xs := make([]float64, len(results))
	column := func(row func(*sim.Result) int, m sim.Metric) []float64 {
		for i, r := range results {
			xs[i] = r.Total[row(r)][m]
		}
		return xs
	}
	for m := range sim.NumMetrics {
		s.Metrics = append(s.Metrics, NamedStat{sim.Metrics[m].Name, stats.Describe(column((*sim.Result).All, m))})
	}
	for i, site := range sites {
		ss := SiteSummary{Site: site}
		for m := range sim.NumMetrics {
			if sim.Metrics[m].Scope != sim.SiteScope {
				continue
			}
			at := func(*sim.Result) int { return i }
			ss.Metrics = append(ss.Metrics, NamedStat{sim.Metrics[m].Name, stats.Describe(column(at, m))})
		}
		s.Sites = append(s.Sites, ss)
	}
	return s
}

// CheckResults reports whether results can be written and summarized
// together: no nil result, one scenario name and one list of distinct,
// non-empty site names, none of them "all" (the name of the all-sites
// row), and per result one Total row and, every day, one Daily row per
// site plus the all-sites row.
func CheckResults(results []*sim.Result) error {
	for i, r := range results {
		if r == nil {
			return fmt.Errorf("result %d is nil", i)
		}
		if i > 0 && (r.Scenario != results[0].Scenario || !slices.Equal(r.Sites, results[0].Sites)) {
			return fmt.Errorf("replication %d (scenario %q, sites %q) does not match replication %d (scenario %q, sites %q)",
				r.Rep, r.Scenario, r.Sites, results[0].Rep, results[0].Scenario, results[0].Sites)
		}
		if len(r.Total) != len(r.Sites)+1 {
			return fmt.Errorf("replication %d has %d total rows for %d sites, want %d", r.Rep, len(r.Total), len(r.Sites), len(r.Sites)+1)
		}
		for d, day := range r.Daily {
			if len(day) != len(r.Sites)+1 {
				return fmt.Errorf("replication %d has %d rows on day %d for %d sites, want %d", r.Rep, len(day), d, len(r.Sites), len(r.Sites)+1)
			}
		}
	}
	if len(results) > 0 {
		seen := map[string]bool{}
		for _, site := range results[0].Sites {
			switch {
			case site == "":
				return errors.New("a site has an empty name")
			case site == AllSites:
				return fmt.Errorf("a site is named %q, the name of the all-sites row", AllSites)
			case seen[site]:
				return fmt.Errorf("two sites are named %q", site)
			}
			seen[site] = true
		}
	}
	return nil
}

// WriteSummary writes s as summary.json: an object with the keys
// "scenario", "seed", "replications", "metrics" and "sites", one metric
// per line. Each metric is {"n", "mean", "sd", "ci95": [low, high], "min",
// "max"}; NaN and infinities are written as null.
func WriteSummary(w io.Writer, s *Summary) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "{\n  \"scenario\": %s,\n  \"seed\": %d,\n  \"replications\": %d,\n  \"metrics\": {",
		jsonString(s.Scenario), s.Seed, s.Replications)
	writeStats(bw, s.Metrics, "    ")
	bw.WriteString(",\n  \"sites\": {")
	for i, site := range s.Sites {
		if i > 0 {
			bw.WriteByte(',')
		}
		fmt.Fprintf(bw, "\n    %s: {", jsonString(site.Site))
		writeStats(bw, site.Metrics, "      ")
	}
	if len(s.Sites) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("}\n}\n")
	return bw.Flush()
}

// writeStats writes the members of a metrics object and its closing brace.
func writeStats(w *bufio.Writer, ms []NamedStat, indent string) {
	for i, m := range ms {
		if i > 0 {
			w.WriteByte(',')
		}
		fmt.Fprintf(w, "\n%s%s: {\"n\": %d, \"mean\": %s, \"sd\": %s, \"ci95\": [%s, %s], \"min\": %s, \"max\": %s}",
			indent, jsonString(m.Name), m.N, jsonNumber(m.Mean), jsonNumber(m.SD),
			jsonNumber(m.Low), jsonNumber(m.High), jsonNumber(m.Min), jsonNumber(m.Max))
	}
	if len(ms) > 0 {
		w.WriteString("\n" + indent[2:])
	}
	w.WriteByte('}')
}

// jsonString quotes s as a JSON string, leaving <, > and & as they are.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// ReadSummary reads a summary.json written by [WriteSummary]. Metrics and
// sites keep the file's order; null numbers read as NaN. "scenario",
// "seed", "replications" and "metrics" are required, "sites" is optional,
// and unknown keys are ignored.
func ReadSummary(r io.Reader) (*Summary, error) {
	var f struct {
		Scenario     *string         `json:"scenario"`
		Seed         *uint64         `json:"seed"`
		Replications *int            `json:"replications"`
		Metrics      json.RawMessage `json:"metrics"`
		Sites        json.RawMessage `json:"sites"`
	}
	dec := json.NewDecoder(r)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("summary: %w", err)
	}
	switch {
	case f.Scenario == nil:
		return nil, errors.New(`summary: missing "scenario"`)
	case f.Seed == nil:
		return nil, errors.New(`summary: missing "seed"`)
	case f.Replications == nil:
		return nil, errors.New(`summary: missing "replications"`)
	case f.Metrics == nil:
		return nil, errors.New(`summary: missing "metrics"`)
	}
	s := &Summary{Scenario: *f.Scenario, Seed: *f.Seed, Replications: *f.Replications}
	var err error
	if s.Metrics, err = readStats(f.Metrics); err != nil {
		return nil, fmt.Errorf("summary: metrics: %w", err)
	}
	if f.Sites != nil && string(f.Sites) != "null" {
		names, values, err := objectMembers(f.Sites)
		if err != nil {
			return nil, fmt.Errorf("summary: sites: %w", err)
		}
		for i, name := range names {
			ms, err := readStats(values[i])
			if err != nil {
				return nil, fmt.Errorf("summary: sites: %s: %w", name, err)
			}
			s.Sites = append(s.Sites, SiteSummary{Site: name, Metrics: ms})
		}
	}
	return s, nil
}

// readStats reads a metrics object in its order.
func readStats(raw json.RawMessage) ([]NamedStat, error) {
	names, values, err := objectMembers(raw)
	if err != nil {
		return nil, err
	}
	ms := make([]NamedStat, len(names))
	for i, name := range names {
		var f struct {
			N    *int       `json:"n"`
			Mean *float64   `json:"mean"`
			SD   *float64   `json:"sd"`
			CI95 []*float64 `json:"ci95"`
			Min  *float64   `json:"min"`
			Max  *float64   `json:"max"`
		}
		if err := json.Unmarshal(values[i], &f); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if f.N == nil {
			return nil, fmt.Errorf(`%s: missing "n"`, name)
		}
		if len(f.CI95) != 2 {
			return nil, fmt.Errorf(`%s: "ci95" has %d numbers, want 2`, name, len(f.CI95))
		}
		ms[i] = NamedStat{name, stats.Stat{N: *f.N, Mean: orNaN(f.Mean), SD: orNaN(f.SD),
			Low: orNaN(f.CI95[0]), High: orNaN(f.CI95[1]), Min: orNaN(f.Min), Max: orNaN(f.Max)}}
	}
	return ms, nil
}

func orNaN(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// objectMembers returns the keys and raw values of the JSON object raw, in
// order. It rejects a repeated key.
func objectMembers(raw json.RawMessage) ([]string, []json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil, errors.New("not an object")
	}
	var keys []string
	var values []json.RawMessage
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key := tok.(string) // inside an object, a valid token here is a key
		if slices.Contains(keys, key) {
			return nil, nil, fmt.Errorf("%q appears twice", key)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", key, err)
		}
		keys, values = append(keys, key), append(values, v)
	}
	return keys, values, nil
}
