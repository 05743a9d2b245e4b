package review

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/msg"
)

// SigStatus is what a step's signature says about who made it.
type SigStatus string

// Signature statuses. Only SigSelf and SigKnown are trusted: a valid
// signature by a key nobody vouched for under that name proves nothing
// about who acted.
const (
	SigSelf         SigStatus = "self"          // valid, this installation's key
	SigKnown        SigStatus = "known"         // valid, key in the keyring under the step's actor name
	SigUnknown      SigStatus = "unknown_key"   // valid, key not in the keyring, name not either
	SigNameMismatch SigStatus = "name_mismatch" // valid, but the keyring knows the key under another name
	SigNameTaken    SigStatus = "name_taken"    // valid, but the keyring holds another key for the actor's name
	SigInvalid      SigStatus = "invalid"       // the signature does not verify
)

// StepCheck is the verdict on one step's signature.
type StepCheck struct {
	Seq         int
	Status      SigStatus
	KnownAs     string // the keyring's name for the key, if any
	Fingerprint string // of the step's public key; "" when unreadable
}

// Verified reports whether the step is trusted: the signature is valid and
// the key is this installation's or the keyring's key for the actor.
func (c StepCheck) Verified() bool { return c.Status == SigSelf || c.Status == SigKnown }

// Text describes the signature for people.
func (c StepCheck) Text() (zh, en string) {
	switch c.Status {
	case SigSelf:
		return "签名有效，本机密钥", "valid signature, this installation's key"
	case SigKnown:
		return "签名有效，已知同事 " + c.KnownAs, "valid signature, known colleague " + c.KnownAs
	case SigUnknown:
		return "签名人无法确认：公钥不在密钥环中（指纹 " + c.Fingerprint + "）",
			"signer not confirmed: the key is not in the keyring (fingerprint " + c.Fingerprint + ")"
	case SigNameMismatch:
		return "冒名：此公钥在密钥环中登记为 " + c.KnownAs + "，与署名不符",
			"impersonation: the keyring registers this key as " + c.KnownAs + ", not the named actor"
	case SigNameTaken:
		return "冒名：密钥环中署名人登记的是另一把公钥（本步指纹 " + c.Fingerprint + "）",
			"impersonation: the keyring holds another key for the named actor (this key " + c.Fingerprint + ")"
	}
	return "签名无效", "INVALID signature"
}

// Report is the verdict on a trail. Any problem makes it untrusted.
type Report struct {
	Steps    []StepCheck
	Problems []error // *msg.Error values; kinds ErrTrailTampered, ErrUnknownKey, ErrDocIDMismatch, ErrLegacyTrail, ErrContentChanged, ErrRecordChanged
	State    State   // the state the steps claim; meaningful only when Trusted
}

// Trusted reports whether nothing is wrong with the trail.
func (r Report) Trusted() bool { return len(r.Problems) == 0 }

// Err returns nil for a trusted trail, else one *msg.Error listing every
// problem; errors.Is finds ErrTrailTampered and each problem's own kind.
func (r Report) Err() error {
	if r.Trusted() {
		return nil
	}
	var zh, en []string
	for _, p := range r.Problems {
		zh, en = append(zh, msg.Zh(p)), append(en, msg.En(p))
	}
	// The problems go in Kind, not Err, so errors.Is finds each of them
	// while the message lists them once.
	return &msg.Error{Kind: errors.Join(append([]error{ErrTrailTampered}, r.Problems...)...),
		Zh: "审查记录不可信，不予采信：" + strings.Join(zh, "；"),
		En: "the review trail is not trusted: " + strings.Join(en, "; ")}
}

// Subject is the file a trail is verified against: its record (nil when
// it has none) and its content digest (docx.ContentDigest).
type Subject struct {
	Record  *docx.Record
	Content string
}

// SubjectOf reads the subject of an open document. The error is the
// digest's: a part that cannot be read.
func SubjectOf(d *docx.Document) (Subject, error) {
	c, err := d.ContentDigest()
	return Subject{Record: d.Record(), Content: c}, err
}

