// Package redact masks personal numbers (身份证号, mobile and bank card
// numbers) in a Word package before it is published (区分处理, 条例第三十七条).
//
// The numbers are those internal/scan reports, found by the same detectors
// (scan.PersonalNumbers) over the same text read by the same reader
// (docx.ReadSourced, which also tells which bytes each character came
// from): runs joined, so a number Word split into several runs is masked
// across them; tables, headers, footers, footnotes, endnotes, comments,
// text boxes, both branches of mc:AlternateContent, tracked insertions and
// deletions, SmartArt and chart text. Each masked digit is
// replaced by "*" inside the w:t (or w:delText, a:t, c:v) that holds it, so the
// run and its properties stay as they were; the first and last digits stay
// as the findings show them (1101**********0043, 138****8000). Nothing
// else in a part changes, and every other part is copied raw by
// opc.Package.Write.
//
// Numbers inside embedded documents (altChunk) cannot be masked in place:
// Redact refuses such a document (ErrEmbedded) rather than publish them.
// Run is the whole flow on a file through internal/publish: redact into a
// temporary output, re-check it (no finding of the masked kinds may
// remain, else ErrIncomplete), append a "redact" event listing what was
// masked (kind, location, masked form; never the clear number), rename.
package redact

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/opc"
	"github.com/docattr/docattr/internal/scan"
)

// Kinds are the finding kinds redaction can mask, in their usual order.
var Kinds = []string{scan.KindIDCard, scan.KindMobile, scan.KindBankCard}

// Errors callers branch on (kinds of the *msg.Error values returned).
var (
	// ErrKind is an unknown kind in Options.Kinds.
	ErrKind = errors.New("redact: unknown kind")
	// ErrEmbedded refuses a document whose embedded documents (altChunk)
	// hold numbers of the selected kinds: they cannot be masked in place.
	ErrEmbedded = errors.New("redact: numbers inside embedded documents")
	// ErrRedact is a part that cannot be edited.
	ErrRedact = errors.New("redact failed")
	// ErrIncomplete means the redacted copy, read back, still has findings
	// of the selected kinds (or cannot be read); nothing is written.
	ErrIncomplete = errors.New("redact: numbers remain after masking")
)

// Options select what Redact masks.
type Options struct {
	// Kinds of numbers to mask (Kinds' members); empty means all of them.
	Kinds []string
	// Modified is the time given to changed zip entries (zero = now).
	Modified time.Time
	// Overwrite lets Run replace an existing output file; otherwise it
	// writes a distinct name and says so in FlowResult.Output.
	Overwrite bool
	// Only, when set, limits masking to these findings (one finding the
	// user picked): a number is masked when its kind, part and masked form
	// are those of one of them. Kinds still applies.
	Only []scan.Finding
}

// selects reports whether opts masks a number of kind in part shown as masked.
func (o Options) selects(kind, part, masked string) bool {
	if len(o.Only) == 0 {
		return true
	}
	for _, f := range o.Only {
		if f.Kind == kind && f.Part == part && f.Excerpt == masked {
			return true
		}
	}
	return false
}

// kinds returns the selected kinds as a set, checking each.
func (o Options) kinds() (map[string]bool, error) {
	ks := o.Kinds
	if len(ks) == 0 {
		ks = Kinds
	}
	set := map[string]bool{}
	for _, k := range ks {
		if !slices.Contains(Kinds, k) {
			return nil, msg.New(ErrKind, "不能遮盖的类型："+k+"（可选：身份证号、手机号码、银行卡号）",
				"unknown kind to mask: "+k+" (id_card, mobile, bank_card)")
		}
		set[k] = true
	}
	return set, nil
}

// Item is one masked number: its kind, the part it stood in and its
// masked form. It never holds the clear number.
type Item struct {
	Kind, Part, Masked string
}

// Result tells what Redact changed.
type Result struct {
	Items        []Item   // numbers masked, part by part in document order
	ChangedParts []string // parts rewritten
}

