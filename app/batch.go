package app

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/scan"
)

// batchScreen is the 批量 tab: one decision for every draft in a folder.
type batchScreen struct {
	u       *ui
	content fyne.CanvasObject
	attrs   []attr.Attribute

	folder    *widget.Label
	dir       string
	attribute *widget.RadioGroup
	basis     *widget.Select
	reason    *widget.Entry
	ack       *widget.Entry
	start     *widget.Button
	cancel    *widget.Button
	progress  *widget.ProgressBar
	status    *widget.Label
	summary   *widget.Table

	stop    atomic.Bool // set by 取消; checked between files
	results []marker.Result

	planText    string // the pre-listing last shown
	planConfirm func() // starts the listed batch; nil when none is waiting
	// replaceAnswer answers the 输出文件已存在 question; nil when none is
	// waiting.
	replaceAnswer func(replace bool)
}

func newBatchScreen(u *ui) *batchScreen {
	b := &batchScreen{u: u, attrs: attr.Attributes(u.set.Extras)}
	b.folder = widget.NewLabel("（未选择文件夹）")
	var names []string
	for _, a := range b.attrs {
		names = append(names, a.Zh)
	}
	b.basis = newSelect(nil, nil)
	b.basis.PlaceHolder = "（法律依据）"
	b.attribute = widget.NewRadioGroup(names, func(string) {
		var ids []string
		for _, bs := range attr.BasesFor(b.attributeID()) {
			ids = append(ids, bs.ID)
		}
		b.basis.Options = ids
		b.basis.ClearSelected()
	})
	b.attribute.Horizontal = true
	b.reason = widget.NewEntry()
	b.reason.SetPlaceHolder("理由（依申请公开、不予公开必填）")
	b.ack = widget.NewEntry()
	b.ack.SetPlaceHolder("确认说明：有须处理的检查发现时仍标注的理由（留空则这些文件被拒绝）")
	b.start = widget.NewButton(tr("开始批量标注"), b.run)
	b.start.Importance = widget.HighImportance
	b.cancel = widget.NewButton(tr("取消"), func() { b.stop.Store(true) })
	b.cancel.Disable()
	b.progress = widget.NewProgressBar()
	b.status = widget.NewLabel("")
	b.summary = widget.NewTableWithHeaders(
		func() (int, int) { return len(b.results), 3 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		}, b.updateCell)
	b.summary.ShowHeaderColumn = false
	b.summary.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText([]string{"文件", "结果", "说明"}[id.Col])
		}
	}
	b.summary.SetColumnWidth(0, 300)
	b.summary.SetColumnWidth(1, 80)
	b.summary.SetColumnWidth(2, 700)

	pick := widget.NewButton(tr("选择文件夹…"), func() {
		u.folderDialog(b.folder.Text, b.setFolder)
	})
	form := container.NewVBox(
		container.NewBorder(nil, nil, pick, nil, b.folder),
		b.attribute, container.NewGridWithColumns(2, b.basis, b.reason), b.ack,
		container.NewBorder(nil, nil, nil, container.NewHBox(b.start, b.cancel), b.progress), b.status)
	b.content = container.NewBorder(form, nil, nil, nil, b.summary)
	return b
}

func (b *batchScreen) attributeID() string {
	for _, a := range b.attrs {
		if a.Zh == b.attribute.Selected {
			return a.ID
		}
	}
	return ""
}

func (b *batchScreen) setFolder(dir string) {
	b.dir = dir
	files, skipped, err := listFolder(dir)
	if err != nil {
		b.u.showErr(err)
		return
	}
	text := fmt.Sprintf("%s（%d 份草稿", dir, len(files))
	if len(skipped) > 0 {
		text += fmt.Sprintf("；另有 %d 份 .doc/.odt 等，%s", len(skipped), skippedHint)
	}
	b.folder.SetText(text + "）")
}

// drafts lists the Word drafts directly in dir, leaving out copies docattr
// already marked (they carry the 已标注 suffix) and Word's ~$ lock files.
func drafts(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, msg.Newf(nil, err, "无法读取文件夹 "+dir, "cannot read folder "+dir)
	}
	var out []string
	for _, e := range ents {
		name := e.Name()
		ext := strings.ToLower(filepath.Ext(name))
		if e.IsDir() || strings.HasPrefix(name, "~$") || (ext != ".docx" && ext != ".docm") ||
			isMarkedCopy(strings.TrimSuffix(name, filepath.Ext(name))) {
			continue
		}
		out = append(out, filepath.Join(dir, name))
	}
	sort.Strings(out)
	return out, nil
}

// isMarkedCopy reports whether a file's base name is one docattr gave an
// output: 通知-已标注, or 通知-已标注(2) when that name was taken.
func isMarkedCopy(base string) bool {
	if i := strings.LastIndexByte(base, '('); i > 0 && strings.HasSuffix(base, ")") {
		if _, err := strconv.Atoi(base[i+1 : len(base)-1]); err == nil {
			base = base[:i]
		}
	}
	return strings.HasSuffix(base, marker.OutputSuffix)
}

