package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/jackc/pgx/v5"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/officedb"
	"github.com/docattr/docattr/internal/review"
)

// officeScreen is the 全局待办 tab, shown when an office database is
// configured: what waits for this person's roles across every desk
// (docattr office inbox), and a check of the whole database (docattr
// office verify). With a desk login it sees that desk only; the openness
// office's login sees the office.
type officeScreen struct {
	u       *ui
	content fyne.CanvasObject
	all     *widget.Check
	list    *widget.List
	status  *widget.Label
	items   []officedb.InboxItem
}

// addOfficeTab appends the tab when an office database is configured.
func addOfficeTab(u *ui) {
	if _, err := officedb.ConfigFrom(u.set); err != nil {
		return
	}
	o := &officeScreen{u: u, status: widget.NewLabel("")}
	o.all = widget.NewCheck(tr("所有角色"), func(bool) { o.reload() })
	o.list = widget.NewList(func() int { return len(o.items) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, c fyne.CanvasObject) { c.(*widget.Label).SetText(inboxLine(o.items[i])) })
	bar := container.NewHBox(o.all, widget.NewButton(tr("刷新"), o.reload), widget.NewButton(tr("校验数据库"), o.verify))
	o.content = container.NewBorder(bar, o.status, nil, nil, o.list)
	u.officeTab = o
	u.tabs.Append(container.NewTabItem(tr("全局待办"), o.content))
	prev := u.tabs.OnSelected
	u.tabs.OnSelected = func(t *container.TabItem) {
		if t.Content == o.content {
			o.reload()
		}
		if prev != nil {
			prev(t)
		}
	}
}

// inboxLine is one waiting document for people.
func inboxLine(it officedb.InboxItem) string {
	name := it.Title
	if name == "" {
		name = it.File
	}
	waits := "待" + review.RoleName(it.Waits)
	if it.Conflict {
		waits = "冲突：同一版本有不同决定"
	}
	return fmt.Sprintf("%s　%s（%s）　上一步：%s%s，%s（%s）%s", waits, name, it.File,
		review.RoleName(it.Role), review.ActionName(it.Action), it.Actor, it.Source, it.Time.Local().Format("2006-01-02 15:04"))
}

// withOffice connects, runs fn and disconnects, off the UI thread.
func (o *officeScreen) withOffice(fn func(ctx context.Context, c *pgx.Conn) error, done func(err error)) {
	var err error
	o.u.background(func() {
		cfg, cerr := officedb.ConfigFrom(o.u.set)
		if cerr != nil {
			err = cerr
			return
		}
		ctx := context.Background()
		conn, cerr := officedb.Connect(ctx, cfg)
		if cerr != nil {
			err = cerr
			return
		}
		defer conn.Close(ctx)
		err = fn(ctx, conn)
	}, func() { done(err) })
}

func (o *officeScreen) reload() {
	var items []officedb.InboxItem
	all := o.all.Checked
	o.withOffice(func(ctx context.Context, c *pgx.Conn) error {
		in := officedb.NewInbox()
		err := officedb.Each(ctx, c, nil, func(src string, e audit.Event) error { in.Add(src, e); return nil })
		for _, it := range in.Items(review.RouteOf(o.u.set)) {
			if all || it.Conflict || o.u.set.HasRole(it.Waits) {
				items = append(items, it)
			}
		}
		return err
	}, func(err error) {
		o.items = items
		o.list.Refresh()
		switch {
		case err != nil:
			o.status.SetText(officeErr(err))
		case len(items) == 0:
			o.status.SetText("没有等待本人角色（" + strings.Join(o.u.set.Roles, "、") + "）办理的文件")
		default:
			o.status.SetText(fmt.Sprintf("%d 份文件等待办理", len(items)))
		}
	})
}

func (o *officeScreen) verify() {
	var rep officedb.VerifyReport
	o.withOffice(func(ctx context.Context, c *pgx.Conn) error {
		var err error
		rep, err = officedb.Verify(ctx, c, nil)
		return err
	}, func(err error) {
		switch {
		case err != nil:
			o.status.SetText(officeErr(err))
		case rep.OK:
			o.status.SetText(fmt.Sprintf("校验通过：%d 个岗位共 %d 条事件，哈希链与签名完好", len(rep.Desks), rep.Events))
		default:
			var lines []string
			for _, p := range rep.Problems {
				lines = append(lines, p.Zh)
			}
			o.status.SetText(fmt.Sprintf("校验未通过（%d 处）：", len(rep.Problems)) + strings.Join(lines, "；"))
		}
	})
}

func officeErr(err error) string {
	if errors.Is(err, officedb.ErrOffline) {
		return "办公室数据库连不上（离线），请稍后再试"
	}
	return msg.Zh(err)
}

// officeWideCheck is the 全单位 option of the 目录 and 待办 tabs (docattr
// office catalog|due): every desk's events from the office database
// instead of this desk's log. It is nil, and not shown, when no office
// database is configured.
func officeWideCheck(u *ui, changed func()) *widget.Check {
	if _, err := officedb.ConfigFrom(u.set); err != nil {
		return nil
	}
	return widget.NewCheck(tr("全单位（办公室数据库）"), func(bool) { changed() })
}

// checked reads a check that may be absent; call it on the UI thread.
func checked(c *widget.Check) bool { return c != nil && c.Checked }

// feedView gives a view's builder its events: every desk's from the office
// database when wide, else this desk's log through addLog. It runs off the
// UI thread.
func feedView(u *ui, wide bool, addLog func(*audit.Log, string) error, add func(string, audit.Event)) error {
	if !wide {
		return addLocalLog(u, addLog, localSource(u))
	}
	cfg, err := officedb.ConfigFrom(u.set)
	if err != nil {
		return err
	}
	ctx := context.Background()
	conn, err := officedb.Connect(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return officedb.Each(ctx, conn, nil, func(src string, e audit.Event) error { add(src, e); return nil })
}
