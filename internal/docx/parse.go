package docx

import (
	"io"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/docattr/docattr/internal/xmltok"
)

// Namespaces of WordprocessingML (transitional and strict) and markup compatibility.
const (
	NSW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	// Relationship ids (r:id) in transitional and strict documents.
	nsRel       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRelStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships"
)

// AnchorPrefix starts the names of the hidden bookmarks docattr puts around
// its marks; Word and WPS keep bookmarks through editing, and names that start
// with "_" are hidden from the bookmark list.
const AnchorPrefix = "_docattr_"

// partText is what parsing one story part yields.
type partText struct {
	paras     []Paragraph
	maxID     int      // largest w:id seen, so new bookmarks get fresh ids
	bodyStart int      // offset just after <w:body ...> (document part only)
	wSpace    string   // namespace of the root element
	wPrefix   string   // prefix bound to it at the root, if any
	tracked   bool     // w:ins / w:del / w:moveFrom / w:moveTo / *Change present
	chunks    []string // relationship ids of w:altChunk elements, in order
}

// parseStory walks one story part (document, header, footer, notes, comments)
// and returns its paragraphs in document order.
func parseStory(data []byte, part string, where Where) (partText, error) {
	return readStory(data, part, where, false)
}

// readStory is parseStory; with sourced set each paragraph also records
// where its text came from (Paragraph.src), and paragraphs of a later
// mc:AlternateContent branch that repeat an earlier one are kept, since
// their bytes hold the same text.
func readStory(data []byte, part string, where Where, sourced bool) (partText, error) {
	r := newStoryReader(data, part, where, sourced)
	err := drive(xmltok.New(data), r.step)
	return *r.out, err
}

// tokenStep takes the tokens of one part in order. Readers are steps, not
// loops, so that one pass over the main part can feed the text reader and
// the page estimate's reader together (docx.read).
type tokenStep func(s *xmltok.Scanner, t *xmltok.Token)

// drive feeds every token of s to each step, in order, and returns the
// scanner's first fault.
func drive(s *xmltok.Scanner, steps ...tokenStep) error { return driveUntil(nil, s, steps...) }

// driveUntil is drive that gives up with errAbandoned once stop (when not
// nil) is set: another goroutine's way to call a pass off.
func driveUntil(stop *atomic.Bool, s *xmltok.Scanner, steps ...tokenStep) error {
	var t xmltok.Token // one for the whole pass: steps keep no pointer to it
	for n := 0; ; n++ {
		if stop != nil && n&1023 == 0 && stop.Load() {
			return errAbandoned
		}
		err := s.NextInto(&t)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		for _, step := range steps {
			step(s, &t)
		}
	}
}

// storyReader is readStory's state; out is complete once every token of
// the part went through step.
type storyReader struct {
	step   tokenStep
	out    *partText
	atRest func() bool
}

// storyState is a storyReader's state. Its step is a method, not a
// closure over these as variables: a closure loads every variable it
// captures each time it is called, and step is called for every token.
type storyState struct {
	data       []byte
	part       string
	where      Where
	sourced    bool
	out        partText
	stack      []*paraBuilder // open paragraphs, innermost last
	free       []*paraBuilder // closed ones, to be used again (a long part has thousands)
	tables     int            // open w:tbl
	boxes      int            // open w:txbxContent
	inRun      bool
	runHidden  bool
	inRunProps bool
	inPPr      bool
	textKind   int // 0 none, 1 w:t, 2 w:delText, 3 instrText
	ins, del   int // open tracked insertion / deletion wrappers
	symFont    string
	bodyDepth  int // depth of w:body once seen
	blockFirst int // first paragraph of the current body child
	alts       altStack
}

func newStoryReader(data []byte, part string, where Where, sourced bool) storyReader {
	r := &storyState{data: data, part: part, where: where, sourced: sourced, alts: altStack{keepAll: sourced}}
	return storyReader{step: r.step, out: &r.out, atRest: r.atRest}
}

// isWord reports whether t is in WordprocessingML's namespace.
func isWord(t *xmltok.Token) bool { return t.Space == NSW || t.Space == nsWStrict }

// markupSource is where text that markup stands for comes from.
var markupSource = Source{Start: -1, End: -1}

