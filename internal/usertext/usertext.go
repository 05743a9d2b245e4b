// Package usertext checks text that people type before the engine writes it
// into a document, a review trail, the audit log or a settings file.
//
// A reason, a name or a comment ends up in XML parts of the output package.
// XML 1.0 forbids U+FFFE, U+FFFF, the C0 controls other than tab, newline
// and carriage return, and lone surrogates; one such character makes a
// package Word, WPS and LibreOffice refuse to open. Bidirectional controls
// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) are legal XML but
// make a name or a reason read differently from what it holds ("Trojan
// Source"), so they are refused too, as are C1 controls and DEL, which no
// keyboard produces. Each field has a length limit, so that a pasted book
// gets a clear message instead of bbolt's "key too large".
//
// Check returns a *msg.Error of kind ErrControl, ErrEncoding or ErrTooLong
// whose text names the field in both languages; callers run it at the start
// of the engine entry points (marker.Mark, review.Apply, lifecycle.Apply,
// settings.Save, Keyring.Add) so every door gets the same refusal.
package usertext

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/docattr/docattr/internal/msg"
)

// Sentinel kinds of the errors Check returns.
var (
	// ErrControl: the text holds a control, bidi or XML-forbidden character.
	ErrControl = errors.New("usertext: forbidden character")
	// ErrEncoding: the text is not valid UTF-8 (this includes encoded lone
	// surrogates, which Go's decoder rejects).
	ErrEncoding = errors.New("usertext: invalid UTF-8")
	// ErrTooLong: the text exceeds the field's limit.
	ErrTooLong = errors.New("usertext: text too long")
)

// Field describes one kind of typed text: its name for messages, its limit
// in characters, and whether it may span lines.
type Field struct {
	Zh, En    string // e.g. "理由", "the reason"
	Max       int    // characters (runes)
	Multiline bool   // tab, newline and carriage return allowed
}

// Limits, in characters. A name fits in a bbolt index key (32 KiB) many
// times over; a reason or comment is a paragraph, not a document.
const (
	MaxName    = 64
	MaxShort   = 200
	MaxLong    = 2000
	MaxComment = 4000
	MaxPath    = 1024
)

// The fields docattr asks people for.
var (
	Reason         = Field{"理由", "the reason", MaxLong, true}
	Period         = Field{"保密期限", "the secrecy period", MaxShort, false} // may be a condition
	Basis          = Field{"法律依据", "the legal basis", MaxShort, false}
	Actor          = Field{"操作人姓名", "the actor name", MaxName, false}
	Acknowledgment = Field{"风险确认理由", "the acknowledgement of findings", MaxLong, true}
	Interpretation = Field{"解读材料", "the interpretation material", MaxPath, false} // a file path
	Ref            = Field{"相关文件", "the reference", MaxShort, false}
	Comment        = Field{"意见", "the comment", MaxComment, true}
	ChecklistNote  = Field{"检查项意见", "the checklist comment", MaxLong, true}
	Name           = Field{"姓名", "the name", MaxName, false}
	Unit           = Field{"单位", "the unit", MaxShort, false}
	Setting        = Field{"设置值", "the setting value", MaxShort, false}
	KeyringName    = Field{"同事姓名", "the colleague's name", MaxName, false}
	Classifier     = Field{"定密责任人", "the classification officer", MaxName, false}
	SecrecyBasis   = Field{"定密依据", "the classification ground", MaxLong, true}
	Scope          = Field{"知悉范围", "the circle of persons who may know", MaxLong, true}
)

// Check returns nil when s may be stored as field f, or a *msg.Error naming
// the field and the first offending character.
func Check(f Field, s string) error {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			return msg.New(ErrEncoding,
				fmt.Sprintf("“%s”不是有效的 UTF-8 文本（第 %d 个字节），请重新输入", f.Zh, i+1),
				fmt.Sprintf("%s is not valid UTF-8 text (byte %d); type it again", f.En, i+1))
		}
		if Forbidden(r, f.Multiline) {
			return msg.New(ErrControl,
				fmt.Sprintf("“%s”中含有不可见的控制字符（%s），请删除后重试", f.Zh, Code(r)),
				fmt.Sprintf("%s contains the control character %s; remove it and try again", f.En, Code(r)))
		}
		i += n
	}
	if n := utf8.RuneCountInString(s); f.Max > 0 && n > f.Max {
		return msg.New(ErrTooLong,
			fmt.Sprintf("“%s”过长（%d 字，最多 %d 字），请删减后重试", f.Zh, n, f.Max),
			fmt.Sprintf("%s is too long (%d characters, at most %d); shorten it and try again", f.En, n, f.Max))
	}
	return nil
}

// Pair is a field with its value, for CheckAll.
type Pair struct {
	Field Field
	Value string
}

// CheckAll checks each pair in order and returns the first error.
func CheckAll(pairs ...Pair) error {
	for _, p := range pairs {
		if err := Check(p.Field, p.Value); err != nil {
			return err
		}
	}
	return nil
}

// Forbidden reports whether r may not appear in typed text; multiline
// allows tab, newline and carriage return.
func Forbidden(r rune, multiline bool) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return !multiline
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0xfffe || r == 0xffff:
		return true
	case r >= 0xd800 && r <= 0xdfff:
		return true
	}
	return IsBidi(r)
}

// IsBidi reports whether r is a bidirectional formatting character: an
// embedding, override or isolate, or an invisible direction mark.
func IsBidi(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// Code returns r as "U+XXXX".
func Code(r rune) string { return fmt.Sprintf("U+%04X", r) }
