package audit

import (
	"bytes"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/docattr/docattr/internal/keys"
)

// Record is one stored record as the log holds it: the canonical bytes are
// the source of truth (rebuilding a record from decoded fields would lose
// nothing today, but the bytes are what the hash covers).
type Record struct {
	Seq   uint64
	Bytes []byte // the caller's to keep
}

// Records returns up to max stored records after seq after, in seq order,
// read in one short read transaction: a caller that pushes the log
// elsewhere (internal/officedb) reads batch by batch without holding the
// log between batches. Records are returned as stored, undecoded; decode
// each with DecodeRecord. max <= 0 means 1000.
func (l *Log) Records(after uint64, max int) ([]Record, error) {
	if max <= 0 {
		max = 1000
	}
	var out []Record
	err := l.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEvents)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Seek(seqKey(after + 1)); k != nil && len(out) < max; k, v = c.Next() {
			seq := seqOf(k)
			out = append(out, Record{Seq: seq, Bytes: bytes.Clone(v)})
		}
		return nil
	})
	return out, err
}

func seqOf(k []byte) uint64 {
	var s uint64
	for _, c := range k {
		s = s<<8 | uint64(c)
	}
	return s
}

// DecodeRecord checks one canonical record on its own — it must be byte
// for byte the canonical encoding of what it holds and its hash must match
// its contents and prev_hash — and returns its event. It cannot check the
// link to the previous record: compare PrevHash with that record's Hash.
// Any error means the record is not an intact audit event.
func DecodeRecord(rec []byte) (Event, error) {
	return decodeRecord(rec)
}

// SignHead signs the current head of l with key, as WriteCheckpoint does,
// but writes no file and records no event: the statement travels on its
// own (internal/officedb stores one with every sync), and recording it
// would move the head it vouches for.
func SignHead(l *Log, key *keys.Key, now time.Time) (Checkpoint, error) {
	h, err := l.Head()
	if err != nil {
		return Checkpoint{}, err
	}
	c := Checkpoint{Format: CheckpointFormat, Seq: h.Seq, Hash: h.Hash, Time: now.UTC().Round(0),
		PublicKey: keys.EncodePublic(key.Public())}
	data, err := c.signed()
	if err != nil {
		return Checkpoint{}, err
	}
	c.Signature = keys.EncodeSignature(key.Sign(data))
	return c, nil
}

// Check verifies c's signature with the key it names (error kind
// ErrBadSignature). Whether that key is one the reader trusts is the
// caller's question.
func (c Checkpoint) Check() error { return c.check() }
