package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/msg"
)

var levelOptions = []string{"无", "秘密", "机密", "绝密"}

// markForm is the decision half of the 标注 tab. It asks marker.Precheck on
// every change, so the window and the command line accept and refuse the
// same requests with the same words.
type markForm struct {
	m       *markScreen
	content fyne.CanvasObject // the fields, in the scrolling pane
	footer  fyne.CanvasObject // what is missing and the button, always in view
	attrs   []attr.Attribute  // on offer, from the settings' extras

	attribute *widget.RadioGroup
	basis     *widget.Select
	basisHelp *widget.Label
	reason    *widget.Entry
	reasons   *widget.Select // ready-made reasons of the chosen basis
	secrecy   *widget.Select
	period    *widget.Entry
	policy    *widget.Check
	interp    *widget.Entry
	// interpName and interpSum are the 解读材料 chosen with the dialog and
	// its SHA-256, recorded while the entry still names that file.
	interpName, interpSum string
	docType               *widget.Select // the settings' document types; "" for none
	ack                   *widget.Entry
	ackBox                *fyne.Container
	problems              *widget.Label
	notes                 *widget.Label // the verdict's warnings
	saveBtn               *widget.Button
	busy                  *widget.ProgressBarInfinite

	// last is the outcome of the last marking (tests read it).
	last *marker.Result
}

func newMarkForm(m *markScreen) *markForm {
	f := &markForm{m: m, attrs: attr.Attributes(m.u.set.Extras)}
	var names []string
	for _, a := range f.attrs {
		names = append(names, a.Zh)
	}
	f.attribute = widget.NewRadioGroup(names, func(string) { f.attributeChanged() })
	f.attribute.Horizontal = true
	f.basis = newSelect(nil, func(string) { f.basisChanged() })
	f.basis.PlaceHolder = "（选择法律依据）"
	f.basisHelp = widget.NewLabel("")
	f.basisHelp.Wrapping = fyne.TextWrapWord
	f.basisHelp.TextStyle.Italic = true
	f.reason = widget.NewMultiLineEntry()
	f.reason.SetMinRowsVisible(2)
	f.reason.Wrapping = fyne.TextWrapWord
	f.reason.SetPlaceHolder("说明理由（可粘贴，或从右侧选用常用理由）")
	f.reason.OnChanged = func(string) { f.validate() }
	f.reasons = newSelect(nil, func(s string) {
		if s != "" {
			f.reason.SetText(s)
			f.reasons.ClearSelected()
		}
	})
	f.reasons.PlaceHolder = "常用理由"
	f.secrecy = newSelect(levelOptions, func(string) { f.validate() })
	f.period = widget.NewEntry()
	f.period.SetPlaceHolder("留空为法定最长期限；如 5年、2028年12月31日")
	f.period.OnChanged = func(string) { f.validate() }
	f.interp = widget.NewEntry()
	f.interp.SetPlaceHolder("解读材料文件名")
	f.interp.OnChanged = func(string) { f.validate() }
	f.policy = widget.NewCheck("政策性文件（主动公开须附解读材料）", func(bool) { f.validate() })
	f.docType = newSelect(m.u.set.Types(), func(string) { f.validate() })
	f.docType.PlaceHolder = "文件类型（可不选）"
	f.ack = widget.NewMultiLineEntry()
	f.ack.SetMinRowsVisible(2)
	f.ack.SetPlaceHolder("已核对上述须处理的内容，确认仍按所选属性标注的理由")
	f.ack.OnChanged = func(string) { f.validate() }
	f.ackBox = container.NewVBox(widget.NewLabelWithStyle("确认说明（存在须处理的检查发现）", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), f.ack)
	f.ackBox.Hide()
	f.problems = widget.NewLabel("")
	f.problems.Wrapping = fyne.TextWrapWord
	f.problems.Importance = widget.DangerImportance
	f.notes = widget.NewLabel("")
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.Importance = widget.WarningImportance
	f.saveBtn = widget.NewButton(tr("标注并保存")+"（Ctrl+S）", m.save)
	f.saveBtn.Importance = widget.HighImportance
	f.busy = widget.NewProgressBarInfinite()
	f.busy.Stop()
	f.busy.Hide()

	interpBtn := widget.NewButton("选择…", f.pickInterpretation)
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	f.content = container.NewVBox(
		bold("公开属性"), f.attribute,
		bold("法律依据"), f.basis, f.basisHelp,
		bold("理由"), container.NewBorder(nil, nil, nil, f.reasons, f.reason),
		bold("密级和保密期限"), container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(110, 36), f.secrecy), nil, f.period),
		container.NewHBox(f.docType, f.policy), container.NewBorder(nil, nil, nil, interpBtn, f.interp),
		f.ackBox)
	f.footer = container.NewVBox(widget.NewSeparator(), f.problems, f.notes, f.busy, f.saveBtn)
	f.validate()
	return f
}

