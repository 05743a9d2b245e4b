package audit

import "testing"

// TestFindingsTextNamesKinds: exports name finding kinds as people call
// them (scan's one label table); a kind the table does not know stays as
// its id.
func TestFindingsTextNamesKinds(t *testing.T) {
	got := FindingsText([]FindingRef{
		{Kind: "id_card", Severity: "block", Excerpt: "1101…", Location: "正文第3段"},
		{Kind: "future_kind", Severity: "warn", Excerpt: "x"},
	})
	if want := "须处理 身份证号：1101…（正文第3段）；注意 future_kind：x"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