// VerifyDocument verifies the trail t that the file sub carries:
// everything Verify checks, and that the trail belongs to this very file —
// the last step signed its content digest and its record holds what was
// proposed or decided — unless the document was returned to its drafter,
// who may then change both.
func VerifyDocument(t *Trail, sub Subject, kr *Keyring, self ed25519.PublicKey) Report {
	docID := t.DocID
	if sub.Record != nil {
		docID = sub.Record.DocID
	}
	r := Verify(t, docID, kr, self)
	n := len(t.Steps)
	if n == 0 || t.Format != FormatV2 || t.Steps[n-1].Action == ActionReturn {
		return r
	}
	last := t.Steps[n-1]
	if last.ContentSHA256 != sub.Content {
		r.Problems = append(r.Problems, msg.New(ErrContentChanged,
			fmt.Sprintf("文件内容与第 %d 步签署的内容不符：内容在签署之后被改动，或审查记录是从另一份文件复制来的", n),
			fmt.Sprintf("the file's content is not what step %d signed: changed after signing, or the trail was copied from another document", n)))
	}
	want := current(t.Steps)
	if last.Decision != nil {
		want = last.Decision
	}
	if sub.Record == nil || (want != nil && !recorded(sub.Record, want)) {
		r.Problems = append(r.Problems, msg.New(ErrRecordChanged,
			"文件中的公开属性记录与审查记录不一致（在最后一步之后被改动）",
			"the attribute record differs from the review trail (changed after the last step)"))
	}
	return r
}

// recorded reports whether the record holds what want proposes or decides;
// the type is compared only when want signs one.
func recorded(r *docx.Record, want *Proposal) bool {
	got := ProposalOf(r)
	if want.DocType == nil {
		got.DocType = nil
	}
	return got.Same(*want)
}

// Verify checks the trail alone: every signature and whose key made it,
// the chain links, the document id (when docID is not empty), the format,
// and that the steps form a legal sequence of the state machine, including
// the rule that nobody reviews their own proposal. kr may be nil; self is
// this installation's public key (may be nil). A file's trail is checked
// with VerifyDocument, which also binds it to the file.
func Verify(t *Trail, docID string, kr *Keyring, self ed25519.PublicKey) Report {
	var r Report
	problem := func(kind error, seq int, zh, en string) {
		if seq > 0 {
			zh, en = fmt.Sprintf("第 %d 步：%s", seq, zh), fmt.Sprintf("step %d: %s", seq, en)
		}
		r.Problems = append(r.Problems, msg.New(kind, zh, en))
	}
	if t.Format == FormatV1 {
		problem(ErrLegacyTrail, 0, "审查记录为旧格式（v1），签名只覆盖正文 document.xml，不能证明页眉、页脚、嵌入内容等未被改动；请退回拟稿人重新送审",
			"the trail is in the old format (v1): its signatures cover word/document.xml only and cannot prove headers, footers or embedded content; return it for resubmission")
	}
	if docID != "" && t.DocID != docID {
		problem(ErrDocIDMismatch, 0, fmt.Sprintf("审查记录属于另一份文件（%s，本文件为 %s）", t.DocID, docID),
			fmt.Sprintf("the trail belongs to another document (%s, this one is %s)", t.DocID, docID))
	}
	st := StateDrafted
	prev := GenesisPrev
	keyNames := map[string]Step{} // public key → first step signed with it
	for i := range t.Steps {
		s := &t.Steps[i]
		c := checkSignature(t, i, kr, self)
		r.Steps = append(r.Steps, c)
		n := i + 1
		if zh, en := trustProblem(c, s); zh != "" {
			kind := ErrTrailTampered
			if c.Status == SigUnknown {
				kind = ErrUnknownKey
			}
			problem(kind, n, zh, en)
		}
		if c.Status != SigInvalid {
			if first, seen := keyNames[s.PublicKey]; seen && !sameName(first.Actor, s.Actor) {
				problem(ErrTrailTampered, n, fmt.Sprintf("同一把密钥（指纹 %s）在第 %d 步署名 %s，本步署名 %s：一人冒充多人", c.Fingerprint, first.Seq, first.Actor, s.Actor),
					fmt.Sprintf("one key (fingerprint %s) signed as %s in step %d and as %s here", c.Fingerprint, first.Actor, first.Seq, s.Actor))
			} else if !seen {
				keyNames[s.PublicKey] = *s
			}
		}
		if s.Seq != n {
			problem(ErrTrailTampered, n, fmt.Sprintf("序号为 %d", s.Seq), fmt.Sprintf("numbered %d", s.Seq))
		}
		if s.Prev != prev {
			problem(ErrTrailTampered, n, "与上一步的链接断开（有步骤被删除、插入或改动）", "chain link broken (a step was removed, inserted or edited)")
		}
		prev = chainHash(t, i)
		if _, err := time.Parse(time.RFC3339, s.Time); err != nil {
			problem(ErrTrailTampered, n, "时间格式无效", "invalid time")
		}
		if zh, en := shapeProblem(s); zh != "" {
			problem(ErrTrailTampered, n, zh, en)
		}
		if t.Format == FormatV2 && i > 0 && (s.Action == ActionApprove || s.Action == ActionReturn) &&
			s.ContentSHA256 != t.Steps[i-1].ContentSHA256 {
			problem(ErrTrailTampered, n, "审查步骤签署的内容与上一步不同（审查人不改动文件内容）",
				"a review step signed other content than the step before (reviewers do not change content)")
		}
		if s.Action != ActionSubmit {
			if sub := lastSubmit(t.Steps[:i]); sub != nil && sameParty(*sub, *s) {
				problem(ErrTrailTampered, n, "送审人审查了自己的送审", "the proposer reviewed their own proposal")
			}
		}
		if i == 0 && s.Action == ActionReturn {
			// a fresh trail: an untrusted document returned to its drafter
			if err := checkActionRole(s.Action, s.Role); err != nil {
				problem(ErrTrailTampered, n, "步骤顺序不合法（"+msg.Zh(err)+"）", "illegal step ("+msg.En(err)+")")
			}
			st = StateReturned
			continue
		}
		p := current(t.Steps[:i+1])
		next, err := transition(st, s.Action, s.Role, CheckSubject{P: p, DocType: p.Type()}, Route{})
		if err != nil {
			problem(ErrTrailTampered, n, "步骤顺序不合法（"+msg.Zh(err)+"）", "illegal step ("+msg.En(err)+")")
		}
		st = next
	}
	r.State = st
	return r
}

