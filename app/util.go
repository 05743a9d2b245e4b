package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/msg"
)

// showErr shows the engine's Chinese message for err in a dialog. The
// engine's errors are *msg.Error values whose Chinese text is written for
// the person at the desk; anything else is shown as it is.
func (u *ui) showErr(err error) {
	if err == nil {
		return
	}
	u.showText(tr("出错了"), msg.Zh(err))
}

// showText shows a message that may be long, wrapped to a readable width.
func (u *ui) showText(title, text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "好", container.NewVScroll(l), u.win)
	u.keyedInfo(d)
	d.Resize(fyne.NewSize(560, 300))
	d.Show()
}

// dirLister returns a dialog location for dir, or nil when it cannot be
// listed (the dialog then starts in its own default).
func dirLister(dir string) fyne.ListableURI {
	if dir == "" {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

// openFolder shows dir in the system file manager, best effort: a machine
// without one simply does nothing.
func openFolder(dir string) { openWithSystem(dir) }

// openDocument opens a file in the system's default program for it (WPS
// or Word for a .docx), best effort like openFolder.
func openDocument(path string) { openWithSystem(path) }

func openWithSystem(dir string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("explorer", dir)
	case "darwin":
		cmd = exec.Command("open", dir)
	default:
		cmd = exec.Command("xdg-open", dir)
	}
	if err := cmd.Start(); err == nil {
		go cmd.Wait() //nolint:errcheck // reap the child; its exit status does not matter
	}
}

// askSavePath asks where to write a new file, starting from def. It does
// not use Fyne's save dialog on purpose: that dialog opens the chosen file
// with truncation before handing it over, so picking the original draft (or
// the audit log) by mistake would empty it before the engine could refuse.
// Here nothing is touched until the engine writes atomically.
func (u *ui) askSavePath(title, def string, then func(path string)) {
	entry := newKeyEntry(u)
	entry.SetText(def)
	browse := widget.NewButton("选择文件夹…", func() {
		u.folderDialog(filepath.Dir(entry.Text), func(dir string) {
			entry.SetText(filepath.Join(dir, filepath.Base(entry.Text)))
		})
	})
	body := container.NewVBox(widget.NewLabel("保存为："), container.NewBorder(nil, nil, nil, browse, entry))
	d := dialog.NewCustomConfirm(title, "保存", tr("取消"), body, func(ok bool) {
		p := strings.TrimSpace(entry.Text)
		if !ok || p == "" {
			return
		}
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			c := dialog.NewConfirm("文件已存在", "“"+filepath.Base(p)+"”已存在，要替换它吗？", func(yes bool) {
				if yes {
					then(p)
				}
			}, u.win)
			u.keyedConfirm(c)
			c.Show()
			return
		}
		then(p)
	}, u.win)
	u.keyedConfirm(d)
	d.Resize(fyne.NewSize(700, 180))
	d.Show()
	u.win.Canvas().Focus(entry)
}
