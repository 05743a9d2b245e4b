package marker

import (
	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
)

// Preview is what a marking prints, told in terms of the draft's own
// paragraphs, so that a door can show the draft as it will be stamped
// before anything is written. docx.Stamp places the marks by the same
// rules: the secrecy line first in the body (after a 份号 line), the note
// after the 成文日期 or else after the last paragraph of the body.
type Preview struct {
	// SecrecyLine is the secrecy line the marking prints at the top; ""
	// when it prints none (no level, or the printed one is kept as is).
	SecrecyLine string
	// SecrecyAfter is the Index of the main-part paragraph the secrecy line
	// follows (the 份号 line), -1 when it comes first in the body.
	SecrecyAfter int
	// Note is the disclosure note printed, "" for none.
	Note string
	// NoteAfter is the Index of the main-part paragraph the note follows,
	// -1 when the draft has no body text to follow (it goes first).
	NoteAfter int
	// Placement is docx.PlacedAfterDate, PlacedAfterLast or PlacedNone.
	Placement string
	// Part is the main part the Index fields count in.
	Part string
	// Removed holds the Index of every main-part paragraph the marking
	// takes out: earlier notes, and the secrecy line a new one replaces.
	Removed map[int]bool
}

// PreviewMarks predicts the marks of v (Precheck's verdict for req on a
// draft analysed as a, with paragraphs paras) without stamping.
func PreviewMarks(a docx.Analysis, paras []docx.Paragraph, req Request, v Verdict) Preview {
	p := Preview{SecrecyAfter: -1, NoteAfter: -1, Placement: docx.PlacedNone, Removed: map[int]bool{}}
	var body []docx.Paragraph
	for _, q := range paras {
		if q.Where != docx.Body {
			continue
		}
		body = append(body, q)
		p.Part = q.Part
		if q.Anchor == docx.AnchorNote || (q.TopLevel && docx.IsNote(q.Text)) {
			p.Removed[q.Index] = true
		}
		if v.SecrecySet && q.Anchor == docx.AnchorSecrecy {
			p.Removed[q.Index] = true
		}
	}
	if v.SecrecySet {
		if a.Secrecy != nil && !a.SecrecyInHeader && a.Secrecy.TopLevel {
			p.Removed[a.Secrecy.Index] = true
		}
		p.SecrecyLine = attr.SecrecyLine(v.Decision.Secrecy, v.Decision.Period)
		if a.Serial != nil && a.Serial.TopLevel {
			p.SecrecyAfter = a.Serial.Index
		}
	}
	if p.Note = notePrinted(v.Decision, tidy(req)); p.Note == "" {
		return p
	}
	if a.Date != nil {
		p.NoteAfter, p.Placement = a.Date.Index, docx.PlacedAfterDate
		return p
	}
	p.Placement = docx.PlacedAfterLast
	for i := len(body) - 1; i >= 0; i-- {
		if !p.Removed[body[i].Index] && docx.Compact(body[i].Text) != "" && body[i].Anchor == "" {
			p.NoteAfter = body[i].Index
			break
		}
	}
	return p
}
