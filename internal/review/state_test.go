package review

import (
	"errors"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/settings"
)

// TestTransitions is the state machine as a table: every state × action ×
// role, with the legal ones listed and everything else refused.
func TestTransitions(t *testing.T) {
	plain := &Proposal{Attribute: attr.Public}
	policyWithheld := &Proposal{Attribute: attr.Withheld, PolicyDoc: true}
	type key struct {
		st           State
		action, role string
	}
	legal := map[key]State{
		{StateDrafted, ActionSubmit, RoleDrafter}:         StateSubmitted,
		{StateReturned, ActionSubmit, RoleDrafter}:        StateSubmitted,
		{StateSubmitted, ActionApprove, RoleSecrecy}:      StateSecrecyPassed,
		{StateSubmitted, ActionReturn, RoleSecrecy}:       StateReturned,
		{StateSecrecyPassed, ActionApprove, RoleOpenness}: StateOpennessPassed,
		{StateSecrecyPassed, ActionReturn, RoleOpenness}:  StateReturned,
		{StateSecrecyPassed, ActionReturn, RoleSigner}:    StateReturned, // plain only
		{StateSecrecyPassed, ActionSign, RoleSigner}:      StateIssued,   // plain only
		{StateOpennessPassed, ActionReturn, RoleSigner}:   StateReturned,
		{StateOpennessPassed, ActionSign, RoleSigner}:     StateIssued,
	}
	states := []State{StateDrafted, StateSubmitted, StateSecrecyPassed, StateOpennessPassed, StateReturned, StateIssued}
	actions := []string{ActionSubmit, ActionApprove, ActionReturn, ActionSign}
	roles := []string{RoleDrafter, RoleSecrecy, RoleOpenness, RoleSigner}
	for _, p := range []*Proposal{plain, policyWithheld} {
		for _, st := range states {
			for _, a := range actions {
				for _, r := range roles {
					want, ok := legal[key{st, a, r}]
					if ok && p == policyWithheld && st == StateSecrecyPassed && r == RoleSigner {
						ok = false
					}
					got, err := transition(st, a, r, CheckSubject{P: p}, Route{})
					switch {
					case ok && (err != nil || got != want):
						t.Errorf("%s %s/%s (%s): got %s, %v; want %s", st, a, r, p.Attribute, got, err, want)
					case !ok && err == nil:
						t.Errorf("%s %s/%s (%s): allowed, want refused", st, a, r, p.Attribute)
					case !ok && !errors.Is(err, ErrOutOfOrder) && !errors.Is(err, ErrBadRequest):
						t.Errorf("%s %s/%s: error kind %v", st, a, r, err)
					}
				}
			}
		}
	}
}

func TestOpennessRequired(t *testing.T) {
	cases := []struct {
		p      Proposal
		forAll bool
		want   bool
	}{
		{Proposal{Attribute: attr.Public}, false, false},
		{Proposal{Attribute: attr.Public, PolicyDoc: true}, false, false},
		{Proposal{Attribute: attr.Withheld}, false, false},
		{Proposal{Attribute: attr.Withheld, PolicyDoc: true}, false, true},
		{Proposal{Attribute: attr.OnRequest, PolicyDoc: true}, false, true},
		{Proposal{Attribute: attr.Public}, true, true},
	}
	for _, c := range cases {
		if got := OpennessRequired(&c.p, c.forAll); got != c.want {
			t.Errorf("%+v forAll=%v: %v", c.p, c.forAll, got)
		}
	}
}

func TestWaits(t *testing.T) {
	p := &Proposal{Attribute: attr.OnRequest, PolicyDoc: true}
	want := map[State]string{StateDrafted: RoleDrafter, StateSubmitted: RoleSecrecy, StateSecrecyPassed: RoleOpenness,
		StateOpennessPassed: RoleSigner, StateReturned: RoleDrafter, StateIssued: ""}
	for st, w := range want {
		if got := Waits(st, CheckSubject{P: p}, Route{}); got != w {
			t.Errorf("%s waits %q, want %q", st, got, w)
		}
	}
}

