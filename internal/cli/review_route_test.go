package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestOptionalReviewSteps: the settings head-review and
// not-public-to-openness put the 处室负责人 before the secrecy review and
// send a withheld document to the openness office; each installation
// enforces its own settings.
func TestOptionalReviewSteps(t *testing.T) {
	src := corpus(t, "000-plain.docx")
	zhang := newHome(t, "张三", "drafter")
	zhao := newHome(t, "赵六", "head")
	li := newHome(t, "李四", "secrecy", "openness")
	wang := newHome(t, "王五", "signer")
	homes := []*home{zhang, zhao, li, wang}
	pubs := map[*home]string{}
	for _, h := range homes {
		pubs[h] = h.pub()
	}
	for _, h := range homes {
		for _, o := range homes {
			if o != h {
				h.ok("review", "keyring", "add", o.name, pubs[o])
			}
		}
	}
	li.ok("settings", "set", "head-review", "true")
	wang.ok("settings", "set", "not-public-to-openness", "true")
	if out := wang.ok("settings", "show"); !strings.Contains(out, "not-public-to-openness=true") {
		t.Fatalf("settings show:\n%s", out)
	}
	if code, _, _ := wang.run("settings", "set", "head-review", "maybe"); code == ExitOK {
		t.Error("head-review maybe accepted")
	}
	shared := t.TempDir()
	draft := filepath.Join(shared, "函.docx")
	zhang.ok("mark", src, "--attr", "withheld", "--basis", "条例第十六条第二款", "--reason", "属于过程性信息", "-o", draft)
	zhang.ok("review", "submit", draft)
	sub := filepath.Join(shared, "函-送审.docx")
	li.refused("处室负责人", "review", "approve", sub, "--role", "secrecy", "--checklist", "ok")
	// The state names the step it waits for, by each installation's route.
	if out := li.ok("review", "status", sub); !strings.Contains(out, "已送审，待处室负责人审核") || strings.Contains(out, "待保密审查") {
		t.Errorf("status where the head reviews first:\n%s", out)
	}
	if out := zhang.ok("review", "status", sub); !strings.Contains(out, "已送审，待保密审查") {
		t.Errorf("status where nobody else comes first:\n%s", out)
	}
	zhao.ok("review", "approve", sub, "--comment", "同意送审", "-o", filepath.Join(shared, "函-处室.docx"))
	li.ok("review", "approve", filepath.Join(shared, "函-处室.docx"), "--role", "secrecy", "--checklist", "ok", "-o", filepath.Join(shared, "函-保密.docx"))
	wang.refused("政务公开办", "review", "sign", filepath.Join(shared, "函-保密.docx"))
	li.ok("review", "approve", filepath.Join(shared, "函-保密.docx"), "--role", "openness", "--checklist", "ok", "-o", filepath.Join(shared, "函-公开.docx"))
	wang.ok("review", "sign", filepath.Join(shared, "函-公开.docx"), "-o", filepath.Join(shared, "函-签发.docx"))
	st, code := zhang.status(filepath.Join(shared, "函-签发.docx"))
	if code != ExitOK || !st.Trusted || st.State != "issued" || len(st.Steps) != 5 || st.Steps[1].Role != "head" {
		t.Fatalf("issued: exit %d %+v", code, st)
	}
}
