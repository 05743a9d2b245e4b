package app

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/docattr/docattr/internal/audit"
)

func TestPageSeqsNewestFirst(t *testing.T) {
	cases := []struct {
		name string
		head uint64
		seqs []uint64
		page int
		want []uint64
	}{
		{"unfiltered first page of 3", 3, nil, 0, []uint64{3, 2, 1}},
		{"unfiltered second page of a million", 1_000_000, nil, 1, nil},
		{"filtered", 9, []uint64{2, 5, 9}, 0, []uint64{9, 5, 2}},
		{"filtered past the end", 9, []uint64{2, 5, 9}, 1, nil},
		{"empty log", 0, nil, 0, nil},
	}
	for _, c := range cases {
		got := pageSeqs(c.head, c.seqs, c.page)
		if c.name == "unfiltered second page of a million" {
			if len(got) != pageSize || got[0] != 1_000_000-pageSize {
				t.Errorf("%s: got %d seqs starting %d", c.name, len(got), got[0])
			}
			continue
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestVerifyTextSaysPlainlyWhatIsWrong(t *testing.T) {
	ok := verifyText(audit.VerifyReport{OK: true, Events: 3, Head: audit.Head{Seq: 3, Hash: strings.Repeat("a", 64)}})
	if !strings.Contains(ok, "完好") || !strings.Contains(ok, "3 条") {
		t.Errorf("ok text %q", ok)
	}
	bad := verifyText(audit.VerifyReport{FirstBad: 7, Problem: "哈希不符 / hash mismatch", Problems: 2})
	if !strings.Contains(bad, "第 7 条") || !strings.Contains(bad, "哈希不符") || strings.Contains(bad, "hash mismatch") {
		t.Errorf("bad text %q", bad)
	}
}

func TestLogFilterRejectsMalformedDate(t *testing.T) {
	u := newTestUI(t)
	u.log.from.SetText("2026/13/1")
	u.log.reload()
	if !strings.Contains(u.log.status.Text, "2026年12月3日") || strings.Contains(u.log.status.Text, "not understood") {
		t.Errorf("status %q does not explain the date format in Chinese", u.log.status.Text)
	}
}

func TestLogFilterAcceptsTheDateFormsPeopleType(t *testing.T) {
	u := newTestUI(t)
	for _, s := range []string{"2026-12-3", "2026/12/3", "2026年12月3日"} {
		u.log.from.SetText(s)
		f, err := u.log.filter()
		if err != nil || f.From.Format("2006-01-02") != "2026-12-03" {
			t.Errorf("%q: filter from %v, %v", s, f.From, err)
		}
	}
}

func TestExportAndCheckpointAreRecorded(t *testing.T) {
	u := newTestUI(t)
	f := openDraft(t, u, "000-plain.docx")
	f.attribute.SetSelected("主动公开")
	u.mark.markTo(filepath.Join(t.TempDir(), "out.docx"))
	dir := t.TempDir()
	for _, format := range []string{"csv", "xlsx", "jsonl"} {
		p := filepath.Join(dir, "log."+format)
		u.log.exportTo(p, format, audit.Filter{})
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s export missing or empty: %v", format, err)
		}
	}
	cp := filepath.Join(dir, "cp.json")
	u.log.checkpointTo(cp)
	if _, err := audit.ReadCheckpoint(cp); err != nil {
		t.Errorf("checkpoint: %v", err)
	}
	if st, err := os.Stat(filepath.Join(dir, "cp-回执.docx")); err != nil || st.Size() == 0 {
		t.Errorf("no printable receipt beside the checkpoint: %v", err)
	}
	u.log.reload()
	if u.log.total != 5 { // mark, three exports, checkpoint
		t.Errorf("log shows %d events, want 5", u.log.total)
	}
	if e := u.log.eventAt(0); e == nil || e.Type != audit.TypeCheckpoint {
		t.Errorf("newest row %+v, want the checkpoint", e)
	}
}

// TestExportFromTheLogScreenHasTheTitleBlock: the 日志 tab's XLSX names the
// unit from the settings, the filter in words and the exporter.
func TestExportFromTheLogScreenHasTheTitleBlock(t *testing.T) {
	u := newTestUI(t)
	u.set.Unit = "某某县人民政府办公室"
	f := openDraft(t, u, "000-plain.docx")
	f.attribute.SetSelected("主动公开")
	u.mark.markTo(filepath.Join(t.TempDir(), "out.docx"))
	u.log.from.SetText("2000年1月1日")
	flt, err := u.log.filter()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "log.xlsx")
	u.log.exportTo(p, "xlsx", flt)
	x, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows(audit.SheetName)
	text := fmt.Sprint(rows)
	for _, want := range []string{"单位 某某县人民政府办公室", "期间 2000年1月1日起", "导出人", "导出时间", "主动公开", "标注"} {
		if !strings.Contains(text, want) {
			t.Errorf("export lacks %q: %v", want, rows)
		}
	}
	if pl, _ := x.GetPageLayout(audit.SheetName); pl.Orientation == nil || *pl.Orientation != "landscape" {
		t.Errorf("not landscape: %+v", pl)
	}
}

// A log file a command has just created and not yet written (empty) reads
// as an empty log, as a missing one does: no error while a batch starts.
func TestReadLogOfALogBeingCreated(t *testing.T) {
	u := newTestUI(t)
	for _, state := range []string{"missing", "empty"} {
		if state == "empty" {
			if err := os.WriteFile(u.dbPath, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		called := false
		err := u.readLog(func(l *audit.Log) error {
			called = true
			if l != nil {
				t.Errorf("%s log: got an open log", state)
			}
			return nil
		})
		if err != nil || !called {
			t.Fatalf("%s log: %v (read called: %v)", state, err, called)
		}
	}
	if fi, err := os.Stat(u.dbPath); err != nil || fi.Size() != 0 {
		t.Fatalf("the reader wrote to the log being created: %v, %v", fi, err)
	}
}
