package cli

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileText is what a careless paste or a hostile insider types: each
// value once made a package Word cannot open, or text that reads otherwise
// than it is.
var hostileText = []struct {
	name, value, code string
}{
	{"U+FFFF", "理由\uffff", "U+FFFF"},
	{"U+FFFE", "\ufffe理由", "U+FFFE"},
	{"NUL", "理\x00由", "U+0000"},
	{"ESC", "理由\x1b[2J", "U+001B"},
	{"RLO", "理由\u202e", "U+202E"},
	{"isolate", "\u2067理由", "U+2067"},
	{"invalid UTF-8", "理由\xff", "UTF-8"},
	{"lone surrogate", "理由\xed\xb0\x80", "UTF-8"},
	{"40000 bytes", strings.Repeat("x", 40000), "at most"},
}

// TestTypedTextIsCheckedAtTheDoor runs every hostile value through every
// typed field of mark, lifecycle, review and settings: each is refused with
// exit 1 and a message in both languages, and leaves no output and no audit
// event.
func TestTypedTextIsCheckedAtTheDoor(t *testing.T) {
	src := corpus(t, "000-plain.docx")
	type door struct {
		field  string   // words of the message naming the field: zh, en
		fieldE string   //
		args   []string // {V} is the hostile value, {OUT} the output
	}
	doors := []door{
		{"“理由”", "the reason", []string{"mark", src, "--attr", "withheld", "--basis", "条例第十六条第一款", "--reason", "{V}", "-o", "{OUT}"}},
		{"“保密期限”", "the secrecy period", []string{"mark", src, "--attr", "withheld", "--basis", "条例第十四条", "--reason", "涉密", "--secrecy", "秘密", "--period", "1年{V}", "-o", "{OUT}"}},
		{"“操作人姓名”", "the actor name", []string{"mark", src, "--attr", "public", "--actor", "{V}", "-o", "{OUT}"}},
		{"“法律依据”", "the legal basis", []string{"mark", src, "--attr", "withheld", "--basis", "条例第十四条{V}", "--reason", "涉密", "-o", "{OUT}"}},
		{"“风险确认理由”", "the acknowledgement", []string{"mark", src, "--attr", "public", "--accept-findings", "{V}", "-o", "{OUT}"}},
		{"“相关文件”", "the reference", []string{"lifecycle", "{PUB}", "--state", "repealed", "--date", "2026-01-01", "--ref", "{V}", "-o", "{OUT}"}},
		{"“操作人姓名”", "the actor name", []string{"lifecycle", "{PUB}", "--state", "expired", "--date", "2026-01-01", "--actor", "{V}", "-o", "{OUT}"}},
		{"“理由”", "the reason", []string{"lifecycle", "{PUB}", "--withdraw", "--reason", "{V}", "-o", "{OUT}"}},
		{"“意见”", "the comment", []string{"review", "submit", "{DRAFT}", "--comment", "{V}", "-o", "{OUT}"}},
		{"“操作人姓名”", "the actor name", []string{"review", "submit", "{DRAFT}", "--actor", "{V}", "-o", "{OUT}"}},
		{"“操作人姓名”", "the actor name", []string{"clean", src, "--comments", "--actor", "{V}", "-o", "{OUT}"}},
	}
	for _, d := range doors {
		for _, h := range hostileText {
			if d.fieldE == "the secrecy period" && h.code == "at most" {
				continue // attr.ParsePeriod refuses a long period first, as a usage error with its own message
			}
			t.Run(d.args[0]+"/"+d.fieldE+"/"+h.name, func(t *testing.T) {
				db := sandbox(t)
				dir := t.TempDir()
				pub, draft := filepath.Join(dir, "pub.docx"), filepath.Join(dir, "draft.docx")
				if code, _, errs := run("--db", db, "mark", src, "--attr", "public", "-o", pub); code != 0 {
					t.Fatalf("mark: %s", errs)
				}
				if code, _, errs := run("--db", db, "mark", src, "--attr", "withheld", "--basis", "条例第十六条第一款", "--reason", "涉密", "-o", draft); code != 0 {
					t.Fatalf("mark: %s", errs)
				}
				before := len(events(t, db))
				out := filepath.Join(dir, "out.docx")
				args := []string{"--db", db}
				for _, a := range d.args {
					a = strings.NewReplacer("{V}", h.value, "{OUT}", out, "{PUB}", pub, "{DRAFT}", draft).Replace(a)
					args = append(args, a)
				}
				code, stdout, errs := run(args...)
				if code != ExitFailure {
					t.Fatalf("exit %d, want %d\n%s%s", code, ExitFailure, stdout, errs)
				}
				if !strings.Contains(errs, d.field) || !strings.Contains(errs, d.fieldE) || !strings.Contains(errs, h.code) {
					t.Errorf("stderr %q does not name %s / %s and %s", errs, d.field, d.fieldE, h.code)
				}
				if !strings.Contains(errs, "请") || !strings.Contains(errs, "again") {
					t.Errorf("stderr %q lacks the advice in both languages", errs)
				}
				if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("output written: %v", err)
				}
				if n := len(events(t, db)); n != before {
					t.Errorf("%d audit events recorded for a refused run", n-before)
				}
				if strings.Contains(stdout+errs, "\x1b") || strings.Contains(stdout+errs, "\u202e") {
					t.Errorf("the hostile value was echoed raw: %q", stdout+errs)
				}
			})
		}
	}
}

