package app

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/clean"
)

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
	m.u.keyedConfirm(d)
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
		m.u.confirm(tr("完成"), text, func() { m.u.open(res.Output) })
	})
}
