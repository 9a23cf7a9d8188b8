package output_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"vaxsim/output"
	"vaxsim/output/files"
	"vaxsim/output/internal/outtest"
	"vaxsim/output/plot"
	"vaxsim/output/runfiles"
)

// names lists the files in dir, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, e := range entries {
		ns = append(ns, e.Name())
	}
	return ns
}

func TestWriteRun(t *testing.T) {
	results := outtest.FakeResults(3)
	dir := filepath.Join(t.TempDir(), "results", "two-sites")
	man := runfiles.NewManifest(results)
	man.Start = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := output.WriteRun(dir, &output.Run{Results: results, Manifest: man}); err != nil {
		t.Fatal(err)
	}
	want := []string{runfiles.DailyFile, runfiles.ManifestFile, runfiles.ReplicationsFile, runfiles.SummaryCSVFile, runfiles.SummaryFile}
	if got := names(t, dir); !slices.Equal(got, want) {
		t.Fatalf("WriteRun wrote %q, want %q and nothing else", got, want)
	}
	for _, name := range want {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v, want 0644", name, fi.Mode().Perm())
		}
	}

	// Each file is what its writer writes, and reads back.
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if !bytes.Equal(read(runfiles.SummaryFile), written(t, func(w io.Writer) error { return runfiles.WriteSummary(w, runfiles.Summarize(results)) })) {
		t.Errorf("summary.json is not WriteSummary(Summarize(results))")
	}
	if !bytes.Equal(read(runfiles.DailyFile), written(t, func(w io.Writer) error { return runfiles.WriteDaily(w, results) })) {
		t.Errorf("daily.csv is not WriteDaily(results)")
	}
	if !bytes.Equal(read(runfiles.ReplicationsFile), written(t, func(w io.Writer) error { return runfiles.WriteReplications(w, results) })) {
		t.Errorf("replications.csv is not WriteReplications(results)")
	}
	if s, err := files.Read(filepath.Join(dir, runfiles.SummaryFile), runfiles.ReadSummary); err != nil || s.Replications != 3 {
		t.Errorf("files.Read(summary.json) = %+v, %v", s, err)
	}
	if d, err := files.Read(filepath.Join(dir, runfiles.DailyFile), runfiles.ReadDaily); err != nil || len(d.Rows) != 18 {
		t.Errorf("ReadFile(daily.csv): %v, %v rows", err, d)
	}
	if r, err := files.Read(filepath.Join(dir, runfiles.ReplicationsFile), runfiles.ReadReplications); err != nil || len(r.Rows) != 3 {
		t.Errorf("ReadFile(replications.csv): %v, %v", err, r)
	}
	if m, err := files.Read(filepath.Join(dir, runfiles.ManifestFile), runfiles.ReadManifest); err != nil || !m.Start.Equal(man.Start) {
		t.Errorf("ReadFile(manifest.json): %v, %v", err, m)
	}

	// A second run of identical results, at another time, into a folder
	// that already holds a run: only manifest.json differs.
	other := filepath.Join(t.TempDir(), "again")
	for _, d := range []string{dir, other} {
		if err := output.WriteRun(d, &output.Run{Results: outtest.FakeResults(3)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range want {
		a, _ := os.ReadFile(filepath.Join(dir, name))
		b, _ := os.ReadFile(filepath.Join(other, name))
		if name != runfiles.ManifestFile && !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs of identical results", name)
		}
	}
	if got := names(t, dir); !slices.Equal(got, want) {
		t.Errorf("after rewriting, the folder holds %q, want %q", got, want)
	}
}

// TestWriteRunPlots checks that the plots WriteRun draws while it writes
// the files are those drawn later from the folder's files.
func TestWriteRunPlots(t *testing.T) {
	dir := t.TempDir()
	if err := output.WriteRun(dir, &output.Run{Results: outtest.FakeResults(3), Plots: true}); err != nil {
		t.Fatal(err)
	}
	rf, err := runfiles.ReadFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	figs, err := plot.RunFigures(rf.Summary.Scenario, rf.Daily)
	if err != nil {
		t.Fatal(err)
	}
	again := t.TempDir()
	paths, err := plot.Write(again, figs)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no plots drawn from the folder")
	}
	for _, p := range paths {
		name := filepath.Base(p)
		want, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, plot.Dir, name))
		if err != nil {
			t.Fatalf("WriteRun with Plots: %v", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s drawn by WriteRun differs from the one drawn from the folder's files", name)
		}
	}
	if got := names(t, filepath.Join(dir, plot.Dir)); len(got) != len(paths) {
		t.Errorf("WriteRun drew %q, want %d files", got, len(paths))
	}
}

