package docx

import (
	"fmt"
	"strings"
	"testing"
)

// The edge cases of issue 11, built as 公文 pages on GB/T 9704's grid:
// exact 28.95 pt lines, 3号 text, A4 with the standard's margins.

const (
	gbSect = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>`
	gbHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>`
)

// gbPara is a 3号 paragraph on the grid; jc "" is justified body text.
func gbPara(text, jc string) string {
	j := ""
	if jc != "" {
		j = `<w:jc w:val="` + jc + `"/>`
	}
	r := ""
	if text != "" {
		r = `<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
	}
	return `<w:p><w:pPr><w:spacing w:line="579" w:lineRule="exact"/>` + j + `<w:rPr><w:sz w:val="32"/></w:rPr></w:pPr>` + r + `</w:p>`
}

func gbDoc(blocks ...string) map[string]string {
	return map[string]string{"word/document.xml": gbHead + strings.Join(blocks, "") + gbSect + `</w:body></w:document>`}
}

func bodyLines(n int, text string) []string {
	var out []string
	for i := range n {
		out = append(out, gbPara(fmt.Sprintf("%s%d。", text, i+1), ""))
	}
	return out
}

func gbTable(rows ...[]string) string {
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>`)
	for _, r := range rows {
		b.WriteString("<w:tr>")
		for _, c := range r {
			b.WriteString("<w:tc>" + gbPara(c, "") + "</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
	return b.String()
}

// redHead is a page-anchored VML text box printing the 发文机关标志 over
// the first lines of the 版心, as GB/T templates draw it.
const redHead = `<w:p><w:pPr><w:spacing w:line="579" w:lineRule="exact"/></w:pPr><w:r><w:pict><v:shape style="position:absolute;margin-left:0;margin-top:85pt;width:425pt;height:56pt;z-index:1;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical-relative:page" stroked="f"><v:textbox><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:color w:val="FF0000"/><w:sz w:val="96"/></w:rPr><w:t>某某市人民政府文件</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>`

// edgeCases are generated drafts, each one a case under issue 11's Why.
func edgeCases() map[string]map[string]string {
	sig := []string{gbPara("", ""), gbPara("某某市人民政府", "right"), gbPara("2024年3月1日", "right")}
	full := append([]string{gbPara("关于某事的通知", "center")}, bodyLines(18, "正文第")...)
	full = append(full, sig...) // 22 lines: the date is the last line of page 1
	padded := append([]string{gbPara("关于某事的纪要", "center")}, bodyLines(6, "会议议定")...)
	padded = append(padded, sig...)
	for range 10 {
		padded = append(padded, gbPara("", ""))
	}
	padded = append(padded, gbTable([]string{"抄送：市委办公室。"}, []string{"某某市人民政府办公室　　2024年3月1日印发"}))
	floating := append([]string{gbPara("", ""), gbPara("", ""), redHead, gbPara("", ""), gbPara("", ""), gbPara("", ""), gbPara("关于某事的通知", "center")}, bodyLines(3, "正文")...)
	floating = append(floating, sig...)
	// A red head printed from the very top of the 版心, no empty line left:
	// the secrecy line needs a place of its own.
	atTop := append([]string{strings.Replace(redHead, "margin-top:85pt", "margin-top:105pt", 1), gbPara("关于某事的通知", "center")}, bodyLines(3, "正文")...)
	atTop = append(atTop, sig...)
	banner := append([]string{gbTable([]string{"份号", "密级1"}, []string{"某某市人民政府文件", ""}), gbPara("关于某事的通知", "center")}, bodyLines(3, "正文")...)
	banner = append(banner, sig...)
	data := append([]string{gbPara("关于项目进度的报告", "center")}, bodyLines(2, "正文")...)
	data = append(data, gbTable([]string{"里程碑", "日期"}, []string{"开工", "2025年10月15日"}, []string{"完工", "2025年12月31日"}))
	data = append(data, bodyLines(1, "结语")...)
	data = append(data, sig...)
	nodate := append([]string{gbPara("关于某事的通知（征求意见稿）", "center")}, bodyLines(4, "正文")...)
	nodate = append(nodate, gbPara("", ""), gbPara("抄送：市委办公室。", ""), gbPara("某某市人民政府办公室　　2024年3月1日印发", ""))
	return map[string]map[string]string{
		"edge_full_page":   gbDoc(full...),
		"edge_padded":      gbDoc(padded...),
		"edge_red_head":    gbDoc(floating...),
		"edge_head_at_top": gbDoc(atTop...),
		"edge_banner":      gbDoc(banner...),
		"edge_data_table":  gbDoc(data...),
		"edge_nodate_banj": gbDoc(nodate...),
	}
}

// TestEdgeCasePlacement says where the marks go on each edge case (the
// layout test checks the printed pages).
func TestEdgeCasePlacement(t *testing.T) {
	cases := []struct {
		name       string
		note       string // placement
		secrecy    string
		noteBefore string // the note stands right before this text ("" = last)
		adjust     string // an Adjustment kind that must be reported
	}{
		// public: the note alone needs the one blank line above the signature
		{"edge_full_page", PlacedAfterDate, "", "", AdjustSignatureRoom},
		// secret: a second line to find, so the signature lines are tightened
		{"edge_full_page", PlacedAfterDate, SecrecyInserted, "", AdjustTightened},
		{"edge_padded", PlacedAfterDate, SecrecyInserted, "", AdjustTookPadding},
		{"edge_red_head", PlacedAfterDate, SecrecyTopLine, "", AdjustFilledLine},
		{"edge_banner", PlacedAfterDate, SecrecyCell, "", AdjustFilledLine},
		{"edge_head_at_top", PlacedAfterDate, SecrecyFrame, "", AdjustFilledLine},
		{"edge_data_table", PlacedAfterDate, SecrecyInserted, "", ""},
		{"edge_nodate_banj", PlacedBeforeBanji, SecrecyInserted, "抄送：市委办公室。", AdjustFilledLine},
	}
	docs := edgeCases()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := openDoc(t, docs[c.name])
			opts := StampOptions{SecrecyLine: ptr("秘密★1年"), Note: "（此件不予公开）"}
			if c.secrecy == "" {
				opts.SecrecyLine = nil
			}
			d2, res := restamp(t, d, opts)
			if res.NotePlacement != c.note || res.SecrecyPlacement != c.secrecy {
				t.Errorf("placement note %s secrecy %s, want %s %s", res.NotePlacement, res.SecrecyPlacement, c.note, c.secrecy)
			}
			found := c.adjust == ""
			for _, a := range res.Adjustments {
				found = found || a.Kind == c.adjust
				if a.Kind == AdjustMayOverflow {
					t.Errorf("overflow reported: %s", a.Zh)
				}
			}
			if !found {
				t.Errorf("adjustments %+v lack %s", res.Adjustments, c.adjust)
			}
			var texts []string
			for _, p := range d2.MainParagraphs() {
				if c := Compact(p.Text); c != "" {
					texts = append(texts, c)
				}
			}
			joined := strings.Join(texts, "|")
			if strings.Count(joined, "（此件不予公开）") != 1 || (opts.SecrecyLine != nil) != (strings.Count(joined, "秘密★1年") == 1) {
				t.Fatalf("marks missing or doubled: %s", joined)
			}
			if c.noteBefore != "" && !strings.Contains(joined, "（此件不予公开）|"+c.noteBefore) {
				t.Errorf("note not before %q: %s", c.noteBefore, joined)
			}
			if c.note == PlacedAfterDate && !strings.Contains(joined, "2024年3月1日|（此件不予公开）") {
				t.Errorf("note not under the date: %s", joined)
			}
			for _, p := range d2.MainParagraphs() {
				if p.Anchor == AnchorNote && p.Where != Body {
					t.Errorf("note inside a %s", p.Where)
				}
			}
			// Marked again as withheld: the secrecy line keeps its place.
			_, res2 := restamp(t, d2, StampOptions{SecrecyLine: ptr("机密★5年"), Note: "（此件不予公开）"})
			if c.secrecy != "" && res2.SecrecyPlacement != SecrecyReplacing {
				t.Errorf("re-marked secrecy placement %s", res2.SecrecyPlacement)
			}
			if c.name == "edge_head_at_top" {
				d4, _ := restamp(t, d2, StampOptions{SecrecyLine: ptr("机密★5年"), Note: "（此件不予公开）"})
				if !strings.Contains(string(d4.Main()), `framePr`) {
					t.Errorf("re-marked secrecy line lost its frame")
				}
			}
			// Marked again as public: the marks come out and the document
			// stays valid (a 版头 cell keeps a paragraph).
			d3, _ := restamp(t, d2, StampOptions{SecrecyLine: ptr(""), Note: "（此件公开发布）"})
			for _, p := range d3.MainParagraphs() {
				if strings.Contains(p.Text, "秘密★1年") {
					t.Errorf("secrecy line left in %s", p.Location())
				}
			}
			if c.name == "edge_banner" && !strings.Contains(string(d3.Main()), "<w:tc><w:p/></w:tc>") {
				t.Errorf("emptied 版头 cell has no paragraph")
			}
		})
	}
}
