package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/msg"
)

// pageSize rows are fetched together; maxPages pages are cached. The table
// is virtual: scrolling through a million events only ever holds a few
// thousand in memory and reads them by seq (audit.Log.Get).
const (
	pageSize = 100
	maxPages = 40
)

var logColumns = []struct {
	title string
	width float32
	cell  func(e *audit.Event) string
}{
	{"序号", 70, func(e *audit.Event) string { return fmt.Sprint(e.Seq) }},
	{"时间", 160, func(e *audit.Event) string { return audit.FormatTime(e) }},
	{"类型", 90, func(e *audit.Event) string { return typeZh(e.Type) }},
	{"操作人", 90, func(e *audit.Event) string { return e.Actor.Name }},
	{"文件", 220, func(e *audit.Event) string { return e.File }},
	{"公开属性", 90, func(e *audit.Event) string { return attrZh(e.Attribute) }},
	{"密级", 90, func(e *audit.Event) string { return e.Secrecy }},
	{"依据", 150, func(e *audit.Event) string { return e.Basis }},
	{"理由", 240, func(e *audit.Event) string { return e.Reason }},
	{"文档编号", 280, func(e *audit.Event) string { return e.DocID }},
}

func typeZh(t string) string { return audit.TypeLabel(t) }

func attrZh(id string) string { return audit.AttributeLabel(id) }

// logScreen is the 日志 tab. All its fields are touched on the UI thread
// only; background reads hand their results over through ui.background.
type logScreen struct {
	u       *ui
	content fyne.CanvasObject

	from, to, actor, docID *widget.Entry
	attribute              *widget.Select
	table                  *widget.Table
	status                 *widget.Label
	format                 *widget.Select
	progress               *widget.ProgressBarInfinite
	exportBar              *widget.ProgressBar // an export's progress
	cancelBtn              *widget.Button      // stops the export
	cancel                 chan struct{}       // closed by cancelBtn; nil when no export runs

	gen   int      // bumped by reload, so a stale reload is dropped
	view  int      // bumped when a reload shows, so stale page reads are dropped
	head  uint64   // unfiltered view: row r is seq head-r (newest first)
	seqs  []uint64 // filtered view: matching seqs, ascending; nil = unfiltered
	total int
	pages map[int][]audit.Event
	order []int // pages in the order they were cached, for eviction
	asked map[int]bool

	meter *textMeter // cuts the cells' text to the columns (cliptext.go)
}

func newLogScreen(u *ui) *logScreen {
	l := &logScreen{u: u, pages: map[int][]audit.Event{}, asked: map[int]bool{}}
	entry := func(ph string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(ph)
		e.OnSubmitted = func(string) { l.reload() }
		return e
	}
	l.from, l.to = entry("起 2026-01-01"), entry("止 2026-12-31")
	l.actor, l.docID = entry("操作人"), entry("文档编号")
	attrs := []string{"全部属性"}
	for _, a := range attr.Attributes([]string{attr.Redacted}) {
		attrs = append(attrs, a.Zh)
	}
	l.attribute = newSelect(attrs, nil)
	l.attribute.SetSelectedIndex(0)
	l.attribute.OnChanged = func(string) { l.reload() } // after the first selection: the table is not built yet
	l.table = widget.NewTableWithHeaders(
		func() (int, int) { return l.total, len(logColumns) },
		l.newCell,
		l.updateCell)
	l.table.ShowHeaderColumn = false
	l.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		// every refresh asks again; setting the same text would shape it again
		if lb := o.(*widget.Label); id.Col >= 0 && lb.Text != logColumns[id.Col].title {
			lb.SetText(logColumns[id.Col].title)
		}
	}
	for i, c := range logColumns {
		l.table.SetColumnWidth(i, c.width)
	}
	l.table.OnSelected = l.showEvent
	l.status = widget.NewLabel("")
	l.format = newSelect([]string{"XLSX", "CSV", "JSONL"}, nil)
	l.format.SetSelectedIndex(0)
	l.progress = widget.NewProgressBarInfinite()
	l.progress.Stop()
	l.progress.Hide()
	l.exportBar = widget.NewProgressBar()
	l.cancelBtn = widget.NewButton(tr("取消"), l.cancelExport)
	exporting := container.NewBorder(nil, nil, nil, l.cancelBtn, l.exportBar)
	l.exportBar.Hide()
	l.cancelBtn.Hide()

	filters := container.NewGridWithColumns(6, l.from, l.to, l.actor, l.attribute, l.docID,
		widget.NewButton(tr("查询"), l.reload))
	actions := container.NewHBox(
		widget.NewButton(tr("校验"), l.verify),
		widget.NewLabel("导出格式"), l.format, widget.NewButton(tr("导出…"), l.export),
		widget.NewButton(tr("检查点…"), l.checkpoint))
	top := container.NewVBox(filters, container.NewBorder(nil, nil, actions, nil, l.status), l.progress, exporting)
	l.content = container.NewBorder(top, nil, nil, nil, l.table)
	return l
}

// filter reads the filter fields; a malformed date is reported, not guessed.
func (l *logScreen) filter() (audit.Filter, error) {
	var f audit.Filter
	day := func(s string) (time.Time, error) {
		s = strings.TrimSpace(s)
		if s == "" {
			return time.Time{}, nil
		}
		return audit.ParseDay(s, time.Local)
	}
	var err error
	if f.From, err = day(l.from.Text); err != nil {
		return f, err
	}
	if f.To, err = day(l.to.Text); err != nil {
		return f, err
	}
	f.Actor, f.DocID = strings.TrimSpace(l.actor.Text), strings.TrimSpace(l.docID.Text)
	if l.attribute.SelectedIndex() > 0 {
		if a, err := attr.ParseAttribute(l.attribute.Selected); err == nil {
			f.Attribute = a.ID
		}
	}
	return f, nil
}

