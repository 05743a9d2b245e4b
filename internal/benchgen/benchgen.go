// Package benchgen writes realistic GB/T 9704-style 公文 drafts for
// benchmarks: a title in 方正小标宋简体, a 主送机关 line, numbered headings in
// 黑体, body paragraphs in 仿宋_GB2312 (about 22 lines of 28 characters per
// page), a table every few pages, one embedded picture, the 发文机关署名 and
// the 成文日期 paragraph 2024年3月1日 at the end.
//
// The output is deterministic for given arguments. The picture is
// incompressible random bytes behind a valid JPEG header; nothing decodes it,
// it only has to be carried through byte for byte.
package benchgen

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"
)

// Page geometry of GB/T 9704: 22 lines of 28 characters.
const (
	LinesPerPage = 22
	CharsPerLine = 28
	CharsPerPage = LinesPerPage * CharsPerLine
)

// Fixed texts of every draft.
const (
	Title     = "某某市人民政府办公室关于进一步加强政务公开标准化规范化工作的通知"
	Addressee = "各区人民政府，市政府各部门，各有关单位："
	Signer    = "某某市人民政府办公室"
	Date      = "2024年3月1日"
	// PicturePart is the part name of the embedded picture.
	PicturePart = "word/media/image1.jpeg"
)

// sentences are typical 公文 body sentences: no digits that look like
// personal numbers, no secrecy, draft-stage or restriction words.
var sentences = []string{
	"各地各部门要深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，坚持以公开为常态、不公开为例外。",
	"要围绕群众关切，进一步提升政务公开质量和实效，切实保障人民群众的知情权、参与权、表达权和监督权。",
	"各单位要加强组织领导，明确分管负责同志和工作机构，健全工作机制，将政务公开工作纳入年度绩效考核。",
	"要严格落实公文公开属性源头认定制度，在公文办理过程中同步明确主动公开、依申请公开或者不予公开。",
	"对拟不予公开的，要依法依规说明理由，并按照有关规定做好审查和登记工作，确保公开内容合法准确。",
	"要加强政府网站和政务新媒体建设管理，及时发布权威信息，主动回应社会关切，增强政策透明度。",
	"各区要结合本地实际，细化工作措施，压实工作责任，推动基层政务公开标准化规范化工作走深走实。",
	"要完善政策解读机制，坚持谁起草谁解读，做到政策文件与解读材料同步组织、同步审签、同步部署。",
	"市政府办公室将会同有关部门加强督促检查，定期通报工作进展情况，对工作不力的单位予以督办。",
	"要规范依申请公开办理工作，严格按照法定时限和程序答复申请人，不断提高答复质量和办理效率。",
	"各部门要加强政府信息管理，建立健全政府信息公开审查机制，防止泄露国家秘密和敏感信息。",
	"要做好政府公报编辑发行工作，推动政府公报数字化建设，方便公众免费查阅和获取政府信息。",
	"要充分发挥政务服务中心、图书馆、档案馆等场所作用，设置政府信息查阅点，提供便捷查阅服务。",
	"各单位要于每年规定时间前向社会公布本机关上一年度政府信息公开工作年度报告，接受社会监督。",
	"要加强业务培训和队伍建设，提高工作人员依法公开意识和业务能力，打造专业化工作队伍。",
	"要聚焦重点领域信息公开，及时准确公开财政预决算、重大建设项目、公共资源配置等方面信息。",
}

var headings = []string{
	"一、提高思想认识，切实增强做好政务公开工作的责任感",
	"二、突出工作重点，全面推进决策、执行、管理、服务、结果公开",
	"三、完善制度机制，推动政务公开工作规范化运行",
	"四、加强平台建设，提升政府信息发布和政策解读水平",
	"五、强化保障措施，确保各项工作任务落到实处",
}

var tableHead = []string{"序号", "工作任务", "责任单位", "完成时限"}

var tableRows = [][]string{
	{"规范公文公开属性认定", "市政府办公室", "长期坚持"},
	{"完善政策解读机制", "各区、各部门", "年底前"},
	{"加强政府网站管理", "市政务服务数据管理局", "持续推进"},
	{"做好依申请公开办理", "各区、各部门", "长期坚持"},
	{"编制政府信息公开年度报告", "市政府办公室", "按规定时限"},
}

// Options tunes a draft beyond WriteDraft's arguments.
type Options struct {
	Pages        int
	PictureBytes int   // 0 = no picture
	Seed         int64 // varies the text and the picture bytes
}

// WriteDraft writes a draft of about pages pages with an embedded picture of
// pictureBytes bytes (none when 0) to path.
func WriteDraft(path string, pages int, pictureBytes int) error {
	return WriteDraftOptions(path, Options{Pages: pages, PictureBytes: pictureBytes, Seed: 1})
}

