package opc

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/xmltok"
)

// Sentinel kinds of refusal; every error Open returns wraps exactly one.
var (
	ErrLegacyFormat = errors.New("legacy binary Word format")
	ErrEncrypted    = errors.New("encrypted document")
	ErrOpenDocument = errors.New("OpenDocument text")
	ErrNotWord      = errors.New("not a Word document")
	ErrDamaged      = errors.New("damaged package")
	ErrTooLarge     = errors.New("package exceeds safety limits")
	ErrEmpty        = errors.New("empty file")
	ErrUnreadable   = errors.New("file cannot be read")
	// ErrBadOutput is a part docattr produced that would not be sound; it
	// is a bug in docattr, never the user's file, and nothing is written.
	ErrBadOutput = errors.New("output part not sound")
)

func refuseFormat(f Format) error {
	switch f {
	case FormatEmpty:
		return msg.New(ErrEmpty, "文件是空的（0 字节）", "the file is empty (0 bytes)")
	case FormatLegacyWord:
		return msg.New(ErrLegacyFormat, "这是旧版 Word 97-2003（.doc）或 WPS 二进制格式，请先用 Word/WPS 另存为 .docx",
			"legacy Word 97-2003 (.doc) or WPS binary format: save it as .docx in Word/WPS first")
	case FormatEncrypted:
		return msg.New(ErrEncrypted, "文档已加密，请先取消密码（Word：文件→信息→保护文档→用密码进行加密，清空密码）后另存",
			"the document is password-encrypted: remove the password in Word/WPS and save it again")
	case FormatODT:
		return msg.New(ErrOpenDocument, "这是 OpenDocument 文本（.odt），请先用 WPS/LibreOffice 另存为 Word .docx",
			"OpenDocument text (.odt): save it as Word .docx first")
	case FormatRTF:
		return msg.New(ErrLegacyFormat, "这是 RTF 格式，请先用 Word/WPS 另存为 .docx", "Rich Text Format: save it as .docx first")
	case FormatWordXML2003:
		return msg.New(ErrLegacyFormat, "这是 Word 2003 XML 格式，请先用 Word/WPS 另存为 .docx", "Word 2003 XML format: save it as .docx first")
	case FormatPDF:
		return msg.New(ErrNotWord, "这是 PDF 文件，不是 Word 文档；请使用公文的 Word 底稿", "a PDF file, not a Word document: use the Word draft")
	case FormatOLEOther:
		return msg.New(ErrNotWord, "这是旧版 Office 复合文档（不是 Word 文档，或已损坏），请用 Word/WPS 另存为 .docx",
			"an old Office compound file that is not a Word document (or is damaged): save it as .docx")
	case FormatOtherOOXML:
		return msg.New(ErrNotWord, "这是 Excel 或 PowerPoint 等文件，不是 Word 文档", "an Excel, PowerPoint or other Office file, not a Word document")
	case FormatOtherZip:
		return msg.New(ErrNotWord, "这是压缩包，但其中没有 Word 正文", "a zip archive with no Word document inside")
	}
	return msg.New(ErrNotWord, "无法识别的文件格式，不是 Word 文档（.docx）", "unrecognised format: not a Word .docx document")
}

func damaged(part string, cause error) error {
	if part == "" {
		return msg.Newf(ErrDamaged, cause, "文档已损坏：不是完整的 Word 压缩包（文件可能被截断）",
			"the document is damaged: not a complete Word package (truncated?)")
	}
	return msg.Newf(ErrDamaged, cause, fmt.Sprintf("文档已损坏：部件 %s 无法读取，"+resaveZh, part),
		fmt.Sprintf("the document is damaged: part %s cannot be read; "+resaveEn, part))
}

const (
	resaveZh = "请用 Word/WPS 打开并另存后再标注"
	resaveEn = "open and re-save it in Word/WPS before marking"
)

// damagedPart is the refusal of a package one of whose parts is unsound.
func damagedPart(part string, cause error, zh, en string) error {
	return msg.Newf(ErrDamaged, cause, fmt.Sprintf("文档已损坏：%s %s，"+resaveZh, part, zh),
		fmt.Sprintf("damaged document: %s %s; "+resaveEn, part, en))
}

func badChecksum(part string) error {
	return damagedPart(part, zip.ErrChecksum, "校验失败", "failed its checksum")
}

// readError classifies an error from decompressing a part.
func readError(part string, err error) error {
	switch {
	case errors.Is(err, zip.ErrChecksum):
		return badChecksum(part)
	case errors.Is(err, zip.ErrFormat), errors.Is(err, io.ErrUnexpectedEOF):
		return damagedPart(part, err, "长度与目录记录不符（文件可能被截断）", "does not have the length its directory entry records (truncated?)")
	}
	return damaged(part, err)
}

func malformed(part string, err error) error {
	if errors.Is(err, xmltok.ErrDTD) {
		return damagedPart(part, err, "含有 DTD 声明（Word 文档不允许）", "contains a DTD declaration, which Word documents do not allow")
	}
	return damagedPart(part, err, "的 XML 不合规", "is not well-formed XML")
}

func encodingError(part string, err error) error {
	var ee *errEncoding
	if errors.As(err, &ee) {
		return msg.Newf(ErrDamaged, err,
			fmt.Sprintf("文档无法处理：%s 使用 %s 编码，Word 文档只允许 UTF-8 或 UTF-16，%s", part, ee.name, resaveZh),
			fmt.Sprintf("cannot process the document: %s is encoded in %s, but Word documents allow only UTF-8 or UTF-16; %s", part, ee.name, resaveEn))
	}
	return damagedPart(part, err, "的 UTF-16 编码有误", "is not valid UTF-16")
}

func badPart(part, why string) error {
	return damagedPart(fmt.Sprintf("%q", part), errors.New(why), "不是合法的部件名（"+why+"）", "is not a valid part name ("+why+")")
}

func badMethod(part string, method uint16) error {
	return damagedPart(part, zip.ErrAlgorithm, fmt.Sprintf("使用了不支持的压缩方式 %d", method),
		fmt.Sprintf("uses unsupported compression method %d", method))
}

func badOutput(part string, err error) error {
	return msg.Newf(ErrBadOutput, err, fmt.Sprintf("内部错误：生成的部件 %s 不合规，未写出任何文件，请报告此问题", part),
		fmt.Sprintf("internal error: the generated part %s is not sound; nothing was written, please report this", part))
}

func missing(part string) error {
	return msg.New(ErrDamaged, fmt.Sprintf("文档已损坏：缺少必需部件 %s", part),
		fmt.Sprintf("the document is damaged: required part %s is missing", part))
}

func tooLarge(zh, en string) error {
	return msg.New(ErrTooLarge, "文档超出安全限制，已拒绝处理："+zh, "the package exceeds safety limits: "+en)
}
