package scan

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/docattr/docattr/internal/docx"
)

var numberSeeds = []string{
	"身份证号110105194901010021，手机13800138000，银行卡号6228480402564890018。",
	"110105 19491231 002X", "１１０１０５１９４９１２３１００２Ｘ", "+86 138 0013 8000",
	"6222 0212 3456 7894", "0411-12345678", "12345", "13800138000.5", "1,380,013,800",
	"62220212345678940000", "138001380001380013800", "x", "", "1-2-3-4-5", "11010519490101002XX",
	"身份证号110105\u200b19490101\u00ad0021", "138\u20600013\ufeff8000\u200d", "\u200b1\u200c", "\xc2\xe2\x80",
}

// checkMatch asserts what every number match must satisfy.
func checkMatch(t *testing.T, text string, m numMatch) {
	t.Helper()
	if m.start < 0 || m.end > len(text) || m.start >= m.end {
		t.Fatalf("bad range %d:%d in %q", m.start, m.end, text)
	}
	before, _ := utf8.DecodeLastRuneInString(text[:m.start])
	after, _ := utf8.DecodeRuneInString(text[m.end:])
	if _, ok := digitOf(before); ok && m.start > 0 {
		t.Fatalf("%s %q preceded by a digit in %q", m.kind, m.digits, text)
	}
	if _, ok := digitOf(after); ok && m.end < len(text) {
		t.Fatalf("%s %q followed by a digit in %q", m.kind, m.digits, text)
	}
	if strings.Contains(maskText(text), m.digits) && len(m.digits) >= 11 {
		t.Fatalf("maskText leaves %q in %q", m.digits, maskText(text))
	}
}

func FuzzIDCard(f *testing.F) {
	for _, s := range numberSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range findNumbers(text) {
			if m.kind != KindIDCard {
				continue
			}
			checkMatch(t, text, m)
			if !validIDCard(m.digits) {
				t.Fatalf("reported ID %q fails the check digit or date", m.digits)
			}
			if got := maskID(m.digits); len(got) != 18 || got[4:14] != "**********" {
				t.Fatalf("mask %q", got)
			}
		}
	})
}

func FuzzMobile(f *testing.F) {
	for _, s := range numberSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range findNumbers(text) {
			if m.kind != KindMobile {
				continue
			}
			checkMatch(t, text, m)
			d := m.digits
			if len(d) != 11 || d[0] != '1' || d[1] < '3' || d[1] > '9' {
				t.Fatalf("reported mobile %q is not 1[3-9] and nine digits", d)
			}
			if got := maskMobile(d); got != d[:3]+"****"+d[7:] {
				t.Fatalf("mask %q", got)
			}
		}
	})
}

func FuzzBankCard(f *testing.F) {
	for _, s := range numberSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range findNumbers(text) {
			if m.kind != KindBankCard {
				continue
			}
			checkMatch(t, text, m)
			if len(m.digits) < 16 || len(m.digits) > 19 || !luhn(m.digits) || idShaped(m.digits) {
				t.Fatalf("reported bank card %q is not a Luhn-valid 16-19 digit number", m.digits)
			}
			if got := maskBankCard(m.digits); !strings.HasPrefix(got, m.digits[:4]) || !strings.HasSuffix(got, m.digits[len(m.digits)-4:]) {
				t.Fatalf("mask %q", got)
			}
		}
	})
}

func FuzzSecrecyMark(f *testing.F) {
	for _, s := range []string{"秘密★", "机密★5年", "商业秘密★", "“秘密★1年”", "绝密☆会议开始前", "秘密★1年 特急", "密★", "★密"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		for _, m := range secrecyMarks(line) {
			if !strings.HasPrefix(m, "绝密") && !strings.HasPrefix(m, "机密") && !strings.HasPrefix(m, "秘密") {
				t.Fatalf("mark %q from %q has no level", m, line)
			}
			if !strings.ContainsAny(m, "★☆*＊") {
				t.Fatalf("mark %q from %q has no star", m, line)
			}
		}
	})
}

func FuzzProcessMarker(f *testing.F) {
	for _, s := range []string{"××办法（征求意见稿）", "关于××的请示", "关于《××（草案）》的说明", "《", "》（", "请示）"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, title bool) {
		c := docx.Compact(text)
		for _, w := range processMarkers(text, title) {
			if !strings.Contains(c, w) {
				t.Fatalf("marker %q not in %q", w, text)
			}
		}
		_ = headingLike(docx.Paragraph{Text: text, Center: title}, title)
	})
}

func FuzzRestrictionNote(f *testing.F) {
	for _, s := range []string{"内部资料 注意保存", "（此件不得翻印）", "工作秘密★1年", "（（内部", "此件"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		for _, n := range restrictionNotes(line, docx.Body) {
			if n == "" {
				t.Fatalf("empty note from %q", line)
			}
		}
	})
}

func FuzzExcerpt(f *testing.F) {
	for _, s := range numberSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		e := excerpt(text)
		if utf8.RuneCountInString(e) > excerptLen {
			t.Fatalf("excerpt %q too long", e)
		}
	})
}

// FuzzInvisibleIgnored: an invisible character put anywhere in a text changes
// nothing the number detectors find, and ranges still fit the text.
func FuzzInvisibleIgnored(f *testing.F) {
	for i, s := range numberSeeds {
		f.Add(s, uint8(i*3), uint8(i%6))
	}
	invisibles := []string{"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
	f.Fuzz(func(t *testing.T, text string, at, which uint8) {
		if !utf8.ValidString(text) {
			return
		}
		view, _ := visible(text)
		i := min(int(at), len(view))
		for i > 0 && i < len(view) && !utf8.RuneStart(view[i]) {
			i--
		}
		hostile := view[:i] + invisibles[int(which)%len(invisibles)] + view[i:]
		want, got := findNumbers(view), findNumbers(hostile)
		if len(want) != len(got) {
			t.Fatalf("%q: %d numbers, %q: %d", view, len(want), hostile, len(got))
		}
		for k := range want {
			if want[k].kind != got[k].kind || want[k].digits != got[k].digits {
				t.Fatalf("%q: %v, %q: %v", view, want[k], hostile, got[k])
			}
			checkMatch(t, hostile, got[k])
		}
	})
}
