package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/publish"
	"github.com/docattr/docattr/internal/settings"
)

// defaultPath puts an export or checkpoint in the user's Documents folder
// (or home), never next to the audit log.
func (l *logScreen) defaultPath(name string) string {
	home, err := os.UserHomeDir()
	if err != nil {
		return name
	}
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(home, "Documents", name)
	}
	return filepath.Join(home, name)
}

func firstLine(err error) string { return strings.SplitN(msg.Zh(err), "\n", 2)[0] }

// zhPart keeps the Chinese half of a "中文 / English" text.
func zhPart(s string) string {
	if i := strings.Index(s, " / "); i > 0 {
		return s[:i]
	}
	return s
}

// busy shows the infinite progress bar while work runs.
func (l *logScreen) busy(label string, work func(), done func()) {
	l.status.SetText(label)
	l.progress.Show()
	l.progress.Start()
	l.u.background(work, func() {
		l.progress.Stop()
		l.progress.Hide()
		done()
	})
}

// verifyText says plainly what Verify found.
func verifyText(r audit.VerifyReport) string {
	if r.OK {
		if r.Events == 0 {
			return "审计日志是空的，没有需要校验的事件。"
		}
		return fmt.Sprintf("审计日志完好：共 %d 条事件，链条连续、未被改动。\n最新一条为第 %d 条，哈希 %s…", r.Events, r.Head.Seq, r.Head.Hash[:16])
	}
	return fmt.Sprintf("审计日志有问题！从第 %d 条事件起：%s\n共发现 %d 处问题。\n请不要再写入此日志，保留文件并报告本单位保密或信息化部门。",
		r.FirstBad, zhPart(r.Problem), r.Problems)
}

func (l *logScreen) verify() {
	var (
		rep audit.VerifyReport
		err error
	)
	l.busy("正在校验审计日志…", func() {
		err = l.u.readLog(func(lg *audit.Log) error {
			if lg == nil {
				rep = audit.VerifyReport{OK: true}
				return nil
			}
			rep, err = lg.Verify()
			return err
		})
	}, func() {
		if err != nil {
			l.status.SetText("校验失败")
			l.u.showErr(err)
			return
		}
		text := verifyText(rep)
		l.status.SetText(strings.SplitN(text, "\n", 2)[0])
		l.u.showText("校验结果", text)
	})
}

// export writes the events matching the filters through audit.ExportWith,
// which records an export event naming the file; the bar shows how far it
// got and 取消 stops it with no file and no event left behind.
func (l *logScreen) export() {
	f, err := l.filter()
	if err != nil {
		l.u.showErr(err)
		return
	}
	format := strings.ToLower(l.format.Selected)
	l.u.askSavePath(tr("导出…"), l.defaultPath("审计日志-"+time.Now().Format("20060102")+"."+format),
		func(p string) { l.exportTo(p, format, f) })
}

func (l *logScreen) exportTo(path, format string, f audit.Filter) {
	if l.cancel != nil {
		return // one export at a time
	}
	var (
		res audit.ExportResult
		err error
	)
	cancel := make(chan struct{})
	l.cancel = cancel
	opts := audit.ExportOptions{Cancel: cancel, Unit: l.u.set.Unit, Progress: func(done, total int) {
		l.u.do(func() { l.showExportProgress(done, total) })
	}}
	l.status.SetText("正在导出…")
	l.exportBar.SetValue(0)
	l.exportBar.Show()
	l.cancelBtn.Enable()
	l.cancelBtn.Show()
	l.u.background(func() {
		err = l.u.withLog(func(lg *audit.Log) error {
			if err = publish.NewGuard(lg.Path()).CheckLogOutput(path); err != nil {
				return err
			}
			res, err = audit.ExportWith(lg, path, format, f, opts)
			return err
		})
	}, func() {
		l.cancel = nil
		l.exportBar.Hide()
		l.cancelBtn.Hide()
		switch {
		case errors.Is(err, audit.ErrCanceled):
			l.status.SetText("已取消导出：未生成文件，也未记入审计日志")
			return
		case err != nil:
			l.status.SetText("导出失败")
			l.u.showErr(err)
			return
		}
		l.status.SetText(fmt.Sprintf("已导出 %d 条事件", res.Events))
		l.u.showText(tr("完成"), fmt.Sprintf("已导出 %d 条事件到：\n%s\n\nSHA-256：%s\n导出本身已记入审计日志第 %d 条。",
			res.Events, res.Path, res.SHA256, res.Event.Seq))
		l.reload()
	})
}

