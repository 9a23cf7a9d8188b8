package sweepfiles_test

import (
	"bytes"
	"testing"

	"vaxsim/output/internal/outtest"
	"vaxsim/output/sweepfiles"
)

// The readers of a sweep folder's files take any bytes without panic.
func FuzzReadSweep(f *testing.F) {
	outtest.Seed(f, "../compare/testdata/sweep-base/sweep.json")
	f.Fuzz(func(t *testing.T, b []byte) { sweepfiles.ReadSweep(bytes.NewReader(b)) })
}

func FuzzReadPoints(f *testing.F) {
	outtest.Seed(f, "../compare/testdata/sweep-base/points.csv")
	f.Fuzz(func(t *testing.T, b []byte) { sweepfiles.ReadPoints(bytes.NewReader(b)) })
}

func FuzzReadResults(f *testing.F) {
	outtest.Seed(f, "../compare/testdata/sweep-base/results.csv")
	f.Fuzz(func(t *testing.T, b []byte) { sweepfiles.ReadResults(bytes.NewReader(b)) })
}

func FuzzReadSummary(f *testing.F) {
	f.Add([]byte("point,site,metric,n,mean,sd,ci95_low,ci95_high\n0,all,vaccinated,3,1299,8.2,1278.7,1319.3\n"))
	f.Add([]byte("point,metric,n,mean,sd,ci95_low,ci95_high\n0,vaccinated,3,1299,8.2,1278.7,1319.3\n"))
	f.Fuzz(func(t *testing.T, b []byte) { sweepfiles.ReadSummary(bytes.NewReader(b)) })
}

func FuzzReadPart(f *testing.F) {
	f.Add([]byte("# warning: w\npoint,rep,seed,vaccinated\n0,0,1,5\n"))
	f.Fuzz(func(t *testing.T, b []byte) { sweepfiles.ReadPart(bytes.NewReader(b)) })
}
