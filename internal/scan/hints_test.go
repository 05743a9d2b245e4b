package scan

import (
	"testing"
	"unicode/utf8"
)

// hintsByRune is hintsOf as first written, decoding every character: the
// reference the byte-wise version must agree with on valid text.
func hintsByRune(text string) hints {
	var h hints
	prev := rune(0)
	for _, r := range text {
		if r == '示' && prev == '请' {
			h |= hintProcess
		}
		prev = r
		switch r {
		case '密':
			h |= hintSecret | hintRestrict
		case '内', '翻', '外', '转', '存', '收', '阅', '秘', '管':
			h |= hintRestrict
		case '稿', '草':
			h |= hintProcess
		case '征', '截', '欢', '请':
			h |= hintComment
		}
	}
	return h
}

func TestHintsOf(t *testing.T) {
	for _, s := range []string{"", "秘密★1年", "请示", "请 示", "关于征求意见的通知", "草稿", "内部资料 注意保存", "a请示b", "😀密", "é请示", "\x80密", "密\xe5"} {
		if got, want := hintsOf(s), hintsByRune(s); got != want && utf8.ValidString(s) {
			t.Errorf("hintsOf(%q) = %b, want %b", s, got, want)
		}
	}
	if hintsOf("\x80密")&hintSecret == 0 {
		t.Error("a stray byte hides the 密 after it")
	}
}

func FuzzHintsOf(f *testing.F) {
	f.Add("秘密★1年 请示 草稿")
	f.Fuzz(func(t *testing.T, s string) {
		got := hintsOf(s)
		if want := hintsByRune(s); utf8.ValidString(s) && got != want {
			t.Fatalf("hintsOf(%q) = %b, want %b", s, got, want)
		}
	})
}
