package clean

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/scan/scantest"
)

const (
	relW15    = "http://schemas.microsoft.com/office/2011/relationships/"
	ctW       = "application/vnd.openxmlformats-officedocument.wordprocessingml."
	w15Decl   = `xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"`
	wDeclTest = `xmlns:w="` + scantest.NSW + `"`
)

// messyDraft has one of everything clean removes, in the body, a table, a
// header and the footnotes, plus comment parts Word 2013+ writes.
func messyDraft() scantest.Doc {
	body := `<w:p><w:r><w:t>关于</w:t></w:r><w:ins w:id="1" w:author="甲"><w:r><w:t>做好</w:t></w:r></w:ins>` +
		`<w:del w:id="2" w:author="乙"><w:r><w:delText>加强</w:delText></w:r></w:del><w:r><w:t>工作的通知</w:t></w:r></w:p>` +
		// comment anchored on a range, reference in its own run
		`<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>各单位：</w:t></w:r><w:commentRangeEnd w:id="0"/>` +
		`<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/></w:r></w:p>` +
		// hidden run, and a hidden field that must survive
		`<w:p><w:r><w:t>现将有关事项</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>（内部意见：暂缓）</w:t></w:r><w:r><w:t>通知如下。</w:t></w:r>` +
		`<w:r><w:rPr><w:vanish/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:instrText> XE "通知" </w:instrText></w:r>` +
		`<w:r><w:rPr><w:vanish/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
		// formatting change and a paragraph-mark change
		`<w:p><w:pPr><w:rPr><w:ins w:id="3" w:author="甲"/></w:rPr><w:pPrChange w:id="4" w:author="甲"><w:pPr/></w:pPrChange></w:pPr>` +
		`<w:r><w:rPr><w:b/><w:rPrChange w:id="5" w:author="甲"><w:rPr/></w:rPrChange></w:rPr><w:t>一、总体要求</w:t></w:r></w:p>` +
		// deleted paragraph mark: this paragraph joins the next
		`<w:p><w:pPr><w:rPr><w:del w:id="6" w:author="乙"/></w:rPr></w:pPr><w:r><w:t>前半句</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:t>后半句。</w:t></w:r></w:p>` +
		// moved text
		`<w:p><w:moveFromRangeStart w:id="7" w:name="m1" w:author="甲"/><w:moveFrom w:id="8" w:author="甲"><w:r><w:t>挪走的话</w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="7"/><w:r><w:t>二、工作任务</w:t></w:r></w:p>` +
		`<w:p><w:moveToRangeStart w:id="9" w:name="m1" w:author="甲"/><w:moveTo w:id="10" w:author="甲"><w:r><w:t>挪走的话</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="9"/></w:p>` +
		// a table with a deleted row and an inserted row
		`<w:tbl><w:tr><w:trPr><w:del w:id="11" w:author="乙"/></w:trPr><w:tc><w:p><w:del w:id="12" w:author="乙"><w:r><w:delText>删除的行</w:delText></w:r></w:del></w:p></w:tc></w:tr>` +
		`<w:tr><w:trPr><w:ins w:id="13" w:author="甲"/></w:trPr><w:tc><w:p><w:ins w:id="14" w:author="甲"><w:r><w:t>新增的行</w:t></w:r></w:ins></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:p><w:r><w:t>保留的行</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		`<w:p><w:r><w:t>正文完</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>`
	return scantest.Doc{
		Body:     body,
		Header:   `<w:p><w:r><w:t>页眉</w:t></w:r><w:del w:id="20" w:author="乙"><w:r><w:delText>（讨论稿）</w:delText></w:r></w:del></w:p>`,
		Comments: `<w:comment w:id="0" w:author="审核人" w:initials="S"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t>此处请核实张三手机13800138000</w:t></w:r></w:p></w:comment>`,
		Footnotes: `<w:footnote w:id="1"><w:p><w:r><w:t>注释</w:t></w:r><w:ins w:id="30" w:author="甲"><w:r><w:t>（新增）</w:t></w:r></w:ins>` +
			`<w:del w:id="31" w:author="乙"><w:r><w:delText>（删除）</w:delText></w:r></w:del></w:p></w:footnote>`,
		Settings: `<w:trackRevisions/><w:defaultTabStop w:val="420"/>`,
		Creator:  "拟稿人张三",
		Extra: []scantest.Part{
			{Name: "word/commentsExtended.xml", Body: `<w15:commentsEx ` + w15Decl + `><w15:commentEx w15:paraId="1" w15:done="0"/></w15:commentsEx>`,
				RelType: relW15 + "commentsExtended", ContentType: ctW + "commentsExtended+xml"},
			{Name: "word/people.xml", Body: `<w15:people ` + w15Decl + `><w15:person w15:author="审核人"/></w15:people>`,
				RelType: relW15 + "people", ContentType: ctW + "people+xml"},
			{Name: "word/extra.xml", Body: `<w:x ` + wDeclTest + `/>`},
		},
	}
}

