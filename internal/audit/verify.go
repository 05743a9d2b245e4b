package audit

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// VerifyReport is the outcome of Verify.
type VerifyReport struct {
	OK       bool
	Events   int    // events checked
	Head     Head   // as recorded in meta (Time left zero)
	FirstBad uint64 // smallest seq with a problem; 0 when OK
	Problem  string // "中文 / English" description of the problem at FirstBad
	Problems int    // how many problems were found in all
}

func (r *VerifyReport) fail(seq uint64, zh, en string) {
	r.Problems++
	if r.OK || seq < r.FirstBad {
		r.OK, r.FirstBad, r.Problem = false, seq, zh+" / "+en
	}
}

// Verify checks the whole log in one read transaction: every record is
// canonical and hashes to its stored hash, seqs run 1..n without gaps or
// reordering, each PrevHash is the previous Hash (genesis for seq 1), the
// meta head is the last event, and the three indexes hold exactly the
// entries the events call for. A damaged log is reported in the
// VerifyReport, not as an error; the error is for failing to read at all.
//
// Verify cannot tell that events were cut off the end together with a
// rewritten meta head: that is what signed checkpoints are for.
func (l *Log) Verify() (VerifyReport, error) {
	r := VerifyReport{OK: true}
	err := l.db.View(func(tx *bolt.Tx) error {
		headSeq, headHash := readHead(tx)
		r.Head = Head{Seq: headSeq, Hash: fmt.Sprintf("%x", headHash)}
		for _, name := range [][]byte{bucketEvents, bucketMeta, bucketByDoc, bucketByDay, bucketByActor} {
			if tx.Bucket(name) == nil {
				if headSeq == 0 && tx.Bucket(bucketEvents) == nil {
					return nil // never written: an empty log
				}
				r.fail(1, fmt.Sprintf("缺少数据桶 %s", name), fmt.Sprintf("bucket %s is missing", name))
				return nil
			}
		}
		counts := map[string]int{}
		last, lastHash := verifyChain(tx, &r, counts)
		if r.OK && (last != headSeq || lastHash != headHash) {
			bad := min(last, headSeq) + 1
			r.fail(bad, fmt.Sprintf("日志头记录为第 %d 条，实际最后一条为第 %d 条", headSeq, last),
				fmt.Sprintf("meta head says event %d, the last event is %d", headSeq, last))
		}
		verifyIndexes(tx, &r, counts)
		return nil
	})
	if err != nil {
		return r, fmt.Errorf("verify %s: %w", l.path, err)
	}
	return r, nil
}

// verifyChain walks the events in key order and stops at the first broken
// link (everything after it is suspect anyway). It returns the last good seq
// and hash.
// counts receives the number of entries each index bucket should hold.
func verifyChain(tx *bolt.Tx, r *VerifyReport, counts map[string]int) (uint64, [32]byte) {
	var (
		want uint64 = 1
		prev [32]byte
	)
	c := tx.Bucket(bucketEvents).Cursor()
	cursors := map[string]*bolt.Cursor{}
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 8 {
			r.fail(want, fmt.Sprintf("第 %d 条附近有非法键 %x", want, k), fmt.Sprintf("invalid key %x near event %d", k, want))
			break
		}
		seq := binary.BigEndian.Uint64(k)
		if seq != want {
			r.fail(want, fmt.Sprintf("第 %d 条事件缺失（下一条为第 %d 条）", want, seq),
				fmt.Sprintf("event %d is missing (next is %d)", want, seq))
			break
		}
		e, err := decodeRecord(v)
		if err != nil {
			r.fail(seq, fmt.Sprintf("第 %d 条事件内容被改动（%v）", seq, err), fmt.Sprintf("event %d was altered (%v)", seq, err))
			break
		}
		if e.Seq != seq {
			r.fail(seq, fmt.Sprintf("第 %d 个位置存放的是第 %d 条事件（顺序被调换）", seq, e.Seq),
				fmt.Sprintf("position %d holds event %d (reordered)", seq, e.Seq))
			break
		}
		if e.PrevHash != fmt.Sprintf("%x", prev) {
			r.fail(seq, fmt.Sprintf("第 %d 条事件的前一哈希与第 %d 条不符（链条断开）", seq, seq-1),
				fmt.Sprintf("event %d does not link to event %d (broken chain)", seq, seq-1))
			break
		}
		for _, ix := range indexEntries(&e) {
			counts[string(ix.bucket)]++
			ic := cursors[string(ix.bucket)]
			if ic == nil {
				ic = tx.Bucket(ix.bucket).Cursor()
				cursors[string(ix.bucket)] = ic
			}
			if k, _ := ic.Seek(ix.key); !bytes.Equal(k, ix.key) {
				r.fail(seq, fmt.Sprintf("索引 %s 缺少第 %d 条事件", ix.bucket, seq),
					fmt.Sprintf("index %s lacks event %d", ix.bucket, seq))
			}
		}
		prev, _ = parseHash(e.Hash)
		r.Events++
		want++
	}
	return want - 1, prev
}

// verifyIndexes reports index entries that no event calls for: entries
// pointing at a missing event or at an event with another value. When the
// chain is intact, every expected entry was found and a bucket holds exactly
// as many keys as expected, it cannot hold an extra one (keys are unique),
// so the costly per-entry walk is skipped.
func verifyIndexes(tx *bolt.Tx, r *VerifyReport, counts map[string]int) {
	events := tx.Bucket(bucketEvents)
	for _, name := range [][]byte{bucketByDoc, bucketByDay, bucketByActor} {
		b := tx.Bucket(name)
		if r.OK && b.Stats().KeyN == counts[string(name)] {
			continue
		}
		c := b.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			value, seq, ok := parseIndexKey(k)
			if !ok {
				r.fail(1, fmt.Sprintf("索引 %s 有非法键 %x", name, k), fmt.Sprintf("index %s has an invalid key %x", name, k))
				continue
			}
			if !r.OK && seq >= r.FirstBad {
				continue // already reported something no later than this
			}
			rec := events.Get(seqKey(seq))
			e, err := decodeRecord(rec)
			if rec == nil || err != nil || !indexed(&e, name, value) {
				r.fail(seq, fmt.Sprintf("索引 %s 有多余条目 %q 指向第 %d 条事件", name, value, seq),
					fmt.Sprintf("index %s has an extra entry %q for event %d", name, value, seq))
			}
		}
	}
}

func indexed(e *Event, bucket, value []byte) bool {
	for _, ix := range indexEntries(e) {
		if bytes.Equal(ix.bucket, bucket) {
			v, _, _ := parseIndexKey(ix.key)
			return bytes.Equal(v, value)
		}
	}
	return false
}
