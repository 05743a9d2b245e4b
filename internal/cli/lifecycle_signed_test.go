package cli

import (
	"path/filepath"
	"testing"
)

// TestLifecycleNeedsASignedDocument: a document signed through the review
// chain takes a notice without --unsigned; its unsigned draft is refused,
// and so is a date before the 成文日期.
func TestLifecycleNeedsASignedDocument(t *testing.T) {
	src := corpus(t, "000-plain.docx")
	zhang := newHome(t, "张三", "drafter")
	wang := newHome(t, "王五", "secrecy", "signer")
	zp, wp := zhang.pub(), wang.pub()
	zhang.ok("review", "keyring", "add", "王五", wp)
	wang.ok("review", "keyring", "add", "张三", zp)

	shared := t.TempDir()
	draft := filepath.Join(shared, "通知.docx")
	zhang.ok("mark", src, "--attr", "public", "-o", draft)
	zhang.ok("review", "submit", draft)
	wang.ok("review", "approve", filepath.Join(shared, "通知-送审.docx"), "--role", "secrecy", "--checklist", "ok")
	wang.ok("review", "sign", filepath.Join(shared, "通知-保密审查.docx"))
	issued := filepath.Join(shared, "通知-签发.docx")

	zhang.refused("没有可信的签发记录", "lifecycle", draft, "--state", "repealed", "--date", "2099-01-01", "-o", filepath.Join(shared, "a.docx"))
	zhang.refused("早于文件的成文日期", "lifecycle", issued, "--state", "repealed", "--date", "1990-01-01", "-o", filepath.Join(shared, "b.docx"))
	zhang.ok("lifecycle", issued, "--state", "repealed", "--date", "2099-01-01", "-o", filepath.Join(shared, "c.docx"))
	zhang.ok("lifecycle", draft, "--state", "repealed", "--date", "2099-01-01", "--unsigned", "签发早于使用本工具", "-o", filepath.Join(shared, "d.docx"))
}