func TestCleanGeneratedDraft(t *testing.T) {
	in := scantest.Write(t, t.TempDir(), "messy.docx", messyDraft())
	before := open(t, in)
	r := scan.Check(before)
	for _, k := range []string{scan.KindHiddenComment, scan.KindTrackedChange, scan.KindHiddenText, scan.KindAuthorMetadata} {
		if count(r.Findings, k) == 0 {
			t.Errorf("no %s finding before cleaning", k)
		}
	}
	out, res := cleanTo(t, in, Options{})
	after := open(t, out)
	if left := Remaining(after, Options{}); len(left) > 0 {
		t.Fatalf("left: %+v", left)
	}
	var body []string
	for _, p := range after.MainParagraphs() {
		body = append(body, p.Text)
	}
	want := []string{"关于做好工作的通知", "各单位：", "现将有关事项通知如下。", "一、总体要求", "前半句后半句。",
		"二、工作任务", "挪走的话", "新增的行", "保留的行", "正文完"}
	if strings.Join(body, "|") != strings.Join(want, "|") {
		t.Errorf("body after cleaning:\n got %q\nwant %q", body, want)
	}
	main := string(after.Main())
	for _, gone := range []string{"w:del ", "w:ins ", "w:moveFrom", "w:moveTo", "Change", "commentRange", "commentReference", "删除的行", "内部意见"} {
		if strings.Contains(main, gone) {
			t.Errorf("document.xml still contains %q", gone)
		}
	}
	if !strings.Contains(main, `XE "通知"`) {
		t.Error("the hidden index field was removed (it carries no visible text and must stay whole)")
	}
	for _, p := range after.Paragraphs {
		if p.Where == docx.Header && p.Text != "页眉" || p.Where == docx.Footnote && p.Text != "注释（新增）" {
			t.Errorf("%s: %q", p.Location(), p.Text)
		}
	}
	for _, part := range []string{"word/comments.xml", "word/commentsExtended.xml", "word/people.xml"} {
		if after.Pkg.Has(part) {
			t.Errorf("%s still in the package", part)
		}
		if after.Pkg.ContentType(part) != "application/xml" && after.Pkg.ContentType(part) != "" {
			t.Errorf("content-type override of %s kept: %s", part, after.Pkg.ContentType(part))
		}
	}
	rels, _ := after.Pkg.Rels(after.Pkg.Main)
	for _, rel := range rels {
		if strings.Contains(rel.Type, "comments") || strings.HasSuffix(rel.Type, "/people") {
			t.Errorf("relationship kept: %+v", rel)
		}
	}
	if after.Core.Creator != "" || after.Core.LastModifiedBy != "" {
		t.Errorf("core properties kept: %+v", after.Core)
	}
	if !after.Pkg.Has("word/extra.xml") {
		t.Error("an unrelated part was dropped")
	}
	if !res.TrackingOff || res.Comments != 1 || res.HiddenRuns != 1 {
		t.Errorf("result %+v", res)
	}
	assertRawCopies(t, in, out, res)
}

// TestCleanOptions: each flag removes its own kind and nothing else.
func TestCleanOptions(t *testing.T) {
	in := scantest.Write(t, t.TempDir(), "messy.docx", messyDraft())
	tests := []struct {
		opts       Options
		gone, kept []string
	}{
		{Options{Comments: true}, []string{scan.KindHiddenComment}, []string{scan.KindTrackedChange, scan.KindHiddenText, scan.KindAuthorMetadata}},
		{Options{AcceptChanges: true}, []string{scan.KindTrackedChange}, []string{scan.KindHiddenComment, scan.KindHiddenText, scan.KindAuthorMetadata}},
		{Options{HiddenText: true}, []string{scan.KindHiddenText}, []string{scan.KindHiddenComment, scan.KindTrackedChange, scan.KindAuthorMetadata}},
		{Options{Metadata: true}, []string{scan.KindAuthorMetadata}, []string{scan.KindHiddenComment, scan.KindTrackedChange, scan.KindHiddenText}},
	}
	for _, tc := range tests {
		out, _ := cleanTo(t, in, tc.opts)
		fs := scan.Check(open(t, out)).Findings
		for _, k := range tc.gone {
			if count(fs, k) != 0 {
				t.Errorf("%+v: %s left", tc.opts, k)
			}
		}
		for _, k := range tc.kept {
			if count(fs, k) == 0 {
				t.Errorf("%+v: %s removed too", tc.opts, k)
			}
		}
	}
}

// TestCleanedOpensInLibreOffice converts cleaned files to PDF headless;
// skipped where LibreOffice is not installed.
func TestCleanedOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice not installed")
	}
	if testing.Short() {
		t.Skip("short")
	}
	dir := t.TempDir()
	inputs := []string{scantest.Write(t, dir, "messy.docx", messyDraft())}
	for _, f := range []string{"delins.docx", "comment.docx"} {
		if p := filepath.Join(poiDir, f); fileExists(p) {
			inputs = append(inputs, p)
		}
	}
	for _, in := range inputs {
		out, _ := cleanTo(t, in, Options{})
		pdfDir := t.TempDir()
		ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
		cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(pdfDir, "profile"),
			"--headless", "--convert-to", "pdf", "--outdir", pdfDir, out)
		msg, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("soffice %s: %v\n%s", filepath.Base(in), err, msg)
		}
		pdf := filepath.Join(pdfDir, strings.TrimSuffix(filepath.Base(out), ".docx")+".pdf")
		if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
			t.Errorf("%s: no PDF (%v)\n%s", filepath.Base(in), err, msg)
		}
	}
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }
