package docx

import "strconv"

// Where tells in which story of the document a paragraph stands.
type Where string

// Stories a paragraph can stand in.
const (
	Body      Where = "body"
	TableCell Where = "table"
	Header    Where = "header"
	Footer    Where = "footer"
	Footnote  Where = "footnote"
	Endnote   Where = "endnote"
	Comment   Where = "comment"
	TextBox   Where = "textbox"
	// Embedded is the text of a non-Word altChunk (HTML, MHT, RTF, text).
	Embedded Where = "embedded"
	// Drawing is text Word draws from SmartArt and chart parts.
	Drawing Where = "drawing"
)

// Paragraph is one paragraph's text with its place in the package.
//
// Text is what a reader sees: runs joined, w:tab as "\t", w:br and w:cr as
// "\n", w:sym as its character, tracked insertions included, tracked
// deletions and field instructions left out. Deleted holds the text of
// tracked deletions (still in the file, invisible in the final view) and
// Hidden the text of runs formatted as hidden (w:vanish), which is also part
// of Text because Word prints it when "hidden text" is shown.
type Paragraph struct {
	Part   string `json:"part"`            // e.g. "word/document.xml"
	Where  Where  `json:"where"`           // story
	Index  int    `json:"index"`           // position among all paragraphs of Part, from 0
	Text   string `json:"text"`            // visible text
	Style  string `json:"style,omitempty"` // paragraph style id
	Center bool   `json:"center,omitempty"`
	// Right is set for right-aligned paragraphs (signatures, dates).
	Right bool `json:"right,omitempty"`
	// FontHalfPts is the largest run font size in half-points (0 if unset).
	FontHalfPts int    `json:"font_half_pts,omitempty"`
	Inserted    string `json:"inserted,omitempty"` // text inside tracked insertions (w:ins)
	Deleted     string `json:"deleted,omitempty"`  // text inside tracked deletions (w:del)
	Hidden      string `json:"hidden,omitempty"`   // text in hidden runs (w:vanish)
	// Fallback is the line as readers that take the mc:Fallback branch of
	// run-level alternate content show it, set only when the paragraph has
	// such content (Text holds the mc:Choice view); see alt.go.
	Fallback string `json:"fallback,omitempty"`
	// AltContent is set for paragraphs of a later mc:AlternateContent
	// branch (an mc:Fallback or a second mc:Choice) whose text no earlier
	// branch has: some readers show them, Word usually does not.
	AltContent bool `json:"alt_content,omitempty"`
	// Anchor is the docattr bookmark inside this paragraph ("" if none).
	Anchor string `json:"anchor,omitempty"`
	// TopLevel is set for paragraphs that are direct children of w:body;
	// only those can be replaced or removed by the stamper.
	TopLevel bool `json:"-"`
	// Start and End delimit the paragraph's XML in Part (top-level only).
	Start, End int `json:"-"`
	// spacing is the raw <w:spacing .../> of the paragraph properties.
	spacing []byte
	// direct is set for paragraphs that are children of w:body itself, not
	// of a content control or custom XML block in it.
	direct bool
	// blockEnd is the end of the body child holding the paragraph (the
	// paragraph itself when direct): new paragraphs go there.
	blockEnd int
	// src is where the text came from, read only by ReadSourced.
	src *paraSources
}

// Location describes a paragraph for people, e.g. "正文第3段".
func (p Paragraph) Location() string {
	names := map[Where]string{Body: "正文", TableCell: "表格", Header: "页眉", Footer: "页脚",
		Footnote: "脚注", Endnote: "尾注", Comment: "批注", TextBox: "文本框", Embedded: "嵌入内容", Drawing: "图形文字"}
	loc := names[p.Where] + "第" + strconv.Itoa(p.Index+1) + "段"
	if p.AltContent {
		loc += "（兼容显示内容）"
	}
	return loc
}
