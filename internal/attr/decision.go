package attr

import (
	"errors"
	"fmt"
	"strings"

	"github.com/docattr/docattr/internal/msg"
)

// Decision is what a drafter (or a signer) decides for one document.
type Decision struct {
	Attribute      string // attribute id
	Basis          string // basis id
	Reason         string
	Secrecy        string // level: "", 秘密, 机密, 绝密
	Period         string // "" = legal maximum
	PolicyDoc      bool   // 政策性文件
	Interpretation string // 解读材料 (file name); required for public policy documents
	// DocType is the document type (规范性文件, 政策性文件, 其他, or another
	// of the settings' list); "" when not given.
	DocType string
	// InterpretationSHA256 is the hex SHA-256 of the 解读材料 file.
	InterpretationSHA256 string
	// Classification is the 定密 record of the level (who, on what ground,
	// for whom, original or derived).
	Classification
}

// Classification is the 定密 record: 定密责任人, 定密依据 (the item of the
// 保密事项范围), 知悉范围, and for a 派生定密 the source document's 文号.
type Classification struct {
	Classifier   string // 定密责任人
	SecrecyBasis string // 定密依据
	Scope        string // 知悉范围
	DerivedFrom  string // 派生定密的来源文号; "" = 原始定密
}

// Empty reports whether no field of the 定密 record is given.
func (c Classification) Empty() bool {
	return c.Classifier == "" && c.SecrecyBasis == "" && c.Scope == "" && c.DerivedFrom == ""
}

// Kind returns 原始定密 or 派生定密.
func (c Classification) Kind() string {
	if c.DerivedFrom != "" {
		return "派生定密"
	}
	return "原始定密"
}

// Text describes the record for people: "定密责任人 王五；定密依据 …；
// 知悉范围 …；派生定密（源自 …）"; "" when empty.
func (c Classification) Text() string {
	if c.Empty() {
		return ""
	}
	var parts []string
	for _, f := range [][2]string{{"定密责任人 ", c.Classifier}, {"定密依据 ", c.SecrecyBasis}, {"知悉范围 ", c.Scope}} {
		if f[1] != "" {
			parts = append(parts, f[0]+f[1])
		}
	}
	k := c.Kind()
	if c.DerivedFrom != "" {
		k += "（源自 " + c.DerivedFrom + "）"
	}
	return strings.Join(append(parts, k), "；")
}

// Previous is what the document carried before this decision, for the
// rules that look at changes.
type Previous struct {
	Attribute string
	Secrecy   string
}

// Validate checks a decision against the rules and returns every problem
// joined (errors.Is works on each), or nil.
func Validate(d Decision, prev Previous) error {
	var errs []error
	a, ok := Lookup(d.Attribute)
	if !ok {
		_, err := ParseAttribute(d.Attribute)
		return err
	}
	if d.Secrecy != "" && LevelRank(d.Secrecy) == 0 {
		errs = append(errs, msg.New(ErrBadSecrecy, fmt.Sprintf("未知的密级 %q", d.Secrecy), fmt.Sprintf("unknown secrecy level %q", d.Secrecy)))
	}
	errs = append(errs, consistency(a, d)...)
	reason := strings.TrimSpace(d.Reason)
	hintZh, hintEn := choiceHint(a.ID, d.Secrecy)
	if d.Basis != "" {
		b, ok := LookupBasis(d.Basis)
		switch {
		case !ok:
			errs = append(errs, msg.New(ErrUnknownBasis,
				fmt.Sprintf("未知的法律依据 %q%s", d.Basis, hintZh),
				fmt.Sprintf("unknown legal basis %q%s", d.Basis, hintEn)))
		case !contains(b.Attributes, a.ID):
			errs = append(errs, msg.New(ErrBasisMismatch,
				fmt.Sprintf("%s 不能作为“%s”的依据%s", b.ID, a.Zh, hintZh),
				fmt.Sprintf("%s does not support %s%s", b.ID, a.En, hintEn)))
		}
	}
	if a.NeedsBasis {
		if d.Basis == "" {
			errs = append(errs, msg.New(ErrNeedsBasis,
				fmt.Sprintf("“%s”须注明法律依据%s", a.Zh, hintZh),
				fmt.Sprintf("%s needs a legal basis%s", a.En, hintEn)))
		}
		if reason == "" {
			errs = append(errs, msg.New(ErrNeedsReason, fmt.Sprintf("“%s”须说明理由", a.Zh), fmt.Sprintf("%s needs a reason", a.En)))
		}
	}
	if d.DocType == TypeNormative && a.ID != Public {
		errs = append(errs, msg.New(ErrNormativePublic,
			fmt.Sprintf("规范性文件应当主动公开（条例第二十条第一项；国办发〔2018〕37号），不能%s：请选择主动公开（依据 条例第二十条），或核实文件类型", a.Zh),
			fmt.Sprintf("a 规范性文件 (normative document) must be public (条例第二十条第一项; 国办发〔2018〕37号), not %s: choose public, or check the document type", a.En)))
	}
	if a.ID == Public && (d.PolicyDoc || d.DocType == TypePolicy) && strings.TrimSpace(d.Interpretation) == "" {
		errs = append(errs, msg.New(ErrNeedsInterp, "政策性文件主动公开须同时提供解读材料（谁起草、谁解读）",
			"a policy document marked public needs its interpretation material"))
	}
	if LevelRank(d.Secrecy) < LevelRank(prev.Secrecy) && reason == "" {
		to := d.Secrecy
		if to == "" {
			to = "无密级"
		}
		errs = append(errs, msg.New(ErrDowngrade,
			fmt.Sprintf("密级由%s降为%s，须说明理由", prev.Secrecy, to),
			fmt.Sprintf("lowering the secrecy level from %s needs a reason", prev.Secrecy)))
	}
	return errors.Join(errs...)
}

// MarkText returns the printed disclosure mark for an attribute in a style
// ("note" or "option").
func MarkText(attribute, style string) string {
	a, ok := Lookup(attribute)
	if !ok {
		return ""
	}
	if style == "option" {
		return a.Option
	}
	return a.Note
}

// Messages splits a joined validation error into its bilingual messages.
func Messages(err error) (zh, en []string) {
	if err == nil {
		return nil, nil
	}
	list := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		if _, isMsg := err.(*msg.Error); !isMsg {
			list = j.Unwrap()
		}
	}
	for _, e := range list {
		zh = append(zh, msg.Zh(e))
		en = append(en, msg.En(e))
	}
	return zh, en
}
