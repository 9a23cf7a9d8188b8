package plot

import (
	"bytes"
	"image/color"
	"testing"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"vaxsim/output/runfiles"
)

// TestBlankCanvas checks that drawing a figure on a new white canvas
// without filling the background again (blank) gives the same PNG bytes
// as drawing it with every fill.
func TestBlankCanvas(t *testing.T) {
	for _, f := range fixtureFigures(t) {
		l := f.measure()
		full := vgimg.NewWith(vgimg.UseWH(l.width, l.height), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(color.White))
		if err := f.draw(draw.New(full), l, false); err != nil {
			t.Fatal(err)
		}
		var want, got bytes.Buffer
		if err := pngEncoder.Encode(&want, full.Image()); err != nil {
			t.Fatal(err)
		}
		if err := f.writePNG(&got, l); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: drawn blank, the PNG differs from the one drawn with every fill", f.Name)
		}
	}
}

// fixtureFigures returns the figures of the run in testdata/run.
func fixtureFigures(t *testing.T) []*Figure {
	t.Helper()
	rf, err := runfiles.ReadFolder("testdata/run")
	if err != nil {
		t.Fatal(err)
	}
	figs, err := RunFigures(rf.Summary.Scenario, rf.Daily)
	if err != nil {
		t.Fatal(err)
	}
	return figs
}
