package review

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/msg"
)

// SigStatus is what a step's signature says about who made it.
type SigStatus string

// Signature statuses. Only SigInvalid means the step itself is forged or
// edited; SigUnknown means it is intact but nobody vouched for the key.
const (
	SigSelf         SigStatus = "self"          // valid, this installation's key
	SigKnown        SigStatus = "known"         // valid, key in the keyring under the step's actor name
	SigUnknown      SigStatus = "unknown_key"   // valid, key not in the keyring
	SigNameMismatch SigStatus = "name_mismatch" // valid, but the keyring knows the key under another name
	SigInvalid      SigStatus = "invalid"       // the signature does not verify
)

// StepCheck is the verdict on one step.
type StepCheck struct {
	Seq         int
	Status      SigStatus
	KnownAs     string // the keyring's name for the key, if any
	Fingerprint string // of the step's public key; "" when unreadable
}

// Verified reports whether the signature is valid and the key's name
// agrees with the step (self, known or unknown key).
func (c StepCheck) Verified() bool {
	return c.Status == SigSelf || c.Status == SigKnown || c.Status == SigUnknown
}

// Text describes the signature for people.
func (c StepCheck) Text() (zh, en string) {
	switch c.Status {
	case SigSelf:
		return "签名有效，本机密钥", "valid signature, this installation's key"
	case SigKnown:
		return "签名有效，已知同事 " + c.KnownAs, "valid signature, known colleague " + c.KnownAs
	case SigUnknown:
		return "签名有效，但公钥不在密钥环中（指纹 " + c.Fingerprint + "）",
			"valid signature, but the key is not in the keyring (fingerprint " + c.Fingerprint + ")"
	case SigNameMismatch:
		return "签名有效，但此公钥在密钥环中登记为 " + c.KnownAs + "，与署名不符",
			"valid signature, but the keyring registers this key as " + c.KnownAs + ", not the named actor"
	}
	return "签名无效", "INVALID signature"
}

// Report is the verdict on a whole trail. Problems make the trail
// untrusted; Warnings (unknown keys) do not.
type Report struct {
	Steps    []StepCheck
	Problems []error // *msg.Error values of kind ErrTrailTampered or ErrDocIDMismatch
	Warnings []error // *msg.Error values of kind ErrUnknownKey
	State    State   // the state the steps claim; meaningful only when Trusted
}

// Trusted reports whether every signature verified and the chain and the
// order of the steps are intact.
func (r Report) Trusted() bool { return len(r.Problems) == 0 }

// Err returns nil for a trusted trail, else one *msg.Error of kind
// ErrTrailTampered listing every problem.
func (r Report) Err() error {
	if r.Trusted() {
		return nil
	}
	var zh, en []string
	for _, p := range r.Problems {
		zh, en = append(zh, msg.Zh(p)), append(en, msg.En(p))
	}
	return &msg.Error{Kind: ErrTrailTampered,
		Zh:  "审查记录被改动或签名无效，不予采信：" + strings.Join(zh, "；"),
		En:  "the review trail was edited or a signature is invalid; it is not trusted: " + strings.Join(en, "; "),
		Err: errors.Join(r.Problems...)}
}