// Redact writes d with the selected numbers masked to w. d is not changed.
// A document with such numbers inside embedded documents is refused
// (ErrEmbedded) before anything is written.
func Redact(d *docx.Document, w io.Writer, opts Options) (Result, error) {
	var res Result
	kinds, err := opts.kinds()
	if err != nil {
		return res, err
	}
	found := opts.selected(findingsOf(d, kinds))
	if err := refuseEmbedded(found); err != nil {
		return res, err
	}
	replace := map[string][]byte{}
	for _, tp := range parts(d) {
		data, err := d.Pkg.Read(tp.Part)
		if err != nil {
			return res, fmt.Errorf("%w: read %s: %w", ErrRedact, tp.Part, err)
		}
		out, items, err := maskPart(tp, data, kinds, opts.selects)
		if err != nil {
			return res, fmt.Errorf("%w: %s: %w", ErrRedact, tp.Part, err)
		}
		if len(items) > 0 {
			replace[tp.Part] = out
			res.Items = append(res.Items, items...)
			res.ChangedParts = append(res.ChangedParts, tp.Part)
		}
	}
	if err := d.Pkg.Write(w, opc.Edits{Replace: replace, Modified: opts.Modified}); err != nil {
		return res, fmt.Errorf("write redacted package: %w", err)
	}
	return res, nil
}

// Remaining returns d's findings that opts masks (its kinds, limited to
// Only when set), embedded documents included; a correctly redacted file
// has none.
func Remaining(d *docx.Document, opts Options) ([]scan.Finding, error) {
	kinds, err := opts.kinds()
	if err != nil {
		return nil, err
	}
	return opts.selected(findingsOf(d, kinds)), nil
}

// Check answers, before anything is written, whether masking kinds (nil:
// all) in a document with report r can succeed: an unknown kind is ErrKind,
// numbers of those kinds inside embedded documents are ErrEmbedded.
func Check(r scan.Report, kinds []string) error {
	set, err := Options{Kinds: kinds}.kinds()
	if err != nil {
		return err
	}
	var found []scan.Finding
	for _, f := range r.Findings {
		if set[f.Kind] {
			found = append(found, f)
		}
	}
	return refuseEmbedded(found)
}

func findingsOf(d *docx.Document, kinds map[string]bool) []scan.Finding {
	var out []scan.Finding
	for _, f := range scan.Check(d).Findings {
		if kinds[f.Kind] {
			out = append(out, f)
		}
	}
	return out
}

// selected keeps the findings opts masks.
func (o Options) selected(found []scan.Finding) []scan.Finding {
	var out []scan.Finding
	for _, f := range found {
		if o.selects(f.Kind, f.Part, f.Excerpt) {
			out = append(out, f)
		}
	}
	return out
}

func refuseEmbedded(found []scan.Finding) error {
	var where []string
	for _, f := range found {
		if f.InEmbedded() {
			where = append(where, f.Location)
		}
	}
	if len(where) == 0 {
		return nil
	}
	list := strings.Join(where, "，")
	return msg.New(ErrEmbedded, "嵌入的文档中有个人号码（"+list+"），无法在原处遮盖；请在 Word/WPS 中处理嵌入内容后重试，未生成输出文件",
		"embedded documents hold personal numbers ("+list+") that cannot be masked in place; fix them in Word/WPS and retry; no output written")
}

// parts lists the parts to mask in: every part docx read text from
// (main, headers, footers, notes, comments, SmartArt, charts). A finding
// elsewhere (an embedded document) was refused
// before; one in a part docx does not read as text cannot be masked here,
// and the re-check (Run) says so rather than publish it.
func parts(d *docx.Document) []docx.TextPart {
	var out []docx.TextPart
	for _, tp := range d.TextParts() {
		if d.Pkg.Has(tp.Part) {
			out = append(out, tp)
		}
	}
	return out
}
