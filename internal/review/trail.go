package review

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/msg"
)

// Trail format. The part (docx.TrailPart) is a small XML document whose
// root holds one JSON payload in a CDATA section:
//
//	<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
//	<docattrTrail xmlns="urn:docattr:trail:1"><![CDATA[{ "format": "docattr-trail-v2", ... }]]></docattrTrail>
//
// The JSON is written by encoding/json, which escapes < > & as \u003c
// \u003e \u0026, so "]]>" can never occur inside it. The stored JSON may be
// indented; what is signed is the canonical encoding in sign.go, not these
// bytes.
const (
	Namespace = "urn:docattr:trail:1"
	// FormatV2 steps sign docx.ContentDigest (decision record 009). New
	// trails are written in this format.
	FormatV2 = "docattr-trail-v2"
	// FormatV1 steps signed only the SHA-256 of word/document.xml. Such a
	// trail is read and its signatures checked, but it cannot prove the
	// rest of the document and is never trusted (ErrLegacyTrail).
	FormatV1 = "docattr-trail-v1"
	rootName = "docattrTrail"
)

// Limits on a trail read from a file (it comes from anyone).
const (
	MaxTrailSize = 1 << 20
	MaxSteps     = 500
)

// Trail is the history of one document. Steps are in order, Seq 1, 2, 3….
type Trail struct {
	Format string `json:"format"` // FormatV2 (FormatV1 read, never trusted)
	DocID  string `json:"doc_id"` // the record's docattr.docId
	Steps  []Step `json:"steps"`
}

// Proposal is a disclosure decision: the drafter's proposal on submit, the
// signer's final decision on sign. It mirrors attr.Decision.
type Proposal struct {
	Attribute      string `json:"attribute"`
	Basis          string `json:"basis,omitempty"`
	Reason         string `json:"reason,omitempty"`
	Secrecy        string `json:"secrecy,omitempty"`
	Period         string `json:"period,omitempty"`
	PolicyDoc      bool   `json:"policy_doc,omitempty"`
	Interpretation string `json:"interpretation,omitempty"`
	// The 定密 record of the level (signed with the proposal).
	Classifier   string `json:"classifier,omitempty"`
	SecrecyBasis string `json:"secrecy_basis,omitempty"`
	Scope        string `json:"scope,omitempty"`
	DerivedFrom  string `json:"derived_from,omitempty"`
	// DocType is the document type signed with the proposal (规范性文件,
	// 政策性文件, 其他; "" for none), so a type changed after signing shows.
	// Nil in a proposal signed before types were: such a proposal says
	// nothing about the type, and its signature still verifies (omitted,
	// the canonical encoding is what it was).
	DocType *string `json:"doc_type,omitempty"`
}

// Type returns the document type p signs, "" when none or not signed.
func (p *Proposal) Type() string {
	if p == nil || p.DocType == nil {
		return ""
	}
	return *p.DocType
}

// Same reports whether p and q propose the same, the type compared by
// value; a proposal that does not sign a type (nil) differs from one that
// signs "".
func (p Proposal) Same(q Proposal) bool {
	if (p.DocType == nil) != (q.DocType == nil) || p.Type() != q.Type() {
		return false
	}
	p.DocType, q.DocType = nil, nil
	return p == q
}

// Classification returns p's 定密 record.
func (p *Proposal) Classification() attr.Classification {
	return attr.Classification{Classifier: p.Classifier, SecrecyBasis: p.SecrecyBasis, Scope: p.Scope, DerivedFrom: p.DerivedFrom}
}

// ProposalText describes p for people, in both languages where it helps:
// "不予公开 withheld，秘密★1年，依据 / basis 条例第十四条，理由 / reason: …".
func ProposalText(p *Proposal) string {
	if p == nil {
		return "—"
	}
	s := p.Attribute
	if a, ok := attr.Lookup(p.Attribute); ok {
		s = a.Zh + " " + a.ID
	}
	if p.Secrecy != "" {
		s += "，" + attr.SecrecyLine(p.Secrecy, p.Period)
	}
	if t := p.Type(); t != "" && !(p.PolicyDoc && t == attr.TypePolicy) {
		s += "，" + t
	}
	if p.PolicyDoc {
		s += "，政策性文件 / policy document"
	}
	if c := p.Classification().Text(); c != "" {
		s += "，定密 / classification: " + c
	}
	if p.Basis != "" {
		s += "，依据 / basis " + p.Basis
	}
	if p.Reason != "" {
		s += "，理由 / reason: " + p.Reason
	}
	return s
}

// Answer is one checklist item as the secrecy reviewer answered it: OK, or
// not OK with a comment saying what is wrong. A comment may accompany OK.
type Answer struct {
	ID      string `json:"id"`
	OK      bool   `json:"ok"`
	Comment string `json:"comment,omitempty"`
}