// Verify checks every signature, the chain links, the document id (when
// docID is not empty) and that the steps form a legal sequence of the state
// machine, including the rule that nobody reviews their own proposal. kr may
// be nil; self is this installation's public key (may be nil).
func Verify(t *Trail, docID string, kr *Keyring, self ed25519.PublicKey) Report {
	var r Report
	problem := func(seq int, zh, en string) {
		if seq > 0 {
			zh, en = fmt.Sprintf("第 %d 步：%s", seq, zh), fmt.Sprintf("step %d: %s", seq, en)
		}
		r.Problems = append(r.Problems, msg.New(ErrTrailTampered, zh, en))
	}
	if docID != "" && t.DocID != docID {
		r.Problems = append(r.Problems, msg.New(ErrDocIDMismatch,
			fmt.Sprintf("审查记录属于另一份文件（%s，本文件为 %s）", t.DocID, docID),
			fmt.Sprintf("the trail belongs to another document (%s, this one is %s)", t.DocID, docID)))
	}
	st := StateDrafted
	prev := GenesisPrev
	for i := range t.Steps {
		s := &t.Steps[i]
		c := checkSignature(t, i, kr, self)
		r.Steps = append(r.Steps, c)
		n := i + 1
		switch c.Status {
		case SigInvalid:
			problem(n, "签名无效（内容被改动或签名伪造）", "invalid signature (edited or forged)")
		case SigNameMismatch:
			problem(n, fmt.Sprintf("署名 %s，但公钥属于 %s", s.Actor, c.KnownAs), fmt.Sprintf("signed as %s with the key of %s", s.Actor, c.KnownAs))
		case SigUnknown:
			r.Warnings = append(r.Warnings, msg.New(ErrUnknownKey,
				fmt.Sprintf("第 %d 步（%s）的公钥不在密钥环中，指纹 %s，请向本人核实", n, s.Actor, c.Fingerprint),
				fmt.Sprintf("step %d (%s): key not in the keyring, fingerprint %s; confirm with the person", n, s.Actor, c.Fingerprint)))
		}
		if s.Seq != n {
			problem(n, fmt.Sprintf("序号为 %d", s.Seq), fmt.Sprintf("numbered %d", s.Seq))
		}
		if s.Prev != prev {
			problem(n, "与上一步的链接断开（有步骤被删除、插入或改动）", "chain link broken (a step was removed, inserted or edited)")
		}
		prev = chainHash(t, i)
		if _, err := time.Parse(time.RFC3339, s.Time); err != nil {
			problem(n, "时间格式无效", "invalid time")
		}
		if zh, en := shapeProblem(s); zh != "" {
			problem(n, zh, en)
		}
		if s.Action != ActionSubmit {
			if sub := lastSubmit(t.Steps[:i]); sub != nil && sameParty(*sub, *s) {
				problem(n, "送审人审查了自己的送审", "the proposer reviewed their own proposal")
			}
		}
		next, err := transition(st, s.Action, s.Role, current(t.Steps[:i+1]), false)
		if err != nil {
			problem(n, "步骤顺序不合法（"+msg.Zh(err)+"）", "illegal step ("+msg.En(err)+")")
		}
		st = next
	}
	r.State = st
	return r
}

// shapeProblem checks which fields a step of its action must (not) carry.
func shapeProblem(s *Step) (zh, en string) {
	switch {
	case s.Action == ActionSubmit && (s.Proposal == nil || s.Proposal.Attribute == ""):
		return "送审步骤缺少拟定的公开属性", "submit step without a proposal"
	case s.Action != ActionSubmit && s.Proposal != nil:
		return "非送审步骤带有拟定属性", "proposal on a step that is not a submit"
	case s.Action == ActionSign && (s.Decision == nil || s.Decision.Attribute == ""):
		return "签发步骤缺少签发决定", "sign step without a decision"
	case s.Action != ActionSign && s.Decision != nil:
		return "非签发步骤带有签发决定", "decision on a step that is not a sign"
	case strings.TrimSpace(s.Actor) == "":
		return "缺少署名", "no actor name"
	}
	return "", ""
}

func checkSignature(t *Trail, i int, kr *Keyring, self ed25519.PublicKey) StepCheck {
	s := t.Steps[i]
	c := StepCheck{Seq: s.Seq, Status: SigInvalid}
	pub, err := keys.DecodePublic(s.PublicKey)
	if err != nil {
		return c
	}
	c.Fingerprint = keys.Fingerprint(pub)
	sig, err := keys.DecodeSignature(s.Signature)
	if err != nil || !keys.Verify(pub, message(t, i), sig) {
		return c
	}
	name, known := kr.Lookup(pub)
	c.KnownAs = name
	switch {
	case known && !sameName(name, s.Actor):
		c.Status = SigNameMismatch
	case self != nil && bytes.Equal(pub, self):
		c.Status = SigSelf
	case known:
		c.Status = SigKnown
	default:
		c.Status = SigUnknown
	}
	return c
}

// lastSubmit returns the last submit among steps, or nil.
func lastSubmit(steps []Step) *Step {
	for i := len(steps) - 1; i >= 0; i-- {
		if steps[i].Action == ActionSubmit {
			return &steps[i]
		}
	}
	return nil
}

// sameParty reports whether two steps were made by the same person: the
// same installation key or the same actor name.
func sameParty(a, b Step) bool {
	return strings.TrimSpace(a.PublicKey) == strings.TrimSpace(b.PublicKey) || sameName(a.Actor, b.Actor)
}

func sameName(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	return a != "" && strings.EqualFold(a, b)
}
