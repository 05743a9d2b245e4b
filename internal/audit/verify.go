package audit

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/maphash"

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
// meta head is the last event, and the indexes hold exactly the entries
// the events call for (idx_input those of the events it covers so far:
// inputindex.go). A damaged log is reported in the
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
		sums := newIndexSums()
		sums.inputsThrough = inputIndexedThrough(tx)
		last, lastHash := verifyChain(tx, &r, sums)
		if r.OK && (last != headSeq || lastHash != headHash) {
			bad := min(last, headSeq) + 1
			r.fail(bad, fmt.Sprintf("日志头记录为第 %d 条，实际最后一条为第 %d 条", headSeq, last),
				fmt.Sprintf("meta head says event %d, the last event is %d", headSeq, last))
		}
		verifyIndexes(tx, &r, last, sums)
		return nil
	})
	if err != nil {
		return r, fmt.Errorf("verify %s: %w", l.path, err)
	}
	return r, nil
}

// verifyChain walks the events in key order and stops at the first broken
// link (everything after it is suspect anyway). It returns the last good seq
// and hash. Records are checked on their stored bytes (scanRecord): no
// Event is built. sums receives the fingerprints of the index keys the
// good events call for.
func verifyChain(tx *bolt.Tx, r *VerifyReport, sums *indexSums) (uint64, [32]byte) {
	var (
		want    uint64 = 1
		prev    [32]byte
		prevHex = []byte(GenesisHash)
		buf     []byte
	)
	c := tx.Bucket(bucketEvents).Cursor()
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
		rv, err := scanRecord(v)
		var sum [32]byte
		if err == nil {
			// A record is first checked against its own prev_hash, the link
			// after: an edit and a broken link are told apart.
			own := prev
			if !bytes.Equal(rv.prevHashHex(v), prevHex) {
				hex.Decode(own[:], rv.prevHashHex(v)) // scanRecord checked the digits
			}
			sum, err = rv.checkHash(v, own)
		}
		if err != nil {
			r.fail(seq, fmt.Sprintf("第 %d 条事件内容被改动（%v）", seq, err), fmt.Sprintf("event %d was altered (%v)", seq, err))
			break
		}
		if rv.seq != seq {
			r.fail(seq, fmt.Sprintf("第 %d 个位置存放的是第 %d 条事件（顺序被调换）", seq, rv.seq),
				fmt.Sprintf("position %d holds event %d (reordered)", seq, rv.seq))
			break
		}
		if !bytes.Equal(rv.prevHashHex(v), prevHex) {
			r.fail(seq, fmt.Sprintf("第 %d 条事件的前一哈希与第 %d 条不符（链条断开）", seq, seq-1),
				fmt.Sprintf("event %d does not link to event %d (broken chain)", seq, seq-1))
			break
		}
		e := rv.indexed(v)
		buf = forIndexKeys(&e, buf, func(i int, key []byte) {
			if sums.wants(i, e.Seq) {
				sums.add(i, key)
			}
		})
		prev, prevHex = sum, rv.hashHex(v)
		r.Events++
		want++
	}
	return want - 1, prev
}

// verifyIndexes compares each index bucket with the keys the events 1..last
// call for. A bucket whose keys fingerprint alike (indexSums) holds exactly
// those keys; any other is walked event by event to name the entries it
// lacks, and key by key to name the ones it has too many: entries pointing
// at a missing event or at an event with another value.
func verifyIndexes(tx *bolt.Tx, r *VerifyReport, last uint64, want *indexSums) {
	var have [len(indexBuckets)]indexSum
	var differ [len(indexBuckets)]bool
	anyDiffer := false
	for i, name := range indexBuckets {
		if tx.Bucket(name) == nil { // only idx_input may be missing (see the top of Verify)
			if want.inputsThrough > 0 {
				r.fail(1, fmt.Sprintf("缺少数据桶 %s", name), fmt.Sprintf("bucket %s is missing", name))
			}
			continue
		}
		c := tx.Bucket(name).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			have[i].add(want.seeds, k)
		}
		differ[i] = have[i] != want.sum[i]
		anyDiffer = anyDiffer || differ[i]
	}
	if !anyDiffer {
		return
	}
	findMissing(tx, r, last, differ, want)
	events := tx.Bucket(bucketEvents)
	for _, i := range [...]int{1, 0, 2, inputBucket} { // doc, day, actor: the order reports always had
		name := indexBuckets[i]
		if !differ[i] || r.OK && have[i].n == want.sum[i].n || tx.Bucket(name) == nil {
			continue
		}
		c := tx.Bucket(name).Cursor()
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
			if rec == nil || err != nil || !indexed(&e, name, value) || !want.wants(i, seq) {
				r.fail(seq, fmt.Sprintf("索引 %s 有多余条目 %q 指向第 %d 条事件", name, value, seq),
					fmt.Sprintf("index %s has an extra entry %q for event %d", name, value, seq))
			}
		}
	}
}

// findMissing reports, for the buckets marked in differ, the entries events
// 1..last call for that are not there (those events verified already).
func findMissing(tx *bolt.Tx, r *VerifyReport, last uint64, differ [len(indexBuckets)]bool, want *indexSums) {
	var cursors [len(indexBuckets)]*bolt.Cursor
	for i, name := range indexBuckets {
		if b := tx.Bucket(name); b != nil {
			cursors[i] = b.Cursor()
		} else {
			differ[i] = false // reported missing as a whole
		}
	}
	events := tx.Bucket(bucketEvents)
	var buf []byte
	for seq := uint64(1); seq <= last; seq++ {
		rec := events.Get(seqKey(seq))
		rv, err := scanRecord(rec)
		if err != nil {
			continue // cannot happen: verifyChain checked it
		}
		e := rv.indexed(rec)
		buf = forIndexKeys(&e, buf, func(i int, key []byte) {
			if !differ[i] || !want.wants(i, e.Seq) {
				return
			}
			if k, _ := cursors[i].Seek(key); !bytes.Equal(k, key) {
				r.fail(seq, fmt.Sprintf("索引 %s 缺少第 %d 条事件", indexBuckets[i], seq),
					fmt.Sprintf("index %s lacks event %d", indexBuckets[i], seq))
			}
		})
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

// indexSum fingerprints a set of index keys: how many, and two sums of
// 64-bit hashes under seeds chosen afresh for every Verify, so that no key
// set stored in a file can be made to collide with another on purpose, and
// two different sets collide by chance with a probability near 2⁻¹²⁸.
type indexSum struct {
	n    int
	a, b uint64
}

func (s *indexSum) add(seeds [2]maphash.Seed, key []byte) {
	s.n++
	s.a += maphash.Bytes(seeds[0], key)
	s.b += maphash.Bytes(seeds[1], key)
}

// indexSums are the fingerprints of what each index bucket should hold.
type indexSums struct {
	seeds [2]maphash.Seed
	sum   [len(indexBuckets)]indexSum
	// inputsThrough is the seq through which idx_input indexes the log
	// (meta input_indexed): later events are not in it yet.
	inputsThrough uint64
}

// wants reports whether index i should hold the keys of event seq.
func (s *indexSums) wants(i int, seq uint64) bool {
	return i != inputBucket || seq <= s.inputsThrough
}

func newIndexSums() *indexSums {
	return &indexSums{seeds: [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}}
}

func (s *indexSums) add(i int, key []byte) { s.sum[i].add(s.seeds, key) }
