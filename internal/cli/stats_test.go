package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/settings"
)

// statsLog writes marks across 2026 (and one in 2025) with chosen times.
func statsLog(t *testing.T, db string) {
	t.Helper()
	l, err := audit.Open(db, audit.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	cst := time.FixedZone("CST", 8*3600)
	for _, e := range []audit.Event{
		{DocID: "a", Attribute: "public", Actor: settings.Actor{Name: "张三"}, Time: time.Date(2026, 1, 5, 9, 0, 0, 0, cst)},
		{DocID: "b", Attribute: "withheld", Basis: "条例第十六条第一款", Actor: settings.Actor{Name: "李四"}, Time: time.Date(2026, 4, 5, 9, 0, 0, 0, cst)},
		{DocID: "b", Attribute: "withheld", Basis: "条例第十五条", Actor: settings.Actor{Name: "李四"}, Time: time.Date(2026, 6, 5, 9, 0, 0, 0, cst)},
		{DocID: "c", Attribute: "on-request", Basis: "条例第二十七条", Actor: settings.Actor{Name: "张三"}, Time: time.Date(2026, 6, 9, 9, 0, 0, 0, cst)},
		{DocID: "d", Attribute: "public", Actor: settings.Actor{Name: "张三"}, Time: time.Date(2025, 12, 9, 9, 0, 0, 0, cst)},
	} {
		e.Type = audit.TypeMark
		sign := e // the signer issues each as its latest mark proposes
		sign.Type, sign.Time = audit.TypeReviewSign, e.Time.Add(time.Hour)
		if _, err := l.Append(e, sign); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStatsCommandFormats(t *testing.T) {
	db := sandbox(t)
	statsLog(t, db)
	code, stdout, errs := run("--db", db, "stats", "--year", "2026")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"已签发文件 / signed documents: 3", "第十五条：保护第三方合法权益", "张三", "6月"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text lacks %q:\n%s", want, stdout)
		}
	}
	dir := t.TempDir()
	csvPath, xlsxPath := filepath.Join(dir, "s.csv"), filepath.Join(dir, "s.xlsx")
	if code, _, errs := run("--db", db, "stats", "-o", csvPath, "--year", "2026"); code != 0 {
		t.Fatalf("csv: exit %d: %s", code, errs)
	}
	b, _ := os.ReadFile(csvPath)
	if !strings.HasPrefix(string(b), "\uFEFF") || !strings.Contains(string(b), "6月,0,1,1,2\r\n") {
		t.Errorf("csv:\n%s", b)
	}
	if code, _, errs := run("--db", db, "stats", "--year", "2026", "--format", "xlsx", "-o", xlsxPath); code != 0 {
		t.Fatalf("xlsx: exit %d: %s", code, errs)
	}
	x, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if v, _ := x.GetCellValue("按公开属性", "B5"); v != "3" {
		t.Errorf("xlsx total = %q, want 3", v)
	}
	if fi, _ := os.Stat(xlsxPath); fi.Mode().Perm() != 0o600 {
		t.Errorf("xlsx mode %v, want 0600 (it names drafters)", fi.Mode().Perm())
	}
}

func TestStatsCommandUsage(t *testing.T) {
	db := sandbox(t)
	for _, args := range [][]string{
		{"stats"}, {"stats", "--year", "26"}, {"stats", "--year", "2026", "--format", "pdf"},
		{"stats", "--year", "2026", "--format", "xlsx"}, {"stats", "--year", "2026", "extra"},
	} {
		if code, _, _ := run(append([]string{"--db", db}, args...)...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
	// No log yet: an empty year, not an error, and no log created.
	if code, stdout, errs := run("--db", db, "stats", "--year", "2026"); code != 0 || !strings.Contains(stdout, "documents: 0") {
		t.Errorf("exit %d: %s %s", code, stdout, errs)
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("stats created a log")
	}
}
