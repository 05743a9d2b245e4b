package review

import (
	"strings"

	"github.com/docattr/docattr/internal/audit"
)

// The audit exports show review events' details in words: 保密审查, not
// secrecy; the checklist answers by their text, not no_secret=ok.
func init() {
	audit.RegisterDetailLabel("role", func(v string) string { return orSelf(RoleName(v), v) })
	audit.RegisterDetailLabel("decision", func(v string) string { return orSelf(ActionName(v), v) })
	audit.RegisterDetailLabel("checklist", checklistText)
}

func orSelf(label, v string) string {
	if label == "" {
		return v
	}
	return label
}

// checklistText turns the recorded answers "id=ok; id=failed:意见" into
// "“不含国家秘密…”通过；“…”未通过（意见）".
func checklistText(v string) string {
	parts := strings.Split(v, "; ")
	for i, p := range parts {
		id, ans, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		verdict, comment, _ := strings.Cut(ans, ":")
		switch verdict {
		case "ok":
			verdict = "通过"
		case "failed":
			verdict = "未通过"
		}
		s := "“" + ItemLabel(id) + "”" + verdict
		if comment != "" {
			s += "（" + comment + "）"
		}
		parts[i] = s
	}
	return strings.Join(parts, "；")
}
