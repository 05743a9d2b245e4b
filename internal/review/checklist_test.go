package review

import (
	"errors"
	"testing"
)

func TestParseAnswer(t *testing.T) {
	cases := []struct {
		in   string
		want Answer
	}{
		{"no_secret=ok", Answer{ID: "no_secret", OK: true}},
		{"no_secret=OK", Answer{ID: "no_secret", OK: true}},
		{"no_secret=ok:已核对密级", Answer{ID: "no_secret", OK: true, Comment: "已核对密级"}},
		{"no_secret=ok：已核对", Answer{ID: "no_secret", OK: true, Comment: "已核对"}},
		{"no_personal_data=第三段有手机号", Answer{ID: "no_personal_data", Comment: "第三段有手机号"}},
		{" interpretation = 缺解读 ", Answer{ID: "interpretation", Comment: "缺解读"}},
		{"no_secret=okay then", Answer{ID: "no_secret", Comment: "okay then"}},
	}
	for _, c := range cases {
		got, err := ParseAnswer(c.in)
		if err != nil || got != c.want {
			t.Errorf("%q: %+v %v", c.in, got, err)
		}
	}
	for _, bad := range []string{"no_secret", "no_secret=", "nope=ok"} {
		if _, err := ParseAnswer(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestApplicableItems(t *testing.T) {
	if n := len(Applicable(&Proposal{Attribute: "public"})); n != 4 {
		t.Errorf("plain document: %d items", n)
	}
	if n := len(Applicable(&Proposal{Attribute: "public", PolicyDoc: true})); n != 5 {
		t.Errorf("policy document: %d items", n)
	}
	policy := &Proposal{Attribute: "public", PolicyDoc: true}
	if err := checkAnswers(AllOK(&Proposal{}), policy, ActionApprove); !errors.Is(err, ErrChecklist) {
		t.Errorf("policy document approved without the interpretation item: %v", err)
	}
	if err := checkAnswers(AllOK(policy), policy, ActionApprove); err != nil {
		t.Error(err)
	}
	if err := checkAnswers(nil, policy, ActionReturn); err != nil {
		t.Errorf("a return may skip the checklist: %v", err)
	}
}
