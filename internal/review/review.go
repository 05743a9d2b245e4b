// Package review is the approval chain of a draft's disclosure attribute:
// the drafter submits; where required the 处室负责人 and the 定密责任人,
// then the secrecy reviewer (保密审查) and, where required, the 合法性审查
// and the openness office (政务公开办) approve or return it; the signer
// (签发人) confirms or changes the attribute and issues the document.
//
// The people sit at different machines, so the history travels inside the
// .docx: a trail part (docx.TrailPart) holds the proposal and every step,
// each signed with the Ed25519 key of the installation that made it and
// chained to the step before. Whoever opens the file next verifies the whole
// trail against the file (VerifyDocument) before trusting anything in it.
// Each step signs the
// document's content digest (docx.ContentDigest), so a trail copied into
// another document or content changed after the last step is caught; a step
// counts only when its key is this installation's own or is in the keyring
// under the step's actor name. Anything else makes the document untrusted:
// the only step allowed on it is a return to the drafter, which starts a
// fresh trail.
//
// Files:
//
//	review.go     roles, actions, states, sentinel errors
//	trail.go      the trail model and its XML/JSON part (Encode, Parse)
//	sign.go       the canonical encoding a step signs, and the chain hash
//	verify.go     Verify, VerifyDocument: signatures, keys, chain, content, replay
//	actions.go    Offers: the steps a door may offer on a document
//	decided.go    a decision on a submission is final (the audit log remembers it)
//	state.go      the state machine: ordered stages, Route, the transition rules
//	checklist.go  the checklists, by role and proposal
//	keyring.go    colleagues' public keys (keyring.json)
//	flow.go       Apply: the checks of one step on a file
//	write.go      Apply's output: signed trail, final marks, audit event
//	output.go     default output names, output checks
//	inbox.go      Inspect, Inbox: a folder's documents, what they wait for, forks
//
// Apply keeps the audit log's ordering contract: the output goes to a synced
// temporary file, the audit event is appended, and only then the file is
// renamed into place. The input file is never modified.
package review

import (
	"errors"
	"strings"

	"github.com/docattr/docattr/internal/publish"
)

// Roles, as stored in settings.Settings.Roles and in steps.
const (
	RoleDrafter  = "drafter"  // 拟稿人
	RoleSecrecy  = "secrecy"  // 保密审查
	RoleOpenness = "openness" // 政务公开办
	RoleSigner   = "signer"   // 签发人
	// RoleClassifier is the 定密责任人: a proposal that carries a level or a
	// 定密 record waits for their signed step before the secrecy review.
	RoleClassifier = "classifier"
	RoleHead       = "head"  // 处室负责人, before the secrecy review (a setting)
	RoleLegal      = "legal" // 合法性审查 of a 规范性文件 (a setting)
)

// Actions a step records.
const (
	ActionSubmit  = "submit"  // 送审 (or resubmit after a return)
	ActionApprove = "approve" // 审查通过
	ActionReturn  = "return"  // 退回 (退文) with comments
	ActionSign    = "sign"    // 签发: confirm or change the attribute; marks stamped
)

// State is where a document stands in the chain.
type State string

// States, in the order a document normally passes them.
const (
	StateDrafted        State = "drafted"         // no step yet
	StateSubmitted      State = "submitted"       // waits for the classifier or the secrecy review
	StateHeadPassed     State = "head_passed"     // the 处室负责人 approved
	StateClassified     State = "classified"      // the classifier approved; waits for the secrecy review
	StateLegalPassed    State = "legal_passed"    // the 合法性审查 passed
	StateSecrecyPassed  State = "secrecy_passed"  // waits for the openness review or the signer
	StateOpennessPassed State = "openness_passed" // waits for the signer
	StateReturned       State = "returned"        // back with the drafter
	StateIssued         State = "issued"          // signed, final marks stamped
)

