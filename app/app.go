// Package app is docattr's desktop window (Fyne). It only calls the engine
// packages under internal/; no rule lives here.
//
// The window is split by screen like Jacalz/rymdport: mark.go (one draft),
// batch.go (a folder), log.go (the audit log), settings.go, review.go. Every
// way of opening a draft — the file dialog, drag and drop, the recent list
// and the command line — goes through ui.open.
package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/settings"
)

// AppID matches FyneApp.toml; without it preferences are not kept.
const AppID = "cn.gov.docattr"

// logTimeout is how long the app waits for another docattr process to let
// go of the audit log before it says so; the work runs off the UI thread,
// so the window never hangs meanwhile.
const logTimeout = 2 * time.Second

// ui is the whole window. Each screen is a struct holding its widgets as
// fields, so tests can drive them without pixels.
type ui struct {
	app  fyne.App
	win  fyne.Window
	set  settings.Settings
	tabs *container.AppTabs

	// dbPath overrides the audit log path (tests); "" = settings.DBPath.
	dbPath string
	// sync runs background work inline (tests), so a test sees its result
	// as soon as the call returns.
	sync bool

	// setup is the open first-run question (firstrun.go), nil when none.
	setup *setupForm
	// dialogKeys are the open dialogs' Enter and Esc actions (keys.go).
	dialogKeys []*dialogKeys

	mark   *markScreen
	batch  *batchScreen
	log    *logScreen
	prefs  *settingsScreen
	review *reviewScreen

	catalog *catalogScreen // app/catalog.go
	due     *dueScreen     // app/due.go

	office    *officeSync   // app/officesync.go
	officeTab *officeScreen // app/office.go, nil without an office database
}

// Run opens the main window on the draft open ("" for none) with the audit
// log db ("" for the settings' one) and returns the exit code. Without a
// display it says so and returns 1 instead of letting the driver panic.
func Run(open, db string) int {
	if err := displayAvailable(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	a := fyneapp.NewWithID(AppID)
	a.Settings().SetTheme(themeFrom(a.Preferences()))
	a.SetIcon(iconResource)
	set, err := settings.Load()
	lang = set.Language
	if lang != "en" {
		useChineseFyne()
	}
	w := a.NewWindow(tr("公文公开属性助手"))
	u := &ui{app: a, win: w, set: set, dbPath: db}
	buildUI(u)
	u.sizeWindow()
	if err != nil {
		u.showErr(err)
	}
	if open != "" {
		u.open(open)
	}
	w.Show()
	u.placeWindow()
	u.syncOffice()
	if u.needsSetup() {
		u.firstRun(nil)
	}
	a.Run()
	return 0
}

// displayAvailable tells whether a window can be opened: on X11 systems
// the driver panics when DISPLAY is not set.
func displayAvailable() error {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errNoDisplay
	}
	return nil
}

var errNoDisplay = errors.New("无法打开窗口：没有图形显示（未设置 DISPLAY 环境变量），请在终端中使用命令行。\n" +
	"cannot open the window: no display (DISPLAY is not set); see docattr help for the command line")

// newUI builds the screens into w.
func newUI(a fyne.App, w fyne.Window, set settings.Settings) *ui {
	u := &ui{app: a, win: w, set: set}
	buildUI(u)
	return u
}

// buildUI makes the screens of u (tests set u's fields first).
func buildUI(u *ui) {
	w := u.win
	u.mark = newMarkScreen(u)
	u.batch = newBatchScreen(u)
	u.log = newLogScreen(u)
	u.prefs = newSettingsScreen(u)
	u.review = newReviewScreen(u)
	u.tabs = container.NewAppTabs(
		container.NewTabItem(tr("标注"), u.mark.content),
		container.NewTabItem(tr("批量"), u.batch.content),
		container.NewTabItem(tr("日志"), u.log.content),
		container.NewTabItem(tr("审查"), u.review.content),
		container.NewTabItem(tr("设置"), u.prefs.content),
	)
	u.tabs.OnSelected = func(t *container.TabItem) {
		switch t.Content {
		case u.log.content:
			u.log.reload()
		case u.review.content:
			u.review.reload()
		}
	}
	addOpennessTabs(u)
	addOfficeTab(u)
	w.SetContent(container.NewBorder(nil, u.officeBar(), nil, nil, u.tabs))
	u.openOnRoleTab()
	w.SetOnDropped(u.dropped)
	u.addShortcuts()
}