// reset fills the form from what a newly opened draft carries.
func (f *markForm) reset(d *draft) {
	f.attribute.SetSelected("")
	if d.record != nil {
		f.setAttribute(d.record.Attribute)
	}
	level, period := attr.ParseSecrecyLine(d.analysis.SecrecyText)
	if level == "" {
		level = "无"
	}
	f.secrecy.SetSelected(level)
	f.period.SetText(period)
	f.reason.SetText("")
	f.ack.SetText("")
	f.policy.SetChecked(false)
	f.docType.ClearSelected()
	if d.record != nil && d.record.DocType != "" {
		f.docType.SetSelected(d.record.DocType)
	}
	f.interp.SetText("")
	f.last = nil
	f.validate()
}

func (f *markForm) setAttribute(id string) {
	for _, a := range f.attrs {
		if a.ID == id {
			f.attribute.SetSelected(a.Zh)
		}
	}
}

func (f *markForm) attributeID() string {
	for _, a := range f.attrs {
		if a.Zh == f.attribute.Selected {
			return a.ID
		}
	}
	return ""
}

// attributeChanged offers only the bases that support the attribute.
func (f *markForm) attributeChanged() {
	var ids []string
	for _, b := range attr.BasesFor(f.attributeID()) {
		ids = append(ids, b.ID)
	}
	f.basis.Options = ids
	if !contains(ids, f.basis.Selected) {
		f.basis.ClearSelected()
	}
	f.basis.Refresh()
	f.basisChanged()
}

func (f *markForm) basisChanged() {
	b, ok := attr.LookupBasis(f.basis.Selected)
	if ok {
		f.basisHelp.SetText(b.Ground + "。" + b.Article)
		f.reasons.Options = b.Reasons
	} else {
		f.basisHelp.SetText("")
		f.reasons.Options = nil
	}
	f.reasons.Refresh()
	f.validate()
}

func (f *markForm) needsReason() bool {
	a, ok := attr.Lookup(f.attributeID())
	return ok && a.NeedsBasis
}

func (f *markForm) decision() attr.Decision {
	level, _ := attr.ParseLevel(f.secrecy.Selected)
	return attr.Decision{
		Attribute: f.attributeID(), Basis: f.basis.Selected, Reason: strings.TrimSpace(f.reason.Text),
		Secrecy: level, Period: strings.TrimSpace(f.period.Text),
		PolicyDoc: f.policy.Checked || f.docType.Selected == attr.TypePolicy, Interpretation: strings.TrimSpace(f.interp.Text),
		InterpretationSHA256: f.interpretationSum(), DocType: f.docType.Selected,
	}
}

func (f *markForm) interpretationSum() string {
	if f.interpName != "" && strings.TrimSpace(f.interp.Text) == f.interpName {
		return f.interpSum
	}
	return ""
}

// chooseInterpretation records the 解读材料 at path: its name in the entry
// and its SHA-256 for the record.
func (f *markForm) chooseInterpretation(path string) error {
	sum, err := marker.HashFile(path)
	if err != nil {
		return err
	}
	f.interpName, f.interpSum = filepath.Base(path), sum
	f.interp.SetText(f.interpName)
	return nil
}

