package attr

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/msg"
)

// TestConsistency: a secrecy level allows only 不予公开 on the 国家秘密
// ground of 条例第十四条, that ground needs a level, and every refusal
// names the rule and offers a choice that passes.
func TestConsistency(t *testing.T) {
	cases := []struct {
		name   string
		d      Decision
		want   []error
		saysZh []string // each refusal's Chinese text holds these
	}{
		{"secret withheld on the state-secret ground", Decision{Attribute: Withheld, Basis: StateSecretBasis, Reason: "r", Secrecy: "秘密"}, nil, nil},
		{"secret on request", Decision{Attribute: OnRequest, Basis: "条例第十五条", Reason: "r", Secrecy: "秘密"},
			[]error{ErrSecretNotWithheld}, []string{"只能不予公开", "条例第十四条"}},
		{"secret public", Decision{Attribute: Public, Secrecy: "秘密"}, []error{ErrSecretPublic}, []string{"不予公开", "条例第十四条"}},
		{"secret redacted", Decision{Attribute: Redacted, Basis: "条例第三十七条", Reason: "r", Secrecy: "绝密"},
			[]error{ErrSecretPublic}, []string{"不能删减后公开"}},
		{"机密 withheld as internal affairs", Decision{Attribute: Withheld, Basis: "条例第十六条第一款", Reason: "r", Secrecy: "机密"},
			[]error{ErrSecretNotWithheld}, []string{"只能是 条例第十四条", "条例第十六条第一款"}},
		{"state-secret ground without a level", Decision{Attribute: Withheld, Basis: StateSecretBasis, Reason: "依法确定为国家秘密"},
			[]error{ErrSecretGroundNoLevel}, []string{"须同时标注密级", "条例第十四条（法律法规禁止）"}},
		{"the other grounds of 第十四条 need no level", Decision{Attribute: Withheld, Basis: "条例第十四条（三安全一稳定）", Reason: "r"}, nil, nil},
		{"secret withheld without a basis suggests only 第十四条", Decision{Attribute: Withheld, Reason: "r", Secrecy: "秘密"},
			[]error{ErrNeedsBasis}, []string{"（可选：条例第十四条）"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Validate(c.d, Previous{})
			if len(c.want) == 0 && err != nil {
				t.Fatalf("unexpected %v", err)
			}
			for _, w := range c.want {
				if !errors.Is(err, w) {
					t.Errorf("missing %v in %v", w, err)
				}
			}
			zh, en := Messages(err)
			if len(zh) != len(c.want) {
				t.Errorf("messages %q, want %d", zh, len(c.want))
			}
			for _, s := range c.saysZh {
				if !strings.Contains(strings.Join(zh, "\n"), s) {
					t.Errorf("%q lacks %q", zh, s)
				}
			}
			for _, e := range en {
				if e == "" {
					t.Error("no English message")
				}
			}
		})
	}
}

// TestNoMessageSuggestsARefusedBasis: whatever a basis error suggests is
// accepted when chosen.
func TestNoMessageSuggestsARefusedBasis(t *testing.T) {
	for _, a := range Attributes([]string{Redacted}) {
		if !a.NeedsBasis {
			continue
		}
		for _, level := range []string{"", "秘密"} {
			for _, id := range basisChoices(a.ID, level) {
				d := Decision{Attribute: a.ID, Basis: id, Reason: "r", Secrecy: level}
				if err := Validate(d, Previous{}); err != nil {
					t.Errorf("%s/%q suggests %s, which is refused: %v", a.ID, level, id, err)
				}
			}
			err := Validate(Decision{Attribute: a.ID, Reason: "r", Secrecy: level}, Previous{})
			zh, _ := Messages(err)
			for _, b := range Bases() {
				for _, z := range zh {
					if strings.Contains(z, "可选："+b.ID+"）") || strings.Contains(z, "可选："+b.ID+"、") || strings.Contains(z, "、"+b.ID+"）") || strings.Contains(z, "、"+b.ID+"、") {
						if Validate(Decision{Attribute: a.ID, Basis: b.ID, Reason: "r", Secrecy: level}, Previous{}) != nil {
							t.Errorf("%q suggests refused %s", z, b.ID)
						}
					}
				}
			}
		}
	}
}

