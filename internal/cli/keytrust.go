package cli

import (
	"fmt"
	"path/filepath"

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

// auditRenewKey replaces the installation key on purpose (suspected copy,
// staff change): the change is recorded in the log, signed by the old key
// and the new one, before the new key takes its place.
func auditRenewKey(e *env, args []string) int {
	if len(args) > 0 {
		return e.usageErr("audit renew-key 不带参数", "audit renew-key takes no arguments")
	}
	dir, err := settings.EnsureDataDir()
	if err != nil {
		return e.fail("数据文件夹 / data folder", err)
	}
	l, err := e.openIntactAudit("拒绝更换密钥", "refusing to renew the key")
	if err != nil {
		return e.fail("", err)
	}
	defer l.Close()
	if old, origin, err := keys.Open(dir); err == nil {
		e.useKey(l, old, origin) // an unrecorded earlier change goes first
	}
	k, ev, err := audit.RenewKey(l, dir)
	if err != nil {
		return e.fail("", err)
	}
	fmt.Fprintf(e.stdout, "已更换本机密钥 / installation key renewed: %s → %s（审计序号 / audit seq %d）\n"+
		"  请把新的公钥文件 %s 发给同事，旧密钥签署的检查点仍可用旧公钥核对 / send the new public key to colleagues\n",
		ev.Details["previous_fingerprint"], k.Fingerprint(), ev.Seq, filepath.Join(dir, keys.PublicFile))
	return ExitOK
}

// recordNewKey records, for commands that do not otherwise write to the
// log (review key, review keyring), a key that was just made while
// installation.pub named another: the next command could no longer tell.
func (e *env) recordNewKey(k *keys.Key) {
	if e.keyOrigin.Previous == nil {
		return
	}
	l, err := e.openAudit(false)
	if err != nil {
		fmt.Fprintf(e.stderr, "警告：无法记录密钥更换 / warning: cannot record the key change: %s\n", msg.Both(err))
		return
	}
	defer l.Close()
	e.useKey(l, k, e.keyOrigin)
}
