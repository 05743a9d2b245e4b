package docx

import (
	"strings"

	"github.com/docattr/docattr/internal/lazyre"
)

// Where the attachments (附件) begin. GB/T 9704 puts them after the 成文日期
// and before the 版记, each headed 附件 or 附件N on a line of its own; offices
// also write the heading and the attachment's title on one line
// (附件1：检查安排), a space before the number (附件 2) or list the
// attachments after a colon (附件：1.…). The last two forms are also how the
// 附件说明 above the signature is written, so they start the attachments
// only once the 成文日期 has been seen.

var (
	// 附件, 附件1, 附件 2, 附件一, 附件1-2, 附件1：检查安排, 附件2:名单.
	reAttachHeading = lazyre.New(`^附件(?:[0-9一二三四五六七八九十]+(?:[-－—.．][0-9]+)?)?(?:[:：](.{0,60}))?$`)
	reAttachNumber  = lazyre.New(`^附件[0-9一二三四五六七八九十]`)
)

// AttachmentStart tells whether text can open the attachments. strong is set
// for a heading that can only be an attachment's (附件, 附件1, 附件1：标题);
// a list after 附件： (附件：1.… or 附件：名称) is weak: before the 成文日期 it
// is the 附件说明, after it the attachments.
func AttachmentStart(text string) (ok, strong bool) {
	if !strings.HasPrefix(strings.TrimLeft(text, " \t\u3000\u00a0"), "附") {
		return false, false
	}
	c := Compact(text)
	m := reAttachHeading.FindStringSubmatch(c)
	if m == nil {
		return false, false
	}
	if m[1] == "" {
		return true, true // 附件, 附件N or 附件： alone (a 附件说明 names the attachment)
	}
	if reAttachNumber.MatchString(c) {
		return true, true // 附件1：标题
	}
	return true, false // 附件：1.… / 附件：名称
}
