package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
)

// TestSecretChainWithClassifier is issue 12's end-to-end test: three
// installations with a 定密责任人 mark, review and sign a 秘密 document; the
// trail shows the 定密 record and the secret document's checklist, never
// 不含国家秘密.
func TestSecretChainWithClassifier(t *testing.T) {
	src := corpus(t, "000-plain.docx")
	zhang := newHome(t, "张三", "drafter")
	li := newHome(t, "李四", "secrecy")
	wang := newHome(t, "王五", "classifier", "signer")
	zp, lp, wp := zhang.pub(), li.pub(), wang.pub()
	for _, k := range []struct {
		h    *home
		name string
		pub  string
	}{{zhang, "李四", lp}, {zhang, "王五", wp}, {li, "张三", zp}, {li, "王五", wp}, {wang, "张三", zp}, {wang, "李四", lp}} {
		k.h.ok("review", "keyring", "add", k.name, k.pub)
	}
	shared := t.TempDir()
	draft := filepath.Join(shared, "报告.docx")
	if code, _, errs := zhang.run("mark", src, "--attr", "withheld", "--classifier", "王五", "-o", draft); code == ExitOK || !strings.Contains(errs, "需要同时给出 --secrecy") {
		t.Errorf("--classifier without --secrecy: exit %d\n%s", code, errs)
	}
	out := zhang.ok("mark", src, "--attr", "withheld", "--basis", "条例第十四条", "--reason", "依法确定为国家秘密",
		"--secrecy", "秘密", "--classifier", "王五", "--secrecy-basis", "本机关保密事项范围第三项",
		"--scope", "本局领导班子成员", "--derived-from", "某发〔2026〕1号", "-o", draft)
	if !strings.Contains(out, "定密责任人 王五") || !strings.Contains(out, "派生定密（源自 某发〔2026〕1号）") {
		t.Fatalf("mark does not show the 定密 record:\n%s", out)
	}
	d, err := docx.Open(draft)
	if err != nil {
		t.Fatal(err)
	}
	rec := d.Record()
	d.Close()
	if rec.Classifier != "王五" || rec.SecrecyBasis != "本机关保密事项范围第三项" || rec.Scope != "本局领导班子成员" || rec.DerivedFrom != "某发〔2026〕1号" {
		t.Fatalf("record %+v", rec)
	}
	ev := events(t, filepath.Join(zhang.dir, "audit.db"))[0]
	if ev.Details["classifier"] != "王五" || ev.Details["classification"] != "派生定密" || ev.Details["scope"] != "本局领导班子成员" {
		t.Errorf("mark event details %v", ev.Details)
	}

	zhang.ok("review", "submit", draft)
	submitted := filepath.Join(shared, "报告-送审.docx")
	if st, _ := li.status(submitted); st.Waits != "classifier" {
		t.Fatalf("a level waits for %q, want the classifier", st.Waits)
	}
	li.refused("定密责任人", "review", "approve", submitted, "--role", "secrecy", "--checklist", "ok")
	wang.ok("review", "approve", submitted, "--role", "classifier", "--comment", "密级、依据、知悉范围无误")
	classified := filepath.Join(shared, "报告-保密审查.docx")
	if st, _ := li.status(classified); st.State != "classified" || st.Waits != "secrecy" {
		t.Fatalf("after the classifier: %+v", st)
	}
	li.refused("不适用", "review", "approve", classified, "--role", "secrecy", "--check", "no_secret=ok")
	li.refused("逐项作答", "review", "approve", classified, "--role", "secrecy", "--check", "level_matches_scope=ok")
	li.ok("review", "approve", classified, "--role", "secrecy", "--checklist", "ok", "--check", "knowers_defined=ok:限班子成员",
		"-o", filepath.Join(shared, "报告-审查通过.docx"))
	wang.ok("review", "sign", filepath.Join(shared, "报告-审查通过.docx"), "--comment", "同意", "-o", filepath.Join(shared, "报告-签发.docx"))
	issued := filepath.Join(shared, "报告-签发.docx")

	st, code := zhang.status(issued)
	if code != ExitOK || !st.Trusted || st.State != "issued" || len(st.Steps) != 4 || st.Steps[1].Role != "classifier" {
		t.Fatalf("issued: exit %d %+v", code, st)
	}
	text := zhang.ok("review", "status", issued)
	for _, want := range []string{"定密责任人 王五", "定密依据 本机关保密事项范围第三项", "知悉范围 本局领导班子成员",
		"密级与保密事项范围相符", "保密期限适当", "知悉范围明确", "定密责任人已审核", "限班子成员"} {
		if !strings.Contains(text, want) {
			t.Errorf("trail lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "不含国家秘密") || strings.Contains(text, "no_secret") {
		t.Errorf("a secret document's trail says 不含国家秘密:\n%s", text)
	}
	d, err = docx.Open(issued)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if r := d.Record(); r.Classifier != "王五" || r.Secrecy != "秘密" {
		t.Errorf("issued record %+v", r)
	}
	if evs := events(t, filepath.Join(wang.dir, "audit.db")); len(evs) != 2 || evs[0].Type != audit.TypeReviewApprove || evs[1].Type != audit.TypeReviewSign {
		t.Errorf("classifier's log: %d events", len(evs))
	}
}

// TestMarkEmbedsInterpretation: --embed-interpretation carries the 解读材料
// inside the output; the event says so; without --interpretation it is a
// usage error.
func TestMarkEmbedsInterpretation(t *testing.T) {
	src := corpus(t, "000-plain.docx")
	h := newHome(t, "张三", "drafter")
	material := filepath.Join(t.TempDir(), "解读.txt")
	if err := os.WriteFile(material, []byte("一图读懂"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "政策.docx")
	if code, _, _ := h.run("mark", src, "--attr", "public", "--embed-interpretation", "-o", out); code != ExitUsage {
		t.Errorf("--embed-interpretation alone: exit %d", code)
	}
	h.ok("mark", src, "--attr", "public", "--type", "政策性文件", "--interpretation", material, "--embed-interpretation", "-o", out)
	d, err := docx.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	got, err := d.SaveInterpretation(t.TempDir())
	if b, _ := os.ReadFile(got); err != nil || string(b) != "一图读懂" {
		t.Errorf("extracted %q: %v", b, err)
	}
	if ev := events(t, filepath.Join(h.dir, "audit.db"))[0]; ev.Details["interpretation_embedded"] != "true" {
		t.Errorf("event %v", ev.Details)
	}
}
