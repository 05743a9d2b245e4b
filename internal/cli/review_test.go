package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/settings"
)

// home is one installation: its own DOCATTR_HOME, settings, key and log.
type home struct {
	t    *testing.T
	dir  string
	name string
}

func newHome(t *testing.T, name string, roles ...string) *home {
	h := &home{t: t, dir: t.TempDir(), name: name}
	h.use()
	s := settings.Default()
	s.Name, s.Roles = name, roles
	if err := settings.Save(s); err != nil {
		t.Fatal(err)
	}
	return h
}

// use makes h the installation the next commands run in.
func (h *home) use() {
	h.t.Setenv("DOCATTR_HOME", h.dir)
	h.t.Setenv("DOCATTR_DB", "")
	h.t.Setenv("XDG_DATA_HOME", "")
}

// run runs a command as this installation.
func (h *home) run(args ...string) (int, string, string) {
	h.use()
	return run(args...)
}

func (h *home) ok(args ...string) string {
	h.t.Helper()
	code, out, errs := h.run(args...)
	if code != ExitOK {
		h.t.Fatalf("%s: docattr %s: exit %d\n%s%s", h.name, strings.Join(args, " "), code, out, errs)
	}
	return out
}

func (h *home) refused(wantErr string, args ...string) {
	h.t.Helper()
	code, out, errs := h.run(args...)
	if code != ExitFailure || !strings.Contains(errs, wantErr) {
		h.t.Fatalf("%s: docattr %s: exit %d, want refusal with %q\n%s%s", h.name, strings.Join(args, " "), code, wantErr, out, errs)
	}
}

func (h *home) pub() string {
	h.ok("review", "key")
	return filepath.Join(h.dir, "installation.pub")
}

type statusOut struct {
	State    string `json:"state"`
	Waits    string `json:"waits_for"`
	Trusted  bool   `json:"trusted"`
	Problems []string
	Steps    []struct {
		Seq       int    `json:"seq"`
		Action    string `json:"action"`
		Decision  string `json:"decision"`
		Role      string `json:"role"`
		Actor     string `json:"actor"`
		Comment   string `json:"comment"`
		Verified  bool   `json:"verified"`
		Signature string `json:"signature"`
		KnownAs   string `json:"known_as"`
	} `json:"steps"`
}

func (h *home) status(file string) (statusOut, int) {
	h.t.Helper()
	code, out, errs := h.run("review", "status", file, "--json")
	var st statusOut
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		h.t.Fatalf("status JSON: %v\n%s%s", err, out, errs)
	}
	return st, code
}

