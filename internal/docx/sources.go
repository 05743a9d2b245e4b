package docx

import (
	"unicode/utf8"

	"github.com/docattr/docattr/internal/xmltok"
)

// Reading with sources is for editing text in place (redaction): the same
// reader as Open (parseStory, parseDrawing) walks a part again and also
// records, for each view of a paragraph's text, which bytes of the part
// each stretch came from. Open does not pay for it.

// Source ties a stretch of a view's text to the bytes of the part holding it.
type Source struct {
	Off, Len int // the stretch: Text[Off:Off+Len] of its view
	// Start, End delimit the character data in the part that reads as the
	// stretch: a text token (Escaped: entities and character references
	// stand for one character each) or the inside of a CDATA section.
	// Start < 0 marks text the markup stands for (w:tab, w:br, w:sym),
	// which has no characters to edit.
	Start, End int
	Escaped    bool
}

// View is one reading of a paragraph (see Paragraph): the text a reader
// sees, with its sources in order.
type View struct {
	Name    string // "text", "fallback" or "deleted"
	Text    string
	Sources []Source
}

// Sourced is a paragraph with the sources of its views.
type Sourced struct {
	Paragraph
	// Views are the final text (mc:Choice branch, insertions included);
	// the mc:Fallback reading whenever the paragraph has run-level
	// alternate content, even when it reads the same (its bytes are
	// others); the tracked deletions. Empty views are left out.
	Views []View
}

const (
	srcText = iota
	srcFallback
	srcDeleted
)

var viewNames = [...]string{"text", "fallback", "deleted"}

// paraSources collects a paragraph's sources while it is read; nil when
// reading without them.
type paraSources struct {
	views    [3][]Source
	fallback string // the Fallback view's text, kept even when it equals Text
	fbOn     bool
}

func (ps *paraSources) add(view, off int, text string, from Source) {
	if ps == nil {
		return
	}
	from.Off, from.Len = off, len(text)
	ps.views[view] = append(ps.views[view], from)
}

// startFallback begins the Fallback view as a copy of the text so far.
func (ps *paraSources) startFallback() {
	if ps != nil {
		ps.views[srcFallback] = append(ps.views[srcFallback][:0], ps.views[srcText]...)
	}
}

func (ps *paraSources) done(fbOn bool, fallback string) *paraSources {
	if ps != nil {
		ps.fbOn, ps.fallback = fbOn, fallback
	}
	return ps
}

func textSource(t *xmltok.Token) Source {
	return Source{Start: t.Start, End: t.Start + len(t.Raw), Escaped: true}
}

func cdataSource(t *xmltok.Token) Source {
	start := t.Start + len("<![CDATA[")
	return Source{Start: start, End: start + len(t.Raw)}
}

// sourced turns paragraphs read with sources into Sourced values.
func sourced(paras []Paragraph) []Sourced {
	out := make([]Sourced, 0, len(paras))
	for _, p := range paras {
		sp := Sourced{Paragraph: p}
		if ps := p.src; ps != nil {
			texts := [3]string{p.Text, ps.fallback, p.Deleted}
			for i, text := range texts {
				if text == "" || i == srcFallback && !ps.fbOn {
					continue
				}
				sp.Views = append(sp.Views, View{Name: viewNames[i], Text: text, Sources: ps.views[i]})
			}
		}
		sp.src = nil
		out = append(out, sp)
	}
	return out
}

// TextPart is a part whose text Open read, and how it read it.
type TextPart struct {
	Part  string
	Where Where // Body for the main part, Drawing for SmartArt and charts
}

// TextParts lists the parts Open read text from, in the order it read
// them: the main part, then headers, footers, notes, comments, SmartArt
// and chart parts as the main part's relationships list them. Text of
// embedded documents (altChunk) is not among them: it cannot be edited
// in place.
func (d *Document) TextParts() []TextPart { return append([]TextPart(nil), d.textParts...) }

// ReadSourced reads the paragraphs of one part of d's kind tp, as Open
// read them, with the sources of their text. data is the part's bytes
// (edits are made on them). Unlike Open it keeps every paragraph: those
// repeating an earlier mc:AlternateContent branch and, in charts, every
// repeat of a category name, since each is in the bytes.
func ReadSourced(data []byte, tp TextPart) ([]Sourced, error) {
	if tp.Where == Drawing {
		paras, err := readDrawing(data, tp.Part, true)
		return sourced(paras), err
	}
	pt, err := readStory(data, tp.Part, tp.Where, true)
	if err != nil {
		return nil, err
	}
	return sourced(pt.paras), nil
}

// Locate returns the bytes of the part that hold the character at byte
// offset i of v.Text: an escaped reference counts whole. ok is false for
// text the markup stands for (and an offset outside the view).
func (v View) Locate(data []byte, i int) (start, end int, ok bool) {
	for _, s := range v.Sources {
		if i < s.Off || i >= s.Off+s.Len {
			continue
		}
		if s.Start < 0 {
			return 0, 0, false
		}
		return locateIn(data[s.Start:s.End], s.Start, i-s.Off, s.Escaped)
	}
	return 0, 0, false
}

// locateIn finds the character at text offset i in raw (at base in the
// part), decoding references when escaped, as xmltok.Unescape does.
func locateIn(raw []byte, base, i int, escaped bool) (start, end int, ok bool) {
	at := 0 // text offset of raw[pos]
	for pos := 0; pos < len(raw); {
		size, n := 0, 0 // raw bytes, text bytes of the character at pos
		if escaped && raw[pos] == '&' {
			j := pos + 1
			for j < len(raw) && raw[j] != ';' {
				j++
			}
			if j < len(raw) {
				size, n = j+1-pos, len(xmltok.Unescape(raw[pos:j+1]))
			}
		}
		if size == 0 {
			_, size = utf8.DecodeRune(raw[pos:])
			n = size
		}
		if i < at+n {
			return base + pos, base + pos + size, true
		}
		at += n
		pos += size
	}
	return 0, 0, false
}
