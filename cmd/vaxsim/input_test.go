package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBadInput runs every broken scenario of scenarios/testdata/invalid
// (with its --set arguments, if any) plus generated huge and deeply
// nested files through 'vaxsim run': each must exit 2, name the file and
// line (or the --set argument) and a key path, and create no output
// folder.
func TestBadInput(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/testdata/invalid/*.toml")
	tmp := t.TempDir()
	huge := filepath.Join(tmp, "huge.toml")
	os.WriteFile(huge, []byte("[scenario]\nname = \"x\"\n"+strings.Repeat("# padding padding padding padding\n", 300_000)), 0o644)
	deep := filepath.Join(tmp, "deep.toml")
	os.WriteFile(deep, []byte(strings.Repeat("a.", 5000)+"a = 1\n"), 0o644)
	files = append(files, huge, deep)
	if len(files) < 15 {
		t.Fatalf("only %d broken scenarios", len(files))
	}
	keyed := regexp.MustCompile(`(\.toml:\d+: |--set [^:]+: )[a-z_]+(\.[^: ]+)*: `)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".toml")
		t.Run(name, func(t *testing.T) {
			where := keyed
			out := filepath.Join(t.TempDir(), "out")
			args := []string{"run", f, "--reps", "2", "--out", out}
			if sets, err := os.ReadFile(strings.TrimSuffix(f, ".toml") + ".sets"); err == nil {
				for _, s := range strings.Split(strings.TrimSpace(string(sets)), "\n") {
					args = append(args, "--set", s)
				}
			}
			stdout, stderr, code := inProcess(args...)
			if code != exitInput {
				t.Fatalf("exit %d, want 2\n%s", code, stderr)
			}
			if stdout != "" {
				t.Errorf("wrote to stdout: %q", stdout)
			}
			if name == "huge" { // no key to name: the file is too large to read
				where = regexp.MustCompile(`huge\.toml:\d+: .*larger than`)
			}
			if !where.MatchString(stderr) {
				t.Errorf("message lacks file:line (or --set) and a key path:\n%s", stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("output folder %s exists after bad input", out)
			}
		})
	}
}
