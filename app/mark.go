package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/clean"
	"github.com/docattr/docattr/internal/docx"
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

	form *markForm

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
	m.recent = widget.NewSelect(nil, func(p string) {
		if p != "" {
			m.recent.ClearSelected()
			m.u.open(p)
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
	right := container.NewBorder(nil, m.form.footer, nil, nil, container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("建议", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		m.suggest, m.useSugg, widget.NewSeparator(), m.form.content)))
	split := container.NewHSplit(left, right)
	split.Offset = 0.5
	m.content = container.NewBorder(top, nil, nil, nil, split)
	return m
}

func (m *markScreen) refreshRecent() {
	m.recent.Options = append([]string(nil), m.u.set.RecentFile...)
	m.recent.Refresh()
}

// showOpenDialog is the file-dialog door into ui.open.
func (m *markScreen) showOpenDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			m.u.showErr(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		r.Close()
		m.u.open(r.URI().Path())
	}, m.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".docx", ".docm", ".dotx", ".dotm"}))
	if m.cur != nil {
		d.SetLocation(dirLister(filepath.Dir(m.cur.path)))
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
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
		text := "建议标注为“" + a.Zh + "”"
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
	m.form.reset(d)
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

func (m *markScreen) findingCount() int {
	if m.cur == nil {
		return 0
	}
	return len(m.cur.report.Findings)
}

var severityNames = map[scan.Severity]string{scan.Block: "【须处理】", scan.Warn: "【注意】", scan.Info: "【提示】"}

var kindNames = map[string]string{
	scan.KindIDCard: "身份证号", scan.KindMobile: "手机号码", scan.KindBankCard: "银行卡号",
	scan.KindSecrecyMark: "密级标志", scan.KindProcessMarker: "过程稿标识", scan.KindRestrictionNote: "限制传播标注", scan.KindWorkSecret: "工作秘密",
	scan.KindHiddenComment: "批注", scan.KindTrackedChange: "修订痕迹", scan.KindHiddenText: "隐藏文字",
	scan.KindAuthorMetadata: "作者信息", scan.KindEmbeddedObject: "嵌入对象", scan.KindConflict: "标注矛盾",
}

// findingText is one line of the findings list; the excerpt comes masked
// from the engine.
func findingText(f scan.Finding) string {
	kind := kindNames[f.Kind]
	if kind == "" {
		kind = f.Kind
	}
	s := severityNames[f.Severity] + kind + "  " + f.Location + "：" + f.Excerpt
	if f.Message != "" {
		s += "（" + f.Message + "）"
	}
	return s
}

func (m *markScreen) updateFinding(id widget.ListItemID, o fyne.CanvasObject) {
	if m.cur == nil || id >= len(m.cur.report.Findings) {
		return
	}
	f := m.cur.report.Findings[id]
	l := o.(*widget.Label)
	text, imp := findingText(f), widget.MediumImportance
	switch f.Severity {
	case scan.Block:
		imp = widget.DangerImportance
	case scan.Warn:
		imp = widget.WarningImportance
	}
	// One refresh, and none for a row that shows the same already: each
	// shapes the text again for the ellipsis.
	if l.Text != text || l.Importance != imp {
		l.Text, l.Importance = text, imp
		l.Refresh()
	}
}

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
		for i := range m.cur.paras {
			if i > 0 {
				m.lines = append(m.lines, previewLine{para: -1})
			}
			m.paraLine[i] = len(m.lines)
			m.meter.wrap(m.previewText(i), width, func(s string) {
				m.lines = append(m.lines, previewLine{text: s, para: i})
			})
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
	text string
	para int
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
	if ln.para >= 0 && ln.para < len(m.marked) && m.marked[ln.para] {
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

// showFinding scrolls the preview to the finding's paragraph and marks it.
func (m *markScreen) showFinding(id widget.ListItemID) {
	if m.cur == nil || id >= len(m.cur.report.Findings) {
		return
	}
	f := m.cur.report.Findings[id]
	target := -1
	for i, p := range m.cur.paras {
		hit := p.Part == f.Part && p.Index == f.Para
		if hit && target < 0 {
			target = i
		}
		m.marked[i] = hit
	}
	m.preview.Refresh()
	if target >= 0 {
		m.scrollToLine(m.paraLine[target])
	}
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

// applySuggestion is the one-click "采用建议".
func (m *markScreen) applySuggestion() {
	if m.cur == nil {
		return
	}
	s := m.cur.report.Suggestion
	m.form.setAttribute(s.Attribute)
	if s.Basis != "" {
		m.form.basis.SetSelected(s.Basis)
	}
	if strings.TrimSpace(m.form.reason.Text) == "" && len(s.Reasons) > 0 && m.form.needsReason() {
		m.form.reason.SetText(s.Reasons[0])
	}
}

// cleanHidden is 清理隐藏信息: choose what to remove, where to save (never
// over the draft), then clean.Run does the whole flow with its audit event.
func (m *markScreen) cleanHidden() {
	if m.cur == nil {
		m.u.showText(tr("清理隐藏信息…"), "请先打开一份草稿。")
		return
	}
	boxes := []*widget.Check{widget.NewCheck("批注", nil), widget.NewCheck("作者信息", nil),
		widget.NewCheck("隐藏文字", nil), widget.NewCheck("接受修订（并关闭修订跟踪）", nil)}
	for _, b := range boxes {
		b.SetChecked(true)
	}
	body := container.NewVBox(widget.NewLabel("要从副本中删除的内容（原文件不会被修改）："), boxes[0], boxes[1], boxes[2], boxes[3])
	d := dialog.NewCustomConfirm(tr("清理隐藏信息…"), "继续", tr("取消"), body, func(ok bool) {
		opts := clean.Options{Comments: boxes[0].Checked, Metadata: boxes[1].Checked, HiddenText: boxes[2].Checked, AcceptChanges: boxes[3].Checked}
		if !ok {
			return
		}
		if !opts.Comments && !opts.Metadata && !opts.HiddenText && !opts.AcceptChanges {
			m.u.showText(tr("清理隐藏信息…"), "未选择要删除的内容，没有清理。")
			return
		}
		in := m.cur.path
		def := strings.TrimSuffix(in, filepath.Ext(in)) + "-已清理" + filepath.Ext(in)
		m.u.askSavePath(tr("清理隐藏信息…"), def, func(out string) { m.cleanTo(out, opts) })
	}, m.u.win)
	d.Show()
}

// cleanTo runs clean.Run off the UI thread and offers to open the result.
func (m *markScreen) cleanTo(out string, opts clean.Options) {
	in := m.cur.path
	opts.Overwrite = true // askSavePath asked before replacing a file
	var (
		res clean.FlowResult
		err error
	)
	m.u.background(func() {
		err = m.u.withLog(func(l *audit.Log) error {
			var e error
			res, e = clean.Run(l, in, out, opts, m.u.actor(), "")
			return e
		})
	}, func() {
		m.lastClean, m.lastCleanErr = &res, err
		if err != nil {
			m.u.showErr(err)
			return
		}
		text := fmt.Sprintf("已清除：批注 %d 条，修订 %d 处，隐藏文字 %d 处，文档属性 %d 项。\n已保存为：\n%s\n\n审计日志第 %d 条事件。\n要在“标注”页打开清理后的文件吗？",
			res.Comments, res.ChangesAccepted, res.HiddenRuns, len(res.Metadata), res.Output, res.Event.Seq)
		dialog.ShowConfirm(tr("完成"), text, func(yes bool) {
			if yes {
				m.u.open(res.Output)
			}
		}, m.u.win)
	})
}
