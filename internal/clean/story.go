package clean

import (
	"bytes"
	"io"
	"strings"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/xmltok"
)

// WordprocessingML namespaces, transitional and strict.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
)

// frame is one open element while a story part streams by.
type frame struct {
	local  string // local name; "" for elements outside WordprocessingML
	start  int    // offset of the start tag
	tagEnd int    // offset just after the start tag
	// unwrap: remove the end tag too (the start tag is already spliced out).
	unwrap bool
	// runs
	hidden, field, content bool
	refs                   []splice // commentReference elements of the run
	// paragraphs
	markDeleted bool // the paragraph mark is a tracked deletion
	sectPr      bool // the paragraph carries a section break
	mergeFrom   int  // >0: merge into the previous paragraph from this offset
	sawChild    bool
	// table rows and cells
	drop bool // remove the whole element at its end tag
}

// storyEditor computes the splices that clean one story part (document,
// header, footer, footnotes, endnotes, comments).
type storyEditor struct {
	data  []byte
	opts  Options
	s     *xmltok.Scanner
	stack []*frame
	ops   []splice
	stats *Result
	// pendingMerge is the offset of the end tag of a paragraph whose mark
	// was deleted, while only white space has followed it.
	pendingMerge      int
	pendingMergeDepth int
}

// cleanStory returns data with the selected hidden data removed and
// revisions accepted.
func cleanStory(data []byte, opts Options, stats *Result) ([]byte, error) {
	e := &storyEditor{data: data, opts: opts, s: xmltok.New(data), stats: stats, pendingMerge: -1}
	if err := e.run(); err != nil {
		return nil, err
	}
	return applySplices(data, e.ops), nil
}

func (e *storyEditor) top(n int) *frame {
	if len(e.stack) < n {
		return &frame{}
	}
	return e.stack[len(e.stack)-n]
}

func (e *storyEditor) remove(start, end int) { e.ops = append(e.ops, splice{start: start, end: end}) }

// removeElement splices out the element whose start tag t is, content and all.
func (e *storyEditor) removeElement(t *xmltok.Token) error {
	end, err := e.s.Skip(t)
	if err != nil {
		return err
	}
	e.remove(t.Start, end)
	return nil
}

func (e *storyEditor) run() error {
	for {
		t, err := e.s.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if e.pendingMerge >= 0 && !(t.Kind == xmltok.Text && len(bytes.TrimSpace(t.Raw)) == 0) {
			if !(t.Kind == xmltok.StartTag && e.isW(&t) && string(t.Local) == "p" &&
				len(e.stack) == e.pendingMergeDepth && !t.SelfClosing) {
				e.pendingMerge = -1
			}
		}
		switch t.Kind {
		case xmltok.StartTag:
			if err := e.start(&t); err != nil {
				return err
			}
		case xmltok.EndTag:
			e.end(&t)
		}
	}
}

func (e *storyEditor) isW(t *xmltok.Token) bool { return t.Space == nsW || t.Space == nsWStrict }

// start handles a start tag: it either removes the element (and skips it)
// or pushes a frame for it.
func (e *storyEditor) start(t *xmltok.Token) error {
	parent := e.top(1)
	if !parent.sawChild {
		parent.sawChild = true
		e.firstChild(parent, t)
	}
	local := string(t.Local)
	if !e.isW(t) {
		local = ""
	}
	if parent.local == "r" && local != "rPr" && local != "commentReference" {
		parent.content = true
	}
	if local == "" {
		return e.push(t, &frame{start: t.Start, tagEnd: t.End})
	}
	accept := e.opts.AcceptChanges
	switch {
	case accept && (local == "del" || local == "moveFrom"):
		return e.deletion(t, parent)
	case accept && (local == "ins" || local == "moveTo"):
		e.stats.ChangesAccepted++
		if strings.HasSuffix(parent.local, "Pr") || t.SelfClosing { // a mark, not a wrapper
			return e.removeElement(t)
		}
		e.remove(t.Start, t.End)
		return e.push(t, &frame{local: local, start: t.Start, unwrap: true})
	case accept && revisionMarker(local):
		e.stats.ChangesAccepted++
		return e.removeElement(t)
	case accept && local == "cellDel":
		e.stats.ChangesAccepted++
		e.enclosing("tc").drop = true
		return e.removeElement(t)
	case e.opts.Comments && (local == "commentRangeStart" || local == "commentRangeEnd"):
		e.stats.CommentMarkers++
		return e.removeElement(t)
	case e.opts.Comments && local == "commentReference":
		e.stats.CommentMarkers++
		end, err := e.s.Skip(t)
		if err != nil {
			return err
		}
		if parent.local == "r" {
			parent.refs = append(parent.refs, splice{start: t.Start, end: end})
		} else {
			e.remove(t.Start, end)
		}
		return nil
	case local == "vanish":
		if parent.local == "rPr" && e.top(2).local == "r" && docx.OnOff(e.s, t) {
			e.top(2).hidden = true
		}
	case local == "fldChar" || local == "instrText" || local == "delInstrText":
		parent.field = true
	case local == "sectPr" && parent.local == "pPr":
		e.top(2).sectPr = true
	}
	f := &frame{local: local, start: t.Start, tagEnd: t.End}
	if local == "p" && e.pendingMerge >= 0 {
		f.mergeFrom = e.pendingMerge
		e.pendingMerge = -1
	}
	return e.push(t, f)
}

