package app

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

func testMeter(t *testing.T) *textMeter {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	return newTextMeter(14)
}

func TestWrapKeepsTextAndFitsWidth(t *testing.T) {
	m := testMeter(t)
	texts := []string{
		"",
		"联系人：王某某，身份证号110105194901010021，联系电话138 0013 8000。",
		"　　根据《中华人民共和国政府信息公开条例》（国务院令第711号），现将有关事项通知如下：一、二、三。",
		"The quick brown fox jumps over the lazy dog, again and again and again.",
		"第一行\n第二行比较长，需要折行才能放得下的内容。",
		"一个超长的编号ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJ结束",
	}
	for _, width := range []float32{3 * m.wide, 10 * m.wide, 25 * m.wide} {
		for _, s := range texts {
			var lines []string
			m.wrap(s, width, func(l string) { lines = append(lines, l) })
			strip := strings.NewReplacer(" ", "", "\n", "")
			if got, want := strip.Replace(strings.Join(lines, "")), strip.Replace(s); got != want {
				t.Errorf("width %v: lines %q lose text of %q", width, lines, s)
			}
			for i, l := range lines {
				w := float32(0)
				for _, r := range l {
					w += m.runeWidth(r)
				}
				if w > width && utf8.RuneCountInString(l) > 1 {
					t.Errorf("width %v: line %q is %v wide", width, l, w)
				}
				if r, _ := utf8.DecodeRuneInString(l); i > 0 && width > 3*m.wide && noLineStart(r) {
					t.Errorf("width %v: line %q starts with %q", width, l, r)
				}
			}
		}
	}
	var lines []string
	w := float32(0)
	for _, r := range "hello world f" {
		w += m.runeWidth(r)
	}
	m.wrap("hello world foo", w, func(l string) { lines = append(lines, l) })
	if strings.Join(lines, "|") != "hello world|foo" {
		t.Errorf("Latin words broken: %q", lines)
	}
}

func TestClipCutsAtCharacter(t *testing.T) {
	m := testMeter(t)
	if got := m.clip("公开属性助手", 3.5*m.wide); got != "公开属" {
		t.Errorf("clip = %q", got)
	}
	if got := m.clip("短", 10*m.wide); got != "短" {
		t.Errorf("clip = %q", got)
	}
}

// lineTexts returns the canvas.Text lines drawn for o.
func lineTexts(o fyne.CanvasObject) []*canvas.Text {
	var out []*canvas.Text
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *canvas.Text:
			out = append(out, v)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func TestPreviewWrapsToWidthAndShowsFinding(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(1200, 780))
	openDraft(t, u, "000-pii.docx")
	m := u.mark
	if m.wrapWidth <= 0 || len(m.lines) < len(m.cur.paras) {
		t.Fatalf("preview wrapped for width %v into %d lines for %d paragraphs", m.wrapWidth, len(m.lines), len(m.cur.paras))
	}
	wide := len(m.lines)

	m.findings.Select(0)
	f := m.cur.report.Findings[0]
	marked := 0
	for _, c := range lineTexts(m.preview) {
		if c.TextStyle.Bold {
			marked++
		}
	}
	if marked == 0 {
		t.Fatal("no highlighted line in view after selecting a finding")
	}
	for i, p := range m.cur.paras {
		if m.marked[i] != (p.Part == f.Part && p.Index == f.Para) {
			t.Fatalf("paragraph %d marked %v", i, m.marked[i])
		}
	}

	// A narrower window wraps into more lines (at once in tests).
	u.win.Resize(fyne.NewSize(800, 780))
	if len(m.lines) <= wide {
		t.Errorf("narrower preview has %d lines, wider had %d", len(m.lines), wide)
	}
}
