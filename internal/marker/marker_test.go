package marker

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan/scantest"
	"github.com/docattr/docattr/internal/settings"
)

const gongwen = "../../../shared/corpus/gongwen"

func openLog(t *testing.T) *audit.Log {
	t.Helper()
	l, err := audit.Open(filepath.Join(t.TempDir(), "audit.db"), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func draft(t *testing.T, name string) string {
	p := filepath.Join(gongwen, name)
	if _, err := os.Stat(p); err != nil {
		t.Skip("corpus not found")
	}
	return p
}

var actor = settings.Actor{Name: "李四", OSUser: "lisi", Machine: "pc1"}

func TestMarkBatchOneTransaction(t *testing.T) {
	l := openLog(t)
	dir := t.TempDir()
	var jobs []Job
	for _, n := range []string{"000-plain.docx", "001-plain.docx", "002-plain.docx"} {
		jobs = append(jobs, Job{Input: draft(t, n), Output: filepath.Join(dir, n)})
	}
	calls := 0
	res := Mark(l, jobs, Request{Decision: attr.Decision{Attribute: attr.Public}, Actor: actor}, func(done, total int) { calls++ })
	for i, r := range res {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Input, r.Err)
		}
		if r.Event.Seq != uint64(i+1) || r.Placement != docx.PlacedAfterDate {
			t.Errorf("result %d: seq %d placement %s", i, r.Event.Seq, r.Placement)
		}
		// Every file of the chunk was stamped under the same log head.
		if r.Record.AuditHead != res[0].Record.AuditHead {
			t.Errorf("different heads in one chunk")
		}
	}
	if calls != 3 {
		t.Errorf("progress called %d times", calls)
	}
}

// TestNoFileWithoutEvent: when the event cannot be recorded the output never
// appears and no temporary file is left.
func TestNoFileWithoutEvent(t *testing.T) {
	l, err := audit.Open(filepath.Join(t.TempDir(), "audit.db"), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l.Close() // every Append now fails
	dir := t.TempDir()
	res := Mark(l, []Job{{Input: draft(t, "000-plain.docx"), Output: filepath.Join(dir, "out.docx")}}, Request{Decision: attr.Decision{Attribute: attr.Public}}, nil)
	if res[0].Err == nil {
		t.Fatal("marked without an audit log")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestBlockingFindings(t *testing.T) {
	l := openLog(t)
	dir := t.TempDir()
	in := draft(t, "000-pii.docx")
	req := Request{Decision: attr.Decision{Attribute: attr.Public}, Actor: actor}
	res := Mark(l, []Job{{Input: in, Output: filepath.Join(dir, "a.docx")}}, req, nil)
	if !errors.Is(res[0].Err, ErrBlocked) || !strings.Contains(res[0].Err.Error(), "身份证号") {
		t.Fatalf("personal data marked public: %v", res[0].Err)
	}
	req.AcceptFindings = "已征得当事人同意公开"
	res = Mark(l, []Job{{Input: in, Output: filepath.Join(dir, "b.docx")}}, req, nil)
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	ev := res[0].Event
	if ev.Acknowledged != req.AcceptFindings || len(ev.Findings) == 0 {
		t.Errorf("event does not record the acknowledgement and findings: %+v", ev)
	}
	// Withholding needs no acknowledgement: nothing is published.
	res = Mark(l, []Job{{Input: in, Output: filepath.Join(dir, "c.docx")}},
		Request{Decision: attr.Decision{Attribute: attr.Withheld, Basis: "条例第十五条", Reason: "个人隐私"}, Actor: actor}, nil)
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
}

func TestPrintSetting(t *testing.T) {
	l := openLog(t)
	out := filepath.Join(t.TempDir(), "a.docx")
	req := Request{Decision: attr.Decision{Attribute: attr.Withheld, Basis: "条例第十六条第一款", Reason: "人事管理"},
		Print: []string{attr.Public, attr.OnRequest}, Style: settings.StyleNote}
	if r := Mark(l, []Job{{Input: draft(t, "000-plain.docx"), Output: out}}, req, nil)[0]; r.Err != nil {
		t.Fatal(r.Err)
	}
	d, err := docx.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if a := d.Analyze(); len(a.Notes) != 0 || d.Record().Attribute != attr.Withheld {
		t.Errorf("withheld printed although the unit does not print it: %q", a.NoteText)
	}
}

func TestDefaultOutput(t *testing.T) {
	if got := DefaultOutput("/a/草稿.docm", ""); got != "/a/草稿-已标注.docm" {
		t.Errorf("got %s", got)
	}
	if got := DefaultOutput("/a/草稿.docx", "/b"); got != "/b/草稿.docx" {
		t.Errorf("got %s", got)
	}
}

// TestOutputNeverReplacesTheLog: an output path naming the audit log is
// refused before anything is written.
func TestOutputNeverReplacesTheLog(t *testing.T) {
	l := openLog(t)
	res := Mark(l, []Job{{Input: draft(t, "000-plain.docx"), Output: l.Path()}}, Request{Decision: attr.Decision{Attribute: attr.Public}}, nil)
	if !errors.Is(res[0].Err, ErrOutputPath) {
		t.Fatalf("err = %v", res[0].Err)
	}
	if rep, err := l.Verify(); err != nil || !rep.OK {
		t.Errorf("log damaged: %+v %v", rep, err)
	}
}

// TestHeaderSecrecyNeverDoubled: with the mark printed in a header, setting
// a level is refused (a body line would double it); keeping it works.
func TestHeaderSecrecyNeverDoubled(t *testing.T) {
	in := scantest.Write(t, t.TempDir(), "header.docx", scantest.Doc{Body: scantest.P("关于某事的通知") + scantest.P("2024年3月1日"), Header: scantest.P("机密★5年")})
	l := openLog(t)
	dir := t.TempDir()
	dec := attr.Decision{Attribute: attr.Withheld, Basis: "条例第十四条", Reason: "国家秘密"}
	res := Mark(l, []Job{{Input: in, Output: filepath.Join(dir, "a.docx")}}, Request{Decision: dec, SecrecySet: true}, nil)
	if !errors.Is(res[0].Err, ErrHeaderSecrecy) || !strings.Contains(res[0].Err.Error(), "页眉") {
		t.Fatalf("err = %v", res[0].Err)
	}
	res = Mark(l, []Job{{Input: in, Output: filepath.Join(dir, "b.docx")}}, Request{Decision: dec}, nil)
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	if res[0].SecrecyFound != "机密★5年" || res[0].Record.Secrecy != "机密" || len(res[0].Warnings) == 0 {
		t.Errorf("result %+v", res[0])
	}
}
