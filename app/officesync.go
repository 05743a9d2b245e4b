package app

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/officedb"
	"github.com/docattr/docattr/internal/settings"
)

// syncTimeout bounds one automatic sync; the desk never waits for it.
const syncTimeout = 2 * time.Minute

// officeSync is the status line at the bottom of the window and the
// automatic sync behind it: on start and after every action that wrote the
// audit log, when an office database is configured (internal/officedb).
// Syncs never overlap: one asked for while another runs starts when it
// ends. The log is opened per batch by the sync, never held.
type officeSync struct {
	label   *widget.Label
	mu      sync.Mutex
	running bool
	again   bool
}

func (u *ui) officeBar() fyne.CanvasObject {
	u.office = &officeSync{label: widget.NewLabel("")}
	u.office.label.Hide()
	return u.office.label
}

// syncOffice starts a sync in the background, or notes that another is
// wanted when one is running. Without an office database it does nothing.
func (u *ui) syncOffice() {
	o := u.office
	if o == nil {
		return
	}
	cfg, err := officedb.ConfigFrom(u.set)
	if errors.Is(err, officedb.ErrNotConfigured) {
		u.do(o.label.Hide)
		return
	}
	o.mu.Lock()
	if o.running {
		o.again = true
		o.mu.Unlock()
		return
	}
	o.running = true
	o.mu.Unlock()
	run := func() {
		for {
			text := u.syncOnce(cfg)
			u.do(func() {
				o.label.SetText(text)
				o.label.Show()
			})
			o.mu.Lock()
			if !o.again {
				o.running = false
				o.mu.Unlock()
				return
			}
			o.again = false
			o.mu.Unlock()
		}
	}
	if u.sync {
		run()
		return
	}
	go run()
}

// syncOnce syncs and returns the status line: 已同步至第 N 条, or 离线，待同步
// M 条, or what went wrong.
func (u *ui) syncOnce(cfg officedb.Config) string {
	in, err := loadInstallation()
	if err != nil {
		return officePrefix() + msg.Zh(err)
	}
	logPath := u.dbPath
	if logPath == "" {
		if logPath, err = settings.DBPath(""); err != nil {
			return officePrefix() + msg.Zh(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), syncTimeout)
	defer cancel()
	st, _, err := officedb.SyncNow(ctx, cfg, in.dir, logPath, in.key, u.set.Unit)
	zh, en := st.Text()
	text := zh
	if lang == "en" {
		text = en
	}
	if err != nil && !errors.Is(err, officedb.ErrOffline) {
		text += "（" + msg.Zh(err) + "）"
	}
	return officePrefix() + text
}

func officePrefix() string {
	if lang == "en" {
		return "Office database: "
	}
	return "办公室数据库："
}
