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
	if err := checkAnswers(AllOK(&Proposal{}), Applicable(policy), ActionApprove); !errors.Is(err, ErrChecklist) {
		t.Errorf("policy document approved without the interpretation item: %v", err)
	}
	if err := checkAnswers(AllOK(policy), Applicable(policy), ActionApprove); err != nil {
		t.Error(err)
	}
	if err := checkAnswers(nil, Applicable(policy), ActionReturn); err != nil {
		t.Errorf("a return may skip the checklist: %v", err)
	}
}

func ids(items []Item) string { return itemIDs(items, ",") }

// The list follows the role and the proposal: a secret document is never
// asked 不含国家秘密, the openness office answers its own list.
func TestItemsFor(t *testing.T) {
	secret := &Proposal{Attribute: "withheld", Secrecy: "秘密", Period: "5年"}
	public := &Proposal{Attribute: "public"}
	cases := []struct {
		name, role string
		c          CheckSubject
		want       string
	}{
		{"disclosure", RoleSecrecy, CheckSubject{P: public}, "no_secret,no_personal_data,no_process_info,marks_consistent"},
		{"policy by type", RoleSecrecy, CheckSubject{P: public, DocType: "政策性文件"}, "no_secret,no_personal_data,no_process_info,marks_consistent,interpretation"},
		{"secret", RoleSecrecy, CheckSubject{P: secret}, "level_matches_scope,period_appropriate,knowers_defined,classifier_reviewed"},
		{"secret policy", RoleSecrecy, CheckSubject{P: &Proposal{Attribute: "withheld", Secrecy: "机密", PolicyDoc: true}}, "level_matches_scope,period_appropriate,knowers_defined,classifier_reviewed"},
		{"openness", RoleOpenness, CheckSubject{P: public}, "attr_accurate,reason_matches_basis,means_defined"},
		{"openness normative", RoleOpenness, CheckSubject{P: public, DocType: "规范性文件"}, "attr_accurate,reason_matches_basis,normative_public,means_defined"},
		{"openness policy", RoleOpenness, CheckSubject{P: &Proposal{Attribute: "on_request", PolicyDoc: true}}, "attr_accurate,reason_matches_basis,interpretation_complete,means_defined"},
		{"signer", RoleSigner, CheckSubject{P: public}, ""},
		{"drafter", RoleDrafter, CheckSubject{P: public}, ""},
	}
	for _, c := range cases {
		if got := ids(ItemsFor(c.role, c.c)); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	items := ItemsFor(RoleSecrecy, CheckSubject{P: secret})
	err := checkAnswers([]Answer{{ID: "no_secret", OK: true}}, items, ActionReturn)
	if !errors.Is(err, ErrChecklist) {
		t.Errorf("不含国家秘密 accepted for a secret document: %v", err)
	}
	if err := checkAnswers(allOK(items), items, ActionApprove); err != nil {
		t.Error(err)
	}
	if err := checkAnswers(allOK(items[:3]), items, ActionApprove); !errors.Is(err, ErrChecklist) {
		t.Errorf("approve without 定密责任人已审核: %v", err)
	}
	if ItemName("knowers_defined") != "知悉范围明确" || ItemName("zzz") != "zzz" {
		t.Error("ItemName")
	}
}
