package marker

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/scan/scantest"
	"github.com/docattr/docattr/internal/settings"
)

// TestMachine: on an ordinary computer secret work is warned about, or
// refused when the settings say so; a 涉密计算机 is neither; the event
// records the machine; a quiet log keeps the file name, reasons and
// excerpts of a secret document out.
func TestMachine(t *testing.T) {
	dir := t.TempDir()
	tail := scantest.P("关于某项工作的通知") + scantest.P("各科室：按要求办理。") + scantest.P("某某局") + scantest.P("2024年3月1日")
	secret := scantest.Write(t, dir, "机密通知.docx", scantest.Doc{Body: scantest.P("秘密★1年") + tail})
	plain := scantest.Write(t, dir, "通知.docx", scantest.Doc{Body: tail})
	withheld := attr.Decision{Attribute: attr.Withheld, Basis: attr.StateSecretBasis, Reason: "依法确定为国家秘密"}
	setLevel := withheld
	setLevel.Secrecy = "秘密"
	internal := attr.Decision{Attribute: attr.Withheld, Basis: "条例第十六条第一款", Reason: "内部事务"}
	ordinary, strict, approved := settings.Machine{}, settings.Machine{RefuseSecret: true}, settings.Machine{Secret: true}
	cases := []struct {
		name    string
		in      string
		req     Request
		refused bool
		warned  bool
		machine string
	}{
		{"ordinary: a secret draft is warned", secret, Request{Decision: withheld, Machine: ordinary}, false, true, "ordinary"},
		{"ordinary: setting a level is warned", plain, Request{Decision: setLevel, SecrecySet: true, Machine: ordinary}, false, true, "ordinary"},
		{"strict: a secret draft is refused", secret, Request{Decision: withheld, Machine: strict}, true, false, ""},
		{"strict: setting a level is refused", plain, Request{Decision: setLevel, SecrecySet: true, Machine: strict}, true, false, ""},
		{"strict: removing the mark of a secret draft is refused too", secret,
			Request{Decision: internal, SecrecySet: true, Machine: strict}, true, false, ""},
		{"strict: a plain draft is marked", plain, Request{Decision: internal, Machine: strict}, false, false, "ordinary"},
		{"approved: no warning", secret, Request{Decision: withheld, Machine: approved}, false, false, "secret"},
	}
	l := openLog(t)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := PrecheckFile(c.in, c.req)
			if err != nil {
				t.Fatal(err)
			}
			res := Mark(l, []Job{{Input: c.in, Output: filepath.Join(dir, "out"+itoa(i)+".docx")}}, c.req, nil)[0]
			if c.refused {
				if !errors.Is(v.Err, ErrOrdinaryMachine) || !errors.Is(res.Err, ErrOrdinaryMachine) {
					t.Fatalf("precheck %v, mark %v: want both refused", v.Err, res.Err)
				}
				return
			}
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if got := slices.Contains(v.Warnings, WarnOrdinaryMachine); got != c.warned || slices.Contains(res.Warnings, WarnOrdinaryMachine) != c.warned {
				t.Errorf("warned %v (%q), want %v", got, v.Warnings, c.warned)
			}
			if c.warned && v.Warnings[0] != WarnOrdinaryMachine {
				t.Errorf("the machine warning is not first: %q", v.Warnings)
			}
			if res.Event.Details["machine"] != c.machine {
				t.Errorf("event machine %q, want %q", res.Event.Details["machine"], c.machine)
			}
		})
	}
	t.Run("quiet log", func(t *testing.T) {
		req := Request{Decision: withheld, AcceptFindings: "", Machine: settings.Machine{Secret: true, QuietLog: true}}
		res := Mark(l, []Job{{Input: secret, Output: filepath.Join(dir, "quiet.docx")}}, req, nil)[0]
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		ev := res.Event
		if _, ok := ev.Details["title"]; ok {
			t.Errorf("the quiet event keeps the title %q", ev.Details["title"])
		}
		all := ev.File + ev.Reason + ev.Details["output"] + ev.Details["interpretation"]
		for _, f := range ev.Findings {
			all += f.Excerpt
		}
		if strings.Contains(all, "机密通知") || strings.Contains(all, "依法确定") || strings.Contains(all, "秘密★") {
			t.Errorf("the quiet event still names the document: %+v", ev)
		}
		if ev.InputSHA256 == "" || ev.DocID == "" || ev.Attribute != attr.Withheld || ev.Details["quiet"] != "true" {
			t.Errorf("the quiet event lost what proves the decision: %+v", ev)
		}
		if res.Record.Reason != "依法确定为国家秘密" {
			t.Errorf("the document's own record lost its reason: %+v", res.Record)
		}
		plainRes := Mark(l, []Job{{Input: plain, Output: filepath.Join(dir, "loud.docx")}}, Request{Decision: internal, Machine: req.Machine}, nil)[0]
		if plainRes.Err != nil || plainRes.Event.File != "通知.docx" || plainRes.Event.Reason != "内部事务" {
			t.Errorf("a document without a level is logged as usual: %+v %v", plainRes.Event, plainRes.Err)
		}
	})
}
