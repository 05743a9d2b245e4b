package app

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/cli"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan/scantest"
)

// doorDrafts are the drafts of the both-doors table, built here so each
// case knows exactly what it marks. The ID number passes the GB 11643 check.
var doorDrafts = map[string]scantest.Doc{
	"plain": {Body: scantest.P("关于调整办公时间的通知") + scantest.P("各科室：自下周起调整办公时间。") +
		scantest.P("某某局") + scantest.P("2024年3月1日")},
	"pii": {Body: scantest.P("关于张某补助的通知") + scantest.P("张某，身份证号 11010519491231002X，补助已发放。") +
		scantest.P("某某局") + scantest.P("2024年3月1日")},
	"secret": {Body: scantest.P("秘密★1年") + scantest.P("关于某项工作的通知") + scantest.P("各科室：按要求办理。") +
		scantest.P("某某局") + scantest.P("2024年3月1日")},
	"confidential": {Body: scantest.P("机密★5年") + scantest.P("关于某项工作的通知") + scantest.P("各科室：按要求办理。") +
		scantest.P("某某局") + scantest.P("2024年3月1日")},
	"oddperiod": {Body: scantest.P("秘密★50年") + scantest.P("关于某项工作的通知") + scantest.P("各科室：按要求办理。") +
		scantest.P("某某局") + scantest.P("2024年3月1日")},
	"header": {Body: scantest.P("关于某项工作的通知") + scantest.P("各科室：按要求办理。") +
		scantest.P("某某局") + scantest.P("2024年3月1日"), Header: scantest.P("机密★5年")},
}

// doorCase is one marking request in door-neutral terms. secrecy nil
// leaves the draft's secrecy as found (CLI: no --secrecy; app: the level
// the form was filled with); otherwise "无" or a level, with period.
type doorCase struct {
	name, draft                    string
	attr, basis, reason            string
	secrecy                        *string
	period                         string
	policy                         bool
	docType                        string
	interp                         bool // give the interpretation material
	ack                            string
	wantOK                         bool
	wantMsg                        []string // substrings of the refusal, in both doors
	wantSecrecy, wantPrevSecrecy   string   // of the event, when accepted
	wantAck                        bool     // the event records an acknowledgement
	wantKept                       bool     // the printed secrecy line is the draft's own
	wantLineInBody, wantNoLineBody bool
	wantNote                       string // a substring of a warning, in both doors
}

func level(s string) *string { return &s }

