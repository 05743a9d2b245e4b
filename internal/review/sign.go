package review

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/docattr/docattr/internal/keys"
)

// GenesisPrev is the Prev of the first step.
var GenesisPrev = strings.Repeat("0", 64)

// canonical is what a step signs. The encoding is
//
//	format 0x00 JSON      (format: "docattr-trail-v2", or v1 for old trails)
//
// where JSON is encoding/json's output for this struct: no white space, the
// keys in the order below, every key present (null for an absent proposal
// or an empty checklist), < > & escaped as \u003c \u003e \u0026, invalid
// UTF-8 replaced by U+FFFD. under_review is the proposal in effect — the
// step's own on a submit, else the last submit's — so every review step is
// bound to exactly what was proposed, and doc_id binds it to the document.
// Inside a proposal, empty omitempty fields are left out: doc_type only when
// nil, so a proposal signed before types were keeps its bytes, while one
// that signs no type ("") says so.
//
// The chain hash of a step is hex SHA-256(message || raw signature bytes);
// the next step's Prev is that hash, so changing, removing or reordering any
// earlier step breaks every later one.
type canonical struct {
	Format        string    `json:"format"`
	DocID         string    `json:"doc_id"`
	Seq           int       `json:"seq"`
	Prev          string    `json:"prev"`
	Action        string    `json:"action"`
	Role          string    `json:"role"`
	Actor         string    `json:"actor"`
	OSUser        string    `json:"os_user"`
	Machine       string    `json:"machine"`
	Time          string    `json:"time"`
	Comment       string    `json:"comment"`
	Checklist     []Answer  `json:"checklist"`
	UnderReview   *Proposal `json:"under_review"`
	Decision      *Proposal `json:"decision"`
	ContentSHA256 string    `json:"content_sha256"`
	AuditHead     string    `json:"audit_head"`
	Version       string    `json:"version"`
	PublicKey     string    `json:"public_key"`
}

// message returns the bytes step i of t signs.
func message(t *Trail, i int) []byte {
	s := t.Steps[i]
	c := canonical{
		Format: t.Format, DocID: t.DocID, Seq: s.Seq, Prev: s.Prev, Action: s.Action, Role: s.Role,
		Actor: s.Actor, OSUser: s.OSUser, Machine: s.Machine, Time: s.Time, Comment: s.Comment,
		Checklist: s.Checklist, UnderReview: current(t.Steps[:i+1]), Decision: s.Decision,
		ContentSHA256: s.ContentSHA256, AuditHead: s.AuditHead, Version: s.Version, PublicKey: s.PublicKey,
	}
	if len(c.Checklist) == 0 {
		c.Checklist = nil // stored with omitempty: nil and [] read back alike
	}
	js, err := json.Marshal(c)
	if err != nil { // cannot happen: only strings, ints, bools
		panic(err)
	}
	return append([]byte(t.Format+"\x00"), js...)
}

// chainHash returns the chain hash of step i, or "" when its signature
// is not even well-formed base64.
func chainHash(t *Trail, i int) string {
	sig, err := keys.DecodeSignature(t.Steps[i].Signature)
	if err != nil {
		return ""
	}
	h := sha256.New()
	h.Write(message(t, i))
	h.Write(sig)
	return hex.EncodeToString(h.Sum(nil))
}

// StepHash returns the chain hash of step i (0-based), which the audit
// event of that step records as details["step_hash"].
func (t *Trail) StepHash(i int) string { return chainHash(t, i) }

// appendSigned links s to the end of t, signs it with key and appends it.
// s must have every field but Seq, Prev, PublicKey and Signature filled.
func (t *Trail) appendSigned(s Step, key *keys.Key) {
	s.Seq = len(t.Steps) + 1
	s.Prev = GenesisPrev
	if n := len(t.Steps); n > 0 {
		s.Prev = chainHash(t, n-1)
	}
	s.PublicKey = keys.EncodePublic(key.Public())
	s.Signature = ""
	t.Steps = append(t.Steps, s)
	i := len(t.Steps) - 1
	t.Steps[i].Signature = keys.EncodeSignature(key.Sign(message(t, i)))
}
