package docx

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/docattr/docattr/internal/xmltok"
)

const srcNS = `xmlns:w="` + NSW + `" xmlns:mc="` + nsMC + `" xmlns:a="` + nsA + `" xmlns:c="` + nsC + `"`

// checkSources asserts what redaction relies on: each source reads, from
// the part's bytes, exactly its stretch of the view, and every character
// of a view is located at bytes that read as that character (markup's
// characters aside).
func checkSources(t *testing.T, data []byte, paras []Sourced) {
	t.Helper()
	for _, p := range paras {
		for _, v := range p.Views {
			next := 0
			for _, s := range v.Sources {
				if s.Off != next || s.Off+s.Len > len(v.Text) {
					t.Fatalf("%s view of %q: source %+v does not follow on at %d", v.Name, v.Text, s, next)
				}
				next = s.Off + s.Len
				if s.Start < 0 {
					continue
				}
				raw := data[s.Start:s.End]
				got := string(raw)
				if s.Escaped {
					got = xmltok.Unescape(raw)
				}
				if want := v.Text[s.Off : s.Off+s.Len]; got != want {
					t.Fatalf("%s view: source %+v reads %q, the view has %q", v.Name, s, got, want)
				}
			}
			if next != len(v.Text) {
				t.Fatalf("%s view of %q: sources cover %d of %d bytes", v.Name, v.Text, next, len(v.Text))
			}
			for i := 0; i < len(v.Text); {
				_, n := utf8.DecodeRuneInString(v.Text[i:])
				char := v.Text[i : i+n]
				if start, end, ok := v.Locate(data, i); ok {
					raw := data[start:end]
					if !strings.Contains(xmltok.Unescape(raw), char) && string(raw) != char {
						t.Fatalf("%s view of %q: character %q at %d located at %q", v.Name, v.Text, char, i, raw)
					}
				}
				i += n
			}
		}
	}
}

func viewTexts(p Sourced) map[string]string {
	m := map[string]string{}
	for _, v := range p.Views {
		m[v.Name] = v.Text
	}
	return m
}

