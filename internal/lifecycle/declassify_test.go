package lifecycle

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/scan/scantest"
	"github.com/docattr/docattr/internal/settings"
)

const ground = "保密期限已满，自行解密"

var secretMachine = settings.Machine{Secret: true}

// issuedSecret marks a draft printing first (a secrecy line) 不予公开 as a
// state secret and returns the issued copy (dated 2017年7月11日).
func issuedSecret(t *testing.T, l *audit.Log, dir string, doc scantest.Doc) string {
	t.Helper()
	draft := scantest.Write(t, dir, "秘密办法.docx", doc)
	pub := filepath.Join(dir, "发布稿.docx")
	if r := marker.Mark(l, []marker.Job{{Input: draft, Output: pub}}, marker.Request{
		Decision: attr.Decision{Attribute: attr.Withheld, Basis: attr.StateSecretBasis, Reason: "依法确定为国家秘密"},
		Style:    settings.StyleNote, Actor: clerk, Machine: secretMachine}, nil); r[0].Err != nil {
		t.Fatal(r[0].Err)
	}
	return pub
}

func secretDoc(first string) scantest.Doc {
	return scantest.Doc{Body: scantest.P(first) + scantest.P("某某管理办法") + scantest.P("第一条 为规范管理，制定本办法。") +
		scantest.P("某某局") + scantest.P("2017年7月11日")}
}

// TestDeclassifyRefusals: a 解密 needs a ground, a date on or after the
// 成文日期, a signed document (or the reason it is not), a secrecy line in
// the body, and a 涉密计算机 when the office refuses secret work elsewhere.
// Nothing is written when refused.
func TestDeclassifyRefusals(t *testing.T) {
	l := openLog(t)
	dir := t.TempDir()
	secret := issuedSecret(t, l, dir, secretDoc("秘密★1年"))
	public := published(t, l, "000-plain.docx")
	header := scantest.Write(t, dir, "页眉.docx", scantest.Doc{Header: scantest.P("机密★5年"),
		Body: scantest.P("某某管理办法") + scantest.P("正文。") + scantest.P("某某局") + scantest.P("2017年7月11日")})
	ok := Request{Input: secret, State: Declassified, Date: date("2020-01-01"), Ground: ground, Classifier: "李定密",
		Unsigned: signedBefore, Machine: secretMachine}
	with := func(f func(*Request)) Request { r := ok; f(&r); return r }
	cases := []struct {
		name     string
		req      Request
		want     error
		wantText string
	}{
		{"no ground", with(func(r *Request) { r.Ground = " " }), ErrNeedsGround, "保密事项范围调整"},
		{"a ground with a control character", with(func(r *Request) { r.Ground = "期满\u202e" }), nil, "解密依据"},
		{"before the 成文日期", with(func(r *Request) { r.Date = date("2017-07-10") }), ErrBeforeIssue, "2017年7月11日"},
		{"never signed", with(func(r *Request) { r.Unsigned = "" }), ErrUnsigned, "签发"},
		{"no secrecy line", with(func(r *Request) { r.Input = public }), ErrNotSecret, "没有密级标志"},
		{"a secrecy line in a header", with(func(r *Request) { r.Input = header }), ErrNotSecret, "页眉"},
		{"an ordinary computer that refuses secrets", with(func(r *Request) { r.Machine = settings.Machine{RefuseSecret: true} }), ErrOrdinaryMachine, "涉密计算机"},
		{"the state by its tag, no date", with(func(r *Request) { r.State = "已解密"; r.Date = date("bad") }), ErrDate, "解密日期"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.req.Output, c.req.Actor = filepath.Join(dir, "out"+string(rune('a'+i))+".docx"), clerk
			_, err := Apply(l, c.req)
			if err == nil || (c.want != nil && !errors.Is(err, c.want)) || !strings.Contains(err.Error(), c.wantText) {
				t.Fatalf("err = %v, want %v naming %q", err, c.want, c.wantText)
			}
			if _, err := os.Stat(c.req.Output); err == nil {
				t.Error("a refused 解密 was written")
			}
		})
	}
}

