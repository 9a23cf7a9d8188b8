package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostile is a bad input given to the command line: setup prepares the
// case's folder (the working folder of the run), args are the command
// line, and the command must exit with code and a message holding msg,
// within 5 seconds, writing nothing (bad input changes no file).
type hostile struct {
	name  string
	setup func(t *testing.T, dir string)
	args  []string
	code  int
	msg   string
}

// write puts text into the file name of dir.
func write(t *testing.T, dir, name, text string) {
	t.Helper()
	path := filepath.Join(dir, name)
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fifo makes a named pipe at name in dir, or skips the test.
func fifo(t *testing.T, dir, name string) {
	t.Helper()
	path := filepath.Join(dir, name)
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
}

// aRun writes a small run's folder into dir/name.
func aRun(name string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		if _, stderr, code := inProcess("run", "--reps", "2", "--no-plots", "--out", filepath.Join(dir, name)); code != 0 {
			t.Fatalf("setup run: exit %d\n%s", code, stderr)
		}
	}
}

// then runs setups one after the other.
func then(setups ...func(t *testing.T, dir string)) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		for _, s := range setups {
			s(t, dir)
		}
	}
}

// tree lists the files below dir with their sizes and times (folders by
// name only: a look whether a folder is writable touches its time), lock
// files left out, to tell whether a command changed anything.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || strings.HasSuffix(path, ".lock") {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if d.IsDir() {
			out = append(out, path+"/")
			return nil
		}
		out = append(out, fmt.Sprintf("%s %v %v %d", path, info.Mode(), info.ModTime(), info.Size()))
		return nil
	})
	slices.Sort(out)
	return out
}

