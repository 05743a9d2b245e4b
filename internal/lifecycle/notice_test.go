package lifecycle

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestLifecycleNoticeWording(t *testing.T) {
	cases := []struct {
		state, date, ref, want string
	}{
		{"repealed", "2026-01-01", "《某某办法》（某政发〔2026〕1号）", "【已废止】本文件已于2026年1月1日废止，由《某某办法》（某政发〔2026〕1号）替代。"},
		{"已废止", "2026年1月1日", "", "【已废止】本文件已于2026年1月1日废止。"},
		{"amended", "2025-12-05", "某某办法", "【已修改】本文件已于2025年12月5日修改，修改后的内容见《某某办法》。"},
		{"修改", "2025-12-05", "某政发〔2025〕9号。", "【已修改】本文件已于2025年12月5日修改，修改后的内容见某政发〔2025〕9号。"},
		{"expired", "2024/6/30", "", "【已失效】本文件已于2024年6月30日失效。"},
		{"EXPIRED", "2024.6.30", "关于宣布失效一批规范性文件的决定", "【已失效】本文件已于2024年6月30日失效（依据《关于宣布失效一批规范性文件的决定》）。"},
	}
	for _, c := range cases {
		got, err := LifecycleNotice(c.state, c.date, c.ref)
		if err != nil || got != c.want {
			t.Errorf("LifecycleNotice(%q, %q, %q) = %q, %v\n want %q", c.state, c.date, c.ref, got, err, c.want)
		}
	}
}

func TestLifecycleNoticeRefusals(t *testing.T) {
	cases := []struct {
		state, date, ref string
		want             error
	}{
		{"cancelled", "2026-01-01", "", ErrState},
		{"", "2026-01-01", "", ErrState},
		{"repealed", "2026-02-30", "", ErrDate},
		{"repealed", "明年", "", ErrDate},
		{"repealed", "2026-01-01", "第一行\n第二行", ErrRef},
		{"repealed", "2026-01-01", strings.Repeat("长", MaxRefLength+1), ErrRef},
	}
	for _, c := range cases {
		if _, err := LifecycleNotice(c.state, c.date, c.ref); !errors.Is(err, c.want) {
			t.Errorf("LifecycleNotice(%q, %q, %.10q): err %v, want %v", c.state, c.date, c.ref, err, c.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	ok := map[string]string{
		"2026-01-01":     "2026-01-01",
		"2026-1-1":       "2026-01-01",
		"2026/12/31":     "2026-12-31",
		"2026.2.28":      "2026-02-28",
		"2026年1月1日":      "2026-01-01",
		"2026 年 1 月 1 日": "2026-01-01",
		"２０２６年１２月３日":     "2026-12-03",
		"2024-02-29":     "2024-02-29",
		" 2026-01-01\t":  "2026-01-01",
	}
	for in, want := range ok {
		got, err := ParseDate(in)
		if err != nil || got.Format(time.DateOnly) != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "2026", "2026-01", "2026-13-01", "2025-02-29", "2026-01/01", "2026年1月", "26-1-1",
		"20260101", "2026-01-01T00:00", "二〇二六年一月一日", "1900-01-01", "2026年1月1", "2026-001-01"} {
		if _, err := ParseDate(in); !errors.Is(err, ErrDate) {
			t.Errorf("ParseDate(%q) accepted, want ErrDate", in)
		}
	}
}

func TestParseStateAcceptsIDsTagsAndVerbs(t *testing.T) {
	for in, want := range map[string]string{"amended": Amended, "已修改": Amended, "修改": Amended,
		"Repealed": Repealed, "已废止": Repealed, "废止": Repealed, "expired": Expired, "已失效": Expired, " 失效 ": Expired} {
		if st, err := ParseState(in); err != nil || st.ID != want {
			t.Errorf("ParseState(%q) = %v, %v; want %s", in, st.ID, err, want)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-01-01", "2026年1月1日", "２０２６年１２月３日", "2026/2/30", "", "年月日", "9999-99-99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		// Whatever was accepted is a real date that formats and parses back.
		again, err := ParseDate(FormatDate(d))
		if err != nil || !again.Equal(d) {
			t.Errorf("%q → %v → %q does not round-trip (%v)", s, d, FormatDate(d), err)
		}
		if d.Year() < 1949 || d.Year() > 2999 {
			t.Errorf("%q gave year %d", s, d.Year())
		}
	})
}
