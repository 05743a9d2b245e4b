package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/clean"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/scan"
)

// draft is what the mark screen knows about the open draft. It is built off
// the UI thread by loadDraft and only read afterwards.
type draft struct {
	path     string
	analysis docx.Analysis
	record   *docx.Record
	report   scan.Report
	paras    []docx.Paragraph
}

// loadDraft reads and checks a draft; it touches no widget.
func loadDraft(path string) (*draft, error) {
	d, err := docx.Open(path)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	dr := &draft{path: path, analysis: d.Analyze(), record: d.Record(), report: scan.Check(d), paras: d.Paragraphs}
	if len(dr.paras) > maxPreview {
		dr.paras = dr.paras[:maxPreview]
	}
	return dr, nil
}

// maxPreview bounds the preview. The preview is virtual (only the lines in
// view have a widget), so the bound is only there to keep memory in check.
const maxPreview = 20000

// blocking lists the findings that stop any attribute but 不予公开 without
// an acknowledgement.
func (d *draft) blocking() []scan.Finding { return d.report.Blocking() }

// precheckDraft is what marker.Precheck reads of the draft, read once when
// it was opened.
func (d *draft) precheckDraft() marker.Draft {
	return marker.Draft{Analysis: d.analysis, Record: d.record, Report: d.report}
}

// markScreen is the 标注 tab.
type markScreen struct {
	u       *ui
	content fyne.CanvasObject
	cur     *draft

	fileLabel *widget.Label
	info      *widget.Label // title, date, marks, record
	findings  *widget.List
	suggest   *widget.Label
	useSugg   *widget.Button
	preview   *widget.List // one row per display line (previewLines)
	recent    *widget.Select

	// The preview's display lines: each paragraph wrapped to the list's
	// width by meter, a blank line between two paragraphs.
	meter     *textMeter
	lines     []previewLine
	paraLine  []int   // paragraph → its first line
	marked    []bool  // paragraph → highlighted (the selected finding's)
	wrapWidth float32 // the text width lines were wrapped for; 0 = a guess
	resizeGen int     // debounces re-wrapping while the width changes

	form       *markForm
	formScroll *container.Scroll // the form's pane above the footer

	// marks is what saving would print, shown in the preview; marksKey
	// tells when it changed.
	marks    marker.Preview
	marksKey string
	showing  bool // show is filling the screen: the preview is wrapped once, at its end

	// lastClean and lastCleanErr are the outcome of the last clean (tests).
	lastClean    *clean.FlowResult
	lastCleanErr error
}

func newMarkScreen(u *ui) *markScreen {
	m := &markScreen{u: u}
	m.fileLabel = widget.NewLabel(tr("拖入 .docx 文件或点“打开草稿…”"))
	m.fileLabel.Truncation = fyne.TextTruncateEllipsis
	m.info = widget.NewLabel("")
	m.info.Wrapping = fyne.TextWrapWord
	m.findings = widget.NewList(m.findingCount, func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}, m.updateFinding)
	m.findings.OnSelected = m.showFinding
	m.suggest = widget.NewLabel("")
	m.suggest.Wrapping = fyne.TextWrapWord
	m.useSugg = widget.NewButton(tr("采用建议"), m.applySuggestion)
	m.useSugg.Disable()
	m.preview = widget.NewList(func() int { return len(m.lines) }, m.newPreviewRow, m.updatePreviewRow)
	m.preview.HideSeparators = true
	m.preview.OnSelected = func(widget.ListItemID) { m.preview.UnselectAll() } // read-only
	m.recent = newSelect(nil, func(p string) {
		if p != "" {
			m.recent.ClearSelected()
			m.u.openRecent(p)
		}
	})
	m.recent.PlaceHolder = tr("最近打开")
	m.refreshRecent()
	m.form = newMarkForm(m)

	openBtn := widget.NewButton(tr("打开草稿…"), m.showOpenDialog)
	cleanBtn := widget.NewButton(tr("清理隐藏信息…"), m.cleanHidden)
	top := container.NewBorder(nil, nil, openBtn,
		container.NewHBox(cleanBtn, container.NewGridWrap(fyne.NewSize(260, 36), m.recent)), m.fileLabel)
	left := container.NewVSplit(
		container.NewBorder(container.NewVBox(m.info, widget.NewSeparator(), widget.NewLabel("检查发现（点选可在预览中定位）：")), nil, nil, nil, m.findings),
		container.NewBorder(widget.NewLabel("正文预览（只读）："), nil, nil, nil,
			&fyne.Container{Layout: widthWatch(m.previewResized), Objects: []fyne.CanvasObject{m.preview}}))
	left.Offset = 0.45
	m.formScroll = container.NewVScroll(container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabelWithStyle("建议", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), m.useSugg),
		m.suggest, widget.NewSeparator(), m.form.content))
	right := container.NewBorder(nil, m.form.footer, nil, nil, m.formScroll)
	m.form.pane = right
	split := container.NewHSplit(left, right)
	split.Offset = 0.4 // the form's text wraps less, so it fits a 768-pixel screen
	m.content = container.NewBorder(top, nil, nil, nil, split)
	return m
}

