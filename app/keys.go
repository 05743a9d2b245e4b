package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// The keyboard: Ctrl+S and Ctrl+O work anywhere in the window, also while
// a text field has the cursor (Fyne gives a focused field every shortcut
// and a plain Entry drops the ones it does not know, so our fields are
// keyEntry, which hands them on); Enter confirms and Esc cancels the
// dialog on top (Fyne's dialogs know neither key).

// windowShortcuts are the window's own shortcuts, by Fyne's shortcut name.
func (u *ui) windowShortcuts() map[string]func() {
	ctrl := fyne.KeyModifierShortcutDefault
	name := func(k fyne.KeyName) string {
		return (&desktop.CustomShortcut{KeyName: k, Modifier: ctrl}).ShortcutName()
	}
	return map[string]func(){
		name(fyne.KeyO): func() { u.mark.showOpenDialog() },
		name(fyne.KeyS): func() { u.mark.save() },
	}
}

// addShortcuts registers the window's shortcuts on its canvas (for when no
// text field has the cursor) and the dialogs' keys.
func (u *ui) addShortcuts() {
	ctrl := fyne.KeyModifierShortcutDefault
	c := u.win.Canvas()
	for _, k := range []fyne.KeyName{fyne.KeyO, fyne.KeyS} {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: ctrl}, func(s fyne.Shortcut) { u.shortcut(s) })
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { u.dialogKey(ev.Name) })
}

// shortcut runs the window's shortcut s and reports whether it was one.
// While a dialog is open the shortcuts wait: the dialog has the keyboard.
func (u *ui) shortcut(s fyne.Shortcut) bool {
	fn, ok := u.windowShortcuts()[s.ShortcutName()]
	if ok && len(u.dialogKeys) == 0 {
		fn()
	}
	return ok
}

// dialogKeys are the Enter and Esc actions of the open dialogs, the top
// one last.
type dialogKeys struct{ enter, esc func() }

// keyed gives dialog d the Enter (confirm) and Esc (cancel) keys until it
// closes. Call it before d.Show.
func (u *ui) keyed(d dialog.Dialog, enter, esc func()) {
	k := &dialogKeys{enter, esc}
	u.dialogKeys = append(u.dialogKeys, k)
	d.SetOnClosed(func() {
		for i, x := range u.dialogKeys {
			if x == k {
				u.dialogKeys = append(u.dialogKeys[:i], u.dialogKeys[i+1:]...)
				break
			}
		}
	})
}

// keyedConfirm is keyed for a confirm dialog: Enter confirms, Esc cancels.
func (u *ui) keyedConfirm(d *dialog.ConfirmDialog) { u.keyed(d, d.Confirm, d.Dismiss) }

// keyedInfo is keyed for a dialog with one button: Enter and Esc close it.
func (u *ui) keyedInfo(d dialog.Dialog) { u.keyed(d, d.Hide, d.Hide) }

// confirm asks a yes/no question; yes runs then. Enter answers yes, Esc no.
func (u *ui) confirm(title, text string, then func()) {
	d := dialog.NewConfirm(title, text, func(yes bool) {
		if yes {
			then()
		}
	}, u.win)
	u.keyedConfirm(d)
	d.Show()
}

// keyedSafe is keyed for a dialog whose confirm button overwrites or
// destroys: Esc takes the safe answer and Enter does nothing, so a stray
// key never replaces a file.
func (u *ui) keyedSafe(d dialog.Dialog) { u.keyed(d, func() {}, d.Dismiss) }

// showFileDialog shows a file or folder dialog with Esc as 取消 (the
// callback gets nothing) and Enter left to the dialog's own buttons, since
// a path half chosen in the list must not be taken by a stray key. The
// dialog starts in dir when it can be listed.
func (u *ui) showFileDialog(d *dialog.FileDialog, dir string) {
	if l := dirLister(dir); l != nil {
		d.SetLocation(l)
	}
	u.keyed(d, func() {}, d.Dismiss)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// folderDialog asks for a folder, starting in dir, and passes its path on.
func (u *ui) folderDialog(dir string, then func(path string)) {
	u.showFileDialog(dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err == nil && l != nil {
			then(l.Path())
		}
	}, u.win), dir)
}

// fileDialog asks for an existing file, starting in dir, and passes its
// path on; exts (".docx", …) filter the list when given.
func (u *ui) fileDialog(dir string, exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showErr(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		r.Close()
		then(r.URI().Path())
	}, u.win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	u.showFileDialog(d, dir)
}

// dialogKey handles Enter and Esc for the dialog on top; it reports
// whether the key was used.
func (u *ui) dialogKey(k fyne.KeyName) bool {
	if len(u.dialogKeys) == 0 {
		return false
	}
	top := u.dialogKeys[len(u.dialogKeys)-1]
	switch k {
	case fyne.KeyEscape:
		top.esc()
	case fyne.KeyReturn, fyne.KeyEnter:
		top.enter()
	default:
		return false
	}
	return true
}

// keyEntry is a text field that lets the window's shortcuts and a
// dialog's Enter and Esc through.
type keyEntry struct {
	widget.Entry
	u *ui
}

func newKeyEntry(u *ui) *keyEntry {
	e := &keyEntry{u: u}
	e.ExtendBaseWidget(e)
	return e
}

func newKeyMultiLineEntry(u *ui) *keyEntry {
	e := newKeyEntry(u)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if !e.u.shortcut(s) {
		e.Entry.TypedShortcut(s)
	}
}

func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyEscape && e.u.dialogKey(ev.Name):
	case (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && !e.MultiLine && e.OnSubmitted == nil && e.u.dialogKey(ev.Name):
	default:
		e.Entry.TypedKey(ev)
	}
}
