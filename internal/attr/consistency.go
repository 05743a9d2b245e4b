package attr

import (
	"fmt"
	"slices"
	"strings"

	"github.com/docattr/docattr/internal/msg"
)

// StateSecretBasis is the basis id of the 国家秘密 ground of 条例第十四条:
// the only ground on which a document carrying a secrecy level is withheld,
// and one that needs a level.
const StateSecretBasis = "条例第十四条"

// otherGrounds are the grounds of 条例第十四条 that need no secrecy level.
var otherGrounds = []string{"条例第十四条（法律法规禁止）", "条例第十四条（三安全一稳定）"}

// consistency applies the rules that tie a secrecy level to the attribute
// and its ground (保守国家秘密法; 条例第十四条): a secret document is only
// ever 不予公开 on the 国家秘密 ground, and that ground needs a level.
// Every message names the rule and a choice that passes.
func consistency(a Attribute, d Decision) []error {
	var errs []error
	level := d.Secrecy
	b, known := LookupBasis(d.Basis)
	switch {
	case level == "":
		if known && b.ID == StateSecretBasis {
			errs = append(errs, newErr(ErrSecretGroundNoLevel,
				fmt.Sprintf("依据 %s（依法确定为国家秘密）须同时标注密级：请选择密级（秘密、机密、绝密），或改用 %s", StateSecretBasis, joinZh(otherGrounds)),
				fmt.Sprintf("%s (state secret) needs a secrecy level: choose 秘密, 机密 or 绝密, or use %s", StateSecretBasis, joinEn(otherGrounds))))
		}
	case a.ID == Public || a.ID == Redacted:
		errs = append(errs, newErr(ErrSecretPublic,
			fmt.Sprintf("标有密级（%s）的文件不能%s（《保守国家秘密法》）：请选择不予公开（依据 %s），或先依法解密并说明理由", level, a.Zh, StateSecretBasis),
			fmt.Sprintf("a document classified %s can never be %s (Law on Guarding State Secrets): choose withheld on %s, or declassify it first with a reason", level, a.En, StateSecretBasis)))
	case a.ID != Withheld:
		errs = append(errs, newErr(ErrSecretNotWithheld,
			fmt.Sprintf("标有密级（%s）的文件只能不予公开（条例第十四条，依法确定为国家秘密），不能%s：请选择不予公开，或先依法解密并说明理由", level, a.Zh),
			fmt.Sprintf("a document classified %s can only be withheld as a state secret (条例第十四条), not %s: choose withheld, or declassify it first with a reason", level, a.En)))
	case d.Basis != "" && known && b.ID != StateSecretBasis:
		errs = append(errs, newErr(ErrSecretNotWithheld,
			fmt.Sprintf("标有密级（%s）的文件不予公开的依据只能是 %s（依法确定为国家秘密），不能是 %s：请改选 %s，或先依法解密并说明理由", level, StateSecretBasis, b.ID, StateSecretBasis),
			fmt.Sprintf("a document classified %s is withheld on %s (state secret) only, not %s: choose %s, or declassify it first with a reason", level, StateSecretBasis, b.ID, StateSecretBasis)))
	}
	return errs
}

// basisChoices lists the bases a decision with this attribute and level
// may cite, so that no message suggests a basis the rules then refuse.
func basisChoices(attribute, level string) []string {
	if level != "" {
		if attribute == Withheld {
			return []string{StateSecretBasis}
		}
		return nil
	}
	var out []string
	for _, b := range BasesFor(attribute) {
		if b.ID != StateSecretBasis {
			out = append(out, b.ID)
		}
	}
	return out
}

// BasisChoices is basisChoices for the doors: the basis ids a decision
// with this attribute and secrecy level may cite.
func BasisChoices(attribute, level string) []string {
	return slices.Clone(basisChoices(attribute, level))
}

func newErr(kind error, zh, en string) error { return msg.New(kind, zh, en) }

func joinZh(ids []string) string { return strings.Join(ids, "、") }
func joinEn(ids []string) string { return strings.Join(ids, ", ") }

// choiceHint is "（可选：…）" / " (choose: …)" for the bases a decision may
// cite, or nothing when none fits (a secret document that is not withheld).
func choiceHint(attribute, level string) (zh, en string) {
	ids := basisChoices(attribute, level)
	if len(ids) == 0 {
		return "", ""
	}
	return "（可选：" + joinZh(ids) + "）", " (choose: " + joinEn(ids) + ")"
}
