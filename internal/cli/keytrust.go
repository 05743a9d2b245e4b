package cli

import (
	"fmt"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/review"
	"github.com/docattr/docattr/internal/settings"
)

// checkpointSigner says whose key signed c: this installation's, or a
// colleague's registered in the review keyring. Any other key is refused
// with audit.ErrUnknownSigner: a checkpoint anyone can sign proves nothing.
func checkpointSigner(c audit.Checkpoint) (zh, en string, err error) {
	fp := c.Fingerprint()
	dir, err := settings.DataDir()
	if err != nil {
		return "", "", err
	}
	if k, err := keys.Load(dir); err == nil && k.Fingerprint() == fp {
		return fmt.Sprintf("检查点由本机的密钥签署（指纹 %s）", fp),
			fmt.Sprintf("signed by this installation's key (fingerprint %s)", fp), nil
	}
	kr, err := review.LoadKeyring(dir)
	if err != nil {
		return "", "", err
	}
	if pub, perr := keys.DecodePublic(c.PublicKey); perr == nil {
		if name, ok := kr.Lookup(pub); ok {
			return fmt.Sprintf("检查点由 %s 的密钥签署（指纹 %s）", name, fp),
				fmt.Sprintf("signed by %s's key (fingerprint %s)", name, fp), nil
		}
	}
	return "", "", msg.New(audit.ErrUnknownSigner,
		fmt.Sprintf("检查点的签名密钥（指纹 %s）既不是本机密钥，也不在密钥环中：无法确认是谁签署的。请向签署人核对指纹后用 docattr review keyring add 登记", fp),
		fmt.Sprintf("the checkpoint was signed by a key (fingerprint %s) that is neither this installation's nor in the keyring; confirm the fingerprint with the signer and register it with docattr review keyring add", fp))
}

// useKey compares the installation key with the one log last recorded,
// records a change (see audit.NoteKey) and warns on stderr. A failure to
// record is reported but does not stop the command: the key is still the
// installation's.
func (e *env) useKey(l *audit.Log, k *keys.Key, origin keys.Origin) {
	note, err := audit.NoteKey(l, k, origin)
	if err != nil {
		fmt.Fprintf(e.stderr, "警告：无法记录密钥更换 / warning: cannot record the key change: %s\n", msg.Both(err))
		return
	}
	if w := note.Warning(k); w != nil {
		fmt.Fprintf(e.stderr, "警告 / warning: %s\n", msg.Both(w))
		if note.Event.Seq != 0 {
			fmt.Fprintf(e.stderr, "  已记入审计日志第 %d 条 / recorded as event %d\n", note.Event.Seq, note.Event.Seq)
		}
	}
}

// loadKeyFor loads (or creates) the installation key for a command that
// writes to log, recording a key change first.
func (e *env) loadKeyFor(l *audit.Log) (*keys.Key, error) {
	dir, err := settings.EnsureDataDir()
	if err != nil {
		return nil, err
	}
	k, origin, err := keys.Open(dir)
	if err != nil {
		return nil, msg.Newf(nil, err, "无法读取或创建本机签名密钥", "cannot load or create the installation key")
	}
	e.useKey(l, k, origin)
	return k, nil
}
