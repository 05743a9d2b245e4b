package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynelang "fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/review"
	"github.com/docattr/docattr/internal/scan"
)

// internalCode matches what people must never read in the window: ids of
// kinds, attributes and checklist items, CLI flags and commands, Go's
// English file errors.
var internalCode = regexp.MustCompile(`id_card|bank_card|\bpublic\b|on-request|withheld|no_secret|no_personal_data|` +
	`--[a-z]|docattr [a-z]|no such file|zip: |\bopen /`)

func assertChinese(t *testing.T, where, s string) {
	t.Helper()
	if internalCode.MatchString(s) {
		t.Errorf("%s shows an internal code: %q", where, s)
	}
	if !regexp.MustCompile(`\p{Han}`).MatchString(s) {
		t.Errorf("%s is not Chinese: %q", where, s)
	}
}

// TestEveryLabelIsChinese walks the label tables the app, the exports and
// the statistics read.
func TestEveryLabelIsChinese(t *testing.T) {
	for _, k := range scan.Kinds() {
		zh, _ := scan.KindLabel(k)
		assertChinese(t, "kind "+k, zh)
	}
	for _, a := range attr.Attributes([]string{attr.Redacted}) {
		assertChinese(t, "attribute "+a.ID, a.Zh)
		assertChinese(t, "export value of "+a.ID, audit.AttributeLabel(a.ID))
	}
	for _, r := range []string{review.RoleDrafter, review.RoleSecrecy, review.RoleOpenness, review.RoleSigner} {
		assertChinese(t, "role "+r, review.RoleName(r))
	}
	for _, it := range review.Checklist() {
		assertChinese(t, "checklist item "+it.ID, review.ItemLabel(it.ID))
	}
	for _, typ := range audit.EventTypes() {
		assertChinese(t, "event type "+typ, audit.TypeLabel(typ))
	}
}

// TestRefusalsAreChinese: the errors a user meets at the door come out of
// msg.Zh in Chinese, Go's file and zip errors included.
func TestRefusalsAreChinese(t *testing.T) {
	dir := t.TempDir()
	notZip := filepath.Join(dir, "坏文件.docx")
	if err := os.WriteFile(notZip, []byte("this is not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, missing := docx.Open(filepath.Join(dir, "不存在.docx"))
	_, broken := docx.Open(notZip)
	_, perm := os.ReadFile(dir + "/none/x")
	cases := map[string]error{
		"missing file":  missing,
		"not a zip":     broken,
		"bare os error": perm,
		"disabled attr": attr.CheckEnabled(attr.Redacted, nil),
		"bad date":      func() error { _, err := audit.ParseDay("2026/13/1", nil); return err }(),
	}
	for name, err := range cases {
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		assertChinese(t, name, msg.Zh(err))
	}
}

// TestEngineMessagesNameNoFlags reads every Chinese message the engine
// can hand the app (msg.New/Newf's zh argument, a finding's Message) from
// the source: none may name a CLI flag, a command or an internal id. The
// CLI (internal/cli) is the one place flags belong, and in the English
// half everywhere.
func TestEngineMessagesNameNoFlags(t *testing.T) {
	root := filepath.Join("..", "internal")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "cli" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			var zh ast.Node
			switch n := n.(type) {
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				name := sel.Sel.Name
				if id, ok := sel.X.(*ast.Ident); !ok || (id.Name != "msg" && f.Name.Name != "msg") {
					return true
				}
				switch {
				case name == "New" && len(n.Args) == 3:
					zh = n.Args[1]
				case name == "Newf" && len(n.Args) == 4:
					zh = n.Args[2]
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && (k.Name == "Message" || k.Name == "Zh") {
					zh = n.Value
				}
			}
			if zh == nil {
				return true
			}
			ast.Inspect(zh, func(m ast.Node) bool {
				if lit, ok := m.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					if internalCode.MatchString(s) {
						t.Errorf("%s: Chinese text names an internal code: %q", fset.Position(lit.Pos()), s)
					}
				}
				return true
			})
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAppTextsNameNoFlags: every Chinese string literal of the app itself
// is free of internal codes too.
func TestAppTextsNameNoFlags(t *testing.T) {
	han := regexp.MustCompile(`\p{Han}`)
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, _ := strconv.Unquote(lit.Value)
				if han.MatchString(s) && internalCode.MatchString(s) {
					t.Errorf("%s: %q", fset.Position(lit.Pos()), s)
				}
			}
			return true
		})
	}
}

// TestFyneSpeaksChinese: Fyne's dialog buttons are 确定/取消 and no Select
// shows Fyne's untranslated "(Select one)", whatever the system locale.
func TestFyneSpeaksChinese(t *testing.T) {
	useChineseFyne()
	for in, want := range map[string]string{"Yes": "确定", "No": "取消", "OK": "确定", "Cancel": "取消", "Save": "保存"} {
		if got := fynelang.L(in); got != want {
			t.Errorf("Fyne says %q for %q, want %q", got, in, want)
		}
	}
	u := newTestUI(t)
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Select:
			if o.PlaceHolder == "" || strings.Contains(o.PlaceHolder, "Select one") {
				t.Errorf("a Select with options %v shows Fyne's English placeholder", o.Options)
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(u.win.Content())
}
