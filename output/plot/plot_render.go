package plot

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	plottext "gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"vaxsim/output/table"
	"vaxsim/sim"
)

// Formats are the formats [Figure.Render] draws, as file extensions.
var Formats = []string{"png", "svg"}

// Figure geometry. Lengths are in points (1/72 inch); PNG files have
// DPI pixels per inch.
const (
	// DPI is the resolution of PNG files: a figure is 768 pixels wide.
	DPI = 96

	figureWidth       = 8 * vg.Inch
	singlePanelHeight = 3.6 * vg.Inch
	multiPanelHeight  = 2.5 * vg.Inch
	plotMargin        = vg.Length(10)
	colorBarWidth     = vg.Length(90)
)

// The fonts: gonum/plot embeds the Liberation fonts, so text is drawn the
// same on every machine. SVG files name the family with fallbacks.
var (
	sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	boldFont = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

// seriesColors are the colours of series and box groups in order: the
// Okabe-Ito palette (distinguishable with colour blindness) without its
// yellow, and a brown.
var seriesColors = []color.RGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x00, 0x00, 0x00, 0xFF}, // black
	{0x8C, 0x56, 0x4B, 0xFF}, // brown
}

var (
	referenceColor = color.RGBA{0x70, 0x70, 0x70, 0xFF}
	gridColor      = color.RGBA{0xDD, 0xDD, 0xDD, 0xFF}
	captionColor   = color.RGBA{0x33, 0x33, 0x33, 0xFF}
	nanColor       = color.RGBA{0xE0, 0xE0, 0xE0, 0xFF}
)

func seriesColor(i int) color.RGBA { return seriesColors[i%len(seriesColors)] }

// fadedColor returns c with the given opacity.
func fadedColor(c color.RGBA, alpha float64) color.Color {
	return color.NRGBA{c.R, c.G, c.B, uint8(math.Round(255 * alpha))}
}

func plotTextStyle(f font.Font, size vg.Length, clr color.Color) plottext.Style {
	f.Size = size
	return plottext.Style{Color: clr, Font: f, XAlign: draw.XLeft, YAlign: draw.YTop, Handler: plot.DefaultTextHandler}
}

// figureLayout holds the sizes of a figure's parts.
type figureLayout struct {
	width, height    vg.Length
	title, caption   []string // wrapped lines
	titleSty, capSty plottext.Style
	legend           []legendEntry
	legendRows       [][]legendEntry
	legendSty        plottext.Style
	cols, rows       int
	panelH           vg.Length
	titleH, legendH  vg.Length
	captionH         vg.Length
}

func (f *Figure) measure() *figureLayout {
	l := &figureLayout{
		width:     figureWidth,
		titleSty:  plotTextStyle(boldFont, 14, color.Black),
		capSty:    plotTextStyle(sansFont, 9, captionColor),
		legendSty: plotTextStyle(sansFont, 10, color.Black),
	}
	inner := l.width - 2*plotMargin
	l.title = wrapText(l.titleSty, f.Title, inner)
	l.caption = wrapText(l.capSty, f.Caption, inner)
	l.titleH = vg.Length(len(l.title)) * l.titleSty.Height("X") * 1.25
	l.captionH = vg.Length(len(l.caption)) * l.capSty.Height("X") * 1.3
	l.legend = f.legendEntries()
	var row []legendEntry
	var used vg.Length
	for _, e := range l.legend {
		w := legendThumb + 4 + l.legendSty.Width(e.label) + 16
		if len(row) > 0 && used+w > inner {
			l.legendRows = append(l.legendRows, row)
			row, used = nil, 0
		}
		row = append(row, e)
		used += w
	}
	if len(row) > 0 {
		l.legendRows = append(l.legendRows, row)
	}
	l.legendH = vg.Length(len(l.legendRows)) * legendRowHeight
	n := max(1, len(f.Panels))
	switch {
	case n == 1:
		l.cols = 1
	case n <= 4:
		l.cols = 2
	default:
		l.cols = 3
	}
	l.rows = (n + l.cols - 1) / l.cols
	l.panelH = singlePanelHeight
	if n > 1 {
		l.panelH = multiPanelHeight
	}
	l.height = plotMargin + l.titleH + l.legendH + 4 + vg.Length(l.rows)*l.panelH + 6 + l.captionH + plotMargin
	return l
}

