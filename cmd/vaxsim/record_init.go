package main

import (
	"fmt"
	stdio "io"
	"os"
	"path/filepath"
	"strings"

	"vaxsim/output/files"
	"vaxsim/scenarios"
)

// initDir writes the bundled scenario name into dir as NAME.toml, with the
// replay logs it names beside it, and says what it wrote. It refuses to
// replace files that are there.
func initDir(io streams, dir, name string) error {
	text, err := scenarios.Open(name)
	if err != nil {
		return inputErr(err)
	}
	data, err := scenarios.BundledData(name)
	if err != nil {
		return err
	}
	all := append([]scenarios.DataFile{{Path: strings.TrimSuffix(name, ".toml") + ".toml", Data: text}}, data...)
	for _, f := range all {
		if _, err := os.Stat(filepath.Join(dir, f.Path)); err == nil {
			return inputErr(fmt.Errorf("init: %s exists; choose another folder or remove it", filepath.Join(dir, f.Path)))
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return inputErr(fmt.Errorf("init: %w", err))
	}
	for _, f := range all {
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := files.Write(path, func(w stdio.Writer) error { _, err := w.Write(f.Data); return err }); err != nil {
			return err
		}
		fmt.Fprintln(io.msg, "wrote", path)
	}
	return nil
}

// noteLogs tells, on stderr, that the bundled scenario name names replay
// logs, which init prints only with --dir.
func noteLogs(io streams, name string) {
	if data, err := scenarios.BundledData(name); err == nil && len(data) > 0 {
		fmt.Fprintf(io.msg, "note: %s replays %d logs beside it; vaxsim init %s --dir DIR writes them too\n",
			name, len(data), name)
	}
}
