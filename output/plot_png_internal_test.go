package output

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestPNGCanvas checks that a figure drawn on a pooled canvas, without
// filling the white background again (blank), gives the bytes it gives
// on the canvas vgimg.NewWith makes with every fill drawn, also when the
// pooled image held another, larger figure before.
func TestPNGCanvas(t *testing.T) {
	figs := fixtureFigures(t)
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	for round := range 2 { // the second round draws on images the first gave back
		for _, f := range figs {
			l := f.measure()
			ref := vgimg.NewWith(vgimg.UseWH(l.width, l.height), vgimg.UseDPI(PlotDPI), vgimg.UseBackgroundColor(color.White))
			if err := f.draw(draw.New(ref), l, false); err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := enc.Encode(&want, ref.Image()); err != nil {
				t.Fatal(err)
			}

			pc := newPNGCanvas(l.width, l.height)
			if w, h := pc.Size(); w != l.width || h != l.height {
				t.Errorf("%s: pooled canvas is %v x %v, want %v x %v", f.Name, w, h, l.width, l.height)
			}
			if pc.img.Bounds() != ref.Image().Bounds() {
				t.Errorf("%s: pooled image %v, want %v", f.Name, pc.img.Bounds(), ref.Image().Bounds())
			}
			if err := f.draw(draw.New(pc), l, true); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if _, err := pc.WriteTo(&got); err != nil {
				t.Fatal(err)
			}
			pc.release()
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("round %d, %s: the pooled canvas gives other bytes than vgimg.NewWith's", round, f.Name)
			}
		}
	}
}

// TestImagePool checks that an image given back is used again, cut to
// the size asked for, also for a figure a few rows taller; that one too
// large is made anew; and that the pool keeps at most maxPooled images.
func TestImagePool(t *testing.T) {
	var p imagePool
	first := p.get(300, 200)
	if first.Bounds() != image.Rect(0, 0, 300, 200) || len(first.Pix) != 4*300*200 || first.Stride != 4*300 {
		t.Fatalf("new image %v, %d bytes, stride %d; want 300 x 200", first.Bounds(), len(first.Pix), first.Stride)
	}
	// 250 rows are within the rounding up of 200.
	for _, size := range []image.Point{{100, 30}, {300, 250}} {
		p.put(first)
		img := p.get(size.X, size.Y)
		if img != first {
			t.Errorf("%v: made anew, not taken from the pool", size)
		}
		if img.Bounds() != image.Rect(0, 0, size.X, size.Y) || len(img.Pix) != 4*size.X*size.Y || img.Stride != 4*size.X {
			t.Errorf("%v: image %v, %d bytes, stride %d", size, img.Bounds(), len(img.Pix), img.Stride)
		}
	}
	p.put(first)
	if img := p.get(300, 400); img == first || img.Bounds() != image.Rect(0, 0, 300, 400) {
		t.Errorf("an image too small was handed out, or the new one is %v", img.Bounds())
	}
	for range maxPooled + 2 {
		p.put(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	}
	if n := len(p.free); n > maxPooled {
		t.Errorf("pool keeps %d images, want at most %d", n, maxPooled)
	}
}

// fixtureFigures returns the figures of the run in testdata/plot/run.
func fixtureFigures(t *testing.T) []*Figure {
	t.Helper()
	rf, err := ReadRunFiles("testdata/plot/run")
	if err != nil {
		t.Fatal(err)
	}
	figs, err := RunFigures(rf.Summary.Scenario, rf.Daily)
	if err != nil {
		t.Fatal(err)
	}
	return figs
}
