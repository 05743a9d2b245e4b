package marker

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/scan/scantest"
)

// TestPrecheckIsWhatMarkDoes: for every case the Verdict names the same
// refusals Mark returns (same sentinels, same words), and an accepted
// Verdict's decision is the one Mark records.
func TestPrecheckIsWhatMarkDoes(t *testing.T) {
	dir := t.TempDir()
	tail := scantest.P("关于某项工作的通知") + scantest.P("各科室：按要求办理。") + scantest.P("某某局") + scantest.P("2024年3月1日")
	secret := scantest.Write(t, dir, "secret.docx", scantest.Doc{Body: scantest.P("秘密★1年") + tail})
	header := scantest.Write(t, dir, "header.docx", scantest.Doc{Body: tail, Header: scantest.P("机密★5年")})
	pii := scantest.Write(t, dir, "pii.docx", scantest.Doc{Body: scantest.P("身份证号 11010519491231002X") + tail})
	odd := scantest.Write(t, dir, "odd.docx", scantest.Doc{Body: scantest.P("秘密★50年") + tail})
	serial := scantest.Write(t, dir, "serial.docx", scantest.Doc{Body: scantest.P("000123") + tail})
	nodate := scantest.Write(t, dir, "nodate.docx", scantest.Doc{Body: scantest.P("关于某项工作的通知") + scantest.P("正文。")})
	withheld := attr.Decision{Attribute: attr.Withheld, Basis: "条例第十四条", Reason: "国家秘密"}
	public := attr.Decision{Attribute: attr.Public}
	set := func(d attr.Decision, level, period string) attr.Decision {
		d.Secrecy, d.Period = level, period
		return d
	}
	cases := []struct {
		name       string
		in         string
		req        Request
		want       []error // sentinels, in order; nil = accepted
		secrecySet bool
		secrecy    string // the completed decision's line
		needsAck   bool
		warnings   int
	}{
		{name: "kept line completes the decision", in: secret, req: Request{Decision: withheld}, secrecy: "秘密★1年"},
		{name: "setting the printed line keeps it", in: secret, req: Request{Decision: set(withheld, "秘密", "1"), SecrecySet: true}, secrecy: "秘密★1年"},
		{name: "raising sets it", in: secret, req: Request{Decision: set(withheld, "绝密", ""), SecrecySet: true}, secrecySet: true, secrecy: "绝密★",
			warnings: 1}, // no 份号
		{name: "a 份号 silences the 份号 warning", in: serial, req: Request{Decision: set(withheld, "机密", "5"), SecrecySet: true},
			secrecySet: true, secrecy: "机密★5年"},
		{name: "a secret draft cannot be on request", in: secret,
			req:  Request{Decision: attr.Decision{Attribute: attr.OnRequest, Basis: "条例第十五条", Reason: "第三方"}, AcceptFindings: "x"},
			want: []error{attr.ErrSecretNotWithheld}, secrecy: "秘密★1年", needsAck: true},
		{name: "a secret draft is withheld on the state-secret ground only", in: secret,
			req:  Request{Decision: attr.Decision{Attribute: attr.Withheld, Basis: "条例第十六条第一款", Reason: "内部事务"}},
			want: []error{attr.ErrSecretNotWithheld}, secrecy: "秘密★1年"},
		{name: "a 解密时间 before the 成文日期", in: secret, req: Request{Decision: set(withheld, "秘密", "2023年12月31日"), SecrecySet: true},
			want: []error{attr.ErrPeriodBeforeDate}, secrecySet: true, secrecy: "秘密★2023年12月31日"},
		{name: "a 解密时间 beyond the maximum from the 成文日期", in: secret, req: Request{Decision: set(withheld, "秘密", "2099年12月31日"), SecrecySet: true},
			want: []error{attr.ErrPeriodTooLong}, secrecySet: true, secrecy: "秘密★2099年12月31日"},
		{name: "the last day of the maximum is accepted", in: secret, req: Request{Decision: set(withheld, "秘密", "2034年2月28日"), SecrecySet: true},
			secrecySet: true, secrecy: "秘密★2034年2月28日"},
		{name: "removing without reason", in: secret, req: Request{Decision: public, SecrecySet: true}, want: []error{attr.ErrDowngrade}, secrecySet: true},
		{name: "removing with reason leaves no finding to acknowledge", in: secret,
			req: Request{Decision: attr.Decision{Attribute: attr.Public, Reason: "已解密"}, SecrecySet: true}, secrecySet: true},
		{name: "keeping and publishing", in: secret, req: Request{Decision: public},
			want: []error{attr.ErrSecretPublic, ErrBlocked}, secrecy: "秘密★1年", needsAck: true},
		{name: "a bad period is a rule problem", in: secret, req: Request{Decision: set(withheld, "秘密", "99年"), SecrecySet: true},
			want: []error{attr.ErrBadSecrecy}, secrecySet: true, secrecy: "秘密★99年"},
		{name: "a printed period out of today's range is kept as printed", in: odd,
			req: Request{Decision: set(withheld, "秘密", "50年"), SecrecySet: true}, secrecy: "秘密★50年"},
		{name: "but cannot be set anew", in: odd, req: Request{Decision: set(withheld, "机密", "50年"), SecrecySet: true},
			want: []error{attr.ErrBadSecrecy}, secrecySet: true, secrecy: "机密★50年", warnings: 1},
		{name: "a header line cannot be replaced", in: header, req: Request{Decision: set(withheld, "秘密", ""), SecrecySet: true},
			want: []error{ErrHeaderSecrecy}, secrecySet: true, secrecy: "秘密★", warnings: 1},
		{name: "a header line set again is kept", in: header, req: Request{Decision: set(withheld, "机密", "5年"), SecrecySet: true},
			secrecy: "机密★5年", warnings: 2},
		{name: "personal data blocks publishing", in: pii, req: Request{Decision: public}, want: []error{ErrBlocked}, needsAck: true},
		{name: "acknowledged personal data", in: pii, req: Request{Decision: public, AcceptFindings: "已同意"}, needsAck: true},
		{name: "withholding needs no acknowledgement", in: pii,
			req: Request{Decision: attr.Decision{Attribute: attr.Withheld, Basis: "条例第十五条", Reason: "个人隐私"}}},
		{name: "the state-secret ground needs a level", in: pii, req: Request{Decision: withheld},
			want: []error{attr.ErrSecretGroundNoLevel}},
		{name: "no date warns where the note goes", in: nodate, req: Request{Decision: public}, warnings: 1},
	}
	l := openLog(t)
	out := t.TempDir()
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.req.Machine.Secret = true // the machine's rules have their own test
			// and so has the 定密 record (TestClassificationWarnings)
			c.req.Decision.Classification = attr.Classification{Classifier: "王五", SecrecyBasis: "第三项", Scope: "班子成员"}
			v, err := PrecheckFile(c.in, c.req)
			if err != nil {
				t.Fatal(err)
			}
			if len(v.Problems) != len(c.want) {
				t.Fatalf("problems %v, want %v", v.Problems, c.want)
			}
			for j, w := range c.want {
				if !errors.Is(v.Problems[j], w) {
					t.Errorf("problem %d = %v, want %v", j, v.Problems[j], w)
				}
			}
			line := attr.SecrecyLine(v.Decision.Secrecy, v.Decision.Period)
			if v.SecrecySet != c.secrecySet || line != c.secrecy || v.NeedsAck != c.needsAck || len(v.Warnings) != c.warnings {
				t.Errorf("verdict set=%v line=%q ack=%v warnings=%q", v.SecrecySet, line, v.NeedsAck, v.Warnings)
			}
			res := Mark(l, []Job{{Input: c.in, Output: filepath.Join(out, itoa(i)+".docx")}}, c.req, nil)[0]
			if c.want == nil {
				if res.Err != nil {
					t.Fatalf("Precheck accepts, Mark refuses: %v", res.Err)
				}
				kept := v.SecrecyFound != "" && !c.secrecySet
				if res.Event.Secrecy != line || res.SecrecyKept != kept {
					t.Errorf("Mark recorded %q kept=%v, Precheck said %q set=%v", res.Event.Secrecy, res.SecrecyKept, line, c.secrecySet)
				}
				return
			}
			mz, _ := attr.Messages(res.Err)
			vz, _ := attr.Messages(v.Err)
			if res.Err == nil || !slices.Equal(mz, vz) {
				t.Errorf("Mark refuses with %q, Precheck with %q", mz, vz)
			}
		})
	}
}

func TestBlockedErrorNamesKindsByLabel(t *testing.T) {
	err := blockedError([]scan.Finding{{Kind: scan.KindIDCard}, {Kind: scan.KindIDCard}, {Kind: scan.KindSecrecyMark}})
	if !errors.Is(err, ErrBlocked) {
		t.Fatal(err)
	}
	if zh, en := msg.Zh(err), msg.En(err); zh != "发现 3 处须处理的内容（身份证号、密级标志）：请处理后再标注，或写明确认说明（理由）后标注" ||
		en != `3 blocking findings (ID card number, secrecy mark): fix them, or acknowledge them with a reason (--accept-findings "reason")` {
		t.Errorf("message %q / %q", zh, en)
	}
}

func itoa(i int) string { return string(rune('a' + i)) }
