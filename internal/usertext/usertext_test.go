package usertext

import (
	"errors"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/msg"
)

func TestCheckRefusesWhatXMLAndBidiForbid(t *testing.T) {
	cases := []struct {
		name  string
		field Field
		in    string
		kind  error
		zh    string // part of the Chinese message
		en    string
	}{
		{"U+FFFF", Reason, "依据\uffff第十四条", ErrControl, "“理由”中含有不可见的控制字符（U+FFFF）", "the reason contains the control character U+FFFF"},
		{"U+FFFE", Period, "1年\ufffe", ErrControl, "（U+FFFE）", "U+FFFE"},
		{"NUL", Actor, "张\x00三", ErrControl, "“操作人姓名”", "U+0000"},
		{"ESC", Comment, "同意\x1b[2J", ErrControl, "（U+001B）", "U+001B"},
		{"vertical tab", Reason, "a\vb", ErrControl, "U+000B", "U+000B"},
		{"DEL", Name, "张三\x7f", ErrControl, "U+007F", "U+007F"},
		{"C1 CSI", Comment, "x\u009by", ErrControl, "U+009B", "U+009B"},
		{"RLO", Reason, "理由\u202e", ErrControl, "“理由”中含有不可见的控制字符（U+202E），请删除后重试", "the reason contains the control character U+202E; remove it and try again"},
		{"LRE", Ref, "\u202a国发〔2024〕1号", ErrControl, "U+202A", "U+202A"},
		{"isolate", KeyringName, "李四\u2066", ErrControl, "“同事姓名”", "U+2066"},
		{"PDI", Name, "\u2069", ErrControl, "U+2069", "U+2069"},
		{"LRM", Actor, "王五\u200e", ErrControl, "U+200E", "U+200E"},
		{"RLM", Actor, "王五\u200f", ErrControl, "U+200F", "U+200F"},
		{"ALM", Basis, "\u061c", ErrControl, "U+061C", "U+061C"},
		{"newline in a name", Name, "张三\n李四", ErrControl, "U+000A", "U+000A"},
		{"tab in a reference", Ref, "a\tb", ErrControl, "U+0009", "U+0009"},
		{"invalid UTF-8", Reason, "ab\xffc", ErrEncoding, "“理由”不是有效的 UTF-8 文本（第 3 个字节）", "byte 3"},
		{"encoded lone surrogate", Comment, "a\xed\xa0\x80", ErrEncoding, "第 2 个字节", "not valid UTF-8"},
		{"truncated sequence", Name, "张\xe4\xb8", ErrEncoding, "UTF-8", "UTF-8"},
		{"name too long", Name, strings.Repeat("张", MaxName+1), ErrTooLong, "“姓名”过长（65 字，最多 64 字），请删减后重试", "the name is too long (65 characters, at most 64); shorten it and try again"},
		{"huge actor", Actor, strings.Repeat("x", 40000), ErrTooLong, "最多 64 字", "at most 64"},
		{"reason too long", Reason, strings.Repeat("理", MaxLong+1), ErrTooLong, "最多 2000 字", "at most 2000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Check(c.field, c.in)
			if !errors.Is(err, c.kind) {
				t.Fatalf("Check(%q) = %v, want kind %v", c.in, err, c.kind)
			}
			if !strings.Contains(msg.Zh(err), c.zh) || !strings.Contains(msg.En(err), c.en) {
				t.Errorf("message %q / %q, want %q and %q", msg.Zh(err), msg.En(err), c.zh, c.en)
			}
		})
	}
}

func TestCheckAcceptsOrdinaryText(t *testing.T) {
	cases := []struct {
		field Field
		in    string
	}{
		{Reason, ""},
		{Reason, "涉及个人隐私，依据条例第十五条不予公开。\n第二段\r\n\t缩进"},
		{Name, "欧阳·娜娜"},
		{Name, "Zoë O'Brien-Łukasz"},
		{Name, strings.Repeat("张", MaxName)},
		{Period, "10年"},
		{Ref, "国办发〔2024〕12号"},
		{Comment, "同意 👍🏽 (family: 👨‍👩‍👧)"}, // ZWJ is not a bidi control
		{Actor, "عبد الله"},                // right-to-left script itself is fine
		{Interpretation, "解读/政策解读.docx"},
	}
	for _, c := range cases {
		if err := Check(c.field, c.in); err != nil {
			t.Errorf("Check(%s, %q) = %v", c.field.En, c.in, err)
		}
	}
}

func TestCheckAllReportsTheFirstBadField(t *testing.T) {
	err := CheckAll(Pair{Reason, "ok"}, Pair{Period, "1年\u202e"}, Pair{Actor, "\x00"})
	if !errors.Is(err, ErrControl) || !strings.Contains(msg.Zh(err), "保密期限") {
		t.Fatalf("CheckAll = %v", err)
	}
	if err := CheckAll(Pair{Reason, "ok"}, Pair{Actor, "张三"}); err != nil {
		t.Fatal(err)
	}
}

func TestEscapeMakesControlsVisible(t *testing.T) {
	cases := []struct{ in, want string }{
		{"通知", "通知"},
		{"", ""},
		{"关于\x1b[31m红色\x1b[0m的通知", `关于\x1b[31m红色\x1b[0m的通知`},
		{"a\x07b", `a\x07b`},
		{"line1\nline2\tx\r", `line1\nline2\tx\r`},
		{"x\x7fy", `x\x7fy`},
		{"x\u009b2Jy", `x\u009b2Jy`},
		{"abc\u202efdp.exe", "abc‹U+202E›fdp.exe"},
		{"\u2066李四\u2069", "‹U+2066›李四‹U+2069›"},
		{"\u200e\u200f\u061c", "‹U+200E›‹U+200F›‹U+061C›"},
		{"a\u2028b", "a‹U+2028›b"},
		{"a\uffffb", "a‹U+FFFF›b"},
		{"bad\xff\xfe", `bad\xff\xfe`},
		{"张\xe4\xb8", `张\xe4\xb8`},
		{`C:\路径\a.docx`, `C:\路径\a.docx`},
		{"é ü 😀", "é ü 😀"},
	}
	for _, c := range cases {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestEscapeOutputHasNothingATerminalActsOn(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x3000; r++ {
		all.WriteRune(r)
	}
	all.WriteString("\xff\xc0\x80\ufffe\uffff")
	out := Escape(all.String())
	for _, r := range out {
		if r < 0x20 || r >= 0x7f && r <= 0x9f || visibleCode(r) {
			t.Fatalf("Escape left %U", r)
		}
	}
}

func FuzzCheckAndEscape(f *testing.F) {
	for _, s := range []string{"理由", "a\x1bb", "\u202e", "\xff", strings.Repeat("x", 70)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := Check(Comment, s)
		var m *msg.Error
		if err != nil && !errors.As(err, &m) {
			t.Fatalf("not a *msg.Error: %v", err)
		}
		out := Escape(s)
		if err == nil && !strings.ContainsAny(s, "\t\n\r\u2028\u2029") && out != s {
			t.Fatalf("clean text changed: %q → %q", s, out)
		}
		for _, r := range out {
			if r < 0x20 || r >= 0x7f && r <= 0x9f || visibleCode(r) {
				t.Fatalf("Escape(%q) left %U", s, r)
			}
		}
	})
}