// Size returns the width and height at which f is drawn.
func (f *Figure) Size() (w, h vg.Length) {
	l := f.measure()
	return l.width, l.height
}

// Render draws f to w in format, "png" or "svg" (see [Formats]). The
// same figure always gives the same bytes: PNG files carry no time or
// metadata, and SVG text names its fonts rather than embedding them.
func (f *Figure) Render(w io.Writer, format string) error {
	l, err := f.layout()
	if err != nil {
		return err
	}
	switch format {
	case "png":
		return f.writePNG(w, l)
	case "svg":
		c := vgsvg.New(l.width, l.height)
		if err := f.draw(draw.New(c), l, false); err != nil {
			return fmt.Errorf("output: figure %s: %w", f.Name, err)
		}
		var b bytes.Buffer
		if _, err := c.WriteTo(&b); err != nil {
			return err
		}
		_, err := w.Write(fixSVG(b.Bytes()))
		return err
	}
	return fmt.Errorf("output: figure %s: unknown format %q (want png or svg)", f.Name, format)
}

// layout checks f and returns its layout.
func (f *Figure) layout() (*figureLayout, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	return f.measure(), nil
}

// fixSVG names fallback fonts for readers without Liberation Sans.
func fixSVG(svg []byte) []byte {
	return bytes.ReplaceAll(svg, []byte("font-family:Liberation Sans;"),
		[]byte("font-family:Liberation Sans,Arimo,Arial,Helvetica,sans-serif;"))
}

// check reports a figure that cannot be drawn.
func (f *Figure) check() error {
	if len(f.Panels) == 0 {
		return fmt.Errorf("output: figure %s has no panels", f.Name)
	}
	for _, p := range f.Panels {
		for _, s := range p.Series {
			if len(s.Y) != len(s.X) || s.Low != nil && len(s.Low) != len(s.X) || s.High != nil && len(s.High) != len(s.X) {
				return fmt.Errorf("output: figure %s: series %q has %d x, %d y, %d low and %d high values",
					f.Name, s.Label, len(s.X), len(s.Y), len(s.Low), len(s.High))
			}
		}
		for _, g := range p.Boxes {
			if len(g.Values) > len(f.X.Categories) {
				return fmt.Errorf("output: figure %s: box group %q has %d boxes for %d categories",
					f.Name, g.Label, len(g.Values), len(f.X.Categories))
			}
		}
		if h := p.Heat; h != nil {
			if len(h.Values) != len(f.Y.Categories) {
				return fmt.Errorf("output: figure %s: heat map has %d rows for %d Y categories", f.Name, len(h.Values), len(f.Y.Categories))
			}
			for j, row := range h.Values {
				if len(row) != len(f.X.Categories) {
					return fmt.Errorf("output: figure %s: heat map row %d has %d values for %d X categories", f.Name, j, len(row), len(f.X.Categories))
				}
			}
		}
	}
	return nil
}

