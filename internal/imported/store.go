package imported

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/msg"
)

// Result tells what an import did.
type Result struct {
	Source     Source // the source after the import
	Added      int    // events stored now
	Duplicates int    // events the store already held, byte for byte
	FirstNew   uint64 // seq range of the added events; 0 when none
	LastNew    uint64
}

// Import stores the events of x under x.Source in one transaction. Before
// the transaction commits, before (if not nil) is called with the result;
// an error from it aborts the import. The CLI records the import in the
// local audit log there, so that no imported event exists without the
// local event recording its import. Records already held are skipped; any
// conflict refuses the whole export with ErrConflict.
func (s *Store) Import(x *Export, before func(Result) error) (Result, error) {
	var res Result
	err := s.db.Update(func(tx *bolt.Tx) error {
		src, err := loadSource(tx, x.Source)
		if err != nil {
			return err
		}
		if src.Fingerprint != "" && x.Fingerprint != "" && src.Fingerprint != x.Fingerprint {
			return conflict(fmt.Sprintf("来源 %s 已登记的密钥指纹为 %s，本导出文件的为 %s", x.Source, src.Fingerprint, x.Fingerprint),
				fmt.Sprintf("source %s is registered with key %s, this export has %s", x.Source, src.Fingerprint, x.Fingerprint))
		}
		evb, err := tx.Bucket(bucketEvents).CreateBucketIfNotExists([]byte(x.Source))
		if err != nil {
			return err
		}
		hashes := tx.Bucket(bucketHashes)
		for i, rec := range x.Records {
			e := &x.Events[i]
			added, err := putRecord(evb, hashes, x.Source, e, rec)
			if err != nil {
				return err
			}
			if !added {
				res.Duplicates++
				continue
			}
			res.Added++
			if res.FirstNew == 0 {
				res.FirstNew = e.Seq
			}
			res.LastNew = e.Seq
			src.Events++
			if src.FirstSeq == 0 || e.Seq < src.FirstSeq {
				src.FirstSeq = e.Seq
			}
			src.LastSeq = max(src.LastSeq, e.Seq)
			if e.Seq == 1 {
				src.ChainID = e.Hash
			}
		}
		if src.Fingerprint == "" {
			src.Fingerprint = x.Fingerprint
		}
		if res.Added > 0 {
			src.Imports++
			src.LastImport = time.Now().UTC().Round(0)
			src.LastFile, src.LastSHA256 = filepath.Base(x.Path), x.SHA256
		}
		res.Source = src
		if res.Added == 0 {
			return nil // nothing to write, nothing to record
		}
		if err := saveSource(tx, src); err != nil {
			return err
		}
		if before != nil {
			return before(res)
		}
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// putRecord stores one record unless the source already holds it; a
// different record at the same seq, a broken link to a stored neighbour or
// the same event under another source is a conflict.
func putRecord(evb, hashes *bolt.Bucket, source string, e *audit.Event, rec []byte) (bool, error) {
	key := seqKey(e.Seq)
	if old := evb.Get(key); old != nil {
		if bytes.Equal(old, rec) {
			return false, nil
		}
		return false, conflict(fmt.Sprintf("来源 %s 的第 %d 条事件与已导入的不同（日志被改写，或来源名称用错）", source, e.Seq),
			fmt.Sprintf("event %d of source %s differs from the one already imported (log rewritten, or wrong source name)", e.Seq, source))
	}
	raw, err := hex.DecodeString(e.Hash)
	if err != nil {
		return false, msg.Newf(audit.ErrTampered, err, "事件哈希无效", "invalid event hash")
	}
	if owner := hashes.Get(raw); owner != nil {
		return false, conflict(fmt.Sprintf("第 %d 条事件已作为来源 %s 导入，不能再作为 %s 导入", e.Seq, owner, source),
			fmt.Sprintf("event %d was already imported as source %s, not importing it again as %s", e.Seq, owner, source))
	}
	if e.Seq > 1 {
		if prev := evb.Get(seqKey(e.Seq - 1)); prev != nil {
			if _, h, ok := tailHashes(prev); !ok || h != e.PrevHash {
				return false, brokenLink(source, e.Seq-1, e.Seq)
			}
		}
	}
	if next := evb.Get(seqKey(e.Seq + 1)); next != nil {
		if p, _, ok := tailHashes(next); !ok || p != e.Hash {
			return false, brokenLink(source, e.Seq, e.Seq+1)
		}
	}
	if err := evb.Put(key, bytes.Clone(rec)); err != nil {
		return false, err
	}
	return true, hashes.Put(raw, []byte(source))
}

func conflict(zh, en string) error {
	return msg.New(ErrConflict, zh+"，已拒绝导入", en+"; import refused")
}

func brokenLink(source string, a, b uint64) error {
	return conflict(fmt.Sprintf("来源 %s 的第 %d 条与第 %d 条事件连接不上（日志被改写）", source, a, b),
		fmt.Sprintf("events %d and %d of source %s do not link (log rewritten)", a, b, source))
}

func loadSource(tx *bolt.Tx, name string) (Source, error) {
	v := tx.Bucket(bucketSources).Get([]byte(name))
	if v == nil {
		return Source{Name: name}, nil
	}
	var src Source
	if err := json.Unmarshal(v, &src); err != nil {
		return Source{}, msg.Newf(ErrFormat, err, "导入日志库中的来源记录已损坏："+name, "damaged source entry: "+name)
	}
	return src, nil
}

func saveSource(tx *bolt.Tx, src Source) error {
	b, err := json.Marshal(src)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketSources).Put([]byte(src.Name), b)
}

// List calls fn for each imported event matching f, source by source
// (sorted by name) and in seq order within a source; f.Limit counts over
// all sources. Each source's records are verified again as a chain before
// any of its events is passed on: an altered store stops List with
// audit.ErrTampered. fn runs outside any transaction.
func (s *Store) List(f audit.Filter, fn func(source string, e audit.Event) error) error {
	sources, err := s.Sources()
	if err != nil {
		return err
	}
	seen := 0
	for _, src := range sources {
		events, err := s.sourceEvents(src.Name)
		if err != nil {
			return err
		}
		for _, e := range events {
			if !Match(f, &e) {
				continue
			}
			if err := fn(src.Name, e); err != nil {
				return err
			}
			if seen++; f.Limit > 0 && seen >= f.Limit {
				return nil
			}
		}
	}
	return nil
}

// sourceEvents reads and verifies all records of one source.
func (s *Store) sourceEvents(name string) ([]audit.Event, error) {
	var buf bytes.Buffer
	var recs [][]byte
	err := s.db.View(func(tx *bolt.Tx) error {
		evb := tx.Bucket(bucketEvents)
		if evb != nil {
			evb = evb.Bucket([]byte(name))
		}
		if evb == nil {
			return nil
		}
		return evb.ForEach(func(_, v []byte) error {
			recs = append(recs, bytes.Clone(v))
			buf.Write(v)
			return buf.WriteByte('\n')
		})
	})
	if err != nil {
		return nil, err
	}
	rep, err := audit.VerifyExportReader(&buf)
	if err != nil {
		return nil, err
	}
	if !rep.OK {
		zh, en := splitProblem(rep.Problem)
		return nil, msg.New(audit.ErrTampered, "导入的日志（来源 "+name+"）已被改动："+zh,
			"imported log of source "+name+" was altered: "+en)
	}
	events := make([]audit.Event, 0, len(recs))
	for _, r := range recs {
		e, err := DecodeRecord(r)
		if err != nil {
			return nil, msg.Newf(audit.ErrTampered, err, "导入的日志（来源 "+name+"）已被改动", "imported log of source "+name+" was altered")
		}
		events = append(events, e)
	}
	return events, nil
}

// Match reports whether e passes f, with the meaning audit.Filter has for
// the local log: From and To are inclusive calendar days in their own
// locations; set fields must all match. Limit is not looked at.
func Match(f audit.Filter, e *audit.Event) bool {
	if !f.From.IsZero() {
		y, m, d := f.From.Date()
		if e.Time.Before(time.Date(y, m, d, 0, 0, 0, 0, f.From.Location())) {
			return false
		}
	}
	if !f.To.IsZero() {
		y, m, d := f.To.Date()
		if !e.Time.Before(time.Date(y, m, d+1, 0, 0, 0, 0, f.To.Location())) {
			return false
		}
	}
	return (f.Actor == "" || e.Actor.Name == f.Actor) && (f.DocID == "" || e.DocID == f.DocID) &&
		(f.Attribute == "" || e.Attribute == f.Attribute) && (f.Type == "" || e.Type == f.Type)
}