// reload recounts the view: unfiltered it needs only the head; filtered it
// collects the matching seqs (8 bytes each) in the background.
func (l *logScreen) reload() {
	f, err := l.filter()
	if err != nil {
		l.status.SetText(msg.Zh(err))
		return
	}
	l.gen++
	gen := l.gen
	filtered := f != (audit.Filter{})
	var (
		head  uint64
		seqs  []uint64
		first []audit.Event
	)
	l.status.SetText("正在读取审计日志…")
	l.u.background(func() {
		err = l.u.readLog(func(lg *audit.Log) error {
			if lg == nil {
				return nil
			}
			h, err := lg.Head()
			if err != nil {
				return err
			}
			head = h.Seq
			if filtered {
				seqs = []uint64{}
				if err := lg.List(f, func(e audit.Event) error { seqs = append(seqs, e.Seq); return nil }); err != nil {
					return err
				}
			}
			first, err = readPage(lg, pageSeqs(head, seqs, 0))
			return err
		})
	}, func() {
		if gen != l.gen {
			return
		}
		if err != nil {
			l.status.SetText("读取失败")
			l.u.showErr(err)
			return
		}
		l.head, l.seqs = head, seqs
		l.view++
		l.total = int(head)
		if filtered {
			l.total = len(seqs)
			l.status.SetText(fmt.Sprintf("符合条件的事件 %d 条（共 %d 条）", len(seqs), head))
		} else {
			l.status.SetText(fmt.Sprintf("共 %d 条事件，最新的在最上面", head))
		}
		l.pages, l.asked, l.order = map[int][]audit.Event{0: first}, map[int]bool{}, []int{0}
		l.table.UnselectAll()
		l.table.ScrollToTop()
		l.table.Refresh()
	})
}

// pageSeqs returns the seqs shown on page p, newest first.
func pageSeqs(head uint64, seqs []uint64, p int) []uint64 {
	var out []uint64
	for r := p * pageSize; r < (p+1)*pageSize; r++ {
		switch {
		case seqs == nil && uint64(r) < head:
			out = append(out, head-uint64(r))
		case seqs != nil && r < len(seqs):
			out = append(out, seqs[len(seqs)-1-r])
		}
	}
	return out
}

func readPage(lg *audit.Log, seqs []uint64) ([]audit.Event, error) {
	out := make([]audit.Event, 0, len(seqs))
	for _, s := range seqs {
		e, err := lg.Get(s)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// newCell is a table cell: one line of text cut to the column at a
// character boundary, padded like a label. Not a widget.Label: its ellipsis
// truncation builds a HarfBuzz font for every text (about a millisecond a
// cell), and even clipping measures the text several times.
func (l *logScreen) newCell() fyne.CanvasObject {
	l.meter = meterFor(l.meter)
	pad := l.table.Theme().Size(theme.SizeNameInnerPadding)
	return newTextCell(l.meter, pad, pad)
}

func (l *logScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	text := "…"
	if e := l.eventAt(id.Row); e != nil {
		text = logColumns[id.Col].cell(e)
	}
	// The table asks again for every visible cell on each scroll and
	// refresh; the same text again costs nothing.
	cellOf(o).SetText(text)
}

// eventAt returns the event on row r if its page is cached, and otherwise
// asks for the page and returns nil (the cell shows … until it arrives).
func (l *logScreen) eventAt(r int) *audit.Event {
	p := r / pageSize
	if evs, ok := l.pages[p]; ok {
		if i := r % pageSize; i < len(evs) {
			return &evs[i]
		}
		return nil
	}
	if !l.asked[p] {
		l.asked[p] = true
		l.fetch(p)
	}
	return nil
}

func (l *logScreen) fetch(p int) {
	view, seqs := l.view, pageSeqs(l.head, l.seqs, p)
	var (
		evs []audit.Event
		err error
	)
	work := func() {
		err = l.u.readLog(func(lg *audit.Log) error {
			if lg == nil {
				return nil
			}
			evs, err = readPage(lg, seqs)
			return err
		})
	}
	done := func() {
		if view != l.view {
			return // read for the view before the last reload
		}
		delete(l.asked, p)
		if err != nil {
			l.status.SetText("读取失败：" + firstLine(err))
			return
		}
		l.pages[p] = evs
		l.order = append(l.order, p)
		if len(l.order) > maxPages {
			delete(l.pages, l.order[0])
			l.order = l.order[1:]
		}
		l.table.Refresh()
	}
	// Never read inline here: fetch runs inside the table's own update.
	go func() {
		work()
		fyne.Do(done)
	}()
}

func (l *logScreen) showEvent(id widget.TableCellID) {
	e := l.eventAt(id.Row)
	if e == nil {
		return
	}
	var b strings.Builder
	for _, c := range logColumns {
		fmt.Fprintf(&b, "%s：%s\n", c.title, c.cell(e))
	}
	fmt.Fprintf(&b, "系统用户：%s　计算机：%s\n确认说明：%s\n哈希：%s\n", e.Actor.OSUser, e.Actor.Machine, e.Acknowledged, e.Hash)
	if len(e.Findings) > 0 {
		fmt.Fprintf(&b, "发现：%s\n", audit.FindingsText(e.Findings))
	}
	if len(e.Details) > 0 {
		fmt.Fprintf(&b, "详情：%s\n", audit.DetailsText(e.Details))
	}
	l.u.showText(fmt.Sprintf("第 %d 条事件", e.Seq), b.String())
	l.table.UnselectAll()
}
