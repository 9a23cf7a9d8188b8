package runfiles

import (
	"errors"
	"io/fs"
	"path/filepath"
	"vaxsim/output/files"
)

// The names of the files of a result folder.
const (
	SummaryFile      = "summary.json"
	DailyFile        = "daily.csv"
	ReplicationsFile = "replications.csv"
	ManifestFile     = "manifest.json"
)

// Folder holds the files of a result folder that plots and the report
// are drawn from.
type Folder struct {
	Summary *Summary
	Daily   *Daily
	// Manifest is nil if the folder has no manifest.json.
	Manifest *Manifest
}

// ReadFolder reads summary.json, daily.csv and, if present,
// manifest.json from the result folder dir, and checks that the files
// are those the manifest lists (Verify).
func ReadFolder(dir string) (*Folder, error) {
	s, err := files.Read(filepath.Join(dir, SummaryFile), ReadSummary)
	if err != nil {
		return nil, err
	}
	d, err := files.Read(filepath.Join(dir, DailyFile), ReadDaily)
	if err != nil {
		return nil, err
	}
	m, err := files.Read(filepath.Join(dir, ManifestFile), ReadManifest)
	if errors.Is(err, fs.ErrNotExist) {
		m, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := Verify(dir, m, SummaryFile, DailyFile); err != nil {
		return nil, err
	}
	return &Folder{Summary: s, Daily: d, Manifest: m}, nil
}
