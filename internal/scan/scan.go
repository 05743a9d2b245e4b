// Package scan is the pre-disclosure check (公开前检查): it finds in a
// document's text and package what must not be published, and suggests a
// disclosure attribute with reasons that cite 《政府信息公开条例》.
//
// Check reads every located paragraph (body, table cells, headers, footers,
// footnotes, endnotes, comments, text boxes in VML and DrawingML, every
// branch of mc:AlternateContent, text altChunks, SmartArt and chart text)
// through docx, whose Text is already joined across runs, so a number Word
// split into several runs is seen whole; invisible characters (U+200B…) are
// ignored as a reader's eye ignores them. The detector families live in
// their own files:
//
//   - numbers.go, ids.go, phones.go, cards.go: 身份证号 (id_card), mobile
//     numbers (mobile) and bank cards (bank_card), found in number groups
//     that are never part of a longer digit run;
//   - marks.go: secrecy marks (secrecy_mark), draft-stage markers in titles
//     and headings (process_marker) and distribution restrictions
//     (restriction_note), 工作秘密 (work_secret);
//   - hidden.go: comments, tracked changes, hidden text, author names and
//     embedded objects, which leak when the .docx itself is published;
//   - conflict.go: marks that contradict each other or the embedded record;
//   - embedded.go: what only the mc:Fallback view shows, Word documents
//     embedded as altChunk (checked like the main document) and embedded
//     content that cannot be read (embedded_unreadable, block);
//   - suggest.go: the attribute the findings point to (and, for personal
//     data, the kinds to mask first: Suggestion.Redact);
//   - spans.go: PersonalNumbers, the number detectors with byte positions,
//     for internal/redact.
//
// Excerpts never carry a full personal number: IDs, mobiles and bank cards
// are masked wherever they appear, also inside comment or deleted text.
// Check only reads; it does not change the document. docs/decisions/
// 004-detectors.md records what each detector accepts and rejects.
package scan

import (
	"strings"
	"unicode/utf8"

	"github.com/docattr/docattr/internal/docx"
)

// Severity of a finding.
type Severity string

// Severities. Block findings stop marking a document as anything but
// withheld unless the user acknowledges them; warn findings are shown;
// info findings are listed for completeness.
const (
	Block Severity = "block"
	Warn  Severity = "warn"
	Info  Severity = "info"
)

// Finding kinds (Finding.Kind). The corpus manifest calls the count of
// process markers "process_keyword".
const (
	KindIDCard          = "id_card"
	KindMobile          = "mobile"
	KindBankCard        = "bank_card"
	KindSecrecyMark     = "secrecy_mark"
	KindProcessMarker   = "process_marker"
	KindRestrictionNote = "restriction_note"
	KindWorkSecret      = "work_secret"
	KindHiddenComment   = "hidden_comment"
	KindTrackedChange   = "tracked_change"
	KindHiddenText      = "hidden_text"
	KindAuthorMetadata  = "author_metadata"
	KindEmbeddedObject  = "embedded_object"
	KindConflict        = "conflict"
	// KindEmbeddedUnreadable (embedded.go) is declared with its detector.
)

// Legal basis ids findings point to (ids of internal/attr's catalogue).
const (
	basisSecret   = "条例第十四条"
	basisPrivacy  = "条例第十五条"
	basisInternal = "条例第十六条第一款"
	basisProcess  = "条例第十六条第二款"
)

// Finding is one thing the check found. Excerpt is short and masked; Part
// and Para (the paragraph's index in Part, from 0) locate it for tools,
// Location for people ("正文第3段").
type Finding struct {
	Kind     string   `json:"kind"`
	Severity Severity `json:"severity"`
	Excerpt  string   `json:"excerpt"`
	Location string   `json:"location"`
	Part     string   `json:"part,omitempty"`
	Para     int      `json:"para"`
	Basis    string   `json:"basis,omitempty"`
	Message  string   `json:"message,omitempty"`
}

// Suggestion is the attribute the findings point to: public, on-request or
// withheld (ids of internal/attr), the legal basis for anything but public,
// and reasons as Chinese sentences (never nil).
type Suggestion struct {
	Attribute string   `json:"attribute"`
	Basis     string   `json:"basis,omitempty"`
	Reasons   []string `json:"reasons"`
	// Redact, when set, lists the personal-number kinds to mask first
	// (遮盖后主动公开): masked (internal/redact), the document can be
	// published; Attribute is what applies without masking.
	Redact []string `json:"redact,omitempty"`
}