var doorCases = []doorCase{
	{name: "public with no findings", draft: "plain", attr: "public", wantOK: true},
	{name: "public with an ID number, no acknowledgement", draft: "pii", attr: "public",
		wantMsg: []string{"须处理的内容", "身份证号"}},
	{name: "public with an ID number, acknowledged", draft: "pii", attr: "public", ack: "已征得本人同意公开",
		wantOK: true, wantAck: true},
	{name: "withheld without basis or reason", draft: "pii", attr: "withheld",
		wantMsg: []string{"须注明法律依据", "须说明理由"}},
	{name: "withheld with basis, no reason", draft: "plain", attr: "withheld", basis: "条例第十六条第一款",
		wantMsg: []string{"须说明理由"}},
	{name: "withheld with basis and reason needs no acknowledgement", draft: "pii", attr: "withheld",
		basis: "条例第十五条", reason: "含有个人隐私", wantOK: true},
	{name: "on-request with basis and reason", draft: "plain", attr: "on-request", basis: "条例第十六条第一款",
		reason: "属于内部工作流程信息", wantOK: true},
	{name: "white space around typed text is not recorded", draft: "pii", attr: "on-request", basis: "条例第十五条",
		reason: "  含有个人隐私 ", ack: " 已遮盖后另行提供  ", wantOK: true, wantAck: true},
	{name: "withheld with a bidi override in the reason", draft: "plain", attr: "withheld", basis: "条例第十六条第一款",
		reason: "内部\u202e事务", wantMsg: []string{"控制字符"}},
	{name: "on-request without reason", draft: "plain", attr: "on-request", basis: "条例第十六条第一款",
		wantMsg: []string{"须说明理由"}},
	{name: "on-request keeping a secrecy line needs acknowledgement", draft: "secret", attr: "on-request",
		basis: "条例第十五条", reason: "涉及第三方", wantMsg: []string{"密级标志"}},
	{name: "on-request keeping a secrecy line, acknowledged", draft: "secret", attr: "on-request",
		basis: "条例第十五条", reason: "涉及第三方", ack: "仅向当事人提供", wantMsg: []string{"只能不予公开", "条例第十四条"}},
	{name: "a secret draft withheld on another ground", draft: "secret", attr: "withheld", basis: "条例第十六条第一款",
		reason: "内部事务", wantMsg: []string{"依据只能是 条例第十四条"}},
	{name: "the state-secret ground without a level", draft: "plain", attr: "withheld", basis: "条例第十四条",
		reason: "依法确定为国家秘密", wantMsg: []string{"须同时标注密级"}},
	{name: "a 解密时间 beyond the maximum", draft: "plain", attr: "withheld", basis: "条例第十四条", reason: "依法确定为国家秘密",
		secrecy: level("秘密"), period: "2099年12月31日", wantMsg: []string{"超过秘密的最长保密期限 10 年", "2034年2月28日"}},
	{name: "a 解密时间 before the 成文日期", draft: "plain", attr: "withheld", basis: "条例第十四条", reason: "依法确定为国家秘密",
		secrecy: level("秘密"), period: "2023年1月1日", wantMsg: []string{"不晚于成文日期"}},
	{name: "a period in Chinese numerals beyond the maximum", draft: "plain", attr: "withheld", basis: "条例第十四条",
		reason: "依法确定为国家秘密", secrecy: level("秘密"), period: "五十年", wantMsg: []string{"最长 10 年"}},
	{name: "a period in Chinese numerals within the maximum", draft: "plain", attr: "withheld", basis: "条例第十四条",
		reason: "依法确定为国家秘密", secrecy: level("秘密"), period: "五年", wantOK: true, wantSecrecy: "秘密★5年", wantLineInBody: true},
	{name: "a 机密 draft without 份号 is warned", draft: "confidential", attr: "withheld", basis: "条例第十四条",
		reason: "本文件依法确定为国家秘密", wantOK: true, wantSecrecy: "机密★5年", wantPrevSecrecy: "机密", wantKept: true,
		wantNote: "应当标注份号"},
	{name: "public keeping a secrecy line", draft: "secret", attr: "public",
		wantMsg: []string{"不能主动公开", "密级标志"}},
	{name: "public removing a secrecy line without reason", draft: "secret", attr: "public", secrecy: level("无"),
		wantMsg: []string{"须说明理由"}},
	{name: "public removing a secrecy line with reason", draft: "secret", attr: "public", secrecy: level("无"),
		reason: "已于2024年2月依法解密", wantOK: true, wantPrevSecrecy: "秘密", wantNoLineBody: true},
	{name: "withheld keeping a secrecy line", draft: "secret", attr: "withheld", basis: "条例第十四条",
		reason: "本文件依法确定为国家秘密", wantOK: true, wantSecrecy: "秘密★1年", wantPrevSecrecy: "秘密", wantKept: true},
	{name: "withheld setting the same secrecy line keeps it", draft: "secret", attr: "withheld", basis: "条例第十四条",
		reason: "本文件依法确定为国家秘密", secrecy: level("秘密"), period: "1年",
		wantOK: true, wantSecrecy: "秘密★1年", wantPrevSecrecy: "秘密", wantKept: true},
	{name: "withheld raising the secrecy level", draft: "secret", attr: "withheld", basis: "条例第十四条",
		reason: "本文件依法确定为国家秘密", secrecy: level("机密"), period: "5年",
		wantOK: true, wantSecrecy: "机密★5年", wantPrevSecrecy: "秘密", wantLineInBody: true},
	{name: "withheld lowering the secrecy level with reason", draft: "confidential", attr: "withheld", basis: "条例第十四条",
		reason: "经定密责任人批准降为秘密", secrecy: level("秘密"), period: "1年",
		wantOK: true, wantSecrecy: "秘密★1年", wantPrevSecrecy: "机密", wantLineInBody: true},
	{name: "withheld removing the secrecy line with reason", draft: "secret", attr: "withheld", basis: "条例第十六条第一款",
		reason: "已解密，属于内部事务信息", secrecy: level("无"), wantOK: true, wantPrevSecrecy: "秘密", wantNoLineBody: true},
	{name: "a printed period beyond today's maximum is kept untouched", draft: "oddperiod", attr: "withheld", basis: "条例第十四条",
		reason: "本文件依法确定为国家秘密", wantOK: true, wantSecrecy: "秘密★50年", wantPrevSecrecy: "秘密", wantKept: true},
	{name: "secrecy in the header, setting another level", draft: "header", attr: "withheld", basis: "条例第十四条",
		reason: "本文件依法确定为国家秘密", secrecy: level("秘密"), period: "1年", wantMsg: []string{"页眉中已有密级标志"}},
	{name: "secrecy in the header, kept", draft: "header", attr: "withheld", basis: "条例第十四条",
		reason: "本文件依法确定为国家秘密", wantOK: true, wantSecrecy: "机密★5年", wantPrevSecrecy: "机密", wantKept: true,
		wantNote: "页眉中有密级标志"},
	{name: "secrecy in the header, the same level set", draft: "header", attr: "withheld", basis: "条例第十四条",
		reason: "本文件依法确定为国家秘密", secrecy: level("机密"), period: "5年",
		wantOK: true, wantSecrecy: "机密★5年", wantPrevSecrecy: "机密", wantKept: true},
	{name: "adding a secrecy level to a public draft", draft: "plain", attr: "public", secrecy: level("秘密"),
		wantMsg: []string{"不能主动公开"}},
	// The same questions on real drafts of the corpus (秘密★ = the maximum period).
	{name: "corpus: public removing a secrecy line with reason", draft: "gongwen/000-secret.docx", attr: "public",
		secrecy: level("无"), reason: "已依法解密", wantOK: true, wantPrevSecrecy: "秘密", wantNoLineBody: true},
	{name: "corpus: public keeping a secrecy line", draft: "gongwen/000-secret.docx", attr: "public",
		wantMsg: []string{"不能主动公开"}},
	{name: "corpus: withheld keeping a secrecy line", draft: "gongwen/000-secret.docx", attr: "withheld", basis: "条例第十四条",
		reason: "本文件依法确定为国家秘密", wantOK: true, wantSecrecy: "秘密★", wantPrevSecrecy: "秘密", wantKept: true},
	{name: "corpus: public with personal data, no acknowledgement", draft: "gongwen/000-pii.docx", attr: "public",
		wantMsg: []string{"须处理的内容"}},
	{name: "corpus: on-request with personal data, acknowledged", draft: "gongwen/000-pii.docx", attr: "on-request",
		basis: "条例第十五条", reason: "含有个人隐私", ack: "已遮盖后另行提供", wantOK: true, wantAck: true},
	{name: "policy document public without interpretation", draft: "plain", attr: "public", policy: true,
		wantMsg: []string{"解读材料"}},
	{name: "a 规范性文件 cannot be withheld", draft: "plain", attr: "withheld", basis: "条例第十六条第一款", reason: "内部事务",
		docType: "规范性文件", wantMsg: []string{"规范性文件应当主动公开"}},
	{name: "a 规范性文件 made public", draft: "plain", attr: "public", docType: "规范性文件", wantOK: true},
	{name: "a 政策性文件 public without interpretation", draft: "plain", attr: "public", docType: "政策性文件",
		wantMsg: []string{"解读材料"}},
	{name: "policy document public with interpretation", draft: "plain", attr: "public", policy: true, interp: true,
		wantOK: true},
}

