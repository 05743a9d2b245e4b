package review

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/publish"
	"github.com/docattr/docattr/internal/settings"
)

// Request is one review step to take on a file.
type Request struct {
	Action  string // ActionSubmit, ActionApprove, ActionReturn, ActionSign
	Role    string // the role acted in; must be held in Settings.Roles
	Actor   settings.Actor
	Comment string
	// Checklist holds the secrecy reviewer's answers (secrecy role only).
	Checklist []Answer
	// ConfirmAll answers every applicable checklist item OK (--checklist
	// ok); answers in Checklist take precedence for their items.
	ConfirmAll bool
	// Change is the signer's new decision; nil confirms the proposal.
	Change *Change
	// Settings gives the roles held, OpenReviewForAll, and the mark style
	// and printed attributes used when signing stamps the final marks.
	Settings settings.Settings
	Key      *keys.Key // this installation's key; signs the step
	Keyring  *Keyring  // colleagues' keys, for the report; may be nil
	Version  string    // program version
	Now      time.Time // the step's time; zero means time.Now()
	// Overwrite lets the output replace an existing file; otherwise a
	// distinct name is used (Result.Output says which).
	Overwrite bool
}

// Change is a signer's change of the decision. An empty Attribute keeps the
// proposed one; an empty Basis keeps the proposed basis when the attribute
// stays and clears it when the attribute changes. Reason is required for
// any change: it is both the reason for the change and the decision's
// reason.
type Change struct {
	Attribute, Basis, Reason string
}

// Result is what Apply did.
type Result struct {
	Input, Output string // Output: the file really written
	Prior         Report // the verification of the trail as found
	// Reset is set when the trail found was untrusted and a return started
	// a fresh one (Prior says why).
	Reset    bool
	Step     Step // the step added
	StepHash string
	State    State  // the state after the step
	Waits    string // the role the document now waits for
	Changed  bool   // a sign changed the proposal
	Event    audit.Event
}

// Apply takes one review step: it reads input, verifies the trail it
// carries (an untrusted trail is refused with ErrTrailTampered), checks the
// role, the order, self-review and the step's own rules, signs the step
// with req.Key, writes output (never the input) with the trail and record
// updated — and on sign the final marks stamped — and records an audit
// event before the output appears. Errors are *msg.Error values whose kind
// is one of this package's sentinels, an attr sentinel (a signer's invalid
// decision), or the underlying I/O or audit error.
func Apply(log *audit.Log, input, output string, req Request) (Result, error) {
	res := Result{Input: input, Output: output}
	if err := req.checkText(); err != nil {
		return res, err
	}
	if req.Key == nil {
		return res, msg.New(ErrBadRequest, "缺少本机签名密钥", "no installation key given")
	}
	if err := checkActionRole(req.Action, req.Role); err != nil {
		return res, err
	}
	if !req.Settings.HasRole(req.Role) {
		return res, msg.New(ErrNotYourRole,
			fmt.Sprintf("本机未被授予“%s”角色（设置中的角色：%s），不能%s", RoleName(req.Role), strings.Join(req.Settings.Roles, "、"), ActionName(req.Action)),
			fmt.Sprintf("this installation does not hold the %s role (roles: %s)", req.Role, strings.Join(req.Settings.Roles, ", ")))
	}
	out, err := publish.NewGuard(log.Path(), input).Target(input, output, req.Overwrite)
	if err != nil {
		return res, err
	}
	res.Output = out
	src, d, err := publish.OpenDocument(input)
	if err != nil {
		return res, err
	}
	defer src.Close()
	defer d.Close()
	rec := d.Record()
	if rec == nil || rec.Attribute == "" || rec.DocID == "" {
		return res, msg.New(ErrNoProposal, "文稿尚未标注公开属性，请先在“标注”中拟定属性后再送审",
			"the draft carries no disclosure attribute: mark it (docattr mark) before submitting")
	}
	self := req.Key.Public()
	sub, err := SubjectOf(d)
	if err != nil {
		return res, err
	}
	t, reset, err := priorTrail(d, sub, req, &res)
	if err != nil {
		return res, err
	}
	res.Reset = reset
	st := res.Prior.State
	p := current(t.Steps)
	if req.Action == ActionSubmit {
		p = ProposalOf(rec)
	}
	rt, subj := RouteOf(req.Settings), subjectOf(p, rec)
	next := StateReturned
	if !reset {
		if next, err = transition(st, req.Action, req.Role, subj, rt); err != nil {
			return res, err
		}
	}
	if req.ConfirmAll && !reset {
		items := ItemsFor(req.Role, subjectOf(p, rec))
		if len(items) == 0 {
			return res, msg.New(ErrBadRequest, "检查清单只用于保密审查和政务公开办审查", "the checklist belongs to the secrecy and openness reviews")
		}
		req.Checklist = mergeAnswers(allOK(items), req.Checklist)
	}
	step := Step{Action: req.Action, Role: req.Role, Actor: strings.TrimSpace(req.Actor.Name),
		OSUser: req.Actor.OSUser, Machine: req.Actor.Machine, Comment: strings.TrimSpace(req.Comment),
		Checklist: req.Checklist, Version: req.Version, PublicKey: keys.EncodePublic(self)}
	if step.Actor == "" {
		return res, msg.New(ErrBadRequest, "请先在“设置”中填写本人姓名", "set your name (settings or --actor)")
	}
	if reset {
		err = resetStep(&step, req, res.Prior)
	} else {
		err = checkStep(d, t, p, &step, req, st)
	}
	step.ContentSHA256 = sub.Content
	if err != nil {
		return res, err
	}
	if err := checkDecided(log, t, req.Action); err != nil {
		return res, err
	}
	if step.Decision != nil {
		res.Changed = !step.Decision.Same(*p)
	}
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	step.Time = now.Format(time.RFC3339)
	head, err := log.Head()
	if err != nil {
		return res, err
	}
	step.AuditHead = fmt.Sprintf("%d:%s", head.Seq, head.Hash)
	if err := write(log, src, d, rec, t, step, req, now, &res); err != nil {
		return res, err
	}
	res.State, res.Waits = next, Waits(next, subj, rt)
	if next == StateIssued {
		res.Waits = ""
	}
	return res, nil
}

