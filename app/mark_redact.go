package app

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/redact"
	"github.com/docattr/docattr/internal/scan"
)

// redactPart is the 遮盖 part of the 标注 form: the kinds of personal
// numbers the next 标注并保存 masks first (遮盖后主动公开: one save masks,
// marks and publishes a copy, the draft stays as it is), and 遮盖…, which
// saves a masked copy of the finding picked in the list or of its kind.
type redactPart struct {
	f      *markForm
	kinds  []string      // masked by the next save (nil: none)
	picked *scan.Finding // the finding selected in the list
	note   *widget.Label
	undo   *widget.Button
	act    *widget.Button
	box    *fyne.Container

	// last and lastErr are the outcome of the last 遮盖… (tests read them).
	last    *redact.FlowResult
	lastErr error
}

func newRedactPart(f *markForm) *redactPart {
	r := &redactPart{f: f}
	r.note = widget.NewLabel("")
	r.note.Wrapping = fyne.TextWrapWord
	r.note.Importance = widget.SuccessImportance
	r.undo = widget.NewButton("不遮盖", func() { r.set(nil) })
	r.act = widget.NewButton("遮盖所选号码…", r.ask)
	r.box = container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(r.undo, r.act), r.note))
	r.set(nil)
	return r
}

// set chooses the kinds the next save masks first.
func (r *redactPart) set(kinds []string) {
	r.kinds = kinds
	if len(kinds) == 0 {
		r.note.SetText("")
		r.undo.Hide()
	} else {
		r.note.SetText("保存时先遮盖" + kindNames(kinds) + "（原文件不变）")
		r.undo.Show()
	}
	r.showBox()
	r.f.validate()
}

// showBox shows the row only while it has something to say or offer: the
// form must fit a 1366×768 screen.
func (r *redactPart) showBox() {
	if len(r.kinds) > 0 || r.picked != nil {
		r.box.Show()
	} else {
		r.box.Hide()
	}
}

// reset forgets the kinds and the pick when another draft opens.
func (r *redactPart) reset() {
	r.picked = nil
	r.act.Disable()
	r.set(nil)
}

// pick is told of the finding selected in the list.
func (r *redactPart) pick(f scan.Finding) {
	if slices.Contains(redact.Kinds, f.Kind) && !f.InEmbedded() {
		r.picked = &f
		r.act.Enable()
		r.showBox()
		return
	}
	r.picked = nil
	r.act.Disable()
	r.showBox()
}

func kindNames(kinds []string) string {
	var zh []string
	for _, k := range kinds {
		z, _ := scan.KindLabel(k)
		zh = append(zh, z)
	}
	return strings.Join(zh, "、")
}

// ask offers to mask the picked number alone or every number of its kind,
// then where to save the masked copy.
func (r *redactPart) ask() {
	m := r.f.m
	if m.cur == nil || r.picked == nil {
		return
	}
	p := *r.picked
	kind, _ := scan.KindLabel(p.Kind)
	choice := widget.NewRadioGroup([]string{"仅此一处（" + p.Location + "：" + p.Excerpt + "）", "全部" + kind}, nil)
	choice.SetSelected(choice.Options[0])
	body := container.NewVBox(widget.NewLabel("遮盖后另存副本（原文件不会被修改）："), choice)
	d := dialog.NewCustomConfirm("遮盖", "继续", tr("取消"), body, func(ok bool) {
		if !ok {
			return
		}
		opts := redact.Options{Kinds: []string{p.Kind}}
		if choice.Selected == choice.Options[0] {
			opts.Only = []scan.Finding{p}
		}
		in := m.cur.path
		def := strings.TrimSuffix(in, filepath.Ext(in)) + "-已遮盖" + filepath.Ext(in)
		m.u.askSavePath("遮盖", def, func(out string) { r.redactTo(out, opts) })
	}, m.u.win)
	m.u.keyedConfirm(d)
	d.Show()
}

// redactTo runs redact.Run off the UI thread and offers to open the copy.
func (r *redactPart) redactTo(out string, opts redact.Options) {
	m := r.f.m
	in := m.cur.path
	opts.Overwrite = true // askSavePath asked before replacing a file
	var (
		res redact.FlowResult
		err error
	)
	m.u.background(func() {
		err = m.u.withLog(func(l *audit.Log) error {
			var e error
			res, e = redact.Run(l, in, out, opts, m.u.actor(), "")
			return e
		})
	}, func() {
		r.last, r.lastErr = &res, err
		if err != nil {
			m.u.showErr(err)
			return
		}
		text := fmt.Sprintf("已遮盖 %d 处，已保存为：\n%s\n\n审计日志第 %d 条事件。\n要在“标注”页打开遮盖后的文件吗？", len(res.Items), res.Output, res.Event.Seq)
		m.u.confirm(tr("完成"), text, func() { m.u.open(res.Output) })
	})
}

// redactTarget is the attribute a suggestion to mask leads to: 删减后公开
// where the settings enable it, else 主动公开; "" when the suggestion does
// not ask for masking.
func (m *markScreen) redactTarget(s scan.Suggestion) string {
	if len(s.Redact) == 0 {
		return ""
	}
	if slices.Contains(m.u.set.Extras, attr.Redacted) {
		return attr.Redacted
	}
	return attr.Public
}

// suggestionHead is the first words of the suggestion shown above the form.
func (m *markScreen) suggestionHead(s scan.Suggestion, name string) string {
	if t := m.redactTarget(s); t != "" {
		a, _ := attr.Lookup(t)
		return "建议遮盖" + kindNames(s.Redact) + "后标注为“" + a.Zh + "”（未遮盖时为“" + name + "”）"
	}
	return "建议标注为“" + name + "”"
}
