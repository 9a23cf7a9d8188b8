package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"vaxsim/output/files"
	"vaxsim/output/report"
	"vaxsim/output/runfiles"

	"github.com/spf13/pflag"
)

func init() {
	register(command{"report", "DIR [--out FILE]", "write a one-page HTML report of a result folder", setupReport})
}

func setupReport(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	out := fs.String("out", "", "report file (default DIR/"+report.ReportFile+")")
	return func(_ context.Context, std streams, args []string) error {
		if len(args) != 1 {
			return usagef("report: one result folder, not %d (see 'vaxsim help report')", len(args))
		}
		dir := args[0]
		rf, err := runfiles.ReadFolder(dir)
		if err != nil {
			return inputErr(fmt.Errorf("report: %w", err))
		}
		path := *out
		if path == "" {
			path = filepath.Join(dir, report.ReportFile)
		}
		if err := checkWritable(filepath.Dir(path)); err != nil {
			return inputErr(err)
		}
		if err := files.Write(path, func(w io.Writer) error { return report.Write(w, rf) }); err != nil {
			return err
		}
		fmt.Fprintf(std.msg, "report in %s\n", path)
		return nil
	}
}
