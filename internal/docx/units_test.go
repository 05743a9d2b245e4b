package docx

import "testing"

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
