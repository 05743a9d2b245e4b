package review

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/keys"
)

func containsAll(s string, subs ...string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}

// sampleTrail is a two-step trail by two keys; sampleKeyring knows both.
func sampleTrail(t testing.TB) *Trail {
	tr, _ := sampleTrailKeys(t)
	return tr
}

func sampleKeyring(t testing.TB, tr *Trail) *Keyring {
	kr := &Keyring{}
	for _, s := range tr.Steps {
		pub, err := keys.DecodePublic(s.PublicKey)
		if err != nil {
			t.Fatal(err)
		}
		if err := kr.Add(s.Actor, pub); err != nil {
			t.Fatal(err)
		}
	}
	return kr
}

func sampleTrailKeys(t testing.TB) (*Trail, [2]*keys.Key) {
	k, err := keys.LoadOrCreate(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	k2, err := keys.LoadOrCreate(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	tr := &Trail{Format: FormatV2, DocID: "d1"}
	tr.appendSigned(Step{Action: ActionSubmit, Role: RoleDrafter, Actor: "张三", Time: "2025-06-01T09:00:00+08:00",
		Proposal: &Proposal{Attribute: "withheld", Basis: "条例第十五条", Reason: "含<个人>信息 ]]> & 其他"}, ContentSHA256: "ab"}, k)
	tr.appendSigned(Step{Action: ActionReturn, Role: RoleSecrecy, Actor: "李四", Time: "2025-06-02T09:00:00+08:00",
		Comment: "第\n二段", Checklist: []Answer{}, ContentSHA256: "ab"}, k2)
	return tr, [2]*keys.Key{k, k2}
}

func TestEncodeParseRoundTrip(t *testing.T) {
	tr := sampleTrail(t)
	b, err := Encode(tr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) || bytes.Count(b, []byte("]]>")) != 1 {
		t.Fatalf("part:\n%s", b)
	}
	got, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	r := Verify(got, "d1", sampleKeyring(t, got), nil)
	if !r.Trusted() || r.State != StateReturned {
		t.Fatalf("round trip: %+v", r)
	}
	if got.Steps[0].Proposal.Reason != tr.Steps[0].Proposal.Reason || got.Steps[1].Comment != "第\n二段" {
		t.Errorf("fields changed: %+v", got.Steps)
	}
	// the chain hash covers the proposal under review, not just the step
	if got.StepHash(1) != tr.StepHash(1) || got.StepHash(1) == "" {
		t.Error("step hash not stable")
	}
}

func TestParseRefuses(t *testing.T) {
	valid, _ := Encode(sampleTrail(t))
	cases := map[string]string{
		"empty":         "",
		"not xml":       "hello",
		"wrong root":    `<trail xmlns="urn:docattr:trail:1">{}</trail>`,
		"no namespace":  `<docattrTrail>{"format":"docattr-trail-v1"}</docattrTrail>`,
		"child element": `<docattrTrail xmlns="urn:docattr:trail:1"><x/>{"format":"docattr-trail-v1"}</docattrTrail>`,
		"dtd":           `<!DOCTYPE x [<!ENTITY a "b">]><docattrTrail xmlns="urn:docattr:trail:1">{"format":"docattr-trail-v1"}</docattrTrail>`,
		"unknown field": `<docattrTrail xmlns="urn:docattr:trail:1">{"format":"docattr-trail-v1","evil":1}</docattrTrail>`,
		"trailing data": `<docattrTrail xmlns="urn:docattr:trail:1">{"format":"docattr-trail-v1"} {}</docattrTrail>`,
		"two roots":     string(valid) + `<docattrTrail xmlns="urn:docattr:trail:1"/>`,
		"unclosed":      string(valid[:len(valid)-5]),
	}
	for name, in := range cases {
		if _, err := Parse([]byte(in)); !errors.Is(err, ErrBadTrail) {
			t.Errorf("%s: %v", name, err)
		}
	}
	_, err := Parse([]byte(`<docattrTrail xmlns="urn:docattr:trail:1">{"format":"docattr-trail-v9"}</docattrTrail>`))
	if !errors.Is(err, ErrUnsupportedForm) {
		t.Errorf("future format: %v", err)
	}
	big := append([]byte(`<docattrTrail xmlns="urn:docattr:trail:1">`), bytes.Repeat([]byte(" "), MaxTrailSize)...)
	if _, err := Parse(big); !errors.Is(err, ErrBadTrail) {
		t.Errorf("oversized: %v", err)
	}
}

func TestVerifyDetectsEachEdit(t *testing.T) {
	edits := map[string]func(*Trail){
		"seq":            func(tr *Trail) { tr.Steps[1].Seq = 5 },
		"prev":           func(tr *Trail) { tr.Steps[1].Prev = GenesisPrev },
		"time":           func(tr *Trail) { tr.Steps[0].Time = "yesterday" },
		"reason":         func(tr *Trail) { tr.Steps[0].Proposal.Reason = "x" },
		"signature":      func(tr *Trail) { tr.Steps[1].Signature = tr.Steps[0].Signature },
		"bad base64":     func(tr *Trail) { tr.Steps[1].Signature = "!!" },
		"bad key":        func(tr *Trail) { tr.Steps[0].PublicKey = "AAAA" },
		"checklist":      func(tr *Trail) { tr.Steps[1].Checklist = []Answer{{ID: "no_secret", OK: true}} },
		"truncated head": func(tr *Trail) { tr.Steps = tr.Steps[1:] },
	}
	for name, edit := range edits {
		tr := sampleTrail(t)
		kr := sampleKeyring(t, tr)
		edit(tr)
		if r := Verify(tr, "d1", kr, nil); r.Trusted() {
			t.Errorf("%s: edit not detected", name)
		}
	}
	if r := Verify(sampleTrail(t), "other", nil, nil); !errors.Is(r.Err(), ErrDocIDMismatch) {
		t.Errorf("doc id: %v", r.Err())
	}
}