// Report is the whole check. Findings is never nil; it is ordered by
// detector family, then by paragraph order within the document.
type Report struct {
	Findings   []Finding  `json:"findings"`
	Suggestion Suggestion `json:"suggestion"`
}

// Check runs every detector over d and suggests an attribute. It does not
// modify d and is safe to call more than once.
func Check(d *docx.Document) Report {
	a := &analysis{d: d}
	r := Report{Findings: []Finding{}}
	r.Findings = append(r.Findings, personalData(d.Paragraphs)...)
	marks := findMarks(d, a)
	r.Findings = append(r.Findings, marks.findings...)
	fbFindings, fbMarks := fallbackMarks(d.Paragraphs)
	r.Findings = append(r.Findings, fbFindings...)
	marks.secrecy = append(marks.secrecy, fbMarks...)
	r.Findings = append(r.Findings, embedded(d)...)
	r.Findings = append(r.Findings, hiddenData(d)...)
	r.Findings = append(r.Findings, conflicts(d, a, marks)...)
	r.Suggestion = suggest(r.Findings, marks.publicComment)
	return r
}

// Blocking returns the findings with severity block.
func (r Report) Blocking() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Severity == Block {
			out = append(out, f)
		}
	}
	return out
}

// Count returns how many findings are of kind.
func (r Report) Count(kind string) int {
	n := 0
	for _, f := range r.Findings {
		if f.Kind == kind {
			n++
		}
	}
	return n
}

// analysis runs d.Analyze at most once and only when a detector needs the
// title or the printed secrecy line: on a long draft it costs more than all
// detectors together.
type analysis struct {
	d *docx.Document
	a *docx.Analysis
}

func (l *analysis) get() *docx.Analysis {
	if l.a == nil {
		a := l.d.Analyze()
		l.a = &a
	}
	return l.a
}

// personalData runs the number detectors over the visible text of every
// paragraph and over text still in the file as tracked deletions.
func personalData(paras []docx.Paragraph) []Finding {
	var out []Finding
	seen := map[string]bool{} // numbers found so far, by part
	for _, p := range paras {
		for _, m := range findNumbers(p.Text) {
			key := p.Part + "\x00" + m.kind + m.digits
			if p.AltContent && seen[key] {
				continue // the same number shown by an earlier branch (alternate content)
			}
			seen[key] = true
			out = append(out, numberFinding(m, p, p.Location()))
		}
		out = append(out, fallbackNumbers(p)...)
		if p.Deleted != "" {
			for _, m := range findNumbers(p.Deleted) {
				f := numberFinding(m, p, p.Location()+"（修订中已删除的文字）")
				f.Message += "；该文字虽已删除，但仍保存在文件的修订记录中"
				out = append(out, f)
			}
		}
	}
	return out
}

func numberFinding(m numMatch, p docx.Paragraph, loc string) Finding {
	f := Finding{Kind: m.kind, Location: loc, Part: p.Part, Para: p.Index, Basis: basisPrivacy}
	switch m.kind {
	case KindIDCard:
		f.Severity, f.Excerpt = Block, maskID(m.digits)
		f.Message = "含有公民身份号码，属于个人隐私，建议删除或遮盖后再公开"
	case KindBankCard:
		f.Severity, f.Excerpt = Block, maskBankCard(m.digits)
		f.Message = "含有银行卡号，属于个人隐私，建议删除或遮盖后再公开"
	case KindMobile:
		f.Severity, f.Excerpt = Warn, maskMobile(m.digits)
		f.Message = "含有个人手机号码，属于个人信息，建议删除或遮盖后再公开（单位办公电话、热线除外）"
	}
	return f
}

// maskText replaces every personal number in s by its masked form.
func maskText(s string) string {
	ms := findNumbers(s)
	if len(ms) == 0 {
		return s
	}
	var b strings.Builder
	pos := 0
	for _, m := range ms {
		b.WriteString(s[pos:m.start])
		switch m.kind {
		case KindIDCard:
			b.WriteString(maskID(m.digits))
		case KindBankCard:
			b.WriteString(maskBankCard(m.digits))
		default:
			b.WriteString(maskMobile(m.digits))
		}
		pos = m.end
	}
	b.WriteString(s[pos:])
	return b.String()
}

// excerptLen is the longest excerpt in characters.
const excerptLen = 40

// excerpt masks personal numbers in s, folds white space and shortens it.
func excerpt(s string) string {
	s = strings.Join(strings.Fields(maskText(s)), " ")
	if utf8.RuneCountInString(s) <= excerptLen {
		return s
	}
	r := []rune(s)
	return string(r[:excerptLen-1]) + "…"
}
