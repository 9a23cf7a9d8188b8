package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"vaxsim/output/files"
	"vaxsim/output/report"

	"github.com/spf13/pflag"
)

func setupReport(fs *pflag.FlagSet) func(context.Context, streams, []string) error {
	out := fs.String("out", "", "report file (default DIR/"+report.ReportFile+")")
	return func(_ context.Context, std streams, args []string) error {
		dir, path, err := folderArg("report", args, *out, report.ReportFile)
		if err != nil {
			return err
		}
		if err := files.CheckWritable(filepath.Dir(path)); err != nil {
			return inputErr(err)
		}
		var page bytes.Buffer
		if err := report.WriteFolder(&page, dir); err != nil {
			return inputErr(fmt.Errorf("report: %w", err))
		}
		if err := files.Write(path, func(w io.Writer) error { _, err := w.Write(page.Bytes()); return err }); err != nil {
			return err
		}
		fmt.Fprintf(std.msg, "report in %s\n", path)
		return nil
	}
}
