package docx

// The views of one paragraph's text as its tokens stream by: what it shows,
// what revisions deleted and inserted, what is hidden, and the Fallback
// view of alternate content (alt.go).

// paraBuilder collects one paragraph while its tokens stream by.
// Its views are byte buffers kept across the paragraphs a builder serves
// (a strings.Builder starts empty each time and grows by doubling: some
// five allocations per paragraph of a long part instead of the one
// string its view becomes).
type paraBuilder struct {
	p    Paragraph
	text textBuf
	del  textBuf
	ins  textBuf
	hid  textBuf
	// fb is the Fallback view (see alt.go), kept once run-level alternate
	// content has begun in the paragraph.
	fb   textBuf
	fbOn bool
	// src, when reading with sources (ReadSourced), holds where each
	// stretch of text, fb and del came from.
	src *paraSources
}

// reset readies b for the next paragraph; the views keep their room.
func (b *paraBuilder) reset() {
	*b = paraBuilder{text: b.text[:0], del: b.del[:0], ins: b.ins[:0], hid: b.hid[:0], fb: b.fb[:0]}
}

// textBuf is one view of a paragraph's text as it is collected.
type textBuf []byte

func (t *textBuf) WriteString(s string) { *t = append(*t, s...) }
func (t textBuf) Len() int              { return len(t) }

// String is a copy: the buffer is used again for the next paragraph.
func (t textBuf) String() string {
	if len(t) == 0 {
		return ""
	}
	return string(t)
}

func (r *storyState) cur() *paraBuilder {
	if len(r.stack) == 0 {
		return nil
	}
	return r.stack[len(r.stack)-1]
}

// emit adds text to the open paragraph's views; from is where it came from
// in data (Source.Start < 0 for text markup stands for).
func (r *storyState) emit(text string, from Source) {
	b := r.cur()
	if b == nil || text == "" {
		return
	}
	side := bothViews
	if b.fbOn {
		side = r.alts.side(b.p.Index)
	}
	if side != choiceView && b.fbOn && (side == fallbackView || (r.del == 0 && r.textKind != 2)) {
		b.src.add(srcFallback, b.fb.Len(), text, from)
		b.fb.WriteString(text)
	}
	if side == fallbackView {
		return
	}
	switch {
	case r.del > 0 || r.textKind == 2:
		b.src.add(srcDeleted, b.del.Len(), text, from)
		b.del.WriteString(text)
		return
	case r.ins > 0:
		b.ins.WriteString(text)
	}
	if r.runHidden {
		b.hid.WriteString(text)
	}
	b.src.add(srcText, b.text.Len(), text, from)
	b.text.WriteString(text)
}
