package docx

import (
	"strings"
	"testing"
)

// TestInvisibleCharactersInMarks: a secrecy line or note split by invisible
// characters is recognised, so marking replaces it instead of adding a
// second one.
func TestInvisibleCharactersInMarks(t *testing.T) {
	d := openDoc(t, map[string]string{"word/document.xml": body("秘\u200b密★|1\u00ad年", "关于某事的通知", "2024年3月1日", "（此件\u2060公开发布）")})
	a := d.Analyze()
	if a.SecrecyText != "秘密★1年" || len(a.Notes) != 1 {
		t.Fatalf("secrecy %q, notes %d", a.SecrecyText, len(a.Notes))
	}
	d2, _ := restamp(t, d, StampOptions{Record: Record{Attribute: "withheld"}, SecrecyLine: ptr("机密★5年"), Note: "（此件不予公开）"})
	if got := strings.Join(bodyTexts(d2), "|"); got != "机密★5年|关于某事的通知|2024年3月1日|（此件不予公开）" {
		t.Errorf("body %s", got)
	}
}