// WriteDraftOptions writes a draft to path.
func WriteDraftOptions(path string, o Options) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := Write(bw, o); err != nil {
		return err
	}
	return bw.Flush()
}

// fixed time of every entry, so that drafts are reproducible.
var modified = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

// Write writes a draft package to w.
func Write(w io.Writer, o Options) error {
	if o.Pages < 1 {
		return fmt.Errorf("benchgen: pages must be at least 1, got %d", o.Pages)
	}
	if o.PictureBytes < 0 {
		return fmt.Errorf("benchgen: negative picture size %d", o.PictureBytes)
	}
	zw := zip.NewWriter(w)
	put := func(name string, data []byte) error {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		_, err = fw.Write(data)
		return err
	}
	pic := o.PictureBytes > 0
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(contentTypes)},
		{"_rels/.rels", []byte(rootRels)},
		{"docProps/core.xml", []byte(coreProps)},
		{"docProps/app.xml", []byte(fmt.Sprintf(appProps, o.Pages, o.Pages*CharsPerPage))},
		{"word/document.xml", documentXML(o)},
		{"word/_rels/document.xml.rels", []byte(docRels(pic))},
		{"word/styles.xml", []byte(styles)},
		{"word/settings.xml", []byte(settings)},
		{"word/fontTable.xml", []byte(fontTable)},
	}
	for _, p := range parts {
		if err := put(p.name, p.data); err != nil {
			return err
		}
	}
	if pic {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: PicturePart, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		if err := writePicture(fw, o.PictureBytes, uint64(o.Seed)); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writePicture writes n bytes: a JPEG SOI/APP0 header, random bytes, EOI.
func writePicture(w io.Writer, n int, seed uint64) error {
	head := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00}
	tail := []byte{0xFF, 0xD9}
	if n < len(head)+len(tail) {
		_, err := w.Write(append(head, tail...)[:n])
		return err
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	var key [32]byte
	copy(key[:], "docattr benchgen picture "+strconv.FormatUint(seed, 10))
	src := rand.NewChaCha8(key)
	left := n - len(head) - len(tail)
	buf := make([]byte, 64<<10)
	for left > 0 {
		b := buf[:min(left, len(buf))]
		_, _ = src.Read(b)
		if _, err := w.Write(b); err != nil {
			return err
		}
		left -= len(b)
	}
	_, err := w.Write(tail)
	return err
}

// documentXML builds word/document.xml.
func documentXML(o Options) []byte {
	r := rand.New(rand.NewPCG(uint64(o.Seed), 0x9704))
	var b strings.Builder
	b.Grow(o.Pages * 7000)
	b.WriteString(docHead)
	rsid := func() string { return fmt.Sprintf("00%06X", r.IntN(1<<24)) }
	b.WriteString(`<w:p w:rsidR="` + rsid() + `" w:rsidRDefault="` + rsid() + `"><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr>`)
	run(&b, Title, "方正小标宋简体", 44)
	b.WriteString(`</w:p>`)
	emptyPara(&b)
	b.WriteString(`<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr>`)
	run(&b, Addressee, "仿宋_GB2312", 32)
	b.WriteString(`</w:p>`)

	// Body: fill pages with paragraphs of 2–8 lines; a heading every 12
	// pages or so, a table on page 4 and every 25 pages, the picture on page 2.
	lines := LinesPerPage*o.Pages - 12 // title block and signature
	heading, page := 0, 0
	picDone := o.PictureBytes == 0
	for lines > 0 {
		if p := (LinesPerPage*o.Pages - lines) / LinesPerPage; p != page || heading == 0 {
			page = p
			if heading == 0 || page%12 == 0 {
				para(&b, headings[heading%len(headings)], "黑体", 640, rsid())
				heading++
				lines--
			}
			if page == 3 || (page > 0 && page%25 == 0) {
				table(&b)
				lines -= 2 * (len(tableRows) + 1)
			}
			if !picDone && page >= 1 {
				picture(&b)
				picDone = true
				lines -= 10
			}
		}
		n := 2 + r.IntN(7) // lines in this paragraph
		var text strings.Builder
		chars := 0
		for chars < n*CharsPerLine-CharsPerLine/2 {
			s := sentences[r.IntN(len(sentences))]
			text.WriteString(s)
			chars += len([]rune(s))
		}
		para(&b, text.String(), "仿宋_GB2312", 640, rsid())
		lines -= (chars + 2 + CharsPerLine - 1) / CharsPerLine
	}
	if !picDone {
		picture(&b)
	}
	emptyPara(&b)
	emptyPara(&b)
	b.WriteString(`<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:right="1280"/><w:jc w:val="right"/></w:pPr>`)
	run(&b, Signer, "仿宋_GB2312", 32)
	b.WriteString(`</w:p>`)
	b.WriteString(`<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:right="1280"/><w:jc w:val="right"/></w:pPr>`)
	run(&b, Date, "仿宋_GB2312", 32)
	b.WriteString(`</w:p>`)
	b.WriteString(docTail)
	return []byte(b.String())
}

// para writes a body paragraph split into runs of one to three sentences,
// as Word leaves them after editing.
func para(b *strings.Builder, text, font string, firstLine int, rsid string) {
	b.WriteString(`<w:p w:rsidR="` + rsid + `" w:rsidRDefault="` + rsid + `"><w:pPr><w:spacing w:line="560" w:lineRule="exact"/>`)
	if firstLine > 0 {
		b.WriteString(`<w:ind w:firstLine="` + strconv.Itoa(firstLine) + `" w:firstLineChars="200"/>`)
	}
	b.WriteString(`</w:pPr>`)
	rest := text
	for rest != "" {
		cut := len(rest)
		// split after the second 。 if there is one
		if i := strings.Index(rest, "。"); i >= 0 {
			cut = i + len("。")
			if j := strings.Index(rest[cut:], "。"); j >= 0 {
				cut += j + len("。")
			}
		}
		run(b, rest[:cut], font, 32)
		rest = rest[cut:]
	}
	b.WriteString(`</w:p>`)
}

func run(b *strings.Builder, text, font string, size int) {
	sz := strconv.Itoa(size)
	b.WriteString(`<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="` + font + `" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="` + sz + `"/><w:szCs w:val="` + sz + `"/></w:rPr><w:t>`)
	b.WriteString(text)
	b.WriteString(`</w:t></w:r>`)
}

func emptyPara(b *strings.Builder) {
	b.WriteString(`<w:p><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:p>`)
}

func table(b *strings.Builder) {
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="8845" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>` +
		`<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
		`</w:tblBorders><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>` +
		`<w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="3845"/><w:gridCol w:w="2500"/><w:gridCol w:w="1500"/></w:tblGrid>`)
	row := func(cells []string, font string) {
		b.WriteString(`<w:tr>`)
		widths := []int{1000, 3845, 2500, 1500}
		for i, c := range cells {
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(widths[i]) + `" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`)
			b.WriteString(`<w:p><w:pPr><w:spacing w:line="400" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr>`)
			run(b, c, font, 24)
			b.WriteString(`</w:p></w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	row(tableHead, "黑体")
	for i, r := range tableRows {
		row(append([]string{strconv.Itoa(i + 1)}, r...), "仿宋_GB2312")
	}
	b.WriteString(`</w:tbl>`)
}

func picture(b *strings.Builder) {
	b.WriteString(`<w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:noProof/></w:rPr>` +
		`<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="5400000" cy="3600000"/>` +
		`<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="1" name="图片 1" descr="工作现场照片"/>` +
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
		`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
		`<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="1" name="image1.jpeg"/><pic:cNvPicPr/></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="rIdImg1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" cy="3600000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`)
}

const docHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<w:document xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" ` +
	`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:w10="urn:schemas-microsoft-com:office:word" ` +
	`xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ` +
	`xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk" ` +
	`xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`mc:Ignorable="w14 wp14"><w:body>`

const docTail = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1474" w:gutter="0"/>` +
	`<w:cols w:space="425"/><w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-849"/></w:sectPr></w:body></w:document>`

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="jpeg" ContentType="image/jpeg"/>` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`</Relationships>`

func docRels(pic bool) string {
	s := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>`
	if pic {
		s += `<Relationship Id="rIdImg1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.jpeg"/>`
	}
	return s + `</Relationships>`
}

