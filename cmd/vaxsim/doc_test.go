package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestManualExamples runs every "$ vaxsim ..." line of the manual,
// manual.txt, in order, in one temporary folder, and checks each exits 0. A
// trailing "> FILE" writes stdout to FILE for the lines after it.
func TestManualExamples(t *testing.T) {
	t.Chdir(t.TempDir())
	n := 0
	for _, line := range strings.Split(manualText, "\n") {
		line = strings.TrimSpace(line)
		cmd, ok := strings.CutPrefix(line, "$ vaxsim ")
		if !ok {
			continue
		}
		n++
		var redirect string
		if i := strings.Index(cmd, " > "); i >= 0 {
			cmd, redirect = cmd[:i], strings.TrimSpace(cmd[i+3:])
		}
		stdout, stderr, code := inProcess(strings.Fields(cmd)...)
		if code != 0 {
			t.Errorf("vaxsim %s: exit %d\n%s", cmd, code, stderr)
			continue
		}
		if redirect != "" {
			if err := os.WriteFile(redirect, []byte(stdout), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n < 4 {
		t.Fatalf("found %d examples in manual.txt, want at least 4", n)
	}
	if _, err := os.Stat(filepath.Join("results", "pima-tcc-2021-01-22", "summary.json")); err != nil {
		t.Errorf("the manual's run example wrote no summary: %v", err)
	}
}

func TestManualIsHelp(t *testing.T) {
	stdout, _, code := inProcess("help")
	if code != 0 || !strings.Contains(stdout, "vaxsim simulates mass-vaccination sites") ||
		strings.Contains(stdout, "package main") {
		t.Errorf("help does not print the manual (exit %d):\n%s", code, stdout)
	}
	for _, c := range commands {
		if !strings.Contains(stdout, "\t"+c.name) {
			t.Errorf("the manual does not list command %q", c.name)
		}
	}
}
