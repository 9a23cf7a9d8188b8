// Package outtest holds what the tests of the output packages share: a
// hand-made run of fake results, golden files and float comparisons.
package outtest

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"vaxsim/sim"
)

// Update makes Golden rewrite golden files instead of comparing them.
var Update = flag.Bool("update", false, "rewrite golden files in testdata and the README's output reference")

// FakeResults builds reps replications of a two-site, two-day run by hand.
// Counts are whole numbers that differ by replication, day and site;
// portal-scope metrics are NaN on site rows; the mall serves nobody in
// replication 2, so its waits are NaN there.
func FakeResults(reps int) []*sim.Result {
	start := sim.Date{Year: 2021, Month: 1, Day: 22}
	sites := []string{"tcc", "mall"}
	const days = 2
	var results []*sim.Result
	for rep := range reps {
		r := &sim.Result{Scenario: "two-sites", Rep: rep, Seed: 42, Start: start, Sites: sites, Events: int64(1000 + rep)}
		if rep == 1 {
			r.Warnings = []string{"the queue at mall hit max_queue"}
		}
		for d := range days {
			row := make([]sim.Values, len(sites)+1)
			for s := range sites {
				for m := range sim.NumMetrics {
					info := sim.Metrics[m]
					switch {
					case info.Scope == sim.PortalScope:
						row[s][m] = math.NaN()
					case info.Agg == sim.Average:
						row[s][m] = 10 + float64(m) + 0.25*float64(rep) + 1.125*float64(s) - 0.5*float64(d)
						if info.Unit == "share" {
							row[s][m] = 0.5 + 0.1*float64(s) + 0.03*float64(rep)
						}
						if s == 1 && rep == 2 && (m == sim.MeanWaitMin || m == sim.P95WaitMin) {
							row[s][m] = math.NaN()
						}
					default:
						row[s][m] = float64(100*(int(m)+1) + 7*rep + 3*d + s*(int(m)+2))
					}
				}
			}
			all := &row[len(sites)]
			for m := range sim.NumMetrics {
				switch info := sim.Metrics[m]; {
				case info.Scope == sim.PortalScope:
					all[m] = float64(5000 - 100*d + 11*rep + int(m))
				case info.Agg == sim.Average:
					all[m] = row[0][m] // stands in for a pooled value
				default:
					all[m] = row[0][m] + row[1][m]
				}
			}
			r.Daily = append(r.Daily, row)
		}
		r.Total = make([]sim.Values, len(sites)+1)
		for s := range r.Total {
			for m := range sim.NumMetrics {
				first, last := r.Daily[0][s][m], r.Daily[days-1][s][m]
				switch sim.Metrics[m].Agg {
				case sim.Count:
					r.Total[s][m] = first + last
				case sim.Level:
					r.Total[s][m] = last
				case sim.Average:
					r.Total[s][m] = (first + last) / 2
				}
			}
		}
		results = append(results, r)
	}
	return results
}

// Golden compares got with testdata/name, or rewrites the file with
// -update. On a mismatch it writes testdata/name.got (gitignored).
func Golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *Update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		os.WriteFile(path+".got", got, 0o644)
		t.Errorf("%s differs from the golden file; got written to %s.got (go test -update rewrites the golden file):\n%s",
			path, path, FirstDiff(want, got))
		return
	}
	os.Remove(path + ".got")
}

// FirstDiff describes the first line where want and got differ.
func FirstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := range max(len(wl), len(gl)) {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return "(same lines)"
}

// Same reports whether a and b are equal, NaN equal to NaN.
func Same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

// Near reports whether a and b agree to within tol, relative to b's size
// above 1, NaN agreeing with NaN.
func Near(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b))
}

// Seed adds the contents of the files at paths, and an empty input, to
// f's corpus; a file that cannot be read is skipped.
func Seed(f *testing.F, paths ...string) {
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte{})
}
