// Package imported keeps the audit logs of other installations, imported
// from their JSONL exports, so that one office can count and list the
// decisions of all its drafters (docattr stats --include-imported, docattr
// audit list --include-imported).
//
// # Guarantees
//
// An export is stored only if it verifies as a whole (audit.VerifyExport:
// every record canonical, every hash right, every link between consecutive
// seqs right) and, when a signed checkpoint came with it, only if the
// checkpoint's signature and hash vouch for it. Records are stored byte for
// byte as exported and are checked again every time they are read, so an
// edit of the store is detected the same way as an edit of an export.
// Nothing in docattr changes or deletes an imported record: the store only
// grows. Importing the same export twice adds nothing (records are keyed by
// source and seq and compared byte for byte); an export that disagrees with
// what a source already holds (a different record at the same seq, a
// record that does not link to its stored neighbour, a record already
// stored under another source) is refused as a whole with ErrConflict.
//
// # Storage
//
// A bbolt file beside the local log (PathFor: audit.db → audit.imported.db),
// never the local log itself, whose chain and format stay untouched.
// Buckets: "meta" holds "format" (FormatVersion); "sources" maps a source
// name to its Source as JSON; "events" holds one nested bucket per source
// name mapping seq (8 bytes big endian) to the exported record; "hashes"
// maps each stored event hash (32 raw bytes) to its source name. One import
// is one transaction: all records of an export or none.
package imported

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/docattr/docattr/internal/msg"
	"unicode/utf8"

	"github.com/docattr/docattr/internal/usertext"
)

// FormatVersion is stored in the meta bucket and names this layout.
const FormatVersion = "docattr-imported-v1"

// Sentinel kinds; errors of this package match them with errors.Is. A
// tampered export or store gives audit.ErrTampered, a bad checkpoint
// audit.ErrBadSignature.
var (
	ErrNoStore  = errors.New("imported: no imported logs")
	ErrConflict = errors.New("imported: export conflicts with what is stored")
	ErrNoSource = errors.New("imported: source unknown")
	ErrFormat   = errors.New("imported: not a docattr imported-log store")
	ErrTooLarge = errors.New("imported: export too large")
	ErrGaps     = errors.New("imported: export has missing events")
)

var (
	bucketMeta    = []byte("meta")
	bucketSources = []byte("sources")
	bucketEvents  = []byte("events")
	bucketHashes  = []byte("hashes")
	keyFormat     = []byte("format")
)

// PathFor returns where the imported logs of the local log at logPath are
// kept: beside it, with ".imported" before the extension.
func PathFor(logPath string) string {
	ext := filepath.Ext(logPath)
	return strings.TrimSuffix(logPath, ext) + ".imported" + ext
}

// Source is what the store knows of one installation whose log it holds.
type Source struct {
	Name        string `json:"name"`                  // --source, or the key fingerprint
	Fingerprint string `json:"fingerprint,omitempty"` // installation key, when known
	// ChainID is the hash of the source's event 1, once imported: it names
	// the log itself, whatever the source is called.
	ChainID    string    `json:"chain_id,omitempty"`
	Events     int       `json:"events"`
	FirstSeq   uint64    `json:"first_seq"`
	LastSeq    uint64    `json:"last_seq"`
	Imports    int       `json:"imports"` // exports that added at least one event
	LastImport time.Time `json:"last_import"`
	LastFile   string    `json:"last_file,omitempty"`
	LastSHA256 string    `json:"last_sha256,omitempty"`
}

// Options configure Open.
type Options struct {
	ReadOnly bool          // shared lock, no writes; a missing file gives ErrNoStore
	Timeout  time.Duration // lock wait; zero means 3 seconds
}

// Store is an open imported-log store.
type Store struct {
	db   *bolt.DB
	path string
}

// Open opens the store at path, creating it (mode 0600) unless read-only.
func Open(path string, opts Options) (*Store, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = 3 * time.Second
	}
	if opts.ReadOnly {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, msg.Newf(ErrNoStore, err, "尚未导入其他单位的日志", "no logs have been imported yet")
		}
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.Timeout, ReadOnly: opts.ReadOnly})
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, msg.Newf(nil, err, "导入日志库正被另一个 docattr 程序使用，请稍后重试",
			"the imported-log store is in use by another docattr process")
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return nil, msg.Newf(ErrFormat, err, "导入日志库已损坏："+path, "the imported-log store is damaged: "+path)
	case err != nil:
		return nil, msg.Newf(nil, err, "无法打开导入日志库："+path, "cannot open the imported-log store: "+path)
	}
	s := &Store{db: db, path: path}
	if opts.ReadOnly {
		err = db.View(checkFormat)
	} else {
		err = db.Update(initBuckets)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func initBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketSources, bucketEvents, bucketHashes} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	if m := tx.Bucket(bucketMeta); m.Get(keyFormat) == nil {
		if err := m.Put(keyFormat, []byte(FormatVersion)); err != nil {
			return err
		}
	}
	return checkFormat(tx)
}

func checkFormat(tx *bolt.Tx) error {
	m := tx.Bucket(bucketMeta)
	if m == nil {
		return nil // created but never written: empty
	}
	if f := m.Get(keyFormat); string(f) != FormatVersion {
		return msg.Newf(ErrFormat, fmt.Errorf("format %q", f), "导入日志库格式不受支持", "unsupported imported-log store format")
	}
	return nil
}

// Close releases the file lock.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the store's file.
func (s *Store) Path() string { return s.path }

// Sources returns the sources held, sorted by name.
func (s *Store) Sources() ([]Source, error) {
	var out []Source
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSources)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var src Source
			if err := json.Unmarshal(v, &src); err != nil {
				return msg.Newf(ErrFormat, err, "导入日志库中的来源记录已损坏："+string(k), "damaged source entry: "+string(k))
			}
			out = append(out, src)
			return nil
		})
	})
	slices.SortFunc(out, func(a, b Source) int { return strings.Compare(a.Name, b.Name) })
	return out, err
}

func seqKey(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }

// ValidSourceName reports whether name can name a source: 1–100 characters,
// no control, bidi or XML-forbidden characters (see usertext), no leading
// or trailing space.
func ValidSourceName(name string) bool {
	if name == "" || name != strings.TrimSpace(name) || len([]rune(name)) > 100 {
		return false
	}
	return utf8.ValidString(name) && !strings.ContainsFunc(name, func(r rune) bool { return r == 0xfffd || usertext.Forbidden(r, false) })
}