// TestReviewChainAcrossInstallations is the end-to-end test: a
// drafter, a reviewer and a signer on three installations take a document
// through the chain with the CLI.
func TestReviewChainAcrossInstallations(t *testing.T) {
	src := corpus(t, "000-plain.docx")
	zhang := newHome(t, "张三", "drafter")
	li := newHome(t, "李四", "secrecy", "openness")
	wang := newHome(t, "王五", "signer")
	// exchange keys: by file and by key text
	zp, lp, wp := zhang.pub(), li.pub(), wang.pub()
	li.ok("review", "keyring", "add", "张三", zp)
	li.ok("review", "keyring", "add", "王五", wp)
	lkey, _ := os.ReadFile(lp)
	wang.ok("review", "keyring", "add", "李四", strings.TrimSpace(string(lkey)))
	wang.ok("review", "keyring", "add", "张三", zp)
	zhang.ok("review", "keyring", "add", "李四", lp)
	zhang.ok("review", "keyring", "add", "王五", wp)
	if out := wang.ok("review", "keyring", "list"); !strings.Contains(out, "李四") || !strings.Contains(out, "张三") {
		t.Fatalf("keyring list:\n%s", out)
	}

	shared := t.TempDir() // the shared folder
	draft := filepath.Join(shared, "通知.docx")
	zhang.ok("mark", src, "--attr", "withheld", "--basis", "条例第十六条第二款", "--reason", "属于过程性信息", "--policy-doc", "-o", draft)
	zhang.refused("尚未标注", "review", "submit", src, "-o", filepath.Join(shared, "x.docx"))
	out := zhang.ok("review", "submit", draft)
	submitted := filepath.Join(shared, "通知-送审.docx")
	if !strings.Contains(out, submitted) || !strings.Contains(out, "保密审查 (secrecy)") {
		t.Fatalf("submit:\n%s", out)
	}

	st, _ := li.status(submitted)
	if !st.Trusted || st.State != "submitted" || st.Waits != "secrecy" || st.Steps[0].Signature != "known" || st.Steps[0].KnownAs != "张三" {
		t.Fatalf("reviewer sees %+v", st)
	}
	zhang.refused("未被授予", "review", "approve", submitted, "--role", "secrecy", "--checklist", "ok")
	wang.refused("步骤顺序不对", "review", "sign", submitted)
	li.refused("逐项作答", "review", "approve", submitted, "--role", "secrecy")
	li.refused("未通过", "review", "approve", submitted, "--role", "secrecy", "--checklist", "ok", "--check", "interpretation=未附解读")
	li.ok("review", "approve", submitted, "--role", "secrecy", "--checklist", "ok", "--check", "no_secret=ok:已核对", "--comment", "同意")
	secrecyOK := filepath.Join(shared, "通知-保密审查.docx")
	wang.refused("政务公开办", "review", "sign", secrecyOK)
	li.refused("逐项作答", "review", "approve", secrecyOK, "--role", "openness", "--comment", "理由充分")
	li.refused("不适用", "review", "approve", secrecyOK, "--role", "openness", "--checklist", "ok", "--check", "no_secret=ok")
	li.ok("review", "approve", secrecyOK, "--role", "openness", "--checklist", "ok", "--check", "means_defined=ok:政府网站", "--comment", "理由充分")
	opennessOK := filepath.Join(shared, "通知-公开审查.docx")
	if out := li.ok("review", "inbox", shared); !strings.Contains(out, "signer    通知-公开审查.docx") || !strings.Contains(out, "superseded") {
		t.Fatalf("inbox:\n%s", out)
	}
	out = wang.ok("review", "sign", opennessOK, "--comment", "同意")
	issued := filepath.Join(shared, "通知-签发.docx")
	if !strings.Contains(out, "已签发") || !strings.Contains(out, issued) {
		t.Fatalf("sign:\n%s", out)
	}

	st, code := zhang.status(issued)
	if code != ExitOK || !st.Trusted || st.State != "issued" || len(st.Steps) != 4 {
		t.Fatalf("drafter sees %+v", st)
	}
	wantSig := []string{"self", "known", "known", "known"}
	wantDecision := []string{"submit", "approve", "approve", "sign"}
	for i, s := range st.Steps {
		if !s.Verified || s.Signature != wantSig[i] || s.Decision != wantDecision[i] {
			t.Errorf("step %d: %+v", i+1, s)
		}
	}
	if st.Steps[2].Role != "openness" || st.Steps[2].Comment != "理由充分" {
		t.Errorf("openness step %+v", st.Steps[2])
	}
	text := zhang.ok("review", "status", issued)
	if !strings.Contains(text, "签名有效，已知同事 王五") || !strings.Contains(text, "签名有效，本机密钥") {
		t.Errorf("status text:\n%s", text)
	}
	d, err := docx.Open(issued)
	if err != nil {
		t.Fatal(err)
	}
	if n := docx.Compact(d.Analyze().NoteText); n != "（此件不予公开）" {
		t.Errorf("issued note %q", n)
	}
	d.Close()
	for h, want := range map[*home][]string{
		zhang: {audit.TypeMark, audit.TypeReviewSubmit},
		li:    {audit.TypeReviewApprove, audit.TypeReviewApprove},
		wang:  {audit.TypeReviewSign},
	} {
		evs := events(t, filepath.Join(h.dir, "audit.db"))
		if len(evs) != len(want) {
			t.Fatalf("%s logged %d events", h.name, len(evs))
		}
		for i, ev := range evs {
			if ev.Type != want[i] {
				t.Errorf("%s event %d: %s", h.name, i, ev.Type)
			}
		}
	}

	// a hand-edited trail is caught by everyone
	edited := editTrail(t, secrecyOK, "同意", "已同意并核准")
	st, code = wang.status(edited)
	if code != ExitFailure || st.Trusted || st.Waits != "" {
		t.Fatalf("edited trail: exit %d %+v", code, st)
	}
	_, _, errs := wang.run("review", "status", edited)
	if !strings.Contains(errs, "签名无效") || !strings.Contains(errs, "不可信") {
		t.Errorf("status stderr:\n%s", errs)
	}
	li.refused("只能退回拟稿人", "review", "approve", edited, "--role", "openness")
}