// TestDeclassifyThenPublish: the secrecy line is annotated, not deleted;
// the record loses its level and keeps what it was; the event says what
// was done; a second 解密 is refused; and the document can then be marked
// 主动公开 without the old line blocking it or being printed twice.
func TestDeclassifyThenPublish(t *testing.T) {
	l := openLog(t)
	dir := t.TempDir()
	pub := issuedSecret(t, l, dir, secretDoc("秘密★1年"))
	res, err := Apply(l, Request{Input: pub, State: "declassified", Date: date("2018年3月1日"), Ground: ground, Classifier: "李定密",
		Unsigned: signedBefore, Actor: clerk, Machine: secretMachine})
	if err != nil {
		t.Fatal(err)
	}
	if want := "秘密★1年（已于2018年3月1日解密）"; res.Notice != want {
		t.Errorf("line %q, want %q", res.Notice, want)
	}
	if filepath.Base(res.Output) != "发布稿-已解密.docx" {
		t.Errorf("output %s", res.Output)
	}
	a, rec, body := read(t, res.Output)
	if a.Secrecy != nil || a.Declassified == nil || a.DeclassifiedMark != "秘密★1年" || docx.Compact(body[0].Text) != res.Notice {
		t.Fatalf("analysis: secrecy %v declassified %q; first line %q", a.Secrecy, a.DeclassifiedMark, body[0].Text)
	}
	if rec.Secrecy != "" || rec.Period != "" || rec.Declassified != "2018-03-01" || rec.DeclassifiedFrom != "秘密★1年" ||
		rec.DeclassifyGround != ground || rec.Attribute != attr.Withheld {
		t.Errorf("record %+v", rec)
	}
	ev := res.Event
	if ev.Type != audit.TypeLifecycle || ev.Details["state"] != Declassified || ev.Details["date"] != "2018-03-01" ||
		ev.Details["ground"] != ground || ev.Details["classifier"] != "李定密" || ev.PrevSecrecy != "秘密★1年" || ev.Details["machine"] != "secret" {
		t.Errorf("event %+v", ev)
	}
	if !strings.Contains(strings.Join(res.Warnings, "\n"), "重新审查公开属性") {
		t.Errorf("no warning that the attribute is to be assessed again: %q", res.Warnings)
	}
	if _, err := Apply(l, Request{Input: res.Output, Output: filepath.Join(dir, "again.docx"), State: Declassified, Date: date("2019-01-01"),
		Ground: ground, Unsigned: signedBefore, Actor: clerk, Machine: secretMachine}); !errors.Is(err, ErrNotSecret) ||
		!strings.Contains(err.Error(), "已标注解密") {
		t.Errorf("second 解密: %v", err)
	}

	d, err := docx.Open(res.Output)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range scan.Check(d).Findings {
		if f.Severity == scan.Block {
			t.Errorf("the declassified document still blocks publication: %+v", f)
		}
	}
	d.Close()
	out := filepath.Join(dir, "公开稿.docx")
	r := marker.Mark(l, []marker.Job{{Input: res.Output, Output: out}}, marker.Request{
		Decision: attr.Decision{Attribute: attr.Public}, Style: settings.StyleNote, Actor: clerk, Machine: secretMachine}, nil)
	if r[0].Err != nil {
		t.Fatalf("marking the declassified document public: %v", r[0].Err)
	}
	a, rec, body = read(t, out)
	var all []string
	for _, p := range body {
		all = append(all, docx.Compact(p.Text))
	}
	text := strings.Join(all, "\n")
	if strings.Count(text, "秘密★") != 1 || !strings.Contains(text, "（此件公开发布）") || a.Declassified == nil {
		t.Errorf("published body:\n%s", text)
	}
	if rec.Attribute != attr.Public || rec.Declassified != "2018-03-01" || rec.Secrecy != "" {
		t.Errorf("record after publishing %+v", rec)
	}
}

// TestDeclassifyQuietLog: a quiet log keeps the file name and ground of a
// document secret until this event out of it.
func TestDeclassifyQuietLog(t *testing.T) {
	l := openLog(t)
	dir := t.TempDir()
	pub := issuedSecret(t, l, dir, secretDoc("机密★5年"))
	res, err := Apply(l, Request{Input: pub, State: Declassified, Date: date("2020-01-01"), Ground: "秘密事项调整",
		Unsigned: signedBefore, Actor: clerk, Machine: settings.Machine{Secret: true, QuietLog: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{res.Event.File, res.Event.Details["ground"], res.Event.Details["output"]} {
		if strings.Contains(v, "发布稿") || strings.Contains(v, "事项调整") {
			t.Errorf("the quiet event names the document: %q", v)
		}
	}
	if !strings.Contains(strings.Join(res.Warnings, "\n"), "定密责任人") {
		t.Errorf("no warning for a 解密 without its 定密责任人: %q", res.Warnings)
	}
}
