package review

import (
	"fmt"

	"github.com/docattr/docattr/internal/settings"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/msg"
)

// The state machine. A step is legal when its action and role fit the
// state the steps before it left:
//
//	submit   drafter   drafted | returned            → submitted
//	approve  classifier submitted†                   → classified
//	return   classifier submitted†                   → returned
//	approve  secrecy   submitted‡ | classified       → secrecy_passed
//	return   secrecy   submitted‡ | classified       → returned
//	approve  openness  secrecy_passed                → openness_passed
//	return   openness  secrecy_passed                → returned
//	return   signer    secrecy_passed* | openness_passed → returned
//	sign     signer    secrecy_passed* | openness_passed → issued
//
// (*) only when the openness review is not required (OpennessRequired).
// (†) only when the classifier's step is required (ClassifierRequired);
// (‡) only when it is not.
// An openness review that is not required may still be held.

// OpennessRequired reports whether proposal p must pass the openness
// office before the signer: always when forAll (settings.OpenReviewForAll),
// else for a policy document proposed as anything but public (国办发〔2016〕
// 80号: 对拟不公开的政策性文件，报批前应先送政务公开工作机构审查).
func OpennessRequired(p *Proposal, forAll bool) bool {
	if forAll {
		return true
	}
	return p != nil && p.PolicyDoc && p.Attribute != attr.Public
}

// ClassifierRequired reports whether proposal p needs the 定密责任人's
// signed step before the secrecy review: it carries a level, or a 定密
// record (a level raised, lowered or removed). 《保守国家秘密法》: 定密
// is the 定密责任人's act, not the drafter's.
func ClassifierRequired(p *Proposal) bool {
	return p != nil && (p.Secrecy != "" || !p.Classification().Empty())
}

// StateOf returns the state the steps leave a document in. It trusts the
// order of the steps; Verify checks it.
func StateOf(steps []Step) State {
	st := StateDrafted
	for _, s := range steps {
		st = after(st, s.Action, s.Role)
	}
	return st
}

func after(st State, action, role string) State {
	switch action {
	case ActionSubmit:
		return StateSubmitted
	case ActionReturn:
		return StateReturned
	case ActionSign:
		return StateIssued
	case ActionApprove:
		switch role {
		case RoleOpenness:
			return StateOpennessPassed
		case RoleClassifier:
			return StateClassified
		}
		return StateSecrecyPassed
	}
	return st
}

// Waits returns the role a document in state st waits for, or "" once it
// is issued.
func Waits(st State, p *Proposal, forAll bool) string {
	switch st {
	case StateDrafted, StateReturned:
		return RoleDrafter
	case StateSubmitted:
		if ClassifierRequired(p) {
			return RoleClassifier
		}
		return RoleSecrecy
	case StateClassified:
		return RoleSecrecy
	case StateSecrecyPassed:
		if OpennessRequired(p, forAll) {
			return RoleOpenness
		}
		return RoleSigner
	case StateOpennessPassed:
		return RoleSigner
	}
	return ""
}

// rolesFor lists the roles that may take an action.
var rolesFor = map[string][]string{
	ActionSubmit:  {RoleDrafter},
	ActionApprove: {RoleClassifier, RoleSecrecy, RoleOpenness},
	ActionReturn:  {RoleClassifier, RoleSecrecy, RoleOpenness, RoleSigner},
	ActionSign:    {RoleSigner},
}

// checkActionRole refuses an action/role pair that never makes sense
// (a drafter approving, a secrecy reviewer signing).
func checkActionRole(action, role string) error {
	roles, ok := rolesFor[action]
	if !ok {
		return msg.New(ErrBadRequest, fmt.Sprintf("未知的审查操作 %q", action), fmt.Sprintf("unknown review action %q", action))
	}
	for _, r := range roles {
		if r == role {
			return nil
		}
	}
	if RoleName(role) == "" {
		return msg.New(ErrBadRequest, fmt.Sprintf("未知的角色 %q（drafter、classifier、secrecy、openness、signer）", role),
			fmt.Sprintf("unknown role %q (drafter, classifier, secrecy, openness, signer)", role))
	}
	return msg.New(ErrBadRequest, fmt.Sprintf("%s不能执行“%s”", RoleName(role), ActionName(action)),
		fmt.Sprintf("the %s role cannot %s", role, action))
}

// transition returns the state after action by role from st, or an error
// of kind ErrOutOfOrder (or ErrBadRequest for an impossible pair).
func transition(st State, action, role string, p *Proposal, forAll bool) (State, error) {
	if err := checkActionRole(action, role); err != nil {
		return st, err
	}
	legal := false
	switch action {
	case ActionSubmit:
		legal = st == StateDrafted || st == StateReturned
	case ActionApprove, ActionReturn:
		switch role {
		case RoleClassifier:
			legal = st == StateSubmitted && ClassifierRequired(p)
		case RoleSecrecy:
			legal = st == StateClassified || (st == StateSubmitted && !ClassifierRequired(p))
		case RoleOpenness:
			legal = st == StateSecrecyPassed
		case RoleSigner:
			legal = st == StateOpennessPassed || (st == StateSecrecyPassed && !OpennessRequired(p, forAll))
		}
	case ActionSign:
		legal = st == StateOpennessPassed || (st == StateSecrecyPassed && !OpennessRequired(p, forAll))
	}
	if !legal {
		return st, outOfOrder(st, action, role, p, forAll)
	}
	return after(st, action, role), nil
}

func outOfOrder(st State, action, role string, p *Proposal, forAll bool) error {
	zh := fmt.Sprintf("步骤顺序不对：文件当前%s，不能由%s“%s”", st.Zh(), RoleName(role), ActionName(action))
	en := fmt.Sprintf("step out of order: the document is %s; %s by %s is not possible now", st.En(), action, role)
	if w := Waits(st, p, forAll); w != "" {
		zh += fmt.Sprintf("；现在应由%s办理", RoleName(w))
		en += fmt.Sprintf("; it waits for %s", w)
	}
	if st == StateSubmitted && role == RoleSecrecy && ClassifierRequired(p) {
		zh += "（密级的确定、变更须先经定密责任人审核）"
		en += " (a secrecy level set or changed needs the classification officer first)"
	}
	if st == StateSecrecyPassed && role == RoleSigner && OpennessRequired(p, forAll) {
		zh += "（拟不公开的政策性文件须先送政务公开办审查）"
		en += " (a policy document proposed as not public must pass the openness office first)"
	}
	return msg.New(ErrOutOfOrder, zh, en)
}

// DefaultRole is the role an action is taken in when none is named: the
// only role that can take it, or else the only such role s grants; "" when
// that is ambiguous.
func DefaultRole(action string, s settings.Settings) string {
	roles := rolesFor[action]
	if len(roles) == 1 {
		return roles[0]
	}
	found := ""
	for _, r := range roles {
		if s.HasRole(r) {
			if found != "" {
				return ""
			}
			found = r
		}
	}
	return found
}