// Sentinel kinds; errors from this package are *msg.Error values wrapping
// one of them, so callers branch with errors.Is.
var (
	ErrNotYourRole     = errors.New("review: role not held by this installation")
	ErrSelfApproval    = errors.New("review: proposer cannot review their own proposal")
	ErrOutOfOrder      = errors.New("review: step out of order")
	ErrTrailTampered   = errors.New("review: trail edited or signature invalid")
	ErrUnknownKey      = errors.New("review: public key not trusted for the step's actor")
	ErrLegacyTrail     = errors.New("review: v1 trail cannot prove the document's content")
	ErrAlreadyDecided  = errors.New("review: this submission was already decided otherwise")
	ErrBadTrail        = errors.New("review: trail part cannot be read")
	ErrNoProposal      = errors.New("review: draft carries no disclosure attribute")
	ErrRecordChanged   = errors.New("review: record differs from the submitted proposal")
	ErrContentChanged  = errors.New("review: text changed after the last step")
	ErrChecklist       = errors.New("review: checklist incomplete or failed")
	ErrNeedsComment    = errors.New("review: a return needs a comment")
	ErrNeedsOpenness   = errors.New("review: openness review required")
	ErrBadRequest      = errors.New("review: bad request")
	ErrKeyConflict     = errors.New("review: keyring name or key already used")
	ErrOutputSameAsIn  = publish.ErrSameFile
	ErrOutputPath      = publish.ErrOutputPath
	ErrDocIDMismatch   = errors.New("review: trail belongs to another document")
	ErrUnsupportedForm = errors.New("review: unsupported trail format")
)

// roleZh names roles for people.
var roleZh = map[string]string{
	RoleDrafter: "拟稿人", RoleSecrecy: "保密审查", RoleOpenness: "政务公开办", RoleSigner: "签发人",
	RoleClassifier: "定密责任人", RoleHead: "处室负责人", RoleLegal: "合法性审查",
}

// RoleName returns the Chinese name of a role ("" for an unknown role).
func RoleName(role string) string { return roleZh[role] }

var actionZh = map[string]string{
	ActionSubmit: "送审", ActionApprove: "审查通过", ActionReturn: "退回", ActionSign: "签发",
}

// ActionName returns the Chinese name of an action.
func ActionName(action string) string { return actionZh[action] }

var stateText = map[State][2]string{
	StateDrafted:        {"草稿，待送审", "drafted, waits for submission"},
	StateSubmitted:      {"已送审", "submitted"}, // the next step depends on the route: see Describe
	StateHeadPassed:     {"处室负责人已审核", "approved by the head of division"},
	StateClassified:     {"定密责任人已审核，待保密审查", "classification confirmed, waits for the secrecy review"},
	StateLegalPassed:    {"合法性审查通过", "legality review passed"},
	StateSecrecyPassed:  {"保密审查通过", "secrecy review passed"},
	StateOpennessPassed: {"政务公开办审查通过，待签发", "openness review passed, waits for the signer"},
	StateReturned:       {"已退回拟稿人，待修改后重新送审", "returned to the drafter, waits for resubmission"},
	StateIssued:         {"已签发", "signed and issued"},
}

// waitText names the step a document waits for, by role.
var waitText = map[string][2]string{
	RoleHead: {"待处室负责人审核", "waits for the head of division"}, RoleClassifier: {"待定密责任人审核", "waits for the classification officer"},
	RoleSecrecy: {"待保密审查", "waits for the secrecy review"}, RoleLegal: {"待合法性审查", "waits for the legality review"},
	RoleOpenness: {"待政务公开办审查", "waits for the openness office"}, RoleSigner: {"待签发人签发", "waits for the signer"},
}

// Describe returns the state for people with the step it waits for
// (waits, the role Waits gives): 已送审，待处室负责人审核. A state whose
// text already says what comes next (草稿，待送审) is returned as it is,
// and so is every state when waits is "".
func Describe(st State, waits string) (zh, en string) {
	zh, en = st.Zh(), st.En()
	w, ok := waitText[waits]
	if !ok || strings.Contains(zh, "待") {
		return zh, en
	}
	return zh + "，" + w[0], en + ", " + w[1]
}

// StateText is Describe for a status: its state and the step it waits for.
func (s Status) StateText() (zh, en string) { return Describe(s.State, s.Waits) }

// StateText is Describe for a step's result.
func (r Result) StateText() (zh, en string) { return Describe(r.State, r.Waits) }

// Zh returns the state in Chinese.
func (s State) Zh() string { return stateText[s][0] }

// En returns the state in English.
func (s State) En() string { return stateText[s][1] }
