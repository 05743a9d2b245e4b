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

// readProp reads one paragraph or run property element into f; runProps
// says the element stands in a w:rPr.
func (f *lineFormat) readProp(s *xmltok.Scanner, t *xmltok.Token, runProps bool) {
	num := func(name string) (int, bool) {
		v, ok := s.AttrValue(t, t.Space, name)
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
			f.lineRule, _ = s.AttrValue(t, t.Space, "lineRule")
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
			f.jc, _ = s.AttrValue(t, t.Space, "val")
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

// readStyles reads the styles part; a missing or unreadable part gives
// Word's own defaults.
func readStyles(data []byte) styleSheet {
	ss := styleSheet{styles: map[string]lineFormat{}, basedOn: map[string]string{}}
	s := xmltok.New(data)
	var (
		cur      *lineFormat
		id       string
		inRPr    bool
		inDocDef bool
	)
	for {
		t, err := s.Next()
		if err != nil {
			break
		}
		if t.Space != NSW && t.Space != nsWStrict {
			continue
		}
		local := string(t.Local)
		if t.Kind == xmltok.EndTag {
			switch local {
			case "style":
				if cur != nil && id != "" {
					ss.styles[id] = *cur
				}
				cur = nil
			case "docDefaults":
				if cur != nil {
					ss.defaults = *cur
				}
				cur, inDocDef = nil, false
			case "rPr":
				inRPr = false
			}
			continue
		}
		if t.Kind != xmltok.StartTag {
			continue
		}
		switch local {
		case "docDefaults":
			cur, inDocDef = &lineFormat{}, true
		case "style":
			typ, _ := s.AttrValue(&t, t.Space, "type")
			id, _ = s.AttrValue(&t, t.Space, "styleId")
			cur = nil
			if typ == "paragraph" && !t.SelfClosing {
				cur = &lineFormat{}
				if def, _ := s.AttrValue(&t, t.Space, "default"); def == "1" || def == "true" {
					ss.defaultStyle = id
				}
			}
		case "basedOn":
			if cur != nil && !inDocDef {
				ss.basedOn[id], _ = s.AttrValue(&t, t.Space, "val")
			}
		case "rPr":
			inRPr = !t.SelfClosing
		case "tblPr", "tblStylePr", "trPr", "tcPr":
			if _, err := s.Skip(&t); err != nil {
				return ss
			}
		default:
			if cur != nil {
				cur.readProp(s, &t, inRPr)
			}
		}
	}
	return ss
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