// draw draws the whole figure: title, legend, panels and caption.
//
// A canvas that is white already (blank: a new PNG canvas) is not filled
// white again, and neither are the panels' backgrounds: on a raster
// canvas each fill paints every pixel through the rasteriser, which was a
// fifth of the time of drawing a PNG figure, for the same pixels.
func (f *Figure) draw(dc draw.Canvas, l *figureLayout, blank bool) error {
	if !blank {
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
	}
	top := dc.Max.Y - plotMargin
	for _, line := range l.title {
		sty := l.titleSty
		sty.XAlign = draw.XCenter
		dc.FillText(sty, vg.Point{X: dc.Center().X, Y: top}, line)
		top -= l.titleSty.Height("X") * 1.25
	}
	for _, row := range l.legendRows {
		f.drawLegendRow(dc, l, row, top-legendRowHeight/2)
		top -= legendRowHeight
	}
	top -= 4
	y := dc.Min.Y + plotMargin
	for i := len(l.caption) - 1; i >= 0; i-- {
		sty := l.capSty
		sty.YAlign = draw.YBottom
		dc.FillText(sty, vg.Point{X: dc.Min.X + plotMargin, Y: y}, l.caption[i])
		y += l.capSty.Height("X") * 1.3
	}
	area := dc
	area.Max.Y = top
	area.Min.Y = dc.Min.Y + plotMargin + l.captionH + 6
	area.Min.X += plotMargin / 2
	area.Max.X -= plotMargin

	if len(f.Panels) == 1 && f.Panels[0].Heat != nil {
		return f.drawHeat(area, f.Panels[0], blank)
	}
	tileW := (area.Max.X - area.Min.X) / vg.Length(l.cols)
	plots := make([][]*plot.Plot, l.rows)
	for r := range plots {
		plots[r] = make([]*plot.Plot, l.cols)
	}
	for i, p := range f.Panels {
		pl, err := f.panelPlot(p, tileW)
		if err != nil {
			return err
		}
		if blank {
			pl.BackgroundColor = nil
		}
		plots[i/l.cols][i%l.cols] = pl
	}
	tiles := draw.Tiles{Rows: l.rows, Cols: l.cols, PadX: 14, PadY: 10}
	canvases := plot.Align(plots, tiles, area)
	for r := range plots {
		for c, pl := range plots[r] {
			if pl != nil {
				pl.Draw(canvases[r][c])
			}
		}
	}
	return nil
}

// newPlot returns a plot with the figure's fonts and axis labels.
func (f *Figure) newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = sansFont
	p.Title.TextStyle.Font.Size = 11
	p.Title.Padding = 4
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sansFont
		a.Label.TextStyle.Font.Size = 10
		a.Tick.Label.Font = sansFont
		a.Tick.Label.Font.Size = 9
		a.Tick.Length = 5
	}
	p.X.Label.Text = f.X.Text()
	p.Y.Label.Text = f.Y.Text()
	return p
}

// panelPlot builds the plot of one panel of series or boxes.
func (f *Figure) panelPlot(pn Panel, width vg.Length) (*plot.Plot, error) {
	p := f.newPlot(pn.Title)
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = gridColor, gridColor
	grid.Vertical.Width, grid.Horizontal.Width = 0.5, 0.5
	if f.X.Kind == Categories {
		grid.Vertical.Color = nil
	}
	p.Add(grid)

	nonRef := 0
	for _, s := range pn.Series {
		clr := referenceColor
		if !s.Reference {
			clr = seriesColor(nonRef)
			nonRef++
		}
		if err := addSeries(p, s, clr); err != nil {
			return nil, fmt.Errorf("series %q: %w", s.Label, err)
		}
	}
	if err := f.addBoxes(p, pn.Boxes, width); err != nil {
		return nil, err
	}

	// Axes: dates and categories at whole numbers with half a step
	// either side; numbers from zero unless the data go below it.
	tickSty := p.X.Tick.Label
	switch f.X.Kind {
	case Dates:
		days := 1.0
		for _, s := range pn.Series {
			for _, x := range s.X {
				days = math.Max(days, x+1)
			}
		}
		p.X.Min, p.X.Max = -0.5, days-0.5
		maxTicks := max(1, int(width/(tickSty.Width("0000-00-00")+14)))
		p.X.Tick.Marker = dateTicks{start: f.X.Start, max: maxTicks}
	case Categories:
		p.X.Min, p.X.Max = -0.5, float64(len(f.X.Categories))-0.5
		p.X.Tick.Marker = categoryTicks(f.X.Categories)
	default:
		p.X.Tick.Marker = niceTicks{}
		if pad := 0.04 * (p.X.Max - p.X.Min); pad > 0 {
			p.X.Min, p.X.Max = p.X.Min-pad, p.X.Max+pad
		}
	}
	p.Y.Min = math.Min(p.Y.Min, 0)
	if !(p.Y.Max > p.Y.Min) || math.IsInf(p.Y.Max, 0) {
		p.Y.Max = p.Y.Min + 1
	}
	p.Y.Max += 0.04 * (p.Y.Max - p.Y.Min) // room above the highest point
	p.Y.Tick.Marker = niceTicks{}
	return p, nil
}

