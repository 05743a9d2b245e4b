package scan

import (
	"strings"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
)

// Conflicts are marks that cannot all be true (DOMAIN §3: a secret
// document can never be 主动公开):
//   - a secrecy mark together with （此件公开发布） or 信息公开选项：主动公开;
//   - docattr's embedded record says public while a secrecy mark is printed;
//   - the record's secrecy level or period differs from the printed line
//     (including a record with a level and no printed line).

// conflicts returns the conflict findings of d.
func conflicts(d *docx.Document, an *analysis, m markResult) []Finding {
	var out []Finding
	add := func(excerpt, loc, part string, para int, message string) {
		out = append(out, Finding{Kind: KindConflict, Severity: Block, Excerpt: excerpt, Location: loc,
			Part: part, Para: para, Basis: basisSecret, Message: message})
	}
	if len(m.secrecy) > 0 {
		for _, p := range d.Paragraphs {
			if p.Where == docx.Comment || !strings.Contains(p.Text, "公开") || !publicNote(p.Text) {
				continue
			}
			add(m.secrecy[0]+" / "+docx.Compact(p.Text), p.Location(), p.Part, p.Index,
				"文件同时标有密级标志和“主动公开”标注，涉密文件不得公开，二者矛盾")
		}
	}
	rec := d.Record()
	if rec == nil {
		return out
	}
	printed := ""
	if a := an.get(); a.Secrecy != nil {
		printed = a.SecrecyText
	} else if len(m.secrecy) > 0 {
		printed = m.secrecy[0]
	}
	if rec.Attribute == attr.Public && printed != "" {
		add("记录：主动公开 / 文中："+printed, "文档属性", docx.CustomPropsPart, 0,
			"文件内记录的公开属性为主动公开，但文中有密级标志，二者矛盾")
	}
	level, period := attr.ParseSecrecyLine(printed)
	if rec.Secrecy != level || (level != "" && rec.Period != period) {
		recLine := attr.SecrecyLine(rec.Secrecy, rec.Period)
		if recLine == "" {
			recLine = "非密"
		}
		shown := printed
		if shown == "" {
			shown = "无密级标志"
		}
		add("记录："+recLine+" / 文中："+shown, "文档属性", docx.CustomPropsPart, 0,
			"文件内记录的密级与文中印制的密级标志不一致，请核对")
	}
	return out
}

// publicNote reports whether text is a proactive-disclosure note in any
// wording docx knows: （此件公开发布）, （此文公开发布）, 信息公开选项：主动公开, ….
func publicNote(text string) bool {
	a, ok := docx.NoteAttribute(text)
	return ok && a == attr.Public
}
