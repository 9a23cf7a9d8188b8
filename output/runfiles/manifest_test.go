package runfiles_test

import (
	"bytes"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"vaxsim/output/internal/outtest"
	"vaxsim/output/runfiles"
)

func TestNewManifest(t *testing.T) {
	results := outtest.FakeResults(6)
	results[2].Warnings = []string{"the queue at mall hit max_queue", "no doses at tcc", "no doses at tcc"}
	results[3].Warnings = []string{"the queue at mall hit max_queue"}
	results[5].Warnings = []string{"the queue at mall hit max_queue"}
	m := runfiles.NewManifest(results)
	if m.GoVersion != runtime.Version() || m.Scenario != "two-sites" || m.Seed != 42 || m.Replications != 6 {
		t.Errorf("NewManifest: %+v", m)
	}
	if m.Events != 6*1000+15 {
		t.Errorf("Events = %d, want %d", m.Events, 6*1000+15)
	}
	if len(m.Reps) != 6 || m.Reps[1].Rep != 1 || m.Reps[1].Events != 1001 || m.Reps[1].Seed != 42 {
		t.Errorf("Reps = %+v", m.Reps)
	}
	want := []string{
		"the queue at mall hit max_queue (replications 1-3, 5)",
		"no doses at tcc (replication 2)",
	}
	if !slices.Equal(m.Warnings, want) {
		t.Errorf("Warnings = %q, want %q", m.Warnings, want)
	}
	if empty := runfiles.NewManifest(nil); empty.Reps == nil || empty.Warnings == nil || empty.Replications != 0 {
		t.Errorf("NewManifest(nil) = %+v, want empty, non-nil lists", empty)
	}
}

func TestManifestRoundTrip(t *testing.T) {
	m := runfiles.NewManifest(outtest.FakeResults(2))
	m.Version = "v0.1.0"
	m.Source = "scenarios/pima.toml"
	m.StreamScheme = "pcg(sha256(...))"
	m.ScenarioTOML = "name = \"two-sites\"\n[sites.tcc]\nstations = 12\n"
	m.Start = time.Date(2026, 3, 4, 5, 6, 7, 890, time.UTC)
	m.Elapsed = runfiles.Duration(1500 * time.Millisecond)
	var b bytes.Buffer
	if err := runfiles.WriteManifest(&b, m); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"elapsed": "1.5s"`, `"start": "2026-03-04T05:06:07.00000089Z"`, `"stream_scheme": "pcg(sha256(...))"`, `"warnings": [`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("manifest.json does not contain %s:\n%s", want, &b)
		}
	}
	got, err := runfiles.ReadManifest(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !equalManifest(got, m) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, m)
	}

	// Nil lists are written as [], not null.
	b.Reset()
	if err := runfiles.WriteManifest(&b, &runfiles.Manifest{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"warnings": []`) || !strings.Contains(b.String(), `"reps": []`) {
		t.Errorf("empty manifest:\n%s\nwant empty lists as []", &b)
	}
}

func TestReadManifestErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not JSON", "version", "manifest: invalid character"},
		{"bad elapsed", `{"elapsed": "soon"}`, `manifest: elapsed: time: invalid duration "soon"`},
		{"bad seed", `{"seed": "one"}`, "manifest: json: cannot unmarshal string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := runfiles.ReadManifest(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadManifest(%s): error %v, want one containing %q", tt.in, err, tt.want)
			}
		})
	}
}

func equalManifest(a, b *runfiles.Manifest) bool {
	sameReps := slices.EqualFunc(a.Reps, b.Reps, func(x, y runfiles.RepInfo) bool {
		return x.Rep == y.Rep && x.Seed == y.Seed && x.Events == y.Events && slices.Equal(x.Warnings, y.Warnings)
	})
	return sameReps && a.Version == b.Version && a.GoVersion == b.GoVersion && a.Scenario == b.Scenario &&
		a.Source == b.Source && a.Seed == b.Seed && a.Replications == b.Replications &&
		a.StreamScheme == b.StreamScheme && a.Events == b.Events && slices.Equal(a.Warnings, b.Warnings) &&
		a.Start.Equal(b.Start) && a.Elapsed == b.Elapsed && a.ScenarioTOML == b.ScenarioTOML
}
