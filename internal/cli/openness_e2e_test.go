package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/docattr/docattr/internal/catalog"
	"github.com/docattr/docattr/internal/due"
)

// The openness office's year end to end: a drafter marks drafts, a signer
// issues them (changing one decision), the batch is re-run, another
// installation's log is imported. stats count each document once by its
// final decision, the 规范性文件 row follows the lifecycle, the catalog
// numbers each public document once, and due lists what is left to do.
func TestOpennessYearEndToEnd(t *testing.T) {
	zhang := newHome(t, "张三", "drafter")
	wang := newHome(t, "王五", "secrecy", "signer")
	zp, wp := zhang.pub(), wang.pub()
	zhang.ok("review", "keyring", "add", "王五", wp)
	wang.ok("review", "keyring", "add", "张三", zp)
	os.WriteFile(filepath.Join(zhang.dir, catalog.ConfigFile), []byte(`{"org_code":"000014348","pattern":"{机构代码}/{年}-{序号:5}","topics":["综合政务","教育"]}`), 0o600)

	shared := t.TempDir()
	issue := func(src, name string, markArgs []string, signArgs ...string) string {
		t.Helper()
		draft := filepath.Join(shared, name+".docx")
		zhang.ok(append([]string{"mark", corpus(t, src), "-o", draft}, markArgs...)...)
		zhang.ok("review", "submit", draft)
		wang.ok("review", "approve", filepath.Join(shared, name+"-送审.docx"), "--role", "secrecy", "--checklist", "ok")
		wang.ok(append([]string{"review", "sign", filepath.Join(shared, name+"-保密审查.docx")}, signArgs...)...)
		return filepath.Join(shared, name+"-签发.docx")
	}
	// 规范性文件, dated 2018-02-27, with its catalog fields.
	normative := issue("000-plain.docx", "办法", []string{"--attr", "public", "--type", "规范性文件", "--topic", "综合政务", "--doc-number", "某政发〔2018〕1号"})
	// Proposed on request; the signer issues it 主动公开 (dated 2018-03-20).
	changed := issue("001-plain.docx", "通知", []string{"--attr", "on-request", "--basis", "条例第二十七条", "--reason", "涉及面窄"},
		"--attr", "public", "--reason", "需要公众广泛知晓")
	// Withheld 过程性信息, signed as proposed.
	issue("000-process.docx", "请示", []string{"--attr", "withheld", "--basis", "条例第十六条第二款", "--reason", "属于请示报告"})
	if code, _, errs := zhang.run("mark", corpus(t, "002-plain.docx"), "--attr", "public", "--topic", "天文", "-o", filepath.Join(shared, "x.docx")); code == ExitOK || !strings.Contains(errs, "未知的主题分类") {
		t.Errorf("unknown topic: exit %d %s", code, errs)
	}

	// The batch is re-run on the original drafts: same documents.
	rerun := t.TempDir()
	zhang.ok("mark", corpus(t, "000-plain.docx"), corpus(t, "000-process.docx"), "--attr", "public", "--out-dir", rerun)

	// Another installation marks a secret draft (never signed) and its log is imported.
	other := newHome(t, "赵六", "drafter")
	other.ok("mark", corpus(t, "001-secret.docx"), "--attr", "withheld", "--basis", "条例第十四条", "--secrecy", "秘密", "--reason", "属于国家秘密", "-o", filepath.Join(t.TempDir(), "s.docx"))
	exp := filepath.Join(other.dir, "other.jsonl")
	other.ok("audit", "export", "--format", "jsonl", "-o", exp)
	zhang.ok("audit", "import", "--source", "乙局", exp)
	// The signer's installation logged the signatures: the office imports it too.
	signed := filepath.Join(wang.dir, "signer.jsonl")
	wang.ok("audit", "export", "--format", "jsonl", "-o", signed)
	zhang.ok("audit", "import", "--source", "签发人", signed)

	stats := zhang.ok("stats", "--year", "2018", "--format", "csv", "--include-imported")
	for _, want := range []string{
		"已签发文件数,3", "未签发文件数,1",
		"主动公开,2", "依申请公开,0", "不予公开,1", // signed: the signer's decisions, re-marks do not count
		"第十六条：过程性信息,0,0,1,1", "第十四条：依法确定为国家秘密,0,0,0,0",
		"规范性文件,1,0,0,1",          // by type
		"规范性文件,1,0,1",            // 制发 1, 废止 0, 现行有效 1
		"拟标注的公开属性,文件数", "不予公开,1", // 乙局's secret draft, apart
	} {
		if !strings.Contains(stats, want+"\r\n") {
			t.Errorf("stats lack %q:\n%s", want, stats)
		}
	}

	// 废止 in June: the row follows.
	zhang.ok("lifecycle", normative, "--state", "repealed", "--date", "2018-06-01", "-o", filepath.Join(shared, "办法-已废止.docx"))
	if stats := zhang.ok("stats", "--year", "2018", "--format", "csv", "--include-imported"); !strings.Contains(stats, "规范性文件,1,1,0\r\n") {
		t.Errorf("after repeal:\n%s", stats)
	}

	// The catalog: two public documents, unique index numbers, every field.
	xl := filepath.Join(t.TempDir(), "目录.xlsx")
	zhang.ok("catalog", "export", "--year", "2018", "-o", xl, "--include-imported")
	x, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows(catalog.SheetName)
	if len(rows) != 3 || strings.Join(rows[0], ",") != strings.Join(catalog.Header, ",") {
		t.Fatalf("rows %v", rows)
	}
	byNumber := map[string][]string{}
	for _, r := range rows[1:] {
		byNumber[r[0]] = r
	}
	first, second := byNumber["000014348/2018-00001"], byNumber["000014348/2018-00002"]
	if first == nil || second == nil {
		t.Fatalf("index numbers %v", rows)
	}
	if first[1] != "某政发〔2018〕1号" || first[2] == "" || first[3] != "2018-02-27" || first[4] == "" || first[5] != "综合政务" ||
		first[6] != "网站" || first[7] != "已废止" {
		t.Errorf("规范性文件 entry %q", first)
	}
	if second[3] != "2018-03-20" || second[7] != "有效" || second[2] == "" {
		t.Errorf("changed entry %q", second)
	}
	csvOut := filepath.Join(t.TempDir(), "目录.csv")
	zhang.ok("catalog", "export", "--year", "2018", "--format", "csv", "-o", csvOut, "--include-imported")
	if b, _ := os.ReadFile(csvOut); !strings.HasPrefix(string(b), "\uFEFF索引号,") {
		t.Errorf("csv %q", b)
	}
	if code, _, _ := zhang.run("catalog", "export", "-o", csvOut); code == ExitOK {
		t.Error("catalog export without --year")
	}

	// What falls due on 2018-04-02: the changed document is not yet on the
	// website (20 working days from 2018-03-20: 2018-04-17), the repealed
	// one must be flagged.
	var items []due.Item
	if err := json.Unmarshal([]byte(zhang.ok("due", "--json", "--today", "2018-06-02", "--within", "30", "--include-imported")), &items); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, it := range items {
		kinds[it.Kind] += it.Due + " "
	}
	if kinds[due.Unpublished] != "2018-04-17 " || kinds[due.WebsiteNotice] != "2018-06-01 " {
		t.Errorf("due %v", kinds)
	}
	zhang.ok("lifecycle", changed, "--state", "published", "--date", "2018-04-10", "--url", "https://www.example.gov.cn/1.html")
	if out := zhang.ok("due", "--json", "--today", "2018-06-02", "--within", "30", "--include-imported"); strings.Contains(out, due.Unpublished) {
		t.Errorf("still unpublished after publication:\n%s", out)
	}
}
