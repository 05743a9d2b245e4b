package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

var ctrlS = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}

// TestCtrlSInTextField: Ctrl+S typed while the cursor is in the reason
// field asks where to save; Enter in that dialog saves, so the marked copy
// is written; Esc closes the 完成 dialog.
func TestCtrlSInTextField(t *testing.T) {
	u := newTestUI(t)
	f := openDraft(t, u, "000-plain.docx")
	f.setAttribute("public")
	u.win.Canvas().Focus(f.reason)
	test.Type(f.reason, "依法主动公开")
	f.reason.TypedShortcut(ctrlS)
	if len(u.dialogKeys) != 1 {
		t.Fatal("Ctrl+S in the reason field did not start saving")
	}
	if f.reason.Text != "依法主动公开" {
		t.Errorf("Ctrl+S changed the field's text to %q", f.reason.Text)
	}
}

func TestEnterConfirmsAndEscCancelsSaveDialog(t *testing.T) {
	u := newTestUI(t)
	f := openDraft(t, u, "000-plain.docx")
	f.setAttribute("public")
	out := filepath.Join(t.TempDir(), "out.docx")
	u.mark.save()
	if len(u.dialogKeys) != 1 {
		t.Fatalf("the save dialog has %d key handlers, want 1", len(u.dialogKeys))
	}
	// Esc cancels: no output, no dialog keys left.
	u.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(u.dialogKeys) != 0 || f.last != nil {
		t.Fatalf("Esc left %d dialogs open, last %v", len(u.dialogKeys), f.last)
	}
	// Enter in the path field saves.
	u.mark.save()
	e := u.win.Canvas().Focused().(*keyEntry)
	e.SetText(out)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.last == nil || f.last.Err != nil {
		t.Fatalf("Enter in the save dialog did not mark: %+v", f.last)
	}
	// The 完成 dialog is open; Esc closes it.
	if len(u.dialogKeys) != 1 {
		t.Fatalf("after saving %d dialogs have keys, want the 完成 dialog", len(u.dialogKeys))
	}
	u.dialogKey(fyne.KeyEscape)
	if len(u.dialogKeys) != 0 {
		t.Error("Esc did not close the 完成 dialog")
	}
}
