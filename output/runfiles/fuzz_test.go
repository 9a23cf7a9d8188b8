package runfiles_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"vaxsim/output/internal/outtest"
	"vaxsim/output/runfiles"
)

// The readers of a result folder's files take any bytes without panic:
// they return a value or an error. (go test runs the seed corpus; fuzz
// with go test -fuzz=FuzzReadSummary ./output/runfiles.)
func FuzzReadSummary(f *testing.F) {
	outtest.Seed(f, "testdata/summary.json", filepath.Join("..", "plot", "testdata", "run", runfiles.SummaryFile))
	f.Fuzz(func(t *testing.T, b []byte) { runfiles.ReadSummary(bytes.NewReader(b)) })
}

func FuzzReadDaily(f *testing.F) {
	outtest.Seed(f, "testdata/daily.csv")
	f.Fuzz(func(t *testing.T, b []byte) { runfiles.ReadDaily(bytes.NewReader(b)) })
}

func FuzzReadReplications(f *testing.F) {
	outtest.Seed(f, "testdata/replications.csv")
	f.Fuzz(func(t *testing.T, b []byte) { runfiles.ReadReplications(bytes.NewReader(b)) })
}

func FuzzReadManifest(f *testing.F) {
	outtest.Seed(f, filepath.Join("..", "plot", "testdata", "run", runfiles.ManifestFile))
	f.Fuzz(func(t *testing.T, b []byte) { runfiles.ReadManifest(bytes.NewReader(b)) })
}