func TestCatalogueText(t *testing.T) {
	b, _ := LookupBasis("条例第二十条")
	if strings.Contains(b.Ground, "二十类") || !strings.Contains(b.Ground, "十五项") {
		t.Errorf("第二十条 ground %q", b.Ground)
	}
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// TestPeriodFrom: periods are normalised (full-width digits, spaces,
// Chinese numerals), bidi controls refused, years bounded by the level's
// maximum, dates after the 成文日期 and within the maximum counted from it.
func TestPeriodFrom(t *testing.T) {
	dated := date(2017, 7, 11)
	cases := []struct {
		level, in, want string
		until           time.Time
		err             error
	}{
		{"秘密", "", "", date(2027, 7, 10), nil},
		{"秘密", "10年", "10年", date(2027, 7, 10), nil},
		{"绝密", "", "", date(2047, 7, 10), nil},
		{"机密", "二十年", "20年", date(2037, 7, 10), nil},
		{"秘密", "一年", "1年", date(2018, 7, 10), nil},
		{"秘密", "十年", "10年", date(2027, 7, 10), nil},
		{"秘密", "两年", "2年", date(2019, 7, 10), nil},
		{"秘密", "５０年", "", time.Time{}, ErrPeriodTooLong},
		{"秘密", "50 年", "", time.Time{}, ErrPeriodTooLong},
		{"秘密", "五十年", "", time.Time{}, ErrPeriodTooLong},
		{"秘密", "十一年", "", time.Time{}, ErrPeriodTooLong},
		{"秘密", "0年", "", time.Time{}, ErrPeriodTooLong},
		{"秘密", "5\u202e年", "", time.Time{}, ErrBadSecrecy},
		{"秘密", "5年\u200b", "", time.Time{}, ErrBadSecrecy},
		{"秘密", "2099年12月31日", "", time.Time{}, ErrPeriodTooLong},
		{"秘密", "2016年1月1日", "", time.Time{}, ErrPeriodBeforeDate},
		{"秘密", "2017年7月11日", "", time.Time{}, ErrPeriodBeforeDate},
		{"秘密", "2027年7月10日", "2027年7月10日", date(2027, 7, 10), nil},
		{"秘密", "2027年7月11日", "", time.Time{}, ErrPeriodTooLong},
		{"秘密", "２０２０年 1月1日", "2020年1月1日", date(2020, 1, 1), nil},
		{"秘密", "2020年2月30日", "", time.Time{}, ErrBadSecrecy},
		{"秘密", "2099年12月", "", time.Time{}, ErrBadSecrecy},
		{"机密", "会议开始前", "会议开始前", time.Time{}, nil},
		{"", "1年", "", time.Time{}, ErrBadSecrecy},
	}
	for _, c := range cases {
		got, until, err := ParsePeriodFrom(c.level, c.in, dated)
		if c.err == nil && err != nil || c.err != nil && !errors.Is(err, c.err) {
			t.Errorf("ParsePeriodFrom(%q,%q) err = %v, want %v", c.level, c.in, err, c.err)
			continue
		}
		if got != c.want || !until.Equal(c.until) {
			t.Errorf("ParsePeriodFrom(%q,%q) = %q until %v, want %q until %v", c.level, c.in, got, until, c.want, c.until)
		}
	}
	// Without a 成文日期 dates are not judged (the draft is not dated yet),
	// but years still are.
	if p, _, err := ParsePeriodFrom("秘密", "2099年12月31日", time.Time{}); err != nil || p != "2099年12月31日" {
		t.Errorf("undated: %q %v", p, err)
	}
}

func TestParseDocDate(t *testing.T) {
	for in, want := range map[string]time.Time{
		"2017年7月11日": date(2017, 7, 11), "２０１７年 7 月11日": date(2017, 7, 11),
		"二〇一七年七月十一日": date(2017, 7, 11), "二〇二四年十二月三十一日": date(2024, 12, 31),
	} {
		if got, ok := ParseDocDate(in); !ok || !got.Equal(want) {
			t.Errorf("ParseDocDate(%q) = %v %v", in, got, ok)
		}
	}
	for _, in := range []string{"年　月　日", "2017年2月30日", "某某局", ""} {
		if _, ok := ParseDocDate(in); ok {
			t.Errorf("ParseDocDate(%q) accepted", in)
		}
	}
	if ChineseDate(date(2027, 7, 10)) != "2027年7月10日" {
		t.Error("ChineseDate")
	}
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"5", "五十年", "2028年12月31日", "会议开始前", "５ 年", "\u202e1年"} {
		f.Add("秘密", s)
	}
	f.Fuzz(func(t *testing.T, level, s string) {
		p, until, err := ParsePeriodFrom(level, s, date(2020, 1, 1))
		if err != nil {
			return
		}
		if maxN := maxYears(level); maxN > 0 && !until.IsZero() && until.After(date(2020+maxN, 1, 1)) {
			t.Errorf("%q accepted beyond the maximum: %q until %v", s, p, until)
		}
	})
}

