// Package audit is docattr's tamper-evident audit log: every decision about
// a document (mark, clean, review, lifecycle, export, checkpoint) and every
// change of the installation key (key) becomes an Event in a hash chain
// stored in a bbolt file.
//
// # Guarantees
//
// An event is acknowledged (Append returns) only after its bbolt transaction
// has committed and been fsynced; a crash or kill -9 never loses an
// acknowledged event and never leaves half an Append behind, because all
// events of one Append share one transaction. The log is single-writer across
// processes: Open takes an exclusive file lock and gives up after
// Options.Timeout with an error of kind ErrLocked instead of hanging.
//
// # Contract for callers that produce files
//
// Write the output to a temporary file and sync it, then Append the event,
// then rename the output into place; internal/publish does exactly this for
// every derived document. If Append fails, abort: no marked file ever
// exists without its event. A rename that fails after the Append is
// recorded by a TypePublishFailed event naming the claim. A crash between
// Append and the rename leaves an event whose output is missing, which is
// visible and harmless; the reverse order would leave an unrecorded
// decision.
//
// # Storage
//
// Buckets: "events" maps the big-endian uint64 seq to the canonical record;
// "meta" holds "format" ("docattr-audit-v1"), "head_seq" (8 bytes, big
// endian), "head_hash" (32 bytes) and "input_indexed" (8 bytes: the seq
// through which idx_input is complete); the index buckets "idx_doc",
// "idx_day" (UTC day YYYYMMDD), "idx_actor" (Actor.Name) and "idx_input"
// (the 32 bytes of InputSHA256 when it is a SHA-256 in hex) hold keys
// value || 0x00 || seq (8 bytes big endian) with empty values. Logs written
// before idx_input existed get it on their first open for writing
// (inputindex.go).
//
// # Chain format (docattr-audit-v1)
//
// hash = SHA-256("docattr-audit-v1\x00" || body || prev), where prev is the
// previous event's hash as 32 raw bytes (32 zero bytes for seq 1) and body
// is the canonical encoding of the event without its hash: a JSON object
// with no white space and the keys in this order —
//
//	seq (number), time (string, RFC 3339 UTC with the fewest fraction digits,
//	"Z" suffix), tz (number, minutes, omitted when 0), type, actor (object:
//	name, os_user, machine, each omitted when empty), doc_id, file,
//	input_sha256, output_sha256, version, attribute, prev_attribute,
//	secrecy, prev_secrecy, basis, reason, acknowledged (strings, omitted
//	when empty), findings (array of objects with kind, severity, excerpt,
//	location, all present; omitted when empty), details (object, keys
//	sorted by byte value; omitted when empty), prev_hash (hex).
//
// Strings are UTF-8; `"` and `\` are escaped with a backslash, newline,
// carriage return and tab as \n \r \t, other bytes below 0x20 as \u00xx in
// lower-case hex, and nothing else is escaped. The stored record is the body
// with `,"hash":"<hex>"` inserted before the closing brace; a JSONL export
// line is exactly that record. A record that is not byte for byte canonical
// counts as tampered, so any changed byte is detected. Records are read back
// without encoding/json (record.go): a scanner that accepts exactly the bytes
// this encoding produces, hashing the stored bytes themselves.
//
// Log is safe for concurrent use by several goroutines.
package audit

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/settings"
)

// Sentinel kinds; errors returned by this package match them with errors.Is.
var (
	ErrLocked   = errors.New("audit: log locked by another process")
	ErrTampered = errors.New("audit: log tampered")
	ErrNotFound = errors.New("audit: not found")
	ErrReadOnly = errors.New("audit: log opened read-only")
	ErrFormat   = errors.New("audit: not a docattr audit log or unsupported format")
	ErrInvalid  = errors.New("audit: invalid event")
)

// errEmptyFile is the cause under ErrNotFound for a log file that exists but
// has no pages yet.
var errEmptyFile = errors.New("file is empty")

// FormatVersion is stored in the meta bucket and names the chain format.
const FormatVersion = "docattr-audit-v1"

// DefaultTimeout is how long Open waits for the file lock by default.
const DefaultTimeout = 3 * time.Second

var (
	bucketEvents  = []byte("events")
	bucketMeta    = []byte("meta")
	bucketByDoc   = []byte("idx_doc")
	bucketByDay   = []byte("idx_day")
	bucketByActor = []byte("idx_actor")
	bucketByInput = []byte("idx_input")

	keyFormat   = []byte("format")
	keyHeadSeq  = []byte("head_seq")
	keyHeadHash = []byte("head_hash")
	// keyInputIndexed is the seq through which idx_input indexes the log.
	keyInputIndexed = []byte("input_indexed")
)

