package review

import "testing"

// TestDescribeNamesTheStepItWaitsFor: a submitted document's state names
// the step the route makes next, never the secrecy review regardless.
func TestDescribeNamesTheStepItWaitsFor(t *testing.T) {
	secret := &Proposal{Attribute: "withheld", Basis: "条例第十四条", Secrecy: "秘密"}
	public := &Proposal{Attribute: "public"}
	cases := []struct {
		name   string
		st     State
		p      *Proposal
		rt     Route
		zh, en string
	}{
		{"plain submit", StateSubmitted, public, Route{}, "已送审，待保密审查", "submitted, waits for the secrecy review"},
		{"head first", StateSubmitted, public, Route{Head: true}, "已送审，待处室负责人审核", "submitted, waits for the head of division"},
		{"classifier first", StateSubmitted, secret, Route{}, "已送审，待定密责任人审核", "submitted, waits for the classification officer"},
		{"head, then classifier", StateHeadPassed, secret, Route{Head: true}, "处室负责人已审核，待定密责任人审核", "approved by the head of division, waits for the classification officer"},
		{"secrecy passed, signer next", StateSecrecyPassed, public, Route{}, "保密审查通过，待签发人签发", "secrecy review passed, waits for the signer"},
		{"secrecy passed, legal next", StateSecrecyPassed, public, Route{LegalReview: true}, "保密审查通过，待签发人签发", "secrecy review passed, waits for the signer"},
		{"a text that says it already", StateClassified, secret, Route{}, "定密责任人已审核，待保密审查", "classification confirmed, waits for the secrecy review"},
		{"drafted", StateDrafted, nil, Route{}, "草稿，待送审", "drafted, waits for submission"},
		{"issued", StateIssued, public, Route{}, "已签发", "signed and issued"},
	}
	for _, c := range cases {
		zh, en := Describe(c.st, Waits(c.st, CheckSubject{P: c.p}, c.rt))
		if zh != c.zh || en != c.en {
			t.Errorf("%s: %q / %q, want %q / %q", c.name, zh, en, c.zh, c.en)
		}
	}
	normative := CheckSubject{P: public, DocType: "规范性文件"}
	if zh, _ := Describe(StateSecrecyPassed, Waits(StateSecrecyPassed, normative, Route{LegalReview: true})); zh != "保密审查通过，待合法性审查" {
		t.Errorf("a 规范性文件 with legal review: %q", zh)
	}
}