func TestOutOfOrderMessageIsBilingual(t *testing.T) {
	_, err := transition(StateSubmitted, ActionSign, RoleSigner, CheckSubject{P: &Proposal{Attribute: attr.Public}}, Route{})
	if err == nil || !containsAll(err.Error(), "步骤顺序不对", "保密审查", "out of order", "waits for secrecy") {
		t.Errorf("message: %v", err)
	}
}

func TestDefaultRole(t *testing.T) {
	s := func(roles ...string) settings.Settings { return settings.Settings{Roles: roles} }
	cases := []struct {
		action string
		s      settings.Settings
		want   string
	}{
		{ActionSubmit, s(), RoleDrafter},
		{ActionSign, s(RoleSecrecy), RoleSigner},
		{ActionApprove, s(RoleSecrecy, RoleSigner), RoleSecrecy},
		{ActionApprove, s(RoleSecrecy, RoleOpenness), ""},
		{ActionReturn, s(RoleSigner), RoleSigner},
		{ActionReturn, s(RoleDrafter), ""},
	}
	for _, c := range cases {
		if got := DefaultRole(c.action, c.s); got != c.want {
			t.Errorf("%s %v: %q, want %q", c.action, c.s.Roles, got, c.want)
		}
	}
}

// TestRoutes: the optional steps local rules require come in their place,
// are never skipped when required, and may be held when not.
func TestRoutes(t *testing.T) {
	public := CheckSubject{P: &Proposal{Attribute: attr.Public}}
	withheld := CheckSubject{P: &Proposal{Attribute: attr.Withheld}}
	secret := CheckSubject{P: &Proposal{Attribute: attr.Withheld, Secrecy: "秘密"}}
	normative := CheckSubject{P: &Proposal{Attribute: attr.Public}, DocType: attr.TypeNormative}
	head, legal, notPublic := Route{Head: true}, Route{LegalReview: true}, Route{NotPublic: true}
	waits := []struct {
		name string
		st   State
		c    CheckSubject
		rt   Route
		want string
	}{
		{"head first", StateSubmitted, public, head, RoleHead},
		{"head then classifier", StateHeadPassed, secret, head, RoleClassifier},
		{"classifier before secrecy", StateSubmitted, secret, Route{}, RoleClassifier},
		{"classified", StateClassified, secret, Route{}, RoleSecrecy},
		{"legal for a 规范性文件", StateSecrecyPassed, normative, legal, RoleLegal},
		{"no legal for others", StateSecrecyPassed, public, legal, RoleSigner},
		{"legal then signer", StateLegalPassed, normative, legal, RoleSigner},
		{"withheld to openness", StateSecrecyPassed, withheld, notPublic, RoleOpenness},
		{"public not to openness", StateSecrecyPassed, public, notPublic, RoleSigner},
		{"withheld without the setting", StateSecrecyPassed, withheld, Route{}, RoleSigner},
	}
	for _, c := range waits {
		if got := Waits(c.st, c.c, c.rt); got != c.want {
			t.Errorf("%s: waits %q, want %q", c.name, got, c.want)
		}
	}
	steps := []struct {
		name         string
		st           State
		action, role string
		c            CheckSubject
		rt           Route
		ok           bool
	}{
		{"secrecy skips a required head", StateSubmitted, ActionApprove, RoleSecrecy, public, head, false},
		{"head held though not required", StateSubmitted, ActionApprove, RoleHead, public, Route{}, true},
		{"secrecy skips the classifier", StateSubmitted, ActionApprove, RoleSecrecy, secret, Route{}, false},
		{"classifier returns", StateSubmitted, ActionReturn, RoleClassifier, secret, Route{}, true},
		{"head after the classifier", StateClassified, ActionApprove, RoleHead, secret, head, false},
		{"sign skips legal", StateSecrecyPassed, ActionSign, RoleSigner, normative, legal, false},
		{"legal held anyway", StateSecrecyPassed, ActionApprove, RoleLegal, public, Route{}, true},
		{"openness after legal", StateLegalPassed, ActionApprove, RoleOpenness, normative, legal, true},
		{"sign skips openness for withheld", StateSecrecyPassed, ActionSign, RoleSigner, withheld, notPublic, false},
	}
	for _, c := range steps {
		_, err := transition(c.st, c.action, c.role, c.c, c.rt)
		if (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}