// TestUFFFFInReasonNoLongerBreaksThePackage is the reported attack: U+FFFF
// in --reason produced a package Word, WPS and LibreOffice cannot open, with
// exit 0 and an audit event. Now it is refused; the same reason without it
// gives a package whose every XML part parses.
func TestUFFFFInReasonNoLongerBreaksThePackage(t *testing.T) {
	db := sandbox(t)
	src := corpus(t, "000-plain.docx")
	out := filepath.Join(t.TempDir(), "out.docx")
	args := func(reason string) []string {
		return []string{"--db", db, "mark", src, "--attr", "withheld", "--basis", "条例第十六条第一款", "--reason", reason, "-o", out}
	}
	code, _, errs := run(args("涉及国家秘密\uffff")...)
	if code != ExitFailure || !strings.Contains(errs, "“理由”中含有不可见的控制字符（U+FFFF），请删除后重试") ||
		!strings.Contains(errs, "the reason contains the control character U+FFFF; remove it and try again") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("an output was written")
	}
	if n := len(events(t, db)); n != 0 {
		t.Fatalf("%d events", n)
	}
	if code, _, errs := run(args("涉及国家秘密")...); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(rc)
		for {
			if _, err = dec.Token(); err != nil {
				break
			}
		}
		rc.Close()
		if err != io.EOF {
			t.Errorf("%s does not parse: %v", f.Name, err)
		}
	}
}

func TestInterpretationFileNameIsChecked(t *testing.T) {
	db := sandbox(t)
	dir := t.TempDir()
	interp := filepath.Join(dir, "解读\u202excod.docx")
	if err := os.WriteFile(interp, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.docx")
	code, _, errs := run("--db", db, "mark", corpus(t, "000-plain.docx"), "--attr", "public", "--policy-doc",
		"--interpretation", interp, "-o", out)
	if code != ExitFailure || !strings.Contains(errs, "“解读材料”") || !strings.Contains(errs, "U+202E") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("output written")
	}
}

func TestSettingsAndKeyringNamesAreChecked(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"settings name", []string{"settings", "set", "name", "张三\u202e"}, "“姓名”中含有不可见的控制字符（U+202E）"},
		{"settings unit", []string{"settings", "set", "unit", "某局\x1b[31m"}, "“单位”中含有不可见的控制字符（U+001B）"},
		{"settings name too long", []string{"settings", "set", "name", strings.Repeat("名", 65)}, "“姓名”过长（65 字，最多 64 字）"},
		{"settings name, huge", []string{"settings", "set", "name", strings.Repeat("x", 40000)}, "最多 64 字"},
		{"keyring name", []string{"review", "keyring", "add", "李四\uffff", "{PUB}"}, "“同事姓名”中含有不可见的控制字符（U+FFFF）"},
		{"keyring name too long", []string{"review", "keyring", "add", strings.Repeat("李", 100), "{PUB}"}, "“同事姓名”过长"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := sandbox(t)
			home := filepath.Dir(db)
			if code, _, errs := run("review", "key"); code != 0 {
				t.Fatal(errs)
			}
			settingsBefore, _ := os.ReadFile(filepath.Join(home, "settings.json"))
			args := []string{"--db", db}
			for _, a := range c.args {
				args = append(args, strings.ReplaceAll(a, "{PUB}", filepath.Join(home, "installation.pub")))
			}
			code, _, errs := run(args...)
			if code != ExitFailure || !strings.Contains(errs, c.want) {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if after, _ := os.ReadFile(filepath.Join(home, "settings.json")); string(after) != string(settingsBefore) {
				t.Error("settings file changed")
			}
			if _, err := os.Stat(filepath.Join(home, "keyring.json")); err == nil {
				t.Error("keyring written")
			}
			if _, err := os.Stat(db); err == nil && len(events(t, db)) != 0 {
				t.Error("audit event recorded")
			}
		})
	}
}
