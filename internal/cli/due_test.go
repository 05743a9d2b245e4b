package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/due"
)

// A public draft dated 2018-02-27 must be on the website by 2018-03-27 (20
// working days, a holiday list moving it a day); recording its
// publication takes it off the list.
func TestDueCommandUnpublishedThenPublished(t *testing.T) {
	in := newInstallation(t)
	out := filepath.Join(t.TempDir(), "marked.docx")
	in.must("mark", corpus(t, "000-plain.docx"), "--attr", "public", "-o", out, "--actor", "张三")
	holidays := filepath.Join(t.TempDir(), "holidays.txt")
	os.WriteFile(holidays, []byte("# 测试\n2018-03-05\n"), 0o600)

	list := func(args ...string) []due.Item {
		t.Helper()
		var items []due.Item
		stdout := in.must(append([]string{"due", "--json", "--holidays", holidays}, args...)...)
		if err := json.Unmarshal([]byte(stdout), &items); err != nil {
			t.Fatalf("%v\n%s", err, stdout)
		}
		return items
	}
	if items := list("--today", "2018-03-01", "--within", "10"); len(items) != 0 {
		t.Errorf("due too early: %+v", items)
	}
	items := list("--today", "2018-03-01", "--within", "30")
	if len(items) != 1 || items[0].Kind != due.Unpublished || items[0].Due != "2018-03-28" || items[0].Issued != "2018-02-27" {
		t.Fatalf("items %+v, want one unpublished item due 2018-03-28", items)
	}
	if text := in.must("due", "--today", "2018-04-01", "--holidays", holidays); !strings.Contains(text, "已逾期") || !strings.Contains(text, "000-plain.docx") {
		t.Errorf("text:\n%s", text)
	}

	code, _, errs := in.cli("lifecycle", out, "--state", "published", "--date", "2018-03-20", "--url", "javascript:alert(1)")
	if code == 0 || !strings.Contains(errs, "网址") || !strings.Contains(errs, "URL") {
		t.Errorf("bad url: exit %d %s", code, errs)
	}
	if code, _, _ := in.cli("lifecycle", corpus(t, "001-plain.docx"), "--state", "published", "--date", "2018-03-20"); code == 0 {
		t.Error("an unmarked draft was recorded as published")
	}
	in.must("lifecycle", out, "--state", "published", "--date", "2018-03-20", "--url", "https://www.example.gov.cn/zwgk/1.html")
	if items := list("--today", "2018-04-01"); len(items) != 0 {
		t.Errorf("after publication: %+v", items)
	}
	if b, _ := os.ReadFile(out); len(b) == 0 {
		t.Error("output gone")
	}
}
