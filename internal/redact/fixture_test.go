package redact

import "github.com/docattr/docattr/internal/hostile"

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
	idBody    = idNumber("11010519491231002") // split over three runs of the body
	idDeleted = idNumber("32010219800101123") // in a tracked deletion
	idComment = idNumber("44030619900215456") // in a comment
	mobTable  = "13800138000"                 // in a table cell, one digit as a character reference
	mobIns    = "13912345678"                 // in a tracked insertion
	mobBox    = "15024681357"                 // in a text box, Choice and Fallback
	mobFoot   = "18655559999"                 // in a footnote
	card      = cardNumber("622202123456789") // in the header, in groups of four
)

const (
	nsDecl = ` xmlns:w="` + hostile.NSW + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"` +
		` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"` +
		` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
		` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"` +
		` xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"` +
		` xmlns:v="urn:schemas-microsoft-com:vml"`
	xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n"
	ctBase  = "application/vnd.openxmlformats-officedocument.wordprocessingml."
)

func para(runs string) string { return `<w:p>` + runs + `</w:p>` }
func run(rpr, text string) string {
	return `<w:r>` + rpr + `<w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

// piiDraft is a 公文 draft with personal numbers in every place a number
// can hide in a .docx.
func piiDraft() []byte {
	box := func() string {
		return `<w:txbxContent>` + para(run("", "联系人手机："+mobBox)) + `</w:txbxContent>`
	}
	body := para(run("", hostile.TitleText)) +
		para(run(`<w:rPr><w:b/></w:rPr>`, "申请人身份证号："+idBody[:4])+run(`<w:rPr><w:i/><w:color w:val="FF0000"/></w:rPr>`, idBody[4:12])+
			run(`<w:rPr><w:u w:val="single"/></w:rPr>`, idBody[12:]+"。")) +
		`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>` +
		para(run(`<w:rPr><w:sz w:val="28"/></w:rPr>`, "电话 "+mobTable[:3]+"&#48;"+mobTable[4:])) + `</w:tc></w:tr></w:tbl>` +
		para(run("", "原号码")+`<w:del w:id="1" w:author="张三" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>`+idDeleted+`</w:delText></w:r></w:del>`+
			`<w:ins w:id="2" w:author="张三" w:date="2024-01-01T00:00:00Z">`+run("", "新号码"+mobIns)+`</w:ins>`) +
		para(`<w:commentRangeStart w:id="0"/>`+run("", "见批注")+`<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>`+
			run("", "及脚注")+`<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>`) +
		para(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><wp:extent cx="2000000" cy="500000"/><wp:docPr id="1" name="文本框 1"/>`+
			`<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr/><wps:txbx>`+box()+
			`</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>`+
			`<mc:Fallback><w:pict><v:shape style="width:160pt;height:40pt"><v:textbox>`+box()+`</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`) +
		para(run("", "某某市人民政府办公室")) + para(run("", hostile.DateText)) +
		`<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>`
	doc := xmlDecl + `<w:document` + nsDecl + `><w:body>` + body + `</w:body></w:document>`
	header := xmlDecl + `<w:hdr` + nsDecl + `>` + para(run(`<w:rPr><w:sz w:val="18"/></w:rPr>`, "收款账户 "+card[:4]+" "+card[4:8])+
		run("", " "+card[8:12]+" "+card[12:])) + `</w:hdr>`
	foot := xmlDecl + `<w:footnotes` + nsDecl + `><w:footnote w:type="separator" w:id="-1">` + para(`<w:r><w:separator/></w:r>`) + `</w:footnote>` +
		`<w:footnote w:id="1">` + para(run("", "经办人手机 "+mobFoot)) + `</w:footnote></w:footnotes>`
	comments := xmlDecl + `<w:comments` + nsDecl + `><w:comment w:id="0" w:author="李四" w:initials="LS">` +
		para(run("", "核对身份证 "+idComment)) + `</w:comment></w:comments>`
	entries := hostile.Draft()
	entries = hostile.With(entries, hostile.Document, []byte(doc))
	entries = hostile.With(entries, hostile.Types, hostile.TypesXML(hostile.MainDOCX,
		`<Override PartName="/word/header1.xml" ContentType="`+ctBase+`header+xml"/>`,
		`<Override PartName="/word/footnotes.xml" ContentType="`+ctBase+`footnotes+xml"/>`,
		`<Override PartName="/word/comments.xml" ContentType="`+ctBase+`comments+xml"/>`))
	entries = hostile.With(entries, hostile.DocRels, hostile.RelsXML(
		hostile.Rel("rId1", hostile.RelBase+"styles", "styles.xml"), hostile.Rel("rId2", hostile.RelBase+"image", "media/image1.png"),
		hostile.Rel("rIdH", hostile.RelBase+"header", "header1.xml"), hostile.Rel("rIdF", hostile.RelBase+"footnotes", "footnotes.xml"),
		hostile.Rel("rIdC", hostile.RelBase+"comments", "comments.xml")))
	entries = hostile.With(entries, "word/header1.xml", []byte(header))
	entries = hostile.With(entries, "word/footnotes.xml", []byte(foot))
	entries = hostile.With(entries, "word/comments.xml", []byte(comments))
	return hostile.Archive{Entries: entries}.Bytes()
}

// clearNumbers are the fixture's numbers as digits.
func clearNumbers() []string {
	return []string{idBody, idDeleted, idComment, mobTable, mobIns, mobBox, mobFoot, card}
}

// middle returns the digits a mask hides (the clear part that must go).
func middle(n string) string {
	if len(n) == 11 {
		return n[3:7]
	}
	return n[4 : len(n)-4]
}
