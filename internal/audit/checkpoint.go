package audit

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/msg"
)

// CheckpointFormat names the checkpoint file format and is part of what is
// signed.
const CheckpointFormat = "docattr-checkpoint-v1"

// ErrBadSignature is the kind of error for a checkpoint whose signature does
// not verify.
var ErrBadSignature = errors.New("audit: checkpoint signature invalid")

// Checkpoint is a signed statement "event Seq of this log had hash Hash at
// Time". Kept outside the log (printed, mailed to the openness office), it
// turns silent truncation or rollback of the log into a detectable event.
type Checkpoint struct {
	Format    string    `json:"format"`
	Seq       uint64    `json:"seq"`
	Hash      string    `json:"hash"`
	Time      time.Time `json:"time"`       // when it was signed, UTC
	PublicKey string    `json:"public_key"` // keys.EncodePublic
	Signature string    `json:"signature"`  // keys.EncodeSignature
}

// signed returns the bytes the signature covers:
// "docattr-checkpoint-v1\x00" || seq (8 bytes big endian) || hash (32 raw
// bytes) || time (RFC 3339 UTC) || 0x00 || public key (32 raw bytes).
func (c Checkpoint) signed() ([]byte, error) {
	h, err := parseHash(c.Hash)
	if err != nil {
		return nil, err
	}
	pub, err := keys.DecodePublic(c.PublicKey)
	if err != nil {
		return nil, err
	}
	b := append([]byte(CheckpointFormat), 0)
	b = binary.BigEndian.AppendUint64(b, c.Seq)
	b = append(b, h[:]...)
	b = c.Time.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, 0)
	return append(b, pub...), nil
}

// check verifies the signature with the key the checkpoint names.
func (c Checkpoint) check() error {
	bad := func(cause error) error {
		return msg.Newf(ErrBadSignature, cause, "检查点签名无效（文件被改动或不是 docattr 检查点）",
			"checkpoint signature invalid (edited, or not a docattr checkpoint)")
	}
	if c.Format != CheckpointFormat {
		return bad(fmt.Errorf("format %q", c.Format))
	}
	data, err := c.signed()
	if err != nil {
		return bad(err)
	}
	sig, err := keys.DecodeSignature(c.Signature)
	if err != nil {
		return bad(err)
	}
	pub, _ := keys.DecodePublic(c.PublicKey)
	if !keys.Verify(pub, data, sig) {
		return bad(nil)
	}
	return nil
}

// Fingerprint returns the fingerprint of the key that signed c, or "" if
// the key does not decode.
func (c Checkpoint) Fingerprint() string {
	pub, err := keys.DecodePublic(c.PublicKey)
	if err != nil {
		return ""
	}
	return keys.Fingerprint(pub)
}

// WriteCheckpoint signs the current head of l with key and writes the
// checkpoint to path atomically (JSON, mode 0644), then records a
// "checkpoint" event. Following the package contract, the file appears only
// after its event is committed. The checkpoint covers the head before that
// event.
func WriteCheckpoint(l *Log, key *keys.Key, path string) (Checkpoint, error) {
	h, err := l.Head()
	if err != nil {
		return Checkpoint{}, err
	}
	c := Checkpoint{
		Format: CheckpointFormat, Seq: h.Seq, Hash: h.Hash,
		Time: l.now().UTC().Round(0), PublicKey: keys.EncodePublic(key.Public()),
	}
	data, err := c.signed()
	if err != nil {
		return Checkpoint{}, err
	}
	c.Signature = keys.EncodeSignature(key.Sign(data))
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return Checkpoint{}, err
	}
	f, err := atomicfile.Create(path)
	if err != nil {
		return Checkpoint{}, msg.Newf(nil, err, "无法写入检查点文件", "cannot write the checkpoint file")
	}
	defer f.Abort()
	if _, err := f.Write(append(b, '\n')); err != nil {
		return Checkpoint{}, msg.Newf(nil, err, "无法写入检查点文件", "cannot write the checkpoint file")
	}
	if err := f.Sync(); err != nil {
		return Checkpoint{}, msg.Newf(nil, err, "无法写入检查点文件", "cannot write the checkpoint file")
	}
	abs, _ := filepath.Abs(path)
	_, err = l.Append(Event{
		Type: TypeCheckpoint, Actor: l.actor, File: abs,
		Details: map[string]string{
			"checkpoint_seq": strconv.FormatUint(c.Seq, 10), "checkpoint_hash": c.Hash,
			"key_fingerprint": key.Fingerprint(),
		},
	})
	if err != nil {
		return Checkpoint{}, err
	}
	if err := f.Commit(); err != nil {
		return Checkpoint{}, msg.Newf(nil, err, "无法写入检查点文件", "cannot write the checkpoint file")
	}
	return c, nil
}

// ReadCheckpoint reads a checkpoint file and checks its signature against
// the key it names. It does not look at any log; see VerifyCheckpoint.
// Whether that key is one the reader trusts is the caller's question (compare
// Checkpoint.Fingerprint with the installation's).
func ReadCheckpoint(path string) (Checkpoint, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Checkpoint{}, msg.Newf(ErrNotFound, err, "无法读取检查点文件", "cannot read the checkpoint file")
	}
	var c Checkpoint
	if err := json.Unmarshal(b, &c); err != nil {
		return Checkpoint{}, msg.Newf(ErrBadSignature, err, "检查点文件已损坏", "the checkpoint file is damaged")
	}
	return c, c.check()
}

// VerifyCheckpoint checks the checkpoint at path: its signature, and that
// l still holds event Seq with exactly the signed hash, recomputed from the
// event's contents. A log truncated or rolled back past the checkpoint, or
// rewritten from there on, fails with ErrTampered. It does not walk the
// rest of the chain: run Verify as well.
func VerifyCheckpoint(l *Log, path string) error {
	c, err := ReadCheckpoint(path)
	if err != nil {
		return err
	}
	if c.Seq == 0 {
		return nil // signed an empty log: nothing to lose
	}
	e, err := l.Get(c.Seq)
	if errors.Is(err, ErrNotFound) {
		return msg.Newf(ErrTampered, err, fmt.Sprintf("检查点记录的第 %d 条事件已不存在：日志被截断或回滚", c.Seq),
			fmt.Sprintf("event %d named by the checkpoint is gone: the log was truncated or rolled back", c.Seq))
	}
	if err != nil {
		return err
	}
	if e.Hash != c.Hash {
		return msg.New(ErrTampered, fmt.Sprintf("第 %d 条事件的哈希与检查点不符：日志在检查点之后被改写", c.Seq),
			fmt.Sprintf("event %d no longer has the checkpoint's hash: the log was rewritten", c.Seq))
	}
	return nil
}
