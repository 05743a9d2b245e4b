package cli

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/settings"
)

// rewritePart copies the docx src to dst with one part's text replaced.
func rewritePart(t *testing.T, src, dst, part, old, new string) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range zr.File {
		rc, err := e.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if e.Name == part {
			if !strings.Contains(string(b), old) {
				t.Fatalf("%s lacks %q", part, old)
			}
			b = []byte(strings.Replace(string(b), old, new, 1))
		}
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// rawControls reports the first character in s a terminal would act on.
func rawControls(s string) (rune, bool) {
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			return r, true
		}
	}
	return 0, false
}

func TestDocumentTextIsPrintedEscaped(t *testing.T) {
	db := sandbox(t)
	dir := t.TempDir()
	// The file name itself carries an escape sequence (legal on Unix).
	doc := filepath.Join(dir, "通知\x1b[2J.docx")
	rewritePart(t, corpus(t, "000-plain.docx"), doc, "word/document.xml",
		"<w:t>鞍山市发展和改革委", "<w:t>\u202e\u009b2J鞍山市发展和改革委")
	hostileESC := filepath.Join(dir, "esc.docx") // ESC as a character reference, which XML 1.0 forbids
	rewritePart(t, corpus(t, "000-plain.docx"), hostileESC, "word/document.xml",
		"<w:t>鞍山市发展和改革委", "<w:t>&#x1b;]0;pwned&#x7;&#x1b;[31m鞍山市发展和改革委")

	code, stdout, errs := run("--db", db, "inspect", doc)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if r, bad := rawControls(stdout + errs); bad {
		t.Fatalf("raw %U printed:\n%s", r, stdout)
	}
	for _, want := range []string{`通知\x1b[2J.docx`, `标题 / title:       ‹U+202E›\u009b2J鞍山市`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}

	// A title with real ESC sequences: refused as damaged, or printed escaped.
	code, stdout, errs = run("--db", db, "inspect", hostileESC)
	if r, bad := rawControls(stdout + errs); bad {
		t.Fatalf("raw %U printed:\n%s%s", r, stdout, errs)
	}
	if code == ExitOK && !strings.Contains(stdout, `\x1b]0;pwned\x07\x1b[31m鞍山市`) {
		t.Errorf("title not shown escaped:\n%s", stdout)
	}

	// JSON keeps the values and holds no raw control either.
	code, stdout, errs = run("--db", db, "inspect", doc, "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if r, bad := rawControls(stdout); bad {
		t.Fatalf("raw %U in JSON", r)
	}
	var in struct {
		File  string `json:"file"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(stdout), &in); err != nil {
		t.Fatal(err)
	}
	if in.File != doc || !strings.HasPrefix(in.Title, "\u202e\u009b2J鞍山市") {
		t.Errorf("JSON file %q title %q", in.File, in.Title)
	}

	// mark prints the file names it was given.
	out := filepath.Join(dir, "out\u202egpj.docx")
	code, stdout, errs = run("--db", db, "mark", doc, "--attr", "public", "-o", out)
	if code != ExitOK {
		t.Fatalf("mark: exit %d: %s", code, errs)
	}
	if r, bad := rawControls(stdout + errs); bad || !strings.Contains(stdout, "out‹U+202E›gpj.docx") {
		t.Errorf("raw %U or name not escaped:\n%s", r, stdout)
	}
}

// TestLogTextIsPrintedEscaped: an event written by an older version or
// another office (names were not checked then) prints escaped.
func TestLogTextIsPrintedEscaped(t *testing.T) {
	db := sandbox(t)
	l, err := audit.Open(db, audit.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = l.Append(audit.Event{Type: audit.TypeMark, Actor: settings.Actor{Name: "张三\x1b[2J\u202e"},
		DocID: "D\u009b1", File: "/x/通知\x1b]0;t\x07.docx", Attribute: "public"})
	l.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, errs := run("--db", db, "audit", "list")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if r, bad := rawControls(stdout); bad {
		t.Fatalf("raw %U:\n%s", r, stdout)
	}
	for _, want := range []string{`张三\x1b[2J‹U+202E›`, `D\u009b1`, `通知\x1b]0;t\x07.docx`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	// --json is the stored record, byte for byte, as the export is.
	code, stdout, _ = run("--db", db, "audit", "list", "--json")
	if code != ExitOK || !strings.Contains(stdout, `张三\u001b[2J`) {
		t.Errorf("exit %d: %s", code, stdout)
	}
}

// TestTrailTextIsPrintedEscaped: a comment in a trail (written by another
// installation, or edited in the file) reaches review status and the inbox
// escaped.
func TestTrailTextIsPrintedEscaped(t *testing.T) {
	zhang := newHome(t, "张三", "drafter")
	shared := t.TempDir()
	draft := filepath.Join(shared, "通知.docx")
	zhang.ok("mark", corpus(t, "000-plain.docx"), "--attr", "public", "-o", draft)
	zhang.ok("review", "submit", draft, "--comment", "COMMENTX")
	submitted := filepath.Join(shared, "通知-送审.docx")
	hostile := filepath.Join(shared, "改.docx")
	rewritePart(t, submitted, hostile, "customXml/docattrTrail.xml", "COMMENTX", "请阅\u202e\u009b2J")
	os.Remove(submitted)
	for _, args := range [][]string{{"review", "status", hostile}, {"review", "inbox", shared}} {
		_, out, errs := zhang.run(args...)
		if r, bad := rawControls(out + errs); bad {
			t.Errorf("%v printed raw %U:\n%s%s", args, r, out, errs)
		}
		if args[1] == "status" && !strings.Contains(out, `请阅‹U+202E›\u009b2J`) {
			t.Errorf("status does not show the comment escaped:\n%s%s", out, errs)
		}
	}
	_, out, _ := zhang.run("review", "status", hostile, "--json")
	if r, bad := rawControls(out); bad {
		t.Errorf("JSON holds raw %U", r)
	}
}
