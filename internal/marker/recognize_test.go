package marker

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan/scantest"
)

// TestWorkSecretNeedsAcknowledgement: a draft headed 工作秘密 is refused for
// 主动公开 and 依申请公开 until acknowledged; withholding it needs nothing.
func TestWorkSecretNeedsAcknowledgement(t *testing.T) {
	in := scantest.Write(t, t.TempDir(), "ws.docx", scantest.Doc{Body: scantest.P("工作秘密") + scantest.P("关于某事的通知") +
		scantest.P("正文。") + scantest.P("某某局") + scantest.P("2024年3月1日")})
	l := openLog(t)
	dir := t.TempDir()
	for i, dec := range []attr.Decision{{Attribute: attr.Public}, {Attribute: attr.OnRequest, Basis: "条例第十六条第一款", Reason: "内部事务"}} {
		res := Mark(l, []Job{{Input: in, Output: filepath.Join(dir, "r"+string(rune('a'+i))+".docx")}}, Request{Decision: dec, Actor: actor}, nil)
		if !errors.Is(res[0].Err, ErrBlocked) || !strings.Contains(res[0].Err.Error(), "工作秘密") {
			t.Fatalf("%s: err = %v", dec.Attribute, res[0].Err)
		}
		res = Mark(l, []Job{{Input: in, Output: filepath.Join(dir, "k"+string(rune('a'+i))+".docx")}},
			Request{Decision: dec, Actor: actor, AcceptFindings: "已经批准解除工作秘密"}, nil)
		if res[0].Err != nil {
			t.Fatalf("%s acknowledged: %v", dec.Attribute, res[0].Err)
		}
	}
	res := Mark(l, []Job{{Input: in, Output: filepath.Join(dir, "w.docx")}},
		Request{Decision: attr.Decision{Attribute: attr.Withheld, Basis: "条例第十六条第一款", Reason: "工作秘密"}, Actor: actor}, nil)
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
}

// TestSecrecyWithoutStarReplaced: 密级：秘密 at the top of a draft is its
// secrecy line: public marking is blocked, and setting a level replaces
// the line instead of adding a second one.
func TestSecrecyWithoutStarReplaced(t *testing.T) {
	in := scantest.Write(t, t.TempDir(), "s.docx", scantest.Doc{Body: scantest.P("密级：秘密") + scantest.P("关于某事的通知") +
		scantest.P("正文。") + scantest.P("某某局") + scantest.P("2024年3月1日")})
	l := openLog(t)
	dir := t.TempDir()
	res := Mark(l, []Job{{Input: in, Output: filepath.Join(dir, "a.docx")}}, Request{Decision: attr.Decision{Attribute: attr.Public}, Actor: actor}, nil)
	if res[0].Err == nil {
		t.Fatal("a secret draft was marked public")
	}
	dec := attr.Decision{Attribute: attr.Withheld, Basis: "条例第十四条", Reason: "国家秘密", Secrecy: "机密", Period: "5年"}
	out := filepath.Join(dir, "b.docx")
	res = Mark(l, []Job{{Input: in, Output: out}}, Request{Decision: dec, SecrecySet: true, Actor: actor}, nil)
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	if res[0].SecrecyFound != "秘密★" || res[0].SecrecyReplaced != "秘密★" {
		t.Errorf("found %q replaced %q", res[0].SecrecyFound, res[0].SecrecyReplaced)
	}
	d, err := docx.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var got []string
	for _, p := range d.Body() {
		got = append(got, docx.Compact(p.Text))
	}
	if want := "机密★5年|关于某事的通知|正文。|某某局|2024年3月1日|（此件不予公开）"; strings.Join(got, "|") != want {
		t.Errorf("body %q, want %q", strings.Join(got, "|"), want)
	}
}
