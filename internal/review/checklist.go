package review

import (
	"fmt"
	"strings"

	"github.com/docattr/docattr/internal/msg"
)

// Item is one question of the secrecy reviewer's checklist (先审查、后公开,
// item by item).
type Item struct {
	ID, Zh, En string
	// PolicyOnly items apply to policy documents (政策性文件) only.
	PolicyOnly bool
}

var checklist = []Item{
	{ID: "no_secret", Zh: "不含国家秘密；拟公开的文件没有密级标志",
		En: "no state secret; a document to be disclosed carries no secrecy mark"},
	{ID: "no_personal_data", Zh: "不含个人隐私、商业秘密等第三方信息",
		En: "no personal data, commercial secrets or other third-party information"},
	{ID: "no_process_info", Zh: "不含过程性信息（讨论记录、过程稿、请示报告等）或内部事务信息",
		En: "no process information (minutes, drafts, requests) or internal affairs"},
	{ID: "marks_consistent", Zh: "公开属性、密级标志与文件记录一致，依据和理由充分",
		En: "marks and record agree; basis and reason are sufficient"},
	{ID: "interpretation", Zh: "政策性文件附有解读材料（谁起草、谁解读）",
		En: "a policy document comes with its interpretation material", PolicyOnly: true},
}

// Checklist returns every checklist item, in order.
func Checklist() []Item { return append([]Item(nil), checklist...) }

// Applicable returns the items that must be answered for proposal p.
func Applicable(p *Proposal) []Item {
	var out []Item
	for _, it := range checklist {
		if !it.PolicyOnly || (p != nil && p.PolicyDoc) {
			out = append(out, it)
		}
	}
	return out
}

// ItemLabel returns the Chinese text of a checklist item for people; an
// unknown id comes back as itself.
func ItemLabel(id string) string {
	if it, ok := lookupItem(id); ok {
		return it.Zh
	}
	return id
}

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
		return Answer{}, unknownItem(id)
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

// AllOK answers every applicable item OK (the --checklist ok shortcut).
func AllOK(p *Proposal) []Answer {
	var out []Answer
	for _, it := range Applicable(p) {
		out = append(out, Answer{ID: it.ID, OK: true})
	}
	return out
}

// checkAnswers validates a secrecy reviewer's answers. Unknown or repeated
// items are refused; an item not OK must say why. Approving needs every
// applicable item answered OK; a return may answer any subset.
func checkAnswers(answers []Answer, p *Proposal, action string) error {
	seen := map[string]bool{}
	var failed []string
	for _, a := range answers {
		if _, ok := lookupItem(a.ID); !ok {
			return unknownItem(a.ID)
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
	for _, it := range Applicable(p) {
		if !seen[it.ID] {
			missing = append(missing, it.ID)
		}
	}
	if len(missing) > 0 {
		return msg.New(ErrChecklist,
			fmt.Sprintf("保密审查须逐项作答，尚缺：%s", itemLabels(missing)),
			fmt.Sprintf("the secrecy review must answer every item; missing: %s (--checklist ok confirms all)", strings.Join(missing, ", ")))
	}
	if len(failed) > 0 {
		return msg.New(ErrChecklist,
			fmt.Sprintf("检查项未通过（%s），不能审查通过，请退回拟稿人", itemLabels(failed)),
			fmt.Sprintf("checklist items failed (%s): return the draft instead of approving", strings.Join(failed, ", ")))
	}
	return nil
}

func unknownItem(id string) error {
	ids := make([]string, len(checklist))
	for i, it := range checklist {
		ids[i] = it.ID
	}
	return msg.New(ErrChecklist, fmt.Sprintf("未知的检查项 %q（可选：%s）", id, strings.Join(ids, "、")),
		fmt.Sprintf("unknown checklist item %q (%s)", id, strings.Join(ids, ", ")))
}