// priorTrail reads and verifies the trail d carries into res.Prior and
// returns the trail the step extends. An untrusted or unreadable trail is
// refused, except for a return: that starts a fresh trail (reset) whose
// only step sends the document back to its drafter, the one remedy.
func priorTrail(d *docx.Document, sub Subject, req Request, res *Result) (t *Trail, reset bool, err error) {
	fresh := &Trail{Format: FormatV2, DocID: sub.Record.DocID}
	t, err = ReadTrail(d)
	if errors.Is(err, ErrBadTrail) && req.Action == ActionReturn {
		res.Prior = Report{Problems: []error{err}}
		return fresh, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	if t == nil {
		t = fresh
	}
	res.Prior = VerifyDocument(t, sub, req.Keyring, req.Key.Public())
	if err := res.Prior.Err(); err != nil {
		if req.Action == ActionReturn {
			return fresh, true, nil
		}
		return nil, false, &msg.Error{Kind: err,
			Zh: "审查记录不可信，只能退回拟稿人：" + strings.TrimPrefix(msg.Zh(err), "审查记录不可信，不予采信："),
			En: "the review trail is not trusted; the only step allowed is a return to the drafter: " + strings.TrimPrefix(msg.En(err), "the review trail is not trusted: ")}
	}
	return t, false, nil
}

// resetStep fills the return that starts a fresh trail: its comment says
// why the old trail was discarded, so the drafter sees it.
func resetStep(step *Step, req Request, prior Report) error {
	if len(req.Checklist) > 0 || req.ConfirmAll || req.Change != nil {
		return msg.New(ErrBadRequest, "审查记录不可信的文件只能直接退回，不填检查清单", "a document with an untrusted trail can only be returned, without a checklist")
	}
	var why []string
	for _, p := range prior.Problems {
		why = append(why, msg.Zh(p))
	}
	note := "原审查记录不可信，已作废：" + strings.Join(why, "；")
	step.Comment = strings.TrimSpace(step.Comment + "\n" + note)
	return nil
}

// checkStep applies the rules of the step's action and fills the step's
// proposal and decision. st is the state before the step.
func checkStep(d *docx.Document, t *Trail, p *Proposal, step *Step, req Request, st State) error {
	if req.Action != ActionSubmit {
		if sub := lastSubmit(t.Steps); sub != nil && sameParty(*sub, *step) {
			return msg.New(ErrSelfApproval,
				fmt.Sprintf("不能审查自己的送审：本件由 %s 送审（同一人或同一台安装）", sub.Actor),
				fmt.Sprintf("you cannot review your own proposal: %s submitted it (same person or installation)", sub.Actor))
		}
	}
	items := ItemsFor(req.Role, subjectOf(p, d.Record()))
	if len(req.Checklist) > 0 && len(items) == 0 {
		return msg.New(ErrBadRequest, "检查清单只用于保密审查和政务公开办审查", "the checklist belongs to the secrecy and openness reviews")
	}
	if req.Change != nil && req.Action != ActionSign {
		return msg.New(ErrBadRequest, "只有签发人签发时可以改变公开属性", "only the signer, when signing, may change the attribute")
	}
	switch req.Action {
	case ActionSubmit:
		step.Proposal = p
		return attr.Validate(decisionOf(p), attr.Previous{})
	case ActionApprove:
		return checkAnswers(req.Checklist, items, ActionApprove)
	case ActionReturn:
		if err := checkAnswers(req.Checklist, items, ActionReturn); err != nil {
			return err
		}
		if step.Comment == "" && !anyFailed(req.Checklist) {
			return msg.New(ErrNeedsComment, "退回须写明意见", "a return needs a comment (--comment)")
		}
		return nil
	}
	return decide(d, p, step, req, st)
}

// decide fills the signer's decision: the proposal, or the change.
func decide(d *docx.Document, p *Proposal, step *Step, req Request, st State) error {
	dec := *p
	if c := req.Change; c != nil {
		if strings.TrimSpace(c.Attribute) != "" {
			a, err := attr.ParseAttribute(c.Attribute)
			if err != nil {
				return err
			}
			if a.ID != dec.Attribute {
				dec.Attribute, dec.Basis = a.ID, ""
			}
		}
		if b := strings.TrimSpace(c.Basis); b != "" {
			dec.Basis = b
			if known, ok := attr.LookupBasis(b); ok {
				dec.Basis = known.ID
			}
		}
		if !dec.Same(*p) || strings.TrimSpace(c.Reason) != "" {
			if strings.TrimSpace(c.Reason) == "" {
				return msg.New(attr.ErrNeedsReason, "签发人改变公开属性须说明理由",
					"the signer must give a reason (--reason) for changing the attribute")
			}
			dec.Reason = strings.TrimSpace(c.Reason)
		}
	}
	if err := attr.Validate(decisionOf(&dec), attr.Previous{Attribute: p.Attribute, Secrecy: p.Secrecy}); err != nil {
		return err
	}
	if st != StateOpennessPassed && opennessNeeded(subjectOf(&dec, d.Record()), RouteOf(req.Settings)) {
		return msg.New(ErrNeedsOpenness,
			"改为不予公开（或依申请公开）的政策性文件须先经政务公开办审查，请退回后重新送审",
			"a policy document decided as not public must pass the openness office first: return it for resubmission")
	}
	if a := d.Analyze(); a.Secrecy != nil && dec.Secrecy == "" {
		return msg.New(ErrRecordChanged,
			fmt.Sprintf("文件印有密级标志“%s”，但决定中没有密级：请退回核对", a.SecrecyText),
			fmt.Sprintf("the document prints the secrecy mark %s but the decision has none: return it", a.SecrecyText))
	}
	step.Decision = &dec
	return nil
}

// ProposalOf returns the decision a record carries, as a Proposal.
func ProposalOf(r *docx.Record) *Proposal {
	docType := r.DocType
	return &Proposal{Attribute: r.Attribute, Basis: r.Basis, Reason: r.Reason, Secrecy: r.Secrecy,
		Period: r.Period, PolicyDoc: r.PolicyDoc, Interpretation: r.Interpretation,
		Classifier: r.Classifier, SecrecyBasis: r.SecrecyBasis, Scope: r.Scope, DerivedFrom: r.DerivedFrom,
		DocType: &docType}
}

// subjectOf is what decides a checklist: the proposal and its document
// type — the one it signs, else (a proposal signed before types were) the
// record's.
func subjectOf(p *Proposal, r *docx.Record) CheckSubject {
	c := CheckSubject{P: p}
	switch {
	case p != nil && p.DocType != nil:
		c.DocType = *p.DocType
	case r != nil:
		c.DocType = r.DocType
	}
	return c
}

func decisionOf(p *Proposal) attr.Decision {
	return attr.Decision{Attribute: p.Attribute, Basis: p.Basis, Reason: p.Reason, Secrecy: p.Secrecy,
		Period: p.Period, PolicyDoc: p.PolicyDoc, Interpretation: p.Interpretation, DocType: p.Type()}
}

// mergeAnswers returns base with the items of over replaced or added.
func mergeAnswers(base, over []Answer) []Answer {
	out := append([]Answer(nil), base...)
	for _, o := range over {
		replaced := false
		for i := range out {
			if out[i].ID == o.ID {
				out[i], replaced = o, true
			}
		}
		if !replaced {
			out = append(out, o)
		}
	}
	return out
}

func anyFailed(answers []Answer) bool {
	for _, a := range answers {
		if !a.OK {
			return true
		}
	}
	return false
}