// openOnRoleTab shows 审查 first at a desk where nobody drafts: a
// reviewer's work starts in the inbox, not in 标注.
func (u *ui) openOnRoleTab() {
	if len(u.set.Roles) > 0 && !u.set.HasRole("drafter") {
		u.tabs.SelectIndex(u.tabIndex(u.review.content))
	}
}

// tabIndex is the position of the tab showing content (0 if none does).
func (u *ui) tabIndex(content fyne.CanvasObject) int {
	for i, t := range u.tabs.Items {
		if t.Content == content {
			return i
		}
	}
	return 0
}

// open is the one way a draft is opened: the file dialog, drag and drop,
// the recent list and the command line all end here.
func (u *ui) open(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs // the recent list must work from any working folder
	}
	u.tabs.SelectIndex(u.tabIndex(u.mark.content))
	u.mark.open(path)
}

// openRecent is the recent list's door: a file that is gone is taken off
// the list, with a message instead of a read error.
func (u *ui) openRecent(path string) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		u.forgetRecent(path)
		u.showText(tr("文件不存在"), "“"+path+"”已不存在（可能已被移动、改名或删除），已从最近打开列表中移除。")
		return
	}
	u.open(path)
}

// forgetRecent takes path off the recent list and saves the settings.
func (u *ui) forgetRecent(path string) {
	var list []string
	for _, p := range u.set.RecentFile {
		if p != path {
			list = append(list, p)
		}
	}
	u.set.RecentFile = list
	_ = settings.Save(u.set) // as in rememberRecent
	u.mark.refreshRecent()
}

// dropped is the drag-and-drop door: the first file dropped is opened.
func (u *ui) dropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) > 0 {
		u.open(uris[0].Path())
	}
}

// rememberRecent puts path first in the recent list and saves the settings.
func (u *ui) rememberRecent(path string) {
	list := []string{path}
	for _, p := range u.set.RecentFile {
		if p != path && len(list) < 10 {
			list = append(list, p)
		}
	}
	u.set.RecentFile = list
	_ = settings.Save(u.set) // the recent list is a convenience, not worth a dialog
}

// withLog opens the audit log, runs fn and closes it again, so that the
// command line can use the log between two operations of the window. A
// second process holding the log gives audit's ErrLocked message after
// logTimeout instead of a hang.
// After it the office database, when configured, gets the new events.
func (u *ui) withLog(fn func(*audit.Log) error) error {
	defer u.syncOffice()
	return u.openLog(false, fn)
}

// readLog is withLog for reading: a shared lock, so two windows can browse
// at once. A log that does not exist yet reads as empty (fn gets nil).
func (u *ui) readLog(fn func(*audit.Log) error) error { return u.openLog(true, fn) }

func (u *ui) openLog(readOnly bool, fn func(*audit.Log) error) error {
	p := u.dbPath
	if p == "" {
		var err error
		if p, err = settings.DBPath(""); err != nil {
			return err
		}
	}
	l, err := audit.Open(p, audit.Options{Timeout: logTimeout, Actor: u.actor(), ReadOnly: readOnly})
	if readOnly && errors.Is(err, audit.ErrNotFound) {
		// No log yet, or one a command is creating this moment: empty.
		return fn(nil)
	}
	if err != nil {
		return err
	}
	defer l.Close()
	return fn(l)
}

func (u *ui) actor() settings.Actor { return settings.CurrentActor(u.set, "") }

// background runs work off the UI thread and then done on it.
func (u *ui) background(work func(), done func()) {
	if u.sync {
		work()
		done()
		return
	}
	go func() {
		// A panic in the engine must not take the window (and unsaved work
		// in other tabs) down with it: report it and leave the app running.
		defer func() {
			if r := recover(); r != nil {
				fyne.Do(func() { u.showText(tr("出错了"), fmt.Sprintf("内部错误，操作未完成：%v", r)) })
			}
		}()
		work()
		fyne.Do(done)
	}()
}

// do runs fn on the UI thread from background work (progress updates).
func (u *ui) do(fn func()) {
	if u.sync {
		fn()
		return
	}
	fyne.Do(fn)
}
