package hostile

// idNumber completes 17 digits with the ID check character.
func idNumber(first17 string) string {
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range first17 {
		sum += int(c-'0') * w[i]
	}
	return first17 + string("10X98765432"[sum%11])
}

// cardNumber completes digits with a Luhn check digit.
func cardNumber(digits string) string {
	for d := '0'; d <= '9'; d++ {
		s := digits + string(d)
		sum, double := 0, false
		for i := len(s) - 1; i >= 0; i-- {
			n := int(s[i] - '0')
			if double {
				if n *= 2; n > 9 {
					n -= 9
				}
			}
			sum += n
			double = !double
		}
		if sum%10 == 0 {
			return s
		}
	}
	panic("unreachable")
}

// The personal numbers of the fixture, and where they stand.
var (
	// PIIDraft's numbers by place.
	PIIID     = idNumber("11010519491231002") // split over three runs of the body
	idDeleted = idNumber("32010219800101123") // in a tracked deletion
	idComment = idNumber("44030619900215456") // in a comment
	mobTable  = "13800138000"                 // in a table cell, one digit as a character reference
	mobIns    = "13912345678"                 // in a tracked insertion
	mobBox    = "15024681357"                 // in a text box, Choice and Fallback
	mobFoot   = "18655559999"                 // in a footnote
	PIICard   = cardNumber("622202123456789") // in the header, in groups of four
)

const (
	piiNS = ` xmlns:w="` + NSW + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"` +
		` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"` +
		` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
		` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"` +
		` xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"` +
		` xmlns:v="urn:schemas-microsoft-com:vml"`
	piiDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n"
	piiCT   = "application/vnd.openxmlformats-officedocument.wordprocessingml."
)

func piiPara(runs string) string { return `<w:p>` + runs + `</w:p>` }
func piiRun(rpr, text string) string {
	return `<w:r>` + rpr + `<w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

// PIIDraft is a 公文 draft with personal numbers in every place a number
// can hide in a .docx.
func PIIDraft() []byte {
	box := func() string {
		return `<w:txbxContent>` + piiPara(piiRun("", "联系人手机："+mobBox)) + `</w:txbxContent>`
	}
	body := piiPara(piiRun("", TitleText)) +
		piiPara(piiRun(`<w:rPr><w:b/></w:rPr>`, "申请人身份证号："+PIIID[:4])+piiRun(`<w:rPr><w:i/><w:color w:val="FF0000"/></w:rPr>`, PIIID[4:12])+
			piiRun(`<w:rPr><w:u w:val="single"/></w:rPr>`, PIIID[12:]+"。")) +
		`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>` +
		piiPara(piiRun(`<w:rPr><w:sz w:val="28"/></w:rPr>`, "电话 "+mobTable[:3]+"&#48;"+mobTable[4:])) + `</w:tc></w:tr></w:tbl>` +
		piiPara(piiRun("", "原号码")+`<w:del w:id="1" w:author="张三" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>`+idDeleted+`</w:delText></w:r></w:del>`+
			`<w:ins w:id="2" w:author="张三" w:date="2024-01-01T00:00:00Z">`+piiRun("", "新号码"+mobIns)+`</w:ins>`) +
		piiPara(`<w:commentRangeStart w:id="0"/>`+piiRun("", "见批注")+`<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>`+
			piiRun("", "及脚注")+`<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>`) +
		piiPara(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><wp:extent cx="2000000" cy="500000"/><wp:docPr id="1" name="文本框 1"/>`+
			`<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr/><wps:txbx>`+box()+
			`</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>`+
			`<mc:Fallback><w:pict><v:shape style="width:160pt;height:40pt"><v:textbox>`+box()+`</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`) +
		piiPara(piiRun("", "某某市人民政府办公室")) + piiPara(piiRun("", DateText)) +
		`<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>`
	doc := piiDecl + `<w:document` + piiNS + `><w:body>` + body + `</w:body></w:document>`
	header := piiDecl + `<w:hdr` + piiNS + `>` + piiPara(piiRun(`<w:rPr><w:sz w:val="18"/></w:rPr>`, "收款账户 "+PIICard[:4]+" "+PIICard[4:8])+
		piiRun("", " "+PIICard[8:12]+" "+PIICard[12:])) + `</w:hdr>`
	foot := piiDecl + `<w:footnotes` + piiNS + `><w:footnote w:type="separator" w:id="-1">` + piiPara(`<w:r><w:separator/></w:r>`) + `</w:footnote>` +
		`<w:footnote w:id="1">` + piiPara(piiRun("", "经办人手机 "+mobFoot)) + `</w:footnote></w:footnotes>`
	comments := piiDecl + `<w:comments` + piiNS + `><w:comment w:id="0" w:author="李四" w:initials="LS">` +
		piiPara(piiRun("", "核对身份证 "+idComment)) + `</w:comment></w:comments>`
	entries := Draft()
	entries = With(entries, Document, []byte(doc))
	entries = With(entries, Types, TypesXML(MainDOCX,
		`<Override PartName="/word/header1.xml" ContentType="`+piiCT+`header+xml"/>`,
		`<Override PartName="/word/footnotes.xml" ContentType="`+piiCT+`footnotes+xml"/>`,
		`<Override PartName="/word/comments.xml" ContentType="`+piiCT+`comments+xml"/>`))
	entries = With(entries, DocRels, RelsXML(
		Rel("rId1", RelBase+"styles", "styles.xml"), Rel("rId2", RelBase+"image", "media/image1.png"),
		Rel("rIdH", RelBase+"header", "header1.xml"), Rel("rIdF", RelBase+"footnotes", "footnotes.xml"),
		Rel("rIdC", RelBase+"comments", "comments.xml")))
	entries = With(entries, "word/header1.xml", []byte(header))
	entries = With(entries, "word/footnotes.xml", []byte(foot))
	entries = With(entries, "word/comments.xml", []byte(comments))
	return Archive{Entries: entries}.Bytes()
}

// PIINumbers are PIIDraft's numbers as digits, for tests that check none
// is left in clear.
func PIINumbers() []string {
	return []string{PIIID, idDeleted, idComment, mobTable, mobIns, mobBox, mobFoot, PIICard}
}

// PIIMiddle returns the digits a mask hides (the clear part that must go).
func PIIMiddle(n string) string {
	if len(n) == 11 {
		return n[3:7]
	}
	return n[4 : len(n)-4]
}