// Options configure Open.
type Options struct {
	// Timeout is how long to wait for another process to release the file
	// lock; zero means DefaultTimeout.
	Timeout time.Duration
	// ReadOnly opens without writing (a shared lock); the file must exist.
	ReadOnly bool
	// Version is written into events that carry none; empty means the
	// module version from the build information.
	Version string
	// Actor is who the events this package records itself (export,
	// checkpoint) are attributed to.
	Actor settings.Actor
}

// Log is an open audit log.
type Log struct {
	db      *bolt.DB
	path    string
	version string
	actor   settings.Actor
	now     func() time.Time // replaced in tests
}

// Head is the last event of the log.
type Head struct {
	Seq  uint64    // 0 for an empty log
	Hash string    // hex; GenesisHash for an empty log
	Time time.Time // zero for an empty log
}

// Open opens the log at path, creating the file (mode 0600) and its folder
// (0700) unless opts.ReadOnly. It never blocks longer than opts.Timeout on
// another process's lock.
func Open(path string, opts Options) (*Log, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.ReadOnly {
		fi, err := os.Stat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, msg.Newf(ErrNotFound, err, "审计日志不存在："+path, "audit log does not exist: "+path)
		}
		// A writer creates the file before it takes the lock and writes the
		// first pages; bbolt, finding it empty, would try to write them
		// itself through a read-only descriptor. The size only grows from
		// zero under the writer's lock, so this test closes that window.
		if err == nil && fi.Size() == 0 {
			return nil, msg.Newf(ErrNotFound, errEmptyFile, "审计日志尚未写入（另一个 docattr 程序正在创建它）："+path,
				"the audit log is not written yet (another docattr process is creating it): "+path)
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, msg.Newf(nil, err, "无法创建审计日志所在文件夹", "cannot create the audit log folder")
	}
	db, err := openBolt(path, opts.ReadOnly, opts.Timeout)
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, &msg.Error{Kind: ErrLocked, Zh: "审计日志正被另一个 docattr 程序使用，请关闭后重试",
			En: "the audit log is in use by another docattr process", Err: fmt.Errorf("%s: %w", path, err)}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return nil, msg.Newf(ErrFormat, err, "文件不是 docattr 审计日志或已损坏："+path, "not a docattr audit log, or damaged: "+path)
	case err != nil:
		return nil, msg.Newf(nil, err, "无法打开审计日志："+path, "cannot open the audit log: "+path)
	}
	l := &Log{db: db, path: path, version: opts.Version, actor: opts.Actor, now: time.Now}
	if l.version == "" {
		l.version = buildVersion()
	}
	ready := false
	err = db.View(func(tx *bolt.Tx) error {
		ready = hasBuckets(tx) && inputsIndexed(tx)
		return checkFormat(tx)
	})
	if err == nil && !ready && !opts.ReadOnly {
		// Only a new (or never completed) log, or one whose input index an
		// older docattr did not build or keep (inputindex.go), needs a write
		// transaction: committing one on every open would cost two
		// fdatasyncs per command.
		err = db.Update(func(tx *bolt.Tx) error {
			if err := initBuckets(tx); err != nil {
				return err
			}
			return indexInputs(tx)
		})
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return l, nil
}

func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

var allBuckets = [][]byte{bucketEvents, bucketMeta, bucketByDoc, bucketByDay, bucketByActor, bucketByInput}

// hasBuckets reports whether every bucket exists and the format is stored.
func hasBuckets(tx *bolt.Tx) bool {
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			return false
		}
	}
	return tx.Bucket(bucketMeta).Get(keyFormat) != nil
}

func initBuckets(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	meta := tx.Bucket(bucketMeta)
	if meta.Get(keyFormat) == nil {
		if err := meta.Put(keyFormat, []byte(FormatVersion)); err != nil {
			return fmt.Errorf("write format: %w", err)
		}
	}
	return checkFormat(tx)
}

func checkFormat(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return nil // read-only view of a log that has no events yet
	}
	if f := meta.Get(keyFormat); string(f) != FormatVersion {
		return msg.Newf(ErrFormat, fmt.Errorf("format %q", f),
			"审计日志格式不受支持（可能由更新版本的 docattr 创建）", "unsupported audit log format (made by a newer docattr?)")
	}
	return nil
}

// Close releases the file lock. Events already appended are durable.
func (l *Log) Close() error { return l.db.Close() }

// Path returns the file the log lives in.
func (l *Log) Path() string { return l.path }

// Actor returns the actor given in Options.
func (l *Log) Actor() settings.Actor { return l.actor }