const coreProps = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
	`xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
	`<dc:title>` + Title + `</dc:title><dc:creator>办公室</dc:creator><cp:lastModifiedBy>办公室</cp:lastModifiedBy><cp:revision>3</cp:revision>` +
	`<dcterms:created xsi:type="dcterms:W3CDTF">2024-02-26T08:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-01T09:00:00Z</dcterms:modified>` +
	`</cp:coreProperties>`

const appProps = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
	`<Template>Normal.dotm</Template><TotalTime>42</TotalTime><Pages>%d</Pages><Characters>%d</Characters><Application>Microsoft Office Word</Application>` +
	`<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><AppVersion>16.0000</AppVersion></Properties>`

const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>` +
	`<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
	`<w:style w:type="character" w:default="1" w:styleId="a0"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
	`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="a1"/><w:tblPr><w:tblBorders>` +
	`<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
	`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
	`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>` +
	`</w:styles>`

const settings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/>` +
	`<w:defaultTabStop w:val="420"/><w:drawingGridVerticalSpacing w:val="156"/><w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/>` +
	`<w:adjustLineHeightInTable/><w:useFELayout/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>`

const fontTable = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="仿宋_GB2312"><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="方正小标宋简体"><w:charset w:val="86"/><w:family w:val="script"/><w:pitch w:val="fixed"/></w:font>` +
	`</w:fonts>`