// Step is one signed entry of the trail. Every field except Signature is
// covered by the signature (see message in sign.go).
type Step struct {
	Seq     int    `json:"seq"`
	Prev    string `json:"prev"`   // chain hash of the previous step (hex); GenesisPrev for the first
	Action  string `json:"action"` // ActionSubmit, ...
	Role    string `json:"role"`   // RoleDrafter, ...
	Actor   string `json:"actor"`  // the person's name
	OSUser  string `json:"os_user,omitempty"`
	Machine string `json:"machine,omitempty"`
	Time    string `json:"time"` // RFC 3339 with the local offset
	Comment string `json:"comment,omitempty"`
	// Checklist holds the secrecy reviewer's answers (secrecy steps only).
	Checklist []Answer `json:"checklist,omitempty"`
	// Proposal is set on submit: what the drafter proposes.
	Proposal *Proposal `json:"proposal,omitempty"`
	// Decision is set on sign: what the signer decided (equal to the
	// proposal when confirmed).
	Decision *Proposal `json:"decision,omitempty"`
	// ContentSHA256 is docx.ContentDigest of the file this step wrote
	// (FormatV2; in FormatV1 the SHA-256 of word/document.xml only),
	// binding the step to the document that was reviewed.
	ContentSHA256 string `json:"content_sha256"`
	// AuditHead is "seq:hash" of the acting installation's audit log just
	// before this step's event; the event carries this step's hash.
	AuditHead string `json:"audit_head,omitempty"`
	Version   string `json:"version,omitempty"` // program version
	PublicKey string `json:"public_key"`        // the signer's Ed25519 key, base64
	Signature string `json:"signature"`         // Ed25519 over message(), base64
}

// Encode returns the trail as the bytes of the trail part.
func Encode(t *Trail) ([]byte, error) {
	js, err := json.MarshalIndent(t, "", " ")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(xml.Header[:len(xml.Header)-1])
	b.WriteString("\r\n<" + rootName + ` xmlns="` + Namespace + `"><![CDATA[`)
	b.Write(js)
	b.WriteString("]]></" + rootName + ">")
	return b.Bytes(), nil
}

// Parse reads a trail part. It checks the form only (well-formed XML, the
// root element, known JSON fields, limits); signatures and the chain are
// checked by Verify. Errors wrap ErrBadTrail or ErrUnsupportedForm.
func Parse(data []byte) (*Trail, error) {
	if len(data) > MaxTrailSize {
		return nil, badTrail(fmt.Errorf("%d bytes, limit %d", len(data), MaxTrailSize))
	}
	payload, err := rootText(data)
	if err != nil {
		return nil, badTrail(err)
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	var t Trail
	if err := dec.Decode(&t); err != nil {
		return nil, badTrail(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, badTrail(fmt.Errorf("data after the JSON payload"))
	}
	if t.Format != FormatV2 && t.Format != FormatV1 {
		return nil, msg.New(ErrUnsupportedForm,
			fmt.Sprintf("审查记录格式 %q 不受支持，请升级 docattr", t.Format),
			fmt.Sprintf("trail format %q is not supported; upgrade docattr", t.Format))
	}
	if len(t.Steps) > MaxSteps {
		return nil, badTrail(fmt.Errorf("%d steps, limit %d", len(t.Steps), MaxSteps))
	}
	return &t, nil
}

// rootText returns the character data of the trail root, refusing any
// other element, a DTD, or a second root.
func rootText(data []byte) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var text []byte
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth > 0 {
				return nil, fmt.Errorf("unexpected element <%s>", t.Name.Local)
			}
			if t.Name.Local != rootName || t.Name.Space != Namespace {
				return nil, fmt.Errorf("root is {%s}%s, want {%s}%s", t.Name.Space, t.Name.Local, Namespace, rootName)
			}
			roots++
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth > 0 {
				text = append(text, t...)
			}
		case xml.Directive:
			return nil, fmt.Errorf("DTD or directive not allowed")
		}
	}
	if roots != 1 {
		return nil, fmt.Errorf("no %s root element", rootName)
	}
	return text, nil
}

func badTrail(err error) error {
	return msg.Newf(ErrBadTrail, err, "文件中的审查记录无法读取（可能被改动或损坏），不予采信",
		"the review trail in the file cannot be read (edited or damaged) and is not trusted")
}

// ReadTrail returns the trail of an open document: nil with no error when
// the document has none. A trail part that is there but cannot be read (a
// bad CRC-32, an unknown compression method) is ErrBadTrail, like one that
// does not parse: it is untrusted, never "no trail".
func ReadTrail(d *docx.Document) (*Trail, error) {
	b, err := d.Trail()
	if err != nil {
		return nil, badTrail(err)
	}
	if b == nil {
		return nil, nil
	}
	return Parse(b)
}

// current returns the proposal under review after the given steps: the
// proposal of the last submit, or nil before any submit.
func current(steps []Step) *Proposal {
	for i := len(steps) - 1; i >= 0; i-- {
		if steps[i].Action == ActionSubmit {
			return steps[i].Proposal
		}
	}
	return nil
}
