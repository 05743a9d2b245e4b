package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/officedb"
	"github.com/docattr/docattr/internal/officedb/pgtest"
)

// officeHome is an installation with a login to the office database.
func officeHome(t *testing.T, srv *pgtest.Server, db, role, group, name string, roles ...string) *home {
	t.Helper()
	h := newHome(t, name, roles...)
	ctx := context.Background()
	if err := srv.Exec(ctx, db, "CREATE ROLE "+role+" LOGIN PASSWORD 'pw-"+role+"' IN ROLE "+group); err != nil {
		t.Fatal(err)
	}
	pw := filepath.Join(h.dir, "office-db.password")
	if err := os.WriteFile(pw, []byte("pw-"+role+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.ok("settings", "set", "office-db", srv.URL(role, db), "office-db-password-file", pw)
	return h
}

// Three desks mark and review, one of them offline for part of the run;
// every event reaches the office database exactly once; the office views
// match what importing the desks' exports gives; tampering is reported.
func TestOfficeDatabaseEndToEnd(t *testing.T) {
	srv := pgtest.New(t)
	ctx := context.Background()
	if err := srv.Exec(ctx, "postgres", "CREATE DATABASE office"); err != nil {
		t.Fatal(err)
	}
	if err := srv.Exec(ctx, "office", officedb.Schema); err != nil {
		t.Fatal(err)
	}
	zhang := officeHome(t, srv, "office", "desk_zhang", "docattr_desk", "张三", "drafter")
	wang := officeHome(t, srv, "office", "desk_wang", "docattr_desk", "王五", "secrecy", "signer")
	li := officeHome(t, srv, "office", "desk_li", "docattr_desk", "李四", "drafter")
	zhao := officeHome(t, srv, "office", "office_zhao", "docattr_office", "赵六", "secrecy")
	zp, wp := zhang.pub(), wang.pub()
	zhang.ok("review", "keyring", "add", "王五", wp)
	wang.ok("review", "keyring", "add", "张三", zp)

	shared := t.TempDir()
	draft := func(h *home, src, name string, args ...string) string {
		t.Helper()
		out := filepath.Join(shared, name+".docx")
		h.ok(append([]string{"mark", corpus(t, src), "-o", out}, args...)...)
		return out
	}
	// 张三 drafts three documents and submits them; 王五 signs the first.
	draft(zhang, "000-plain.docx", "办法", "--attr", "public", "--type", "规范性文件")
	draft(zhang, "001-plain.docx", "通知", "--attr", "on-request", "--basis", "条例第二十七条", "--reason", "涉及面窄")
	draft(zhang, "000-process.docx", "请示", "--attr", "withheld", "--basis", "条例第十六条第二款", "--reason", "属于请示报告")
	for _, n := range []string{"办法", "通知", "请示"} {
		zhang.ok("review", "submit", filepath.Join(shared, n+".docx"))
	}
	if out := zhang.ok("sync"); !strings.Contains(out, "已同步至第") {
		t.Errorf("sync: %s", out)
	}
	wang.ok("review", "approve", filepath.Join(shared, "办法-送审.docx"), "--role", "secrecy", "--checklist", "ok")
	wang.ok("review", "sign", filepath.Join(shared, "办法-保密审查.docx"))
	wang.ok("review", "return", filepath.Join(shared, "请示-送审.docx"), "--role", "secrecy", "--comment", "请补充依据")
	wang.ok("sync")

	// 李四 works while the database is unreachable: the work goes on, sync says what waits.
	t.Setenv(officedb.EnvURL, "postgres://desk_li@/office?host="+t.TempDir()+"&port=5999&sslmode=disable")
	draft(li, "002-plain.docx", "公告", "--attr", "public")
	code, _, errs := li.run("sync")
	if code != ExitFailure || !strings.Contains(errs, "离线，待同步") {
		t.Errorf("offline sync: exit %d %s", code, errs)
	}
	draft(li, "001-secret.docx", "密件", "--attr", "withheld", "--basis", "条例第十四条", "--secrecy", "秘密", "--reason", "属于国家秘密")
	os.Unsetenv(officedb.EnvURL)
	li.ok("sync")
	li.ok("sync") // idempotent
	zhang.ok("sync")

	// Every local event is in the database exactly once.
	admin, err := srv.Admin(ctx, "office")
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	total := 0
	for _, h := range []*home{zhang, wang, li} {
		total += int(localHead(t, h))
	}
	var rows, distinct int
	admin.QueryRow(ctx, `SELECT count(*), count(DISTINCT (installation, seq)) FROM docattr_events`).Scan(&rows, &distinct)
	if rows != total || distinct != total {
		t.Errorf("%d rows, %d distinct, %d local events", rows, distinct, total)
	}

	// The same data through audit import.
	imp := newHome(t, "导入", "openness")
	for role, h := range map[string]*home{"desk_zhang": zhang, "desk_wang": wang, "desk_li": li} {
		p := filepath.Join(h.dir, "x.jsonl")
		h.ok("audit", "export", "--format", "jsonl", "-o", p)
		imp.ok("audit", "import", "--source", role, p)
	}
	for _, year := range []string{"2018", "2024"} {
		got := zhao.ok("office", "stats", "--year", year, "--format", "csv")
		want := imp.ok("stats", "--year", year, "--format", "csv", "--include-imported")
		if got != want {
			t.Errorf("office stats %s:\n%s\nimport gives:\n%s", year, got, want)
		}
	}
	if got, want := zhao.ok("office", "due", "--json", "--today", "2019-01-10", "--within", "400"),
		imp.ok("due", "--json", "--today", "2019-01-10", "--within", "400", "--include-imported"); got != want || len(got) < 10 {
		t.Errorf("office due:\n%s\nimport gives:\n%s", got, want)
	}
	c1, c2 := filepath.Join(t.TempDir(), "a.csv"), filepath.Join(t.TempDir(), "b.csv")
	zhao.ok("office", "catalog", "export", "--year", "2018", "-o", c1, "--include-unsigned")
	imp.ok("catalog", "export", "--year", "2018", "-o", c2, "--include-unsigned", "--include-imported")
	if a, b := readFile(t, c1), readFile(t, c2); a != b {
		t.Errorf("office catalog:\n%s\nimport gives:\n%s", a, b)
	}

	// The inbox across the office: 通知 waits for the secrecy review, 请示 went back to its drafter.
	var items []officedb.InboxItem
	if err := json.Unmarshal([]byte(zhao.ok("office", "inbox", "--all", "--json")), &items); err != nil {
		t.Fatal(err)
	}
	waits := map[string]string{}
	for _, it := range items {
		waits[strings.TrimSuffix(it.File, ".docx")] = it.Waits
	}
	if len(items) != 2 || waits["通知-送审"] != "secrecy" || waits["请示-退回"] != "drafter" {
		t.Errorf("inbox %+v", items)
	}
	if out := zhao.ok("office", "inbox"); !strings.Contains(out, "待保密审查") || strings.Contains(out, "待拟稿") {
		t.Errorf("inbox for the secrecy role:\n%s", out)
	}

	// A desk's login sees its own rows only.
	if out := zhang.ok("office", "verify"); !strings.Contains(out, "desk_zhang") || strings.Contains(out, "desk_wang") {
		t.Errorf("a desk's view of the office:\n%s", out)
	}

	// Verify passes, then tampering as the owner is reported.
	if out := zhao.ok("office", "verify"); !strings.Contains(out, "校验通过") || !strings.Contains(out, "desk_li") {
		t.Errorf("verify:\n%s", out)
	}
	if err := srv.Exec(ctx, "office", `SET session_replication_role = replica;
		DELETE FROM docattr_events WHERE installation = 'desk_wang' AND seq = 2`); err != nil {
		t.Fatal(err)
	}
	code, out, _ := zhao.run("office", "verify")
	if code != ExitFailure || !strings.Contains(out, "desk_wang") || !strings.Contains(out, "被删除") {
		t.Errorf("tampered verify: exit %d\n%s", code, out)
	}
	if code, _, errs := zhao.run("office", "stats", "--year", "2018"); code != ExitFailure || !strings.Contains(errs, "office verify") {
		t.Errorf("stats over a tampered chain: exit %d %s", code, errs)
	}
}

func localHead(t *testing.T, h *home) uint64 {
	t.Helper()
	var st struct {
		Local uint64 `json:"local"`
	}
	if err := json.Unmarshal([]byte(h.ok("sync", "--json")), &st); err != nil {
		t.Fatal(err)
	}
	return st.Local
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestOfficeSettingsRefuseSecretsInTheOpen(t *testing.T) {
	h := newHome(t, "张三", "drafter")
	t.Setenv(officedb.EnvURL, "")
	if code, _, errs := h.run("settings", "set", "office-db", "postgres://desk:secret@db/docattr"); code != ExitUsage || !strings.Contains(errs, "不要写密码") {
		t.Errorf("password in the URL accepted: %d %s", code, errs)
	}
	pw := filepath.Join(h.dir, "pw")
	os.WriteFile(pw, []byte("secret\n"), 0o644)
	os.Chmod(pw, 0o644)
	if code, _, errs := h.run("settings", "set", "office-db-password-file", pw); code == ExitOK || !strings.Contains(errs, "chmod 600") {
		t.Errorf("world-readable password file accepted: %d %s", code, errs)
	}
	os.Chmod(pw, 0o600)
	h.ok("settings", "set", "office-db", "postgres://desk@db.intranet/docattr", "office-db-password-file", pw)
	if out := h.ok("settings", "show"); !strings.Contains(out, "office-db=postgres://desk@db.intranet/docattr") {
		t.Errorf("settings show:\n%s", out)
	}
	h.ok("settings", "set", "office-db", "")
	h.refused("未设置办公室数据库", "sync")
	h.refused("未设置办公室数据库", "office", "verify")
	if out := h.ok("office", "schema"); !strings.Contains(out, "ROW LEVEL SECURITY") {
		t.Errorf("schema:\n%.200s", out)
	}
}
