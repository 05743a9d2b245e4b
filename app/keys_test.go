package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
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

// TestEscClosesOpenAndCleanDialogs: the file dialog (Ctrl+O) and 清理隐藏信息…
// take Esc like every other dialog.
func TestEscClosesOpenAndCleanDialogs(t *testing.T) {
	u := newTestUI(t)
	openDraft(t, u, "000-plain.docx")
	for name, show := range map[string]func(){
		"open": func() {
			u.shortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault})
		},
		"clean": u.mark.cleanHidden,
	} {
		show()
		if len(u.dialogKeys) != 1 {
			t.Fatalf("%s: %d dialogs take keys, want 1", name, len(u.dialogKeys))
		}
		if !u.dialogKey(fyne.KeyEscape) || len(u.dialogKeys) != 0 {
			t.Errorf("%s: Esc left the dialog open", name)
		}
		if o := u.win.Canvas().Overlays().Top(); o != nil {
			t.Errorf("%s: an overlay is still shown after Esc", name)
		}
	}
}

// TestEveryDialogTakesKeys: a dialog built in the app is given its Enter
// and Esc (keyed, keyedConfirm, keyedInfo, keyedSafe, showFileDialog) in
// the function that builds it; the dialog.Show* shortcuts, which return
// nothing to key, are not used.
func TestEveryDialogTakesKeys(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			fn, ok := n.(*ast.FuncLit)
			var body *ast.BlockStmt
			if ok {
				body = fn.Body
			} else if d, ok := n.(*ast.FuncDecl); ok {
				body = d.Body
			}
			if body == nil {
				return true
			}
			built, keyed := token.NoPos, false
			ast.Inspect(body, func(n ast.Node) bool {
				if _, ok := n.(*ast.FuncLit); ok && n != fn {
					return false // its own turn
				}
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "dialog" {
					switch {
					case strings.HasPrefix(sel.Sel.Name, "Show"):
						t.Errorf("%s: dialog.%s cannot be keyed; build the dialog and key it", fset.Position(sel.Pos()), sel.Sel.Name)
					case strings.HasPrefix(sel.Sel.Name, "New") && built == token.NoPos:
						built = sel.Pos()
					}
				}
				if strings.HasPrefix(sel.Sel.Name, "keyed") || sel.Sel.Name == "showFileDialog" {
					keyed = true
				}
				return true
			})
			if built != token.NoPos && !keyed {
				t.Errorf("%s: a dialog built here is not given Enter and Esc", fset.Position(built))
			}
			return true
		})
	}
}