// TestBothDoorsAgree runs every case through the command line (in process)
// and through the app's mark form, and asserts that both accept or refuse
// it, with the same messages, and that accepted ones record the same event
// and stamp the same marks.
func TestBothDoorsAgree(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	drafts := map[string]string{}
	for name, d := range doorDrafts {
		drafts[name] = scantest.Write(t, dir, name+".docx", d)
	}
	interp := filepath.Join(dir, "解读材料.docx")
	if err := os.WriteFile(interp, []byte("解读"), 0o600); err != nil {
		t.Fatal(err)
	}
	for i, c := range doorCases {
		t.Run(c.name, func(t *testing.T) {
			in, ok := drafts[c.draft]
			if !ok {
				in = filepath.Join("..", "..", "shared", "corpus", c.draft)
				if _, err := os.Stat(in); err != nil {
					t.Skipf("corpus draft %s not available", c.draft)
				}
			}
			cliOut := filepath.Join(dir, "cli", itoa(i)+".docx")
			appOut := filepath.Join(dir, "app", itoa(i)+".docx")
			os.MkdirAll(filepath.Dir(cliOut), 0o700)
			os.MkdirAll(filepath.Dir(appOut), 0o700)

			// The command line.
			cliDB := filepath.Join(dir, "cli.db")
			args := []string{"--db", cliDB, "mark", in, "-o", cliOut, "--attr", c.attr, "--actor", "测试员"}
			for _, kv := range [][2]string{{"--basis", c.basis}, {"--reason", c.reason}, {"--accept-findings", c.ack}} {
				if kv[1] != "" {
					args = append(args, kv[0], kv[1])
				}
			}
			if c.secrecy != nil {
				args = append(args, "--secrecy", *c.secrecy)
				if c.period != "" {
					args = append(args, "--period", c.period)
				}
			}
			if c.policy {
				args = append(args, "--policy-doc")
			}
			if c.docType != "" {
				args = append(args, "--type", c.docType)
			}
			if c.interp {
				args = append(args, "--interpretation", interp)
			}
			var stdout, stderr bytes.Buffer
			code := cli.Run(args, &stdout, &stderr)
			cliMsgs := refusalLines(stderr.String())

			// The app's form.
			u.open(in)
			if abs, _ := filepath.Abs(in); u.mark.cur == nil || u.mark.cur.path != abs {
				t.Fatal("the draft was not opened in the app")
			}
			f := u.mark.form
			f.setAttribute(c.attr)
			if c.basis != "" {
				f.basis.SetSelected(c.basis)
			}
			if c.reason != "" {
				test.Type(f.reason, c.reason)
			}
			if c.secrecy != nil {
				f.secrecy.SetSelected(*c.secrecy)
				f.period.SetText(c.period)
			}
			f.policy.SetChecked(c.policy)
			if c.docType != "" {
				f.docType.SetSelected(c.docType)
			} else {
				f.docType.ClearSelected()
			}
			if c.interp {
				if err := f.chooseInterpretation(interp); err != nil {
					t.Fatal(err)
				}
			}
			if c.ack != "" {
				f.ack.SetText(c.ack)
			}
			appMsgs := formLines(f.problems.Text)
			appNotes := formLines(strings.TrimPrefix(f.notes.Text, "请注意：\n"))
			enabled := !f.saveBtn.Disabled()

			if (code == 0) != c.wantOK || enabled != c.wantOK {
				t.Fatalf("want ok=%v: CLI exit %d (%s), app save enabled=%v (%q)", c.wantOK, code, stderr.String(), enabled, f.problems.Text)
			}
			// Saving runs the engine whatever the button shows: it must
			// agree with the form.
			u.mark.markTo(appOut)
			if f.last == nil || (f.last.Err == nil) != c.wantOK {
				t.Fatalf("app marking err = %v, want ok=%v", f.last.Err, c.wantOK)
			}
			if !c.wantOK {
				if len(appMsgs) == 0 {
					t.Error("refused without a message")
				}
				if !slices.Equal(cliMsgs, appMsgs) {
					t.Errorf("the doors refuse with different words:\nCLI %q\napp %q", cliMsgs, appMsgs)
				}
				for _, w := range c.wantMsg {
					if !strings.Contains(f.problems.Text, w) {
						t.Errorf("refusal %q lacks %q", f.problems.Text, w)
					}
				}
				for _, p := range []string{cliOut, appOut} {
					if _, err := os.Stat(p); err == nil {
						t.Errorf("a refused marking wrote %s", p)
					}
				}
				return
			}
			if len(appMsgs) != 0 {
				t.Errorf("accepted, yet the form lists problems %q", appMsgs)
			}
			var cliNotes []string
			for _, l := range strings.Split(stdout.String(), "\n") {
				if n, ok := strings.CutPrefix(l, "  注意 / note: "); ok {
					cliNotes = append(cliNotes, n)
				}
			}
			if !slices.Equal(cliNotes, appNotes) || !slices.Equal(f.last.Warnings, appNotes) {
				t.Errorf("the doors warn differently:\nCLI  %q\nform %q\nsaved %q", cliNotes, appNotes, f.last.Warnings)
			}
			if c.wantNote != "" && !strings.Contains(strings.Join(appNotes, "\n"), c.wantNote) {
				t.Errorf("warnings %q lack %q", appNotes, c.wantNote)
			}
			cliEv, appEv := lastEvent(t, cliDB), f.last.Event
			compareEvents(t, cliEv, appEv)
			if appEv.Secrecy != c.wantSecrecy || appEv.PrevSecrecy != c.wantPrevSecrecy {
				t.Errorf("event secrecy %q (was %q), want %q (was %q)", appEv.Secrecy, appEv.PrevSecrecy, c.wantSecrecy, c.wantPrevSecrecy)
			}
			if (appEv.Acknowledged != "") != c.wantAck {
				t.Errorf("event acknowledgement %q, want one: %v", appEv.Acknowledged, c.wantAck)
			}
			if f.last.SecrecyKept != c.wantKept {
				t.Errorf("secrecy kept = %v, want %v", f.last.SecrecyKept, c.wantKept)
			}
			if c.wantKept && !strings.Contains(stdout.String(), "secrecy line kept") {
				t.Errorf("the CLI does not say the secrecy line was kept:\n%s", stdout.String())
			}
			cliMarks, appMarks := marksOf(t, cliOut), marksOf(t, appOut)
			if cliMarks != appMarks {
				t.Errorf("the doors stamp differently:\nCLI %+v\napp %+v", cliMarks, appMarks)
			}
			if c.wantLineInBody && (appMarks.secrecy != c.wantSecrecy || appMarks.inHeader) {
				t.Errorf("printed secrecy %+v, want %q in the body", appMarks, c.wantSecrecy)
			}
			if c.wantNoLineBody && appMarks.secrecy != "" {
				t.Errorf("the secrecy line %q is still printed", appMarks.secrecy)
			}
		})
	}
}

