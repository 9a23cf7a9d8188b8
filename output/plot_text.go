package output

import (
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	plottext "gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// plotText is the text handler of every figure: gonum/plot's plain text,
// with the boxes it measures kept. Laying out a plot measures each tick
// label several times over, and each measurement allocates the font
// package's scratch buffer anew: that was half of the bytes allocated
// drawing a run's plots (BenchmarkWritePlots), and the collections they
// caused stall every goroutine drawing. The sizes are those text.Plain
// gives, so the plots do not change.
var plotText = newMeasuredText(plot.DefaultTextHandler)

// maxMeasured bounds the boxes a measuredText keeps; past it, it starts
// afresh. Figures use a few hundred distinct strings.
const maxMeasured = 1 << 12

// measuredText is a text handler that remembers the boxes of the texts
// it measures; it is safe for concurrent use.
type measuredText struct {
	plottext.Handler
	mu    sync.RWMutex
	boxes map[boxKey]box
}

type boxKey struct {
	font font.Font
	text string
}

type box struct{ width, height, depth vg.Length }

func newMeasuredText(h plottext.Handler) *measuredText {
	return &measuredText{Handler: h, boxes: make(map[boxKey]box)}
}

// Box returns the handler's box of txt in fnt, measured once.
func (m *measuredText) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	k := boxKey{fnt, txt}
	m.mu.RLock()
	b, ok := m.boxes[k]
	m.mu.RUnlock()
	if ok {
		return b.width, b.height, b.depth
	}
	b.width, b.height, b.depth = m.Handler.Box(txt, fnt)
	m.mu.Lock()
	if len(m.boxes) >= maxMeasured {
		clear(m.boxes)
	}
	m.boxes[k] = b
	m.mu.Unlock()
	return b.width, b.height, b.depth
}
