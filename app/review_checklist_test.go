package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/review"
)

// TestChecklistPaneFollowsRoleAndProposal: the pane shows the secret
// document's items (never 不含国家秘密) to the secrecy reviewer, and the
// openness office its own list under its own title.
func TestChecklistPaneFollowsRoleAndProposal(t *testing.T) {
	test.NewTempApp(t)
	c := newChecklistForm()
	texts := func() string {
		var s []string
		for _, r := range c.rows {
			s = append(s, r.item.Zh)
		}
		return strings.Join(s, "|")
	}
	secret := review.Status{Proposal: &review.Proposal{Attribute: "withheld", Secrecy: "秘密", Period: "5年"}}
	c.set(review.RoleSecrecy, review.ItemsOf(review.RoleSecrecy, secret))
	if got := texts(); got != "密级与保密事项范围相符|保密期限适当|知悉范围明确|定密责任人已审核" || c.content.Hidden {
		t.Errorf("secret document: %s", got)
	}
	normative := review.Status{Proposal: &review.Proposal{Attribute: "public"}, Record: &docx.Record{DocType: "规范性文件"}}
	c.set(review.RoleOpenness, review.ItemsOf(review.RoleOpenness, normative))
	if got := texts(); got != "属性准确|理由与依据相符|规范性文件已主动公开|公开方式明确" || !strings.Contains(c.title.Text, "政务公开办") {
		t.Errorf("openness: %s (%s)", got, c.title.Text)
	}
	c.set(review.RoleSecrecy, review.ItemsOf(review.RoleSecrecy, review.Status{Proposal: &review.Proposal{Attribute: "public"}}))
	if got := texts(); !strings.HasPrefix(got, "不含国家秘密") || !strings.Contains(c.title.Text, "保密审查") {
		t.Errorf("disclosure: %s", got)
	}
	c.set("", nil)
	if !c.content.Hidden {
		t.Error("no checklist for the signer, yet the pane shows")
	}
}
