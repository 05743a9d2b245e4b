package marker

import (
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
)

// TestClassificationWarnings: a level set, raised, lowered or removed
// without its 定密 record is named part by part; a kept level is not.
func TestClassificationWarnings(t *testing.T) {
	full := attr.Classification{Classifier: "王五", SecrecyBasis: "第三项", Scope: "班子成员"}
	cases := []struct {
		name    string
		v       Verdict
		want    []string
		wantNot []string
	}{
		{"kept level", Verdict{Decision: attr.Decision{Secrecy: "秘密"}}, nil, nil},
		{"full record", Verdict{SecrecySet: true, Decision: attr.Decision{Secrecy: "秘密", Classification: full}}, nil, nil},
		{"nothing recorded", Verdict{SecrecySet: true, Decision: attr.Decision{Secrecy: "机密"}},
			[]string{"定密责任人", "定密依据", "知悉范围"}, nil},
		{"removal needs no 知悉范围", Verdict{SecrecySet: true, Decision: attr.Decision{}},
			[]string{"定密责任人", "定密依据"}, []string{"知悉范围"}},
		{"scope missing", Verdict{SecrecySet: true, Decision: attr.Decision{Secrecy: "秘密",
			Classification: attr.Classification{Classifier: "王五", SecrecyBasis: "第三项"}}}, []string{"知悉范围"}, []string{"定密责任人（"}},
	}
	for _, c := range cases {
		w := strings.Join(c.v.classificationWarnings(), "\n")
		if (len(c.want) == 0) != (w == "") {
			t.Errorf("%s: %q", c.name, w)
		}
		for _, s := range c.want {
			if !strings.Contains(w, s) {
				t.Errorf("%s: %q lacks %s", c.name, w, s)
			}
		}
		for _, s := range c.wantNot {
			if strings.Contains(w, s) {
				t.Errorf("%s: %q names %s", c.name, w, s)
			}
		}
	}
}