func (l *logScreen) showExportProgress(done, total int) {
	if l.cancel == nil {
		return // a late update after the export ended
	}
	if total > 0 {
		l.exportBar.SetValue(float64(done) / float64(total))
	}
	l.status.SetText(fmt.Sprintf("正在导出 %d / %d 条事件…", done, total))
}

// cancelExport is the 取消 button: the export stops between two events.
func (l *logScreen) cancelExport() {
	if l.cancel == nil {
		return
	}
	select {
	case <-l.cancel:
	default:
		close(l.cancel)
	}
	l.cancelBtn.Disable()
	l.status.SetText("正在取消导出…")
}

// checkpoint signs the log's head with this installation's key. The file
// is meant to leave the machine (printed, or sent to the openness office):
// that is what makes cutting events off the end detectable.
func (l *logScreen) checkpoint() {
	l.u.askSavePath(tr("检查点…"), l.defaultPath("docattr-检查点-"+time.Now().Format("20060102")+".json"), l.checkpointTo)
}

func (l *logScreen) checkpointTo(path string) {
	var (
		c       audit.Checkpoint
		fp      string
		warn    string // the key is not the one the log knew
		err     error
		receipt = audit.ReceiptPath(path)
	)
	l.busy("正在写入检查点…", func() {
		var dir string
		if dir, err = settings.EnsureDataDir(); err != nil {
			return
		}
		var (
			key    *keys.Key
			origin keys.Origin
		)
		if key, origin, err = keys.Open(dir); err != nil {
			return
		}
		fp = key.Fingerprint()
		err = l.u.withLog(func(lg *audit.Log) error {
			for _, p := range []string{path, receipt} {
				if err = publish.NewGuard(lg.Path()).CheckLogOutput(p); err != nil {
					return err
				}
			}
			note, err := audit.NoteKey(lg, key, origin)
			if err != nil {
				return err
			}
			if w := note.Warning(key); w != nil {
				warn = w.Zh + "\n\n"
			}
			c, err = audit.WriteCheckpoint(lg, key, path)
			return err
		})
		if err == nil {
			// The checkpoint and its event stand whatever happens to the
			// receipt; a failed receipt is said beside the success.
			if rerr := audit.WriteReceipt(receipt, c, l.u.set.Unit); rerr != nil {
				warn += msg.Zh(rerr) + "（检查点本身已写入，可稍后重新生成检查点以取得回执）\n\n"
				receipt = "（未能生成）"
			}
		}
	}, func() {
		if err != nil {
			l.status.SetText("检查点写入失败")
			l.u.showErr(err)
			return
		}
		l.status.SetText(fmt.Sprintf("检查点：第 %d 条事件", c.Seq))
		l.u.showText(tr("完成"), warn+fmt.Sprintf("检查点已写入：\n%s\n\n可打印的回执：\n%s\n\n覆盖到第 %d 条事件，哈希 %s…\n本机密钥指纹：%s\n\n请打印回执、签名后另行保存（或连同检查点文件送交政务公开办），以便日后发现日志被截断或回退。",
			filepath.Clean(path), filepath.Clean(receipt), c.Seq, audit.GroupHex(c.Hash[:16]), fp))
		l.reload()
	})
}