// refusalLines are the Chinese halves of the CLI's "  - 中文 / English" lines.
func refusalLines(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if rest, ok := strings.CutPrefix(l, "  - "); ok {
			zh, _, _ := strings.Cut(rest, " / ")
			out = append(out, zh)
		}
	}
	return out
}

// formLines are the form's "•" problem lines.
func formLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimPrefix(l, "•"); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func lastEvent(t *testing.T, db string) audit.Event {
	t.Helper()
	l, err := audit.Open(db, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var last audit.Event
	if err := l.List(audit.Filter{}, func(e audit.Event) error { last = e; return nil }); err != nil {
		t.Fatal(err)
	}
	return last
}

// compareEvents compares what the decision put into the two events (not
// times, hashes or ids, which differ by nature).
func compareEvents(t *testing.T, a, b audit.Event) {
	t.Helper()
	type view struct {
		Type, Attribute, PrevAttribute, Secrecy, PrevSecrecy, Basis, Reason, Acknowledged, InputSHA256 string
		Actor, File, Policy, Interp, Found, Placement, Findings                                        string
	}
	v := func(e audit.Event) view {
		var kinds []string
		for _, f := range e.Findings {
			kinds = append(kinds, f.Kind+"@"+f.Location)
		}
		return view{e.Type, e.Attribute, e.PrevAttribute, e.Secrecy, e.PrevSecrecy, e.Basis, e.Reason, e.Acknowledged, e.InputSHA256,
			e.Actor.Name, e.File, e.Details["policy_doc"], e.Details["interpretation"], e.Details["secrecy_found"],
			e.Details["placement"], strings.Join(kinds, ",")}
	}
	if va, vb := v(a), v(b); va != vb {
		t.Errorf("the doors record different events:\nCLI %+v\napp %+v", va, vb)
	}
}

// marks is what a marked copy prints and records.
type marks struct {
	secrecy, note                                   string
	inHeader                                        bool
	attribute, basis, reason, recSecrecy, recPeriod string
	policy                                          bool
	interp, acknowledged, until, interpSum, docType string
}

func marksOf(t *testing.T, path string) marks {
	t.Helper()
	d, err := docx.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer d.Close()
	a, r := d.Analyze(), d.Record()
	if r == nil {
		t.Fatalf("%s carries no record", path)
	}
	return marks{a.SecrecyText, a.NoteText, a.SecrecyInHeader, r.Attribute, r.Basis, r.Reason, r.Secrecy, r.Period,
		r.PolicyDoc, r.Interpretation, r.Acknowledged, r.SecrecyUntil, r.InterpSHA256, r.DocType}
}

func itoa(i int) string { return string(rune('a'+i/26)) + string(rune('a'+i%26)) }