// request is the form as the engine's marking request. The form always
// holds a secrecy level; the engine reads setting the level the draft
// already prints as keeping it, as it does for the CLI without --secrecy.
func (f *markForm) request() marker.Request {
	return marker.Request{
		Decision: f.decision(), SecrecySet: true, Style: f.m.u.set.Style, Print: f.m.u.set.Print, Extras: f.m.u.set.Extras, Machine: f.m.u.set.Machine, DocTypes: f.m.u.set.DocTypes,
		AcceptFindings: strings.TrimSpace(f.ack.Text), Actor: f.m.u.actor(),
	}
}

// verdict asks the engine what marking the open draft with the form's
// request would do: the same answer marker.Mark acts on.
func (f *markForm) verdict() marker.Verdict {
	return marker.Precheck(f.m.cur.precheckDraft(), f.request())
}

// problemsNow lists in plain Chinese what stops the marking right now: the
// form's own gaps first, then the engine's refusals. v is the engine's
// verdict once the form is complete enough to ask, else nil.
func (f *markForm) problemsNow() (problems []string, v *marker.Verdict) {
	if f.m.cur == nil {
		return []string{"请先打开一份草稿"}, nil
	}
	if f.attributeID() == "" {
		return []string{"请选择公开属性"}, nil
	}
	verdict := f.verdict()
	for _, p := range verdict.Problems {
		problems = append(problems, msg.Zh(p))
	}
	return problems, &verdict
}

// validate shows what is missing and enables the button only when nothing
// is; what to check afterwards is shown below, from the same verdict.
func (f *markForm) validate() {
	if f.saveBtn == nil {
		return // still being built
	}
	probs, v := f.problemsNow()
	if v != nil && v.NeedsAck {
		f.ackBox.Show()
	} else {
		f.ackBox.Hide()
	}
	f.notes.SetText("")
	if v != nil && len(v.Warnings) > 0 {
		f.notes.SetText("请注意：\n•" + strings.Join(v.Warnings, "\n•"))
	}
	if len(probs) == 0 {
		f.problems.SetText("")
		f.saveBtn.Enable()
		return
	}
	f.problems.SetText("•" + strings.Join(probs, "\n•"))
	f.saveBtn.Disable()
}

func (f *markForm) pickInterpretation() {
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		if err := f.chooseInterpretation(r.URI().Path()); err != nil {
			dialog.ShowError(err, f.m.u.win)
		}
	}, f.m.u.win)
}

// save asks where to put the marked copy — by default beside the original
// with the 已标注 suffix, never over it — and marks.
func (m *markScreen) save() {
	if m.cur == nil || m.form.saveBtn.Disabled() {
		return
	}
	def := marker.DefaultOutput(m.cur.path, m.u.set.OutputDir)
	m.u.askSavePath(tr("标注并保存"), def, m.markTo)
}

// markTo runs the marking flow (check → stamp → audit event → rename) off
// the UI thread; the output appears only if every step succeeded.
func (m *markScreen) markTo(out string) {
	f := m.form
	req := f.request()
	req.Overwrite = true // askSavePath asked before replacing a file
	job := marker.Job{Input: m.cur.path, Output: out}
	var res marker.Result
	f.saveBtn.Disable()
	f.busy.Show()
	f.busy.Start()
	m.u.background(func() {
		err := m.u.withLog(func(l *audit.Log) error {
			res = marker.Mark(l, []marker.Job{job}, req, nil)[0]
			return nil
		})
		if err != nil {
			res = marker.Result{Job: job, Err: err}
		}
	}, func() {
		f.busy.Stop()
		f.busy.Hide()
		f.last = &res
		f.validate()
		if res.Err != nil {
			m.u.showErr(res.Err)
			return
		}
		m.showResult(res)
	})
}

func (m *markScreen) showResult(res marker.Result) {
	text := fmt.Sprintf("已标注并保存：\n%s\n\n审计日志第 %d 条事件，文档编号 %s", res.Output, res.Event.Seq, res.Record.DocID)
	if len(res.Warnings) > 0 {
		text += "\n\n请注意：\n•" + strings.Join(res.Warnings, "\n•")
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	folder := widget.NewButton(tr("打开所在文件夹"), func() { openFolder(filepath.Dir(res.Output)) })
	d := dialog.NewCustom(tr("完成"), "好", container.NewBorder(nil, folder, nil, nil, l), m.u.win)
	d.Resize(fyne.NewSize(600, 320))
	d.Show()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
