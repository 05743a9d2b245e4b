package docx

import (
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/xmltok"
)

// lineFormat is the part of paragraph formatting that decides how tall a
// paragraph prints. Zero fields are "not set here"; merge fills them from
// the style chain and the document defaults.
type lineFormat struct {
	halfPts           int    // font size (w:sz)
	line              int    // w:spacing/@w:line
	lineRule          string // "auto", "exact", "atLeast"
	before, after     int    // twips
	beforeLn, afterLn int    // hundredths of a line (w:beforeLines)
	indLeft, indRight int
	firstLine         int // negative for a hanging indent
	set               uint16
	jc                string
	styleID           string
	snapOff           bool
}

// Bits of lineFormat.set, so an explicit 0 overrides the style.
const (
	setSize = 1 << iota
	setLine
	setBefore
	setAfter
	setBeforeLn
	setAfterLn
	setIndLeft
	setIndRight
	setFirst
	setJC
)

// merge fills what f leaves unset from g.
func (f *lineFormat) merge(g lineFormat) {
	take := func(bit uint16) bool { return f.set&bit == 0 && g.set&bit != 0 }
	if take(setSize) {
		f.halfPts = g.halfPts
	}
	if take(setLine) {
		f.line, f.lineRule = g.line, g.lineRule
	}
	if take(setBefore) {
		f.before = g.before
	}
	if take(setAfter) {
		f.after = g.after
	}
	if take(setBeforeLn) {
		f.beforeLn = g.beforeLn
	}
	if take(setAfterLn) {
		f.afterLn = g.afterLn
	}
	if take(setIndLeft) {
		f.indLeft = g.indLeft
	}
	if take(setIndRight) {
		f.indRight = g.indRight
	}
	if take(setFirst) {
		f.firstLine = g.firstLine
	}
	if take(setJC) {
		f.jc = g.jc
	}
	f.set |= g.set
}

// keyword keeps an attribute's value read with AttrView: the values of
// w:jc and w:lineRule, met on most paragraphs, as one copy each.
func keyword(v string, _ bool) string {
	switch v {
	case "":
		return ""
	case "auto":
		return "auto"
	case "exact":
		return "exact"
	case "atLeast":
		return "atLeast"
	case "left":
		return "left"
	case "center":
		return "center"
	case "right":
		return "right"
	case "both":
		return "both"
	case "start":
		return "start"
	case "end":
		return "end"
	case "distribute":
		return "distribute"
	}
	return strings.Clone(v)
}

// readProp reads one paragraph or run property element into f; runProps
// says the element stands in a w:rPr.
func (f *lineFormat) readProp(s *xmltok.Scanner, t *xmltok.Token, runProps bool) {
	num := func(name string) (int, bool) {
		v, ok := s.AttrView(t, t.Space, name)
		if !ok {
			return 0, false
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		return n, err == nil
	}
	switch string(t.Local) {
	case "sz":
		if n, ok := num("val"); ok && runProps && n > 0 {
			f.halfPts, f.set = n, f.set|setSize
		}
	case "spacing":
		if runProps {
			return
		}
		if n, ok := num("line"); ok {
			f.line, f.set = n, f.set|setLine
			f.lineRule = keyword(s.AttrView(t, t.Space, "lineRule"))
		}
		if n, ok := num("before"); ok {
			f.before, f.set = n, f.set|setBefore
		}
		if n, ok := num("after"); ok {
			f.after, f.set = n, f.set|setAfter
		}
		if n, ok := num("beforeLines"); ok {
			f.beforeLn, f.set = n, f.set|setBeforeLn
		}
		if n, ok := num("afterLines"); ok {
			f.afterLn, f.set = n, f.set|setAfterLn
		}
	case "ind":
		if runProps {
			return
		}
		for _, name := range []string{"left", "start"} {
			if n, ok := num(name); ok {
				f.indLeft, f.set = n, f.set|setIndLeft
			}
		}
		for _, name := range []string{"right", "end"} {
			if n, ok := num(name); ok {
				f.indRight, f.set = n, f.set|setIndRight
			}
		}
		if n, ok := num("firstLine"); ok {
			f.firstLine, f.set = n, f.set|setFirst
		}
		if n, ok := num("hanging"); ok {
			f.firstLine, f.set = -n, f.set|setFirst
		}
	case "jc":
		if !runProps {
			f.jc = keyword(s.AttrView(t, t.Space, "val"))
			f.set |= setJC
		}
	case "snapToGrid":
		if !runProps {
			f.snapOff = !OnOff(s, t)
		}
	}
}

// styleSheet is what styles.xml says about paragraph heights.
type styleSheet struct {
	defaults     lineFormat
	styles       map[string]lineFormat
	basedOn      map[string]string
	defaultStyle string
}

// readStyles reads the styles part for the page estimate alone (the fuzz
// target); documents read it once for both uses with readSheet.
func readStyles(data []byte) styleSheet { return readSheet(data).lines }

// lineReader gathers a styleSheet from the tokens of the styles part.
type lineReader struct {
	ss       styleSheet
	cur      *lineFormat
	id       string
	inRPr    bool
	inDocDef bool
}

func (r *lineReader) token(s *xmltok.Scanner, t *xmltok.Token, local string) {
	if t.Kind == xmltok.EndTag {
		switch local {
		case "style":
			if r.cur != nil && r.id != "" {
				r.ss.styles[r.id] = *r.cur
			}
			r.cur = nil
		case "docDefaults":
			if r.cur != nil {
				r.ss.defaults = *r.cur
			}
			r.cur, r.inDocDef = nil, false
		case "rPr":
			r.inRPr = false
		}
		return
	}
	switch local {
	case "docDefaults":
		r.cur, r.inDocDef = &lineFormat{}, true
	case "style":
		typ, _ := s.AttrValue(t, t.Space, "type")
		r.id, _ = s.AttrValue(t, t.Space, "styleId")
		r.cur = nil
		if typ == "paragraph" && !t.SelfClosing {
			r.cur = &lineFormat{}
			if def, _ := s.AttrValue(t, t.Space, "default"); def == "1" || def == "true" {
				r.ss.defaultStyle = r.id
			}
		}
	case "basedOn":
		if r.cur != nil && !r.inDocDef {
			r.ss.basedOn[r.id], _ = s.AttrValue(t, t.Space, "val")
		}
	case "rPr":
		r.inRPr = !t.SelfClosing
	default:
		if r.cur != nil {
			r.cur.readProp(s, t, r.inRPr)
		}
	}
}

// resolve merges a paragraph's own format with its style chain and the
// document defaults.
func (ss *styleSheet) resolve(f lineFormat) lineFormat {
	id := f.styleID
	if id == "" {
		id = ss.defaultStyle
	}
	for i := 0; id != "" && i < 16; i++ { // basedOn loops in hostile files
		f.merge(ss.styles[id])
		id = ss.basedOn[id]
	}
	f.merge(ss.defaults)
	if f.set&setSize == 0 {
		f.halfPts = 21 // Word's built-in 五号 when nothing says otherwise
	}
	return f
}