func TestCheckEnabled(t *testing.T) {
	cases := []struct {
		id     string
		extras []string
		want   error
	}{
		{Redacted, nil, ErrDisabled},
		{Redacted, []string{"other"}, ErrDisabled},
		{Redacted, []string{Redacted}, nil},
		{Public, nil, nil}, {OnRequest, nil, nil}, {Withheld, nil, nil},
	}
	for _, c := range cases {
		err := CheckEnabled(c.id, c.extras)
		if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("CheckEnabled(%s, %v) = %v", c.id, c.extras, err)
		}
	}
}

// TestDocTypes: a 规范性文件 must be 主动公开; a 政策性文件 proposed public
// needs its 解读材料; a type outside the settings' list is refused.
func TestDocTypes(t *testing.T) {
	cases := []struct {
		name string
		d    Decision
		want error
	}{
		{"normative public", Decision{Attribute: Public, DocType: TypeNormative}, nil},
		{"normative withheld", Decision{Attribute: Withheld, Basis: "条例第十六条第一款", Reason: "r", DocType: TypeNormative}, ErrNormativePublic},
		{"normative on request", Decision{Attribute: OnRequest, Basis: "条例第十五条", Reason: "r", DocType: TypeNormative}, ErrNormativePublic},
		{"policy public without interpretation", Decision{Attribute: Public, DocType: TypePolicy}, ErrNeedsInterp},
		{"policy public with interpretation", Decision{Attribute: Public, DocType: TypePolicy, Interpretation: "解读.docx"}, nil},
		{"other withheld", Decision{Attribute: Withheld, Basis: "条例第十六条第一款", Reason: "r", DocType: TypeOther}, nil},
	}
	for _, c := range cases {
		err := Validate(c.d, Previous{})
		if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
		if c.want == ErrNormativePublic && !strings.Contains(msg.Zh(err), "条例第二十条第一项") {
			t.Errorf("%s: the refusal does not name the rule: %v", c.name, err)
		}
	}
	if err := CheckDocType("通知", DefaultDocTypes); !errors.Is(err, ErrUnknownDocType) || !strings.Contains(msg.Zh(err), "规范性文件") {
		t.Errorf("unknown type: %v", err)
	}
	for _, ok := range []string{"", TypeNormative, TypePolicy, TypeOther} {
		if err := CheckDocType(ok, DefaultDocTypes); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	if err := CheckDocType("会议纪要", []string{"会议纪要"}); err != nil {
		t.Errorf("a type of the office's own list: %v", err)
	}
}

func FuzzParseDocDate(f *testing.F) {
	for _, s := range []string{"2017年7月11日", "二〇一七年七月十一日", "年　月　日", "２０１７年７月１１日", "九九九九年十三月四十日", "〇〇〇一年一月一日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDocDate(s)
		if !ok {
			return
		}
		if back, ok2 := ParseDocDate(ChineseDate(d)); !ok2 || !back.Equal(d) {
			t.Errorf("%q → %v does not read back (%v %v)", s, d, back, ok2)
		}
	})
}
