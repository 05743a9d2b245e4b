package review

import (
	"fmt"
	"strings"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/msg"
)

// Item is one question of a reviewer's checklist (先审查、后公开, item by
// item). Which items a reviewer answers depends on the role and on the
// proposal: a secret document is never asked whether it contains no state
// secret — a signed "yes" would then be false.
type Item struct {
	ID, Zh, En string
	// Set is the list the item belongs to (setDisclose, setSecret, setOpenness).
	Set string
	// When, if set, limits the item to the documents it is true for.
	When func(c CheckSubject) bool `json:"-"`
}

// CheckSubject is what decides which items apply: the proposal under review and
// the document type the record carries.
type CheckSubject struct {
	P       *Proposal
	DocType string
}

const (
	setDisclose = "disclose" // secrecy review of a document proposed without a level
	setSecret   = "secret"   // secrecy review of a document that carries a level
	setOpenness = "openness" // the openness office (政务公开办)
)

func isPolicy(c CheckSubject) bool {
	return c.DocType == attr.TypePolicy || (c.P != nil && c.P.PolicyDoc)
}

func isNormative(c CheckSubject) bool { return c.DocType == attr.TypeNormative }

var checklist = []Item{
	{ID: "no_secret", Set: setDisclose, Zh: "不含国家秘密；拟公开的文件没有密级标志",
		En: "no state secret; a document to be disclosed carries no secrecy mark"},
	{ID: "no_personal_data", Set: setDisclose, Zh: "不含个人隐私、商业秘密等第三方信息",
		En: "no personal data, commercial secrets or other third-party information"},
	{ID: "no_process_info", Set: setDisclose, Zh: "不含过程性信息（讨论记录、过程稿、请示报告等）或内部事务信息",
		En: "no process information (minutes, drafts, requests) or internal affairs"},
	{ID: "marks_consistent", Set: setDisclose, Zh: "公开属性、密级标志与文件记录一致，依据和理由充分",
		En: "marks and record agree; basis and reason are sufficient"},
	{ID: "interpretation", Set: setDisclose, When: isPolicy, Zh: "政策性文件附有解读材料（谁起草、谁解读）",
		En: "a policy document comes with its interpretation material"},

	{ID: "level_matches_scope", Set: setSecret, Zh: "密级与保密事项范围相符",
		En: "the level matches the item of the secrecy scope (保密事项范围)"},
	{ID: "period_appropriate", Set: setSecret, Zh: "保密期限适当",
		En: "the secrecy period is appropriate"},
	{ID: "knowers_defined", Set: setSecret, Zh: "知悉范围明确",
		En: "the circle of persons who may know (知悉范围) is defined"},
	{ID: "classifier_reviewed", Set: setSecret, Zh: "定密责任人已审核",
		En: "the classification officer (定密责任人) has reviewed the level"},

	{ID: "attr_accurate", Set: setOpenness, Zh: "属性准确",
		En: "the disclosure attribute is accurate"},
	{ID: "reason_matches_basis", Set: setOpenness, Zh: "理由与依据相符",
		En: "the reason matches the legal basis"},
	{ID: "normative_public", Set: setOpenness, When: isNormative, Zh: "规范性文件已主动公开",
		En: "a normative document (规范性文件) is proactively disclosed"},
	{ID: "interpretation_complete", Set: setOpenness, When: isPolicy, Zh: "解读材料齐全",
		En: "the interpretation material is complete"},
	{ID: "means_defined", Set: setOpenness, Zh: "公开方式明确",
		En: "the means of disclosure is defined"},
}

// Checklist returns every checklist item of every list, in order.
func Checklist() []Item { return append([]Item(nil), checklist...) }

// ItemName returns the Chinese text of item id, or id when unknown.
func ItemName(id string) string {
	if it, ok := lookupItem(id); ok {
		return it.Zh
	}
	return id
}

// setFor returns the list role answers for c; "" when the role has none.
func setFor(role string, c CheckSubject) string {
	switch role {
	case RoleSecrecy:
		if c.P != nil && c.P.Secrecy != "" {
			return setSecret
		}
		return setDisclose
	case RoleOpenness:
		return setOpenness
	}
	return ""
}

// ItemsFor returns the items role must answer for c, in order; nil for a
// role without a checklist.
func ItemsFor(role string, c CheckSubject) []Item {
	set := setFor(role, c)
	var out []Item
	for _, it := range checklist {
		if it.Set == set && (it.When == nil || it.When(c)) {
			out = append(out, it)
		}
	}
	return out
}

// Applicable returns the secrecy reviewer's items for proposal p.
func Applicable(p *Proposal) []Item { return ItemsFor(RoleSecrecy, CheckSubject{P: p}) }

// ItemLabel returns the Chinese text of a checklist item for people (the
// exports' name for ItemName); an unknown id comes back as itself.
func ItemLabel(id string) string { return ItemName(id) }