func (r *storyState) step(s *xmltok.Scanner, t *xmltok.Token) {
	switch t.Kind {
	case xmltok.Text, xmltok.CData:
		if r.textKind == 1 || r.textKind == 2 {
			if t.Kind == xmltok.CData {
				r.emit(string(t.Raw), cdataSource(t))
			} else {
				r.emit(t.Unescaped(), textSource(t))
			}
		}
		return
	case xmltok.Other:
		return
	}
	if t.Kind == xmltok.StartTag && s.Depth() == 1 {
		r.out.wSpace = t.Space
		if p, ok := s.PrefixFor(t.Space); ok {
			r.out.wPrefix = p
		}
	}
	// Children of w:body are the blocks a new paragraph can stand
	// between; a paragraph inside one (a content control, custom XML)
	// gets the block's end, so marks are never put inside it.
	if r.bodyDepth > 0 {
		switch {
		case t.Kind == xmltok.StartTag && s.Depth() == r.bodyDepth+1 && !t.SelfClosing:
			r.blockFirst = len(r.out.paras)
		case t.Kind == xmltok.EndTag && s.Depth() == r.bodyDepth:
			for i := r.blockFirst; i < len(r.out.paras); i++ {
				r.out.paras[i].blockEnd = t.End
			}
			r.blockFirst = len(r.out.paras)
		}
	}
	if t.Space == nsMC {
		local := string(t.Local)
		switch {
		case t.Kind == xmltok.EndTag:
			r.out.paras = r.alts.end(local, s.Depth(), r.out.paras)
		case !t.SelfClosing:
			if b := r.cur(); b != nil && local == "AlternateContent" && !b.fbOn {
				// Run-level alternate content: from here on the
				// paragraph has two views.
				b.fbOn = true
				b.fb = append(b.fb, b.text...)
				b.src.startFallback()
			}
			r.alts.start(local, s.Depth(), len(r.out.paras))
		}
		return
	}
	if !isWord(t) {
		return
	}
	// Switched on as string(local): no string is made for every tag.
	local := t.Local
	if t.Kind == xmltok.EndTag {
		switch string(local) {
		case "p":
			b := r.cur()
			if b == nil {
				return
			}
			r.stack = r.stack[:len(r.stack)-1]
			b.p.End = t.End
			b.p.Text, b.p.Deleted, b.p.Inserted, b.p.Hidden = b.text.String(), b.del.String(), b.ins.String(), b.hid.String()
			if b.fbOn && string(b.fb) != b.p.Text {
				b.p.Fallback = b.fb.String()
			}
			if b.p.AltContent {
				b.p.Anchor = "" // docattr never puts its marks in alternate content
			}
			if b.src != nil {
				fb := b.p.Fallback
				if b.fbOn && fb == "" { // the Fallback view reads as the text
					fb = b.p.Text
				}
				b.p.src = b.src.done(b.fbOn, fb)
			}
			r.out.paras[b.p.Index] = b.p
			b.reset()
			r.free = append(r.free, b)
		case "tbl":
			r.tables--
		case "txbxContent":
			r.boxes--
		case "r":
			r.inRun, r.runHidden = false, false
		case "rPr":
			r.inRunProps = false
		case "pPr":
			r.inPPr = false
		case "t", "delText", "instrText":
			r.textKind = 0
		case "ins", "moveTo":
			r.ins--
		case "del", "moveFrom":
			r.del--
		}
		return
	}
	// Start tags. Few carry an id (bookmarks, comments, revisions): the
	// attributes are looked over here before any look-up is paid for.
	for i := range t.Attrs {
		if string(t.Attrs[i].Local) != "id" {
			continue
		}
		if id, ok := s.AttrView(t, t.Space, "id"); ok {
			if n, err := strconv.Atoi(id); err == nil && n > r.out.maxID {
				r.out.maxID = n
			}
		}
		break
	}
	switch string(local) {
	case "body":
		r.out.bodyStart, r.bodyDepth = t.End, s.Depth()
	case "p":
		w := r.where
		switch {
		case r.boxes > 0:
			w = TextBox
		case r.tables > 0 && (r.where == Body):
			w = TableCell
		}
		var b *paraBuilder
		if n := len(r.free); n > 0 {
			b, r.free = r.free[n-1], r.free[:n-1]
		} else {
			b = &paraBuilder{}
		}
		b.p = Paragraph{Part: r.part, Where: w, Index: len(r.out.paras), Start: t.Start, AltContent: r.alts.later > 0,
			TopLevel: r.where == Body && w == Body && len(r.stack) == 0 && r.alts.later == 0, direct: s.Depth() == r.bodyDepth+1 && r.bodyDepth > 0}
		if r.sourced {
			b.src = &paraSources{}
		}
		r.out.paras = append(r.out.paras, Paragraph{})
		if t.SelfClosing {
			b.p.End = t.End
			r.out.paras[b.p.Index] = b.p
			b.reset()
			r.free = append(r.free, b)
			return
		}
		r.stack = append(r.stack, b)
	case "tbl":
		if !t.SelfClosing {
			r.tables++
		}
	case "txbxContent":
		if !t.SelfClosing {
			r.boxes++
		}
	case "pPr":
		r.inPPr = !t.SelfClosing
	case "r":
		r.inRun, r.runHidden = !t.SelfClosing, false
	case "rPr":
		r.inRunProps = r.inRun && !t.SelfClosing
	case "vanish":
		if r.inRunProps && OnOff(s, t) {
			r.runHidden = true
		}
	case "sz":
		if b := r.cur(); b != nil && r.inRunProps {
			if v, ok := s.AttrView(t, t.Space, "val"); ok {
				if n, err := strconv.Atoi(v); err == nil && n > b.p.FontHalfPts {
					b.p.FontHalfPts = n
				}
			}
		}
	case "pStyle":
		if b := r.cur(); b != nil && r.inPPr {
			b.p.Style, _ = s.AttrValue(t, t.Space, "val")
		}
	case "jc":
		if b := r.cur(); b != nil && r.inPPr {
			v, _ := s.AttrView(t, t.Space, "val")
			b.p.Center = v == "center"
			b.p.Right = v == "right" || v == "end"
		}
	case "spacing":
		if b := r.cur(); b != nil && r.inPPr && !r.inRunProps {
			b.p.spacing = r.data[t.Start:t.End]
		}
	case "bookmarkStart":
		if b := r.cur(); b != nil {
			if name, _ := s.AttrValue(t, t.Space, "name"); strings.HasPrefix(name, AnchorPrefix) {
				b.p.Anchor = name
			}
		}
	case "t":
		if !t.SelfClosing {
			r.textKind = 1
		}
	case "delText":
		if !t.SelfClosing {
			r.textKind = 2
		}
	case "instrText", "delInstrText":
		if !t.SelfClosing {
			r.textKind = 3
		}
	case "tab", "ptab":
		if r.inRun && !r.inRunProps {
			r.emit("\t", markupSource)
		}
	case "br", "cr":
		if r.inRun && !r.inRunProps {
			r.emit("\n", markupSource)
		}
	case "noBreakHyphen":
		if r.inRun {
			r.emit("-", markupSource)
		}
	case "sym":
		r.symFont, _ = s.AttrValue(t, t.Space, "font")
		if c, _ := s.AttrValue(t, t.Space, "char"); c != "" {
			r.emit(symbolChar(r.symFont, c), markupSource)
		}
	case "ins", "moveTo":
		r.out.tracked = true
		if !t.SelfClosing {
			r.ins++
		}
	case "del", "moveFrom":
		r.out.tracked = true
		if !t.SelfClosing {
			r.del++
		}
	case "altChunk":
		if id, ok := s.AttrValue(t, nsRel, "id"); ok {
			r.out.chunks = append(r.out.chunks, id)
		} else if id, ok := s.AttrValue(t, nsRelStrict, "id"); ok {
			r.out.chunks = append(r.out.chunks, id)
		}
	case "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "numberingChange":
		r.out.tracked = true
	}
}

// atRest reports whether the reader is between two children of w:body, in
// the state the body's start tag left (split.go): no paragraph, run or
// wrapper open.
func (r *storyState) atRest() bool {
	return len(r.stack) == 0 && r.tables == 0 && r.boxes == 0 && !r.inRun && !r.runHidden && !r.inRunProps &&
		!r.inPPr && r.textKind == 0 && r.ins == 0 && r.del == 0 && len(r.alts.frames) == 0 && r.alts.later == 0 &&
		r.bodyDepth > 0 && r.blockFirst == len(r.out.paras)
}
