package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/lifecycle"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/settings"
)

// TestDeclassifiedDocumentOpensForDisclosure: a document declassified with
// docattr lifecycle shows its annotated line as 已解密 in the mark screen,
// and can be marked 主动公开 without a secrecy finding to acknowledge.
func TestDeclassifiedDocumentOpensForDisclosure(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	l, err := audit.Open(filepath.Join(dir, "其他单位.db"), audit.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	secret := filepath.Join(dir, "报告.docx")
	if r := marker.Mark(l, []marker.Job{{Input: corpus(t, "000-secret.docx"), Output: secret}}, marker.Request{
		Decision: attr.Decision{Attribute: attr.Withheld, Basis: attr.StateSecretBasis, Reason: "依法确定为国家秘密"},
		Style:    settings.StyleNote, Actor: settings.Actor{Name: "张三"}, Machine: settings.Machine{Secret: true}}, nil); r[0].Err != nil {
		t.Fatal(r[0].Err)
	}
	res, err := lifecycle.Apply(l, lifecycle.Request{Input: secret, State: lifecycle.Declassified, Date: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		Ground: "保密期限已满，自行解密", Classifier: "李四", Unsigned: "签发早于使用本工具", Actor: settings.Actor{Name: "张三"},
		Machine: settings.Machine{Secret: true}})
	if err != nil {
		t.Fatal(err)
	}
	u.open(res.Output)
	if u.mark.cur == nil {
		t.Fatal("the declassified document was not shown")
	}
	if info := u.mark.info.Text; !strings.Contains(info, "密级标志：秘密★（已于2020年1月1日解密）（已解密，请重新认定公开属性）") {
		t.Errorf("info:\n%s", info)
	}
	if n := len(u.mark.cur.blocking()); n != 0 {
		t.Errorf("%d blocking findings on a declassified document", n)
	}
	f := u.mark.form
	f.attribute.SetSelected("主动公开")
	u.mark.markTo(filepath.Join(dir, "公开.docx"))
	if f.last == nil || f.last.Err != nil {
		t.Fatalf("marking the declassified document public: %+v", f.last)
	}
}
