package output

import (
	"fmt"
	"sync"
	"testing"

	xfont "golang.org/x/image/font"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
)

// TestMeasuredText checks that the text handler of the figures gives the
// boxes gonum/plot's own handler gives, the first time and from memory,
// from several goroutines, and after it has started afresh.
func TestMeasuredText(t *testing.T) {
	fonts := []font.Font{sansFont, boldFont, {Typeface: "Liberation", Variant: "Serif"}, {Typeface: "Liberation", Variant: "Mono", Style: xfont.StyleItalic}}
	texts := []string{"", "0", "1,250", "2021-01-22", "Wait (min)", "Tucson Convention Center", "ÄÖÜ – ≥ 95%", "two\nlines"}
	m := newMeasuredText(plot.DefaultTextHandler)
	check := func(t *testing.T) {
		for _, f := range fonts {
			for _, size := range []font.Length{9, 10, 14} {
				f.Size = size
				for _, s := range texts {
					ww, wh, wd := plot.DefaultTextHandler.Box(s, f)
					gw, gh, gd := m.Box(s, f)
					if gw != ww || gh != wh || gd != wd {
						t.Errorf("Box(%q, %v %v %v) = %v %v %v, want %v %v %v",
							s, f.Variant, f.Weight, size, gw, gh, gd, ww, wh, wd)
					}
				}
			}
		}
	}
	t.Run("first", check)
	if n, want := len(m.boxes), len(fonts)*3*len(texts); n != want {
		t.Errorf("%d boxes kept, want %d", n, want)
	}
	t.Run("remembered", check)
	t.Run("concurrent", func(t *testing.T) {
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() { check(t) })
		}
		wg.Wait()
	})
	for i := range maxMeasured + 10 {
		m.Box(fmt.Sprint(i), sansFont)
	}
	if n := len(m.boxes); n > maxMeasured {
		t.Errorf("%d boxes kept, want at most %d", n, maxMeasured)
	}
	t.Run("afresh", check)
}
