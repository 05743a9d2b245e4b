package docx

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/opc"
	"github.com/docattr/docattr/internal/xmltok"
)

// Anchor names of the marks docattr stamps.
const (
	AnchorSecrecy = AnchorPrefix + "secrecy"
	AnchorNote    = AnchorPrefix + "note"
	// AnchorLifecycle marks the 已修改/已废止/已失效 notice.
	AnchorLifecycle = AnchorPrefix + "lifecycle"
)

// StampOptions says what to stamp.
type StampOptions struct {
	Record Record
	// SecrecyLine is the secrecy line to print, e.g. "秘密★1年". Nil keeps
	// whatever the draft has; a pointer to "" removes the line.
	SecrecyLine *string
	// Note is the disclosure paragraph, e.g. "（此件公开发布）"; "" prints none
	// (and removes an earlier one).
	Note string
	// KeepMarks leaves the printed secrecy line and disclosure note exactly
	// as they are (SecrecyLine and Note are ignored): review steps change
	// only the record and the trail.
	KeepMarks bool
	// Lifecycle is the 已修改/已废止/已失效 notice printed as the first body
	// paragraph. Nil keeps an existing notice; a pointer to "" removes it.
	Lifecycle *string
	// Trail, when not nil, becomes docattr's review trail part (TrailPart);
	// nil keeps the document's trail as it is.
	Trail []byte
	// Interpretation, when not nil, is embedded as InterpretationPart;
	// nil keeps what the package carries.
	Interpretation []byte
	// Declassify, when not "", is appended to the secrecy line in the body
	// (see DeclassifiedNote); the line itself is kept. With KeepMarks.
	Declassify string
	// Modified is the time given to new zip entries.
	Modified time.Time
}

// Note placements reported by Stamp (and by NotePlan for inspect).
const (
	PlacedAfterDate = "after-date"
	PlacedAfterLast = "after-last-paragraph" // the draft has no 成文日期
	// PlacedBeforeBanji and PlacedBeforeAttachments: no 成文日期, so the
	// note follows the last text before the 版记 or the attachments.
	PlacedBeforeBanji       = "before-banji"
	PlacedBeforeAttachments = "before-attachments"
	PlacedNone              = "none"
)

// Secrecy line placements reported by Stamp.
const (
	SecrecyTopLine   = "top-empty-line" // an empty line the template left at the top
	SecrecyCell      = "banner-cell"    // the 密级 cell of a 版头 table
	SecrecyInserted  = "inserted"       // a new first line (second after a 份号)
	SecrecyFrame     = "frame"          // its own positioned frame, clear of the red head
	SecrecyReplacing = "replaced"       // where the earlier secrecy line was
)

// StampResult tells what Stamp changed.
type StampResult struct {
	NotePlacement    string
	SecrecyPlacement string // one of the Secrecy* values, "" when no line was printed
	SecrecyReplaced  string // the secrecy line that was replaced or removed
	RemovedNotes     int    // earlier notes removed (ours or typed)
	// Adjustments lists what was changed in the document's own layout to
	// keep its page count (empty lines taken, spacing taken back).
	Adjustments []Adjustment
}

// splice replaces data[start:end] with insert.
type splice struct {
	start, end int
	insert     []byte
}

func applySplices(data []byte, ops []splice) []byte {
	keep, tail := spliceTail(data, ops)
	return append(data[:keep:keep], tail...)
}

// spliceTail applies ops to data and returns the result as data[:keep]
// followed by tail: everything before the first edit is shared, which for
// marks near a large part's end is nearly all of it (opc.Edited).
func spliceTail(data []byte, ops []splice) (keep int, tail []byte) {
	if len(ops) == 0 {
		return len(data), nil
	}
	sort.SliceStable(ops, func(i, j int) bool {
		if ops[i].start != ops[j].start {
			return ops[i].start < ops[j].start
		}
		return ops[i].end < ops[j].end
	})
	keep = ops[0].start
	grow := 0
	for _, op := range ops {
		grow += len(op.insert)
	}
	out := make([]byte, 0, len(data)-keep+grow)
	pos := keep
	for _, op := range ops {
		if op.start < pos { // overlapping edits: keep the first
			continue
		}
		out = append(out, data[pos:op.start]...)
		out = append(out, op.insert...)
		pos = op.end
	}
	return keep, append(out, data[pos:]...)
}

