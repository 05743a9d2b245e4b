package docx

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

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
	// Modified is the time given to new zip entries.
	Modified time.Time
}

// Note placements reported by Stamp.
const (
	PlacedAfterDate = "after-date"
	PlacedAfterLast = "after-last-paragraph" // the draft has no 成文日期
	PlacedNone      = "none"
)

// StampResult tells what Stamp changed.
type StampResult struct {
	NotePlacement   string
	SecrecyReplaced string // the secrecy line that was replaced or removed
	RemovedNotes    int    // earlier notes removed (ours or typed)
}

// splice replaces data[start:end] with insert.
type splice struct {
	start, end int
	insert     []byte
}

func applySplices(data []byte, ops []splice) []byte {
	sort.SliceStable(ops, func(i, j int) bool {
		if ops[i].start != ops[j].start {
			return ops[i].start < ops[j].start
		}
		return ops[i].end < ops[j].end
	})
	grow := 0
	for _, op := range ops {
		grow += len(op.insert)
	}
	out := make([]byte, 0, len(data)+grow)
	pos := 0
	for _, op := range ops {
		if op.start < pos { // overlapping edits: keep the first
			continue
		}
		out = append(out, data[pos:op.start]...)
		out = append(out, op.insert...)
		pos = op.end
	}
	return append(out, data[pos:]...)
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
		// Outside the body's top level only our own marks go: we inserted
		// them beside another paragraph, so their table cell never empties.
		if !removed[p.Index] && (p.direct || (p.Where == TableCell && p.Anchor != "")) {
			removed[p.Index] = true
			ops = append(ops, splice{start: p.Start, end: p.End})
		}
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
	main := applySplices(d.main, ops)
	if err := d.writePackage(w, main, opts); err != nil {
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
		if p.Anchor == AnchorSecrecy && opts.SecrecyLine != nil {
			remove(p)
			res.SecrecyReplaced = Compact(p.Text)
		}
	}
	if opts.SecrecyLine != nil && a.Secrecy != nil && !a.SecrecyInHeader && a.Secrecy.direct {
		remove(*a.Secrecy)
		res.SecrecyReplaced = a.SecrecyText
	}
	if opts.SecrecyLine != nil && *opts.SecrecyLine != "" {
		at := d.mainText.bodyStart
		var spacing []byte
		switch {
		case a.Serial != nil && a.Serial.TopLevel:
			at, spacing = a.Serial.after(), a.Serial.spacing
		case len(body) > 0 && body[0].Anchor == AnchorLifecycle && !removed[body[0].Index]:
			at = body[0].after() // a kept lifecycle notice stays the first thing a reader sees
		case len(body) > 0:
			spacing = body[0].spacing
		}
		*ops = append(*ops, splice{start: at, end: at, insert: d.markParagraph(markSecrecy, *opts.SecrecyLine, nextID, spacing)})
		nextID++
	}
	if opts.Note != "" {
		var after *Paragraph
		if a.Date != nil {
			after, res.NotePlacement = a.Date, PlacedAfterDate
		} else {
			for i := len(body) - 1; i >= 0; i-- {
				if !removed[body[i].Index] && Compact(body[i].Text) != "" && body[i].Anchor == "" {
					after, res.NotePlacement = &body[i], PlacedAfterLast
					break
				}
			}
		}
		at := d.mainText.bodyStart
		var spacing []byte
		if after != nil {
			at, spacing = after.after(), after.spacing
		} else {
			res.NotePlacement = PlacedAfterLast
		}
		*ops = append(*ops, splice{start: at, end: at, insert: d.markParagraph(markNote, opts.Note, nextID, spacing)})
	}
}

// after is where a paragraph that follows p goes: right after p, or after
// the content control or custom XML block p stands in, whose content is not
// ours to change, or after the table p is a cell of (a signature table).
func (p *Paragraph) after() int {
	if (p.TopLevel && !p.direct || p.Where == TableCell) && p.blockEnd > 0 {
		return p.blockEnd
	}
	return p.End
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
	name, font, ind := AnchorSecrecy, "黑体",
		"<"+el("ind")+attr("left", "0")+attr("leftChars", "0")+attr("firstLine", "0")+attr("firstLineChars", "0")+"/>"
	emphasis := ""
	switch kind {
	case markNote:
		name, font = AnchorNote, "仿宋_GB2312"
		ind = "<" + el("ind") + attr("left", "0") + attr("leftChars", "0") + attr("firstLine", "640") + attr("firstLineChars", "200") + "/>"
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
	b.WriteString("<" + el("sz") + attr("val", "32") + "/><" + el("szCs") + attr("val", "32") + "/></" + el("rPr") + ">")
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
