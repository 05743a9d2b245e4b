package attr

import (
	"errors"
	"testing"
)

func TestParseAttribute(t *testing.T) {
	for in, want := range map[string]string{
		"public": Public, "主动公开": Public, "公开": Public, "on-request": OnRequest, "依申请公开": OnRequest,
		"onrequest": OnRequest, "withheld": Withheld, "不予公开": Withheld, "删减后公开": Redacted,
	} {
		a, err := ParseAttribute(in)
		if err != nil || a.ID != want {
			t.Errorf("ParseAttribute(%q) = %v, %v want %s", in, a.ID, err, want)
		}
	}
	if _, err := ParseAttribute("maybe"); !errors.Is(err, ErrUnknownAttribute) {
		t.Errorf("unknown attribute: %v", err)
	}
}

func TestAttributesExtras(t *testing.T) {
	if n := len(Attributes(nil)); n != 3 {
		t.Errorf("%d standard attributes", n)
	}
	if n := len(Attributes([]string{Redacted})); n != 4 {
		t.Errorf("%d attributes with 删减后公开 enabled", n)
	}
}

func TestLevelsAndPeriods(t *testing.T) {
	for in, want := range map[string]string{"秘密": "秘密", "secret": "秘密", "机密": "机密", "绝密": "绝密", "none": "", "": ""} {
		if got, err := ParseLevel(in); err != nil || got != want {
			t.Errorf("ParseLevel(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseLevel("内部"); !errors.Is(err, ErrBadSecrecy) {
		t.Errorf("bad level: %v", err)
	}
	cases := []struct {
		level, in, want string
		ok              bool
	}{
		{"秘密", "1", "1年", true}, {"秘密", "10年", "10年", true}, {"秘密", "11年", "", false},
		{"绝密", "30年", "30年", true}, {"机密", "2028年12月31日", "2028年12月31日", true},
		{"机密", "会议开始前", "会议开始前", true}, {"", "1年", "", false}, {"秘密", "", "", true},
	}
	for _, c := range cases {
		got, err := ParsePeriod(c.level, c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParsePeriod(%q,%q) = %q, %v", c.level, c.in, got, err)
		}
	}
	if SecrecyLine("秘密", "1年") != "秘密★1年" || SecrecyLine("", "") != "" {
		t.Error("SecrecyLine")
	}
	if l, p := ParseSecrecyLine("机密★5年"); l != "机密" || p != "5年" {
		t.Errorf("ParseSecrecyLine = %q %q", l, p)
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		d    Decision
		prev Previous
		want []error
	}{
		{"public plain", Decision{Attribute: Public}, Previous{}, nil},
		{"withheld needs basis and reason", Decision{Attribute: Withheld}, Previous{}, []error{ErrNeedsBasis, ErrNeedsReason}},
		{"on-request needs reason", Decision{Attribute: OnRequest, Basis: "条例第十五条"}, Previous{}, []error{ErrNeedsReason}},
		{"withheld complete", Decision{Attribute: Withheld, Basis: "条例第十四条", Reason: "国家秘密", Secrecy: "秘密"}, Previous{}, nil},
		{"secret can never be public", Decision{Attribute: Public, Secrecy: "机密"}, Previous{}, []error{ErrSecretPublic}},
		{"basis must fit", Decision{Attribute: Withheld, Basis: "条例第十九条", Reason: "x"}, Previous{}, []error{ErrBasisMismatch}},
		{"unknown basis", Decision{Attribute: Withheld, Basis: "第九十九条", Reason: "x"}, Previous{}, []error{ErrUnknownBasis}},
		{"policy public needs interpretation", Decision{Attribute: Public, PolicyDoc: true}, Previous{}, []error{ErrNeedsInterp}},
		{"policy public with interpretation", Decision{Attribute: Public, PolicyDoc: true, Interpretation: "解读.docx"}, Previous{}, nil},
		{"removing secrecy needs a reason", Decision{Attribute: Public}, Previous{Secrecy: "秘密"}, []error{ErrDowngrade}},
		{"lowering secrecy needs a reason", Decision{Attribute: Withheld, Basis: "条例第十四条", Secrecy: "秘密"}, Previous{Secrecy: "机密"}, []error{ErrNeedsReason, ErrDowngrade}},
		{"raising needs nothing more", Decision{Attribute: Withheld, Basis: "条例第十四条", Reason: "r", Secrecy: "绝密"}, Previous{Secrecy: "机密"}, nil},
		{"removal with reason", Decision{Attribute: Public, Reason: "已解密"}, Previous{Secrecy: "秘密"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Validate(c.d, c.prev)
			if len(c.want) == 0 && err != nil {
				t.Fatalf("unexpected %v", err)
			}
			for _, w := range c.want {
				if !errors.Is(err, w) {
					t.Errorf("missing %v in %v", w, err)
				}
			}
			zh, en := Messages(err)
			if len(zh) != len(c.want) || len(en) != len(c.want) {
				t.Errorf("messages %v / %v", zh, en)
			}
		})
	}
}

func TestBases(t *testing.T) {
	for _, id := range []string{"条例第十四条", "条例第十五条", "条例第十六条第一款", "条例第十六条第二款", "第十五条"} {
		if _, ok := LookupBasis(id); !ok {
			t.Errorf("basis %s missing", id)
		}
	}
	for _, a := range []string{Withheld, OnRequest, Public} {
		if len(BasesFor(a)) == 0 {
			t.Errorf("no bases for %s", a)
		}
	}
	if MarkText(Public, "note") != "（此件公开发布）" || MarkText(OnRequest, "option") != "信息公开选项：依申请公开" {
		t.Error("mark text")
	}
}