// editTrail copies file with old replaced by new in its trail part.
func editTrail(t *testing.T, file, old, new string) string {
	t.Helper()
	d, err := docx.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	trail, err := d.Trail()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(trail, []byte(old)) {
		t.Fatalf("trail lacks %q", old)
	}
	var b bytes.Buffer
	opts := docx.StampOptions{Record: *d.Record(), KeepMarks: true, Trail: bytes.Replace(trail, []byte(old), []byte(new), 1)}
	if _, err := d.Stamp(&b, opts); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "edited.docx")
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReviewRefusesSelfApprovalAndReturns(t *testing.T) {
	src := corpus(t, "000-plain.docx")
	solo := newHome(t, "赵六", "drafter", "secrecy", "signer")
	dir := t.TempDir()
	draft := filepath.Join(dir, "函.docx")
	solo.ok("mark", src, "--attr", "public", "-o", draft)
	solo.ok("review", "submit", draft, "--actor", "赵六")
	sub := filepath.Join(dir, "函-送审.docx")
	solo.refused("不能审查自己的送审", "review", "approve", sub, "--role", "secrecy", "--checklist", "ok")
	solo.refused("不能审查自己的送审", "review", "approve", sub, "--role", "secrecy", "--checklist", "ok", "--actor", "别人")

	other := newHome(t, "钱七", "secrecy")
	other.ok("review", "keyring", "add", "赵六", solo.pub())
	solo.ok("review", "keyring", "add", "钱七", other.pub())
	other.refused("退回须写明意见", "review", "return", sub)
	out := other.ok("review", "return", sub, "--check", "no_personal_data=第二段含手机号")
	if !strings.Contains(out, "拟稿人 (drafter)") {
		t.Fatalf("return:\n%s", out)
	}
	returned := filepath.Join(dir, "函-退回.docx")
	st, _ := solo.status(returned)
	if st.State != "returned" || st.Waits != "drafter" || st.Steps[1].Signature != "known" || !st.Trusted {
		t.Fatalf("drafter sees %+v", st)
	}
	solo.ok("review", "submit", returned)
	if st, _ := other.status(filepath.Join(dir, "函-送审(2).docx")); st.State != "submitted" || len(st.Steps) != 3 {
		t.Fatalf("resubmitted: %+v", st)
	}
}

func TestReviewUsage(t *testing.T) {
	newHome(t, "甲", "drafter", "secrecy", "openness")
	for _, args := range [][]string{
		{"review"},
		{"review", "frobnicate"},
		{"review", "approve"},
		{"review", "approve", "x.docx"}, // two reviewer roles held: --role needed
		{"review", "approve", "x.docx", "--role", "secrecy", "--checklist", "all"},
		{"review", "approve", "x.docx", "--role", "secrecy", "--check", "nope=ok"},
		{"review", "approve", "x.docx", "--role", "secrecy", "--attr", "public"},
		{"review", "keyring"},
		{"review", "keyring", "add", "甲"},
	} {
		if code, _, _ := run(args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want usage", args, code)
		}
	}
	if code, out, _ := run("review", "keyring", "list"); code != ExitOK || !strings.Contains(out, "密钥环为空") {
		t.Errorf("empty keyring list: %d %s", code, out)
	}
	if code, _, errs := run("review", "keyring", "add", "乙", "not-a-key"); code != ExitFailure || !strings.Contains(errs, "公钥") {
		t.Errorf("bad key: %d %s", code, errs)
	}
	if code, out, _ := run("review", "key"); code != ExitOK || !strings.Contains(out, "指纹 / fingerprint") {
		t.Errorf("key: %d %s", code, out)
	}
}
