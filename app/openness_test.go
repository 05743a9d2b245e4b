package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/docattr/docattr/internal/catalog"
	"github.com/docattr/docattr/internal/due"
)

// markPublic marks a corpus draft 主动公开 through the mark screen.
func markPublic(t *testing.T, u *ui, name string) {
	t.Helper()
	f := openDraft(t, u, name)
	f.attribute.SetSelected("主动公开")
	u.mark.markTo(filepath.Join(t.TempDir(), "out.docx"))
}

// The 目录 tab lists the year's public documents (unsigned ones on
// request) and exports the same XLSX as the CLI.
func TestCatalogTabListsAndExports(t *testing.T) {
	u := newTestUI(t)
	markPublic(t, u, "000-plain.docx") // dated 2018-02-27
	u.catalog.year.SetText("2018")
	u.catalog.reload()
	if len(u.catalog.entries) != 0 {
		t.Errorf("unsigned document listed by default: %+v", u.catalog.entries)
	}
	u.catalog.unsigned.SetChecked(true) // reloads
	if len(u.catalog.entries) != 1 || u.catalog.entries[0].Date != "2018-02-27" || !strings.Contains(u.catalog.status.Text, "1 条") {
		t.Fatalf("entries %+v, status %q", u.catalog.entries, u.catalog.status.Text)
	}
	p := filepath.Join(t.TempDir(), "目录.xlsx")
	u.catalog.exportTo(p, catalog.FormatXLSX)
	x, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatalf("%v (status %q)", err, u.catalog.status.Text)
	}
	defer x.Close()
	if v, _ := x.GetCellValue(catalog.SheetName, "A2"); v != u.catalog.entries[0].IndexNo || v == "" {
		t.Errorf("A2 = %q, want %q", v, u.catalog.entries[0].IndexNo)
	}
	u.catalog.year.SetText("18")
	u.catalog.reload()
	if !strings.Contains(u.catalog.status.Text, "四位年份") {
		t.Errorf("bad year: status %q", u.catalog.status.Text)
	}
}

// The 待办 tab shows what falls due and its count on the tab.
func TestDueTabShowsItemsWithBadge(t *testing.T) {
	u := newTestUI(t)
	if u.due.tab.Text != "待办" {
		t.Errorf("empty log: tab %q", u.due.tab.Text)
	}
	markPublic(t, u, "000-plain.docx")
	u.due.today = func() time.Time { return time.Date(2018, 3, 1, 9, 0, 0, 0, time.UTC) }
	u.due.within.SetText("40")
	u.due.reload()
	if len(u.due.items) != 1 || u.due.items[0].Kind != due.Unpublished || u.due.tab.Text != "待办（1）" {
		t.Fatalf("items %+v, tab %q", u.due.items, u.due.tab.Text)
	}
	if line := dueLine(u.due.items[0]); !strings.Contains(line, "20个工作日") || !strings.Contains(line, "2018-02-27") {
		t.Errorf("line %q", line)
	}
	u.due.within.SetText("x")
	u.due.reload()
	if !strings.Contains(u.due.status.Text, "天数") {
		t.Errorf("status %q", u.due.status.Text)
	}
}
