package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestMain lets the test binary act as vaxsim itself when VAXSIM_MAIN is
// set, so tests can run the real program in a child process.
func TestMain(m *testing.M) {
	if os.Getenv("VAXSIM_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// vaxsim runs the program in a child process with extra environment
// variables and returns its stdout, stderr and exit code.
func vaxsim(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "VAXSIM_MAIN=1"), env...)
	var out, msg bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &msg
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), msg.String(), code
}

// inProcess runs the program in this process.
func inProcess(args ...string) (stdout, stderr string, code int) {
	var out, msg bytes.Buffer
	err := run(context.Background(), args, &out, &msg)
	code = exitCode(err, &msg)
	return out.String(), msg.String(), code
}

// TestGolden runs each testdata/NAME.args (one argument per line; $OUT is
// a fresh temporary folder) and compares stdout, stderr and the exit code
// with NAME.stdout, NAME.stderr and NAME.code. -update rewrites them; on a
// mismatch NAME.got-stdout and NAME.got-stderr are left for a diff.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.args")
	if len(files) == 0 {
		t.Fatal("no golden cases in testdata")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".args")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "out")
			var args []string
			for _, line := range strings.Split(strings.TrimRight(string(raw), "\n"), "\n") {
				if line != "" {
					args = append(args, strings.ReplaceAll(line, "$OUT", out))
				}
			}
			stdout, stderr, code := inProcess(args...)
			stdout = strings.ReplaceAll(stdout, out, "$OUT")
			stderr = strings.ReplaceAll(stderr, out, "$OUT")
			got := map[string]string{"stdout": stdout, "stderr": stderr, "code": strconv.Itoa(code) + "\n"}
			base := strings.TrimSuffix(f, ".args")
			for _, ext := range []string{"stdout", "stderr", "code"} {
				path := base + "." + ext
				if *update {
					if err := os.WriteFile(path, []byte(got[ext]), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run with -update to create)", err)
				}
				if string(want) != got[ext] {
					os.WriteFile(base+".got-"+ext, []byte(got[ext]), 0o644)
					t.Errorf("vaxsim %s: %s differs from %s (see %s):\n%s",
						strings.Join(args, " "), ext, path, base+".got-"+ext, got[ext])
				}
			}
		})
	}
}
