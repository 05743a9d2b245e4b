package attr

import "strings"

// Basis is one legal basis from 《政府信息公开条例》 (2019, 国务院令第711号).
type Basis struct {
	ID         string   // stable id, e.g. 条例第十五条
	Article    string   // the article text, short, for help
	Ground     string   // the ground in a few words
	Attributes []string // attributes it supports
	// ReportRow is the row of the annual report (年度报告) a refusal on this
	// ground counts under; empty for bases that are not refusals.
	ReportRow string
	// Reasons are ready-made reasons a drafter can pick (typing Chinese in
	// some desktop environments is hard; see the app).
	Reasons []string
}

var catalogue = []Basis{
	// 条例第十四条 names three grounds; the bare id is the 国家秘密 one (the
	// report's 属于国家秘密 row), which only a document with a secrecy
	// level may cite (see consistency.go). The other two have their own ids.
	{ID: "条例第十四条", Ground: "依法确定为国家秘密（须标注密级）",
		Article:    "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开。",
		Attributes: []string{Withheld}, ReportRow: "属于国家秘密",
		Reasons: []string{"本文件依法确定为国家秘密"}},
	{ID: "条例第十四条（法律法规禁止）", Ground: "法律、行政法规禁止公开",
		Article:    "法律、行政法规禁止公开的政府信息，不予公开。",
		Attributes: []string{Withheld}, ReportRow: "其他法律行政法规禁止公开",
		Reasons: []string{"法律、行政法规禁止公开"}},
	{ID: "条例第十四条（三安全一稳定）", Ground: "危及国家安全、公共安全、经济安全、社会稳定",
		Article:    "公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开。",
		Attributes: []string{Withheld}, ReportRow: "危及“三安全一稳定”",
		Reasons: []string{"公开后可能危及国家安全、公共安全、经济安全、社会稳定"}},
	{ID: "条例第十五条", Ground: "商业秘密、个人隐私等第三方合法权益",
		Article:    "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。但是，第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。",
		Attributes: []string{Withheld, OnRequest, Redacted}, ReportRow: "保护第三方合法权益",
		Reasons: []string{"含有个人身份证号码、联系方式等个人隐私", "涉及企业商业秘密", "涉及第三方合法权益，未征得第三方同意"}},
	{ID: "条例第十六条第一款", Ground: "内部事务信息（人事管理、后勤管理、内部工作流程）",
		Article:    "行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。",
		Attributes: []string{Withheld, OnRequest}, ReportRow: "属于三类内部事务信息",
		Reasons: []string{"属于人事管理信息", "属于后勤管理信息", "属于内部工作流程信息"}},
	{ID: "条例第十六条第二款", Ground: "过程性信息（讨论记录、过程稿、磋商信函、请示报告）",
		Article:    "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息以及行政执法案卷信息，可以不予公开。",
		Attributes: []string{Withheld, OnRequest}, ReportRow: "属于四类过程性信息",
		Reasons: []string{"属于请示报告等过程性信息", "属于讨论记录、过程稿", "属于磋商信函"}},
	{ID: "条例第十六条第二款（行政执法案卷）", Ground: "行政执法案卷信息",
		Article:    "行政机关在履行行政管理职能过程中形成的行政执法案卷信息，可以不予公开。",
		Attributes: []string{Withheld, OnRequest}, ReportRow: "属于行政执法案卷",
		Reasons: []string{"属于行政执法案卷信息"}},
	{ID: "条例第十九条", Ground: "涉及公众利益调整、需要公众广泛知晓或者参与决策",
		Article:    "对涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，行政机关应当主动公开。",
		Attributes: []string{Public}},
	{ID: "条例第二十条", Ground: "应当主动公开的十五项信息（如规范性文件）",
		Article:    "行政机关应当依照本条例第十九条的规定，主动公开本行政机关的下列政府信息：（一）行政法规、规章和规范性文件……",
		Attributes: []string{Public}},
	{ID: "条例第二十七条", Ground: "未主动公开的信息可依申请公开",
		Article:    "除行政机关主动公开的政府信息外，公民、法人或者其他组织可以向地方各级人民政府、对外以自己名义履行行政管理职能的县级以上人民政府部门申请获取相关政府信息。",
		Attributes: []string{OnRequest},
		Reasons:    []string{"仅涉及特定对象，不需要社会公众广泛知晓", "涉及面窄，可依申请提供"}},
	{ID: "条例第三十七条", Ground: "区分处理后公开",
		Article:    "申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理的，行政机关应当向申请人提供可以公开的政府信息内容，并对不予公开的内容说明理由。",
		Attributes: []string{Redacted, OnRequest},
		Reasons:    []string{"删除个人信息后可以公开", "删除涉及商业秘密的内容后可以公开"}},
}

// Bases returns the catalogue of legal bases, in article order.
func Bases() []Basis { return append([]Basis(nil), catalogue...) }

// BasesFor returns the bases that support an attribute.
func BasesFor(attribute string) []Basis {
	var out []Basis
	for _, b := range catalogue {
		if contains(b.Attributes, attribute) {
			out = append(out, b)
		}
	}
	return out
}

// LookupBasis returns the basis with the given id. It also accepts the id
// without the 条例 prefix (第十五条) and the 《政府信息公开条例》 spelling.
func LookupBasis(id string) (Basis, bool) {
	for _, b := range catalogue {
		if b.ID == id || "条例"+id == b.ID || "《政府信息公开条例》"+strings.TrimPrefix(b.ID, "条例") == id {
			return b, true
		}
	}
	return Basis{}, false
}
