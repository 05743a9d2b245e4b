package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/settings"
)

// newTestUI builds the window on a test app with its own data folder and
// audit log, running background work inline so results are there when a
// call returns.
func newTestUI(t *testing.T) *ui { return newTestUIWith(t, nil) }

// newTestUIWith is newTestUI with settings changed by edit before the
// window is built (nil for none).
func newTestUIWith(t *testing.T, edit func(*settings.Settings)) *ui {
	t.Helper()
	home := t.TempDir()
	t.Setenv("DOCATTR_HOME", home)
	t.Setenv("DOCATTR_DB", "")
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	set := settings.Default()
	set.Name = "测试员"
	if edit != nil {
		edit(&set)
	}
	u := &ui{app: a, win: w, set: set, sync: true, dbPath: filepath.Join(home, "audit.db")}
	buildUI(u)
	return u
}

// corpus returns a draft of the shared corpus, skipping when it is absent.
func corpus(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "corpus", "gongwen", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus draft %s not available", name)
	}
	return p
}

func openDraft(t *testing.T, u *ui, name string) *markForm {
	t.Helper()
	u.open(corpus(t, name))
	if u.mark.cur == nil {
		t.Fatalf("open %s: no draft shown", name)
	}
	return u.mark.form
}

func TestOpenShowsDraftAndRemembersIt(t *testing.T) {
	u := newTestUI(t)
	openDraft(t, u, "000-pii.docx")
	if !strings.Contains(u.mark.info.Text, "标题：") || !strings.Contains(u.mark.info.Text, "成文日期") {
		t.Errorf("info does not describe the draft: %q", u.mark.info.Text)
	}
	if u.mark.findingCount() == 0 {
		t.Error("the PII draft shows no findings")
	}
	if len(u.set.RecentFile) == 0 || !strings.HasSuffix(u.set.RecentFile[0], "000-pii.docx") {
		t.Errorf("recent files %v do not start with the opened draft", u.set.RecentFile)
	}
	u.mark.findings.Select(0) // scrolls the preview; must not panic
	u.mark.applySuggestion()
	want := u.mark.cur.report.Suggestion.Attribute
	if t := u.mark.redactTarget(u.mark.cur.report.Suggestion); t != "" {
		want = t // 遮盖后主动公开
	}
	if u.mark.form.attributeID() != want {
		t.Errorf("采用建议 chose %q, want %q", u.mark.form.attributeID(), want)
	}
}

func TestOpenBrokenFileKeepsWindowAlive(t *testing.T) {
	u := newTestUI(t)
	bad := filepath.Join(t.TempDir(), "坏.docx")
	os.WriteFile(bad, []byte("not a zip"), 0o600)
	u.open(bad)
	if u.mark.cur != nil {
		t.Error("a broken file was shown as a draft")
	}
}

func TestMarkPlainDraftRecordsEventInLogTable(t *testing.T) {
	u := newTestUI(t)
	f := openDraft(t, u, "000-plain.docx")
	f.attribute.SetSelected("主动公开")
	if f.saveBtn.Disabled() {
		t.Fatalf("save disabled for a plain public draft: %s", f.problems.Text)
	}
	out := filepath.Join(t.TempDir(), "out.docx")
	u.mark.markTo(out)
	if f.last == nil || f.last.Err != nil {
		t.Fatalf("marking failed: %+v", f.last)
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("no output: %v", err)
	}
	u.tabs.SelectIndex(2) // the 日志 tab reloads on selection
	if u.log.total != 1 {
		t.Fatalf("log table shows %d rows, want 1", u.log.total)
	}
	e := u.log.eventAt(0)
	if e == nil || e.Type != audit.TypeMark || e.Attribute != attr.Public || e.File != "000-plain.docx" {
		t.Fatalf("row 0 = %+v", e)
	}
	if got := logColumns[5].cell(e); got != "主动公开" {
		t.Errorf("attribute column %q", got)
	}
	u.log.docID.SetText("no-such-doc")
	u.log.reload()
	if u.log.total != 0 {
		t.Errorf("filter by unknown doc id shows %d rows", u.log.total)
	}
	u.log.verify()
	if !strings.Contains(u.log.status.Text, "完好") {
		t.Errorf("verify status %q", u.log.status.Text)
	}
}

func TestWithheldWithoutReasonCannotBeSaved(t *testing.T) {
	u := newTestUI(t)
	f := openDraft(t, u, "000-plain.docx")
	f.attribute.SetSelected("不予公开")
	f.basis.SetSelected("条例第十六条第一款")
	if !f.saveBtn.Disabled() || !strings.Contains(f.problems.Text, "须说明理由") {
		t.Fatalf("missing reason: disabled=%v problems=%q", f.saveBtn.Disabled(), f.problems.Text)
	}
	test.Type(f.reason, "属于内部工作流程信息")
	if f.saveBtn.Disabled() {
		t.Errorf("still disabled with a reason: %q", f.problems.Text)
	}
}

func TestSecretDraftMarkedPublicIsRefused(t *testing.T) {
	u := newTestUI(t)
	f := openDraft(t, u, "000-secret.docx")
	if f.secrecy.Selected == "无" {
		t.Fatalf("the secret draft's level was not taken over (found %q)", u.mark.cur.analysis.SecrecyText)
	}
	f.attribute.SetSelected("主动公开")
	if !f.saveBtn.Disabled() || !strings.Contains(f.problems.Text, "不能主动公开") {
		t.Fatalf("secret+public: disabled=%v problems=%q", f.saveBtn.Disabled(), f.problems.Text)
	}
	// The engine refuses too, whatever the window shows.
	f.ack.SetText("测试")
	out := filepath.Join(t.TempDir(), "out.docx")
	u.mark.markTo(out)
	if f.last == nil || f.last.Err == nil {
		t.Fatal("the marker accepted a secret document as 主动公开")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused marking left an output file")
	}
}

func TestBlockingFindingsNeedAcknowledgement(t *testing.T) {
	u := newTestUI(t)
	f := openDraft(t, u, "000-pii.docx")
	if len(u.mark.cur.blocking()) == 0 {
		t.Skip("corpus draft has no blocking findings")
	}
	f.attribute.SetSelected("依申请公开")
	f.basis.SetSelected("条例第十五条")
	test.Type(f.reason, "含有个人隐私")
	if !f.ackBox.Visible() || !f.saveBtn.Disabled() || !strings.Contains(f.problems.Text, "确认说明") {
		t.Fatalf("blocking findings: ack visible=%v disabled=%v problems=%q", f.ackBox.Visible(), f.saveBtn.Disabled(), f.problems.Text)
	}
	test.Type(f.ack, "已遮盖后另行提供")
	if f.saveBtn.Disabled() {
		t.Fatalf("still disabled after acknowledging: %q", f.problems.Text)
	}
	u.mark.markTo(filepath.Join(t.TempDir(), "pii.docx"))
	if f.last.Err != nil {
		t.Fatalf("acknowledged marking failed: %v", f.last.Err)
	}
	if f.last.Event.Acknowledged != "已遮盖后另行提供" {
		t.Errorf("event acknowledgement %q", f.last.Event.Acknowledged)
	}
}

func TestSecondProcessHoldingLogGivesMessage(t *testing.T) {
	u := newTestUI(t)
	held, err := audit.Open(u.dbPath, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	u.log.verify()
	if u.log.status.Text != "校验失败" {
		t.Errorf("status %q while another process holds the log", u.log.status.Text)
	}
}