// TestReadSourcedIsOpensTextWithItsBytes: the views are Open's text, and
// every character can be found in the part's bytes.
func TestReadSourcedIsOpensTextWithItsBytes(t *testing.T) {
	cases := []struct {
		name, xml string
		where     Where
		want      []map[string]string // views of each paragraph
	}{
		{"runs joined, entities and references", `<w:document ` + srcNS + `><w:body><w:p><w:r><w:t>电话 138</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>0013&#56;0&amp;00</w:t></w:r></w:p></w:body></w:document>`,
			Body, []map[string]string{{"text": "电话 138001380&00"}}},
		{"tab, break and CDATA", `<w:hdr ` + srcNS + `><w:p><w:r><w:t>a</w:t><w:tab/><w:t><![CDATA[1<2]]></w:t><w:br/><w:t>b</w:t></w:r></w:p></w:hdr>`,
			Header, []map[string]string{{"text": "a\t1<2\nb"}}},
		{"tracked deletion and insertion", `<w:document ` + srcNS + `><w:body><w:p><w:del><w:r><w:delText>13800138000</w:delText></w:r></w:del><w:ins><w:r><w:t>139</w:t></w:r></w:ins></w:p></w:body></w:document>`,
			Body, []map[string]string{{"text": "139", "deleted": "13800138000"}}},
		{"fallback kept though it reads the same", `<w:document ` + srcNS + `><w:body><w:p><w:r><w:t>号</w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:t>13800138000</w:t></mc:Choice><mc:Fallback><w:t>13800138000</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p></w:body></w:document>`,
			Body, []map[string]string{{"text": "号13800138000", "fallback": "号13800138000"}}},
		{"block-level repeat in a later branch kept", `<w:document ` + srcNS + `><w:body><mc:AlternateContent><mc:Choice><w:p><w:r><w:t>13800138000</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>13800138000</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:body></w:document>`,
			Body, []map[string]string{{"text": "13800138000"}, {"text": "13800138000"}}},
		{"chart categories repeated per series kept", `<c:chartSpace ` + srcNS + `><c:ser><c:strCache><c:pt><c:v>13800138000</c:v></c:pt></c:strCache></c:ser><c:ser><c:strCache><c:pt><c:v>13800138000</c:v></c:pt></c:strCache></c:ser></c:chartSpace>`,
			Drawing, []map[string]string{{"text": "13800138000"}, {"text": "13800138000"}}},
		{"SmartArt text", `<dgm:dataModel xmlns:dgm="urn:dgm" ` + srcNS + `><a:p><a:r><a:t>卡号 6222 &#48;212</a:t></a:r><a:br/><a:r><a:t>x</a:t></a:r></a:p></dgm:dataModel>`,
			Drawing, []map[string]string{{"text": "卡号 6222 0212\nx"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := []byte(c.xml)
			paras, err := ReadSourced(data, TextPart{Part: "word/x.xml", Where: c.where})
			if err != nil {
				t.Fatal(err)
			}
			var got []map[string]string
			for _, p := range paras {
				got = append(got, viewTexts(p))
			}
			if len(got) != len(c.want) {
				t.Fatalf("views %v, want %v", got, c.want)
			}
			for i := range got {
				for k, v := range c.want[i] {
					if got[i][k] != v {
						t.Errorf("paragraph %d %s view %q, want %q (all: %v)", i, k, got[i][k], v, got[i])
					}
				}
				if len(got[i]) != len(c.want[i]) {
					t.Errorf("paragraph %d views %v, want %v", i, got[i], c.want[i])
				}
			}
			checkSources(t, data, paras)
			// Open's reading is the same text, repeats dropped.
			var plain []Paragraph
			if c.where == Drawing {
				plain, _ = parseDrawing(data, "word/x.xml")
			} else {
				pt, _ := parseStory(data, "word/x.xml", c.where)
				plain = pt.paras
			}
			for _, p := range plain {
				if !slices.ContainsFunc(paras, func(s Sourced) bool { return s.Text == p.Text && s.Deleted == p.Deleted }) {
					t.Errorf("Open reads %q, ReadSourced does not", p.Text)
				}
				if p.src != nil {
					t.Error("Open kept sources")
				}
			}
		})
	}
}

// TestLocateCountsAReferenceWhole: every character a reference stands for
// is located at the whole reference.
func TestLocateCountsAReferenceWhole(t *testing.T) {
	data := []byte(`<w:p ` + srcNS + `><w:r><w:t>1&#50;&lt;３</w:t></w:r></w:p>`)
	paras, err := ReadSourced(data, TextPart{Part: "p.xml", Where: Body})
	if err != nil || len(paras) != 1 {
		t.Fatal(paras, err)
	}
	v := paras[0].Views[0]
	for i, want := range []string{"1", "&#50;", "&lt;", "３"} {
		off := 0
		for range i {
			_, n := utf8.DecodeRuneInString(v.Text[off:])
			off += n
		}
		s, e, ok := v.Locate(data, off)
		if !ok || string(data[s:e]) != want {
			t.Errorf("character %d at %d..%d %q, want %q", i, s, e, data[s:e], want)
		}
	}
	if _, _, ok := v.Locate(data, len(v.Text)); ok {
		t.Error("an offset past the text was located")
	}
}

// FuzzReadSourced: on any part the sources read back as their text.
func FuzzReadSourced(f *testing.F) {
	f.Add([]byte(`<w:document `+srcNS+`><w:body><w:p><w:r><w:t>1&#50;3</w:t><w:tab/></w:r><w:del><w:r><w:delText>4</w:delText></w:r></w:del></w:p></w:body></w:document>`), false)
	f.Add([]byte(`<w:p `+srcNS+`><w:r><mc:AlternateContent><mc:Choice><w:t>1</w:t></mc:Choice><mc:Fallback><w:t><![CDATA[2]]></w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`), false)
	f.Add([]byte(`<c:chartSpace `+srcNS+`><c:strCache><c:v>a&amp;b</c:v></c:strCache><a:p><a:t>x</a:t><a:br/></a:p></c:chartSpace>`), true)
	f.Fuzz(func(t *testing.T, data []byte, drawing bool) {
		tp := TextPart{Part: "word/document.xml", Where: Body}
		if drawing {
			tp.Where = Drawing
		}
		paras, err := ReadSourced(data, tp)
		if err != nil {
			return
		}
		checkSources(t, data, paras)
	})
}