// Stamp writes a new package with the marks and record to w. The document
// itself is not changed and can be stamped again.
func (d *Document) Stamp(w io.Writer, opts StampOptions) (StampResult, error) {
	res := StampResult{NotePlacement: PlacedNone}
	a := d.Analyze()
	body := d.Body()
	var ops []splice
	removed := map[int]bool{} // paragraph index in the main part

	remove := func(p Paragraph) {
		// Outside the body's top level only our own marks go. A mark that
		// filled a 版头 cell alone leaves an empty paragraph: a cell must
		// hold one. A mark found inside a content control or another
		// wrapper (moved there by hand, or a crafted file) becomes an empty
		// paragraph, which is valid wherever a paragraph is; left, it would
		// be a second note beside the new one.
		if removed[p.Index] || !(p.direct || (p.Anchor != "" && (p.Where == TableCell || p.TopLevel))) {
			return
		}
		for _, op := range ops { // a crafted file may nest marks: never splice twice over the same bytes
			if p.Start < op.end && op.start < p.End {
				return
			}
		}
		var keep []byte
		switch {
		case p.direct:
		case p.Where == TableCell:
			if aloneInCell(d.main, p.Start, p.End) {
				keep = d.emptyParagraph()
			}
		default:
			keep = d.emptyParagraph()
		}
		removed[p.Index] = true
		ops = append(ops, splice{start: p.Start, end: p.End, insert: keep})
	}
	nextID := d.mainText.maxID + 1
	if opts.Lifecycle != nil {
		for _, p := range body {
			if p.Anchor == AnchorLifecycle {
				remove(p)
			}
		}
		if *opts.Lifecycle != "" {
			at := d.mainText.bodyStart
			ops = append(ops, splice{start: at, end: at, insert: d.markParagraph(markLifecycle, *opts.Lifecycle, nextID, nil)})
			nextID++
		}
	}
	if !opts.KeepMarks {
		d.stampMarks(opts, a, body, remove, removed, &ops, &res, nextID)
	}
	if opts.Declassify != "" {
		if a.Secrecy == nil || a.SecrecyInHeader {
			return res, ErrNoSecrecyLine
		}
		op, ok := d.annotateSecrecy(a.Secrecy, opts.Declassify)
		if !ok {
			return res, ErrNoSecrecyLine
		}
		ops = append(ops, op)
	}
	keep, tail := spliceTail(d.main, ops)
	if err := d.writePackage(w, opc.Edited{Base: d.main, Keep: keep, Tail: tail}, opts); err != nil {
		return res, err
	}
	return res, nil
}

// stampMarks replaces the secrecy line and the disclosure note; new
// bookmarks get ids from nextID on.
func (d *Document) stampMarks(opts StampOptions, a Analysis, body []Paragraph, remove func(Paragraph),
	removed map[int]bool, ops *[]splice, res *StampResult, nextID int) {
	// Earlier marks: ours by anchor, typed ones by exact text.
	for _, p := range d.mainText.paras {
		if !p.TopLevel && p.Anchor == "" {
			continue
		}
		if p.Anchor == AnchorNote || IsNote(p.Text) {
			remove(p)
			res.RemovedNotes++
		}
		// A declassified line goes only for a new level, never to clear one.
		if p.Anchor == AnchorSecrecy && opts.SecrecyLine != nil &&
			(*opts.SecrecyLine != "" || a.Declassified == nil || p.Start != a.Declassified.Start) {
			remove(p)
			res.SecrecyReplaced = Compact(p.Text)
			if *opts.SecrecyLine == "" && p.direct {
				d.keepLine(p, *ops)
			}
		}
	}
	if opts.SecrecyLine != nil && a.Secrecy != nil && !a.SecrecyInHeader && a.Secrecy.direct {
		remove(*a.Secrecy)
		res.SecrecyReplaced = a.SecrecyText
	}
	// A new level on a declassified document takes the annotated line's place.
	if opts.SecrecyLine != nil && *opts.SecrecyLine != "" && a.Declassified != nil && a.Declassified.Where != Header && a.Declassified.direct {
		remove(*a.Declassified)
		res.SecrecyReplaced = Compact(a.Declassified.Text)
	}
	d.placeMarks(opts, a, removed, ops, res, nextID)
}