var hostileInputs = []hostile{
	// Flags and arguments.
	{"reps zero", nil, []string{"run", "--reps", "0"}, exitInput, "--reps must be between 1 and"},
	{"reps too many", nil, []string{"run", "--reps", "100001"}, exitInput, "--reps must be between 1 and"},
	{"seed negative", nil, []string{"run", "--seed", "-1"}, exitInput, "invalid argument"},
	{"two scenarios", nil, []string{"run", "a", "b"}, exitInput, "one scenario at a time"},
	{"unknown command", nil, []string{"rn"}, exitInput, `did you mean "run"`},
	{"unknown flag", nil, []string{"run", "--rep", "5"}, exitInput, "did you mean --reps"},
	{"unknown scenario", nil, []string{"run", "no-such-scenario"}, exitInput, "no-such-scenario"},
	{"set without value", nil, []string{"run", "--set", "sites.tcc.stations="}, exitInput, "no value after '='"},
	{"set unknown key", nil, []string{"run", "--set", "sites.tcc.statons=3"}, exitInput, `did you mean "stations"`},
	{"set wrong type", nil, []string{"run", "--set", `sites.tcc.stations="many"`}, exitInput, "sites.tcc.stations"},
	{"set negative", nil, []string{"run", "--set", "sites.tcc.stations=-3"}, exitInput, "sites.tcc.stations"},
	{"set deeply nested value", nil, []string{"run", "--set", "sites.tcc.stations=" + strings.Repeat("[", 200) + strings.Repeat("]", 200)}, exitInput, "nested too deeply"},
	{"sweep without vary", nil, []string{"sweep"}, exitInput, "at least one varied key"},
	{"vary without values", nil, []string{"sweep", "--vary", "sites.tcc.stations="}, exitInput, "no values"},
	{"vary bad range", nil, []string{"sweep", "--vary", "sites.tcc.stations=8:16:3"}, exitInput, "whole number of steps"},
	{"vary huge grid", nil, []string{"sweep", "--vary", "sites.tcc.stations=1:1000:1", "--vary", "invitations.fill.factor=0:10:0.001"}, exitInput, "more than"},
	{"shard out of range", nil, []string{"sweep", "--vary", "sites.tcc.stations=8,10", "--shard", "5/2"}, exitInput, "0 <= i < n"},
	{"compare bad tolerance", nil, []string{"compare", "a", "b", "--tolerance", "x"}, exitInput, "not a percentage"},
	{"compare one folder", nil, []string{"compare", "a"}, exitInput, "want two result folders"},
	{"completion of another shell", nil, []string{"completion", "tcsh"}, exitInput, "no script for"},
	// Result folders.
	{"plot of no folder", nil, []string{"plot", "missing"}, exitInput, "missing"},
	{"plot of a file", func(t *testing.T, dir string) { write(t, dir, "f", "x") }, []string{"plot", "f"}, exitInput, "f"},
	{"plot of a truncated summary", then(aRun("r"), func(t *testing.T, dir string) { write(t, dir, "r/summary.json", `{"scenario": "x", `) }),
		[]string{"plot", "r"}, exitInput, "summary.json"},
	{"plot of a mixed folder", then(aRun("r"), aRun("s"), func(t *testing.T, dir string) {
		b, _ := os.ReadFile(filepath.Join(dir, "s", "daily.csv"))
		write(t, dir, "r/daily.csv", string(b)+"\n")
	}), []string{"plot", "r"}, exitInput, "do not belong together"},
	{"report of a garbled manifest", then(aRun("r"), func(t *testing.T, dir string) { write(t, dir, "r/manifest.json", "{{{") }),
		[]string{"report", "r"}, exitInput, "manifest"},
	{"compare with a mixed folder", then(aRun("r"), aRun("s"), func(t *testing.T, dir string) {
		b, _ := os.ReadFile(filepath.Join(dir, "s", "replications.csv"))
		write(t, dir, "r/replications.csv", string(b)+"\n")
	}), []string{"compare", "r", "s"}, exitInput, "do not belong together"},
	{"compare of a folder with no results", func(t *testing.T, dir string) { os.Mkdir(filepath.Join(dir, "e"), 0o755) },
		[]string{"compare", "e", "e"}, exitInput, "not a vaxsim result folder"},
	{"plot of an unfinished sweep", func(t *testing.T, dir string) {
		if _, stderr, code := inProcess("sweep", "--vary", "sites.tcc.stations=10,14", "--reps", "1", "--no-plots", "--shard", "0/2", "--out", filepath.Join(dir, "w")); code != 0 {
			t.Fatalf("setup sweep: exit %d\n%s", code, stderr)
		}
	}, []string{"plot", "w"}, exitInput, "not finished"},
	{"merge of an incomplete sweep", func(t *testing.T, dir string) {
		if _, stderr, code := inProcess("sweep", "--vary", "sites.tcc.stations=10,14", "--reps", "1", "--no-plots", "--shard", "0/2", "--out", filepath.Join(dir, "w")); code != 0 {
			t.Fatalf("setup sweep: exit %d\n%s", code, stderr)
		}
	}, []string{"merge", "w"}, exitInput, "incomplete"},
	{"merge of a run folder", aRun("r"), []string{"merge", "r"}, exitInput, "not a sweep folder"},
	{"run into a folder of other files", func(t *testing.T, dir string) { write(t, dir, "mine/notes.txt", "x") },
		[]string{"run", "--reps", "1", "--out", "mine"}, exitInput, "notes.txt"},
	{"run into a file", func(t *testing.T, dir string) { write(t, dir, "f", "x") }, []string{"run", "--reps", "1", "--out", "f/run"}, exitInput, "output folder"},
	{"what-if into the baseline", aRun("r"), []string{"run", "--reps", "1", "--set", "sites.tcc.stations=18", "--out", "r"}, exitInput, "use --force"},
	{"record into a folder of other files", func(t *testing.T, dir string) { write(t, dir, "rec/notes.txt", "x") },
		[]string{"run", "--reps", "1", "--no-plots", "--out", "r", "--record", "rec"}, exitInput, "notes.txt"},
	// Special files.
	{"plot of a pipe", func(t *testing.T, dir string) { fifo(t, dir, "p/summary.json") }, []string{"plot", "p"}, exitInput, "not a regular file"},
	{"report of a pipe", func(t *testing.T, dir string) { fifo(t, dir, "p/summary.json") }, []string{"report", "p"}, exitInput, "not a regular file"},
	{"compare of a pipe", func(t *testing.T, dir string) { fifo(t, dir, "p/replications.csv") }, []string{"compare", "p", "p"}, exitInput, "not a regular file"},
	{"merge of a pipe", func(t *testing.T, dir string) { fifo(t, dir, "p/sweep.json") }, []string{"merge", "p"}, exitInput, "not a regular file"},
	{"plot of /dev/zero", func(t *testing.T, dir string) {
		os.Mkdir(filepath.Join(dir, "z"), 0o755)
		os.Symlink("/dev/zero", filepath.Join(dir, "z", "summary.json"))
	}, []string{"plot", "z"}, exitInput, "not a regular file"},
	{"sweep folder's summary a folder", then(aRun("r"), func(t *testing.T, dir string) {
		os.Remove(filepath.Join(dir, "r", "replications.csv"))
		os.Mkdir(filepath.Join(dir, "r", "replications.csv"), 0o755)
	}), []string{"compare", "r", "r"}, exitInput, "not a regular file"},
}

// TestHostileInputs runs each of hostileInputs in a folder of its own:
// the exit code and message are as given, nothing panics or hangs, and
// nothing is written.
func TestHostileInputs(t *testing.T) {
	if n := len(hostileInputs); n < 40 {
		t.Fatalf("%d hostile inputs, want at least 40", n)
	}
	for _, tc := range hostileInputs {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			before := tree(t, dir)
			type outcome struct {
				stderr string
				code   int
			}
			done := make(chan outcome, 1)
			go func() { _, stderr, code := inProcess(tc.args...); done <- outcome{stderr, code} }()
			select {
			case o := <-done:
				if o.code != tc.code || !strings.Contains(o.stderr, tc.msg) {
					t.Errorf("vaxsim %s: exit %d, %q; want %d and %q", strings.Join(tc.args, " "), o.code, o.stderr, tc.code, tc.msg)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("vaxsim %s hangs", strings.Join(tc.args, " "))
			}
			if after := tree(t, dir); !slices.Equal(after, before) {
				t.Errorf("vaxsim %s changed files:\nbefore %q\nafter  %q", strings.Join(tc.args, " "), before, after)
			}
		})
	}
}
