package docx

import (
	"io"
	"strconv"
	"strings"

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

// paraBuilder collects one paragraph while its tokens stream by.
type paraBuilder struct {
	p    Paragraph
	text strings.Builder
	del  strings.Builder
	ins  strings.Builder
	hid  strings.Builder
	// fb is the Fallback view (see alt.go), kept once run-level alternate
	// content has begun in the paragraph.
	fb   strings.Builder
	fbOn bool
	// src, when reading with sources (ReadSourced), holds where each
	// stretch of text, fb and del came from.
	src *paraSources
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
func drive(s *xmltok.Scanner, steps ...tokenStep) error {
	var t xmltok.Token // one for the whole pass: steps keep no pointer to it
	for {
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

func newStoryReader(data []byte, part string, where Where, sourced bool) storyReader {
	var out partText
	var (
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
		alts       = altStack{keepAll: sourced}
	)
	isW := func(t *xmltok.Token) bool { return t.Space == NSW || t.Space == nsWStrict }
	cur := func() *paraBuilder {
		if len(stack) == 0 {
			return nil
		}
		return stack[len(stack)-1]
	}
	// emit adds text to the open paragraph's views; from is where it
	// came from in data (Source.Start < 0 for text markup stands for).
	emit := func(text string, from Source) {
		b := cur()
		if b == nil || text == "" {
			return
		}
		side := bothViews
		if b.fbOn {
			side = alts.side(b.p.Index)
		}
		if side != choiceView && b.fbOn && (side == fallbackView || (del == 0 && textKind != 2)) {
			b.src.add(srcFallback, b.fb.Len(), text, from)
			b.fb.WriteString(text)
		}
		if side == fallbackView {
			return
		}
		switch {
		case del > 0 || textKind == 2:
			b.src.add(srcDeleted, b.del.Len(), text, from)
			b.del.WriteString(text)
			return
		case ins > 0:
			b.ins.WriteString(text)
		}
		if runHidden {
			b.hid.WriteString(text)
		}
		b.src.add(srcText, b.text.Len(), text, from)
		b.text.WriteString(text)
	}
	markup := Source{Start: -1, End: -1}
	step := func(s *xmltok.Scanner, t *xmltok.Token) {
		switch t.Kind {
		case xmltok.Text, xmltok.CData:
			if textKind == 1 || textKind == 2 {
				if t.Kind == xmltok.CData {
					emit(string(t.Raw), cdataSource(t))
				} else {
					emit(t.Unescaped(), textSource(t))
				}
			}
			return
		case xmltok.Other:
			return
		}
		if t.Kind == xmltok.StartTag && s.Depth() == 1 {
			out.wSpace = t.Space
			if p, ok := s.PrefixFor(t.Space); ok {
				out.wPrefix = p
			}
		}
		// Children of w:body are the blocks a new paragraph can stand
		// between; a paragraph inside one (a content control, custom XML)
		// gets the block's end, so marks are never put inside it.
		if bodyDepth > 0 {
			switch {
			case t.Kind == xmltok.StartTag && s.Depth() == bodyDepth+1 && !t.SelfClosing:
				blockFirst = len(out.paras)
			case t.Kind == xmltok.EndTag && s.Depth() == bodyDepth:
				for i := blockFirst; i < len(out.paras); i++ {
					out.paras[i].blockEnd = t.End
				}
				blockFirst = len(out.paras)
			}
		}
		if t.Space == nsMC {
			local := string(t.Local)
			switch {
			case t.Kind == xmltok.EndTag:
				out.paras = alts.end(local, s.Depth(), out.paras)
			case !t.SelfClosing:
				if b := cur(); b != nil && local == "AlternateContent" && !b.fbOn {
					// Run-level alternate content: from here on the
					// paragraph has two views.
					b.fbOn = true
					b.fb.WriteString(b.text.String())
					b.src.startFallback()
				}
				alts.start(local, s.Depth(), len(out.paras))
			}
			return
		}
		if !isW(t) {
			return
		}
		local := string(t.Local)
		if t.Kind == xmltok.EndTag {
			switch local {
			case "p":
				b := cur()
				if b == nil {
					return
				}
				stack = stack[:len(stack)-1]
				b.p.End = t.End
				b.p.Text, b.p.Deleted, b.p.Inserted, b.p.Hidden = b.text.String(), b.del.String(), b.ins.String(), b.hid.String()
				if fb := b.fb.String(); b.fbOn && fb != b.p.Text {
					b.p.Fallback = fb
				}
				if b.p.AltContent {
					b.p.Anchor = "" // docattr never puts its marks in alternate content
				}
				b.p.src = b.src.done(b.fbOn, b.fb.String())
				out.paras[b.p.Index] = b.p
				*b = paraBuilder{} // its strings are the paragraph's now
				free = append(free, b)
			case "tbl":
				tables--
			case "txbxContent":
				boxes--
			case "r":
				inRun, runHidden = false, false
			case "rPr":
				inRunProps = false
			case "pPr":
				inPPr = false
			case "t", "delText", "instrText":
				textKind = 0
			case "ins", "moveTo":
				ins--
			case "del", "moveFrom":
				del--
			}
			return
		}
		// Start tags.
		if id, ok := s.AttrValue(t, t.Space, "id"); ok {
			if n, err := strconv.Atoi(id); err == nil && n > out.maxID {
				out.maxID = n
			}
		}
		switch local {
		case "body":
			out.bodyStart, bodyDepth = t.End, s.Depth()
		case "p":
			w := where
			switch {
			case boxes > 0:
				w = TextBox
			case tables > 0 && (where == Body):
				w = TableCell
			}
			var b *paraBuilder
			if n := len(free); n > 0 {
				b, free = free[n-1], free[:n-1]
			} else {
				b = &paraBuilder{}
			}
			b.p = Paragraph{Part: part, Where: w, Index: len(out.paras), Start: t.Start, AltContent: alts.later > 0,
				TopLevel: where == Body && w == Body && len(stack) == 0 && alts.later == 0, direct: s.Depth() == bodyDepth+1 && bodyDepth > 0}
			if sourced {
				b.src = &paraSources{}
			}
			out.paras = append(out.paras, Paragraph{})
			if t.SelfClosing {
				b.p.End = t.End
				out.paras[b.p.Index] = b.p
				*b = paraBuilder{}
				free = append(free, b)
				return
			}
			stack = append(stack, b)
		case "tbl":
			if !t.SelfClosing {
				tables++
			}
		case "txbxContent":
			if !t.SelfClosing {
				boxes++
			}
		case "pPr":
			inPPr = !t.SelfClosing
		case "r":
			inRun, runHidden = !t.SelfClosing, false
		case "rPr":
			inRunProps = inRun && !t.SelfClosing
		case "vanish":
			if inRunProps && OnOff(s, t) {
				runHidden = true
			}
		case "sz":
			if b := cur(); b != nil && inRunProps {
				if v, ok := s.AttrValue(t, t.Space, "val"); ok {
					if n, err := strconv.Atoi(v); err == nil && n > b.p.FontHalfPts {
						b.p.FontHalfPts = n
					}
				}
			}
		case "pStyle":
			if b := cur(); b != nil && inPPr {
				b.p.Style, _ = s.AttrValue(t, t.Space, "val")
			}
		case "jc":
			if b := cur(); b != nil && inPPr {
				v, _ := s.AttrValue(t, t.Space, "val")
				b.p.Center = v == "center"
				b.p.Right = v == "right" || v == "end"
			}
		case "spacing":
			if b := cur(); b != nil && inPPr && !inRunProps {
				b.p.spacing = data[t.Start:t.End]
			}
		case "bookmarkStart":
			if b := cur(); b != nil {
				if name, _ := s.AttrValue(t, t.Space, "name"); strings.HasPrefix(name, AnchorPrefix) {
					b.p.Anchor = name
				}
			}
		case "t":
			if !t.SelfClosing {
				textKind = 1
			}
		case "delText":
			if !t.SelfClosing {
				textKind = 2
			}
		case "instrText", "delInstrText":
			if !t.SelfClosing {
				textKind = 3
			}
		case "tab", "ptab":
			if inRun && !inRunProps {
				emit("\t", markup)
			}
		case "br", "cr":
			if inRun && !inRunProps {
				emit("\n", markup)
			}
		case "noBreakHyphen":
			if inRun {
				emit("-", markup)
			}
		case "sym":
			symFont, _ = s.AttrValue(t, t.Space, "font")
			if c, _ := s.AttrValue(t, t.Space, "char"); c != "" {
				emit(symbolChar(symFont, c), markup)
			}
		case "ins", "moveTo":
			out.tracked = true
			if !t.SelfClosing {
				ins++
			}
		case "del", "moveFrom":
			out.tracked = true
			if !t.SelfClosing {
				del++
			}
		case "altChunk":
			if id, ok := s.AttrValue(t, nsRel, "id"); ok {
				out.chunks = append(out.chunks, id)
			} else if id, ok := s.AttrValue(t, nsRelStrict, "id"); ok {
				out.chunks = append(out.chunks, id)
			}
		case "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "numberingChange":
			out.tracked = true
		}
	}
	// At rest: between two children of w:body, in the state the body's
	// start tag left (split.go) — no paragraph, run or wrapper open.
	atRest := func() bool {
		return len(stack) == 0 && tables == 0 && boxes == 0 && !inRun && !runHidden && !inRunProps &&
			!inPPr && textKind == 0 && ins == 0 && del == 0 && len(alts.frames) == 0 && alts.later == 0 &&
			bodyDepth > 0 && blockFirst == len(out.paras)
	}
	return storyReader{step: step, out: &out, atRest: atRest}
}