// addSeries adds a series to p: its band or error bars, its line (broken
// at NaN values) and, for short series, a marker at each point.
func addSeries(p *plot.Plot, s Series, clr color.RGBA) error {
	finite := func(i int) bool { return !math.IsNaN(s.Y[i]) && !math.IsInf(s.Y[i], 0) }
	hasBand := func(i int) bool {
		return s.Low != nil && s.High != nil && !math.IsNaN(s.Low[i]) && !math.IsNaN(s.High[i]) &&
			!math.IsInf(s.Low[i], 0) && !math.IsInf(s.High[i], 0)
	}
	var bars errorPoints
	for _, seg := range finiteRuns(len(s.X), hasBand) {
		if s.Bars || len(seg) == 1 {
			for _, i := range seg {
				if finite(i) {
					bars = append(bars, errorPoint{s.X[i], s.Y[i], s.Low[i], s.High[i]})
				}
			}
			continue
		}
		var poly plotter.XYs
		for _, i := range seg {
			poly = append(poly, plotter.XY{X: s.X[i], Y: s.High[i]})
		}
		for k := len(seg) - 1; k >= 0; k-- {
			poly = append(poly, plotter.XY{X: s.X[seg[k]], Y: s.Low[seg[k]]})
		}
		band, err := plotter.NewPolygon(poly)
		if err != nil {
			return err
		}
		band.Color = fadedColor(clr, 0.22)
		band.LineStyle.Width = 0
		p.Add(band)
	}
	if len(bars) > 0 {
		eb, err := plotter.NewYErrorBars(bars)
		if err != nil {
			return err
		}
		eb.LineStyle.Color, eb.LineStyle.Width, eb.CapWidth = clr, 1.2, 8
		p.Add(eb)
	}
	lineSty := draw.LineStyle{Color: clr, Width: 1.6}
	if s.Reference {
		lineSty.Dashes = []vg.Length{5, 3}
	}
	var pts plotter.XYs
	for _, seg := range finiteRuns(len(s.X), finite) {
		var xys plotter.XYs
		for _, i := range seg {
			xys = append(xys, plotter.XY{X: s.X[i], Y: s.Y[i]})
		}
		pts = append(pts, xys...)
		if len(xys) < 2 {
			continue
		}
		line, err := plotter.NewLine(xys)
		if err != nil {
			return err
		}
		line.LineStyle = lineSty
		p.Add(line)
	}
	if len(pts) > 0 && len(s.X) <= markerLimit {
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return err
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: clr, Radius: 2.5, Shape: draw.CircleGlyph{}}
		if s.Reference {
			sc.GlyphStyle.Shape = draw.BoxGlyph{}
		}
		p.Add(sc)
	}
	return nil
}

// markerLimit is the longest series drawn with a marker at each point.
const markerLimit = 45

