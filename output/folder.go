package output

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"vaxsim/output/files"
	"vaxsim/output/plot"
	"vaxsim/output/report"
	"vaxsim/output/runfiles"
	"vaxsim/output/sweepfiles"
)

// DefaultDir is a run's folder when none is given: results/SCENARIO, or,
// for a run with overrides, results/SCENARIO--OVERRIDES, so that a
// what-if never replaces its baseline. OVERRIDES joins the key=value
// overrides with "+", each character outside letters, digits and
// ".,=_-" written as "_"; if that is longer than 64 characters it is
// "set-" and the first 12 hexadecimal digits of the SHA-256 of the
// overrides, one per line. Either way the name is stable: the same
// overrides give the same folder.
func DefaultDir(scenario string, overrides []string) string {
	if len(overrides) == 0 {
		return filepath.Join("results", scenario)
	}
	safe := func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".,=_-", r) {
			return r
		}
		return '_'
	}
	name := strings.Map(safe, strings.Join(overrides, "+"))
	if len(name) > 64 {
		sum := sha256.Sum256([]byte(strings.Join(overrides, "\n")))
		name = "set-" + hex.EncodeToString(sum[:6])
	}
	return filepath.Join("results", scenario+"--"+name)
}

// ErrOtherRun is wrapped by the error of CheckFolder for a folder that
// holds something else than a run of the same scenario and overrides.
var ErrOtherRun = errors.New("the folder holds other results")

// CheckFolder returns an error wrapping ErrOtherRun if the folder dir
// holds a sweep, or, unless force is set, a run whose manifest names
// another scenario or other overrides than m (the same scenario from
// another file is the same scenario). A folder that does not exist,
// holds no result files or holds a run of the same scenario and
// overrides is fine. The message says what the folder holds and how to
// go on (--force, or another --out).
func CheckFolder(dir string, m *runfiles.Manifest, force bool) error {
	if sweepfiles.IsFolder(dir) {
		return fmt.Errorf("%w: %s holds a sweep; write the run elsewhere (--out)", ErrOtherRun, dir)
	}
	if err := foreignFiles(dir); err != nil {
		return err
	}
	old, err := files.Read(filepath.Join(dir, runfiles.ManifestFile), runfiles.ReadManifest)
	if errors.Is(err, fs.ErrNotExist) || force {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%w: %s holds a manifest.json that does not read (%v); use --force to replace it, or another --out", ErrOtherRun, dir, err)
	}
	what := ""
	switch {
	case old.Scenario != m.Scenario:
		what = fmt.Sprintf("a run of %s (from %s)", old.Scenario, old.Source)
	case !slices.Equal(old.Overrides, m.Overrides):
		what = "a run with other overrides"
		if len(old.Overrides) == 0 {
			what = "a run without overrides"
		} else {
			what += " (" + strings.Join(old.Overrides, " ") + ")"
		}
	default:
		return nil
	}
	return fmt.Errorf("%w: %s holds %s; use --force to replace it, or another --out", ErrOtherRun, dir, what)
}

// runNames are the files and folders a run's result folder may hold.
var runNames = []string{runfiles.SummaryFile, runfiles.SummaryCSVFile, runfiles.DailyFile, runfiles.ReplicationsFile,
	runfiles.ManifestFile, plot.Dir, report.ReportFile}

// foreignFiles returns an error wrapping ErrOtherRun if the folder dir
// holds files or folders a run does not write: replacing the folder would
// lose them. A folder that does not exist holds none.
func foreignFiles(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var foreign []string
	for _, e := range entries {
		name := e.Name()
		leftover := strings.HasPrefix(name, ".probe-") || strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
		if !slices.Contains(runNames, name) && !leftover { // leftovers of a killed vaxsim go with the folder
			foreign = append(foreign, name)
		}
	}
	if len(foreign) == 0 {
		return nil
	}
	if len(foreign) > 5 {
		foreign = append(foreign[:5], fmt.Sprintf("and %d more", len(foreign)-5))
	}
	return fmt.Errorf("%w: %s holds files a run does not write (%s); they would be lost: write the run elsewhere (--out)", ErrOtherRun, dir, strings.Join(foreign, ", "))
}
