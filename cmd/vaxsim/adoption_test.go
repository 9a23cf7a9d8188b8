package main

import (
	"bufio"
	"bytes"
	"debug/elf"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"vaxsim/output/runfiles"
)

// citationFile is the project's CITATION.cff, at the repository's root.
const citationFile = "../../CITATION.cff"

// cffTopLevel returns the top-level keys of a CFF file and their values
// as written on the key's line (quotes removed; empty for a block). It
// reads only the YAML that CITATION.cff uses: "key: value" at column 0,
// nested lines indented, comments starting with '#'.
func cffTopLevel(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	keys := map[string]string{}
	key := regexp.MustCompile(`^([a-z][a-z0-9-]*):(?:\s+(.*))?$`)
	s := bufio.NewScanner(f)
	for n := 1; s.Scan(); n++ {
		line := s.Text()
		if line == "" || strings.HasPrefix(line, "#") || line[0] == ' ' || line[0] == '-' {
			continue
		}
		m := key.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("%s:%d: not a top-level key: %q", path, n, line)
			continue
		}
		if _, dup := keys[m[1]]; dup {
			t.Errorf("%s:%d: key %s given twice", path, n, m[1])
		}
		v := strings.TrimSpace(m[2])
		if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
			v = v[1 : len(v)-1]
		}
		keys[m[1]] = v
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return keys
}

// TestCitationFile: CITATION.cff has the keys CFF 1.2.0 requires, only
// keys it knows, and the version, licence and release date of this
// build.
func TestCitationFile(t *testing.T) {
	keys := cffTopLevel(t, citationFile)
	for _, k := range []string{"cff-version", "message", "title", "authors"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("CITATION.cff: required key %s missing", k)
		}
	}
	known := map[string]bool{
		"abstract": true, "authors": true, "cff-version": true, "commit": true, "contact": true,
		"date-released": true, "doi": true, "identifiers": true, "keywords": true, "license": true,
		"license-url": true, "message": true, "preferred-citation": true, "references": true,
		"repository": true, "repository-artifact": true, "repository-code": true, "title": true,
		"type": true, "url": true, "version": true,
	}
	for k := range keys {
		if !known[k] {
			t.Errorf("CITATION.cff: %s is not a CFF 1.2.0 key", k)
		}
	}
	want := map[string]string{
		"cff-version": "1.2.0",
		"version":     version,
		"license":     "MIT",
		"type":        "software",
		"title":       "vaxsim: a discrete-event capacity simulator for mass-vaccination programmes",
	}
	for k, v := range want {
		if keys[k] != v {
			t.Errorf("CITATION.cff: %s is %q, want %q", k, keys[k], v)
		}
	}
	if !regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$`).MatchString(keys["date-released"]) {
		t.Errorf("CITATION.cff: date-released %q is not a YYYY-MM-DD date", keys["date-released"])
	}
	text, err := os.ReadFile(citationFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(text, []byte("\nauthors:\n  - name: ")) {
		t.Error("CITATION.cff: authors is not a list of entities with a name")
	}
	lic, err := os.ReadFile("../../LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(lic, []byte("MIT License\n")) {
		t.Error("LICENSE is not the MIT licence that CITATION.cff names")
	}
}

// TestStaticBinaryOnEmptyImage builds vaxsim as the container recipe
// (Containerfile) does, a static binary, and runs it as on an empty
// image: no environment at all and, where the test may chroot (as root),
// a file system holding only the binary, so no /usr/share/zoneinfo, no
// /etc, no /tmp. Its results must be the bytes of an ordinary build run
// in the ordinary environment. The bundled scenarios name a time zone
// (America/Phoenix), so the binary must carry its zone database
// (time/tzdata).
func TestStaticBinaryOnEmptyImage(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build vaxsim")
	}
	if testing.Short() {
		t.Skip("builds vaxsim twice")
	}

	// Without a system zone database, only an embedded one knows the
	// scenarios' zones; without root this is the proof.
	deps, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	if !strings.Contains("\n"+string(deps), "\ntime/tzdata\n") {
		t.Error("vaxsim does not link time/tzdata: a binary on an empty image cannot load the scenarios' time zones")
	}

	static := filepath.Join(t.TempDir(), "vaxsim")
	build := exec.Command(goTool, "build", "-trimpath", "-ldflags=-s -w", "-o", static, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build: %v\n%s", err, out)
	}
	if f, err := elf.Open(static); err == nil {
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Error("the CGO_ENABLED=0 binary asks for a dynamic loader: it would not start on an empty image")
			}
		}
		f.Close()
	}
	normal := filepath.Join(t.TempDir(), "vaxsim")
	if out, err := exec.Command(goTool, "build", "-o", normal, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	args := []string{"run", "--reps", "3", "--no-plots", "--out"}

	// The static binary in an empty environment (ZONEINFO, the one
	// variable, points nowhere), chrooted into a folder holding only it
	// where the test may.
	root := t.TempDir()
	if err := os.Link(static, filepath.Join(root, "vaxsim")); err != nil {
		b, err := os.ReadFile(static)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "vaxsim"), b, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	emptyEnv := []string{"ZONEINFO=/nonexistent"}
	var bare *exec.Cmd
	if chroot, err := exec.LookPath("chroot"); err == nil && os.Geteuid() == 0 {
		bare = exec.Command(chroot, append([]string{root, "/vaxsim"}, append(args, "/out")...)...)
	} else {
		t.Log("not root or no chroot: the system zone database stays visible; the time/tzdata check above stands for it")
		bare = exec.Command(filepath.Join(root, "vaxsim"), append(args, filepath.Join(root, "out"))...)
	}
	bare.Env = emptyEnv
	bare.Dir = root
	if out, err := bare.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(bare.Args, " "), err, out)
	}

	// The ordinary binary in the ordinary environment.
	home := filepath.Join(t.TempDir(), "out")
	cmd := exec.Command(normal, append(args, home)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}

	for _, name := range []string{runfiles.SummaryFile, runfiles.DailyFile, runfiles.ReplicationsFile} {
		want, err := os.ReadFile(filepath.Join(home, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(root, "out", name))
		if errors.Is(err, os.ErrNotExist) {
			t.Errorf("the static binary wrote no %s", name)
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs between the static binary on an empty image and an ordinary build", name)
		}
	}
}
