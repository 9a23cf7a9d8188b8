package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayering enforces the import direction of the design: data flows
// scenario file -> scenarios -> sim -> results -> output, the kernel uses
// the standard library only, only scenarios knows TOML, and nothing
// imports the command. The output packages read their own files and
// sim's results; output/sweep alone, at the end of the flow, also takes
// its scenarios from package scenarios.
func TestLayering(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps=false", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "vaxsim/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	forbidden := map[string][]string{
		"vaxsim/sim/des":      {"vaxsim/", "github.com/", "gonum.org/", "golang.org/x/"},
		"vaxsim/sim/queueing": {"vaxsim/scenarios", "vaxsim/output", "vaxsim/cmd", "github.com/"},
		"vaxsim/sim":          {"vaxsim/scenarios", "vaxsim/output", "vaxsim/cmd", "github.com/BurntSushi", "github.com/spf13", "gonum.org/v1/plot"},
		"vaxsim/scenarios":    {"vaxsim/output", "vaxsim/cmd", "gonum.org/v1/plot", "github.com/spf13"},
		"vaxsim/output":       {"vaxsim/scenarios", "vaxsim/cmd", "github.com/BurntSushi", "github.com/spf13"},
		"vaxsim/output/sweep": {"vaxsim/cmd", "github.com/BurntSushi", "github.com/spf13"},
	}
	outputRules := forbidden["vaxsim/output"]
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg, imports := f[0], f[1:]
		for _, imp := range imports {
			if imp == "vaxsim/cmd/vaxsim" {
				t.Errorf("%s imports the command", pkg)
			}
		}
		if pkg != "vaxsim/scenarios" {
			for _, imp := range imports {
				if strings.HasPrefix(imp, "github.com/BurntSushi/toml") {
					t.Errorf("%s imports %s: only scenarios knows TOML", pkg, imp)
				}
			}
		}
		rules, ok := forbidden[pkg]
		if !ok && strings.HasPrefix(pkg, "vaxsim/output/") {
			rules, ok = outputRules, true // every output package but those named
		} else if ok {
			seen++
		}
		if !ok {
			continue
		}
		for _, imp := range imports {
			for _, bad := range rules {
				if strings.HasPrefix(imp, bad) {
					t.Errorf("%s imports %s, against the layering", pkg, imp)
				}
			}
		}
	}
	if seen != len(forbidden) {
		t.Errorf("checked %d of %d packages; go list output:\n%s", seen, len(forbidden), out)
	}
}
