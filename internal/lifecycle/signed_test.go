package lifecycle

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/scan/scantest"
	"github.com/docattr/docattr/internal/settings"
)

// TestIssuedChecks: a notice needs a signed document and a date on or
// after the 成文日期; --unsigned with a reason stamps an unsigned one and
// records why; nothing is written when refused.
func TestIssuedChecks(t *testing.T) {
	l := openLog(t)
	dir := t.TempDir()
	draft := scantest.Write(t, dir, "办法.docx", scantest.Doc{Body: scantest.P("某某管理办法") + scantest.P("第一条 为规范管理，制定本办法。") +
		scantest.P("某某局") + scantest.P("2017年7月11日")})
	pub := filepath.Join(dir, "发布稿.docx")
	if r := marker.Mark(l, []marker.Job{{Input: draft, Output: pub}}, marker.Request{
		Decision: attr.Decision{Attribute: attr.Public}, Style: settings.StyleNote, Actor: clerk}, nil); r[0].Err != nil {
		t.Fatal(r[0].Err)
	}
	cases := []struct {
		name     string
		req      Request
		want     error
		wantText string
	}{
		{"never signed", Request{State: Repealed, Date: date("2026-01-01")}, ErrUnsigned, "--unsigned"},
		{"a blank reason is no reason", Request{State: Repealed, Date: date("2026-01-01"), Unsigned: "  "}, ErrUnsigned, "签发"},
		{"before the 成文日期", Request{State: Repealed, Date: date("2017-07-10"), Unsigned: signedBefore}, ErrBeforeIssue, "2017年7月11日"},
		{"before the 成文日期, even signed or not", Request{State: Amended, Date: date("2016年1月1日")}, ErrBeforeIssue, "早于文件的成文日期"},
		{"on the 成文日期 with a reason", Request{State: Expired, Date: date("2017-07-11"), Unsigned: signedBefore}, nil, ""},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.req.Input, c.req.Output, c.req.Actor = pub, filepath.Join(dir, "out"+string(rune('a'+i))+".docx"), clerk
			res, err := Apply(l, c.req)
			if c.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if res.Event.Details["unsigned"] != signedBefore {
					t.Errorf("the event does not record why an unsigned document was stamped: %v", res.Event.Details)
				}
				return
			}
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.wantText) {
				t.Fatalf("err = %v, want %v naming %q", err, c.want, c.wantText)
			}
			if _, err := os.Stat(c.req.Output); err == nil {
				t.Error("a refused notice was written")
			}
		})
	}
}

// TestLifecycleQuietLog: the event records the machine, and a quiet log
// keeps a secret document's file name and reference out of it.
func TestLifecycleQuietLog(t *testing.T) {
	l := openLog(t)
	dir := t.TempDir()
	draft := scantest.Write(t, dir, "秘密办法.docx", scantest.Doc{Body: scantest.P("秘密★") + scantest.P("某某管理办法") +
		scantest.P("正文。") + scantest.P("某某局") + scantest.P("2017年7月11日")})
	pub := filepath.Join(dir, "发布稿.docx")
	if r := marker.Mark(l, []marker.Job{{Input: draft, Output: pub}}, marker.Request{
		Decision: attr.Decision{Attribute: attr.Withheld, Basis: attr.StateSecretBasis, Reason: "依法确定为国家秘密"},
		Style:    settings.StyleNote, Actor: clerk, Machine: settings.Machine{Secret: true}}, nil); r[0].Err != nil {
		t.Fatal(r[0].Err)
	}
	res, err := Apply(l, Request{Input: pub, Output: filepath.Join(dir, "废止.docx"), State: Repealed, Date: date("2026-01-01"),
		Ref: "秘密替代文件", Unsigned: signedBefore, Actor: clerk, Machine: settings.Machine{Secret: true, QuietLog: true}})
	if err != nil {
		t.Fatal(err)
	}
	ev := res.Event
	if ev.Details["machine"] != "secret" || ev.Details["quiet"] != "true" {
		t.Errorf("details %v", ev.Details)
	}
	for _, v := range append([]string{ev.File}, ev.Details["ref"], ev.Details["notice"], ev.Details["output"]) {
		if strings.Contains(v, "秘密办法") || strings.Contains(v, "替代文件") {
			t.Errorf("the quiet event names the document: %q", v)
		}
	}
}
