package lifecycle

import (
	"crypto/sha256"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/settings"
)

const gongwen = "../../../shared/corpus/gongwen"

var clerk = settings.Actor{Name: "王秘书"}

func openLog(t *testing.T) *audit.Log {
	t.Helper()
	l, err := audit.Open(filepath.Join(t.TempDir(), "audit.db"), audit.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func corpus(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(gongwen, name)
	if _, err := os.Stat(p); err != nil {
		t.Skip("corpus not found")
	}
	return p
}

// published marks a corpus draft 主动公开 and returns the issued copy.
func published(t *testing.T, l *audit.Log, name string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "发布稿.docx")
	r := marker.Mark(l, []marker.Job{{Input: corpus(t, name), Output: out}}, marker.Request{
		Decision: attr.Decision{Attribute: attr.Public}, Style: settings.StyleNote, Actor: clerk, Version: "test"}, nil)
	if r[0].Err != nil {
		t.Fatal(r[0].Err)
	}
	return out
}

func fileSum(t *testing.T, p string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func read(t *testing.T, p string) (docx.Analysis, *docx.Record, []docx.Paragraph) {
	t.Helper()
	d, err := docx.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	return d.Analyze(), d.Record(), d.Body()
}

func date(s string) time.Time { d, _ := ParseDate(s); return d }

func TestRepealThenAmendReplacesTheNotice(t *testing.T) {
	l := openLog(t)
	pub := published(t, l, "000-plain.docx")
	before := fileSum(t, pub)
	_, marked, _ := read(t, pub)

	res, err := Apply(l, Request{Unsigned: signedBefore, Input: pub, State: "repealed", Date: date("2026-01-01"),
		Ref: "《某某办法》（某政发〔2026〕1号）", Actor: clerk, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if fileSum(t, pub) != before {
		t.Fatal("the input was modified")
	}
	if want := filepath.Join(filepath.Dir(pub), "发布稿-已废止.docx"); res.Output != want {
		t.Errorf("output %s, want %s", res.Output, want)
	}
	a, rec, body := read(t, res.Output)
	want := "【已废止】本文件已于2026年1月1日废止，由《某某办法》（某政发〔2026〕1号）替代。"
	if a.Lifecycle == nil || docx.Compact(body[0].Text) != docx.Compact(want) {
		t.Fatalf("first paragraph %q, want the notice", body[0].Text)
	}
	if a.NoteText != "（此件公开发布）" {
		t.Errorf("disclosure note changed: %q", a.NoteText)
	}
	if rec.Lifecycle != Repealed || rec.LifecycleDate != "2026-01-01" || rec.LifecycleRef == "" ||
		rec.DocID != marked.DocID || rec.Attribute != attr.Public || rec.MarkedBy != marked.MarkedBy {
		t.Errorf("record %+v (marked %+v)", rec, marked)
	}
	if e := res.Event; e.Type != audit.TypeLifecycle || e.DocID != marked.DocID || e.Details["state"] != Repealed ||
		e.Details["date"] != "2026-01-01" || e.Details["ref"] == "" || e.OutputSHA256 == "" || e.Seq != 2 {
		t.Errorf("event %+v", e)
	}

	// A second change replaces the first notice; there is only ever one.
	res2, err := Apply(l, Request{Unsigned: signedBefore, Input: res.Output, State: "amended", Date: date("2026年3月1日"), Actor: clerk})
	if err != nil {
		t.Fatal(err)
	}
	if res2.Replaced != docx.Compact(want) || res2.Event.Details["prev_state"] != Repealed {
		t.Errorf("replaced %q, prev_state %q", res2.Replaced, res2.Event.Details["prev_state"])
	}
	if want := filepath.Join(filepath.Dir(pub), "发布稿-已修改.docx"); res2.Output != want {
		t.Errorf("output %s, want %s (tag replaced, not stacked)", res2.Output, want)
	}
	a, rec, body = read(t, res2.Output)
	notices := 0
	for _, p := range body {
		if strings.Contains(p.Text, "本文件已于") {
			notices++
		}
	}
	if notices != 1 || !strings.HasPrefix(docx.Compact(body[0].Text), "【已修改】") || rec.Lifecycle != Amended || rec.LifecycleRef != "" {
		t.Errorf("%d notices, first %q, record %+v", notices, body[0].Text, rec)
	}
	if a.Title == nil || a.Date == nil {
		t.Error("title or date no longer found after two notices")
	}
}

func TestRefusalsLeaveNothingBehind(t *testing.T) {
	l := openLog(t)
	pub := published(t, l, "001-plain.docx")
	cases := []struct {
		name string
		req  Request
		want error
	}{
		{"output is the input", Request{Unsigned: signedBefore, Input: pub, Output: pub, State: Expired, Date: date("2026-01-01")}, marker.ErrSameFile},
		{"output folder missing", Request{Unsigned: signedBefore, Input: pub, Output: filepath.Join(t.TempDir(), "no", "x.docx"), State: Expired, Date: date("2026-01-01")}, marker.ErrOutputPath},
		{"unknown state", Request{Unsigned: signedBefore, Input: pub, State: "withdrawn", Date: date("2026-01-01")}, ErrState},
		{"no date", Request{Unsigned: signedBefore, Input: pub, State: Expired}, ErrDate},
	}
	for _, c := range cases {
		if _, err := Apply(l, c.req); !errors.Is(err, c.want) {
			t.Errorf("%s: err %v, want %v", c.name, err, c.want)
		}
	}
	if h, _ := l.Head(); h.Seq != 1 {
		t.Errorf("refusals wrote events: head %d", h.Seq)
	}
	entries, _ := os.ReadDir(filepath.Dir(pub))
	if len(entries) != 1 {
		t.Errorf("refusals left files: %v", entries)
	}
}

func TestUnmarkedDocumentIsStampedWithAWarning(t *testing.T) {
	l := openLog(t)
	in := corpus(t, "002-plain.docx")
	out := filepath.Join(t.TempDir(), "旧文件-已失效.docx")
	res, err := Apply(l, Request{Unsigned: signedBefore, Input: in, Output: out, State: Expired, Date: date("2025-06-30"), Actor: clerk})
	if err != nil {
		t.Fatal(err)
	}
	if res.HadRecord || len(res.Warnings) == 0 || res.Event.Details["no_record"] != "true" {
		t.Errorf("no warning for an unmarked document: %+v", res)
	}
	_, rec, _ := read(t, out)
	if rec == nil || rec.DocID == "" || rec.Lifecycle != Expired || rec.DocID != res.Event.DocID {
		t.Errorf("record %+v", rec)
	}
}

func TestDefaultOutput(t *testing.T) {
	st := func(id string) State { s, _ := ParseState(id); return s }
	cases := []struct{ in, state, want string }{
		{"/d/办法.docx", Repealed, "/d/办法-已废止.docx"},
		{"/d/办法-已修改.docx", Repealed, "/d/办法-已废止.docx"},
		{"/d/办法-已废止.docx", Repealed, "/d/办法-已废止-已废止.docx"},
		{"/d/宏.docm", Expired, "/d/宏-已失效.docm"},
	}
	for _, c := range cases {
		if got := DefaultOutput(c.in, st(c.state)); got != c.want {
			t.Errorf("DefaultOutput(%s, %s) = %s, want %s", c.in, c.state, got, c.want)
		}
	}
}

// TestNoticeSurvivesLibreOffice re-opens the stamped file in a real
// LibreOffice and checks the notice is the first text a reader sees.
func TestNoticeSurvivesLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) not installed")
	}
	if testing.Short() {
		t.Skip("slow")
	}
	l := openLog(t)
	var outs []string
	for _, name := range []string{"000-plain.docx", "lo-002-plain.docx"} {
		pub := published(t, l, name)
		r1, err := Apply(l, Request{Unsigned: signedBefore, Input: pub, State: Repealed, Date: date("2026-01-01"), Ref: "某某办法"})
		if err != nil {
			t.Fatal(err)
		}
		r2, err := Apply(l, Request{Unsigned: signedBefore, Input: r1.Output, State: Amended, Date: date("2026-02-01"), Ref: "某某办法（修订）"})
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, r1.Output, r2.Output)
	}
	dir := t.TempDir()
	for i, out := range outs { // distinct names: the drafts share theirs
		outs[i] = filepath.Join(dir, string(rune('a'+i))+"-"+filepath.Base(out))
		if err := os.Link(out, outs[i]); err != nil {
			t.Fatal(err)
		}
	}
	args := append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir}, outs...)
	if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for i, out := range outs {
		b, err := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(filepath.Base(out), ".docx")+".txt"))
		if err != nil {
			t.Fatalf("%s: LibreOffice produced nothing: %v", out, err)
		}
		text := strings.TrimSpace(strings.TrimPrefix(string(b), "\ufeff"))
		want := "【已废止】本文件已于2026年1月1日废止，由《某某办法》替代。"
		if i%2 == 1 {
			want = "【已修改】本文件已于2026年2月1日修改，修改后的内容见《某某办法（修订）》。"
		}
		if first, _, _ := strings.Cut(text, "\n"); strings.TrimSpace(first) != want {
			t.Errorf("%s: first line %q, want %q", filepath.Base(out), first, want)
		}
		if strings.Count(text, "本文件已于") != 1 || !strings.Contains(text, "（此件公开发布）") {
			t.Errorf("%s: want one notice and the disclosure note kept", filepath.Base(out))
		}
	}
}