// keepLine leaves an empty line where a removed secrecy line stood: the
// line may have been one the template left (under its red head), or room
// taken back elsewhere when the line went in; either way the pages stay as
// they were marked, and the body never slides under a red head.
func (d *Document) keepLine(p Paragraph, ops []splice) {
	if bytes.Contains(d.main[p.Start:p.End], []byte("framePr")) {
		return // a frame took no line
	}
	for i := range ops {
		if ops[i].start == p.Start && ops[i].end == p.End && ops[i].insert == nil {
			prefix, decl := d.mainText.wPrefix, ""
			if prefix == "" {
				prefix, decl = "w", ` xmlns:w="`+d.mainText.wSpace+`"`
			}
			ops[i].insert = []byte("<" + prefix + ":p" + decl + "><" + prefix + ":pPr>" + string(paraSpacing(p)) + "</" + prefix + ":pPr></" + prefix + ":p>")
		}
	}
}

// aloneInCell reports whether the paragraph at data[start:end] is the only
// block of its table cell.
func aloneInCell(data []byte, start, end int) bool {
	before := bytes.TrimRight(data[:start], " \t\r\n")
	after := bytes.TrimLeft(data[end:], " \t\r\n")
	opened := bytes.HasSuffix(before, []byte("tcPr>")) || bytes.HasSuffix(before, []byte(":tc>")) || bytes.HasSuffix(before, []byte("<tc>"))
	if !opened {
		if i := bytes.LastIndexByte(before, '<'); i >= 0 {
			tag := before[i:]
			opened = (bytes.HasPrefix(tag, []byte("<tc ")) || bytes.Contains(tag[:min(len(tag), 12)], []byte(":tc "))) && !bytes.HasSuffix(tag, []byte("/>"))
		}
	}
	closed := bytes.HasPrefix(after, []byte("</")) && bytes.Contains(after[:min(len(after), 12)], []byte("tc>"))
	return opened && closed
}

// emptyParagraph is an empty w:p in the document's prefix.
func (d *Document) emptyParagraph() []byte {
	if d.mainText.wPrefix == "" {
		return []byte(`<w:p xmlns:w="` + d.mainText.wSpace + `"/>`)
	}
	return []byte("<" + d.mainText.wPrefix + ":p/>")
}

type markKind int

const (
	markSecrecy markKind = iota
	markNote
	markLifecycle
)