// finiteRuns returns the maximal runs of consecutive indexes below n for which
// ok holds.
func finiteRuns(n int, ok func(int) bool) [][]int {
	var out [][]int
	var cur []int
	for i := range n {
		if ok(i) {
			cur = append(cur, i)
			continue
		}
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

type errorPoint struct{ x, y, low, high float64 }

// errorPoints implement plotter.XYer and plotter.YErrorer.
type errorPoints []errorPoint

func (e errorPoints) Len() int                        { return len(e) }
func (e errorPoints) XY(i int) (float64, float64)     { return e[i].x, e[i].y }
func (e errorPoints) YError(i int) (float64, float64) { return e[i].y - e[i].low, e[i].high - e[i].y }

// addBoxes adds the box groups side by side around each category.
func (f *Figure) addBoxes(p *plot.Plot, groups []BoxGroup, width vg.Length) error {
	if len(groups) == 0 {
		return nil
	}
	n := max(1, len(f.X.Categories))
	slot := (width - 60) / vg.Length(n*len(groups)+n) // room for one box, with a gap a box wide per category
	boxW := min(max(slot*0.9, 6), 42)
	for g, grp := range groups {
		clr := seriesColor(g)
		offset := (vg.Length(g) - vg.Length(len(groups)-1)/2) * (boxW + 4)
		for i, vals := range grp.Values {
			if len(vals) == 0 {
				continue
			}
			b, err := plotter.NewBoxPlot(boxW, float64(i), plotter.Values(vals))
			if err != nil {
				return fmt.Errorf("box group %q, %s: %w", grp.Label, f.X.Categories[i], err)
			}
			b.Offset = offset
			b.FillColor = fadedColor(clr, 0.25)
			b.BoxStyle.Color, b.BoxStyle.Width = clr, 1.2
			b.MedianStyle.Color, b.MedianStyle.Width = clr, 2
			b.WhiskerStyle.Color, b.WhiskerStyle.Width = clr, 1
			b.GlyphStyle = draw.GlyphStyle{Color: clr, Radius: 2, Shape: draw.CircleGlyph{}}
			p.Add(b)
		}
	}
	return nil
}

// drawHeat draws a heat-map panel with its colour bar to the right, on a
// canvas that may be white already (blank; see draw).
func (f *Figure) drawHeat(area draw.Canvas, pn Panel, blank bool) error {
	h := pn.Heat
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range h.Values {
		for _, v := range row {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if lo > hi {
		lo, hi = 0, 1
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	// Light for low values, dark blue for high ones.
	dark, err := moreland.NewLuminance([]color.Color{
		color.NRGBA{0x08, 0x30, 0x6B, 0xFF}, color.NRGBA{0x6B, 0xAE, 0xD6, 0xFF}, color.NRGBA{0xF7, 0xFB, 0xFF, 0xFF},
	})
	if err != nil {
		return err
	}
	cm := palette.Reverse(dark)
	cm.SetMin(lo)
	cm.SetMax(hi)

	p := f.newPlot(pn.Title)
	p.Add(heatCells{values: h.Values, cm: cm})
	labels := plotter.XYLabels{}
	var styles []plottext.Style
	sty := plotTextStyle(sansFont, 9, color.Black)
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
	for j, row := range h.Values {
		for i, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			labels.XYs = append(labels.XYs, plotter.XY{X: float64(i), Y: float64(j)})
			labels.Labels = append(labels.Labels, cellNumber(v))
			s := sty
			if (v-lo)/(hi-lo) > 0.55 {
				s.Color = color.White
			}
			styles = append(styles, s)
		}
	}
	if len(labels.XYs) > 0 {
		l, err := plotter.NewLabels(labels)
		if err != nil {
			return err
		}
		l.TextStyle = styles
		p.Add(l)
	}
	p.X.Min, p.X.Max = -0.5, float64(len(f.X.Categories))-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(len(f.Y.Categories))-0.5
	p.X.Tick.Marker = categoryTicks(f.X.Categories)
	p.Y.Tick.Marker = categoryTicks(f.Y.Categories)
	p.X.Padding, p.Y.Padding = 0, 0

	bar := f.newPlot("")
	bar.X.Label.Text = ""
	bar.HideX()
	bar.Y.Label.Text = h.Scale.Text()
	bar.Y.Tick.Marker = niceTicks{}
	bar.Y.Padding = 0
	bar.Add(colorScale{cm: cm, steps: 64})
	if blank {
		p.BackgroundColor, bar.BackgroundColor = nil, nil
	}

	heatArea, barArea := area, area
	heatArea.Max.X -= colorBarWidth
	barArea.Min.X = heatArea.Max.X + 10
	// Align the colour bar with the heat map's data area.
	dataArea := p.DataCanvas(heatArea)
	barArea.Min.Y, barArea.Max.Y = dataArea.Min.Y, dataArea.Max.Y
	p.Draw(heatArea)
	barData := bar.DataCanvas(barArea)
	barArea.Max.X = barArea.Min.X + (barData.Min.X - barArea.Min.X) + 16
	bar.Draw(barArea)
	return nil
}

// heatCells draws the cells of a heat map, one rectangle each.
type heatCells struct {
	values [][]float64
	cm     palette.ColorMap
}

func (h heatCells) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for j, row := range h.values {
		for i, v := range row {
			clr := color.Color(nanColor)
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				var err error
				if clr, err = h.cm.At(math.Min(math.Max(v, h.cm.Min()), h.cm.Max())); err != nil {
					clr = nanColor
				}
			}
			x0, x1 := tx(float64(i)-0.5), tx(float64(i)+0.5)
			y0, y1 := ty(float64(j)-0.5), ty(float64(j)+0.5)
			c.FillPolygon(clr, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		}
	}
}

// colorScale draws a colour map's scale as stacked rectangles.
type colorScale struct {
	cm    palette.ColorMap
	steps int
}

func (b colorScale) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	lo, hi := b.cm.Min(), b.cm.Max()
	for k := range b.steps {
		v0 := lo + (hi-lo)*float64(k)/float64(b.steps)
		v1 := lo + (hi-lo)*float64(k+1)/float64(b.steps)
		clr, err := b.cm.At((v0 + v1) / 2)
		if err != nil {
			continue
		}
		x0, x1 := tx(0), tx(1)
		y0, y1 := ty(v0), ty(v1)+0.5 // overlap the next step: no seams
		if k == b.steps-1 {
			y1 = ty(v1)
		}
		c.FillPolygon(clr, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
	}
}

func (b colorScale) DataRange() (xmin, xmax, ymin, ymax float64) { return 0, 1, b.cm.Min(), b.cm.Max() }

// cellNumber formats v with about three significant digits for a cell
// label: 1,298, 67.8, 0.684.
func cellNumber(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 100 || a == math.Trunc(a):
		return table.Grouped(v, 0)
	case a >= 10:
		return table.Grouped(v, 1)
	case a >= 1:
		return table.Grouped(v, 2)
	default:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
}

// dateTicks labels whole days with their dates, at most max labels; the
// days between labels get minor ticks when there are few of them.
type dateTicks struct {
	start sim.Date
	max   int
}

func (t dateTicks) Ticks(lo, hi float64) []plot.Tick {
	first, last := int(math.Ceil(lo)), int(math.Floor(hi))
	n := last - first + 1
	step := 1
	for _, s := range []int{1, 2, 7, 14, 28, 56, 91, 182, 364, 728, 1820} {
		step = s
		if (n+s-1)/s <= t.max {
			break
		}
	}
	var ticks []plot.Tick
	for d := first; d <= last; d++ {
		switch {
		case (d-first)%step == 0:
			ticks = append(ticks, plot.Tick{Value: float64(d), Label: t.start.AddDays(d).String()})
		case step <= 14:
			ticks = append(ticks, plot.Tick{Value: float64(d)})
		}
	}
	return ticks
}

// categoryTicks labels whole numbers with category names.
func categoryTicks(names []string) plot.ConstantTicks {
	ticks := make(plot.ConstantTicks, len(names))
	for i, name := range names {
		ticks[i] = plot.Tick{Value: float64(i), Label: name}
	}
	return ticks
}

// niceTicks labels about five round values (1, 2, 2.5 or 5 times a
// power of ten apart) with thousands separators, with minor ticks
// between them.
type niceTicks struct{}

func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil
	}
	const target = 5
	mag := math.Pow(10, math.Floor(math.Log10((hi-lo)/target)))
	step := 0.0
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if step = m * mag; (hi-lo)/step <= target {
			break
		}
	}
	// As many decimals as the step has: 25 none, 2.5 one, 0.02 two.
	decimals := 0
	if f := strconv.FormatFloat(step, 'f', -1, 64); strings.Contains(f, ".") {
		decimals = min(6, len(f)-strings.IndexByte(f, '.')-1)
	}
	var ticks []plot.Tick
	for k := math.Ceil(lo / step); k*step <= hi+step*1e-9; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: table.Grouped(v, decimals)})
		if minor := v + step/2; minor <= hi {
			ticks = append(ticks, plot.Tick{Value: minor})
		}
	}
	if first := math.Ceil(lo/step)*step - step/2; first >= lo {
		ticks = append(ticks, plot.Tick{Value: first})
	}
	return ticks
}

