package scan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan/scantest"
)

// longDraft is a ~300-page draft: 3000 paragraphs of about 100 Chinese
// characters, every tenth with numbers (a date, an amount, a 文号, a
// landline, now and then an ID or a mobile), in headings, prose and tables,
// signed and dated at the end like a real 公文.
func longDraft() scantest.Doc {
	return longDraftTitled("关于全面推进政务公开工作的实施意见（征求意见稿）")
}

func longDraftTitled(docTitle string) scantest.Doc {
	const prose = "为深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，进一步提升政府透明度和公信力，切实保障人民群众的知情权、参与权、表达权和监督权，现结合本地实际提出如下意见。"
	var b strings.Builder
	b.WriteString(titleP(docTitle))
	for i := 0; i < 3000; i++ {
		switch {
		case i%100 == 0:
			fmt.Fprintf(&b, `<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>第%d部分 工作要求</w:t></w:r></w:p>`, i/100+1)
		case i%250 == 7:
			b.WriteString(scantest.P("联系人：张某某，身份证号", "1101051949", "01010021", "，手机138 0013 8000。"))
		case i%10 == 3:
			b.WriteString(scantest.P(fmt.Sprintf("2017年7月11日印发的国办发〔2017〕%d号文件要求，年度投入资金%d.5万元，咨询电话0411-8%07d，%s", i, i*37, i, prose[:60])))
		case i%50 == 9:
			b.WriteString(scantest.Table("序号", fmt.Sprint(i), "金额", fmt.Sprintf("%d,%03d", i, i%1000)))
		default:
			b.WriteString(scantest.P(prose[:len(prose)/2], prose[len(prose)/2:]))
		}
	}
	b.WriteString(scantest.P("××市人民政府办公室") + scantest.P("2024年3月9日"))
	return scantest.Doc{Body: b.String(), Header: scantest.P("征求意见稿"), Creator: "拟稿人"}
}

func BenchmarkCheck300Pages(b *testing.B) {
	path := scantest.Write(b, b.TempDir(), "long.docx", longDraft())
	d, err := docx.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	if n := len(d.Paragraphs); n < 3000 {
		b.Fatalf("only %d paragraphs", n)
	}
	b.ResetTimer()
	for b.Loop() {
		r := Check(d)
		if r.Count(KindIDCard) != 12 {
			b.Fatalf("%d ID findings", r.Count(KindIDCard))
		}
	}
}

// BenchmarkCheck300PagesFinal is the same draft without a draft-stage
// title: Check then needs no docx.Analyze (see analysis in scan.go).
func BenchmarkCheck300PagesFinal(b *testing.B) {
	path := scantest.Write(b, b.TempDir(), "long.docx", longDraftTitled("关于全面推进政务公开工作的实施意见"))
	d, err := docx.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	for b.Loop() {
		Check(d)
	}
}

// BenchmarkOpenAndCheck300Pages includes reading the package, which is what
// a user waits for.
func BenchmarkOpenAndCheck300Pages(b *testing.B) {
	path := scantest.Write(b, b.TempDir(), "long.docx", longDraft())
	for b.Loop() {
		d, err := docx.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		Check(d)
		d.Close()
	}
}

// TestLongDraftIsFast keeps the benchmark's target honest in ordinary test
// runs: a 300-page draft is checked well within a second even under -race.
func TestLongDraftIsFast(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	res := testing.Benchmark(BenchmarkCheck300Pages)
	if res.N == 0 {
		t.Fatal("benchmark did not run")
	}
	if per := res.NsPerOp(); per > 1e9 {
		t.Errorf("Check of a 300-page draft took %d ms", per/1e6)
	}
	t.Logf("Check of a 300-page draft: %.1f ms", float64(res.NsPerOp())/1e6)
}