// run marks the folder one file at a time through marker.Mark, so that 取消
// takes effect between two files and every marked file has its event.
func (b *batchScreen) run() {
	if b.dir == "" {
		b.u.showText(tr("出错了"), "请先选择文件夹")
		return
	}
	dec := attr.Decision{Attribute: b.attributeID(), Basis: b.basis.Selected, Reason: strings.TrimSpace(b.reason.Text)}
	if dec.Attribute == "" {
		b.u.showText(tr("出错了"), "请选择公开属性")
		return
	}
	if err := attr.Validate(dec, attr.Previous{}); err != nil {
		zh, _ := attr.Messages(err)
		b.u.showText(tr("出错了"), strings.Join(zh, "\n"))
		return
	}
	files, skipped, err := listFolder(b.dir)
	if err != nil {
		b.u.showErr(err)
		return
	}
	req := marker.Request{Decision: dec, Style: b.u.set.Style, Print: b.u.set.Print, Extras: b.u.set.Extras, Machine: b.u.set.Machine, DocTypes: b.u.set.DocTypes,
		AcceptFindings: strings.TrimSpace(b.ack.Text), Actor: b.u.actor()}
	var p batchPlan
	b.status.SetText("正在检查文件夹中的草稿…")
	b.start.Disable()
	b.u.background(func() { p = planBatch(files, skipped, req, b.u.set.OutputDir) }, func() {
		b.start.Enable()
		b.status.SetText("")
		b.showPlan(p, func() { b.confirmReplace(files, p.existing, req) })
	})
}

// confirmReplace asks before replacing outputs that exist already; without
// that consent the batch writes new names and leaves them alone.
func (b *batchScreen) confirmReplace(files, existing []string, req marker.Request) {
	if len(existing) == 0 {
		b.markAll(files, req)
		return
	}
	list := strings.Join(existing[:min(len(existing), 5)], "、")
	if len(existing) > 5 {
		list += " 等"
	}
	b.replaceAnswer = func(replace bool) {
		b.replaceAnswer = nil
		req.Overwrite = replace
		b.markAll(files, req)
	}
	d := dialog.NewConfirm("输出文件已存在",
		fmt.Sprintf("%d 个输出文件已存在（%s）。\n要替换它们吗？选“另存新名称”则写入新文件（如 通知-已标注(2).docx），已有文件保持不变。", len(existing), list),
		func(replace bool) {
			if b.replaceAnswer != nil {
				b.replaceAnswer(replace)
			}
		}, b.u.win)
	d.SetConfirmText("替换")
	d.SetDismissText("另存新名称")
	b.u.keyedSafe(d)
	d.Show()
}

func exists(p string) bool { _, err := os.Lstat(p); return err == nil }

// markAll marks files one by one; every result names the file really written.
func (b *batchScreen) markAll(files []string, req marker.Request) {
	var err error
	b.stop.Store(false)
	b.results = nil
	b.summary.Refresh()
	b.start.Disable()
	b.cancel.Enable()
	b.progress.SetValue(0)
	var results []marker.Result
	b.u.background(func() {
		err = b.u.withLog(func(l *audit.Log) error {
			for i, in := range files {
				if b.stop.Load() {
					break
				}
				res := marker.Mark(l, []marker.Job{{Input: in, Output: marker.DefaultOutput(in, b.u.set.OutputDir)}}, req, nil)[0]
				results = append(results, res)
				done, total := i+1, len(files)
				b.u.do(func() {
					b.progress.SetValue(float64(done) / float64(total))
					b.status.SetText(fmt.Sprintf("已处理 %d / %d：%s", done, total, filepath.Base(in)))
				})
			}
			return nil
		})
	}, func() {
		b.start.Enable()
		b.cancel.Disable()
		if err != nil {
			b.u.showErr(err)
		}
		b.results = results
		b.summary.Refresh()
		b.status.SetText(b.summaryText(len(files)))
	})
}

func (b *batchScreen) summaryText(total int) string {
	ok := 0
	for _, r := range b.results {
		if r.Err == nil {
			ok++
		}
	}
	s := fmt.Sprintf("共 %d 份：已标注 %d 份，拒绝 %d 份", total, ok, len(b.results)-ok)
	warned := 0
	for _, r := range b.results {
		if r.Err == nil && len(resultNotes(r)) > 0 {
			warned++
		}
	}
	if warned > 0 {
		s += fmt.Sprintf("（已标注的有 %d 份带提醒，请核对）", warned)
	}
	if n := total - len(b.results); n > 0 {
		s += fmt.Sprintf("，已取消 %d 份未处理", n)
	}
	return s
}

func (b *batchScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row >= len(b.results) {
		return
	}
	r := b.results[id.Row]
	switch id.Col {
	case 0:
		l.SetText(filepath.Base(r.Input))
	case 1:
		l.SetText(resultWord(r))
	case 2:
		if r.Err != nil {
			l.SetText(msg.Zh(r.Err))
		} else {
			l.SetText(strings.Join(append([]string{r.Output}, resultNotes(r)...), "；"))
		}
	}
}

// resultWord is the 结果 column: refusals, and markings with something to
// check, stand out from plain markings.
func resultWord(r marker.Result) string {
	switch {
	case r.Err != nil:
		return "拒绝"
	case len(resultNotes(r)) > 0:
		return "已标注，有提醒"
	}
	return "已标注"
}

// resultNotes are what a person should check in a marked file: the
// marker's warnings and the findings that did not block (a 征求意见稿
// stamped 主动公开, say).
func resultNotes(r marker.Result) []string {
	notes := append([]string(nil), r.Warnings...)
	for _, f := range r.Findings {
		if f.Severity == scan.Warn {
			kind, _ := scan.KindLabel(f.Kind)
			n := "注意：" + kind
			if f.Excerpt != "" {
				n += "“" + f.Excerpt + "”"
			}
			notes = append(notes, n)
		}
	}
	return notes
}
