package catalog

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/docattr/docattr/internal/audit"
)

var cst = time.FixedZone("CST", 8*3600)

func TestIndexNumberPattern(t *testing.T) {
	c := Config{OrgCode: "ABC", Pattern: DefaultPattern}
	if got := c.IndexNumber(2026, 7); got != "ABC/2026-00007" {
		t.Errorf("got %q", got)
	}
	c.Pattern = "{年}{序号}"
	if got := c.IndexNumber(2026, 12); got != "202612" {
		t.Errorf("got %q", got)
	}
	dir := t.TempDir()
	for body, ok := range map[string]bool{
		`{"pattern":"{机构代码}-{年}"}`:    false, // no 序号: numbers would repeat
		`{"pattern":"{单位}/{序号}"}`:     false,
		`{"pattern":"{机构代码}/{序号:4}"}`: true,
		`{`: false,
	} {
		p := filepath.Join(dir, "c.json")
		os.WriteFile(p, []byte(body), 0o600)
		if _, err := ReadConfig(p); (err == nil) != ok {
			t.Errorf("%s: err %v", body, err)
		}
	}
	if c, err := ReadConfig(filepath.Join(dir, "none.json")); err != nil || c.Pattern != DefaultPattern {
		t.Errorf("missing file: %v %+v", err, c)
	}
	if DefaultConfig().CheckTopic("天文") == nil || DefaultConfig().CheckTopic("教育") != nil {
		t.Error("topic list not enforced")
	}
}

func ev(typ, doc, attribute string, at time.Time, details map[string]string) audit.Event {
	return audit.Event{Type: typ, DocID: doc, Attribute: attribute, Time: at, Details: details}
}

// Numbers are allocated per unit and year in the order documents first
// appear, never shared, and do not move when a document is signed later
// or events arrive in another order.
func TestEntriesAllocateUniqueNumbers(t *testing.T) {
	evs := []audit.Event{
		ev(audit.TypeMark, "a", "public", time.Date(2026, 1, 5, 9, 0, 0, 0, cst), map[string]string{"issue_date": "2026-01-05", "title": "甲", "doc_number": "某发〔2026〕1号"}),
		ev(audit.TypeReviewSign, "a", "public", time.Date(2026, 1, 6, 9, 0, 0, 0, cst), nil),
		ev(audit.TypeMark, "b", "on-request", time.Date(2026, 1, 7, 9, 0, 0, 0, cst), map[string]string{"issue_date": "2026-01-07"}),
		ev(audit.TypeReviewSign, "b", "public", time.Date(2026, 1, 8, 9, 0, 0, 0, cst), nil),                                     // the signer made it public
		ev(audit.TypeMark, "c", "public", time.Date(2026, 2, 1, 9, 0, 0, 0, cst), map[string]string{"issue_date": "2026-02-01"}), // not signed yet
		ev(audit.TypeMark, "d", "public", time.Date(2026, 3, 1, 9, 0, 0, 0, cst), map[string]string{"issue_date": "2026-03-01"}),
		ev(audit.TypeReviewSign, "d", "public", time.Date(2026, 3, 2, 9, 0, 0, 0, cst), nil),
		ev(audit.TypeLifecycle, "d", "public", time.Date(2026, 4, 1, 9, 0, 0, 0, cst), map[string]string{"state": "expired", "date": "2026-04-01"}),
		ev(audit.TypeLifecycle, "d", "public", time.Date(2026, 4, 2, 9, 0, 0, 0, cst), map[string]string{"state": "published", "date": "2026-04-02", "url": "https://x.gov.cn/d"}),
		ev(audit.TypeLifecycle, "d", "public", time.Date(2026, 4, 3, 9, 0, 0, 0, cst), map[string]string{"state": "declassified", "date": "2026-04-03"}), // no change of validity
		ev(audit.TypeMark, "w", "withheld", time.Date(2026, 1, 1, 9, 0, 0, 0, cst), nil),
	}
	c := Config{OrgCode: "X", Pattern: DefaultPattern, Via: "网站"}
	for _, order := range [][]audit.Event{evs, reversed(evs)} {
		b := NewBuilder()
		for _, e := range order {
			b.Add("某局", e)
		}
		got := map[string]Entry{}
		for _, e := range b.Entries(c, Options{Year: 2026}) {
			got[e.DocID] = e
		}
		if len(got) != 3 || got["a"].IndexNo != "X/2026-00001" || got["b"].IndexNo != "X/2026-00002" || got["d"].IndexNo != "X/2026-00004" {
			t.Fatalf("entries %+v", got)
		}
		if got["a"].Title != "甲" || got["a"].DocNumber != "某发〔2026〕1号" || got["d"].Validity != "已失效" || got["d"].URL != "https://x.gov.cn/d" || got["a"].Publisher != "某局" {
			t.Errorf("fields %+v", got)
		}
		all := b.Entries(c, Options{Year: 2026, IncludeUnsigned: true})
		if len(all) != 4 || all[2].DocID != "c" || all[2].IndexNo != "X/2026-00003" {
			t.Errorf("with unsigned: %+v", all)
		}
	}
}

func reversed(in []audit.Event) []audit.Event {
	out := make([]audit.Event, len(in))
	for i, e := range in {
		out[len(in)-1-i] = e
	}
	return out
}

func TestExportsReadBack(t *testing.T) {
	entries := []Entry{{IndexNo: "X/2026-00001", Title: "=HYPERLINK(\"x\")", Date: "2026-01-05", Validity: "有效"}}
	var c bytes.Buffer
	if err := WriteCSV(&c, entries); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.String(), "'=HYPERLINK") || !strings.HasPrefix(c.String(), "\uFEFF索引号") {
		t.Errorf("csv %q", c.String())
	}
	f := writeAndOpen(t, entries)
	if v, _ := f.GetCellValue(SheetName, "C2"); v != `=HYPERLINK("x")` {
		t.Errorf("title cell %q", v)
	}
	if v, _ := f.GetCellFormula(SheetName, "C2"); v != "" {
		t.Errorf("title became a formula %q", v)
	}
}

// A title that looks like an OOXML escape reads back as typed: excelize
// stores it as a shared string unescaped, where Excel would show
// "_x5BC6_件" as "密件" (see package xstring).
func TestXLSXKeepsTextThatLooksLikeAnEscape(t *testing.T) {
	entries := []Entry{{IndexNo: "X/2026-00002", DocNumber: "_x0041_号", Title: "_x5BC6_件", Date: "2026-01-05", Validity: "有效"}}
	f := writeAndOpen(t, entries)
	for cell, want := range map[string]string{"B2": "_x0041_号", "C2": "_x5BC6_件"} {
		if v, _ := f.GetCellValue(SheetName, cell); v != want {
			t.Errorf("%s reads %q, want %q", cell, v, want)
		}
	}
}

// writeAndOpen writes entries with WriteXLSX and opens the workbook, which
// is closed when the test ends.
func writeAndOpen(t *testing.T, entries []Entry) *excelize.File {
	t.Helper()
	var x bytes.Buffer
	if err := WriteXLSX(&x, entries); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func FuzzReadConfig(f *testing.F) {
	f.Add([]byte(`{"pattern":"{机构代码}/{年}-{序号:5}","topics":["a"]}`))
	f.Add([]byte(`{"pattern":"{序号:9}{序号}"}`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(dir, "c.json")
		os.WriteFile(p, b, 0o600)
		c, err := ReadConfig(p)
		if err == nil {
			_ = c.IndexNumber(2026, 1)
		}
	})
}