// TestWithdrawRemovesTheNotice: a notice stamped in error is withdrawn with a
// reason; the record's lifecycle fields are cleared, the marks stay, and the
// event says why. Without a reason, or without a notice, nothing is written.
func TestWithdrawRemovesTheNotice(t *testing.T) {
	l := openLog(t)
	pub := published(t, l, "000-plain.docx")
	if _, err := Apply(l, Request{Input: pub, Withdraw: true, Reason: "误标", Actor: clerk}); !errors.Is(err, ErrNoNotice) {
		t.Fatalf("withdrawing from a document without a notice: %v", err)
	}
	rep, err := Apply(l, Request{Unsigned: signedBefore, Input: pub, State: "expired", Date: date("2026-01-01"), Actor: clerk})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(l, Request{Input: rep.Output, Withdraw: true, Actor: clerk}); !errors.Is(err, ErrNeedsReason) {
		t.Fatalf("withdrawing without a reason: %v", err)
	}
	res, err := Apply(l, Request{Input: rep.Output, Withdraw: true, Reason: "误将有效文件标为失效", Actor: clerk})
	if err != nil {
		t.Fatal(err)
	}
	a, rec, _ := read(t, res.Output)
	if a.Lifecycle != nil || rec.Lifecycle != "" || rec.LifecycleDate != "" || a.NoteText != "（此件公开发布）" {
		t.Errorf("after withdrawal: notice %v record %+v note %q", a.Lifecycle, rec, a.NoteText)
	}
	if res.Event.Details["reason"] != "误将有效文件标为失效" || res.Event.Details["state"] != "withdrawn" || res.Event.Details["prev_state"] != "expired" {
		t.Errorf("event details %v", res.Event.Details)
	}
	if filepath.Base(res.Output) != "发布稿-撤销状态标注.docx" {
		t.Errorf("output %s", res.Output)
	}
}

// signedBefore is the --unsigned reason of tests whose documents were
// marked but never went through a signed review.
const signedBefore = "签发早于使用本工具"
