package review

import (
	"bytes"
	"errors"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
)

func typ(s string) *string { return &s }

// TestProposalSignsItsType: a proposal signed before types were (nil)
// encodes as it always did, so its signature still verifies; a typed one
// signs the type, "" included, and changing it breaks the signature.
func TestProposalSignsItsType(t *testing.T) {
	old := sampleTrail(t)
	if m := message(old, 0); bytes.Contains(m, []byte("doc_type")) {
		t.Errorf("an untyped proposal's message names a type: %s", m)
	}
	if r := Verify(old, "d1", sampleKeyring(t, old), nil); !r.Trusted() {
		t.Errorf("an untyped trail no longer verifies: %v", r.Problems)
	}
	for _, dt := range []string{"", attr.TypeNormative} {
		tr, k := sampleTrailKeys(t)
		tr.Steps = nil
		tr.appendSigned(Step{Action: ActionSubmit, Role: RoleDrafter, Actor: "张三", Time: "2025-06-01T09:00:00+08:00",
			Proposal: &Proposal{Attribute: attr.Public, DocType: typ(dt)}, ContentSHA256: "ab"}, k[0])
		if m := message(tr, 0); !bytes.Contains(m, []byte(`"doc_type":"`+dt+`"`)) {
			t.Errorf("type %q not signed: %s", dt, m)
		}
		kr := sampleKeyring(t, tr)
		if r := Verify(tr, "d1", kr, nil); !r.Trusted() {
			t.Fatalf("type %q: %v", dt, r.Problems)
		}
		for _, edit := range []*string{nil, typ("其他")} {
			tr.Steps[0].Proposal.DocType = edit
			if r := Verify(tr, "d1", kr, nil); r.Trusted() {
				t.Errorf("signed type %q edited to %v: not detected", dt, edit)
			}
		}
	}
}

// TestRecordTypeMustMatchTheSignedOne: VerifyDocument compares the
// record's document type with the one the last step signed; a proposal
// that signs no type leaves the record's type alone.
func TestRecordTypeMustMatchTheSignedOne(t *testing.T) {
	cases := []struct {
		name    string
		signed  *string
		record  string
		changed bool
	}{
		{"signed before types were", nil, attr.TypeNormative, false},
		{"the same type", typ(attr.TypeOther), attr.TypeOther, false},
		{"a type changed after signing", typ(attr.TypeOther), attr.TypeNormative, true},
		{"a type added after signing", typ(""), attr.TypeNormative, true},
		{"a type removed after signing", typ(attr.TypePolicy), "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, k := sampleTrailKeys(t)
			tr.Steps = nil
			tr.appendSigned(Step{Action: ActionSubmit, Role: RoleDrafter, Actor: "张三", Time: "2025-06-01T09:00:00+08:00",
				Proposal: &Proposal{Attribute: attr.Public, DocType: c.signed}, ContentSHA256: "ab"}, k[0])
			sub := Subject{Record: &docx.Record{Attribute: attr.Public, DocID: "d1", DocType: c.record}, Content: "ab"}
			r := VerifyDocument(tr, sub, sampleKeyring(t, tr), nil)
			if got := errors.Is(r.Err(), ErrRecordChanged); got != c.changed {
				t.Errorf("record changed = %v, want %v (%v)", got, c.changed, r.Problems)
			}
		})
	}
}

// TestSignerCannotWithholdANormativeDocument: the signer's change meets the
// type rule, since the proposal now carries the type.
func TestSignerCannotWithholdANormativeDocument(t *testing.T) {
	dr, sec, sg := team(t)
	f1, r1 := dr.step(t, draft(t, dr, attr.Decision{Attribute: attr.Public, DocType: attr.TypeNormative}), dr.request(ActionSubmit, RoleDrafter))
	if r1.Step.Proposal.Type() != attr.TypeNormative {
		t.Fatalf("submitted proposal %+v does not sign the type", r1.Step.Proposal)
	}
	f2, _ := sec.step(t, f1, withChecklist(sec.request(ActionApprove, RoleSecrecy), Inspect(f1, nil, nil, Route{}).Proposal))
	req := sg.request(ActionSign, RoleSigner)
	req.Change = &Change{Attribute: attr.Withheld, Basis: "条例第十六条第二款", Reason: "尚在讨论"}
	mustIs(t, sg.try(t, f2, req), attr.ErrNormativePublic)
}