// trustProblem says why a step's signature does not count, or "".
func trustProblem(c StepCheck, s *Step) (zh, en string) {
	switch c.Status {
	case SigInvalid:
		return "签名无效（内容被改动或签名伪造）", "invalid signature (edited or forged)"
	case SigNameMismatch:
		return fmt.Sprintf("署名 %s，但公钥属于 %s（冒名）", s.Actor, c.KnownAs), fmt.Sprintf("signed as %s with the key of %s (impersonation)", s.Actor, c.KnownAs)
	case SigNameTaken:
		return fmt.Sprintf("署名 %s，但密钥环中 %s 的公钥是另一把（本步指纹 %s，冒名）", s.Actor, s.Actor, c.Fingerprint),
			fmt.Sprintf("signed as %s, but the keyring holds another key for %s (this key %s: impersonation)", s.Actor, s.Actor, c.Fingerprint)
	case SigUnknown:
		return fmt.Sprintf("%s 的公钥不在密钥环中（指纹 %s），无法确认签名人；请与本人核对指纹后加入密钥环（review keyring add）", s.Actor, c.Fingerprint),
			fmt.Sprintf("the key of %s is not in the keyring (fingerprint %s), so the signer is not confirmed; check the fingerprint with the person and add it (review keyring add)", s.Actor, c.Fingerprint)
	}
	return "", ""
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

// checkSignature verifies step i's signature and decides whose it is. The
// keyring is asked first, so even this installation's key is refused in the
// name of a colleague the keyring knows by another key.
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
	registered, named := kr.KeyOf(s.Actor)
	switch {
	case known && !sameName(name, s.Actor):
		c.Status = SigNameMismatch
	case known:
		c.Status = SigKnown
	case named && !bytes.Equal(registered, pub):
		c.Status = SigNameTaken
	case self != nil && bytes.Equal(pub, self):
		c.Status = SigSelf
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
