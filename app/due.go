package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/due"
)

// dueScreen is the 待办 tab: what falls due (docattr due), its count shown
// on the tab as a badge.
type dueScreen struct {
	u       *ui
	content fyne.CanvasObject
	tab     *container.TabItem

	within *widget.Entry
	wide   *widget.Check // 全单位: nil without an office database
	list   *widget.List
	status *widget.Label
	items  []due.Item
	today  func() time.Time // tests fix the clock
}

func newDueScreen(u *ui) *dueScreen {
	d := &dueScreen{u: u, status: widget.NewLabel(""), today: time.Now}
	d.within = widget.NewEntry()
	d.within.SetText("30")
	d.list = widget.NewList(func() int { return len(d.items) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(dueLine(d.items[i])) })
	bar := container.NewHBox(widget.NewLabel(tr("天数")), d.within, widget.NewButton(tr("刷新"), d.reload))
	if d.wide = officeWideCheck(u, d.reload); d.wide != nil {
		bar.Add(d.wide)
	}
	d.content = container.NewBorder(bar, d.status, nil, nil, d.list)
	return d
}

// dueLine is one item for people.
func dueLine(it due.Item) string {
	state := "到期"
	if it.Overdue {
		state = "已逾期"
	}
	name := it.File
	if name == "" {
		name = it.DocID
	}
	return fmt.Sprintf("%s %s　%s　%s（成文 %s）", it.Due, state, it.Label, name, it.Issued)
}

// badge is the tab's title with the number of items.
func badge(n int) string {
	if n == 0 {
		return tr("待办")
	}
	return fmt.Sprintf("%s（%d）", tr("待办"), n)
}

func (d *dueScreen) reload() {
	days, err := strconv.Atoi(strings.TrimSpace(d.within.Text))
	if err != nil || days < 0 || days > 3660 {
		d.status.SetText("天数应为 0–3660 的整数")
		return
	}
	var items []due.Item
	wide := checked(d.wide)
	d.u.background(func() {
		path, perr := due.DefaultHolidaysPath()
		if perr != nil {
			err = perr
			return
		}
		cal, cerr := due.LoadHolidays(path)
		if cerr != nil {
			err = cerr
			return
		}
		b := due.NewBuilder()
		if err = feedView(d.u, wide, b.AddLog, b.Add); err != nil {
			return
		}
		items = b.Items(due.Options{Today: d.today(), Within: days, Calendar: cal})
	}, func() {
		if err != nil {
			d.status.SetText("读取失败")
			d.u.showErr(err)
			return
		}
		d.items = items
		d.list.Refresh()
		if d.tab != nil {
			d.tab.Text = badge(len(items))
			d.u.tabs.Refresh()
		}
		d.status.SetText(fmt.Sprintf("%d 天内到期及已逾期：%d 项（工作日按节假日表 %s 计）", days, len(items), due.HolidaysFile))
	})
}

// addOpennessTabs adds the 目录 and 待办 tabs to u and reloads them when
// they are chosen; the 待办 count is read once at start for the badge.
func addOpennessTabs(u *ui) {
	cat, todo := newCatalogScreen(u), newDueScreen(u)
	u.catalog, u.due = cat, todo
	todo.tab = container.NewTabItem(tr("待办"), todo.content)
	u.tabs.Append(container.NewTabItem(tr("目录"), cat.content))
	u.tabs.Append(todo.tab)
	prev := u.tabs.OnSelected
	u.tabs.OnSelected = func(t *container.TabItem) {
		switch t.Content {
		case cat.content:
			cat.reload()
		case todo.content:
			todo.reload()
		}
		if prev != nil {
			prev(t)
		}
	}
	todo.reload()
}
