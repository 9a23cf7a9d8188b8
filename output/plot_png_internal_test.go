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

// TestPNGCanvas checks that a figure drawn on a pooled canvas gives the
// bytes it gives on the canvas vgimg.NewWith makes, also when the pooled
// image held another, larger figure before.
func TestPNGCanvas(t *testing.T) {
	rf, err := ReadRunFiles("testdata/plot/run")
	if err != nil {
		t.Fatal(err)
	}
	figs, err := RunFigures(rf.Summary.Scenario, rf.Daily)
	if err != nil {
		t.Fatal(err)
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	for round := range 2 { // the second round draws on images the first gave back
		for _, f := range figs {
			l := f.measure()
			ref := vgimg.NewWith(vgimg.UseWH(l.width, l.height), vgimg.UseDPI(PlotDPI), vgimg.UseBackgroundColor(color.White))
			if err := f.draw(draw.New(ref), l); err != nil {
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
			if err := f.draw(draw.New(pc), l); err != nil {
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

func TestImagePool(t *testing.T) {
	var p imagePool
	big := p.get(10, 8)
	p.put(big)
	small := p.get(4, 3)
	if small != big || small.Bounds().Dx() != 4 || small.Bounds().Dy() != 3 || small.Stride != 16 || len(small.Pix) != 48 {
		t.Errorf("a smaller image from the pool: %v, stride %d, %d bytes; want the pooled one as 4 x 3", small.Bounds(), small.Stride, len(small.Pix))
	}
	p.put(small)
	if larger := p.get(11, 8); larger == big || larger.Bounds().Dx() != 11 {
		t.Errorf("a larger image than pooled reuses the pooled one or has %v", larger.Bounds())
	}
	for range maxPooled + 2 {
		p.put(image.NewRGBA(image.Rect(0, 0, 1, 1)))
	}
	if n := len(p.free); n > maxPooled {
		t.Errorf("pool keeps %d images, want at most %d", n, maxPooled)
	}
}
