package marker

import (
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/digest"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/hostile"
	"github.com/docattr/docattr/internal/redact"
	"github.com/docattr/docattr/internal/scan"
)

// TestRedactAndMarkPublicInOneAction: a draft with ID numbers, mobiles and
// a bank card everywhere a number can hide is masked, marked 主动公开 and
// published in one Mark call; the original stays as it was, the output has
// no such finding, keeps its run formatting and opens in LibreOffice, and
// the one event lists what was masked without the clear numbers.
func TestRedactAndMarkPublicInOneAction(t *testing.T) {
	l := openLog(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "通知.docx")
	if err := os.WriteFile(in, hostile.PIIDraft(), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := digest.File(in)
	req := Request{Decision: attr.Decision{Attribute: attr.Public}, Actor: actor, Redact: redact.Kinds}
	if v, err := PrecheckFile(in, req); err != nil || v.Err != nil {
		t.Fatalf("precheck of a redacting request: %v %v", err, v.Err)
	}
	if v, _ := PrecheckFile(in, Request{Decision: attr.Decision{Attribute: attr.Public}, Actor: actor}); v.Err == nil {
		t.Fatal("without redaction the draft must be refused")
	}
	out := filepath.Join(dir, "通知-已标注.docx")
	res := Mark(l, []Job{{Input: in, Output: out}}, req, nil)[0]
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if after, _ := digest.File(in); after != before {
		t.Error("the original changed")
	}
	d, err := docx.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	r := scan.Check(d)
	for _, k := range redact.Kinds {
		if n := r.Count(k); n > 0 {
			t.Errorf("%d findings of %s remain", n, k)
		}
	}
	if rec := d.Record(); rec == nil || rec.Attribute != attr.Public {
		t.Errorf("record: %+v", rec)
	}
	var events []audit.Event
	l.List(audit.Filter{}, func(e audit.Event) error { events = append(events, e); return nil })
	if len(events) != 1 || events[0].Type != audit.TypeMark || events[0].Details["redact_kinds"] == "" {
		t.Fatalf("events: %+v", events)
	}
	// Hashes and the output's temporary path are digits by chance: a
	// number's middle four can turn up in them.
	shown := events[0]
	shown.InputSHA256, shown.OutputSHA256, shown.PrevHash, shown.Hash = "", "", "", ""
	shown.Details = maps.Clone(shown.Details)
	delete(shown.Details, "output")
	ev, _ := json.Marshal(shown)
	for _, n := range hostile.PIINumbers() {
		if strings.Contains(string(ev), n) || strings.Contains(string(ev), hostile.PIIMiddle(n)) {
			t.Errorf("event holds the clear number %s: %s", n, ev)
		}
	}
	masked := 0
	for _, f := range events[0].Findings {
		if strings.HasSuffix(f.Location, "（已遮盖）") && strings.Contains(f.Excerpt, "*") {
			masked++
		}
	}
	if masked < 8 {
		t.Errorf("event lists %d masked items: %+v", masked, events[0].Findings)
	}
	renders(t, out, "此件公开发布", hostile.PIIID[:4]+"**********"+hostile.PIIID[14:])
}

// renders converts path to text with LibreOffice and checks it shows want.
func renders(t *testing.T, path string, want ...string) {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) not installed")
	}
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	txt, err := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), ".docx")+".txt"))
	if err != nil {
		t.Fatalf("LibreOffice could not read %s: %v", path, err)
	}
	for _, w := range want {
		if !strings.Contains(string(txt), w) {
			t.Errorf("LibreOffice does not show %q in:\n%s", w, txt)
		}
	}
	for _, n := range hostile.PIINumbers() {
		if strings.Contains(strings.ReplaceAll(string(txt), " ", ""), n) {
			t.Errorf("LibreOffice shows the clear number %s", n)
		}
	}
}

func TestPrecheckNamesWhatCannotBeMasked(t *testing.T) {
	in := filepath.Join(t.TempDir(), "通知.docx")
	if err := os.WriteFile(in, hostile.PIIDraft(), 0o644); err != nil {
		t.Fatal(err)
	}
	v, err := PrecheckFile(in, Request{Decision: attr.Decision{Attribute: attr.Public}, Actor: actor, Redact: []string{"secret"}})
	if err != nil || v.Err == nil || !strings.Contains(v.Err.Error(), "secret") {
		t.Errorf("unknown kind to mask: %v %v", err, v.Err)
	}
}

// TestRedactAndMarkGongwenPIIDrafts: every pii draft of the corpus is
// masked and marked 主动公开 in one action and ends without personal numbers.
func TestRedactAndMarkGongwenPIIDrafts(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(gongwen, "*-pii.docx"))
	if len(files) == 0 {
		t.Skip("corpus not found")
	}
	l := openLog(t)
	dir := t.TempDir()
	var jobs []Job
	for _, f := range files {
		jobs = append(jobs, Job{Input: f, Output: filepath.Join(dir, filepath.Base(f))})
	}
	req := Request{Decision: attr.Decision{Attribute: attr.Public}, Actor: actor, Redact: redact.Kinds}
	for _, r := range Mark(l, jobs, req, nil) {
		if r.Err != nil {
			t.Errorf("%s: %v", filepath.Base(r.Input), r.Err)
			continue
		}
		d, err := docx.Open(r.Output)
		if err != nil {
			t.Fatal(err)
		}
		if left, _ := redact.Remaining(d, redact.Options{}); len(left) > 0 {
			t.Errorf("%s: numbers left: %+v", filepath.Base(r.Input), left)
		}
		d.Close()
	}
}
