package review

import (
	"fmt"

	"github.com/docattr/docattr/internal/settings"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/msg"
)

// The state machine. After the submit, the reviewers come in a fixed
// order of stages, each leaving its own state:
//
//	head (处室负责人)        → head_passed      required when Route.Head
//	classifier (定密责任人)  → classified       required when ClassifierRequired
//	secrecy (保密审查)       → secrecy_passed   always required
//	legal (合法性审查)       → legal_passed     required for a 规范性文件 when Route.Legal
//	openness (政务公开办)    → openness_passed  required when opennessNeeded
//	signer (签发人)          → issued (sign)    always
//
// From a state, a reviewer may approve or return when their stage lies
// between the state's position and the next required stage: a stage that
// is not required may still be held, a required one is never skipped. The
// signer signs or returns once the next required stage is theirs. A submit
// starts from drafted or returned; any return leads to returned.
//
// Verify replays trails with the zero Route: only what the proposal itself
// requires (level, policy document) is checked everywhere; each
// installation's Apply adds its own settings.

// Route is what an installation's settings add to the chain.
type Route struct {
	ForAll      bool // every document passes the openness office (settings.OpenReviewForAll)
	NotPublic   bool // every withheld or on-request document does (settings.NotPublicToOpenness)
	Head        bool // 处室负责人 before the secrecy review (settings.HeadReview)
	LegalReview bool // 合法性审查 for 规范性文件 (settings.LegalReview)
}

// RouteOf returns the route settings s ask for.
func RouteOf(s settings.Settings) Route {
	return Route{ForAll: s.OpenReviewForAll, NotPublic: s.NotPublicToOpenness, Head: s.HeadReview, LegalReview: s.LegalReview}
}

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

// opennessNeeded adds the route's "every withheld or on-request document"
// to OpennessRequired.
func opennessNeeded(c CheckSubject, rt Route) bool {
	if OpennessRequired(c.P, rt.ForAll) {
		return true
	}
	return rt.NotPublic && c.P != nil && (c.P.Attribute == attr.Withheld || c.P.Attribute == attr.OnRequest)
}

// ClassifierRequired reports whether proposal p needs the 定密责任人's
// signed step before the secrecy review: it carries a level, or a 定密
// record (a level raised, lowered or removed). 《保守国家秘密法》: 定密
// is the 定密责任人's act, not the drafter's.
func ClassifierRequired(p *Proposal) bool {
	return p != nil && (p.Secrecy != "" || !p.Classification().Empty())
}

// stages are the reviewers after a submit, in order, and the state each
// one's approval leaves.
var stages = []struct {
	role  string
	after State
}{
	{RoleHead, StateHeadPassed}, {RoleClassifier, StateClassified}, {RoleSecrecy, StateSecrecyPassed},
	{RoleLegal, StateLegalPassed}, {RoleOpenness, StateOpennessPassed}, {RoleSigner, StateIssued},
}

// position returns the first stage a document in st may still meet, or -1
// when st is not between a submit and the issue.
func position(st State) int {
	if st == StateSubmitted {
		return 0
	}
	for i, s := range stages[:len(stages)-1] {
		if s.after == st {
			return i + 1
		}
	}
	return -1
}

func stageOf(role string) int {
	for i, s := range stages {
		if s.role == role {
			return i
		}
	}
	return -1
}

func required(i int, c CheckSubject, rt Route) bool {
	switch stages[i].role {
	case RoleHead:
		return rt.Head
	case RoleClassifier:
		return ClassifierRequired(c.P)
	case RoleLegal:
		return rt.LegalReview && c.DocType == attr.TypeNormative
	case RoleOpenness:
		return opennessNeeded(c, rt)
	}
	return true // secrecy, signer
}

// nextRequired returns the first required stage from position pos.
func nextRequired(pos int, c CheckSubject, rt Route) int {
	for i := pos; i < len(stages); i++ {
		if required(i, c, rt) {
			return i
		}
	}
	return len(stages) - 1
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
		if i := stageOf(role); i >= 0 {
			return stages[i].after
		}
	}
	return st
}

// Waits returns the role a document in state st waits for, or "" once it
// is issued.
func Waits(st State, c CheckSubject, rt Route) string {
	switch st {
	case StateDrafted, StateReturned:
		return RoleDrafter
	case StateIssued:
		return ""
	}
	if pos := position(st); pos >= 0 {
		return stages[nextRequired(pos, c, rt)].role
	}
	return ""
}

// rolesFor lists the roles that may take an action.
var rolesFor = map[string][]string{
	ActionSubmit:  {RoleDrafter},
	ActionApprove: {RoleHead, RoleClassifier, RoleSecrecy, RoleLegal, RoleOpenness},
	ActionReturn:  {RoleHead, RoleClassifier, RoleSecrecy, RoleLegal, RoleOpenness, RoleSigner},
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
		return msg.New(ErrBadRequest, fmt.Sprintf("未知的角色 %q（drafter、head、classifier、secrecy、legal、openness、signer）", role),
			fmt.Sprintf("unknown role %q (drafter, head, classifier, secrecy, legal, openness, signer)", role))
	}
	return msg.New(ErrBadRequest, fmt.Sprintf("%s不能执行“%s”", RoleName(role), ActionName(action)),
		fmt.Sprintf("the %s role cannot %s", role, action))
}

// transition returns the state after action by role from st, or an error
// of kind ErrOutOfOrder (or ErrBadRequest for an impossible pair).
func transition(st State, action, role string, c CheckSubject, rt Route) (State, error) {
	if err := checkActionRole(action, role); err != nil {
		return st, err
	}
	legal := false
	pos := position(st)
	switch {
	case action == ActionSubmit:
		legal = st == StateDrafted || st == StateReturned
	case pos < 0:
	case role == RoleSigner: // sign, or the signer's return
		legal = nextRequired(pos, c, rt) == stageOf(RoleSigner)
	default: // a reviewer's approve or return
		i := stageOf(role)
		legal = i >= pos && i <= nextRequired(pos, c, rt)
	}
	if !legal {
		return st, outOfOrder(st, action, role, c, rt)
	}
	return after(st, action, role), nil
}

func outOfOrder(st State, action, role string, c CheckSubject, rt Route) error {
	zh := fmt.Sprintf("步骤顺序不对：文件当前%s，不能由%s“%s”", st.Zh(), RoleName(role), ActionName(action))
	en := fmt.Sprintf("step out of order: the document is %s; %s by %s is not possible now", st.En(), action, role)
	w := Waits(st, c, rt)
	if w != "" {
		zh += fmt.Sprintf("；现在应由%s办理", RoleName(w))
		en += fmt.Sprintf("; it waits for %s", w)
	}
	switch w {
	case RoleClassifier:
		zh += "（密级的确定、变更须先经定密责任人审核）"
		en += " (a secrecy level set or changed needs the classification officer first)"
	case RoleOpenness:
		if role == RoleSigner {
			zh += "（拟不公开的政策性文件须先送政务公开办审查）"
			en += " (a policy document proposed as not public must pass the openness office first)"
		}
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