// Head returns the last event's seq, hash and time as recorded in meta.
func (l *Log) Head() (Head, error) {
	var h Head
	err := l.db.View(func(tx *bolt.Tx) error {
		seq, hash := readHead(tx)
		h = Head{Seq: seq, Hash: fmt.Sprintf("%x", hash)}
		if seq == 0 {
			return nil
		}
		e, err := getEvent(tx, seq)
		h.Time = e.Time
		return err
	})
	return h, err
}

// readHead returns the head from meta; an empty log gives 0 and genesis.
func readHead(tx *bolt.Tx) (uint64, [32]byte) {
	var hash [32]byte
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, hash
	}
	s, h := meta.Get(keyHeadSeq), meta.Get(keyHeadHash)
	if len(s) != 8 || len(h) != 32 {
		return 0, hash
	}
	copy(hash[:], h)
	return binary.BigEndian.Uint64(s), hash
}

// Append records events in one transaction and returns them with Seq,
// PrevHash, Hash, and (where empty) Time, TZOffset and Version filled. It
// returns only after the transaction committed: either all events are
// durable or none is. The caller's events are not modified.
func (l *Log) Append(events ...Event) ([]Event, error) {
	if l.db.IsReadOnly() {
		return nil, msg.New(ErrReadOnly, "审计日志以只读方式打开，不能写入", "the audit log is open read-only")
	}
	out := make([]Event, len(events))
	now := l.now()
	for i, in := range events {
		e, err := prepare(in, now, l.version)
		if err != nil {
			return nil, err
		}
		out[i] = e
	}
	err := l.db.Update(func(tx *bolt.Tx) error {
		evb := tx.Bucket(bucketEvents)
		setAppendFill(tx)
		seq, prev := readHead(tx)
		var buf []byte
		for i := range out {
			e := &out[i]
			seq++
			e.Seq, e.PrevHash = seq, fmt.Sprintf("%x", prev)
			rec, err := seal(buf[:0], e)
			if err != nil {
				return err
			}
			if len(rec) > MaxEventSize {
				return msg.New(ErrInvalid, fmt.Sprintf("审计事件过大（%d 字节）", len(rec)),
					fmt.Sprintf("audit event too large (%d bytes)", len(rec)))
			}
			// bbolt keeps the value slice until commit: give each its own.
			if err := evb.Put(seqKey(seq), append([]byte(nil), rec...)); err != nil {
				return fmt.Errorf("store event %d: %w", seq, err)
			}
			for _, ix := range indexEntries(e) {
				if err := tx.Bucket(ix.bucket).Put(ix.key, []byte{}); err != nil {
					return fmt.Errorf("index event %d: %w", seq, err)
				}
			}
			buf = rec
			prev, _ = parseHash(e.Hash)
		}
		meta := tx.Bucket(bucketMeta)
		if err := meta.Put(keyHeadSeq, seqKey(seq)); err != nil {
			return err
		}
		if err := meta.Put(keyInputIndexed, seqKey(seq)); err != nil { // Open indexed the ones before
			return err
		}
		return meta.Put(keyHeadHash, prev[:])
	})
	if err != nil {
		var me *msg.Error
		if errors.As(err, &me) {
			return nil, err
		}
		return nil, msg.Newf(nil, err, "写入审计日志失败", "writing the audit log failed")
	}
	return out, nil
}

// Get returns event seq, checked against its own hash; a missing seq gives
// ErrNotFound and an altered record ErrTampered.
func (l *Log) Get(seq uint64) (Event, error) {
	var e Event
	err := l.db.View(func(tx *bolt.Tx) error {
		var err error
		e, err = getEvent(tx, seq)
		return err
	})
	return e, err
}

func getEvent(tx *bolt.Tx, seq uint64) (Event, error) {
	b := tx.Bucket(bucketEvents)
	var rec []byte
	if b != nil {
		rec = b.Get(seqKey(seq))
	}
	if rec == nil {
		return Event{}, msg.New(ErrNotFound, fmt.Sprintf("审计日志中没有第 %d 条事件", seq), fmt.Sprintf("no audit event %d", seq))
	}
	e, err := decodeRecord(rec)
	if err != nil {
		return Event{}, tampered(seq, err)
	}
	return e, nil
}

func tampered(seq uint64, cause error) error {
	return msg.Newf(ErrTampered, cause, fmt.Sprintf("第 %d 条审计事件已被改动，请在“日志”中校验", seq),
		fmt.Sprintf("audit event %d was altered; run docattr audit verify", seq))
}

func seqKey(seq uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, seq)
	return k
}