// markParagraph builds the XML of one mark paragraph in the document's own
// WordprocessingML prefix, wrapped in a hidden bookmark.
func (d *Document) markParagraph(kind markKind, text string, id int, spacing []byte) []byte {
	prefix, decl := d.mainText.wPrefix, ""
	if prefix == "" { // W is the default namespace or bound deeper: declare our own
		prefix, decl = "w", ` xmlns:w="`+d.mainText.wSpace+`"`
	}
	var b bytes.Buffer
	el := func(name string) string { return prefix + ":" + name }
	attr := func(name, val string) string { return " " + prefix + ":" + name + `="` + xmltok.Escape(val) + `"` }
	name, font, ind := AnchorSecrecy, gbFontSecrecy,
		"<"+el("ind")+attr("left", "0")+attr("leftChars", "0")+attr("firstLine", "0")+attr("firstLineChars", "0")+"/>"
	emphasis := ""
	switch kind {
	case markNote:
		name, font = AnchorNote, gbFontNote
		ind = "<" + el("ind") + attr("left", "0") + attr("leftChars", "0") + attr("firstLine", strconv.Itoa(gbNoteIndent)) + attr("firstLineChars", "200") + "/>"
	case markLifecycle:
		// A reader of the published original must not miss it: bold and red.
		name = AnchorLifecycle
		emphasis = "<" + el("b") + "/><" + el("color") + attr("val", "C00000") + "/>"
	}
	sid := strconv.Itoa(id)
	b.WriteString("<" + el("p") + decl + "><" + el("pPr") + ">")
	if len(spacing) > 0 {
		b.Write(spacing)
	}
	b.WriteString(ind + "<" + el("jc") + attr("val", "left") + "/></" + el("pPr") + ">")
	b.WriteString("<" + el("bookmarkStart") + attr("id", sid) + attr("name", name) + "/>")
	b.WriteString("<" + el("r") + "><" + el("rPr") + "><" + el("rFonts") + attr("ascii", font) + attr("eastAsia", font) + attr("hAnsi", font) + "/>" + emphasis)
	size := strconv.Itoa(gbBodyHalfPts) // 3号
	b.WriteString("<" + el("sz") + attr("val", size) + "/><" + el("szCs") + attr("val", size) + "/></" + el("rPr") + ">")
	b.WriteString("<" + el("t") + ` xml:space="preserve">` + xmltok.Escape(text) + "</" + el("t") + "></" + el("r") + ">")
	b.WriteString("<" + el("bookmarkEnd") + attr("id", sid) + "/></" + el("p") + ">")
	return b.Bytes()
}

const newCustomProps = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<Properties xmlns="` + nsCustomProps + `" xmlns:vt="` + nsVT + `"></Properties>`

// customPropsFor returns the custom properties part with docattr's properties
// replaced by the record's and every other property kept byte for byte.
func (d *Document) customPropsFor(r Record) (string, []byte, error) {
	c := d.Props
	part := c.Part
	if part == "" {
		part = CustomPropsPart
		for i := 1; d.Pkg.Has(part); i++ { // a stray, unreferenced part of that name
			part = fmt.Sprintf("docProps/custom%d.xml", i)
		}
		c = &CustomProps{Raw: []byte(newCustomProps)}
		if err := c.parse(); err != nil {
			return "", nil, err
		}
	}
	var ops []splice
	pid := 1
	for _, p := range c.List {
		if strings.HasPrefix(p.Name, RecordPrefix) {
			ops = append(ops, splice{start: p.start, end: p.end})
			continue
		}
		pid = max(pid, p.PID)
	}
	vtDecl := ""
	if c.vtPrefix != "vt:" || !bytes.Contains(c.Raw, []byte(nsVT)) {
		vtDecl = ` xmlns:` + strings.TrimSuffix(c.vtPrefix, ":") + `="` + nsVT + `"`
	}
	var b bytes.Buffer
	for _, p := range r.Properties() {
		pid++
		fmt.Fprintf(&b, `<%sproperty fmtid="%s" pid="%d" name="%s"><%slpwstr%s>%s</%slpwstr></%sproperty>`,
			c.rootPrefix, userDefinedFMTID, pid, xmltok.Escape(p.Name), c.vtPrefix, vtDecl, xmltok.Escape(p.Value), c.vtPrefix, c.rootPrefix)
	}
	switch {
	case c.rootEnd > 0:
		ops = append(ops, splice{start: c.rootEnd, end: c.rootEnd, insert: b.Bytes()})
	case c.selfClose > 0:
		ops = append(ops, splice{start: c.selfClose, end: c.selfClose + 2, insert: []byte(">" + b.String() + "</" + c.rootName + ">")})
	default:
		return "", nil, damagedXML(part, fmt.Errorf("no root element"))
	}
	return part, applySplices(c.Raw, ops), nil
}
