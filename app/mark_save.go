package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/marker"
)

// save asks where to put the marked copy — by default beside the original
// with the 已标注 suffix, never over it — and marks.
func (m *markScreen) save() {
	if m.cur == nil || m.form.saveBtn.Disabled() {
		return
	}
	if m.u.needsSetup() {
		m.u.firstRun(m.save) // the first mark names a person, not the system account
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
	if n := res.Event.Details["masked"]; n != "" {
		text += "\n已遮盖个人号码 " + n + " 处（原文件未修改）"
	}
	if len(res.Warnings) > 0 {
		text += "\n\n请注意：\n•" + strings.Join(res.Warnings, "\n•")
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	doc := widget.NewButton(tr("打开文档"), func() { openDocument(res.Output) })
	doc.Importance = widget.HighImportance
	folder := widget.NewButton(tr("打开所在文件夹"), func() { openFolder(filepath.Dir(res.Output)) })
	d := dialog.NewCustom(tr("完成"), "好", container.NewBorder(nil, container.NewHBox(doc, folder), nil, nil, l), m.u.win)
	m.u.keyedInfo(d)
	d.Resize(fyne.NewSize(600, 320))
	d.Show()
}