// firstChild finishes a paragraph merge once the paragraph's first child is
// known: its pPr goes with the paragraph mark that joins it to the previous one.
func (e *storyEditor) firstChild(p *frame, t *xmltok.Token) {
	if p.local != "p" || p.mergeFrom <= 0 {
		return
	}
	if e.isW(t) && string(t.Local) == "pPr" {
		return // decided at the end of the pPr
	}
	e.remove(p.mergeFrom, t.Start)
	p.mergeFrom = 0
}

func (e *storyEditor) push(t *xmltok.Token, f *frame) error {
	if t.SelfClosing {
		e.endFrame(f, t.End, t)
		return nil
	}
	e.stack = append(e.stack, f)
	return nil
}

// deletion accepts a w:del or w:moveFrom: a wrapper goes with its content;
// as the mark of a paragraph it joins the paragraph to the next; as the
// mark of a table row it removes the row.
func (e *storyEditor) deletion(t *xmltok.Token, parent *frame) error {
	e.stats.ChangesAccepted++
	switch {
	case parent.local == "rPr" && e.top(2).local == "pPr":
		e.enclosing("p").markDeleted = true
	case parent.local == "trPr":
		e.enclosing("tr").drop = true
	}
	return e.removeElement(t)
}

// enclosing returns the innermost open element named local (a throwaway
// frame when there is none).
func (e *storyEditor) enclosing(local string) *frame {
	for i := len(e.stack) - 1; i >= 0; i-- {
		if e.stack[i].local == local {
			return e.stack[i]
		}
	}
	return &frame{}
}

func (e *storyEditor) end(t *xmltok.Token) {
	if len(e.stack) == 0 {
		return
	}
	f := e.stack[len(e.stack)-1]
	e.stack = e.stack[:len(e.stack)-1]
	e.endFrame(f, t.End, t)
}

// endFrame acts on an element once it is complete.
func (e *storyEditor) endFrame(f *frame, end int, t *xmltok.Token) {
	switch {
	case f.unwrap:
		if t.Kind == xmltok.EndTag {
			e.remove(t.Start, t.End)
		}
	case f.drop:
		e.remove(f.start, end)
	case f.local == "r":
		e.endRun(f, end)
	case f.local == "pPr":
		p := e.top(1)
		if p.local == "p" && p.mergeFrom > 0 {
			if p.sectPr {
				p.mergeFrom = 0 // never merge away a section break
			} else {
				e.remove(p.mergeFrom, end)
				p.mergeFrom = 0
			}
		}
	case f.local == "p":
		if f.mergeFrom > 0 { // an empty paragraph: join at its start tag
			e.remove(f.mergeFrom, f.tagEnd)
		}
		if f.markDeleted && !f.sectPr && t.Kind == xmltok.EndTag {
			e.pendingMerge, e.pendingMergeDepth = t.Start, len(e.stack)
		}
	}
}

// endRun removes a hidden run (unless it carries a field character or
// instruction, which would break the field) or its comment reference.
func (e *storyEditor) endRun(f *frame, end int) {
	if e.opts.HiddenText && f.hidden && !f.field {
		e.stats.HiddenRuns++
		e.remove(f.start, end)
		return
	}
	if len(f.refs) > 0 {
		if !f.content && !f.field {
			e.remove(f.start, end)
			return
		}
		e.ops = append(e.ops, f.refs...)
	}
}

// revisionMarker reports elements that only record a revision: property
// changes (rPrChange, pPrChange, sectPrChange, tblPrChange, …), move range
// markers, custom XML revision ranges and cell insert/merge marks.
func revisionMarker(local string) bool {
	switch local {
	case "cellIns", "cellMerge", "numberingChange":
		return true
	}
	if strings.HasSuffix(local, "Change") && strings.Contains(local, "Pr") || local == "tblGridChange" {
		return true
	}
	if strings.HasPrefix(local, "moveFromRange") || strings.HasPrefix(local, "moveToRange") {
		return true
	}
	return strings.HasPrefix(local, "customXml") && (strings.Contains(local, "InsRange") ||
		strings.Contains(local, "DelRange") || strings.Contains(local, "MoveFromRange") || strings.Contains(local, "MoveToRange"))
}
