// Package lifecycle marks a published document as amended (已修改),
// repealed (已废止) or expired (已失效), as 国办发〔2016〕80号 requires for
// proactively disclosed regulations and policy documents: a clear notice
// stamped at the top of the original, the document's embedded record
// updated, and a "lifecycle" event in the audit log. It also records the
// 解密 of an issued secret document (State Declassified, declassify.go),
// which annotates the secrecy line instead of printing a notice.
//
// Apply follows the marking flow's ordering contract (see package marker):
// the output is written to a synced temporary file, the audit event is
// appended, and only then is the output renamed into place. The input is
// never modified.
package lifecycle

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/docattr/docattr/internal/lazyre"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/usertext"
)

// States, as stored in the record (docattr.lifecycle) and in the event's
// Details["state"].
const (
	Amended  = "amended"  // 已修改
	Repealed = "repealed" // 已废止
	Expired  = "expired"  // 已失效
)

// Sentinel errors; the functions return *msg.Error wrapping them.
var (
	ErrState = errors.New("lifecycle: unknown state")
	ErrDate  = errors.New("lifecycle: bad date")
	ErrRef   = errors.New("lifecycle: bad reference")
	// ErrNoNotice refuses to withdraw a notice from a document without one.
	ErrNoNotice = errors.New("lifecycle: no notice to withdraw")
	// ErrNeedsReason refuses to withdraw a notice without saying why.
	ErrNeedsReason = errors.New("lifecycle: withdrawing needs a reason")
)

// State describes one lifecycle state.
type State struct {
	ID   string // Amended, Repealed, Expired
	Tag  string // 已废止: the notice's bracketed tag and the output suffix
	Verb string // 废止
}

var states = []State{
	{Amended, "已修改", "修改"},
	{Repealed, "已废止", "废止"},
	{Expired, "已失效", "失效"},
}

// States returns the lifecycle states in a fixed order.
func States() []State { return append([]State(nil), states...) }

// ParseState accepts an id (amended), its tag (已修改) or its verb (修改).
func ParseState(s string) (State, error) {
	s = strings.TrimSpace(s)
	for _, st := range append(States(), declassify) {
		if strings.EqualFold(s, st.ID) || s == st.Tag || s == st.Verb {
			return st, nil
		}
	}
	return State{}, msg.New(ErrState, fmt.Sprintf("未知的状态 %q（可选：已修改、已废止、已失效、已解密）", s),
		fmt.Sprintf("unknown state %q (use amended, repealed, expired or declassified)", s))
}

// MaxRefLength bounds the reference text, in characters.
const MaxRefLength = 200

// LifecycleNotice returns the notice printed at the top of the document,
// e.g. 【已废止】本文件已于2026年1月1日废止，由《某某办法》（某政发〔2026〕1号）替代。
// state is an id, tag or verb (see ParseState); date is 2026-01-01 or
// 2026年1月1日 (see ParseDate); ref, optional, names the document that
// replaces (repealed), carries the amended text (amended) or declares the
// expiry (expired). A ref with no 《》 or 〔〕 is taken as a title and put
// in 《》.
func LifecycleNotice(state, date, ref string) (string, error) {
	st, err := ParseState(state)
	if err != nil {
		return "", err
	}
	if st.ID == Declassified {
		return "", msg.New(ErrState, "解密不印状态通知：解密标注在密级标志旁（已于某日解密）",
			"a declassification prints no notice: it annotates the secrecy line")
	}
	d, err := ParseDate(date)
	if err != nil {
		return "", err
	}
	ref, err = cleanRef(ref)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "【%s】本文件已于%s%s", st.Tag, FormatDate(d), st.Verb)
	if ref != "" {
		switch st.ID {
		case Repealed:
			fmt.Fprintf(&b, "，由%s替代", ref)
		case Amended:
			fmt.Fprintf(&b, "，修改后的内容见%s", ref)
		case Expired:
			fmt.Fprintf(&b, "（依据%s）", ref)
		}
	}
	b.WriteString("。")
	return b.String(), nil
}

// cleanRef trims ref, refuses control characters and overlong text, drops
// final punctuation the notice adds itself, and puts a bare title in 《》.
func cleanRef(ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	ref = strings.TrimRight(ref, "。.；;，,")
	if strings.ContainsRune(ref, '\uFFFD') {
		return "", msg.New(ErrRef, "“相关文件”中含有无法识别的字符（U+FFFD），请删除后重试",
			"the reference contains the replacement character U+FFFD; remove it and try again")
	}
	if err := usertext.Check(usertext.Field{Zh: usertext.Ref.Zh, En: usertext.Ref.En, Max: MaxRefLength}, ref); err != nil {
		// Keep ErrRef as the kind callers branch on; the text names the field.
		return "", msg.New(ErrRef, msg.Zh(err), msg.En(err))
	}
	if ref != "" && !strings.ContainsAny(ref, "《〔[【") {
		ref = "《" + ref + "》"
	}
	return ref, nil
}

// ParseDate reads a calendar date written as 2026-01-01, 2026-1-1,
// 2026/1/1, 2026.1.1 or 2026年1月1日 (full-width digits and spaces
// allowed). The date must exist (no 2月30日) and lie in 1949–2999.
func ParseDate(s string) (time.Time, error) {
	bad := msg.New(ErrDate, fmt.Sprintf("日期 %q 无效，应写作 2026-01-01 或 2026年1月1日", s),
		fmt.Sprintf("invalid date %q: write 2026-01-01 or 2026年1月1日", s))
	norm := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case r >= '０' && r <= '９', r == '－', r == '／', r == '．':
			return r - 0xFEE0 // full-width ASCII to ASCII
		}
		return r
	}, s)
	var ymd []string
	if m := reDashed.FindStringSubmatch(norm); m != nil && m[2] == m[4] {
		ymd = []string{m[1], m[3], m[5]}
	} else if m := reChinese.FindStringSubmatch(norm); m != nil {
		ymd = m[1:]
	} else {
		return time.Time{}, bad
	}
	y, _ := strconv.Atoi(ymd[0])
	mo, _ := strconv.Atoi(ymd[1])
	d, _ := strconv.Atoi(ymd[2])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if y < 1949 || y > 2999 || int(t.Month()) != mo || t.Day() != d {
		return time.Time{}, bad
	}
	return t, nil
}

var (
	reDashed  = lazyre.New(`^(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})$`)
	reChinese = lazyre.New(`^(\d{4})年(\d{1,2})月(\d{1,2})日$`)
)

// FormatDate writes a date as 2026年1月1日, the way 公文 write dates.
func FormatDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}