func TestWriteRunBadResults(t *testing.T) {
	results := outtest.FakeResults(2)
	results[1].Sites = []string{"tcc"}
	dir := filepath.Join(t.TempDir(), "out")
	err := output.WriteRun(dir, &output.Run{Results: results})
	if err == nil || !strings.Contains(err.Error(), "does not match replication 0") {
		t.Errorf("WriteRun: error %v, want a mismatch", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("WriteRun with bad results created %s (stat: %v)", dir, err)
	}
}

func TestWriteRunFailure(t *testing.T) {
	parent := t.TempDir()
	file := filepath.Join(parent, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := output.WriteRun(filepath.Join(file, "run"), &output.Run{Results: outtest.FakeResults(1)})
	if err == nil || !strings.Contains(err.Error(), file) {
		t.Errorf("WriteRun under a file: error %v, want one naming %s", err, file)
	}
}

// TestReplaceFolder: a folder is replaced whole (a file of the old one
// does not stay), a failed fill leaves the old folder as it was and no
// new folder behind, leftovers of a killed write are removed, and a
// second writer of the same folder is refused while the first works.
func TestReplaceFolder(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "run")
	put := func(name, text string) func(string) error {
		return func(tmp string) error { return os.WriteFile(filepath.Join(tmp, name), []byte(text), 0o644) }
	}
	if err := output.ReplaceFolder(dir, put("a", "old")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "report.html"), []byte("stale"), 0o644)
	os.Mkdir(filepath.Join(parent, ".run.new-123"), 0o755) // left by a killed write
	boom := errors.New("boom")
	err := output.ReplaceFolder(dir, func(tmp string) error { put("a", "half")(tmp); return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("a failing fill: %v, want %v", err, boom)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a", "report.html"}) {
		t.Errorf("after a failed fill the folder holds %q, want the old a and report.html", got)
	}
	if err := output.ReplaceFolder(dir, put("b", "new")); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"b"}) {
		t.Errorf("the replaced folder holds %q, want only the new b", got)
	}
	for _, n := range names(t, parent) {
		if n != "run" && n != ".run.lock" {
			t.Errorf("%s left beside the folder", n)
		}
	}
	// A second writer while the first works.
	err = output.ReplaceFolder(dir, func(string) error {
		return output.ReplaceFolder(dir, put("c", "second"))
	})
	if !errors.Is(err, output.ErrBusy) {
		t.Errorf("a second writer of the folder: %v, want ErrBusy", err)
	}
}

// TestWriteRunRefusesForeignFiles: a run does not replace a folder that
// holds files it would lose.
func TestWriteRunRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	err := output.WriteRun(dir, &output.Run{Results: outtest.FakeResults(2)})
	if !errors.Is(err, output.ErrOtherRun) || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("WriteRun into a folder with notes.txt: %v, want ErrOtherRun naming it", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Error("notes.txt is gone")
	}
}

// TestMixedFolder: files of two runs in one folder are refused by the
// readers: the manifest lists the SHA-256 of each data file.
func TestMixedFolder(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	results := outtest.FakeResults(3)
	if err := output.WriteRun(a, &output.Run{Results: results}); err != nil {
		t.Fatal(err)
	}
	if err := output.WriteRun(b, &output.Run{Results: results[:2]}); err != nil {
		t.Fatal(err)
	}
	if _, err := runfiles.ReadFolder(a); err != nil {
		t.Fatalf("a whole folder: %v", err)
	}
	daily, _ := os.ReadFile(filepath.Join(b, runfiles.DailyFile))
	os.WriteFile(filepath.Join(a, runfiles.DailyFile), daily, 0o644)
	if _, err := runfiles.ReadFolder(a); err == nil || !strings.Contains(err.Error(), "do not belong together") {
		t.Errorf("a folder with another run's daily.csv: %v, want a refusal", err)
	}
}

func TestWriteFile(t *testing.T) {
	errBoom := errors.New("boom")
	tests := []struct {
		name    string
		old     string // content already at the path; "" for none
		write   func(io.Writer) error
		wantErr error
		want    string // content at the path afterwards; "" for no file
	}{
		{"new file", "", func(w io.Writer) error { _, err := io.WriteString(w, "new\n"); return err }, nil, "new\n"},
		{"replace", "old\n", func(w io.Writer) error { _, err := io.WriteString(w, "new\n"); return err }, nil, "new\n"},
		{"fail on new file", "", func(w io.Writer) error { io.WriteString(w, "partial"); return errBoom }, errBoom, ""},
		{"fail on replace", "old\n", func(w io.Writer) error { io.WriteString(w, "partial"); return errBoom }, errBoom, "old\n"},
		{"fail after a large write", "old\n", func(w io.Writer) error {
			w.Write(bytes.Repeat([]byte("x"), 1<<20)) // more than the buffer: reaches the temporary file
			return errBoom
		}, errBoom, "old\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "summary.json")
			if tt.old != "" {
				if err := os.WriteFile(path, []byte(tt.old), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			err := files.Write(path, tt.write)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("WriteFile: error %v, want %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), path) {
				t.Errorf("WriteFile: error %q does not name %s", err, path)
			}
			got, rerr := os.ReadFile(path)
			switch {
			case tt.want == "" && !errors.Is(rerr, os.ErrNotExist):
				t.Errorf("after a failed write, %s exists (%q, %v)", path, got, rerr)
			case tt.want != "" && string(got) != tt.want:
				t.Errorf("%s holds %q, want %q", path, got, tt.want)
			}
			var wantNames []string
			if tt.want != "" {
				wantNames = []string{"summary.json"}
			}
			if ns := names(t, dir); !slices.Equal(ns, wantNames) {
				t.Errorf("folder holds %q, want %q (no temporary files)", ns, wantNames)
			}
		})
	}
}

func TestWriteFileMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "summary.json")
	err := files.Write(path, func(io.Writer) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "writing "+path) {
		t.Errorf("WriteFile into a missing folder: error %v, want one naming %s", err, path)
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, runfiles.DailyFile)
	if _, err := files.Read(path, runfiles.ReadDaily); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("ReadFile of a missing file: error %v, want one naming %s", err, path)
	}
	os.WriteFile(path, []byte("rep,date,site,slots\n0,2021-01-22,tcc,x\n"), 0o644)
	_, err := files.Read(path, runfiles.ReadDaily)
	if want := path + `: line 2: slots: "x" is not a number`; err == nil || err.Error() != want {
		t.Errorf("ReadFile of a bad file: error %v, want %s", err, want)
	}
}

// written returns what write writes.
func written(t *testing.T, write func(io.Writer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
