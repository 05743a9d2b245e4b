package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/marker"
)

// fillPreview shows the current draft's paragraphs from the top.
func (m *markScreen) fillPreview() {
	m.marked = make([]bool, len(m.cur.paras))
	m.wrapPreview()
	m.preview.ScrollToOffset(0)
}

// previewText is what the preview shows of paragraph i.
func (m *markScreen) previewText(i int) string {
	p := m.cur.paras[i]
	if p.Where != docx.Body {
		return "〔" + p.Location() + "〕" + p.Text
	}
	return p.Text
}

// textWidth is the width the preview's lines may take: the list's width
// less the rows' insets (the scroll bar floats over the right one). Before
// the list is laid out it is a guess of 40 汉字 (known is false).
func (m *markScreen) textWidth() (width float32, known bool) {
	pad := m.preview.Theme().Size(theme.SizeNameInnerPadding)
	if w := m.preview.Size().Width - 2*pad; w > 0 {
		return w, true
	}
	return 40 * m.meter.wide, false
}

// wrapPreview (re)builds the display lines for the list's current width.
func (m *markScreen) wrapPreview() {
	m.meter = meterFor(m.meter)
	width, known := m.textWidth()
	m.wrapWidth = 0
	if known {
		m.wrapWidth = width
	}
	m.lines = m.lines[:0]
	if m.cur != nil {
		m.paraLine = make([]int, len(m.cur.paras))
		pv, first := m.marks, true
		emit := func(text string, para int, stamp bool) {
			if !first {
				m.lines = append(m.lines, previewLine{para: -1})
			}
			first = false
			m.meter.wrap(text, width, func(s string) {
				m.lines = append(m.lines, previewLine{text: s, para: para, stamp: stamp})
			})
		}
		secrecyDone := pv.SecrecyLine == ""
		for i, p := range m.cur.paras {
			main := p.Part == pv.Part
			if !secrecyDone && main && pv.SecrecyAfter < 0 {
				emit(pv.SecrecyLine, -1, true)
				secrecyDone = true
			}
			m.paraLine[i] = len(m.lines)
			if main && pv.Removed[p.Index] {
				continue // the marking takes it out
			}
			emit(m.previewText(i), i, false)
			if main && !secrecyDone && p.Index == pv.SecrecyAfter {
				emit(pv.SecrecyLine, -1, true)
				secrecyDone = true
			}
			if main && pv.Note != "" && p.Index == pv.NoteAfter {
				emit(pv.Note, -1, true)
			}
		}
	}
	m.preview.Refresh()
}

// previewResized re-wraps the preview when its width changes: at once the
// first time the width is known, otherwise once the width has stopped
// changing for a moment (dragging the split).
func (m *markScreen) previewResized(float32) {
	if m.cur == nil {
		return
	}
	width, known := m.textWidth()
	if !known || width == m.wrapWidth {
		return
	}
	if m.wrapWidth == 0 || m.u.sync {
		m.rewrap()
		return
	}
	m.resizeGen++
	gen := m.resizeGen
	time.AfterFunc(150*time.Millisecond, func() {
		fyne.Do(func() {
			if gen == m.resizeGen {
				m.rewrap()
			}
		})
	})
}

// rewrap wraps the preview again, keeping the paragraph at the top of the
// view there.
func (m *markScreen) rewrap() {
	if m.cur == nil {
		return
	}
	top := -1
	if pitch := m.linePitch(); pitch > 0 && len(m.lines) > 0 {
		l := min(len(m.lines)-1, int(m.preview.GetScrollOffset()/pitch+0.5))
		for ; l >= 0 && top < 0; l-- {
			top = m.lines[l].para
		}
	}
	m.wrapPreview()
	if top > 0 {
		m.scrollToLine(m.paraLine[top])
	}
}

// previewLine is one display line of the preview; para is -1 for the blank
// line between two paragraphs.
type previewLine struct {
	text  string
	para  int
	stamp bool // a mark the saving prints (highlighted)
}

func (m *markScreen) newPreviewRow() fyne.CanvasObject {
	m.meter = meterFor(m.meter)
	return newTextCell(m.meter, m.preview.Theme().Size(theme.SizeNameInnerPadding), 0)
}

func (m *markScreen) updatePreviewRow(id widget.ListItemID, o fyne.CanvasObject) {
	c := cellOf(o)
	if id >= len(m.lines) {
		c.SetText("")
		return
	}
	ln := m.lines[id]
	c.SetText(ln.text)
	if ln.stamp {
		c.SetStyle(m.preview.Theme().Color(theme.ColorNamePrimary, fyne.CurrentApp().Settings().ThemeVariant()), true)
	} else if ln.para >= 0 && ln.para < len(m.marked) && m.marked[ln.para] {
		c.SetStyle(m.preview.Theme().Color(theme.ColorNameError, fyne.CurrentApp().Settings().ThemeVariant()), true)
	} else {
		c.SetStyle(nil, false)
	}
}

// linePitch is the distance between two preview lines.
func (m *markScreen) linePitch() float32 {
	if m.meter == nil {
		return 0
	}
	return m.meter.height + m.preview.Theme().Size(theme.SizeNamePadding)
}

// scrollToLine puts line l at the top of the preview, with a line of
// context above it.
func (m *markScreen) scrollToLine(l int) {
	m.preview.ScrollToOffset(float32(max(0, l-1)) * m.linePitch())
}

// widthWatch is a layout for one object that fills the box and tells
// changed(width) whenever the box is laid out at a new width.
type widthWatch func(width float32)

func (f widthWatch) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
	f(size.Width)
}

func (f widthWatch) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// showMarks shows in the preview the marks that saving the form as it is
// now would print (v is the engine's verdict, nil while the form cannot
// be asked yet). The preview is wrapped again only when they change.
func (m *markScreen) showMarks(req marker.Request, v *marker.Verdict) {
	var pv marker.Preview
	if m.cur != nil && v != nil {
		pv = marker.PreviewMarks(m.cur.analysis, m.cur.paras, req, *v)
	}
	key := fmt.Sprint(pv.SecrecyLine, "|", pv.SecrecyAfter, "|", pv.Note, "|", pv.NoteAfter, "|", pv.Removed)
	if key == m.marksKey {
		return
	}
	m.marks, m.marksKey = pv, key
	if m.cur != nil && m.meter != nil && !m.showing {
		m.rewrap()
	}
}
