package docx

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStampPlacement(t *testing.T) {
	cases := []struct {
		name      string
		paras     []string
		opts      StampOptions
		want      []string
		placement string
	}{
		{"note after date, secrecy first",
			[]string{"关于某事的通知", "正文。", "某委员会", "2024年3月1日", "抄送：某某"},
			StampOptions{SecrecyLine: ptr("秘密★1年"), Note: "（此件依申请公开）"},
			[]string{"秘密★1年", "关于某事的通知", "正文。", "某委员会", "2024年3月1日", "（此件依申请公开）", "抄送：某某"}, PlacedAfterDate},
		{"secrecy after the 份号",
			[]string{"000123", "关于某事的通知", "2024年3月1日"},
			StampOptions{SecrecyLine: ptr("机密★5年"), Note: "（此件不予公开）"},
			[]string{"000123", "机密★5年", "关于某事的通知", "2024年3月1日", "（此件不予公开）"}, PlacedAfterDate},
		{"typed secrecy replaced, typed note replaced",
			[]string{"秘密★", "关于某事的通知", "2024年3月1日", "（此件公开发布）"},
			StampOptions{SecrecyLine: ptr("机密★10年"), Note: "（此件不予公开）"},
			[]string{"机密★10年", "关于某事的通知", "2024年3月1日", "（此件不予公开）"}, PlacedAfterDate},
		{"secrecy kept when not set",
			[]string{"秘密★", "关于某事的通知", "2024年3月1日"},
			StampOptions{Note: "（此件不予公开）"},
			[]string{"秘密★", "关于某事的通知", "2024年3月1日", "（此件不予公开）"}, PlacedAfterDate},
		{"secrecy removed",
			[]string{"秘密★", "关于某事的通知", "2024年3月1日"},
			StampOptions{SecrecyLine: ptr(""), Note: "（此件公开发布）"},
			[]string{"关于某事的通知", "2024年3月1日", "（此件公开发布）"}, PlacedAfterDate},
		{"no date: after the last non-empty paragraph",
			[]string{"会议纪要", "一、内容", "", ""},
			StampOptions{Note: "（此件公开发布）"},
			// the note takes the empty line the draft left: the page keeps its length
			[]string{"会议纪要", "一、内容", "（此件公开发布）", ""}, PlacedAfterLast},
		{"placeholder date counts as the date",
			[]string{"关于某事的请示", "某局", "年　月　日"},
			StampOptions{Note: "信息公开选项：依申请公开"},
			[]string{"关于某事的请示", "某局", "年月日", "信息公开选项：依申请公开"}, PlacedAfterDate},
		{"option style replaces a note",
			[]string{"通知", "2024年3月1日", "（此件公开发布）"},
			StampOptions{Note: "信息公开选项：主动公开"},
			[]string{"通知", "2024年3月1日", "信息公开选项：主动公开"}, PlacedAfterDate},
		{"no note printed removes ours",
			[]string{"通知", "2024年3月1日", "（此件不予公开）"},
			StampOptions{},
			[]string{"通知", "2024年3月1日"}, PlacedNone},
		{"attachments follow the note",
			[]string{"通知", "某局", "2024年3月1日", "附件1", "登记表", "年　月　日"},
			StampOptions{Note: "（此件公开发布）"},
			[]string{"通知", "某局", "2024年3月1日", "（此件公开发布）", "附件1", "登记表", "年月日"}, PlacedAfterDate},
		{"escaping", []string{"A&amp;B", "2024年3月1日"},
			StampOptions{SecrecyLine: ptr("机密★会议<开始>前"), Note: "（此件不予公开）"},
			[]string{"机密★会议<开始>前", "A&B", "2024年3月1日", "（此件不予公开）"}, PlacedAfterDate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := openDoc(t, map[string]string{"word/document.xml": body(c.paras...)})
			c.opts.Record = Record{Attribute: "public", DocID: "x"}
			d2, res := restamp(t, d, c.opts)
			if got := bodyTexts(d2); strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("body\n got %q\nwant %q", got, c.want)
			}
			if res.NotePlacement != c.placement {
				t.Errorf("placement %s want %s", res.NotePlacement, c.placement)
			}
			// Re-marking the output gives the same body: never a second mark.
			d3, _ := restamp(t, d2, c.opts)
			if got := bodyTexts(d3); strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("re-marked body\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestStampFormatting(t *testing.T) {
	d := openDoc(t, map[string]string{"word/document.xml": body("通知", "2024年3月1日")})
	d2, _ := restamp(t, d, StampOptions{Record: Record{Attribute: "withheld"}, SecrecyLine: ptr("秘密★1年"), Note: "（此件不予公开）"})
	main := string(d2.Main())
	for _, want := range []string{
		`w:name="_docattr_secrecy"`, `w:name="_docattr_note"`,
		`<w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/><w:sz w:val="32"/>`,
		`<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312"/><w:sz w:val="32"/>`,
		`w:firstLineChars="200"`, `<w:jc w:val="left"/>`,
	} {
		if !strings.Contains(main, want) {
			t.Errorf("output lacks %s", want)
		}
	}
}

func TestStampNamespaceVariants(t *testing.T) {
	defaultNS := `<?xml version="1.0"?><document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><body><p><r><t>通知</t></r></p><p><r><t>2024年3月1日</t></r></p></body></document>`
	otherPrefix := strings.NewReplacer("w:", "ns0:", "xmlns:w=", "xmlns:ns0=").Replace(body("通知", "2024年3月1日"))
	for name, doc := range map[string]string{"default namespace": defaultNS, "other prefix": otherPrefix} {
		t.Run(name, func(t *testing.T) {
			d := openDoc(t, map[string]string{"word/document.xml": doc})
			d2, _ := restamp(t, d, StampOptions{Record: Record{Attribute: "public"}, SecrecyLine: ptr(""), Note: "（此件公开发布）"})
			if got := strings.Join(bodyTexts(d2), "|"); got != "通知|2024年3月1日|（此件公开发布）" {
				t.Errorf("body %q", got)
			}
		})
	}
}

// TestCustomPropsKept: other producers' properties (WPS, sensitivity labels)
// survive byte for byte; ours are replaced, not duplicated.
func TestCustomPropsKept(t *testing.T) {
	custom := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
		`<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-11.1.0.10000</vt:lpwstr></property>` +
		`<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="MSIP_Label_abc_Enabled"><vt:lpwstr>true</vt:lpwstr></property></Properties>`
	parts := map[string]string{
		"word/document.xml":   body("通知", "2024年3月1日"),
		"docProps/custom.xml": custom,
		"_rels/.rels":         strings.Replace(rootRels, "%s", `<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>`, 1),
		"[Content_Types].xml": strings.Replace(ctypes, "%s", `<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>`, 1),
	}
	d := openDoc(t, parts)
	d2, _ := restamp(t, d, StampOptions{Record: Record{Attribute: "public", DocID: "id1"}, Note: "（此件公开发布）"})
	d3, _ := restamp(t, d2, StampOptions{Record: Record{Attribute: "withheld", DocID: "id1", Reason: "A&B <x>"}, Note: "（此件不予公开）"})
	raw := d3.Props.Raw
	for _, keep := range []string{`name="KSOProductBuildVer"><vt:lpwstr>2052-11.1.0.10000</vt:lpwstr>`, `name="MSIP_Label_abc_Enabled"><vt:lpwstr>true</vt:lpwstr>`} {
		if !bytes.Contains(raw, []byte(keep)) {
			t.Errorf("lost %s", keep)
		}
	}
	if n := bytes.Count(raw, []byte(`name="docattr.attribute"`)); n != 1 {
		t.Errorf("%d docattr.attribute properties", n)
	}
	if r := d3.Record(); r == nil || r.Attribute != "withheld" || r.Reason != "A&B <x>" {
		t.Errorf("record %+v", r)
	}
	pids := map[int]bool{}
	for _, p := range d3.Props.List {
		if pids[p.PID] {
			t.Errorf("duplicate pid %d", p.PID)
		}
		pids[p.PID] = true
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		return p
	}
	cases := map[string]string{
		"empty":   write("empty.docx", nil),
		"text":    write("note.docx", []byte("just text")),
		"rtf":     write("a.docx", []byte(`{\rtf1 hello}`)),
		"pdf":     write("b.docx", []byte("%PDF-1.7")),
		"dtd":     writeDocx(t, map[string]string{"word/document.xml": `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>` + body("x")}),
		"broken":  writeDocx(t, map[string]string{"word/document.xml": docHead + "<w:p>"}),
		"no main": writeDocx(t, map[string]string{"word/other.xml": "<x/>"}),
	}
	for name, path := range cases {
		t.Run(name, func(t *testing.T) {
			d, err := Open(path)
			if err == nil {
				d.Close()
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), " / ") {
				t.Errorf("message not bilingual: %v", err)
			}
		})
	}
}

// FuzzStamp: for any document part the reader accepts, stamping succeeds,
// the output re-opens, and it carries exactly one note and one secrecy line.
func FuzzStamp(f *testing.F) {
	f.Add(body("通知", "正文", "2024年3月1日"))
	f.Add(body("秘密★", "000123", "（此件公开发布）", "2024年3月1日", "（此件公开发布）"))
	f.Add(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>2024年3月1日</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`)
	f.Add(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`)
	f.Add(body(alt(para("（此件公开发布）"), `<w:p><w:bookmarkStart w:id="1" w:name="_docattr_note"/><w:r><w:t>（此件公开发布）</w:t></w:r></w:p>`), "通知", "2024年3月1日"))
	f.Fuzz(func(t *testing.T, doc string) {
		path := writeDocx(t, map[string]string{"word/document.xml": doc})
		d, err := Open(path)
		if err != nil {
			return
		}
		defer d.Close()
		var buf bytes.Buffer
		if _, err := d.Stamp(&buf, StampOptions{Record: Record{Attribute: "public", DocID: "f"}, SecrecyLine: ptr("秘密★1年"), Note: "（此件公开发布）"}); err != nil {
			t.Fatalf("stamp failed on a document the reader accepted: %v", err)
		}
		out := filepath.Join(t.TempDir(), "out.docx")
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		d2, err := Open(out)
		if err != nil {
			t.Fatalf("output does not re-open: %v", err)
		}
		defer d2.Close()
		notes, lines := 0, 0
		for _, p := range d2.MainParagraphs() {
			if p.Anchor == AnchorNote {
				notes++
			}
			if p.Anchor == AnchorSecrecy {
				lines++
			}
		}
		if notes != 1 || lines != 1 {
			t.Fatalf("%d notes, %d secrecy lines", notes, lines)
		}
	})
}
