package app

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/attr"
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
	pane    *fyne.Container   // the pane holding content and footer (set by the screen)
	attrs   []attr.Attribute  // on offer, from the settings' extras

	attribute *widget.RadioGroup
	basisPick *basisPicker // basis and basisHelp
	basis     *widget.Select
	basisHelp *widget.Label
	reason    *keyEntry
	reasons   *widget.Select // ready-made reasons of the chosen basis
	secrecy   *widget.Select
	period    *keyEntry
	classify  *classifyFields // the 定密 record
	embed     *embedInterp    // 随文件附带解读材料
	policy    *widget.Check
	interp    *keyEntry
	// interpName and interpSum are the 解读材料 chosen with the dialog and
	// its SHA-256, recorded while the entry still names that file.
	interpName, interpSum string
	docType               *widget.Select // the settings' document types; "" for none
	ack                   *keyEntry
	ackBox                *fyne.Container
	problems              *widget.Label
	notes                 *widget.Label // the verdict's warnings
	saveBtn               *widget.Button
	busy                  *widget.ProgressBarInfinite

	// last is the outcome of the last marking (tests read it).
	last *marker.Result

	red *redactPart // 遮盖 (mark_redact.go)
}

func newMarkForm(m *markScreen) *markForm {
	f := &markForm{m: m, attrs: attr.Attributes(m.u.set.Extras)}
	var names []string
	for _, a := range f.attrs {
		names = append(names, a.Zh)
	}
	f.attribute = widget.NewRadioGroup(names, func(string) { f.attributeChanged() })
	f.attribute.Horizontal = true
	f.basisPick = newBasisPicker()
	f.basisPick.changed = f.basisChanged
	f.basis, f.basisHelp = f.basisPick.sel, f.basisPick.help
	f.reason = newKeyMultiLineEntry(m.u)
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
	f.period = newKeyEntry(m.u)
	f.period.SetPlaceHolder("留空为法定最长期限；如 5年、2028年12月31日")
	f.period.OnChanged = func(string) { f.validate() }
	f.interp = newKeyEntry(m.u)
	f.interp.SetPlaceHolder("解读材料文件名")
	f.interp.OnChanged = func(string) { f.validate() }
	f.policy = widget.NewCheck("政策性文件（主动公开须附解读材料）", func(bool) { f.validate() })
	f.docType = newSelect(m.u.set.Types(), func(string) { f.validate() })
	f.docType.PlaceHolder = "文件类型（可不选）"
	f.ack = newKeyMultiLineEntry(m.u)
	f.ack.SetMinRowsVisible(2)
	f.ack.SetPlaceHolder("已核对上述须处理的内容，确认仍按所选属性标注的理由")
	f.ack.OnChanged = func(string) { f.validate() }
	f.ackBox = container.NewBorder(nil, nil, widget.NewLabelWithStyle("确认说明", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, f.ack)
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

	f.red = newRedactPart(f)
	f.classify = newClassifyFields(func() { f.validate() })
	f.embed = newEmbedInterp(f)
	interpBtn := widget.NewButton("选择…", f.pickInterpretation)
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	// Labels beside the fields, not above them: on a 1366×768 screen the
	// whole form then shows without scrolling.
	f.content = container.New(layout.NewFormLayout(),
		bold("公开属性"), container.NewVBox(f.attribute, f.red.box),
		bold("法律依据"), f.basisPick.content,
		bold("理由"), container.NewBorder(nil, nil, nil, f.reasons, f.reason),
		bold("密级、期限"), container.NewVBox(leftThenCenter(container.NewGridWrap(fyne.NewSize(110, 36), f.secrecy), f.period), f.classify.box),
		bold("文件类型"), container.NewHBox(f.docType, f.policy),
		bold("解读材料"), container.NewBorder(nil, nil, nil, container.NewHBox(f.embed.check, interpBtn), f.interp),
	)
	// The acknowledgement sits with the red hint that asks for it, in the
	// footer that never scrolls away.
	f.footer = container.NewVBox(widget.NewSeparator(), f.problems, f.ackBox, f.notes, f.busy, f.saveBtn)
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
	f.classify.reset(d.record)
	f.reason.SetText("")
	f.ack.SetText("")
	f.policy.SetChecked(false)
	f.docType.ClearSelected()
	if d.record != nil && d.record.DocType != "" {
		f.docType.SetSelected(d.record.DocType)
	}
	f.interp.SetText("")
	f.last = nil
	f.red.reset()
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
func (f *markForm) attributeChanged() { f.basisPick.offer(f.attributeID()) }

func (f *markForm) basisChanged() {
	if f.reasons == nil {
		return // still being built
	}
	f.reasons.Options = nil
	if b, ok := attr.LookupBasis(f.basis.Selected); ok {
		f.reasons.Options = b.Reasons
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
		InterpretationSHA256: f.interpretationSum(), DocType: f.docType.Selected, Classification: f.classify.value(),
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
	f.embed.path = path
	f.embed.load(f)
	f.interp.SetText(f.interpName)
	return nil
}

// request is the form as the engine's marking request. The form always
// holds a secrecy level; the engine reads setting the level the draft
// already prints as keeping it, as it does for the CLI without --secrecy.
func (f *markForm) request() marker.Request {
	return marker.Request{
		Decision: f.decision(), SecrecySet: true, Style: f.m.u.set.Style, Print: f.m.u.set.Print, Extras: f.m.u.set.Extras, Machine: f.m.u.set.Machine, DocTypes: f.m.u.set.DocTypes,
		AcceptFindings: strings.TrimSpace(f.ack.Text), Actor: f.m.u.actor(), Redact: f.red.kinds, InterpretationData: f.embed.forRequest(f),
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
	if f.saveBtn == nil || f.red == nil || f.classify == nil {
		return // still being built
	}
	// The 定密 record is asked for only while a level is chosen.
	if lvl := f.secrecy.Selected; lvl == "" || lvl == "无" {
		f.classify.box.Hide()
	} else {
		f.classify.box.Show()
	}
	probs, v := f.problemsNow()
	if need := v != nil && v.NeedsAck; need != f.ackBox.Visible() {
		if need {
			f.ackBox.Show()
		} else {
			f.ackBox.Hide()
		}
		if f.pane != nil {
			f.pane.Refresh() // the footer's height changed: lay the pane out again
		}
	}
	f.m.showMarks(f.request(), v)
	f.notes.SetText("")
	if v != nil && len(v.Warnings) > 0 {
		f.notes.SetText("请注意：\n•" + strings.Join(v.Warnings, "\n•"))
	}
	if show := f.notes.Text != ""; show != f.notes.Visible() {
		// An empty line would take a row the form needs on a small screen.
		if show {
			f.notes.Show()
		} else {
			f.notes.Hide()
		}
		if f.pane != nil {
			f.pane.Refresh()
		}
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
	f.m.u.fileDialog("", nil, func(path string) {
		if err := f.chooseInterpretation(path); err != nil {
			f.m.u.showErr(err)
		}
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// leftThenCenter is container.NewBorder(nil, nil, left, nil, center) with
// left first among the objects, so that Tab visits it first, as it reads.
func leftThenCenter(left, center fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewBorderLayout(nil, nil, left, nil), left, center)
}
