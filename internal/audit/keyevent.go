package audit

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/msg"
)

// TypeKey records that this installation's signing key is not the one the
// log knew: created while another existed, replaced by hand, or renewed.
// Details: "change" (KeyCreated, KeyReplaced or KeyRenewed),
// "key_fingerprint" and "public_key" of the new key, "previous_fingerprint"
// (and "previous_public_key" when known), "signature" by the new key and,
// when the old private key was readable, "previous_signature" by the old
// one, both over KeyChangeStatement.
const TypeKey = "key"

// Values of a key event's "change" detail.
const (
	KeyCreated  = "created"  // a new key was made while installation.pub named another
	KeyReplaced = "replaced" // the key on disk is not the one the log last recorded
	KeyRenewed  = "renewed"  // the key was replaced on purpose, signed by the old one
)

// KeyChangeFormat prefixes the statement key events sign.
const KeyChangeFormat = "docattr-key-change-v1"

// ErrUnknownSigner is the kind of error for a checkpoint signed by a key
// the reader does not trust.
var ErrUnknownSigner = errors.New("audit: checkpoint signed by an unknown key")

// KeyChangeStatement returns the bytes both keys of a change sign:
// "docattr-key-change-v1\x00" || previous fingerprint || 0x00 || new
// public key (32 raw bytes).
func KeyChangeStatement(previousFingerprint string, pub ed25519.PublicKey) []byte {
	b := append([]byte(KeyChangeFormat), 0)
	b = append(b, previousFingerprint...)
	b = append(b, 0)
	return append(b, pub...)
}

// RecordedKey returns the fingerprint of the installation key the log last
// vouched for — in a key event, a checkpoint event or a review event, the
// events this installation signs — and the event's seq; "" when the log
// names no key. It reads backwards from the head and stops at the first
// such event. Only records of those types are decoded: the type is read
// from the record's first bytes, where the canonical encoding puts it.
func (l *Log) RecordedKey() (fingerprint string, seq uint64, err error) {
	err = l.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketEvents).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			if !namesKey(recordType(v)) {
				continue
			}
			e, err := decodeRecord(v)
			if err != nil {
				return err
			}
			fp := e.Details["key_fingerprint"]
			if fp == "" && isReview(e.Type) {
				fp = e.Details["fingerprint"]
			}
			if fp != "" && (e.Type == TypeKey || e.Type == TypeCheckpoint || isReview(e.Type)) {
				fingerprint, seq = fp, e.Seq
				return nil
			}
		}
		return nil
	})
	return fingerprint, seq, err
}

// recordType returns the type of a canonical record without decoding it,
// or nil when it is not among the first bytes (seq, time and tz come first).
func recordType(rec []byte) []byte {
	head := rec[:min(len(rec), 160)]
	i := bytes.Index(head, []byte(`,"type":"`))
	if i < 0 {
		return nil
	}
	rest := head[i+len(`,"type":"`):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return nil
	}
	return rest[:j]
}

// namesKey reports whether events of type t carry this installation's key
// fingerprint.
func namesKey(t []byte) bool {
	switch string(t) {
	case TypeKey, TypeCheckpoint, TypeReviewSubmit, TypeReviewApprove, TypeReviewReturn, TypeReviewSign:
		return true
	}
	return false
}

func isReview(t string) bool {
	switch t {
	case TypeReviewSubmit, TypeReviewApprove, TypeReviewReturn, TypeReviewSign:
		return true
	}
	return false
}

// KeyNote is what NoteKey found.
type KeyNote struct {
	// Changed is set when the key is not the one the log or
	// installation.pub knew; Event is then the key event recorded (zero
	// for a read-only log).
	Changed  bool
	Previous string // fingerprint of the key before
	Event    Event
}

// Warning returns the bilingual warning for a changed key, or nil.
func (n KeyNote) Warning(current *keys.Key) *msg.Error {
	if !n.Changed {
		return nil
	}
	return msg.New(nil,
		fmt.Sprintf("本机签名密钥已更换：审计日志记录的密钥指纹为 %s，现在的为 %s。如非本人有意更换，密钥文件可能被替换，请报告保密管理人员", n.Previous, current.Fingerprint()),
		fmt.Sprintf("the installation key changed: the log recorded fingerprint %s, the key now is %s; if you did not renew it, the key files may have been replaced: report it", n.Previous, current.Fingerprint()))
}

// NoteKey compares the installation key k (as keys.Open returned it, with
// its origin) with the key the log last recorded and with the key
// installation.pub held, and when k is neither records a TypeKey event
// signed by k. A log that names no key and a key with no predecessor are
// the normal first run: nothing is recorded. On a read-only log the change
// is only reported.
func NoteKey(l *Log, k *keys.Key, origin keys.Origin) (KeyNote, error) {
	var note KeyNote
	recorded, _, err := l.RecordedKey()
	if err != nil {
		return note, err
	}
	fp := k.Fingerprint()
	change := ""
	switch {
	case recorded != "" && recorded != fp:
		note.Previous, change = recorded, KeyReplaced
	case recorded == "" && origin.Previous != nil:
		// The log vouched for no key yet; installation.pub remembers one.
		note.Previous, change = keys.Fingerprint(origin.Previous), KeyReplaced
	}
	if change == "" {
		return note, nil
	}
	if origin.Created {
		change = KeyCreated
	}
	note.Changed = true
	details := map[string]string{
		"change": change, "key_fingerprint": fp, "public_key": keys.EncodePublic(k.Public()),
		"previous_fingerprint": note.Previous,
		"signature":            keys.EncodeSignature(k.Sign(KeyChangeStatement(note.Previous, k.Public()))),
	}
	if origin.Previous != nil && keys.Fingerprint(origin.Previous) == note.Previous {
		details["previous_public_key"] = keys.EncodePublic(origin.Previous)
	}
	ev, err := l.appendKeyEvent(details)
	if errors.Is(err, ErrReadOnly) {
		return note, nil
	}
	note.Event = ev
	return note, err
}

// RenewKey replaces the installation key in dir on purpose: the new key is
// prepared, a KeyRenewed event signed by both the old and the new key is
// committed, and only then the new key replaces the old one on disk, so no
// key signs anything the log does not know about. The old key must be
// readable.
func RenewKey(l *Log, dir string) (*keys.Key, Event, error) {
	old, err := keys.Load(dir)
	if err != nil {
		return nil, Event{}, msg.Newf(nil, err, "无法读取现有的本机密钥，不能更换", "cannot read the current installation key to renew it")
	}
	next, err := keys.Prepare(dir)
	if err != nil {
		return nil, Event{}, err
	}
	defer next.Abort()
	k := next.Key()
	prev := old.Fingerprint()
	statement := KeyChangeStatement(prev, k.Public())
	ev, err := l.appendKeyEvent(map[string]string{
		"change": KeyRenewed, "key_fingerprint": k.Fingerprint(), "public_key": keys.EncodePublic(k.Public()),
		"previous_fingerprint": prev, "previous_public_key": keys.EncodePublic(old.Public()),
		"signature":          keys.EncodeSignature(k.Sign(statement)),
		"previous_signature": keys.EncodeSignature(old.Sign(statement)),
	})
	if err != nil {
		return nil, Event{}, err
	}
	if err := next.Install(); err != nil {
		return nil, ev, err
	}
	return k, ev, nil
}

func (l *Log) appendKeyEvent(details map[string]string) (Event, error) {
	evs, err := l.Append(Event{Type: TypeKey, Actor: l.actor, Details: details})
	if err != nil {
		return Event{}, err
	}
	return evs[0], nil
}
