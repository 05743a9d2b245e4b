package audit

// The input index: idx_input maps the SHA-256 of an event's input file to
// the event, so that a mark of a draft that carries no docattr record finds
// the document id the same bytes were given before (internal/marker) with a
// seek instead of a read of every mark in the log.
//
// Logs written before the index existed lack it, and an older docattr that
// appends to a log does not keep it. meta "input_indexed" says through which
// seq the index is complete; every open for writing first indexes the
// events after it (in the same transaction that records how far it got), so
// the index is complete whenever the log is written. An open for reading
// only changes nothing: ByInput then answers ErrNoInputIndex and the caller
// reads the events instead, and Verify checks the index through
// input_indexed only.

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// ErrNoInputIndex is returned by ByInput when the log's input index does
// not cover every event: the log was written by an older docattr and has not
// been opened for writing since. Read the events instead.
var ErrNoInputIndex = errors.New("audit: the log has no complete input index")

// inputKey returns the index value of an input hash: its 32 bytes when it
// is 64 lower-case hex digits, as every hash docattr records is. Other
// texts are not indexed.
func inputKey(h string) (sum [32]byte, ok bool) {
	if !isHash([]byte(h)) {
		return sum, false
	}
	hex.Decode(sum[:], []byte(h))
	return sum, true
}

// inputIndexedThrough returns the seq through which idx_input is complete
// (0 when the log has no index).
func inputIndexedThrough(tx *bolt.Tx) uint64 {
	meta := tx.Bucket(bucketMeta)
	if meta == nil || tx.Bucket(bucketByInput) == nil {
		return 0
	}
	if v := meta.Get(keyInputIndexed); len(v) == 8 {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}

// inputsIndexed reports whether idx_input covers every event.
func inputsIndexed(tx *bolt.Tx) bool {
	head, _ := readHead(tx)
	return tx.Bucket(bucketByInput) != nil && inputIndexedThrough(tx) >= head
}

// indexInputs adds the events idx_input does not cover yet to it, in the
// caller's write transaction. An event whose record does not scan is left
// out: it was altered, and Verify names it.
//
// The keys are put in sorted order: bbolt splits nodes only when the
// transaction commits, so half a million keys put in hash order into one
// transaction insert into the middle of one ever larger node (minutes for a
// million-event log); in order they are appended, and the pages filled
// completely.
func indexInputs(tx *bolt.Tx) error {
	head, _ := readHead(tx)
	from := inputIndexedThrough(tx) + 1
	var keys [][inputKeyLen]byte
	c := tx.Bucket(bucketEvents).Cursor()
	for k, v := c.Seek(seqKey(from)); k != nil; k, v = c.Next() {
		if len(k) != 8 {
			continue
		}
		seq := binary.BigEndian.Uint64(k)
		if seq > head {
			break
		}
		rv, err := scanRecord(v)
		if err != nil {
			continue
		}
		sum, ok := inputKey(string(rv.str[fInputSHA256].of(v)))
		if !ok {
			continue
		}
		var key [inputKeyLen]byte
		appendSeq(append(key[:0], sum[:]...), seq)
		keys = append(keys, key)
	}
	slices.SortFunc(keys, func(a, b [inputKeyLen]byte) int { return bytes.Compare(a[:], b[:]) })
	b := tx.Bucket(bucketByInput)
	b.FillPercent = fillAppendOnly
	for i := range keys {
		if err := b.Put(keys[i][:], []byte{}); err != nil {
			return fmt.Errorf("index the input of event %d: %w", binary.BigEndian.Uint64(keys[i][inputKeyLen-8:]), err)
		}
	}
	return tx.Bucket(bucketMeta).Put(keyInputIndexed, seqKey(head))
}

// inputKeyLen is the length of an idx_input key: hash || 0x00 || seq.
const inputKeyLen = 32 + 1 + 8

// ByInput calls fn with each event whose InputSHA256 is sum, latest (by
// seq) first, until fn returns false, reading them through the input index
// in one read transaction (fn must not call Append). Each event is checked
// against its own hash; an altered one stops ByInput with ErrTampered. A
// sum that is not 64 lower-case hex digits, or a log whose index is not
// complete (see ErrNoInputIndex), gives ErrNoInputIndex.
func (l *Log) ByInput(sum string, fn func(Event) bool) error {
	key, ok := inputKey(sum)
	if !ok {
		return ErrNoInputIndex
	}
	return l.db.View(func(tx *bolt.Tx) error {
		if !inputsIndexed(tx) {
			return ErrNoInputIndex
		}
		prefix := append(key[:], 0)
		c := tx.Bucket(bucketByInput).Cursor()
		// The keys of sum are prefix || seq: start after the last of them.
		k, _ := c.Seek(append(key[:], 1))
		if k == nil {
			k, _ = c.Last()
		} else {
			k, _ = c.Prev()
		}
		for ; k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Prev() {
			if len(k) != len(prefix)+8 {
				continue
			}
			seq := binary.BigEndian.Uint64(k[len(prefix):])
			e, err := getEvent(tx, seq)
			if errors.Is(err, ErrNotFound) {
				return tampered(seq, fmt.Errorf("index idx_input names a missing event: %w", err))
			}
			if err != nil {
				return err
			}
			if e.InputSHA256 != sum {
				return tampered(e.Seq, fmt.Errorf("index idx_input names event %d for another input", e.Seq))
			}
			if !fn(e) {
				return nil
			}
		}
		return nil
	})
}