func (m *markScreen) refreshRecent() {
	m.recent.Options = append([]string(nil), m.u.set.RecentFile...)
	m.recent.Refresh()
}

// showOpenDialog is the file-dialog door into ui.open.
func (m *markScreen) showOpenDialog() {
	dir := ""
	if m.cur != nil {
		dir = filepath.Dir(m.cur.path)
	}
	m.u.fileDialog(dir, []string{".docx", ".docm", ".dotx", ".dotm"}, m.u.open)
}

// open reads path off the UI thread and then shows it; errors (a legacy
// .doc, an encrypted file, a damaged package) come as the engine's Chinese
// message in a dialog.
func (m *markScreen) open(path string) {
	var (
		d   *draft
		err error
	)
	m.fileLabel.SetText("正在读取 " + filepath.Base(path) + " …")
	m.u.background(func() { d, err = loadDraft(path) }, func() {
		if err != nil {
			m.fileLabel.SetText(tr("拖入 .docx 文件或点“打开草稿…”"))
			if m.cur != nil {
				m.fileLabel.SetText(m.cur.path)
			}
			m.u.showErr(err)
			return
		}
		m.show(d)
		m.u.rememberRecent(path)
		m.refreshRecent()
	})
}

// show puts a loaded draft on the screen and resets the form to what the
// draft already carries. The findings come first, the preview last.
func (m *markScreen) show(d *draft) {
	m.cur = d
	m.findings.UnselectAll()
	m.findings.Refresh()
	m.findings.ScrollToOffset(0)
	m.fileLabel.SetText(d.path)
	m.info.SetText(describe(d))
	s := d.report.Suggestion
	if a, ok := attr.Lookup(s.Attribute); ok {
		text := m.suggestionHead(s, a.Zh)
		if s.Basis != "" {
			text += "，依据 " + s.Basis
		}
		if len(s.Reasons) > 0 {
			text += "：\n•" + strings.Join(s.Reasons, "\n•")
		}
		m.suggest.SetText(text)
		m.useSugg.Enable()
	} else {
		m.suggest.SetText("无建议")
		m.useSugg.Disable()
	}
	m.showing = true
	m.form.reset(d)
	m.showing = false
	m.fillPreview()
}

// describe writes what the draft already carries, for people.
func describe(d *draft) string {
	a := d.analysis
	var b strings.Builder
	line := func(k, v string) { fmt.Fprintf(&b, "%s：%s\n", k, v) }
	if a.Title != nil {
		line("标题", a.Title.Text)
	} else {
		line("标题", "（未识别）")
	}
	switch {
	case a.Date == nil:
		line("成文日期", "（未找到）")
	case a.DatePlaceholder:
		line("成文日期", a.Date.Text+"（占位，签发后补全）")
	default:
		line("成文日期", a.Date.Text)
	}
	secrecy := "无"
	if a.Secrecy != nil {
		secrecy = a.SecrecyText
		if a.SecrecyInHeader {
			secrecy += "（在页眉中）"
		}
	} else if a.Declassified != nil {
		secrecy = docx.Compact(a.Declassified.Text) + "（已解密，请重新认定公开属性）"
	}
	line("密级标志", secrecy)
	note := "无"
	if a.NoteText != "" {
		note = a.NoteText
	}
	line("公开属性标注", note)
	if r := d.record; r != nil {
		name := r.Attribute
		if at, ok := attr.Lookup(r.Attribute); ok {
			name = at.Zh
		}
		line("已存记录", fmt.Sprintf("%s，%s 由 %s 标注（文档编号 %s）", name, r.MarkedAt, r.MarkedBy, r.DocID))
	} else {
		line("已存记录", "无（尚未用 docattr 标注）")
	}
	fmt.Fprintf(&b, "检查发现 %d 处，其中 %d 处须处理", len(d.report.Findings), len(d.blocking()))
	return b.String()
}

// applySuggestion is the one-click "采用建议".
func (m *markScreen) applySuggestion() {
	if m.cur == nil {
		return
	}
	s := m.cur.report.Suggestion
	if t := m.redactTarget(s); t != "" { // 遮盖后主动公开: the save masks first
		s.Attribute = t
		m.form.red.set(s.Redact)
	}
	m.form.setAttribute(s.Attribute)
	if s.Basis != "" {
		m.form.basis.SetSelected(s.Basis)
	}
	if strings.TrimSpace(m.form.reason.Text) == "" && len(s.Reasons) > 0 && m.form.needsReason() {
		m.form.reason.SetText(s.Reasons[0])
	}
}
