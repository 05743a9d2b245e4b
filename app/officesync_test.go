package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/officedb"
	"github.com/docattr/docattr/internal/officedb/pgtest"
	"github.com/docattr/docattr/internal/settings"
)

// markOne marks a corpus draft through the window.
func markOne(t *testing.T, u *ui) {
	t.Helper()
	f := openDraft(t, u, "000-plain.docx")
	f.attribute.SetSelected("主动公开")
	u.mark.markTo(filepath.Join(t.TempDir(), "out.docx"))
	if f.last == nil || f.last.Err != nil {
		t.Fatalf("marking failed: %+v", f.last)
	}
}

func TestNoOfficeDatabaseNoStatusLine(t *testing.T) {
	t.Setenv(officedb.EnvURL, "")
	u := newTestUI(t)
	markOne(t, u)
	if u.officeTab != nil {
		t.Error("全局待办 tab without an office database")
	}
	if u.office.label.Visible() {
		t.Errorf("status line without an office database: %q", u.office.label.Text)
	}
	if u.catalog.wide != nil || u.due.wide != nil {
		t.Error("全单位 option on 目录 or 待办 without an office database")
	}
}

// A desk marks while the database is down, then syncs when it is back;
// the status line says so each time.
func TestStatusLineOfflineThenSynced(t *testing.T) {
	srv := pgtest.New(t)
	ctx := context.Background()
	if err := srv.Exec(ctx, "postgres", "CREATE DATABASE office"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Exec(ctx, "office", officedb.Schema, "CREATE ROLE desk_app LOGIN PASSWORD 'pw' IN ROLE docattr_desk"); err != nil {
		t.Fatal(err)
	}
	t.Setenv(officedb.EnvURL, "postgres://desk_app@/office?host="+t.TempDir()+"&port=5999&sslmode=disable")
	pw := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pw, []byte("pw\n"), 0o600)
	u := newTestUIWith(t, func(s *settings.Settings) { s.OfficeDBPasswordFile = pw })
	markOne(t, u)
	if got := u.office.label.Text; !u.office.label.Visible() || !strings.Contains(got, "离线，待同步 1 条") {
		t.Errorf("offline: %q", got)
	}
	t.Setenv(officedb.EnvURL, srv.URL("desk_app", "office"))
	markOne(t, u)
	if got := u.office.label.Text; !strings.Contains(got, "已同步至第 2 条") {
		t.Errorf("online: %q", got)
	}

	// The 全局待办 tab: a submission synced from this desk waits for the
	// secrecy review; the database verifies. (The review flow itself and
	// the office-wide view are tested in internal/cli.)
	if u.officeTab == nil {
		t.Fatal("no 全局待办 tab with an office database configured")
	}
	if err := u.withLog(func(l *audit.Log) error {
		_, err := l.Append(audit.Event{Type: audit.TypeReviewSubmit, DocID: "doc-1", Attribute: "public", File: "草稿.docx",
			Actor:   settings.Actor{Name: "测试员"},
			Details: map[string]string{"decision": "submit", "role": "drafter", "step": "1", "step_hash": "h1", "prev": "p0", "output": "/x/草稿-送审.docx"}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	u.set.Roles = []string{"secrecy"}
	u.officeTab.reload()
	if len(u.officeTab.items) != 1 || !strings.Contains(inboxLine(u.officeTab.items[0]), "待保密审查") {
		t.Errorf("inbox %+v: %s", u.officeTab.items, u.officeTab.status.Text)
	}
	// 目录 and 待办 read every desk's events from the database when 全单位
	// is ticked, and give what this desk's log gives (one desk here).
	if u.catalog.wide == nil || u.due.wide == nil {
		t.Fatal("no 全单位 option on 目录 and 待办 with an office database configured")
	}
	u.catalog.year.SetText("2018")      // the draft's 成文日期
	u.catalog.unsigned.SetChecked(true) // reloads
	local := len(u.catalog.entries)
	u.catalog.wide.SetChecked(true)
	if len(u.catalog.entries) != local || local == 0 {
		t.Errorf("目录 from the database has %d entries, this desk's log %d (%s)", len(u.catalog.entries), local, u.catalog.status.Text)
	}
	u.due.wide.SetChecked(true)
	if strings.Contains(u.due.status.Text, "失败") {
		t.Errorf("待办 from the database: %s", u.due.status.Text)
	}
	u.officeTab.verify()
	if got := u.officeTab.status.Text; !strings.Contains(got, "校验通过：1 个岗位共 3 条事件") {
		t.Errorf("verify: %q", got)
	}
}
