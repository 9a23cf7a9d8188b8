package output

import (
	"image"
	"image/color"
	"image/png"
	"io"
	"sync"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// pngCanvas is a raster canvas that writes itself as PNG with the fastest
// compression: plots are drawn on every run, and best compression would
// take most of their time for a few percent of file size.
//
// Its image comes from a pool. vgimg.NewWith allocates two images per
// canvas (one it makes, one gg copies it into), and fresh memory is slow
// to touch the first time (a page fault, some microseconds a page): the
// copy alone was half of the page faults of `vaxsim run` on the seed day.
type pngCanvas struct {
	*vgimg.Canvas
	img *image.RGBA
}

// newPNGCanvas returns a white canvas of w x h at PlotDPI. It is what
// vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(PlotDPI),
// vgimg.UseBackgroundColor(color.White)) returns, with the same size in
// points and in pixels and the same graphic context, but drawn on a
// pooled image: its bytes are the same.
func newPNGCanvas(w, h vg.Length) *pngCanvas {
	px := func(l vg.Length) int { return int(l/vg.Inch*vg.Length(PlotDPI) + 0.5) }
	img := pngImages.get(px(w), px(h))
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt() // as vgimg.NewWith sets up a context it makes
	ctx.InvertY()
	// NewWith refuses two options that both set the size, as UseWH and
	// UseImageWithContext do, so both are applied in one option: NewWith
	// then keeps the size in points from UseWH (not the image's size,
	// rounded to pixels, which would shift text) and draws with ctx on
	// img instead of making its own. TestPNGCanvas holds this to
	// vgimg.NewWith's own canvas, byte for byte.
	sized := func(c *vgimg.Canvas) uint32 {
		vgimg.UseWH(w, h)(c)
		vgimg.UseImageWithContext(img, ctx)(c)
		return 0
	}
	c := vgimg.NewWith(sized, vgimg.UseDPI(PlotDPI), vgimg.UseBackgroundColor(color.White))
	return &pngCanvas{c, img}
}

// release hands the canvas's image back to the pool; the canvas must not
// be used after.
func (c *pngCanvas) release() {
	pngImages.put(c.img)
	c.img, c.Canvas = nil, nil
}

// WriteTo implements io.WriterTo.
func (c *pngCanvas) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	err := pngEncoder.Encode(cw, c.img)
	return cw.n, err
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// maxPooled is how many images and compressor states the pools keep: one
// per figure drawn at once on a typical machine. Unlike a sync.Pool they
// keep them across garbage collections, which come every few megabytes
// while plots are drawn.
const maxPooled = 4

// pngEncoder is shared by every PNG written: its buffer pool keeps the
// compressor's state (about a megabyte) from one file to the next instead
// of allocating it afresh for each. The bytes written do not change.
var pngEncoder = png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: new(pngBuffers)}

// pngBuffers is a png.EncoderBufferPool safe for concurrent encoders.
type pngBuffers struct{ pool[*png.EncoderBuffer] }

func (b *pngBuffers) Get() *png.EncoderBuffer  { return b.get() } // nil: the encoder makes one
func (b *pngBuffers) Put(e *png.EncoderBuffer) { b.put(e) }

// pngImages are the images of PNG canvases.
var pngImages imagePool

type imagePool struct{ pool[*image.RGBA] }

// get returns a w x h image, of undefined content.
//
// A new image has room for some rows more than asked for (up to the next
// multiple of imageRows): figures differ in height by a few lines of
// text, and without the room a figure a little taller than the first
// would need an image of its own. The room costs nothing until it is
// used: memory is touched only where drawn.
func (p *imagePool) get(w, h int) *image.RGBA {
	img := p.pool.get()
	if img == nil || cap(img.Pix) < 4*w*h {
		rows := (h + imageRows - 1) / imageRows * imageRows
		img = &image.RGBA{Pix: make([]uint8, 4*w*rows)}
	}
	img.Pix, img.Stride, img.Rect = img.Pix[:4*w*h], 4*w, image.Rect(0, 0, w, h)
	return img
}

// imageRows is the unit in which new images are made taller than asked.
const imageRows = 128

// pool is a free list of up to maxPooled values, safe for concurrent use.
type pool[T any] struct {
	mu   sync.Mutex
	free []T
}

// get returns a value from the pool, or the zero value if it is empty.
func (p *pool[T]) get() T {
	p.mu.Lock()
	defer p.mu.Unlock()
	var v T
	if n := len(p.free); n > 0 {
		v, p.free = p.free[n-1], p.free[:n-1]
	}
	return v
}

// put returns v to the pool, or drops it if the pool is full.
func (p *pool[T]) put(v T) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.free) < maxPooled {
		p.free = append(p.free, v)
	}
}
