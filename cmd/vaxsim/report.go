package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/pflag"

	"vaxsim/output"
)

func init() {
	register(command{"report", "DIR [--out FILE]", "write a one-page HTML report of a result folder", setupReport})
}

func setupReport(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	out := fs.String("out", "", "report file (default DIR/"+output.ReportFile+")")
	return func(_ context.Context, std streams, args []string) error {
		if len(args) != 1 {
			return usagef("report: one result folder, not %d (see 'vaxsim help report')", len(args))
		}
		dir := args[0]
		rf, err := output.ReadRunFiles(dir)
		if err != nil {
			return inputErr(fmt.Errorf("report: %w", err))
		}
		path := *out
		if path == "" {
			path = filepath.Join(dir, output.ReportFile)
		}
		if err := checkWritable(filepath.Dir(path)); err != nil {
			return inputErr(err)
		}
		if err := output.WriteFile(path, func(w io.Writer) error { return output.WriteReport(w, rf) }); err != nil {
			return err
		}
		fmt.Fprintf(std.msg, "report in %s\n", path)
		return nil
	}
}
