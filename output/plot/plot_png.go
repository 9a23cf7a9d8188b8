package plot

import (
	"fmt"
	"image/color"
	"image/png"
	"io"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// pngEncoder writes PNG files with the fastest compression: plots are
// drawn on every run, and the best compression would take most of their
// time for a few percent of file size.
var pngEncoder = png.Encoder{CompressionLevel: png.BestSpeed}

// writePNG draws f, laid out as l, on a new white raster canvas and
// writes it to w as PNG.
func (f *Figure) writePNG(w io.Writer, l *figureLayout) error {
	c := vgimg.NewWith(vgimg.UseWH(l.width, l.height), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(color.White))
	if err := f.draw(draw.New(c), l, true); err != nil {
		return fmt.Errorf("figure %s: %w", f.Name, err)
	}
	return pngEncoder.Encode(w, c.Image())
}
