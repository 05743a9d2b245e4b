package stats

import (
	"slices"
	"testing"

	"github.com/docattr/docattr/internal/audit"
)

func dated(e audit.Event, date, docType string) audit.Event {
	e.Details = map[string]string{DetailIssueDate: date}
	if docType != "" {
		e.Details["doc_type"] = docType
	}
	return e
}

func lifecycleEvent(doc, state, date string) audit.Event {
	return audit.Event{Type: audit.TypeLifecycle, DocID: doc, Time: at(2026, 1, 1, 9, 0, beijing),
		Details: map[string]string{"state": state, "date": date}}
}

// The signer's decision wins over the drafter's; the year and month are
// the 成文日期's; a document never signed is counted apart; the 规范性文件
// row counts issued, repealed and in-force documents by their dates.
func TestDecisionDateAndNormativeRow(t *testing.T) {
	b := NewBuilder(2026)
	evs := []audit.Event{
		// P: drafter proposes 依申请公开, the signer issues it 主动公开; dated
		// 2026-03-20 though marked in December 2025 and signed in 2026.
		dated(mark("P", "on-request", "条例第二十七条", drafterZ, at(2025, 12, 20, 9, 0, beijing)), "2026-03-20", Normative),
		sign("P", "public", "", at(2026, 1, 5, 9, 0, beijing)),
		// Q: 规范性文件 issued 2024, repealed in 2026.
		dated(mark("Q", "public", "", drafterZ, at(2024, 5, 1, 9, 0, beijing)), "2024-05-01", Normative),
		sign("Q", "public", "", at(2024, 5, 2, 9, 0, beijing)),
		lifecycleEvent("Q", "repealed", "2026-06-30"),
		lifecycleEvent("Q", "published", "2026-07-01"), // the notice put on the website: no change of state
		// a 解密: no change of force either
		lifecycleEvent("Q", "declassified", "2026-08-01"),
		// R: 规范性文件 issued 2025, in force; amended in 2026 (still in force).
		dated(mark("R", "public", "", drafterL, at(2025, 2, 1, 9, 0, beijing)), "2025-02-01", Normative),
		sign("R", "public", "", at(2025, 2, 2, 9, 0, beijing)),
		lifecycleEvent("R", "amended", "2026-02-01"),
		// S: 规范性文件 expired 2025: neither repealed this year nor in force.
		dated(mark("S", "public", "", drafterL, at(2023, 2, 1, 9, 0, beijing)), "2023-02-01", Normative),
		sign("S", "public", "", at(2023, 2, 2, 9, 0, beijing)),
		lifecycleEvent("S", "expired", "2025-12-31"),
		// U: marked twice, never signed: apart, by its latest mark.
		mark("U", "public", "", drafterW, at(2026, 4, 1, 9, 0, beijing)),
		mark("U", "withheld", "条例第十四条（三安全一稳定）", drafterW, at(2026, 4, 2, 9, 0, beijing)),
		// V: withheld for 三安全一稳定 and W withheld under the bare 第十四条
		// without a level: neither is 国家秘密.
		sign("V", "withheld", "条例第十四条（三安全一稳定）", at(2026, 8, 1, 9, 0, beijing)),
		sign("W", "withheld", "条例第十四条", at(2026, 8, 2, 9, 0, beijing)),
		// X: signed secret, 国家秘密.
		{Type: audit.TypeReviewSign, DocID: "X", Attribute: "withheld", Basis: "条例第十四条", Secrecy: "秘密★1年", Time: at(2026, 9, 1, 9, 0, beijing)},
	}
	for _, e := range evs {
		b.Add("甲局", e)
	}
	r := b.Report()
	if r.Documents != 4 || r.Unsigned != 1 {
		t.Fatalf("signed %d unsigned %d, want 4 (P V W X) and 1 (U)", r.Documents, r.Unsigned)
	}
	if got := values(r.ByAttribute); !slices.Equal(got["主动公开"], []int{1}) || !slices.Equal(got["依申请公开"], []int{0}) {
		t.Errorf("by attribute %v: P counts 主动公开 as signed", got)
	}
	if got := values(r.ByMonth); !slices.Equal(got["3月"], []int{1, 0, 0, 1}) {
		t.Errorf("March %v, want P by its 成文日期", got["3月"])
	}
	if got := values(r.NotSigned); !slices.Equal(got["不予公开"], []int{1}) {
		t.Errorf("unsigned %v", got)
	}
	g := values(r.ByGround)
	if !slices.Equal(g["第十四条：危及“三安全一稳定”"], []int{0, 0, 1, 1}) || !slices.Equal(g["第十四条：依法确定为国家秘密"], []int{0, 0, 1, 1}) ||
		!slices.Equal(g["第十四条：未区分具体情形（无密级）"], []int{0, 0, 1, 1}) {
		t.Errorf("grounds %v", g)
	}
	if got := values(r.ByType); !slices.Equal(got[Normative], []int{1, 0, 0, 1}) {
		t.Errorf("by type %v", got)
	}
	if got := r.NormativeRow.Rows[0].Values; !slices.Equal(got, []int{1, 1, 2}) {
		t.Errorf("规范性文件 制发/废止/现行有效 = %v, want [1 1 2] (P; Q; P R)", got)
	}
	if got := values(r.Lifecycle); !slices.Equal(got["已废止"], []int{1}) || !slices.Equal(got["已修改"], []int{1}) || !slices.Equal(got["已失效"], []int{0}) || got["其他"] != nil {
		t.Errorf("lifecycle %v", got)
	}
}
