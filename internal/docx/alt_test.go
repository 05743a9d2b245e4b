package docx

import (
	"strings"
	"testing"
)

const mcNS = `xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// alt wraps choice and fallback XML in an mc:AlternateContent.
func alt(choice, fallback string) string {
	return `<mc:AlternateContent ` + mcNS + `><mc:Choice Requires="wps">` + choice + `</mc:Choice><mc:Fallback>` + fallback + `</mc:Fallback></mc:AlternateContent>`
}

func drawingBox(text string) string {
	return `<w:drawing><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>` + para(text) + `</w:txbxContent></wps:txbx></wps:wsp></w:drawing>`
}

func vmlBox(text string) string {
	return `<w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>` + para(text) + `</w:txbxContent></v:textbox></v:shape></w:pict>`
}

func run(text string) string { return `<w:r><w:t>` + text + `</w:t></w:r>` }

// TestAlternateContentViews: every branch of mc:AlternateContent is read,
// text repeated by a later branch only once, and run-level branches do not
// glue their texts together.
func TestAlternateContentViews(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string // where:text[|fallback][*alt] per paragraph
	}{
		{"same text box in both branches", `<w:p><w:r>` + alt(drawingBox("文本框"), vmlBox("文本框")) + `</w:r></w:p>` + para("后"),
			"body: textbox:文本框 body:后"},
		{"text box only in the fallback", `<w:p><w:r>` + alt(drawingBox("图"), vmlBox("身份证号110105194901010021")) + `</w:r></w:p>` + para("后"),
			"body: textbox:图 textbox:身份证号110105194901010021* body:后"},
		{"VML text box alone", `<w:p><w:r>` + vmlBox("文本框") + `</w:r></w:p>`, "body: textbox:文本框"},
		{"DrawingML text box alone", `<w:p><w:r>` + drawingBox("文本框") + `</w:r></w:p>`, "body: textbox:文本框"},
		{"run-level fallback text", `<w:p>` + run("手机") + alt(run("见附件"), run("13800138000")) + run("。") + `</w:p>`,
			"body:手机见附件。|手机13800138000。"},
		{"run-level branches alike", `<w:p>` + run("甲") + alt(run("乙"), run("乙")) + `</w:p>`, "body:甲乙"},
		{"block-level fallback paragraphs", alt(para("甲"), para("甲")+para("乙")) + para("后"),
			"body:甲 body:乙* body:后"},
		// Inside a fallback every branch goes to the fallback view: nothing is lost.
		{"nested alternate content", `<w:p>` + alt(run("A"), alt(run("B"), run("C"))) + `</w:p>`, "body:A|BC"},
		{"empty fallback", `<w:p>` + alt(run("A"), "") + `</w:p>`, "body:A|"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := openDoc(t, map[string]string{"word/document.xml": body(tc.body)})
			var got []string
			for i, p := range d.Paragraphs {
				s := string(p.Where) + ":" + p.Text
				if p.Fallback != "" || strings.HasSuffix(tc.want, "|") && i == 0 {
					s += "|" + p.Fallback
				}
				if p.AltContent {
					s += "*"
				}
				if p.Index != i {
					t.Errorf("paragraph %d has index %d", i, p.Index)
				}
				got = append(got, s)
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("paragraphs\n got %q\nwant %q", g, tc.want)
			}
		})
	}
}

// TestAltContentNeverStamped: a paragraph only in a fallback is never a
// top-level body paragraph the stamper could replace, nor one of docattr's
// anchored marks.
func TestAltContentNeverStamped(t *testing.T) {
	anchored := `<w:p><w:bookmarkStart w:id="1" w:name="` + AnchorNote + `"/><w:r><w:t>（此件公开发布）</w:t></w:r></w:p>`
	d := openDoc(t, map[string]string{"word/document.xml": body(alt(para("甲"), para("秘密★1年")+anchored), para("通知"))})
	for _, p := range d.Body() {
		if p.AltContent {
			t.Errorf("fallback paragraph %q is top-level", p.Text)
		}
	}
	for _, p := range d.Paragraphs {
		if p.AltContent && p.Anchor != "" {
			t.Errorf("fallback paragraph %q carries docattr's anchor %s", p.Text, p.Anchor)
		}
	}
	if loc := d.Paragraphs[1].Location(); loc != "正文第2段（兼容显示内容）" {
		t.Errorf("location %q", loc)
	}
}

// FuzzParseAlternateContent: whatever mc markup a story holds, parsing
// never panics and every paragraph's Index is its position.
func FuzzParseAlternateContent(f *testing.F) {
	f.Add(`<w:p><w:r>` + alt(drawingBox("甲"), vmlBox("乙")) + `</w:r></w:p>`)
	f.Add(`<w:p>` + alt(run("A"), alt(run("B"), run("C"))) + `</w:p>`)
	f.Add(alt(para("甲"), para("甲")+para("乙")))
	f.Add(`<mc:AlternateContent ` + mcNS + `><mc:Choice/><mc:Fallback><w:p><mc:Choice><w:p/></mc:Choice><w:r><w:t>x</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>`)
	f.Add(`<mc:AlternateContent ` + mcNS + `><mc:Choice><mc:Fallback><w:p/></mc:Fallback></mc:Choice><mc:Fallback><w:p><w:r><w:t>y</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>`)
	f.Fuzz(func(t *testing.T, inner string) {
		doc := []byte(body(`<w:p>` + inner + `</w:p>`))
		for _, x := range [][]byte{doc, []byte(body(inner))} {
			pt, err := parseStory(x, "word/document.xml", Body)
			if err != nil {
				continue
			}
			for i, p := range pt.paras {
				if p.Index != i {
					t.Fatalf("paragraph %d has index %d", i, p.Index)
				}
				if p.AltContent && (p.TopLevel || p.Anchor != "") {
					t.Fatalf("alternate content paragraph %+v is top-level or anchored", p)
				}
			}
		}
	})
}