// itemLabels is ItemLabel over ids, each in quotes, joined with 、.
func itemLabels(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = "“" + ItemLabel(id) + "”"
	}
	return strings.Join(out, "、")
}

func lookupItem(id string) (Item, bool) {
	for _, it := range checklist {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// ParseAnswer reads a command-line answer "ID=ok", "ID=ok:备注" or
// "ID=what is wrong" (not OK, with that comment).
func ParseAnswer(s string) (Answer, error) {
	id, val, ok := strings.Cut(s, "=")
	id, val = strings.TrimSpace(id), strings.TrimSpace(val)
	if !ok || val == "" {
		return Answer{}, msg.New(ErrBadRequest, fmt.Sprintf("检查项 %q 应写成 ID=ok 或 ID=意见", s),
			fmt.Sprintf("checklist answer %q must be ID=ok or ID=comment", s))
	}
	if _, known := lookupItem(id); !known {
		return Answer{}, unknownItem(id, checklist)
	}
	low := strings.ToLower(val)
	if low == "ok" {
		return Answer{ID: id, OK: true}, nil
	}
	for _, sep := range []string{"ok:", "ok：", "ok "} {
		if strings.HasPrefix(low, sep) {
			return Answer{ID: id, OK: true, Comment: strings.TrimSpace(val[len(sep):])}, nil
		}
	}
	return Answer{ID: id, Comment: val}, nil
}

// AllOK answers every secrecy item for p OK.
func AllOK(p *Proposal) []Answer { return allOK(Applicable(p)) }

// allOK answers every item of items OK (the --checklist ok shortcut).
func allOK(items []Item) []Answer {
	var out []Answer
	for _, it := range items {
		out = append(out, Answer{ID: it.ID, OK: true})
	}
	return out
}

// checkAnswers validates a reviewer's answers against the items that
// apply. Unknown, inapplicable or repeated items are refused; an item not
// OK must say why. Approving needs every item answered OK; a return may
// answer any subset.
func checkAnswers(answers []Answer, items []Item, action string) error {
	seen := map[string]bool{}
	var failed []string
	for _, a := range answers {
		if !hasItem(items, a.ID) {
			if it, known := lookupItem(a.ID); known {
				ids := make([]string, len(items))
				for i, x := range items {
					ids[i] = x.ID
				}
				return msg.New(ErrChecklist, fmt.Sprintf("检查项“%s”不适用于本件（本件的检查项：%s）", it.Zh, itemLabels(ids)),
					fmt.Sprintf("checklist item %s does not apply to this document (items: %s)", a.ID, itemIDs(items, ", ")))
			}
			return unknownItem(a.ID, items)
		}
		if seen[a.ID] {
			return msg.New(ErrChecklist, fmt.Sprintf("检查项 %s 重复", a.ID), fmt.Sprintf("checklist item %s given twice", a.ID))
		}
		seen[a.ID] = true
		if !a.OK && strings.TrimSpace(a.Comment) == "" {
			return msg.New(ErrChecklist, fmt.Sprintf("检查项%s未通过，须写明意见", itemLabels([]string{a.ID})),
				fmt.Sprintf("checklist item %s failed without a comment", a.ID))
		}
		if !a.OK {
			failed = append(failed, a.ID)
		}
	}
	if action != ActionApprove {
		return nil
	}
	var missing []string
	for _, it := range items {
		if !seen[it.ID] {
			missing = append(missing, it.ID)
		}
	}
	if len(missing) > 0 {
		return msg.New(ErrChecklist,
			fmt.Sprintf("审查须逐项作答，尚缺：%s", itemLabels(missing)),
			fmt.Sprintf("the review must answer every item; missing: %s (--checklist ok confirms all)", strings.Join(missing, ", ")))
	}
	if len(failed) > 0 {
		return msg.New(ErrChecklist,
			fmt.Sprintf("检查项未通过（%s），不能审查通过，请退回拟稿人", itemLabels(failed)),
			fmt.Sprintf("checklist items failed (%s): return the draft instead of approving", strings.Join(failed, ", ")))
	}
	return nil
}

func hasItem(items []Item, id string) bool {
	for _, it := range items {
		if it.ID == id {
			return true
		}
	}
	return false
}

func itemIDs(items []Item, sep string) string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	return strings.Join(ids, sep)
}

func unknownItem(id string, items []Item) error {
	return msg.New(ErrChecklist, fmt.Sprintf("未知的检查项 %q（可选：%s）", id, itemIDs(items, "、")),
		fmt.Sprintf("unknown checklist item %q (%s)", id, itemIDs(items, ", ")))
}

// ItemsOf returns the items role answers on the document s describes.
func ItemsOf(role string, s Status) []Item {
	return ItemsFor(role, subjectOf(s.Proposal, s.Record))
}
