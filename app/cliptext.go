package app

// Lines of text that never make Fyne wrap, truncate or shape for an
// ellipsis. A word-wrapped or ellipsis-truncated widget.Label measures its
// text again and again (a binary search of HarfBuzz-shaped MeasureText
// calls, and a new HarfBuzz font for each ellipsis), which is what made the
// mark screen's preview and the log table slow (docs/benchmarks.md). Here a
// textMeter knows the width of each character, measured once per text size,
// and lines are cut or wrapped by adding those widths up; a textCell draws
// one such line with a canvas.Text.

import (
	"image/color"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// textMeter gives the width of characters at one text size. A 汉字 (or
// kana, hangul) is as wide as any other in the CJK font, so one measure
// covers them all; every other character is measured the first time it
// comes up. Use on the UI thread only.
type textMeter struct {
	size   float32
	wide   float32 // one 汉字
	height float32 // one line
	ascii  [128]float32
	other  map[rune]float32
}

func newTextMeter(size float32) *textMeter {
	s := fyne.MeasureText("汉", size, fyne.TextStyle{})
	return &textMeter{size: size, wide: s.Width, height: s.Height, other: map[rune]float32{}}
}

// meterFor returns m if it measures the current theme's text size, and a
// new meter otherwise.
func meterFor(m *textMeter) *textMeter {
	size := theme.TextSize()
	if m != nil && m.size == size {
		return m
	}
	return newTextMeter(size)
}

func (m *textMeter) runeWidth(r rune) float32 {
	switch {
	case r < 128:
		if r < ' ' {
			r = ' ' // tabs and other controls are drawn as (at least) a space
		}
		w := m.ascii[r]
		if w == 0 {
			w = fyne.MeasureText(string(r), m.size, fyne.TextStyle{}).Width
			m.ascii[r] = w
		}
		return w
	case r >= 0x4E00 && r <= 0x9FFF || wideRune(r): // the common 汉字 first
		return m.wide
	}
	w, ok := m.other[r]
	if !ok {
		w = fyne.MeasureText(string(r), m.size, fyne.TextStyle{}).Width
		m.other[r] = w
	}
	return w
}

// wideRune reports the ideographs and syllabaries that are all one em wide.
func wideRune(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}

// clip returns the longest start of s that fits in width.
func (m *textMeter) clip(s string, width float32) string {
	w := float32(0)
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
		if w += m.runeWidth(r); w > width {
			return s[:i]
		}
	}
	return s
}

// wrap breaks s into lines no wider than width and calls line for each:
// at a '\n', anywhere between two 汉字, and between two words of Latin
// text, not inside one (unless the word is wider than a line). Following
// the Chinese rules for line starts and ends (避头尾), a line does not
// start with a closing mark such as ，。、） nor end with an opening one
// such as “（《. An empty s is one empty line.
func (m *textMeter) wrap(s string, width float32, line func(string)) {
	for {
		hard, rest, more := strings.Cut(s, "\n")
		m.wrapLine(hard, width, line)
		if !more {
			return
		}
		s = rest
	}
}

// wrapLine wraps a line without '\n'; the lines it gives are slices of s.
func (m *textMeter) wrapLine(s string, width float32, line func(string)) {
	start, w := 0, float32(0) // the current line starts at s[start]
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		rw := m.runeWidth(r)
		if i == start || w+rw <= width {
			w += rw
			i += n
			continue
		}
		// r does not fit: the next line starts at br, start < br <= i.
		br := i
		prev := func(j int) (rune, int) { return utf8.DecodeLastRuneInString(s[:j]) }
		if p, _ := prev(i); latinWord(r) && latinWord(p) {
			j := i
			for j > start {
				q, qn := prev(j)
				if !latinWord(q) {
					break
				}
				j -= qn
			}
			if j > start {
				br = j
			}
		}
		for br > start {
			c, _ := utf8.DecodeRuneInString(s[br:])
			_, pn := prev(br)
			if br-pn <= start || !noLineStart(c) {
				break
			}
			br -= pn
		}
		for br > start {
			p, pn := prev(br)
			if br-pn <= start || !noLineEnd(p) {
				break
			}
			br -= pn
		}
		line(strings.TrimRight(s[start:br], " "))
		for start = br; start < len(s) && s[start] == ' '; start++ {
		}
		i, w = start, 0
	}
	if start < len(s) || len(s) == 0 {
		line(s[start:])
	}
}

// latinWord reports the characters of a Latin word or number, which are
// kept together on a line.
func latinWord(r rune) bool { return r > ' ' && r < 128 }

func noLineStart(r rune) bool {
	return strings.ContainsRune("，。、；：？！）》」』】〕〉”’…—·,.;:?!)]}%", r)
}

func noLineEnd(r rune) bool { return strings.ContainsRune("（《「『【〔〈“‘([{", r) }

// textCell lays out one line of text, a canvas.Text, in its box: inset by
// pad left and right, centred vertically, and cut at a character boundary
// to the box's width whenever the text or the width changes. It is the
// Layout of the container that newTextCell returns.
type textCell struct {
	meter     *textMeter
	text      *canvas.Text
	full      string  // the text before it is cut
	width     float32 // the width it was cut for
	pad, vpad float32
}

// newTextCell returns a container drawing one line of text; cellOf gives
// its textCell.
func newTextCell(m *textMeter, pad, vpad float32) *fyne.Container {
	t := canvas.NewText("", nil) // nil colour: the theme's foreground when drawn
	t.TextSize = m.size
	c := &textCell{meter: m, text: t, pad: pad, vpad: vpad}
	return &fyne.Container{Layout: c, Objects: []fyne.CanvasObject{t}}
}

func cellOf(o fyne.CanvasObject) *textCell { return o.(*fyne.Container).Layout.(*textCell) }

func (c *textCell) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	w := max(0, size.Width-2*c.pad)
	c.text.Move(fyne.NewPos(c.pad, 0))
	c.text.Resize(fyne.NewSize(w, size.Height))
	if w != c.width {
		c.width = w
		c.cut()
	}
}

func (c *textCell) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(2*c.pad+c.meter.wide, c.meter.height+2*c.vpad)
}

// SetText shows s, cut to the cell's width; the same text again costs
// nothing.
func (c *textCell) SetText(s string) {
	if s != c.full {
		c.full = s
		c.cut()
	}
}

// SetStyle sets the colour (nil: the theme's foreground) and boldness.
func (c *textCell) SetStyle(col color.Color, bold bool) {
	if c.text.Color != col || c.text.TextStyle.Bold != bold {
		c.text.Color, c.text.TextStyle.Bold = col, bold
		c.text.Refresh()
	}
}

func (c *textCell) cut() {
	s := c.full
	if c.width > 0 {
		s = c.meter.clip(s, c.width)
	}
	if s != c.text.Text {
		c.text.Text = s
		c.text.Refresh()
	}
}
