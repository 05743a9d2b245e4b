package docx

import (
	"strings"

	"github.com/docattr/docattr/internal/xmltok"
)

// pageGeom is a section's page: size, margins and line grid, in twips.
type pageGeom struct {
	w, h                     int
	top, bottom, left, right int
	header                   int
	gridLines                bool // docGrid type lines or linesAndChars
	pitch                    int  // docGrid linePitch
}

// textH and textW are the 版心: the room body text flows in.
func (g pageGeom) textH() int { return g.h - g.top - g.bottom }
func (g pageGeom) textW() int { return g.w - g.left - g.right }

// standardPage is GB/T 9704's page, used when a document says nothing.
var standardPage = pageGeom{w: gbPageW, h: gbPageH, top: gbMarginTop, bottom: gbPageH - gbMarginTop - gbBlockH,
	left: gbMarginLeft, right: gbPageW - gbMarginLeft - gbBlockW, header: 851, pitch: gbLinePitch}

// floatObj is a floating object (drawing anchor, VML shape, frame) that
// does not take room in the text flow but prints over it.
type floatObj struct {
	relV   string // page, margin, paragraph, line, topMargin...
	offV   int    // twips from relV's origin
	alignV string // top, center, bottom (instead of offV)
	h      int    // twips
	// obstacle is set when the object prints something: text, a fill or a
	// line. An empty, transparent box hides nothing.
	obstacle bool
}

// block is one child of w:body as it is laid out.
type block struct {
	start, end int
	table      bool
	text       string // visible text outside text boxes, compacted
	boxText    string // text in the block's text boxes
	format     lineFormat
	// charCount is the paragraph's width in full-width characters.
	charCount float64
	// empty: a paragraph with no text, object, field or bookmark: room a
	// template left, which a mark may take.
	empty   bool
	floats  []floatObj
	inlineH int // tallest inline picture
	// maxHalfPts is the largest w:sz of the runs and the paragraph mark.
	maxHalfPts int
	pageBreak  bool
	sectEnd    bool
	geom       *pageGeom // the section this block ends, when sectEnd
	rows       [][]float64
	rowCells   [][]lineFormat
	cellText   []string // compact text of each table cell (tables only)
}

const emuPerTwip = 635

// countHint is the room made up front for the paragraphs (or body
// children) of size bytes of a part: one per kilobyte, about what Word
// writes (WPS writes a paragraph per two), so the slice is seldom copied
// as it grows. Room never written costs little: the fresh pages of a
// command-line process are mapped on first touch.
func countHint(size int) int { return min(size>>10, 1<<16) + 8 }

func readSect(t *xmltok.Token, g *pageGeom) {
	switch string(t.Local) {
	case "pgSz":
		if w, h := attrInt(t, "w"), attrInt(t, "h"); w > 0 && h > 0 {
			g.w, g.h = w, h
		}
	case "pgMar":
		g.top, g.bottom = abs(attrInt(t, "top")), abs(attrInt(t, "bottom"))
		g.left, g.right, g.header = attrInt(t, "left"), attrInt(t, "right"), attrInt(t, "header")
	case "docGrid":
		for _, a := range t.Attrs {
			if string(a.Local) == "type" {
				g.gridLines = string(a.Value) == "lines" || string(a.Value) == "linesAndChars"
			}
		}
		if p := attrInt(t, "linePitch"); p > 0 {
			g.pitch = p
		}
	}
}

// vmlFloat reads the position of an absolutely positioned VML shape.
func vmlFloat(style string) floatObj {
	f := floatObj{relV: "paragraph", obstacle: true}
	for _, kv := range strings.Split(style, ";") {
		k, v, _ := strings.Cut(kv, ":")
		switch strings.TrimSpace(k) {
		case "margin-top", "top":
			f.offV = cssTwips(v)
		case "height":
			f.h = cssTwips(v)
		case "mso-position-vertical-relative":
			f.relV = strings.TrimSpace(v)
		case "mso-position-vertical":
			f.alignV = strings.TrimSpace(v)
		}
	}
	return f
}