// wrapText breaks s into lines no wider than width in sty.
func wrapText(sty plottext.Style, s string, width vg.Length) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		next := word
		if line != "" {
			next = line + " " + word
		}
		if line != "" && sty.Width(next) > width {
			lines = append(lines, line)
			next = word
		}
		line = next
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// Legends: one row of entries (or several if they do not fit) under the
// title, shared by all panels.

const (
	legendThumb     = vg.Length(22)
	legendRowHeight = vg.Length(16)
)

type legendKind uint8

const (
	legendLine legendKind = iota
	legendReference
	legendBand
	legendBars
	legendBox
)

type legendEntry struct {
	label string
	kind  legendKind
	color color.RGBA
}

// legendEntries lists the legend of a figure: each series and box group
// once, in order of first appearance, then what bands or bars mean.
func (f *Figure) legendEntries() []legendEntry {
	var entries []legendEntry
	seen := map[string]bool{}
	band, bars := false, false
	for _, p := range f.Panels {
		nonRef := 0
		for _, s := range p.Series {
			e := legendEntry{label: s.Label, kind: legendReference, color: referenceColor}
			if !s.Reference {
				e = legendEntry{label: s.Label, kind: legendLine, color: seriesColor(nonRef)}
				nonRef++
			}
			if s.Low != nil && s.High != nil {
				n := 0
				for i := range s.X {
					if !math.IsNaN(s.Low[i]) && !math.IsNaN(s.High[i]) {
						n++
					}
				}
				if n > 0 {
					if s.Bars || len(s.X) == 1 {
						bars = true
					} else {
						band = true
					}
				}
			}
			if s.Label != "" && !seen[s.Label] {
				seen[s.Label] = true
				entries = append(entries, e)
			}
		}
		for g, grp := range p.Boxes {
			if grp.Label != "" && !seen["box:"+grp.Label] {
				seen["box:"+grp.Label] = true
				entries = append(entries, legendEntry{label: grp.Label, kind: legendBox, color: seriesColor(g)})
			}
		}
	}
	if len(entries) == 1 && !band && !bars && entries[0].kind != legendBox {
		return nil // a lone line needs no legend: the axis says what it is
	}
	if band {
		entries = append(entries, legendEntry{label: "95% confidence interval of the mean", kind: legendBand, color: referenceColor})
	}
	if bars {
		entries = append(entries, legendEntry{label: "95% confidence interval (bars)", kind: legendBars, color: referenceColor})
	}
	return entries
}

