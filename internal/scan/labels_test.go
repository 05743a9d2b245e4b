package scan

import "testing"

func TestEveryKindHasALabel(t *testing.T) {
	kinds := []string{KindIDCard, KindMobile, KindBankCard, KindSecrecyMark, KindProcessMarker, KindRestrictionNote,
		KindHiddenComment, KindTrackedChange, KindHiddenText, KindAuthorMetadata, KindEmbeddedObject, KindConflict}
	seen := map[string]string{}
	for _, k := range kinds {
		zh, en := KindLabel(k)
		if zh == k || en == k || zh == "" || en == "" {
			t.Errorf("kind %s has no label: %q %q", k, zh, en)
		}
		if other, dup := seen[zh]; dup {
			t.Errorf("kinds %s and %s share the label %s", k, other, zh)
		}
		seen[zh] = k
	}
	if zh, en := KindLabel("future_kind"); zh != "future_kind" || en != "future_kind" {
		t.Errorf("unknown kind labelled %q %q, want the id", zh, en)
	}
	for _, s := range []Severity{Block, Warn, Info} {
		if zh, _ := SeverityLabel(s); zh == string(s) {
			t.Errorf("severity %s has no label", s)
		}
	}
}
