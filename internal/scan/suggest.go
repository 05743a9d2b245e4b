package scan

import (
	"strings"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/lazyre"
)

// suggest turns findings into an attribute. The strongest ground wins:
//
//  1. a secrecy mark or a conflict → withheld, 条例第十四条;
//  2. 工作秘密 → withheld, 条例第十六条第一款 (it needs the unit's approval
//     before any publication);
//  3. a draft-stage marker → withheld, 条例第十六条第二款 (过程性信息),
//     except a 征求意见稿 meant for public comment, which stays public;
//  4. a restriction note (内部资料 …) → withheld, 条例第十六条第一款;
//  5. personal data (ID, bank card, mobile) → on-request, 条例第十五条,
//     with the advice to delete or mask it before publication; when it is
//     the strongest ground and every number can be masked, Redact names
//     the kinds to mask so that the document can be published
//     (遮盖后主动公开, 条例第三十七条);
//  6. otherwise public.
//
// Reasons name every ground found, strongest first; hidden data adds a
// reminder to clean the file but does not change the attribute.
func suggest(fs []Finding, publicComment bool) Suggestion {
	has := map[string]int{}
	commentDraftOnly := true
	for _, f := range fs {
		if f.Severity == Info {
			continue // author names, embedded objects, tracking switched on
		}
		has[f.Kind]++
		if f.Kind == KindProcessMarker && !(publicComment && strings.Contains(f.Excerpt, "征求意见稿")) {
			commentDraftOnly = false
		}
	}
	s := Suggestion{Attribute: attr.Public, Reasons: []string{}}
	set := func(attribute, basis string) { // the first (strongest) ground wins
		if s.Basis == "" {
			s.Attribute, s.Basis = attribute, basis
		}
	}
	reason := func(r string) { s.Reasons = append(s.Reasons, r) }
	if has[KindSecrecyMark] > 0 {
		set(attr.Withheld, basisSecret)
		reason("文件标有国家秘密密级标志，依据《政府信息公开条例》第十四条，涉密信息不予公开。")
	}
	if has[KindConflict] > 0 {
		set(attr.Withheld, basisSecret)
		reason("文件的密级标志与公开标注或文件内记录相矛盾，在核实密级之前应按不予公开处理。")
	}
	if has[KindWorkSecret] > 0 {
		set(attr.Withheld, basisInternal)
		reason("文件标有工作秘密，不属于国家秘密，但未经批准不得公开；主动公开或依申请公开前须确认已解除并删除该标志。")
	}
	if has[KindProcessMarker] > 0 {
		if commentDraftOnly {
			reason("文件为拟向社会公开征求意见的征求意见稿，可以主动公开；请在公开时注明征求意见的期限和方式。")
		} else {
			set(attr.Withheld, basisProcess)
			reason("标题或标题行标有征求意见稿、讨论稿、送审稿、草案或请示等字样，属于过程稿、请示报告等过程性信息，依据《政府信息公开条例》第十六条第二款可以不予公开。")
		}
	}
	if has[KindRestrictionNote] > 0 {
		set(attr.Withheld, basisInternal)
		reason("文件标有“内部资料”“不得翻印”等限制传播的标注，一般属于内部事务信息，依据《政府信息公开条例》第十六条第一款可以不予公开；如确需公开，请先删除该标注。")
	}
	if n := has[KindIDCard] + has[KindBankCard] + has[KindMobile]; n > 0 {
		set(attr.OnRequest, basisPrivacy)
		if s.Basis == basisPrivacy && maskable(fs) {
			for _, k := range []string{KindIDCard, KindMobile, KindBankCard} {
				if has[k] > 0 {
					s.Redact = append(s.Redact, k)
				}
			}
			reason("文件含有公民身份号码、银行卡号或个人手机号码等个人隐私，依据《政府信息公开条例》第十五条不得直接公开，建议删除或遮盖后再公开：遮盖后可主动公开（条例第三十七条）；未处理前宜依申请公开。")
		} else {
			reason("文件含有公民身份号码、银行卡号或个人手机号码等个人隐私，依据《政府信息公开条例》第十五条不得直接公开，建议删除或遮盖后再公开；未处理前宜依申请公开。")
		}
	}
	if has[KindEmbeddedUnreadable] > 0 {
		reason("文件含有无法检查的嵌入内容，Word 打开时会显示；核对其内容之前不宜公开。")
	}
	if has[KindHiddenComment]+has[KindTrackedChange]+has[KindHiddenText] > 0 {
		reason("文件含有批注、修订记录或隐藏文字，公开前请用“清理隐藏信息”清除。")
	}
	if len(s.Reasons) == 0 {
		reason("未发现涉密标志、个人隐私、过程稿标注等不宜公开的内容，可以主动公开。")
	}
	return s
}

// maskable reports whether every personal number found can be masked in
// place (none is inside an embedded document).
func maskable(fs []Finding) bool {
	for _, f := range fs {
		if (f.Kind == KindIDCard || f.Kind == KindMobile || f.Kind == KindBankCard) && f.InEmbedded() {
			return false
		}
	}
	return true
}

// Phrases that say a 征求意见稿 is itself being published for comment, as
// opposed to prose about consulting the public in general.
var rePublicComment = lazyre.New(
	`(现|特|予以)[^。；]{0,40}(向社会|面向社会|向公众|向社会公众|向社会各界)[^。；]{0,12}(公开)?征求(意见|建议)` +
		`|公开征求意见的(通知|公告)|征求意见(的)?截止(时间|日期)|意见反馈截止|欢迎社会各界[^。；]{0,20}提出(意见|建议)` +
		`|请于[^。；]{0,20}前[^。；]{0,30}(反馈|提出)[^。；]{0,6}意见`)

// forPublicComment reports whether d is a draft published for public
// comment: a centred title line says 公开征求意见, or some paragraph carries
// one of rePublicComment's phrases.
func forPublicComment(d *docx.Document) bool {
	for _, p := range d.Paragraphs {
		if p.Where == docx.Comment || hintsOf(p.Text)&hintComment == 0 {
			continue
		}
		c := compact(p.Text)
		if p.Center && strings.Contains(c, "公开征求意见") || rePublicComment.MatchString(c) {
			return true
		}
	}
	return false
}