func (f *Figure) drawLegendRow(dc draw.Canvas, l *figureLayout, row []legendEntry, y vg.Length) {
	var total vg.Length
	for _, e := range row {
		total += legendThumb + 4 + l.legendSty.Width(e.label) + 16
	}
	x := dc.Center().X - (total-16)/2
	for _, e := range row {
		x0, x1 := x, x+legendThumb
		switch e.kind {
		case legendLine, legendReference:
			sty := draw.LineStyle{Color: e.color, Width: 1.6}
			if e.kind == legendReference {
				sty.Dashes = []vg.Length{5, 3}
			}
			dc.StrokeLine2(sty, x0, y, x1, y)
		case legendBand:
			dc.FillPolygon(fadedColor(e.color, 0.3), []vg.Point{{X: x0, Y: y - 5}, {X: x1, Y: y - 5}, {X: x1, Y: y + 5}, {X: x0, Y: y + 5}})
		case legendBars:
			sty := draw.LineStyle{Color: e.color, Width: 1.2}
			mid := (x0 + x1) / 2
			dc.StrokeLine2(sty, mid, y-6, mid, y+6)
			dc.StrokeLine2(sty, mid-4, y-6, mid+4, y-6)
			dc.StrokeLine2(sty, mid-4, y+6, mid+4, y+6)
		case legendBox:
			pts := []vg.Point{{X: x0 + 4, Y: y - 5}, {X: x1 - 4, Y: y - 5}, {X: x1 - 4, Y: y + 5}, {X: x0 + 4, Y: y + 5}}
			dc.FillPolygon(fadedColor(e.color, 0.25), pts)
			dc.StrokeLines(draw.LineStyle{Color: e.color, Width: 1.2}, append(pts, pts[0]))
		}
		sty := l.legendSty
		sty.YAlign = draw.YCenter
		dc.FillText(sty, vg.Point{X: x1 + 4, Y: y}, e.label)
		x = x1 + 4 + l.legendSty.Width(e.label) + 16
	}
}
