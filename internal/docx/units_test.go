package docx

import (
	"testing"
	"unicode"
)

// TestTextWidthAgrees: the byte-level width equals the rune-by-rune
// reference on text, invalid bytes and surrogates included.
func TestTextWidthAgrees(t *testing.T) {
	ref := func(s string) float64 {
		w := 0.0
		for _, r := range s {
			if r >= 0x2E80 || (r >= 0x2000 && r <= 0x206F) {
				w++
			} else {
				w += 0.5
			}
		}
		return w
	}
	cases := []string{"", "abc", "关于做好2024年工作的通知", "\u3000\u00a0—…", "\xed\xa0\x80x", "\xe4\xb8", "\xe4\xb8\xad\xff", "\xe2\xba\x80\xe2\x80\x80", "𠀀字"}
	for i := 0; i < 4096; i++ {
		b := []byte{byte(i >> 4), byte(0x80 | i&0x3f), byte(0x80 | (i*7)&0x3f), byte(i)}
		cases = append(cases, string(b), "中"+string(b[:2]))
	}
	for _, c := range cases {
		if got, want := textWidth(c), ref(c); got != want {
			t.Fatalf("textWidth(%q) = %v, want %v", c, got, want)
		}
	}
}

// TestCompactAgrees: Compact's fast paths give the rune-by-rune result.
func TestCompactAgrees(t *testing.T) {
	ref := func(s string) string {
		var b []rune
		for _, r := range s {
			if unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' || IsInvisible(r) {
				continue
			}
			if r >= '０' && r <= '９' {
				r = r - '０' + '0'
			}
			b = append(b, r)
		}
		return string(b)
	}
	cases := []string{"", "abc", "关于 做好\u3000工作\t的通知", "２０２４年", "\u200b中\ufeff文", "\xed\xa0\x80", "\xe4\xb8", "a\u0085b\u00a0c", "\ue000\uefff\uf000", "\ufffd"}
	for i := 0; i < 1<<16; i += 3 {
		b := []byte{byte(i >> 8), byte(i), byte(0x80 | i&0x3f), 0x80 | byte(i>>6)&0x3f}
		cases = append(cases, string(b), "中"+string(b[:3])+"文", " "+string(b)+" ２")
	}
	for _, c := range cases {
		if got, want := Compact(c), ref(c); got != want {
			t.Fatalf("Compact(%q) = %q, want %q", c, got, want)
		}
	}
}
